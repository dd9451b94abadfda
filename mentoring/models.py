"""Partner banks and who accompanies which group."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from groups.models import BudgetSource, IkmGroup, Member, ReferenceQuerySet
from groups.storage import PrivateStorage, random_name
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
