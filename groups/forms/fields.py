"""Form pieces shared by the registry's forms (and usable by other apps' forms)."""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    """The browser's own date picker (works well on phones); ISO value, shown localised."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


# A Rupiah amount as typed: an optional minus sign and "Rp"/"Rp." prefix, the digits, and the
# ",-" that Indonesian price tags end with ("Rp 150.000,-": exactly, no cents).
_RUPIAH_INPUT = re.compile(
    r"(?P<minus>-)?\s*(?:rp\.?\s*)?(?P<number>[0-9][0-9., ]*?)(?:,-)?", re.IGNORECASE
)
# Thousand groups: one kind of separator, every group after the first exactly three digits.
# Indonesian writes 150.000 and English 150,000; both mean the same whole amount, so either
# separator (or a space) is read in either language, and nothing else that holds one is
# guessed at: "1.5" or "150,00" may be a decimal, and reading it as 15 or 15000 would be wrong.
_GROUPED = re.compile(r"[0-9]{1,3}(?P<sep>[., ])[0-9]{3}(?:(?P=sep)[0-9]{3})*")


class RupiahField(forms.DecimalField):
    """Whole rupiah as people type them: ``150000``, ``150.000``, ``Rp 150.000``, ``150,000``.

    Anything that could be a decimal (``1.5``, ``150,00``, ``150.000,50``, ``1.500,000``) is
    refused with a message saying how to write it: a number is never silently scaled.
    """

    default_error_messages = {
        "invalid": _("Tulis jumlah rupiah dengan angka, mis. 150000 atau 150.000."),
        "decimal": _("Tulis jumlah rupiah tanpa desimal, misalnya 150000 atau 150.000."),
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
        match = _RUPIAH_INPUT.fullmatch(str(value).strip())
        if match is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        number = match["number"]
        if not (number.isdigit() or _GROUPED.fullmatch(number)):
            raise ValidationError(self.error_messages["decimal"], code="decimal")
        amount = Decimal(re.sub(r"[., ]", "", number))
        return -amount if match["minus"] else amount


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
