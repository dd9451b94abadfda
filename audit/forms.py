from django import forms
from django.utils.translation import gettext_lazy as _

from audit.display import current_app_label, target_label
from audit.models import AuditEvent


class AuditFilterForm(forms.Form):
    """Filters of the audit trail page. Every field is optional; invalid ones are ignored."""

    date_from = forms.DateField(
        label=_("Dari tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Sampai tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    user = forms.CharField(
        label=_("Pengguna"),
        required=False,
        max_length=150,
    )
    action = forms.ChoiceField(
        label=_("Tindakan"),
        required=False,
        choices=[("", _("Semua tindakan")), *AuditEvent.Action.choices],
    )
    target = forms.ChoiceField(label=_("Jenis data"), required=False)
    object_id = forms.CharField(label=_("ID data"), required=False, max_length=40)

    def __init__(self, *args, targets: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        # Events from before an app was renamed are one choice with the new ones.
        current = {(current_app_label(app), model) for app, model in targets}
        choices = sorted(
            ((f"{app}.{model}", target_label(app, model)) for app, model in current),
            key=lambda choice: choice[1],
        )
        self.fields["target"].choices = [("", _("Semua jenis data")), *choices]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("Tanggal akhir harus sama dengan atau sesudah awal."))
        return cleaned
