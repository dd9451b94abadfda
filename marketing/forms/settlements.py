"""Generating a month's settlements and recording a payment."""

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
    expected_amount = forms.DecimalField(
        max_digits=14, decimal_places=0, widget=forms.HiddenInput()
    )

    def __init__(self, *args, settlement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paid_on"].initial = timezone.localdate()
        self.fields["expected_amount"].initial = settlement.amount_due
