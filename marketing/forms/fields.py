"""Form fields marketing shares."""

from django import forms
from django.utils.translation import gettext_lazy as _


class MonthInput(forms.DateInput):
    """The browser's month picker; the value is ``YYYY-MM``."""

    input_type = "month"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m")


class MonthField(forms.DateField):
    """A calendar month, as its first day."""

    widget = MonthInput
    input_formats = ["%Y-%m", "%Y-%m-%d"]
    default_error_messages = {"invalid": _("Tulis bulan sebagai TTTT-BB, mis. 2024-01.")}

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace(day=1) if value else value
