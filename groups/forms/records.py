"""Products and legal documents of a group."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groups.forms.fields import DateInput, RupiahField
from groups.models import LegalDocument, Product


class ProductForm(forms.ModelForm):
    base_price = RupiahField(label=_("harga dasar (Rp)"))

    class Meta:
        model = Product
        fields = ["name", "unit", "base_price", "pirt_number", "halal_number", "is_active"]

    def __init__(self, *args, user, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.group = group

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = (
            Product.objects.visible_to(self.user)
            .filter(group=self.group, name__iexact=name)
            .exclude(pk=self.instance.pk)
            .exists()
        )
        if clash:
            raise forms.ValidationError(_("Kelompok ini sudah punya produk dengan nama ini."))
        return name


class DocumentForm(forms.ModelForm):
    class Meta:
        model = LegalDocument
        fields = ["kind", "number", "issued_on", "expires_on", "scan"]
        widgets = {
            "issued_on": DateInput(),
            "expires_on": DateInput(),
            "scan": forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
        }

    def __init__(self, *args, user=None, group=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expires_on"].help_text = _("Kosongkan bila dokumen berlaku seterusnya.")
        if self.instance.pk and self.instance.scan:
            self.fields["scan"].help_text = _(
                "Sudah ada pindaian. Unggah berkas baru hanya untuk menggantinya."
            )

    def clean_number(self):
        return self.cleaned_data["number"].strip()

    def clean_issued_on(self):
        issued_on = self.cleaned_data["issued_on"]
        if issued_on and issued_on > timezone.localdate():
            raise forms.ValidationError(_("Tanggal terbit tidak boleh di masa depan."))
        return issued_on
