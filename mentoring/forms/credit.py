"""Credit applications: the draft, and the steps (submit, decide, disburse) recorded later."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groups.forms.fields import DateInput, RupiahField
from groups.models import IkmGroup
from groups.pickers import GroupPickField
from mentoring.models import Bank, CreditApplication, CreditScheme, MentorAssignment


class CreditApplicationForm(forms.ModelForm):
    """A draft: the group only on creation (scoped: a foreign group is a form error)."""

    amount_requested = RupiahField(label=_("jumlah diajukan (Rp)"), min_value=1)

    class Meta:
        model = CreditApplication
        fields = ["group", "bank", "scheme", "amount_requested", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if self.instance.pk:
            del self.fields["group"]
        else:
            self.fields["group"].queryset = (
                IkmGroup.objects.visible_to(user).active().order_by("code")
            )
        self.fields["bank"].queryset = Bank.objects.visible_to(user).filter(is_active=True)
        self.fields["scheme"].queryset = (
            CreditScheme.objects.visible_to(user).filter(is_active=True).select_related("bank")
        )
        self.fields["scheme"].label_from_instance = _scheme_label
        if not self.instance.pk and not self.is_bound:
            # A mentor usually records for their own bank.
            own = (
                MentorAssignment.objects.visible_to(user)
                .active_on()
                .filter(mentor=user)
                .values_list("bank_id", flat=True)
                .first()
            )
            if own:
                self.fields["bank"].initial = own


def _scheme_label(scheme) -> str:
    return f"{scheme.name} ({scheme.limits_label})"


class SubmitForm(forms.Form):
    submitted_on = forms.DateField(
        label=_("tanggal diajukan ke bank"), widget=DateInput(), initial=timezone.localdate
    )


class DecisionForm(forms.Form):
    APPROVE, REJECT = "approve", "reject"

    decision = forms.ChoiceField(
        label=_("keputusan bank"),
        choices=[(APPROVE, _("Disetujui")), (REJECT, _("Ditolak"))],
        widget=forms.RadioSelect,
    )
    amount_approved = RupiahField(label=_("jumlah disetujui (Rp)"), required=False, min_value=1)
    decided_on = forms.DateField(
        label=_("tanggal keputusan"), widget=DateInput(), initial=timezone.localdate
    )
    note = forms.CharField(
        label=_("catatan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wajib bila ditolak: alasan dari bank."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.APPROVE and not data.get("amount_approved"):
            self.add_error("amount_approved", _("Isi jumlah yang disetujui bank."))
        if data.get("decision") == self.REJECT and not (data.get("note") or "").strip():
            self.add_error("note", _("Tuliskan alasan penolakan dari bank."))
        return data


class DisburseForm(forms.Form):
    disbursed_on = forms.DateField(
        label=_("tanggal pencairan"), widget=DateInput(), initial=timezone.localdate
    )


class GroupFilterForm(forms.Form):
    """The credit list's group filter: the user's groups, a search box when they are many."""

    kelompok = GroupPickField(
        queryset=IkmGroup.objects.none(),  # scoping: ok, the user's groups are set in __init__
        required=False,
        empty_label=_("Semua"),
        label=_("Kelompok"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kelompok"].queryset = IkmGroup.objects.visible_to(user).for_choices()
        self.fields["kelompok"].widget.attrs["class"] = "form-select"
