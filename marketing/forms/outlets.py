"""Outlet records and the clerks posted at them."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import roles
from groups.forms.fields import DateInput, clean_phone
from marketing.models import Outlet, Regency


class OutletForm(forms.ModelForm):
    class Meta:
        model = Outlet
        fields = ["code", "name", "regency", "address", "phone", "opened_on"]
        widgets = {"opened_on": DateInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regency"].queryset = Regency.objects.visible_to(user).order_by("code")

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()

    def clean_phone(self):
        return clean_phone(self.cleaned_data.get("phone"))

    def clean_opened_on(self):
        opened_on = self.cleaned_data.get("opened_on")
        if opened_on and opened_on > timezone.localdate():
            raise forms.ValidationError(_("Tanggal dibuka tidak boleh di masa depan."))
        return opened_on


class ClerkChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        name = obj.get_full_name()
        return f"{name} ({obj.username})" if name else obj.username


class StaffAssignForm(forms.Form):
    """Post a clerk (an active account with the clerk role) at the outlet from a day on."""

    user = ClerkChoiceField(label=_("Kasir"), queryset=None)
    starts_on = forms.DateField(label=_("Mulai bertugas"), widget=DateInput())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, groups__name=roles.CLERK)
            .order_by("first_name", "last_name", "username")
        )
        self.fields["starts_on"].initial = timezone.localdate()


class StaffEndForm(forms.Form):
    ends_on = forms.DateField(label=_("Terakhir bertugas"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ends_on"].initial = timezone.localdate()
