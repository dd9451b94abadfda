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


def nik_for(member, user) -> str:
    """The full NIK for officials, the masked one for everybody else."""
    return member.nik if roles.is_official(user) else member.nik_masked
