"""Forms of monthly bookkeeping reports: the entry form, the month field and the filters."""

import datetime as dt

import django_filters as df
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groups.forms.fields import RupiahField
from groups.models import IkmGroup
from groups.pickers import GroupPickFilter
from mentoring.models import BookkeepingReport

AMOUNTS = (
    "revenue",
    "cost_of_goods",
    "operating_costs",
    "cash",
    "receivables",
    "inventory",
    "payables",
)


class MonthInput(forms.DateInput):
    """The browser's month picker: ``2024-05``."""

    input_type = "month"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m")


class MonthField(forms.DateField):
    """A month as ``2024-05`` (or ``05/2024``), cleaned to its first day."""

    widget = MonthInput
    input_formats = ["%Y-%m", "%m/%Y", "%Y-%m-%d"]
    default_error_messages = {"invalid": _("Tulis bulan seperti 2024-05.")}

    def to_python(self, value):
        day = super().to_python(value)
        return day.replace(day=1) if day else day


class ReportForm(forms.ModelForm):
    """A month's figures; profit and equity are computed, never typed."""

    month = MonthField(label=_("Bulan"))
    verify = forms.BooleanField(
        label=_("Saya sudah memeriksa angka ini di buku kelompok (verifikasi)"), required=False
    )

    class Meta:
        model = BookkeepingReport
        fields = [
            "month",
            *AMOUNTS,
            "keeps_cash_book",
            "keeps_sales_book",
            "keeps_purchase_book",
            "keeps_stock_book",
            "separates_household_money",
            "method",
            "note",
        ]
        field_classes = dict.fromkeys(AMOUNTS, RupiahField)
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, group: IkmGroup, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.group = user, group
        for name in AMOUNTS:
            self.fields[name].widget.attrs["placeholder"] = "0"
        self.fields["month"].widget.attrs["max"] = timezone.localdate().strftime("%Y-%m")
        if self.instance.pk:
            del self.fields["month"]
            if self.instance.is_verified:
                self.fields["verify"].initial = True
        else:
            self.initial.setdefault("month", self._next_month())

    def _next_month(self) -> dt.date:
        """The first month after the group's latest report (this month's if none or late)."""
        this_month = timezone.localdate().replace(day=1)
        latest = (
            BookkeepingReport.objects.visible_to(self.user)
            .filter(group=self.group)
            .order_by("-month")
            .values_list("month", flat=True)
            .first()
        )
        if latest is None or latest >= this_month:
            return this_month
        year, month = divmod(latest.month, 12)
        return dt.date(latest.year + year, month + 1, 1)

    def clean_month(self):
        month = self.cleaned_data["month"]
        if month > timezone.localdate().replace(day=1):
            raise forms.ValidationError(_("Laporan untuk bulan yang belum berjalan belum bisa."))
        taken = (
            BookkeepingReport.objects.visible_to(self.user)
            .filter(group=self.group, month=month)
            .exists()
        )
        if taken:
            raise forms.ValidationError(
                _("Kelompok ini sudah punya laporan untuk %(month)s; ubah laporan itu saja.")
                % {"month": month.strftime("%m/%Y")}
            )
        return month

    def validate_unique(self):
        """Uniqueness of the month is checked in ``clean_month`` with a friendlier message."""


# --- filters ----------------------------------------------------------------------------------


def _groups(request):
    return IkmGroup.objects.visible_to(request.user).for_choices()


YES_NO = [("ya", _("Ya")), ("tidak", _("Tidak"))]


class ReportFilter(df.FilterSet):
    kelompok = GroupPickFilter(
        label=_("Kelompok"), field_name="group", queryset=_groups, empty_label=_("Semua")
    )
    tahun = df.NumberFilter(label=_("Tahun"), field_name="month__year")
    bulan = df.NumberFilter(label=_("Bulan (1-12)"), field_name="month__month")
    terverifikasi = df.ChoiceFilter(
        label=_("Terverifikasi"), choices=YES_NO, empty_label=_("Semua"), method="filter_verified"
    )
    rugi = df.ChoiceFilter(
        label=_("Rugi"), choices=YES_NO, empty_label=_("Semua"), method="filter_loss"
    )

    class Meta:
        model = BookkeepingReport
        fields = []

    def filter_verified(self, queryset, name, value):
        return queryset.filter(verified_at__isnull=value != "ya")

    def filter_loss(self, queryset, name, value):
        return queryset.filter(profit__lt=0) if value == "ya" else queryset.filter(profit__gte=0)
