"""The program's groups: themes, Palu's areas, IKM groups, their members, products and papers."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import roles
from groups.storage import (
    check_photo_path,
    document_scan_path,
    handover_scan_path,
    private_storage,
)
from groups.validators import UploadValidator, mask_nik, validate_nik


class ReferenceQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Reference data: every signed-in user reads it; anonymous users see nothing."""
        return self if user.is_authenticated else self.none()


class Theme(models.Model):
    """One of the program's home-industry themes (tematik industri rumahan)."""

    code = models.CharField(_("kode"), max_length=30, unique=True)
    name = models.CharField(_("nama"), max_length=120)
    name_en = models.CharField(_("nama (Inggris)"), max_length=120, blank=True)
    kbli = models.CharField(_("KBLI"), max_length=5, blank=True)
    description = models.TextField(_("uraian"), blank=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("tema")
        verbose_name_plural = _("tema")

    def __str__(self):
        if (get_language() or "id").startswith("en") and self.name_en:
            return self.name_en
        return self.name


class Kecamatan(models.Model):
    """A district of Palu (Kemendagri code, e.g. 72.71.01)."""

    code = models.CharField(_("kode"), max_length=10, unique=True)
    name = models.CharField(_("nama"), max_length=80)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("kecamatan")
        verbose_name_plural = _("kecamatan")

    def __str__(self):
        return self.name


class Kelurahan(models.Model):
    """A kelurahan of Palu (Kemendagri code, e.g. 72.71.01.1004)."""

    code = models.CharField(_("kode"), max_length=15, unique=True)
    name = models.CharField(_("nama"), max_length=80)
    kecamatan = models.ForeignKey(
        Kecamatan, on_delete=models.PROTECT, related_name="kelurahan", verbose_name=_("kecamatan")
    )

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("kelurahan")
        verbose_name_plural = _("kelurahan")

    def __str__(self):
        return self.name


class Stage(models.TextChoices):
    """The roadmap of a group, in order; the last step is the program's goal."""

    FORMED = "formed", _("Terbentuk")
    CAPACITY = "capacity", _("Penguatan kapasitas")
    MENTORED = "mentored", _("Didampingi")
    CREDIT_READY = "credit_ready", _("Siap kredit")
    MANDIRI = "mandiri", _("Mandiri")

    @classmethod
    def position(cls, value: str) -> int:
        return list(cls.values).index(value)


class IkmGroupQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Groups the user may see.

        | role       | sees                                                   |
        |------------|--------------------------------------------------------|
        | official   | all groups                                             |
        | perusda    | all groups (consignment partners, settlements)         |
        | mentor     | groups with an assignment to them active today         |
        | clerk      | none (clerks reach products through the catalogue)     |
        | other/anon | none                                                   |
        """
        if not user.is_authenticated:
            return self.none()
        if roles.is_official(user) or roles.is_perusda(user):
            return self
        if roles.is_mentor(user):
            today = timezone.localdate()
            # One filter() call: every condition holds for the SAME assignment row.
            active = IkmGroup.objects.filter(
                Q(mentor_assignments__ends_on__isnull=True)
                | Q(mentor_assignments__ends_on__gte=today),
                mentor_assignments__mentor=user,
                mentor_assignments__starts_on__lte=today,
            )
            return self.filter(pk__in=active.values("pk"))
        return self.none()

    def active(self):
        return self.filter(is_active=True)

    def for_choices(self):
        """Groups for a dropdown: only what ``__str__`` shows (thousands of options stay cheap)."""
        return self.only("pk", "code", "name").order_by("code")

    def with_stage_order(self):
        """``stage_order``: the roadmap position, so that lists sort by it, not alphabetically."""
        return self.annotate(
            stage_order=models.Case(
                *[models.When(stage=v, then=models.Value(i)) for i, v in enumerate(Stage.values)],
                output_field=models.IntegerField(),
            )
        )

    def with_member_counts(self):
        """``members_female``, ``members_male`` and ``member_total``: active members, by sex.

        Subqueries rather than joins, so that other annotations and filters are not multiplied.
        """

        def count(sex):
            rows = (
                Member.objects.filter(group=models.OuterRef("pk"), left_on__isnull=True, sex=sex)
                .order_by()
                .values("group")
                .annotate(n=models.Count("pk"))
                .values("n")
            )
            return Coalesce(models.Subquery(rows, output_field=models.IntegerField()), 0)

        return self.annotate(
            members_female=count(Sex.FEMALE), members_male=count(Sex.MALE)
        ).annotate(member_total=models.F("members_female") + models.F("members_male"))

    def with_document_status(self):
        """Per document kind: ``doc_<kind>_has`` and ``doc_<kind>_exp`` of the latest paper."""
        annotations = {}
        for kind in DocumentKind.values:
            papers = LegalDocument.objects.filter(group=models.OuterRef("pk"), kind=kind)
            annotations[f"doc_{kind}_has"] = models.Exists(papers)
            annotations[f"doc_{kind}_exp"] = models.Subquery(
                papers.order_by("-issued_on", "-id").values("expires_on")[:1]
            )
        return self.annotate(**annotations)

    def with_document_problems(self, *, problem: str = "", kinds=None, today=None):
        """Groups with a required paper missing, or a latest paper expired or expiring soon.

        ``problem`` narrows to ``missing``, ``expired`` or ``expiring``; ``kinds`` to some kinds.
        """
        today = today or timezone.localdate()
        soon = today + dt.timedelta(days=EXPIRY_WARNING_DAYS)
        kinds = kinds or DocumentKind.values
        conditions = []
        for kind in kinds:
            has, exp = f"doc_{kind}_has", f"doc_{kind}_exp"
            if problem in ("", "missing") and kind in REQUIRED_DOCUMENT_KINDS:
                conditions.append(Q(**{has: False}))
            if problem in ("", "expired"):
                conditions.append(Q(**{has: True, f"{exp}__lt": today}))
            if problem in ("", "expiring"):
                conditions.append(Q(**{has: True, f"{exp}__gte": today, f"{exp}__lte": soon}))
        queryset = self.with_document_status()
        if not conditions:
            return queryset.none()
        combined = Q()
        for condition in conditions:
            combined |= condition
        return queryset.filter(combined)


class IkmGroup(models.Model):
    """A kelompok IKM: a producer group of one theme, rooted in a kelurahan."""

    code = models.CharField(
        _("kode kelompok"),
        max_length=20,
        unique=True,
        help_text=_("Kode tetap kelompok, mis. IKM-07."),
    )
    name = models.CharField(_("nama kelompok"), max_length=150)
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="groups", verbose_name=_("tema")
    )
    kelurahan = models.ForeignKey(
        Kelurahan, on_delete=models.PROTECT, related_name="groups", verbose_name=_("kelurahan")
    )
    address = models.CharField(_("alamat"), max_length=255, blank=True)
    formed_on = models.DateField(_("tanggal terbentuk"))
    phone = models.CharField(_("telepon"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    bank_name = models.CharField(_("bank rekening"), max_length=80, blank=True)
    bank_account_number = models.CharField(_("nomor rekening"), max_length=30, blank=True)
    bank_account_holder = models.CharField(_("nama pemilik rekening"), max_length=120, blank=True)
    stage = models.CharField(
        _("tahap peta jalan"), max_length=20, choices=Stage.choices, default=Stage.FORMED
    )
    stage_since = models.DateField(_("tahap sejak"), default=timezone.localdate)
    is_active = models.BooleanField(_("aktif"), default=True)
    notes = models.TextField(_("catatan"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    history = HistoricalRecords()
    objects = IkmGroupQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("kelompok IKM")
        verbose_name_plural = _("kelompok IKM")
        indexes = [models.Index(fields=["stage", "code"]), models.Index(fields=["theme", "code"])]

    def __str__(self):
        return f"{self.code} — {self.name}"

    def get_absolute_url(self):
        return reverse("groups:group_detail", args=[self.pk])


class StageChange(models.Model):
    """One step of a group on the roadmap: when, to which stage, why and who decided."""

    group = models.ForeignKey(
        IkmGroup, on_delete=models.CASCADE, related_name="stage_changes", verbose_name=_("kelompok")
    )
    from_stage = models.CharField(_("dari tahap"), max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("ke tahap"), max_length=20, choices=Stage.choices)
    changed_on = models.DateField(_("tanggal"))
    reason = models.CharField(_("alasan"), max_length=500)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diputuskan oleh"),
    )
    automatic = models.BooleanField(_("otomatis dari catatan"), default=False)
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    class Meta:
        ordering = ["-changed_on", "-id"]
        verbose_name = _("perubahan tahap")
        verbose_name_plural = _("perubahan tahap")

    def __str__(self):
        return f"{self.group_id}: {self.from_stage or '-'} → {self.to_stage} ({self.changed_on})"


class Sex(models.TextChoices):
    MALE = "M", _("Laki-laki")
    FEMALE = "F", _("Perempuan")


class Position(models.TextChoices):
    CHAIR = "chair", _("Ketua")
    SECRETARY = "secretary", _("Sekretaris")
    TREASURER = "treasurer", _("Bendahara")
    MEMBER = "member", _("Anggota")


class MemberQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Members of the groups the user may see; clerks and Perusda see no personal data.

        | role       | sees                              |
        |------------|-----------------------------------|
        | official   | all members (full NIK)            |
        | mentor     | members of their groups (masked)  |
        | others     | none                              |
        """
        if not user.is_authenticated:
            return self.none()
        if roles.is_official(user):
            return self
        if roles.is_mentor(user):
            return self.filter(group__in=IkmGroup.objects.visible_to(user).values("pk"))
        return self.none()

    def active(self):
        return self.filter(left_on__isnull=True)


class Member(models.Model):
    """A person in a group. The NIK is personal data: full only for officials."""

    group = models.ForeignKey(
        IkmGroup, on_delete=models.PROTECT, related_name="members", verbose_name=_("kelompok")
    )
    name = models.CharField(_("nama"), max_length=120)
    nik = models.CharField(_("NIK"), max_length=16, validators=[validate_nik])
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices)
    birth_year = models.PositiveSmallIntegerField(_("tahun lahir"), null=True, blank=True)
    position = models.CharField(
        _("jabatan"), max_length=12, choices=Position.choices, default=Position.MEMBER
    )
    phone = models.CharField(_("telepon"), max_length=20, blank=True)
    joined_on = models.DateField(_("bergabung"), default=timezone.localdate)
    left_on = models.DateField(_("keluar"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["nik"])
    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["group", "name"]
        verbose_name = _("anggota")
        verbose_name_plural = _("anggota")
        constraints = [
            models.UniqueConstraint(
                fields=["nik"],
                condition=Q(left_on__isnull=True),
                name="member_nik_unique_active",
                violation_error_message=_("NIK ini sudah terdaftar pada anggota aktif lain."),
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="member_left_after_joined",
                violation_error_message=_("Tanggal keluar tidak boleh sebelum tanggal bergabung."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_active(self) -> bool:
        return self.left_on is None

    @property
    def nik_masked(self) -> str:
        return mask_nik(self.nik)


class ProductQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Products: the catalogue is open to outlet staff; mentors see their groups' products.

        | role             | sees                       |
        |------------------|----------------------------|
        | official         | all                        |
        | perusda, clerk   | all (the outlet catalogue) |
        | mentor           | products of their groups   |
        | other/anon       | none                       |
        """
        if not user.is_authenticated:
            return self.none()
        if roles.is_official(user) or roles.is_perusda(user) or roles.is_clerk(user):
            return self
        if roles.is_mentor(user):
            return self.filter(group__in=IkmGroup.objects.visible_to(user).values("pk"))
        return self.none()

    def active(self):
        return self.filter(is_active=True)


class Product(models.Model):
    """Something a group makes and sells."""

    group = models.ForeignKey(
        IkmGroup, on_delete=models.PROTECT, related_name="products", verbose_name=_("kelompok")
    )
    name = models.CharField(_("nama produk"), max_length=150)
    unit = models.CharField(_("satuan"), max_length=30, help_text=_("mis. bungkus, buah, kg"))
    base_price = models.DecimalField(
        _("harga dasar (Rp)"),
        max_digits=14,
        decimal_places=0,
        validators=[],
    )
    pirt_number = models.CharField(_("nomor P-IRT"), max_length=40, blank=True)
    halal_number = models.CharField(_("nomor sertifikat halal"), max_length=40, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    history = HistoricalRecords()
    objects = ProductQuerySet.as_manager()

    class Meta:
        ordering = ["group", "name"]
        verbose_name = _("produk")
        verbose_name_plural = _("produk")
        constraints = [
            models.UniqueConstraint(fields=["group", "name"], name="product_name_unique_in_group"),
            models.CheckConstraint(
                condition=Q(base_price__gte=0), name="product_base_price_not_negative"
            ),
        ]

    def __str__(self):
        return self.name


class DocumentKind(models.TextChoices):
    NIB = "nib", _("NIB (Nomor Induk Berusaha)")
    PIRT = "pirt", _("P-IRT")
    HALAL = "halal", _("Sertifikat halal")
    SKU = "sku", _("Surat Keterangan Usaha (kelurahan)")
    NPWP = "npwp", _("NPWP")


class LegalDocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A group's papers: officials see all, mentors their groups', others none.

        | role       | sees                              |
        |------------|-----------------------------------|
        | official   | all documents and scans           |
        | mentor     | documents of their groups         |
        | others     | none                              |
        """
        if not user.is_authenticated:
            return self.none()
        if roles.is_official(user):
            return self
        if roles.is_mentor(user):
            return self.filter(group__in=IkmGroup.objects.visible_to(user).values("pk"))
        return self.none()

    def valid_on(self, day):
        return self.filter(Q(expires_on__isnull=True) | Q(expires_on__gte=day), issued_on__lte=day)


class LegalDocument(models.Model):
    """A legal paper of a group (NIB, P-IRT, halal, SKU, NPWP), with an optional scan."""

    group = models.ForeignKey(
        IkmGroup, on_delete=models.PROTECT, related_name="documents", verbose_name=_("kelompok")
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=DocumentKind.choices)
    number = models.CharField(_("nomor"), max_length=60)
    issued_on = models.DateField(_("tanggal terbit"))
    expires_on = models.DateField(_("berlaku sampai"), null=True, blank=True)
    scan = models.FileField(
        _("pindaian"),
        upload_to=document_scan_path,
        storage=private_storage,
        validators=[UploadValidator()],
        blank=True,
        help_text=_("Opsional: PDF, JPEG atau PNG, paling besar 5 MB."),
    )
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    history = HistoricalRecords()
    objects = LegalDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["group", "kind", "-issued_on"]
        verbose_name = _("dokumen legal")
        verbose_name_plural = _("dokumen legal")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gt=models.F("issued_on")),
                name="document_expires_after_issue",
                violation_error_message=_("Tanggal berlaku harus sesudah tanggal terbit."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"

    def clean(self):
        super().clean()
        if self.issued_on and self.expires_on:
            latest = _years_after(self.issued_on, MAX_VALIDITY_YEARS)
            if self.expires_on > latest:
                raise ValidationError(
                    {
                        "expires_on": _(
                            "Masa berlaku lebih dari %(years)s tahun sejak terbit; periksa "
                            "tanggalnya, atau kosongkan bila dokumen berlaku seterusnya."
                        )
                        % {"years": MAX_VALIDITY_YEARS}
                    }
                )


# No permit of the program runs that long (halal 4 years, P-IRT 5): a later date is a typo.
MAX_VALIDITY_YEARS = 25


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


# --- expiry of legal documents ----------------------------------------------------------------

# A document expiring within this many days is flagged on the profile and the documents page.
EXPIRY_WARNING_DAYS = 60
# Papers a bank asks of every group; P-IRT and halal are checked only where a group has them.
REQUIRED_DOCUMENT_KINDS = (DocumentKind.NIB, DocumentKind.SKU, DocumentKind.NPWP)


class DocumentStatus(models.TextChoices):
    VALID = "valid", _("Berlaku")
    EXPIRING = "expiring", _("Segera habis")
    EXPIRED = "expired", _("Kedaluwarsa")
    MISSING = "missing", _("Belum ada")


def document_status(expires_on, today) -> str:
    """Valid, expiring within ``EXPIRY_WARNING_DAYS`` or expired, from the expiry date."""
    if expires_on is None or expires_on > today + dt.timedelta(days=EXPIRY_WARNING_DAYS):
        return DocumentStatus.VALID
    if expires_on < today:
        return DocumentStatus.EXPIRED
    return DocumentStatus.EXPIRING


# --- equipment handed out -----------------------------------------------------------------------


class BudgetSource(models.TextChoices):
    APBD_KOTA = "apbd_kota", _("APBD Kota Palu")
    APBD_PROV = "apbd_prov", _("APBD Provinsi Sulawesi Tengah")
    APBN = "apbn", _("APBN")
    DAK = "dak", _("DAK (Dana Alokasi Khusus)")
    CSR = "csr", _("CSR / bantuan swasta")
    OTHER = "other", _("Lainnya")


class EquipmentCategory(models.TextChoices):
    MACHINE = "machine", _("Mesin produksi")
    TOOL = "tool", _("Alat bantu produksi")
    PACKAGING = "packaging", _("Alat pengemas")
    MEASURING = "measuring", _("Alat ukur / timbang")
    FURNITURE = "furniture", _("Perlengkapan kerja")
    OTHER = "other", _("Lainnya")


class Condition(models.TextChoices):
    GOOD = "good", _("Baik")
    MINOR = "minor", _("Rusak ringan")
    MAJOR = "major", _("Rusak berat")
    UNUSABLE = "unusable", _("Tidak dapat dipakai")


# Days from one inspection (or the handover) to the next one due, unless the inspector says.
CHECK_INTERVAL_DAYS = 180


class GroupScopedQuerySet(models.QuerySet):
    """Rows that belong to a group, seen by officials (all) and the group's mentors.

    ``group_path`` is the lookup from the row to its group; the apps above reuse this class
    for their own group records (sessions, bookkeeping, readiness).
    """

    group_path = "group"

    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if roles.is_official(user):
            return self
        if roles.is_mentor(user):
            return self.filter(
                **{f"{self.group_path}__in": IkmGroup.objects.visible_to(user).values("pk")}
            )
        return self.none()


class HandoverQuerySet(GroupScopedQuerySet):
    def visible_to(self, user):
        """Handover documents (BAST).

        | role       | sees                              |
        |------------|-----------------------------------|
        | official   | all                               |
        | mentor     | BASTs of their groups             |
        | others     | none                              |
        """
        return super().visible_to(user)


class Handover(models.Model):
    """A handover document (BAST, berita acara serah terima): the city gives a group equipment.

    One BAST covers one or more items, all from the same budget source and year.
    """

    group = models.ForeignKey(
        IkmGroup, on_delete=models.PROTECT, related_name="handovers", verbose_name=_("kelompok")
    )
    number = models.CharField(_("nomor BAST"), max_length=80, unique=True)
    handed_over_on = models.DateField(_("tanggal serah terima"))
    budget_source = models.CharField(
        _("sumber anggaran"), max_length=20, choices=BudgetSource.choices
    )
    budget_year = models.PositiveSmallIntegerField(_("tahun anggaran"))
    received_by = models.CharField(
        _("diterima oleh"), max_length=120, blank=True, help_text=_("Nama wakil kelompok.")
    )
    scan = models.FileField(
        _("pindaian BAST"),
        upload_to=handover_scan_path,
        storage=private_storage,
        validators=[UploadValidator()],
        blank=True,
        help_text=_("Opsional: PDF, JPEG atau PNG, paling besar 5 MB."),
    )
    note = models.TextField(_("catatan"), blank=True)
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    history = HistoricalRecords()
    objects = HandoverQuerySet.as_manager()

    class Meta:
        ordering = ["-handed_over_on", "-id"]
        verbose_name = _("berita acara serah terima (BAST)")
        verbose_name_plural = _("berita acara serah terima (BAST)")
        constraints = [
            models.CheckConstraint(
                condition=Q(budget_year__gte=2000) & Q(budget_year__lte=2100),
                name="handover_budget_year_plausible",
                violation_error_message=_("Tahun anggaran tidak masuk akal."),
            ),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("groups:handover_detail", args=[self.pk])


class EquipmentQuerySet(GroupScopedQuerySet):
    group_path = "handover__group"

    def visible_to(self, user):
        """Equipment handed out to groups.

        | role       | sees                              |
        |------------|-----------------------------------|
        | official   | all items (the program register)  |
        | mentor     | items of their groups             |
        | others     | none                              |
        """
        return super().visible_to(user)

    def active(self):
        return self.filter(is_active=True)

    def check_overdue(self, day=None):
        """Active items whose next inspection is due before ``day`` (default: today)."""
        day = day or timezone.localdate()
        return self.active().filter(next_check_due__lt=day)

    def not_in_use(self):
        return self.active().filter(in_use=False)


def equipment_worth():
    """What equipment rows are worth: ``value`` is one unit's, times the units handed over."""
    return models.ExpressionWrapper(
        models.F("value") * models.F("quantity"),
        output_field=models.DecimalField(max_digits=20, decimal_places=0),
    )


class Equipment(models.Model):
    """A machine or tool the city handed to a group, with what the group had asked for.

    ``condition``, ``in_use``, ``last_checked_on`` and ``next_check_due`` repeat the latest
    inspection so that the register filters and sorts in the database; only the services in
    ``groups/services.py`` write them.
    """

    handover = models.ForeignKey(
        Handover, on_delete=models.PROTECT, related_name="items", verbose_name=_("BAST")
    )
    name = models.CharField(_("nama barang"), max_length=150)
    category = models.CharField(_("kategori"), max_length=20, choices=EquipmentCategory.choices)
    brand_model = models.CharField(_("merek / tipe"), max_length=120, blank=True)
    serial_number = models.CharField(_("nomor seri"), max_length=80, blank=True)
    value = models.DecimalField(_("nilai (Rp)"), max_digits=14, decimal_places=0)
    quantity = models.PositiveSmallIntegerField(_("jumlah unit"), default=1)
    requested = models.TextField(
        _("yang diminta kelompok"),
        blank=True,
        help_text=_("Apa yang diusulkan kelompok (spesifikasi, kapasitas)."),
    )
    delivered = models.TextField(
        _("yang diterima"),
        blank=True,
        help_text=_("Apa yang benar-benar diserahkan (spesifikasi, kapasitas)."),
    )
    mismatch = models.BooleanField(
        _("tidak sesuai permintaan"),
        default=False,
        help_text=_("Centang bila barang yang diterima tidak sesuai dengan yang diminta."),
    )
    mismatch_note = models.CharField(_("keterangan ketidaksesuaian"), max_length=500, blank=True)
    condition = models.CharField(
        _("kondisi"), max_length=10, choices=Condition.choices, default=Condition.GOOD
    )
    in_use = models.BooleanField(_("dipakai"), default=True)
    last_checked_on = models.DateField(_("terakhir diperiksa"), null=True, blank=True)
    next_check_due = models.DateField(_("pemeriksaan berikutnya"), null=True, blank=True)
    is_active = models.BooleanField(
        _("masih tercatat"),
        default=True,
        help_text=_("Hapus centang bila barang dihapusbukukan atau salah catat."),
    )
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    history = HistoricalRecords()
    objects = EquipmentQuerySet.as_manager()

    class Meta:
        ordering = ["handover", "name", "id"]
        verbose_name = _("peralatan")
        verbose_name_plural = _("peralatan")
        indexes = [
            models.Index(fields=["is_active", "next_check_due"]),
            models.Index(fields=["is_active", "in_use"]),
            models.Index(fields=["condition"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(value__gte=0), name="equipment_value_not_negative"),
            models.CheckConstraint(
                condition=Q(quantity__gte=1), name="equipment_quantity_positive"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("groups:equipment_detail", args=[self.pk])

    @property
    def group(self):
        return self.handover.group

    @property
    def check_is_overdue(self) -> bool:
        return (
            self.is_active
            and self.next_check_due is not None
            and self.next_check_due < timezone.localdate()
        )


class EquipmentCheckQuerySet(GroupScopedQuerySet):
    group_path = "equipment__handover__group"

    def visible_to(self, user):
        """Inspections of equipment.

        | role       | sees                              |
        |------------|-----------------------------------|
        | official   | all                               |
        | mentor     | inspections of their groups' items|
        | others     | none                              |
        """
        return super().visible_to(user)


class EquipmentCheck(models.Model):
    """One inspection of a handed-out item: its condition, whether it is used, and when next."""

    equipment = models.ForeignKey(
        Equipment, on_delete=models.PROTECT, related_name="checks", verbose_name=_("peralatan")
    )
    checked_on = models.DateField(_("tanggal pemeriksaan"))
    condition = models.CharField(_("kondisi"), max_length=10, choices=Condition.choices)
    in_use = models.BooleanField(_("dipakai"), default=True)
    note = models.TextField(_("catatan"), blank=True)
    photo = models.FileField(
        _("foto"),
        upload_to=check_photo_path,
        storage=private_storage,
        validators=[UploadValidator(kinds=("jpeg", "png"))],
        blank=True,
        help_text=_("Opsional: JPEG atau PNG, paling besar 5 MB."),
    )
    next_check_due = models.DateField(_("pemeriksaan berikutnya"))
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diperiksa oleh"),
    )
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    history = HistoricalRecords()
    objects = EquipmentCheckQuerySet.as_manager()

    class Meta:
        ordering = ["-checked_on", "-id"]
        verbose_name = _("pemeriksaan peralatan")
        verbose_name_plural = _("pemeriksaan peralatan")
        constraints = [
            models.UniqueConstraint(
                fields=["equipment", "checked_on"],
                name="equipment_check_once_a_day",
                violation_error_message=_("Barang ini sudah diperiksa pada tanggal tersebut."),
            ),
            models.CheckConstraint(
                condition=Q(next_check_due__gt=models.F("checked_on")),
                name="equipment_check_next_after_check",
                violation_error_message=_(
                    "Pemeriksaan berikutnya harus sesudah tanggal pemeriksaan."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.equipment} {self.checked_on}"
