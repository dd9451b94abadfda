"""Forms and list filters for banks, banks per theme and mentor assignments."""

import datetime as dt

import django_filters as df
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import roles
from groups.filters import ALL_LABEL
from groups.forms.fields import DateInput
from groups.models import IkmGroup, Theme
from groups.pickers import GroupPickFilter
from mentoring.models import Bank, MentorAssignment


def mentor_choices():
    """Active accounts holding the mentor role (who may be assigned), by name."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=roles.MENTOR)
        .order_by("first_name", "last_name", "username")
    )


class MentorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class BankForm(forms.ModelForm):
    class Meta:
        model = Bank
        fields = ["code", "name", "is_active"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = _("Singkat dan tetap, mis. BRI.")


class BankThemeForm(forms.Form):
    theme = forms.ModelChoiceField(label=_("Tema"), queryset=None)
    starts_on = forms.DateField(label=_("Mulai"), widget=DateInput())

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("initial", {"starts_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.visible_to(user)


class EndDateForm(forms.Form):
    ends_on = forms.DateField(label=_("Tanggal selesai"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"ends_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class AssignmentForm(forms.Form):
    group = forms.ModelChoiceField(label=_("Kelompok"), queryset=None)
    mentor = MentorChoiceField(label=_("Pendamping"), queryset=None)
    bank = forms.ModelChoiceField(
        label=_("Bank"),
        queryset=None,
        required=False,
        empty_label=_("Bank tema kelompok"),
        help_text=_("Kosongkan untuk memakai bank yang memegang tema kelompok."),
    )
    starts_on = forms.DateField(label=_("Mulai"), widget=DateInput())

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("starts_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = (
            IkmGroup.objects.visible_to(user).active().select_related("theme")
        )
        self.fields["mentor"].queryset = mentor_choices()
        self.fields["bank"].queryset = Bank.objects.visible_to(user).filter(is_active=True)


class AssignmentStopForm(forms.Form):
    last_day = forms.DateField(
        label=_("Hari terakhir pendampingan"),
        widget=DateInput(),
        help_text=_(
            "Pendamping masih dapat membuka kelompok sampai akhir hari ini. Bawaan: kemarin, "
            "artinya akses berakhir sekarang juga."
        ),
    )

    def __init__(self, *args, assignment: MentorAssignment, **kwargs):
        yesterday = timezone.localdate() - dt.timedelta(days=1)
        kwargs.setdefault("initial", {"last_day": yesterday})
        super().__init__(*args, **kwargs)


ASSIGNMENT_STATUS = [("", _("Aktif")), ("selesai", _("Selesai")), ("semua", _("Semua"))]


def _keep(queryset, name, value):
    return queryset


class AssignmentFilter(df.FilterSet):
    """Always bound: the list shows active assignments unless asked otherwise."""

    bank = df.ModelChoiceFilter(
        empty_label=ALL_LABEL,
        label=_("Bank"),
        queryset=lambda request: Bank.objects.visible_to(request.user),
    )
    pendamping = df.ModelChoiceFilter(
        empty_label=ALL_LABEL,
        field_name="mentor",
        label=_("Pendamping"),
        queryset=lambda request: get_user_model().objects.filter(groups__name=roles.MENTOR),
    )
    kelompok = GroupPickFilter(
        empty_label=ALL_LABEL,
        field_name="group",
        label=_("Kelompok"),
        queryset=lambda request: IkmGroup.objects.visible_to(request.user).order_by("code"),
    )
    status = df.ChoiceFilter(
        label=_("Status"), choices=ASSIGNMENT_STATUS, empty_label=None, method=_keep
    )

    class Meta:
        model = MentorAssignment
        fields: list = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["pendamping"].field_class = MentorChoiceField
        if not roles.is_official(self.request.user):
            del self.filters["pendamping"]

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        status = self.form.cleaned_data.get("status") or ""
        today = timezone.localdate()
        active = Q(ends_on__isnull=True) | Q(ends_on__gte=today)
        if status == "selesai":
            return queryset.filter(ends_on__lt=today)
        if status == "semua":
            return queryset
        return queryset.filter(active)
