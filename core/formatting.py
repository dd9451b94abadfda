"""How money and personal data are shown: plain functions that templates, models, services and
exports all import (the ``palu`` template tags only wrap them)."""

from decimal import Decimal, InvalidOperation

from core import roles


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
