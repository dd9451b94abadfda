"""Partner banks, who accompanies which group, mentoring sessions and monthly bookkeeping."""

import os

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from groups.models import IkmGroup, Member, ReferenceQuerySet
from groups.storage import private_storage, random_name
from groups.validators import UploadValidator
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


# --- mentoring sessions and monthly bookkeeping (sessions/bookkeeping part) --------------------


def session_attachment_path(instance, filename: str) -> str:
    return random_name("mentoring-sessions", filename)


class Topic(models.TextChoices):
    """The fixed list of what a mentoring session can be about."""

    BOOKKEEPING = "bookkeeping", _("Pembukuan")
    PRODUCTION = "production", _("Kualitas produksi")
    MANAGEMENT = "management", _("SDM / manajemen")
    MARKETING = "marketing", _("Pemasaran")
    PERMITS = "permits", _("Perizinan")
    DIGITAL = "digital", _("Digital")


class _GroupScopedQuerySet(models.QuerySet):
    group_path = "group"

    def _visible_groups(self, user):
        return IkmGroup.objects.visible_to(user).values("pk")

    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if roles.is_official(user):
            return self
        if roles.is_mentor(user):
            return self.filter(**{f"{self.group_path}__in": self._visible_groups(user)})
        return self.none()


class MentoringSessionQuerySet(_GroupScopedQuerySet):
    def visible_to(self, user):
        """Mentoring sessions.

        | role       | sees                                                         |
        |------------|--------------------------------------------------------------|
        | official   | all sessions                                                 |
        | mentor     | sessions of the groups of their active assignments           |
        | others     | none                                                         |
        """
        return super().visible_to(user)

    def editable_by(self, user):
        """Sessions the user may still change: their own, not approved, in a visible group."""
        return (
            self.visible_to(user)
            .filter(mentor=user)
            .exclude(status=MentoringSession.Status.APPROVED)
        )

    def awaiting_review(self):
        return self.filter(status=MentoringSession.Status.SUBMITTED)

    def approved(self):
        return self.filter(status=MentoringSession.Status.APPROVED)


class MentoringSession(models.Model):
    """One visit of a mentor to a group: what was done, who was there and what comes next.

    Workflow: draft → submitted → approved, or returned (with a note) to the mentor, who edits
    and submits again. An approved session is locked.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        SUBMITTED = "submitted", _("Diajukan")
        APPROVED = "approved", _("Disetujui")
        RETURNED = "returned", _("Dikembalikan")

    group = models.ForeignKey(
        IkmGroup,
        on_delete=models.PROTECT,
        related_name="mentoring_sessions",
        verbose_name=_("kelompok"),
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="mentoring_sessions",
        verbose_name=_("pendamping"),
    )
    held_on = models.DateField(_("tanggal"), default=timezone.localdate)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    summary = models.TextField(_("yang dilakukan"))
    attendees = models.ManyToManyField(
        Member,
        blank=True,
        related_name="mentoring_sessions",
        verbose_name=_("anggota yang hadir"),
    )
    submitted_at = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ditinjau oleh"),
    )
    reviewed_at = models.DateTimeField(_("ditinjau pada"), null=True, blank=True)
    review_note = models.TextField(_("catatan peninjau"), blank=True)
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    history = HistoricalRecords()
    objects = MentoringSessionQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("sesi pendampingan")
        verbose_name_plural = _("sesi pendampingan")
        indexes = [
            models.Index(fields=["group", "held_on"]),
            models.Index(fields=["mentor", "held_on"]),
            models.Index(fields=["status", "held_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "submitted", "approved", "returned"]),
                name="session_status_known",
            ),
            models.CheckConstraint(
                condition=~Q(status="approved")
                | Q(reviewed_by__isnull=False, reviewed_at__isnull=False),
                name="session_approved_has_reviewer",
                violation_error_message=_("Sesi yang disetujui harus punya peninjau."),
            ),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(review_note=""),
                name="session_returned_has_note",
                violation_error_message=_("Sesi yang dikembalikan harus diberi catatan."),
            ),
        ]

    def __str__(self):
        return f"{self.group.code} {self.held_on:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("mentoring:session_detail", kwargs={"pk": self.pk})

    @property
    def is_locked(self) -> bool:
        """Approved sessions are final: nobody edits them any more."""
        return self.status == self.Status.APPROVED

    @property
    def topic_labels(self) -> list[str]:
        """Labels of the session's topics, in the fixed order (uses prefetched topics)."""
        chosen = {t.topic for t in self.topics.all()}
        return [label for value, label in Topic.choices if value in chosen]


