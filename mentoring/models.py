"""Partner banks, who accompanies which group, mentoring sessions and monthly bookkeeping,
trainings and apprenticeships."""

import os

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import roles
from groups.models import (
    BudgetSource,
    GroupScopedQuerySet,
    IkmGroup,
    Member,
    ReferenceQuerySet,
)
from groups.storage import PrivateStorage, private_storage, random_name
from groups.validators import UploadValidator


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


def _without_colleagues_drafts(rows, user, session: str = ""):
    """A draft session (and what hangs on it) is its author's until submitted."""
    if not user.is_authenticated or roles.is_official(user):
        return rows
    return rows.exclude(~Q(**{f"{session}mentor": user}), **{f"{session}status": "draft"})


class MentoringSessionQuerySet(GroupScopedQuerySet):
    def visible_to(self, user):
        """Mentoring sessions.

        | role       | sees                                                         |
        |------------|--------------------------------------------------------------|
        | official   | all sessions                                                 |
        | mentor     | sessions of the groups of their active assignments, except   |
        |            | another mentor's drafts (a draft is its author's until sent) |
        | others     | none                                                         |
        """
        return _without_colleagues_drafts(super().visible_to(user), user)

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
            # The list's order (newest first): a page reads 25 index entries instead of sorting
            # every session (docs/PERFORMANCE.md: 263 ms -> 0.3 ms at 74,000 sessions).
            models.Index(fields=["held_on", "id"], name="session_list_order"),
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


class FollowUpQuerySet(GroupScopedQuerySet):
    group_path = "session__group"

    def visible_to(self, user):
        """Follow-up actions, scoped through their session's group.

        | role       | sees                                                         |
        |------------|--------------------------------------------------------------|
        | official   | all                                                          |
        | mentor     | follow-ups of sessions of their groups (not of another       |
        |            | mentor's draft)                                              |
        | others     | none                                                         |
        """
        return _without_colleagues_drafts(super().visible_to(user), user, "session__")

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


class SessionAttachmentQuerySet(GroupScopedQuerySet):
    group_path = "session__group"

    def visible_to(self, user):
        """Attachments (photos of the books, PDFs), scoped through their session's group.

        | role       | sees                                                         |
        |------------|--------------------------------------------------------------|
        | official   | all                                                          |
        | mentor     | attachments of sessions of their groups (not of another      |
        |            | mentor's draft)                                              |
        | others     | none                                                         |
        """
        return _without_colleagues_drafts(super().visible_to(user), user, "session__")


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


class BookkeepingReportQuerySet(GroupScopedQuerySet):
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
        # The report list sorts newest month first: PostgreSQL reads the months in index order
        # and sorts only within a month (docs/PERFORMANCE.md: 195 ms -> 29 ms at 32,000 reports).
        indexes = [models.Index(fields=["month"], name="report_month")]
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


# --- banks per theme, trainings and apprenticeships ------------------------------------------


class BankThemeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Which bank answers for which theme.

        | role       | sees                              |
        |------------|-----------------------------------|
        | official   | all                               |
        | others     | none                              |
        """
        if user.is_authenticated and roles.is_official(user):
            return self
        return self.none()

    def active_on(self, day=None):
        day = day or timezone.localdate()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day), starts_on__lte=day)


class BankTheme(models.Model):
    """A bank takes charge of one theme from one day to (optionally) another.

    It is the bank offered first when an official assigns a mentor to a group of that theme.
    At most one bank answers for a theme on any day (checked by ``bank_theme_start``).
    """

    bank = models.ForeignKey(
        Bank, on_delete=models.PROTECT, related_name="theme_links", verbose_name=_("bank")
    )
    theme = models.ForeignKey(
        "groups.Theme",
        on_delete=models.PROTECT,
        related_name="bank_links",
        verbose_name=_("tema"),
    )
    starts_on = models.DateField(_("mulai"), default=timezone.localdate)
    ends_on = models.DateField(_("selesai"), null=True, blank=True)

    history = HistoricalRecords()
    objects = BankThemeQuerySet.as_manager()

    class Meta:
        ordering = ["theme__name", "-starts_on"]
        verbose_name = _("bank per tema")
        verbose_name_plural = _("bank per tema")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="bank_theme_ends_after_start",
                violation_error_message=_("Tanggal selesai tidak boleh sebelum tanggal mulai."),
            ),
        ]

    def __str__(self):
        return f"{self.bank} — {self.theme}"

    @property
    def is_active(self) -> bool:
        today = timezone.localdate()
        return self.starts_on <= today and (self.ends_on is None or self.ends_on >= today)


def _visible_members(user):
    return Member.objects.visible_to(user).values("pk")


class TrainingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The training catalogue.

        | role       | sees                                                       |
        |------------|------------------------------------------------------------|
        | official   | all trainings                                              |
        | mentor     | trainings with an event one of their groups' members joined |
        | others     | none                                                       |
        """
        if not user.is_authenticated:
            return self.none()
        if roles.is_official(user):
            return self
        if roles.is_mentor(user):
            joined = TrainingParticipant.objects.filter(member__in=_visible_members(user))
            return self.filter(pk__in=joined.values("event__training"))
        return self.none()


