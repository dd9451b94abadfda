"""Shared display helpers for templates: Rupiah amounts, years and personal data by role."""

from django import template

from core import formatting, roles

register = template.Library()


@register.filter
def rupiah(value) -> str:
    return formatting.format_rupiah(value)


@register.filter
def year(value) -> str:
    """``{{ handover.budget_year|year }}``: 2026, not 2.026 (see ``formatting.format_year``)."""
    return formatting.format_year(value)


@register.filter
def nik_for(member, user) -> str:
    return formatting.nik_for(member, user)


@register.simple_tag(takes_context=True)
def has_role(context, *names) -> bool:
    return roles.has_any(context["request"].user, names)