class SessionTopic(models.Model):
    """A topic (from the fixed list) a session dealt with."""

    session = models.ForeignKey(
        MentoringSession, on_delete=models.CASCADE, related_name="topics", verbose_name=_("sesi")
    )
    topic = models.CharField(_("topik"), max_length=20, choices=Topic.choices)

    class Meta:
        ordering = ["session", "topic"]
        verbose_name = _("topik sesi")
        verbose_name_plural = _("topik sesi")
        constraints = [
            models.UniqueConstraint(fields=["session", "topic"], name="session_topic_once"),
        ]

    def __str__(self):
        return self.get_topic_display()


class FollowUpQuerySet(_GroupScopedQuerySet):
    group_path = "session__group"

    def visible_to(self, user):
        """Follow-up actions, scoped through their session's group.

        | role       | sees                                                         |
        |------------|--------------------------------------------------------------|
        | official   | all                                                          |
        | mentor     | follow-ups of sessions of their groups                       |
        | others     | none                                                         |
        """
        return super().visible_to(user)

    def open(self):
        return self.filter(is_done=False)


class FollowUp(models.Model):
    """Something the group (or the mentor) agreed to do by a date, and whether it is done."""

    session = models.ForeignKey(
        MentoringSession,
        on_delete=models.CASCADE,
        related_name="follow_ups",
        verbose_name=_("sesi"),
    )
    action = models.CharField(_("tindak lanjut"), max_length=200)
    due_on = models.DateField(_("tenggat"))
    is_done = models.BooleanField(_("selesai"), default=False)
    done_on = models.DateField(_("selesai pada"), null=True, blank=True)

    history = HistoricalRecords()
    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("tindak lanjut")
        verbose_name_plural = _("tindak lanjut")
        constraints = [
            models.CheckConstraint(
                condition=Q(is_done=True) | Q(done_on__isnull=True),
                name="followup_done_on_only_when_done",
            ),
        ]

    def __str__(self):
        return self.action

    @property
    def is_overdue(self) -> bool:
        return not self.is_done and self.due_on < timezone.localdate()


class SessionAttachmentQuerySet(_GroupScopedQuerySet):
    group_path = "session__group"

    def visible_to(self, user):
        """Attachments (photos of the books, PDFs), scoped through their session's group.

        | role       | sees                                                         |
        |------------|--------------------------------------------------------------|
        | official   | all                                                          |
        | mentor     | attachments of sessions of their groups                      |
        | others     | none                                                         |
        """
        return super().visible_to(user)


class SessionAttachment(models.Model):
    """A photo of the books or a PDF kept with a session, in private storage."""

    session = models.ForeignKey(
        MentoringSession,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("sesi"),
    )
    file = models.FileField(
        _("berkas"),
        upload_to=session_attachment_path,
        storage=private_storage,
        validators=[UploadValidator()],
        help_text=_("Foto (JPEG, PNG) atau PDF, paling besar 5 MB."),
    )
    caption = models.CharField(_("keterangan"), max_length=120, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diunggah oleh"),
    )
    created_at = models.DateTimeField(_("diunggah"), auto_now_add=True)

    history = HistoricalRecords()
    objects = SessionAttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("lampiran sesi")
        verbose_name_plural = _("lampiran sesi")

    def __str__(self):
        return self.caption or os.path.basename(self.file.name)


class BookkeepingMethod(models.TextChoices):
    PAPER = "paper", _("Buku tulis / kertas")
    APP = "app", _("Aplikasi pembukuan")


class BookkeepingReportQuerySet(_GroupScopedQuerySet):
    def visible_to(self, user):
        """Monthly bookkeeping reports.

        | role       | sees                                                         |
        |------------|--------------------------------------------------------------|
        | official   | all reports                                                  |
        | mentor     | reports of the groups of their active assignments            |
        | others     | none                                                         |
        """
        return super().visible_to(user)

    def verified(self):
        return self.filter(verified_at__isnull=False)


NON_NEGATIVE_AMOUNTS = (
    "revenue",
    "cost_of_goods",
    "operating_costs",
    "cash",
    "receivables",
    "inventory",
    "payables",
)


