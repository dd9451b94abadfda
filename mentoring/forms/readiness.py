"""The readiness list's filters and the officials' form for the thresholds."""

from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from groups.forms.fields import RupiahField
from groups.models import Theme
from mentoring.models import Bank, ReadinessRule


class ReadinessFilterForm(forms.Form):
    """Theme and bank, scoped to what the user sees; a bad value is an error, not 'all'."""

    siap = forms.ChoiceField(
        label=_("kesiapan"),
        required=False,
        choices=[("", _("Semua")), ("ya", _("Siap kredit")), ("tidak", _("Belum siap"))],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tema"] = forms.ModelChoiceField(
            label=_("tema"),
            queryset=Theme.objects.visible_to(user),
            required=False,
            empty_label=_("Semua"),
        )
        self.fields["bank"] = forms.ModelChoiceField(
            label=_("bank pendamping"),
            queryset=Bank.objects.visible_to(user),
            required=False,
            empty_label=_("Semua"),
        )
        self.order_fields(["tema", "bank", "siap"])


class ReadinessRuleForm(forms.ModelForm):
    npwp_loan_threshold = RupiahField(label=_("NPWP wajib bila pinjaman di atas (Rp)"))

    class Meta:
        model = ReadinessRule
        fields = [
            "months_running",
            "consecutive_verified_reports",
            "profitable_months",
            "profit_window_months",
            "session_within_months",
            "npwp_loan_threshold",
            "sales_within_months",
        ]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.Meta.fields:
            if name != "npwp_loan_threshold":
                self.fields[name].min_value = 1
                self.fields[name].widget.attrs["min"] = 1
                self.fields[name].validators.append(MinValueValidator(1))
