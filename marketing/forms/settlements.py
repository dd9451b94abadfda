"""Generating a month's settlements and recording a payment."""

import re
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groups.forms.fields import DateInput
from marketing.forms.fields import MonthField
from marketing.settlements import last_closed_month


class GenerateForm(forms.Form):
    month = MonthField(
        label=_("Bulan penjualan"),
        help_text=_("Bulan yang sudah berakhir. Pembayaran yang sudah dibayar tidak diubah."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"].initial = last_closed_month()


class PayForm(forms.Form):
    paid_on = forms.DateField(label=_("Tanggal bayar"), widget=DateInput())
    payment_reference = forms.CharField(
        label=_("Referensi pembayaran"),
        max_length=60,
        help_text=_("Nomor transfer bank atau kuitansi."),
    )
    # The amount the manager saw: a hidden value, so a bad one is said above the form.
    expected_amount = forms.CharField(widget=forms.HiddenInput(), required=False)

    def __init__(self, *args, settlement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paid_on"].initial = timezone.localdate()
        self.fields["expected_amount"].initial = str(settlement.amount_due)

    def clean_expected_amount(self):
        value = (self.cleaned_data.get("expected_amount") or "").strip()
        if not re.fullmatch(r"[0-9]{1,14}", value):
            self.add_error(
                None,
                _("Halaman ini sudah usang. Buka lagi pembayaran ini dan periksa jumlahnya."),
            )
            return None
        return Decimal(value)
