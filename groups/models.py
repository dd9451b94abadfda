"""The program's groups: themes, Palu's areas, IKM groups, their members, products and papers."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from groups.validators import mask_nik, validate_nik
from palu_ikm import roles


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
        """A group's papers: officials see all, mentors their groups', others none."""
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
    scan = models.FileField(_("pindaian"), upload_to="documents/%Y/", blank=True)
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
