"""RupiahField reads whole rupiah the way people type them, in either interface language.

Dots and commas are both thousand separators (150.000 in Indonesian, 150,000 in English);
whatever could be a decimal is refused with a message, never read as a smaller or larger number.
"""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from groups.forms.fields import RupiahField

LANGUAGES = ("id", "en")

ACCEPTED = [
    ("150000", 150000),
    ("150.000", 150000),
    ("Rp 150.000", 150000),
    ("Rp. 150.000", 150000),
    ("rp150000", 150000),
    ("Rp 150.000,-", 150000),
    ("150,000", 150000),
    ("Rp 150,000", 150000),
    ("1,500,000", 1500000),
    ("1.500.000", 1500000),
    ("1 500 000", 1500000),
    ("  75.000  ", 75000),
    ("0", 0),
    ("999", 999),
    ("1.000", 1000),
    ("1,000", 1000),
]

# Each could be a decimal (or is a mistyped grouping): refused, whatever the language.
DECIMAL_LIKE = [
    "1.5",
    "1,5",
    "150,00",
    "150.000,50",
    "150.000,00",
    "150,000.00",
    "1.500,000",
    "1,500.000",
    "1500.000",
    "15.00",
    "150.",
    "1..500",
]

NOT_A_NUMBER = ["abc", "Rp", "Rp -", "lima ribu", "150rb", "1e5", "１５０"]

MESSAGES = {
    "decimal": {
        "id": "Tulis jumlah rupiah tanpa desimal, misalnya 150000 atau 150.000.",
        "en": "Write the rupiah amount without decimals, e.g. 150000 or 150,000.",
    },
    "invalid": {
        "id": "Tulis jumlah rupiah dengan angka, mis. 150000 atau 150.000.",
        "en": "Write the rupiah amount in digits, e.g. 150000 or 150.000.",
    },
}


def _refusal(text, language, **field_options):
    """The error's code and its messages, read in the language (they are lazy)."""
    with translation.override(language):
        with pytest.raises(ValidationError) as caught:
            RupiahField(**field_options).clean(text)
        return caught.value.error_list[0].code, caught.value.messages


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("text", "amount"), ACCEPTED)
def test_grouped_and_plain_amounts_are_read_whole(language, text, amount):
    with translation.override(language):
        assert RupiahField().clean(text) == Decimal(amount)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("text", DECIMAL_LIKE)
def test_anything_that_could_be_a_decimal_is_refused_saying_how_to_write_it(language, text):
    assert _refusal(text, language) == ("decimal", [MESSAGES["decimal"][language]])


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("text", NOT_A_NUMBER)
def test_text_that_is_no_number_is_refused(language, text):
    assert _refusal(text, language) == ("invalid", [MESSAGES["invalid"][language]])


def test_limits_of_the_field_still_apply():
    assert _refusal("-5.000", "id")[0] == "min_value"
    assert _refusal("Rp 1.000", "en", min_value=1500)[0] == "min_value"
    assert RupiahField(min_value=None).clean("-5.000") == Decimal(-5000)
    assert _refusal("Rp 1.000.000.000.000.000", "en")[0] == "max_digits"
    assert RupiahField(required=False).clean("") is None


def test_numbers_already_parsed_pass_unchanged():
    assert RupiahField().clean(Decimal(150000)) == Decimal(150000)
    assert RupiahField().clean(2500) == Decimal(2500)