class Training(models.Model):
    """A training the city offers (the catalogue); each run of it is a ``TrainingEvent``."""

    title = models.CharField(_("judul"), max_length=150, unique=True)
    description = models.TextField(_("uraian"), blank=True)
    themes = models.ManyToManyField(
        "groups.Theme", blank=True, related_name="trainings", verbose_name=_("tema")
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[themes])
    objects = TrainingQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("pelatihan")
        verbose_name_plural = _("pelatihan")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("mentoring:training_detail", args=[self.pk])


class TrainingEventQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Runs of a training.

        | role       | sees                                                |
        |------------|-----------------------------------------------------|
        | official   | all events                                          |
        | mentor     | events one of their groups' members joined          |
        | others     | none                                                |
        """
        if not user.is_authenticated:
            return self.none()
        if roles.is_official(user):
            return self
        if roles.is_mentor(user):
            joined = TrainingParticipant.objects.filter(member__in=_visible_members(user))
            return self.filter(pk__in=joined.values("event"))
        return self.none()

    def with_attendance(self):
        """``participant_count``, ``present_count`` and ``recorded_count`` per event.

        Counted in subqueries, so that other annotations and filters are not multiplied.
        """
        return self.annotate(**attendance_subqueries("event"))


def attendance_subqueries(path: str, **filters) -> dict:
    """Participant counts (all, present, attendance recorded) of the row at ``path``."""

    def count(**conditions):
        rows = (
            TrainingParticipant.objects.filter(**{path: models.OuterRef("pk")}, **filters)
            .filter(**conditions)
            .order_by()
            .values(path)
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return Coalesce(models.Subquery(rows, output_field=models.IntegerField()), 0)

    return {
        "participant_count": count(),
        "present_count": count(attendance=Attendance.PRESENT),
        "recorded_count": count(attendance__in=RECORDED_ATTENDANCE),
    }


def attendance_rate(present: int, recorded: int) -> int | None:
    """Percentage present among participants whose attendance is recorded, or None.

    Absent and excused both count as not present; not yet recorded counts for nothing.
    """
    if not recorded:
        return None
    return round(100 * present / recorded)


class TrainingEvent(models.Model):
    """One run of a training: dates, place, facilitator, themes and how many may join."""

    training = models.ForeignKey(
        Training, on_delete=models.PROTECT, related_name="events", verbose_name=_("pelatihan")
    )
    starts_on = models.DateField(_("mulai"))
    ends_on = models.DateField(_("selesai"))
    place = models.CharField(_("tempat"), max_length=200)
    facilitator = models.CharField(_("fasilitator"), max_length=200)
    themes = models.ManyToManyField(
        "groups.Theme", blank=True, related_name="training_events", verbose_name=_("tema")
    )
    capacity = models.PositiveSmallIntegerField(
        _("kapasitas"), null=True, blank=True, help_text=_("Kosongkan bila tidak dibatasi.")
    )
    note = models.TextField(_("catatan"), blank=True)
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[themes])
    objects = TrainingEventQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("penyelenggaraan pelatihan")
        verbose_name_plural = _("penyelenggaraan pelatihan")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="training_event_ends_after_start",
                violation_error_message=_("Tanggal selesai tidak boleh sebelum tanggal mulai."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="training_event_capacity_positive",
                violation_error_message=_("Kapasitas paling sedikit 1 orang."),
            ),
        ]

    def __str__(self):
        return f"{self.training} ({self.starts_on:%d-%m-%Y})"

    def get_absolute_url(self):
        return reverse("mentoring:event_detail", args=[self.pk])


class Attendance(models.TextChoices):
    UNKNOWN = "unknown", _("Belum dicatat")
    PRESENT = "present", _("Hadir")
    ABSENT = "absent", _("Tidak hadir")
    EXCUSED = "excused", _("Izin")


# Attendance that counts towards the rate (not yet recorded counts for nothing).
RECORDED_ATTENDANCE = (Attendance.PRESENT, Attendance.ABSENT, Attendance.EXCUSED)


class TrainingParticipantQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Who joined which event, with attendance, scores and certificate.

        | role       | sees                                   |
        |------------|----------------------------------------|
        | official   | all participants                       |
        | mentor     | members of their groups                |
        | others     | none                                   |
        """
        if not user.is_authenticated:
            return self.none()
        if roles.is_official(user):
            return self
        if roles.is_mentor(user):
            return self.filter(member__in=_visible_members(user))
        return self.none()


