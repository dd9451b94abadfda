"""Shared display helpers for templates: Rupiah amounts and personal data by role."""

from django import template

from core import formatting, roles

register = template.Library()


@register.filter
def rupiah(value) -> str:
    return formatting.format_rupiah(value)


@register.filter
def nik_for(member, user) -> str:
    return formatting.nik_for(member, user)


@register.simple_tag(takes_context=True)
def has_role(context, *names) -> bool:
    return roles.has_any(context["request"].user, names)
