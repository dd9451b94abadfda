"""Perusda's outlets across Sulawesi Tengah and the clerks who staff them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from groups.models import ReferenceQuerySet
from palu_ikm import roles


class Regency(models.Model):
    """A kabupaten/kota of Sulawesi Tengah (Kemendagri code kept as it is, e.g. 72.01)."""

    class Kind(models.TextChoices):
        KABUPATEN = "Kabupaten", _("Kabupaten")
        KOTA = "Kota", _("Kota")

    code = models.CharField(_("kode Kemendagri"), max_length=5, unique=True)
    bps_code = models.CharField(_("kode BPS"), max_length=4, blank=True)
    name = models.CharField(_("nama"), max_length=80)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    capital = models.CharField(_("ibu kota"), max_length=80, blank=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("kabupaten/kota")
        verbose_name_plural = _("kabupaten/kota")

    def __str__(self):
        return f"{self.get_kind_display()} {self.name}"


def staffed_outlet_ids(user):
    """Subquery of the outlets the user staffs today."""
    today = timezone.localdate()
    return OutletStaff.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today), user=user, starts_on__lte=today
    ).values("outlet_id")


class OutletQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Outlets the user may see.

        | role       | sees                               |
        |------------|------------------------------------|
        | official   | all (read)                         |
        | perusda    | all                                |
        | clerk      | the outlets they staff today       |
        | mentor     | none                               |
        | other/anon | none                               |
        """
        if not user.is_authenticated:
            return self.none()
        if roles.is_official(user) or roles.is_perusda(user):
            return self
        if roles.is_clerk(user):
            return self.filter(pk__in=staffed_outlet_ids(user))
        return self.none()

    def active(self):
        return self.filter(is_active=True)


class Outlet(models.Model):
    """A Perusda retail outlet (gerai) in a regency."""

    code = models.CharField(_("kode gerai"), max_length=20, unique=True)
    name = models.CharField(_("nama gerai"), max_length=120)
    regency = models.ForeignKey(
        Regency, on_delete=models.PROTECT, related_name="outlets", verbose_name=_("kabupaten/kota")
    )
    address = models.CharField(_("alamat"), max_length=255, blank=True)
    phone = models.CharField(_("telepon"), max_length=20, blank=True)
    opened_on = models.DateField(_("dibuka"), null=True, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    history = HistoricalRecords()
    objects = OutletQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("gerai")
        verbose_name_plural = _("gerai")

    def __str__(self):
        return self.name


class OutletStaffQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff rows: officials and Perusda see all; a clerk sees their own; others none."""
        if not user.is_authenticated:
            return self.none()
        if roles.is_official(user) or roles.is_perusda(user):
            return self
        if roles.is_clerk(user):
            return self.filter(user=user)
        return self.none()

    def active_on(self, day=None):
        day = day or timezone.localdate()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day), starts_on__lte=day)


class OutletStaff(models.Model):
    """A clerk works at an outlet for a period; their access to it lasts as long."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="outlet_posts",
        verbose_name=_("kasir"),
    )
    outlet = models.ForeignKey(
        Outlet, on_delete=models.PROTECT, related_name="staff", verbose_name=_("gerai")
    )
    starts_on = models.DateField(_("mulai"), default=timezone.localdate)
    ends_on = models.DateField(_("selesai"), null=True, blank=True)

    history = HistoricalRecords()
    objects = OutletStaffQuerySet.as_manager()

    class Meta:
        ordering = ["outlet", "user"]
        verbose_name = _("staf gerai")
        verbose_name_plural = _("staf gerai")
        indexes = [models.Index(fields=["user", "outlet"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="outlet_staff_ends_after_start",
                violation_error_message=_("Tanggal selesai tidak boleh sebelum tanggal mulai."),
            ),
        ]

    def __str__(self):
        return f"{self.user} @ {self.outlet}"
