"""How money, years, recorded values and personal data are shown: plain functions that
templates, models, services, exports and the trails all import (the ``palu`` template tags only
wrap them)."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import models
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext

from core import roles

# How a recorded value reads (``format_value``); ``value_kind`` picks one for a model field.
TEXT, CHOICE, RELATED, DATETIME, DATE, MONEY, NUMBER, YEAR, BOOL, FILE, LIST = (
    "text",
    "choice",
    "related",
    "datetime",
    "date",
    "money",
    "number",
    "year",
    "bool",
    "file",
    "list",
)
DATETIME_FORMAT = "j M Y H:i"  # as the change history writes when: 6 Des 2026 21:52
DATE_FORMAT = "j M Y"
EMPTY = "–"


def format_rupiah(value) -> str:
    """Rp 1.250.000 — whole rupiah, dot as thousands separator, minus sign in front."""
    if value is None or value == "":
        return "–"
    try:
        amount = Decimal(value).quantize(Decimal(1))
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    sign = "-" if amount < 0 else ""
    grouped = f"{int(abs(amount)):,}".replace(",", ".")
    return f"{sign}Rp {grouped}"


def format_year(value) -> str:
    """A year as people write it: 2026, never 2.026 (nor 2,026 in English).

    ``USE_THOUSAND_SEPARATOR`` makes Django group every integer a template prints, which is
    right for counts and money and wrong for years: a year is a label, not a quantity. This is
    the one way the app writes a year: templates through the ``|year`` filter (also inside
    ``blocktranslate``: ``with y=year|year``), Python through this function wherever a year
    becomes a label (choices, admin columns, report cells). ``None`` or "" is "".
    """
    if value is None or value == "":
        return ""
    try:
        return str(int(value))
    except (TypeError, ValueError):
        return str(value)


def nik_for(member, user) -> str:
    """The full NIK for officials, the masked one for everybody else."""
    return member.nik if roles.is_official(user) else member.nik_masked


def value_kind(field) -> str:
    """The kind of a model field's values, for ``format_value``.

    Money is whole Rupiah in this app: every ``DecimalField`` without decimals is an amount
    (a field that is not, such as a target that may count groups, says so where it is shown).
    An integer field named ``year`` or ``*_year`` holds a year.
    """
    if getattr(field, "choices", None):
        return CHOICE
    if isinstance(field, models.ForeignKey):
        return RELATED
    if isinstance(field, models.FileField):
        return FILE
    if isinstance(field, models.DateTimeField):
        return DATETIME
    if isinstance(field, models.DateField):
        return DATE
    if isinstance(field, models.BooleanField):
        return BOOL
    if isinstance(field, models.DecimalField):
        return MONEY if field.decimal_places == 0 else NUMBER
    if isinstance(field, models.IntegerField | models.FloatField):
        name = field.name
        return YEAR if name == "year" or name.endswith("_year") else NUMBER
    if isinstance(field, models.ManyToManyField):
        return LIST
    return TEXT


def _as_datetime(value):
    if isinstance(value, str):
        value = parse_datetime(value.strip())
    if not isinstance(value, dt.datetime):
        return None
    return timezone.localtime(value) if timezone.is_aware(value) else value


def _as_date(value):
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        value = parse_date(value.strip()[:10])
    return value if isinstance(value, dt.date) else None


def format_value(value, kind: str = TEXT, *, choices=None, related=None) -> str:
    """A recorded value as people read it: in the audit trail and the change history, where
    values arrive as Python objects or as their JSON form (ISO dates, decimal strings, pks).

    ``choices`` maps stored values to labels (``CHOICE``); ``related`` maps a related row's pk
    to its name (``RELATED``; a pk it does not know reads ``#12``). Date-times are shown in
    Palu's time. Anything that does not parse as its kind is shown as it was recorded.
    """
    if value is None or value == "":
        return EMPTY
    if kind == CHOICE:
        return str(dict(choices or ()).get(value, value))
    if kind == RELATED:
        name = (related or {}).get(value)
        if name is None and isinstance(value, str) and value.isdigit():
            name = (related or {}).get(int(value))
        return str(name) if name is not None else f"#{value}"
    if kind == DATETIME:
        moment = _as_datetime(value)
        return formats.date_format(moment, DATETIME_FORMAT) if moment else str(value)
    if kind == DATE:
        day = _as_date(value)
        return formats.date_format(day, DATE_FORMAT) if day else str(value)
    if kind == MONEY:
        return format_rupiah(value)
    if kind == NUMBER:
        try:
            number = Decimal(str(value))
        except (InvalidOperation, ValueError):
            return str(value)
        return formats.number_format(number.normalize() if number % 1 else int(number))
    if kind == YEAR:
        return format_year(value)
    if kind == BOOL:
        if isinstance(value, str):
            value = value.strip().lower() in ("true", "1", "ya")
        return gettext("ya") if value else gettext("tidak")
    if kind == FILE:
        return gettext("berkas terlampir")
    if kind == LIST:
        if isinstance(value, list | tuple):
            return ", ".join(str(v) for v in value) if value else EMPTY
        return str(value)
    return str(value)
