"""Report filters: period, outlet, regency, theme, group and the grouping, all scoped."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core import roles
from core.months import month_start, next_month
from groups.models import IkmGroup, Theme
from marketing.forms.fields import MonthField
from marketing.models import Outlet, Regency
from marketing.reports import DIMENSIONS

ALL = _("Semua")


def default_period(today):
    """The last twelve months, this one included."""
    end = month_start(today)
    return next_month(end.replace(year=end.year - 1)), end


class _ScopedFilters(forms.Form):
    """Outlet, regency and theme choices the user may see; a field with nothing to choose is
    dropped (a mentor has no outlets to pick, a clerk no groups)."""

    gerai = forms.ModelChoiceField(label=_("Gerai"), queryset=None, required=False, empty_label=ALL)
    kabupaten = forms.ModelChoiceField(
        label=_("Kabupaten/kota"), queryset=None, required=False, empty_label=ALL
    )
    tema = forms.ModelChoiceField(label=_("Tema"), queryset=None, required=False, empty_label=ALL)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gerai"].queryset = Outlet.objects.visible_to(user).order_by("code")
        self.fields["kabupaten"].queryset = Regency.objects.visible_to(user).filter(
            kind=Regency.Kind.KABUPATEN
        )
        self.fields["tema"].queryset = Theme.objects.visible_to(user)
        if not (roles.is_official(user) or roles.is_perusda(user) or roles.is_clerk(user)):
            del self.fields["gerai"]  # mentors see their groups' sales, not outlets' books

    def values(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "outlet": data.get("gerai"),
            "regency": data.get("kabupaten"),
            "theme": data.get("tema"),
        }


class SalesReportForm(_ScopedFilters):
    dari = MonthField(label=_("Dari bulan"), required=False)
    sampai = MonthField(label=_("Sampai bulan"), required=False)
    kelompok = forms.ModelChoiceField(
        label=_("Kelompok"), queryset=None, required=False, empty_label=ALL
    )
    per = forms.ChoiceField(
        label=_("Kelompokkan per"),
        choices=[(d.key, d.label) for d in DIMENSIONS.values()],
        required=False,
    )

    field_order = ["dari", "sampai", "per", "gerai", "kabupaten", "tema", "kelompok"]

    def __init__(self, *args, user, today, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.today = today
        self.fields["kelompok"].queryset = IkmGroup.objects.visible_to(user).order_by("code")
        if not (roles.is_official(user) or roles.is_perusda(user) or roles.is_mentor(user)):
            del self.fields["kelompok"]  # the group registry is closed to clerks
        self.default_start, self.default_end = default_period(today)
        self.fields["dari"].widget.attrs["placeholder"] = self.default_start.strftime("%Y-%m")
        self.fields["sampai"].widget.attrs["placeholder"] = self.default_end.strftime("%Y-%m")

    def clean(self):
        data = super().clean()
        start = data.get("dari") or self.default_start
        end = data.get("sampai") or self.default_end
        if start > end:
            self.add_error("sampai", _("Bulan akhir tidak boleh sebelum bulan awal."))
        data["dari"], data["sampai"] = start, end
        data["per"] = data.get("per") or "gerai"
        return data

    def values(self) -> dict:
        values = super().values()
        data = self.cleaned_data if self.is_valid() else {}
        values.update(
            start=data.get("dari") or self.default_start,
            end=data.get("sampai") or self.default_end,
            group=data.get("kelompok"),
        )
        return values

    @property
    def dimension(self) -> str:
        return (self.cleaned_data.get("per") if self.is_valid() else None) or "gerai"


STOCK_VIEW = [("", _("Semua stok")), ("lambat", _("Lambat laku"))]


class StockReportForm(_ScopedFilters):
    tampil = forms.ChoiceField(label=_("Tampilkan"), choices=STOCK_VIEW, required=False)
