"""Form pieces shared by the registry's forms (and usable by other apps' forms)."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    """The browser's own date picker (works well on phones); ISO value, shown localised."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class RupiahField(forms.DecimalField):
    """Whole rupiah as people type them: ``150000``, ``150.000``, ``Rp 150.000``, ``150.000,00``."""

    default_error_messages = {
        "invalid": _("Tulis jumlah rupiah dengan angka, mis. 150000 atau 150.000."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 0)
        kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)
        self.widget.input_type = "text"
        self.widget.attrs.setdefault("inputmode", "numeric")

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int | Decimal):
            return Decimal(value)
        text = re.sub(r"(?i)^\s*rp\.?\s*", "", str(value)).replace(" ", "").replace(".", "")
        if "," in text:
            text, _comma, cents = text.partition(",")
            if cents.strip("0"):
                raise ValidationError(
                    _("Rupiah dicatat tanpa sen; hapus angka di belakang koma."), code="cents"
                )
        try:
            return Decimal(text)
        except InvalidOperation:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


PHONE_RE = re.compile(r"^(\+62|62|0)[0-9][0-9 \-]{6,16}$")


def clean_phone(value: str) -> str:
    """An Indonesian phone number (08..., +62...), spaces and dashes allowed."""
    value = (value or "").strip()
    if value and not PHONE_RE.match(value):
        raise ValidationError(
            _("Nomor telepon tidak dikenali; tulis mis. 0812 3456 7890 atau +62 812 3456 7890."),
            code="phone",
        )
    return value


def apply_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError next to the fields it names (or on top of the form)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