SCORE_RANGE = Q(pre_score__isnull=True) | (Q(pre_score__gte=0) & Q(pre_score__lte=100))
POST_SCORE_RANGE = Q(post_score__isnull=True) | (Q(post_score__gte=0) & Q(post_score__lte=100))


class TrainingParticipant(models.Model):
    """A member at a training event: attendance, pre- and post-test scores, passed.

    A participant who passed gets a certificate whose ``certificate_code`` (random, unique)
    anyone may check on the public verification page. The code stays once given: should the
    result be corrected to 'not passed', the page answers that the certificate is not valid.
    """

    event = models.ForeignKey(
        TrainingEvent,
        on_delete=models.PROTECT,
        related_name="participants",
        verbose_name=_("penyelenggaraan"),
    )
    member = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        related_name="training_participations",
        verbose_name=_("anggota"),
    )
    attendance = models.CharField(
        _("kehadiran"), max_length=10, choices=Attendance.choices, default=Attendance.UNKNOWN
    )
    pre_score = models.PositiveSmallIntegerField(_("nilai pra-tes"), null=True, blank=True)
    post_score = models.PositiveSmallIntegerField(_("nilai pasca-tes"), null=True, blank=True)
    passed = models.BooleanField(_("lulus"), default=False)
    certificate_code = models.CharField(
        _("kode sertifikat"), max_length=20, unique=True, null=True, blank=True, editable=False
    )
    certificate_issued_on = models.DateField(
        _("sertifikat terbit"), null=True, blank=True, editable=False
    )
    added_at = models.DateTimeField(_("didaftarkan"), auto_now_add=True)

    history = HistoricalRecords()
    objects = TrainingParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["event", "member__name", "id"]
        verbose_name = _("peserta pelatihan")
        verbose_name_plural = _("peserta pelatihan")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "member"],
                name="training_participant_once_per_event",
                violation_error_message=_("Anggota ini sudah terdaftar pada pelatihan ini."),
            ),
            models.CheckConstraint(
                condition=SCORE_RANGE,
                name="training_pre_score_0_100",
                violation_error_message=_("Nilai harus antara 0 dan 100."),
            ),
            models.CheckConstraint(
                condition=POST_SCORE_RANGE,
                name="training_post_score_0_100",
                violation_error_message=_("Nilai harus antara 0 dan 100."),
            ),
            models.CheckConstraint(
                condition=Q(passed=False) | Q(attendance="present"),
                name="training_passed_only_if_present",
                violation_error_message=_("Hanya peserta yang hadir dapat dinyatakan lulus."),
            ),
        ]

    def __str__(self):
        return f"{self.member} @ {self.event}"

    @property
    def score_gain(self) -> int | None:
        if self.pre_score is None or self.post_score is None:
            return None
        return self.post_score - self.pre_score

    @property
    def has_certificate(self) -> bool:
        return self.passed and bool(self.certificate_code)


class HostKind(models.TextChoices):
    BUSINESS = "business", _("Usaha / industri")
    INSTITUTION = "institution", _("Lembaga / instansi")


class ApprenticeshipQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Apprenticeships (magang) of members.

        | role       | sees                                   |
        |------------|----------------------------------------|
        | official   | all                                    |
        | mentor     | those of their groups' members         |
        | others     | none                                   |
        """
        if not user.is_authenticated:
            return self.none()
        if roles.is_official(user):
            return self
        if roles.is_mentor(user):
            return self.filter(member__in=_visible_members(user))
        return self.none()


def apprenticeship_report_path(instance, filename: str) -> str:
    return random_name("apprenticeships", filename)


class ApprenticeshipStorage(PrivateStorage):
    """Private files of apprenticeships, sent only by ``mentoring:apprenticeship_report``."""

    def url(self, name):
        return reverse("mentoring:apprenticeship_report", kwargs={"name": name})


apprenticeship_storage = ApprenticeshipStorage()


class Apprenticeship(models.Model):
    """A member sent to learn at a host business or institution in another region (magang)."""

    member = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        related_name="apprenticeships",
        verbose_name=_("anggota"),
    )
    host_name = models.CharField(_("tempat magang"), max_length=200)
    host_kind = models.CharField(
        _("jenis tempat"), max_length=12, choices=HostKind.choices, default=HostKind.BUSINESS
    )
    host_region = models.CharField(
        _("daerah tempat magang"), max_length=120, help_text=_("Mis. Kab. Bantul, DI Yogyakarta.")
    )
    starts_on = models.DateField(_("mulai"))
    ends_on = models.DateField(_("selesai"))
    funding_source = models.CharField(_("sumber dana"), max_length=20, choices=BudgetSource.choices)
    funding_amount = models.DecimalField(
        _("biaya (Rp)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    learned = models.TextField(_("yang dipelajari"), blank=True)
    outcome = models.TextField(
        _("hasil"), blank=True, help_text=_("Apa yang diterapkan di kelompok sesudah magang.")
    )
    outcome_report = models.FileField(
        _("laporan hasil"),
        upload_to=apprenticeship_report_path,
        storage=apprenticeship_storage,
        validators=[UploadValidator()],
        blank=True,
        help_text=_("Opsional: PDF, JPEG atau PNG, paling besar 5 MB."),
    )
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    history = HistoricalRecords()
    objects = ApprenticeshipQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("magang")
        verbose_name_plural = _("magang")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="apprenticeship_ends_after_start",
                violation_error_message=_("Tanggal selesai tidak boleh sebelum tanggal mulai."),
            ),
            models.CheckConstraint(
                condition=Q(funding_amount__isnull=True) | Q(funding_amount__gte=0),
                name="apprenticeship_amount_not_negative",
                violation_error_message=_("Biaya tidak boleh negatif."),
            ),
        ]

    def __str__(self):
        return f"{self.member} — {self.host_name}"

    def get_absolute_url(self):
        return reverse("mentoring:apprenticeship_detail", args=[self.pk])

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1


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

    @property
    def limits_label(self) -> str:
        """``sampai Rp 10.000.000`` or ``Rp 10.000.001 – Rp 100.000.000``."""
        from core.formatting import format_rupiah

        if self.min_amount <= 1:
            return _("sampai %(max)s") % {"max": format_rupiah(self.max_amount)}
        return f"{format_rupiah(self.min_amount)} – {format_rupiah(self.max_amount)}"


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

    The status moves only through ``mentoring.services.credit`` (draft → submitted → approved
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


class GroupReadinessQuerySet(GroupScopedQuerySet):
    pass


class GroupReadiness(models.Model):
    """A group's last credit readiness evaluation, for lists and charts over many groups.

    ``mentoring.readiness.refresh`` writes it; a row is fresh only on the day it was evaluated
    and for the rule and criteria it was evaluated with (``stamp``), and is deleted as soon as
    a record it reads changes (``mentoring.readiness_store``). The ranked list sorts, filters,
    counts and pages these rows in the database instead of evaluating every group on every
    request; the rows it shows are evaluated afresh.
    """

    group = models.OneToOneField(
        IkmGroup,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="stored_readiness",
        verbose_name=_("kelompok"),
    )
    score = models.FloatField(_("skor"))
    percent = models.PositiveSmallIntegerField(_("persen"))
    passed = models.PositiveSmallIntegerField(_("kriteria terpenuhi"))
    applicable = models.PositiveSmallIntegerField(_("kriteria berlaku"))
    is_ready = models.BooleanField(_("siap kredit"))
    evaluated_on = models.DateField(_("dinilai pada"))
    stamp = models.CharField(_("aturan dan kriteria"), max_length=255)

    objects = GroupReadinessQuerySet.as_manager()

    class Meta:
        verbose_name = _("kesiapan kredit tersimpan")
        verbose_name_plural = _("kesiapan kredit tersimpan")
        indexes = [models.Index(fields=["-score", "-passed"], name="group_readiness_rank")]

    def __str__(self):
        return f"{self.group_id}: {self.percent}%"
