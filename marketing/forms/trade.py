"""Forms of the trade at the outlet: the counter, deliveries, stock changes, the day's closing.

Lines of products are posted as pairs of ``product`` and ``quantity`` values; every product id is
checked against what the user may touch at this outlet, so a product with no stock there (or of
another outlet) is a form error, never a write.
"""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from groups.forms.fields import DateInput, RupiahField
from groups.models import IkmGroup, Product
from marketing.models import Outlet, Sale, Stock, StockReturn
from marketing.services.trade import business_date, received_field

MAX_QUANTITY = 10_000


def _posted_lines(data, products: dict, unknown=None) -> list[tuple[int, int]]:
    """(product id, quantity) pairs from the posted ``product``/``quantity`` lists.

    Blank or zero quantities are skipped; an unknown product id or a bad number raises a
    ValidationError naming the problem.
    """
    ids, quantities = data.getlist("product"), data.getlist("quantity")
    if len(ids) != len(quantities):
        raise ValidationError(_("Daftar produk tidak lengkap; muat ulang halaman."))
    lines = []
    for raw_id, raw_quantity in zip(ids, quantities, strict=True):
        raw_quantity = (raw_quantity or "").strip()
        if raw_quantity in ("", "0"):
            continue
        try:
            product_id, quantity = int(raw_id), int(raw_quantity)
        except ValueError:
            raise ValidationError(_("Jumlah ditulis dengan angka bulat.")) from None
        if product_id not in products:
            raise ValidationError(unknown or _("Produk ini tidak ada di stok gerai ini."))
        if quantity < 0 or quantity > MAX_QUANTITY:
            raise ValidationError(_("Jumlah harus antara 0 dan %(max)d.") % {"max": MAX_QUANTITY})
        if quantity:
            lines.append((product_id, quantity))
    return lines


class SaleForm(forms.Form):
    """The counter: quantities of products in stock, and the key that makes a resend harmless."""

    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, user, outlet: Outlet, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("idempotency_key", uuid.uuid4())
        super().__init__(*args, **kwargs)
        self.user, self.outlet = user, outlet
        self.lines: list[tuple[int, int]] = []

    def clean(self):
        cleaned = super().clean()
        if self.data:
            stocked = dict(
                Stock.objects.visible_to(self.user)
                .filter(outlet=self.outlet, quantity__gt=0)
                .values_list("product_id", "quantity")
            )
            self.lines = _posted_lines(self.data, stocked)
            if not self.lines and not self.errors:
                raise ValidationError(_("Isi jumlah paling sedikit satu produk."))
        return cleaned


def _bootstrap(form) -> None:
    """Bootstrap classes on a filter form's widgets (they are drawn field by field)."""
    for field in form.fields.values():
        css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
        field.widget.attrs.setdefault("class", css)


class SaleFilterForm(forms.Form):
    """Filters of the sales list; the outlet choices are the user's outlets only."""

    gerai = forms.ModelChoiceField(label=_("Gerai"), queryset=None, required=False)
    tanggal = forms.DateField(label=_("Tanggal"), required=False, widget=DateInput)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Semua"))] + Sale.Status.choices
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gerai"].queryset = Outlet.objects.visible_to(user).order_by("code")
        _bootstrap(self)


class OutletFilterForm(forms.Form):
    """Outlet and product-name filter of the stock, deliveries, closings and returns lists."""

    gerai = forms.ModelChoiceField(label=_("Gerai"), queryset=None, required=False)
    q = forms.CharField(label=_("Cari produk"), required=False, max_length=100)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gerai"].queryset = Outlet.objects.visible_to(user).order_by("code")
        _bootstrap(self)


class VoidForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan pembatalan"),
        max_length=255,
        help_text=_("mis. salah input jumlah, pembeli batal"),
    )


class DeliveryForm(forms.Form):
    """Perusda consigns a group's goods to an outlet: pick both, then the quantities."""

    outlet = forms.ModelChoiceField(label=_("Gerai"), queryset=None)
    group = forms.ModelChoiceField(label=_("Kelompok"), queryset=None)
    sent_on = forms.DateField(label=_("Tanggal kirim"), widget=DateInput, initial=business_date)
    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["outlet"].queryset = Outlet.objects.visible_to(user).active().order_by("code")
        self.fields["group"].queryset = IkmGroup.objects.visible_to(user).active().order_by("name")
        self.lines: list[tuple[int, int]] = []

    def products_of(self, group) -> dict[int, Product]:
        return {
            p.pk: p
            for p in Product.objects.visible_to(self.user)
            .filter(group=group, is_active=True)
            .order_by("name")
        }

    def clean(self):
        cleaned = super().clean()
        group = cleaned.get("group")
        if group is not None and "product" in self.data:
            self.lines = _posted_lines(
                self.data,
                self.products_of(group),
                _("Hanya produk aktif milik kelompok ini yang dapat dikirim."),
            )
            if not self.lines:
                raise ValidationError(_("Isi jumlah paling sedikit satu produk."))
        return cleaned


class ReceiveForm(forms.Form):
    """The counted quantity of every line of a delivery (prefilled with what was sent)."""

    note = forms.CharField(
        label=_("Catatan penerimaan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("mis. 2 bungkus rusak di perjalanan"),
    )

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.line_fields = []
        for line in lines:
            name = received_field(line.pk)  # the service's errors land on this field
            self.fields[name] = forms.IntegerField(
                label=line.product.name,
                min_value=0,
                max_value=MAX_QUANTITY,
                initial=line.quantity_sent,
                help_text=_("Dikirim: %(n)d %(unit)s")
                % {"n": line.quantity_sent, "unit": line.product.unit},
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )
            self.line_fields.append((line, name))
        self.order_fields([name for _line, name in self.line_fields] + ["note"])

    def received(self) -> dict[int, int]:
        return {line.pk: self.cleaned_data[name] for line, name in self.line_fields}


class ReturnForm(forms.Form):
    """Goods of one group taken back from the outlet; the group follows from the products."""

    reason = forms.ChoiceField(label=_("Alasan"), choices=StockReturn.Reason.choices)
    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, stocked: dict[int, Stock], **kwargs):
        super().__init__(*args, **kwargs)
        self.stocked = stocked
        self.lines: list[tuple[int, int]] = []
        self.group = None

    def clean(self):
        cleaned = super().clean()
        if self.data:
            self.lines = _posted_lines(self.data, self.stocked)
            if not self.lines:
                raise ValidationError(_("Isi jumlah paling sedikit satu produk."))
            groups = {self.stocked[pid].product.group_id for pid, _q in self.lines}
            if len(groups) > 1:
                raise ValidationError(
                    _("Satu retur untuk satu kelompok; pisahkan produk kelompok lain.")
                )
            self.group = self.stocked[self.lines[0][0]].product.group
        return cleaned


class WriteOffForm(forms.Form):
    quantity = forms.IntegerField(label=_("Jumlah"), min_value=1, max_value=MAX_QUANTITY)
    reason = forms.CharField(
        label=_("Alasan"), max_length=255, help_text=_("mis. kemasan rusak, lewat tanggal")
    )


class AdjustForm(forms.Form):
    counted = forms.IntegerField(
        label=_("Jumlah hasil hitung"), min_value=0, max_value=10 * MAX_QUANTITY
    )
    reason = forms.CharField(label=_("Alasan"), max_length=255, help_text=_("mis. stok opname"))


class ClosingForm(forms.Form):
    cash_counted = RupiahField(label=_("Kas dihitung (Rp)"))
    note = forms.CharField(
        label=_("Catatan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Wajib bila kas dihitung berbeda dengan kas seharusnya."),
    )