def _money(label):
    return models.DecimalField(label, max_digits=14, decimal_places=0, default=0)


class BookkeepingReport(models.Model):
    """A group's month in figures (SAK EMKM shaped) and which books it keeps. One per month.

    ``profit`` and ``equity`` are stored so that lists and readiness can filter on them, and
    are always computed from the other figures (a database constraint holds them to it).
    """

    group = models.ForeignKey(
        IkmGroup,
        on_delete=models.PROTECT,
        related_name="bookkeeping_reports",
        verbose_name=_("kelompok"),
    )
    month = models.DateField(_("bulan"), help_text=_("Selalu tanggal 1 bulan itu."))
    revenue = _money(_("pendapatan"))
    cost_of_goods = _money(_("harga pokok penjualan"))
    operating_costs = _money(_("beban operasional"))
    profit = _money(_("laba (rugi)"))
    cash = _money(_("kas"))
    receivables = _money(_("piutang"))
    inventory = _money(_("persediaan"))
    payables = _money(_("utang"))
    equity = _money(_("ekuitas"))
    keeps_cash_book = models.BooleanField(_("buku kas"), default=False)
    keeps_sales_book = models.BooleanField(_("buku penjualan"), default=False)
    keeps_purchase_book = models.BooleanField(_("buku pembelian"), default=False)
    keeps_stock_book = models.BooleanField(_("buku stok"), default=False)
    separates_household_money = models.BooleanField(
        _("uang usaha terpisah dari uang rumah tangga"), default=False
    )
    method = models.CharField(
        _("cara pembukuan"),
        max_length=10,
        choices=BookkeepingMethod.choices,
        default=BookkeepingMethod.PAPER,
    )
    note = models.TextField(_("catatan"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dicatat oleh"),
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="verified_bookkeeping_reports",
        verbose_name=_("diverifikasi oleh"),
    )
    verified_at = models.DateTimeField(_("diverifikasi pada"), null=True, blank=True)
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    history = HistoricalRecords()
    objects = BookkeepingReportQuerySet.as_manager()

    class Meta:
        ordering = ["group", "-month"]
        verbose_name = _("laporan pembukuan bulanan")
        verbose_name_plural = _("laporan pembukuan bulanan")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "month"],
                name="bookkeeping_one_report_per_month",
                violation_error_message=_("Kelompok ini sudah punya laporan untuk bulan itu."),
            ),
            models.CheckConstraint(
                condition=Q(month__day=1),
                name="bookkeeping_month_first_day",
                violation_error_message=_("Bulan laporan harus tanggal 1."),
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__gte": 0}),
                    name=f"bookkeeping_{name}_not_negative",
                    violation_error_message=_("Jumlah tidak boleh negatif."),
                )
                for name in NON_NEGATIVE_AMOUNTS
            ],
            models.CheckConstraint(
                condition=Q(
                    profit=models.F("revenue")
                    - models.F("cost_of_goods")
                    - models.F("operating_costs")
                ),
                name="bookkeeping_profit_computed",
            ),
            models.CheckConstraint(
                condition=Q(
                    equity=models.F("cash")
                    + models.F("receivables")
                    + models.F("inventory")
                    - models.F("payables")
                ),
                name="bookkeeping_equity_computed",
            ),
            models.CheckConstraint(
                condition=Q(verified_at__isnull=True, verified_by__isnull=True)
                | Q(verified_at__isnull=False, verified_by__isnull=False),
                name="bookkeeping_verified_by_and_at",
            ),
        ]

    def __str__(self):
        return f"{self.group.code} {self.month:%Y-%m}"

    def save(self, *args, **kwargs):
        self.compute()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "profit", "equity"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("mentoring:report_detail", kwargs={"pk": self.pk})

    def compute(self) -> None:
        """Set profit and equity from the figures they derive from."""
        self.profit = (self.revenue or 0) - (self.cost_of_goods or 0) - (self.operating_costs or 0)
        self.equity = (
            (self.cash or 0)
            + (self.receivables or 0)
            + (self.inventory or 0)
            - (self.payables or 0)
        )

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def gross_profit(self):
        return self.revenue - self.cost_of_goods

    @property
    def total_assets(self):
        return self.cash + self.receivables + self.inventory
