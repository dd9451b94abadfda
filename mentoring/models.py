"""Partner banks and who accompanies which group."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from groups.models import IkmGroup, ReferenceQuerySet
from palu_ikm import roles


class Bank(models.Model):
    """A partner bank whose staff mentor groups in bookkeeping and decide on credit."""

    code = models.CharField(_("kode"), max_length=20, unique=True)
    name = models.CharField(_("nama bank"), max_length=120)
    is_active = models.BooleanField(_("aktif"), default=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("bank")
        verbose_name_plural = _("bank")

    def __str__(self):
        return self.name


class MentorAssignmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Assignments: officials see all, a mentor their own (past ones too), others none."""
        if not user.is_authenticated:
            return self.none()
        if roles.is_official(user):
            return self
        if roles.is_mentor(user):
            return self.filter(mentor=user)
        return self.none()

    def active_on(self, day=None):
        day = day or timezone.localdate()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day), starts_on__lte=day)


class MentorAssignment(models.Model):
    """A mentor of a bank accompanies a group from one day to (optionally) another.

    The mentor's access to the group lasts exactly as long as an assignment is active.
    """

    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="mentor_assignments",
        verbose_name=_("pendamping"),
    )
    bank = models.ForeignKey(
        Bank, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("bank")
    )
    group = models.ForeignKey(
        IkmGroup,
        on_delete=models.PROTECT,
        related_name="mentor_assignments",
        verbose_name=_("kelompok"),
    )
    starts_on = models.DateField(_("mulai"), default=timezone.localdate)
    ends_on = models.DateField(_("selesai"), null=True, blank=True)
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    history = HistoricalRecords()
    objects = MentorAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "id"]
        verbose_name = _("penugasan pendamping")
        verbose_name_plural = _("penugasan pendamping")
        indexes = [models.Index(fields=["mentor", "group"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="assignment_ends_after_start",
                violation_error_message=_("Tanggal selesai tidak boleh sebelum tanggal mulai."),
            ),
        ]

    def __str__(self):
        return f"{self.mentor} → {self.group.code}"

    @property
    def is_active(self) -> bool:
        today = timezone.localdate()
        return self.starts_on <= today and (self.ends_on is None or self.ends_on >= today)
