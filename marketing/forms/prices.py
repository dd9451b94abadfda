"""A new price for a product, and an outlet's own retail price."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groups.forms.fields import DateInput, RupiahField
from marketing.models import Outlet


class PriceForm(forms.Form):
    consignment_price = RupiahField(
        label=_("Harga titip (Rp)"),
        min_value=1,
        help_text=_("Yang dibayar Perusda ke kelompok untuk tiap unit yang terjual."),
    )
    retail_price = RupiahField(
        label=_("Harga jual (Rp)"), min_value=1, help_text=_("Yang dibayar pembeli di gerai.")
    )
    valid_from = forms.DateField(label=_("Berlaku mulai"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["valid_from"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        consignment, retail = data.get("consignment_price"), data.get("retail_price")
        if consignment is not None and retail is not None and retail < consignment:
            self.add_error("retail_price", _("Harga jual tidak boleh di bawah harga titip."))
        return data


class OutletPriceForm(forms.Form):
    outlet = forms.ModelChoiceField(label=_("Gerai"), queryset=None)
    retail_price = RupiahField(label=_("Harga jual gerai (Rp)"), min_value=1)
    valid_from = forms.DateField(label=_("Berlaku mulai"), widget=DateInput())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outlet"].queryset = Outlet.objects.visible_to(user).active().order_by("code")
        self.fields["valid_from"].initial = timezone.localdate()
