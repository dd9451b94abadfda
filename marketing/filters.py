"""Filter forms of marketing's lists, always applied after scoping (choices scoped too)."""

import django_filters as df
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from groups.filters import ALL_LABEL, OrderingFilter, _ActiveDefaultFilterSet
from groups.models import IkmGroup, Product, Theme
from groups.pickers import GroupPickFilter
from marketing.forms.fields import MonthField
from marketing.models import Outlet, Regency, Settlement


class MonthFilter(df.DateFilter):
    field_class = MonthField


def _regencies(request):
    return Regency.objects.visible_to(request.user).filter(kind=Regency.Kind.KABUPATEN)


def _groups(request):
    return IkmGroup.objects.visible_to(request.user).for_choices()


def _themes(request):
    return Theme.objects.visible_to(request.user)


class OutletFilter(_ActiveDefaultFilterSet):
    q = df.CharFilter(label=_("Cari"), method="search", help_text=_("Kode, nama atau alamat"))
    kabupaten = df.ModelChoiceFilter(
        empty_label=ALL_LABEL, field_name="regency", label=_("Kabupaten"), queryset=_regencies
    )

    class Meta:
        model = Outlet
        fields: list = []

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(code__icontains=value) | Q(name__icontains=value) | Q(address__icontains=value)
        )


PRICE_STATE = [
    ("", _("Semua")),
    ("belum", _("Belum ada harga")),
    ("ada", _("Sudah ada harga")),
]


def _keep(queryset, name, value):
    return queryset


class ProductPriceFilter(_ActiveDefaultFilterSet):
    q = df.CharFilter(label=_("Cari"), method="search", help_text=_("Nama produk atau kelompok"))
    kelompok = GroupPickFilter(
        empty_label=ALL_LABEL, field_name="group", label=_("Kelompok"), queryset=_groups
    )
    tema = df.ModelChoiceFilter(
        empty_label=ALL_LABEL, field_name="group__theme", label=_("Tema"), queryset=_themes
    )
    harga = df.ChoiceFilter(
        label=_("Harga"), choices=PRICE_STATE, empty_label=None, method="price_state"
    )
    urut = OrderingFilter(
        label=_("Urutkan"),
        fields=(
            ("group__code", "kelompok"),
            ("name", "nama"),
            ("retail_now", "harga"),
            ("margin_now", "marjin"),
            ("price_since", "berlaku"),
        ),
        field_labels={
            "group__code": _("Kelompok"),
            "name": _("Produk"),
            "retail_now": _("Harga jual"),
            "margin_now": _("Marjin"),
            "price_since": _("Berlaku mulai"),
        },
    )

    class Meta:
        model = Product
        fields: list = []

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(name__icontains=value)
            | Q(group__name__icontains=value)
            | Q(group__code__icontains=value)
        )

    def price_state(self, queryset, name, value):
        if value == "belum":
            return queryset.filter(retail_now__isnull=True)
        if value == "ada":
            return queryset.filter(retail_now__isnull=False)
        return queryset


SETTLEMENT_STATE = [
    ("", _("Semua")),
    ("due", _("Belum dibayar")),
    ("overdue", _("Terlambat")),
    ("paid", _("Dibayar")),
]


class SettlementFilter(df.FilterSet):
    kelompok = GroupPickFilter(
        empty_label=ALL_LABEL, field_name="group", label=_("Kelompok"), queryset=_groups
    )
    bulan = MonthFilter(field_name="month", label=_("Bulan"))
    status = df.ChoiceFilter(
        label=_("Status"), choices=SETTLEMENT_STATE, empty_label=None, method=_keep
    )
    urut = OrderingFilter(
        label=_("Urutkan"),
        fields=(
            ("month", "bulan"),
            ("group__code", "kelompok"),
            ("amount_due", "jumlah"),
            ("due_on", "jatuh_tempo"),
        ),
        field_labels={
            "month": _("Bulan"),
            "group__code": _("Kelompok"),
            "amount_due": _("Jumlah"),
            "due_on": _("Jatuh tempo"),
        },
    )

    class Meta:
        model = Settlement
        fields: list = []

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        state = self.form.cleaned_data.get("status") or ""
        if state == "overdue":
            return queryset.overdue(self.today).filter(amount_due__gt=0)
        if state in (Settlement.Status.DUE, Settlement.Status.PAID):
            return queryset.filter(status=state)
        return queryset
