"""Creating and correcting a group, and moving it on the roadmap."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groups.forms.fields import DateInput, clean_phone
from groups.models import IkmGroup, Kelurahan, Stage, Theme


class KelurahanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} (Kec. {obj.kecamatan.name})"


class GroupForm(forms.ModelForm):
    class Meta:
        model = IkmGroup
        fields = [
            "code",
            "name",
            "theme",
            "kelurahan",
            "address",
            "formed_on",
            "phone",
            "email",
            "bank_name",
            "bank_account_number",
            "bank_account_holder",
            "notes",
        ]
        field_classes = {"kelurahan": KelurahanChoiceField}
        widgets = {"formed_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.visible_to(user)
        self.fields["kelurahan"].queryset = (
            Kelurahan.objects.visible_to(user)
            .select_related("kecamatan")
            .order_by("kecamatan__name", "name")
        )

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()

    def clean_phone(self):
        return clean_phone(self.cleaned_data.get("phone"))

    def clean_formed_on(self):
        formed_on = self.cleaned_data["formed_on"]
        if formed_on and formed_on > timezone.localdate():
            raise forms.ValidationError(_("Tanggal terbentuk tidak boleh di masa depan."))
        return formed_on


class StageChangeForm(forms.Form):
    to_stage = forms.ChoiceField(label=_("Tahap baru"))
    changed_on = forms.DateField(label=_("Tanggal"), widget=DateInput())
    reason = forms.CharField(
        label=_("Alasan"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Apa yang membuktikan langkah ini, mis. 'Pembukuan 6 bulan lengkap'."),
    )

    def __init__(self, *args, group: IkmGroup, **kwargs):
        kwargs.setdefault("initial", {"changed_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["to_stage"].choices = [
            (value, label) for value, label in Stage.choices if value != group.stage
        ]


class ConfirmForm(forms.Form):
    """An explicit 'yes' for actions that change a record's status (deactivate, reactivate)."""

    confirm = forms.BooleanField(label=_("Ya, saya yakin"), required=True)
