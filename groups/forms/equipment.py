"""BASTs, the items they cover, and inspections."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groups.forms.fields import DateInput, RupiahField
from groups.models import CHECK_INTERVAL_DAYS, Equipment, EquipmentCheck, Handover


class HandoverForm(forms.ModelForm):
    class Meta:
        model = Handover
        fields = [
            "number",
            "handed_over_on",
            "budget_source",
            "budget_year",
            "received_by",
            "scan",
            "note",
        ]
        widgets = {
            "handed_over_on": DateInput(),
            "scan": forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user=None, group=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.initial.setdefault("budget_year", timezone.localdate().year)

    def clean_number(self):
        return self.cleaned_data["number"].strip()

    def clean(self):
        data = super().clean()
        day, year = data.get("handed_over_on"), data.get("budget_year")
        if day and day > timezone.localdate():
            self.add_error("handed_over_on", _("Tanggal serah terima tidak boleh di masa depan."))
        if day and year and not (year - 1 <= day.year <= year + 1):
            self.add_error(
                "budget_year",
                _("Tahun anggaran %(year)d jauh dari tanggal serah terima (%(day)s).")
                % {"year": year, "day": day.strftime("%d-%m-%Y")},
            )
        return data


class EquipmentForm(forms.ModelForm):
    value = RupiahField(
        label=_("nilai (Rp)"), help_text=_("Nilai satu unit; totalnya dikalikan jumlah unit.")
    )

    class Meta:
        model = Equipment
        fields = [
            "name",
            "category",
            "brand_model",
            "serial_number",
            "quantity",
            "value",
            "requested",
            "delivered",
            "mismatch",
            "mismatch_note",
            "is_active",
        ]
        widgets = {
            "requested": forms.Textarea(attrs={"rows": 2}),
            "delivered": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user=None, handover=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            del self.fields["is_active"]

    def clean(self):
        data = super().clean()
        if data.get("mismatch") and not (data.get("mismatch_note") or "").strip():
            self.add_error(
                "mismatch_note", _("Jelaskan apa yang tidak sesuai dengan permintaan kelompok.")
            )
        return data


class EquipmentCheckForm(forms.ModelForm):
    class Meta:
        model = EquipmentCheck
        fields = ["checked_on", "condition", "in_use", "note", "photo", "next_check_due"]
        widgets = {
            "checked_on": DateInput(),
            "next_check_due": DateInput(),
            "note": forms.Textarea(attrs={"rows": 2}),
            "photo": forms.FileInput(attrs={"accept": ".jpg,.jpeg,.png", "capture": "environment"}),
        }

    def __init__(self, *args, user=None, equipment: Equipment, **kwargs):
        super().__init__(*args, **kwargs)
        self.equipment = equipment
        today = timezone.localdate()
        self.initial.setdefault("checked_on", today)
        self.initial.setdefault("next_check_due", today + dt.timedelta(days=CHECK_INTERVAL_DAYS))
        self.fields["next_check_due"].required = False
        self.fields["next_check_due"].help_text = _(
            "Kosongkan untuk 6 bulan setelah pemeriksaan ini."
        )

    def clean(self):
        data = super().clean()
        checked_on = data.get("checked_on")
        if checked_on:
            if checked_on > timezone.localdate():
                self.add_error("checked_on", _("Tanggal pemeriksaan tidak boleh di masa depan."))
            elif checked_on < self.equipment.handover.handed_over_on:
                self.add_error(
                    "checked_on", _("Tanggal pemeriksaan tidak boleh sebelum serah terima barang.")
                )
            if self.equipment.checks.filter(checked_on=checked_on).exists():
                self.add_error("checked_on", _("Barang ini sudah diperiksa pada tanggal tersebut."))
            # Only from a valid date: 9999-12-31 + 6 months does not exist.
            if not data.get("next_check_due") and "checked_on" not in self.errors:
                data["next_check_due"] = checked_on + dt.timedelta(days=CHECK_INTERVAL_DAYS)
                self.instance.next_check_due = data["next_check_due"]
        return data
