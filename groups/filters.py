"""Filter forms of the registry's lists (django-filter), always applied after scoping.

Every choice list is scoped to the user, so query parameters can narrow a list but never widen
it. A bound filter with a bad value (an id the user may not see) is a form error and shows no
rows rather than ignoring the filter.
"""

import django_filters as df
from django.db.models import Q
from django.forms.utils import pretty_name
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from core.formatting import format_year
from groups.models import (
    Condition,
    DocumentKind,
    Equipment,
    Handover,
    IkmGroup,
    Kecamatan,
    Kelurahan,
    Member,
    Stage,
    Theme,
)
from groups.pickers import GroupPickFilter

ALL_LABEL = _("Semua")


def _descending(label) -> str:
    return _("%s (menurun)") % label


class OrderingFilter(df.OrderingFilter):
    """Sorting with Indonesian labels (django-filter ships none)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", _("Bawaan"))
        super().__init__(*args, **kwargs)

    def build_choices(self, fields, labels):
        # The choices are built once, when the FilterSet class is defined: the labels stay lazy
        # so that each request shows them in its own language.
        ascending = [
            (param, labels.get(field, pretty_name(param))) for field, param in fields.items()
        ]
        descending = [
            (f"-{param}", labels.get(f"-{param}", lazy(_descending, str)(label)))
            for param, label in ascending
        ]
        return [choice for pair in zip(ascending, descending, strict=True) for choice in pair]


ACTIVE_CHOICES = [("", _("Aktif")), ("nonaktif", _("Nonaktif")), ("semua", _("Semua"))]
YES_NO = [("ya", _("Ya")), ("tidak", _("Tidak"))]


def _themes(request):
    return Theme.objects.visible_to(request.user)


def _kecamatan(request):
    return Kecamatan.objects.visible_to(request.user)


def _kelurahan(request):
    return Kelurahan.objects.visible_to(request.user).order_by("name")


def _groups(request):
    return IkmGroup.objects.visible_to(request.user).for_choices()


def _keep(queryset, name, value):
    """Applied in ``filter_queryset`` (it has a default even when the parameter is empty)."""
    return queryset


class _ActiveDefaultFilterSet(df.FilterSet):
    """Lists show active rows unless the user asks for inactive ones or all."""

    status = df.ChoiceFilter(
        label=_("Status"), choices=ACTIVE_CHOICES, empty_label=None, method=_keep
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The search box first, the status and the sort order last.
        for name in ("status", "urut"):
            if name in self.filters:
                self.filters[name] = self.filters.pop(name)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        status = self.form.cleaned_data.get("status") or ""
        if status == "nonaktif":
            return queryset.filter(is_active=False)
        if status == "semua":
            return queryset
        return queryset.filter(is_active=True)


class GroupFilter(_ActiveDefaultFilterSet):
    q = df.CharFilter(
        label=_("Cari"), method="search", help_text=_("Nama, kode kelompok atau nama anggota")
    )
    tema = df.ModelChoiceFilter(
        empty_label=ALL_LABEL, field_name="theme", label=_("Tema"), queryset=_themes
    )
    kecamatan = df.ModelChoiceFilter(
        empty_label=ALL_LABEL,
        field_name="kelurahan__kecamatan",
        label=_("Kecamatan"),
        queryset=_kecamatan,
    )
    kelurahan = df.ModelChoiceFilter(
        empty_label=ALL_LABEL, field_name="kelurahan", label=_("Kelurahan"), queryset=_kelurahan
    )
    tahap = df.ChoiceFilter(
        empty_label=ALL_LABEL, field_name="stage", label=_("Tahap"), choices=Stage.choices
    )
    urut = OrderingFilter(
        label=_("Urutkan"),
        fields=(
            ("code", "kode"),
            ("name", "nama"),
            ("theme__name", "tema"),
            ("kelurahan__name", "kelurahan"),
            ("stage_order", "tahap"),
            ("member_total", "anggota"),
            ("formed_on", "terbentuk"),
        ),
        field_labels={
            "code": _("Kode"),
            "name": _("Nama"),
            "theme__name": _("Tema"),
            "kelurahan__name": _("Kelurahan"),
            "stage_order": _("Tahap"),
            "member_total": _("Jumlah anggota"),
            "formed_on": _("Tanggal terbentuk"),
        },
    )

    class Meta:
        model = IkmGroup
        fields: list = []

    def search(self, queryset, name, value):
        value = value.strip()
        members = (
            Member.objects.visible_to(self.request.user)
            .filter(name__icontains=value)
            .values("group_id")
        )
        return queryset.filter(
            Q(name__icontains=value) | Q(code__icontains=value) | Q(pk__in=members)
        )


def _budget_years(request):
    years = (
        Handover.objects.visible_to(request.user)
        .order_by("-budget_year")
        .values_list("budget_year", flat=True)
        .distinct()
    )
    return [(format_year(y), format_year(y)) for y in years]


class EquipmentFilter(_ActiveDefaultFilterSet):
    q = df.CharFilter(
        label=_("Cari"),
        method="search",
        help_text=_("Nama barang, merek, nomor seri, nomor BAST atau kelompok"),
    )
    tema = df.ModelChoiceFilter(
        empty_label=ALL_LABEL,
        field_name="handover__group__theme",
        label=_("Tema"),
        queryset=_themes,
    )
    kelompok = GroupPickFilter(
        empty_label=ALL_LABEL, field_name="handover__group", label=_("Kelompok"), queryset=_groups
    )
    kondisi = df.ChoiceFilter(
        empty_label=ALL_LABEL, field_name="condition", label=_("Kondisi"), choices=Condition.choices
    )
    tahun = df.ChoiceFilter(
        empty_label=ALL_LABEL,
        field_name="handover__budget_year",
        label=_("Tahun anggaran"),
        choices=[],
    )
    dipakai = df.ChoiceFilter(
        empty_label=ALL_LABEL, label=_("Dipakai"), choices=YES_NO, method="yes_no"
    )
    tidak_sesuai = df.ChoiceFilter(
        empty_label=ALL_LABEL, label=_("Tidak sesuai permintaan"), choices=YES_NO, method="yes_no"
    )
    urut = OrderingFilter(
        label=_("Urutkan"),
        fields=(
            ("handover__group__code", "kelompok"),
            ("name", "nama"),
            ("value", "nilai"),
            ("handover__handed_over_on", "diserahkan"),
            ("next_check_due", "periksa"),
            ("condition", "kondisi"),
        ),
        field_labels={
            "handover__group__code": _("Kelompok"),
            "name": _("Nama barang"),
            "value": _("Nilai"),
            "handover__handed_over_on": _("Tanggal serah terima"),
            "next_check_due": _("Pemeriksaan berikutnya"),
            "condition": _("Kondisi"),
        },
    )

    class Meta:
        model = Equipment
        fields: list = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["tahun"].extra["choices"] = _budget_years(self.request)

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(name__icontains=value)
            | Q(brand_model__icontains=value)
            | Q(serial_number__icontains=value)
            | Q(handover__number__icontains=value)
            | Q(handover__group__name__icontains=value)
            | Q(handover__group__code__icontains=value)
        )

    def yes_no(self, queryset, name, value):
        field = {"dipakai": "in_use", "tidak_sesuai": "mismatch"}[name]
        return queryset.filter(**{field: value == "ya"})


PROBLEM_CHOICES = [
    ("", _("Semua masalah")),
    ("missing", _("Belum ada (wajib)")),
    ("expired", _("Kedaluwarsa")),
    ("expiring", _("Segera habis")),
]


class DocumentStatusFilter(df.FilterSet):
    q = df.CharFilter(label=_("Cari"), method="search", help_text=_("Nama atau kode kelompok"))
    tema = df.ModelChoiceFilter(
        empty_label=ALL_LABEL, field_name="theme", label=_("Tema"), queryset=_themes
    )
    jenis = df.ChoiceFilter(
        empty_label=ALL_LABEL, label=_("Jenis dokumen"), choices=DocumentKind.choices, method=_keep
    )
    masalah = df.ChoiceFilter(
        label=_("Masalah"), choices=PROBLEM_CHOICES, empty_label=None, method=_keep
    )

    class Meta:
        model = IkmGroup
        fields: list = []

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(name__icontains=value) | Q(code__icontains=value))

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        kinds = [self.form.cleaned_data["jenis"]] if self.form.cleaned_data.get("jenis") else None
        return queryset.with_document_problems(
            problem=self.form.cleaned_data.get("masalah") or "", kinds=kinds
        )
