"""Shared display helpers: Rupiah amounts and personal data by role."""

from decimal import Decimal, InvalidOperation

from django import template

from palu_ikm import roles

register = template.Library()


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


@register.filter
def rupiah(value) -> str:
    return format_rupiah(value)


@register.filter
def nik_for(member, user) -> str:
    """The full NIK for officials, the masked one for everybody else."""
    return member.nik if roles.is_official(user) else member.nik_masked


@register.simple_tag(takes_context=True)
def has_role(context, *names) -> bool:
    return roles.has_any(context["request"].user, names)
