"""Forms for the training catalogue, events, participants, results and apprenticeships."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from groups.forms.fields import DateInput, RupiahField
from groups.models import IkmGroup, Member, Theme
from mentoring.models import (
    Apprenticeship,
    Attendance,
    Training,
    TrainingEvent,
    TrainingParticipant,
)


class TrainingForm(forms.ModelForm):
    class Meta:
        model = Training
        fields = ["title", "description", "themes", "is_active"]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["themes"].queryset = Theme.objects.visible_to(user)
        self.fields["themes"].help_text = _("Kosongkan bila untuk semua tema.")

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        clash = (
            Training.objects.visible_to(self.user)
            .filter(title__iexact=title)
            .exclude(pk=self.instance.pk)
            .exists()
        )
        if clash:
            raise forms.ValidationError(_("Sudah ada pelatihan dengan judul ini."))
        return title


class EventForm(forms.ModelForm):
    class Meta:
        model = TrainingEvent
        fields = ["starts_on", "ends_on", "place", "facilitator", "themes", "capacity", "note"]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "themes": forms.CheckboxSelectMultiple,
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, training=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.visible_to(user)
        self.fields["themes"].help_text = _("Tema yang diundang. Kosongkan untuk semua tema.")
        if training is not None and not self.instance.pk and not self.is_bound:
            self.initial["themes"] = list(training.themes.values_list("pk", flat=True))

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("Tanggal selesai tidak boleh sebelum tanggal mulai."))
        return data


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.group.code} · {obj.name}"


class ParticipantsAddForm(forms.Form):
    """Whole groups (their active members) and/or members picked one by one."""

    groups = forms.ModelMultipleChoiceField(
        label=_("Seluruh anggota aktif kelompok"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    members = MemberChoiceField(
        label=_("Anggota pilihan"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user, event: TrainingEvent, **kwargs):
        super().__init__(*args, **kwargs)
        groups = IkmGroup.objects.visible_to(user).active().order_by("code")
        self.fields["groups"].queryset = groups
        self.fields["members"].queryset = (
            Member.objects.visible_to(user)
            .active()
            .filter(group__in=groups.values("pk"))
            .select_related("group")
            .order_by("group__code", "name")
        )

    def clean(self):
        data = super().clean()
        groups, picked = data.get("groups"), data.get("members")
        if not groups and not picked and not self.errors:
            raise forms.ValidationError(_("Pilih kelompok atau anggota yang ikut."))
        return data

    def chosen_members(self) -> list:
        """The picked members plus the active members of the chosen groups, once each."""
        chosen = {m.pk: m for m in self.cleaned_data.get("members") or []}
        groups = self.cleaned_data.get("groups")
        if groups:
            for member in self.fields["members"].queryset.filter(group__in=groups):
                chosen.setdefault(member.pk, member)
        return list(chosen.values())


class ResultForm(forms.ModelForm):
    """One participant's row on the results page."""

    pre_score = forms.IntegerField(
        label=_("Pra-tes"),
        required=False,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": 100}),
    )
    post_score = forms.IntegerField(
        label=_("Pasca-tes"),
        required=False,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": 100}),
    )

    class Meta:
        model = TrainingParticipant
        fields = ["attendance", "pre_score", "post_score", "passed"]

    def clean(self):
        data = super().clean()
        if data.get("passed") and data.get("attendance") != Attendance.PRESENT:
            self.add_error("passed", _("Hanya peserta yang hadir dapat dinyatakan lulus."))
        return data


class BaseResultFormSet(forms.BaseModelFormSet):
    def clean(self):
        super().clean()
        # A row whose id is not one of this page's participants (changed list, or forged):
        # Django would make a new object of it; refuse the whole page instead.
        if any(form.instance.pk is None for form in self.forms):
            raise forms.ValidationError(
                _("Daftar peserta sudah berubah. Muat ulang halaman ini lalu isi lagi.")
            )


ResultFormSet = forms.modelformset_factory(
    TrainingParticipant,
    form=ResultForm,
    formset=BaseResultFormSet,
    extra=0,
    can_delete=False,
    edit_only=True,
)


class ApprenticeshipForm(forms.ModelForm):
    funding_amount = RupiahField(label=_("biaya (Rp)"), required=False)

    class Meta:
        model = Apprenticeship
        fields = [
            "host_name",
            "host_kind",
            "host_region",
            "starts_on",
            "ends_on",
            "funding_source",
            "funding_amount",
            "learned",
            "outcome",
            "outcome_report",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "learned": forms.Textarea(attrs={"rows": 3}),
            "outcome": forms.Textarea(attrs={"rows": 3}),
            "outcome_report": forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
        }

    def __init__(self, *args, user=None, member=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.outcome_report:
            self.fields["outcome_report"].help_text = _(
                "Sudah ada laporan. Unggah berkas baru hanya untuk menggantinya."
            )

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("Tanggal selesai tidak boleh sebelum tanggal mulai."))
        return data


class CertificateLookupForm(forms.Form):
    code = forms.CharField(
        label=_("Kode sertifikat"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
        help_text=_("Tertulis di sertifikat, mis. K7QW-2MXD-9TPA."),
    )
