from django import forms
from django.utils.translation import gettext_lazy as _


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas"),
        help_text=_("CSV atau Excel (.xlsx), paling besar 5 MB, judul kolom seperti templat."),
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx"}),
    )
