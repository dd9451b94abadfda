"""Partner banks and who accompanies which group."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
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


# --- credit: schemes, applications and the thresholds of credit readiness -----------------------


class CreditScheme(models.Model):
    """A credit product a group may apply for (KUR Super Mikro, Mikro, Kecil, a bank's own).

    Its limits are data: the amount asked must lie within ``min_amount`` and ``max_amount``
    (both inclusive). A scheme without a bank is offered by every partner bank (KUR).
    """

    code = models.CharField(_("kode"), max_length=30, unique=True)
    name = models.CharField(_("nama skema"), max_length=120)
    bank = models.ForeignKey(
        Bank,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_schemes",
        verbose_name=_("bank"),
        help_text=_("Kosongkan bila skema ditawarkan semua bank mitra (mis. KUR)."),
    )
    min_amount = models.DecimalField(_("plafon terendah (Rp)"), max_digits=14, decimal_places=0)
    max_amount = models.DecimalField(_("plafon tertinggi (Rp)"), max_digits=14, decimal_places=0)
    is_active = models.BooleanField(_("aktif"), default=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["min_amount", "name"]
        verbose_name = _("skema kredit")
        verbose_name_plural = _("skema kredit")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_amount__gt=0), name="credit_scheme_min_positive"
            ),
            models.CheckConstraint(
                condition=Q(max_amount__gte=models.F("min_amount")),
                name="credit_scheme_max_not_below_min",
                violation_error_message=_("Plafon tertinggi tidak boleh di bawah plafon terendah."),
            ),
        ]

    def __str__(self):
        return self.name


class CreditApplicationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Credit applications.

        | role       | sees                                                   |
        |------------|--------------------------------------------------------|
        | official   | all applications                                       |
        | mentor     | applications of the groups they accompany today        |
        | others     | none                                                   |
        """
        if not user.is_authenticated:
            return self.none()
        if roles.is_official(user):
            return self
        if roles.is_mentor(user):
            return self.filter(group__in=IkmGroup.objects.visible_to(user).values("pk"))
        return self.none()

    def open(self):
        """Applications still being prepared or waiting for the bank's decision."""
        return self.filter(
            status__in=[CreditApplication.Status.DRAFT, CreditApplication.Status.SUBMITTED]
        )

    def granted(self):
        """Applications a bank approved (and possibly disbursed): what makes a group mandiri."""
        return self.filter(
            status__in=[CreditApplication.Status.APPROVED, CreditApplication.Status.DISBURSED]
        )


class CreditApplication(models.Model):
    """A group's application for bank credit, from draft to the bank's decision and payout.

    The status moves only through ``mentoring.services_credit`` (draft → submitted → approved
    or rejected; approved → disbursed). An approved application makes the group mandiri.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        SUBMITTED = "submitted", _("Diajukan")
        APPROVED = "approved", _("Disetujui")
        REJECTED = "rejected", _("Ditolak")
        DISBURSED = "disbursed", _("Dicairkan")

    group = models.ForeignKey(
        IkmGroup,
        on_delete=models.PROTECT,
        related_name="credit_applications",
        verbose_name=_("kelompok"),
    )
    bank = models.ForeignKey(
        Bank, on_delete=models.PROTECT, related_name="credit_applications", verbose_name=_("bank")
    )
    scheme = models.ForeignKey(
        CreditScheme,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("skema"),
    )
    amount_requested = models.DecimalField(
        _("jumlah diajukan (Rp)"), max_digits=14, decimal_places=0
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    submitted_on = models.DateField(_("tanggal diajukan"), null=True, blank=True)
    amount_approved = models.DecimalField(
        _("jumlah disetujui (Rp)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    decided_on = models.DateField(_("tanggal keputusan"), null=True, blank=True)
    disbursed_on = models.DateField(_("tanggal pencairan"), null=True, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("dicatat oleh"),
    )
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    history = HistoricalRecords()
    objects = CreditApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("pengajuan kredit")
        verbose_name_plural = _("pengajuan kredit")
        indexes = [models.Index(fields=["group", "status"]), models.Index(fields=["status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_requested__gt=0),
                name="credit_application_amount_positive",
                violation_error_message=_("Jumlah yang diajukan harus lebih dari nol."),
            ),
            models.CheckConstraint(
                condition=Q(amount_approved__isnull=True)
                | (Q(amount_approved__gt=0) & Q(amount_approved__lte=models.F("amount_requested"))),
                name="credit_application_approved_within_requested",
                violation_error_message=_(
                    "Jumlah disetujui harus lebih dari nol dan tidak melebihi jumlah diajukan."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_on__isnull=False),
                name="credit_application_submitted_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["approved", "rejected", "disbursed"])
                | Q(decided_on__isnull=False),
                name="credit_application_decided_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["approved", "disbursed"])
                | Q(amount_approved__isnull=False),
                name="credit_application_approved_has_amount",
            ),
            models.CheckConstraint(
                condition=~Q(status="disbursed") | Q(disbursed_on__isnull=False),
                name="credit_application_disbursed_has_date",
            ),
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True) | Q(decided_on__gte=models.F("submitted_on")),
                name="credit_application_decided_after_submitted",
                violation_error_message=_(
                    "Tanggal keputusan tidak boleh sebelum tanggal diajukan."
                ),
            ),
            models.CheckConstraint(
                condition=Q(disbursed_on__isnull=True)
                | Q(disbursed_on__gte=models.F("decided_on")),
                name="credit_application_disbursed_after_decided",
                violation_error_message=_(
                    "Tanggal pencairan tidak boleh sebelum tanggal keputusan."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.scheme} {self.group.code if self.group_id else ''}".strip()

    def get_absolute_url(self):
        return reverse("mentoring:credit_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.SUBMITTED)


class ReadinessRule(models.Model):
    """The thresholds of credit readiness: one row, seeded by a migration, edited by officials.

    Readiness itself is never stored: ``mentoring.readiness`` computes it from the records
    against these numbers.
    """

    months_running = models.PositiveSmallIntegerField(
        _("usaha berjalan minimal (bulan)"), default=6
    )
    consecutive_verified_reports = models.PositiveSmallIntegerField(
        _("laporan pembukuan terverifikasi berturut-turut (bulan)"), default=6
    )
    profitable_months = models.PositiveSmallIntegerField(_("bulan berlaba minimal"), default=4)
    profit_window_months = models.PositiveSmallIntegerField(_("dari bulan terakhir"), default=6)
    session_within_months = models.PositiveSmallIntegerField(
        _("sesi pendampingan dalam (bulan) terakhir"), default=3
    )
    npwp_loan_threshold = models.DecimalField(
        _("NPWP wajib bila pinjaman di atas (Rp)"),
        max_digits=14,
        decimal_places=0,
        default=50_000_000,
    )
    sales_within_months = models.PositiveSmallIntegerField(
        _("penjualan lewat gerai dalam (bulan) terakhir"), default=6
    )
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    history = HistoricalRecords()
    objects = ReferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("aturan kesiapan kredit")
        verbose_name_plural = _("aturan kesiapan kredit")
        constraints = [
            models.CheckConstraint(
                condition=Q(profitable_months__lte=models.F("profit_window_months")),
                name="readiness_profitable_within_window",
                violation_error_message=_(
                    "Jumlah bulan berlaba tidak boleh melebihi jumlah bulan yang dinilai."
                ),
            ),
            models.CheckConstraint(
                condition=Q(consecutive_verified_reports__gte=1)
                & Q(profit_window_months__gte=1)
                & Q(session_within_months__gte=1)
                & Q(sales_within_months__gte=1),
                name="readiness_windows_positive",
                violation_error_message=_("Jumlah bulan harus paling sedikit 1."),
            ),
        ]

    def __str__(self):
        return str(_("Aturan kesiapan kredit"))

    @classmethod
    def current(cls) -> "ReadinessRule":
        """The one row of thresholds (the defaults if it was removed)."""
        rule = cls.objects.order_by("pk").first()
        return rule if rule is not None else cls()
