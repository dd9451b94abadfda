"""Display helpers of the registry's templates: badge colours and other apps' profile panels."""

from django import template
from django.template.loader import get_template

register = template.Library()

DOCUMENT_BADGES = {
    "valid": "text-bg-success",
    "expiring": "text-bg-warning",
    "expired": "text-bg-danger",
    "missing": "text-bg-danger",
}
CONDITION_BADGES = {
    "good": "text-bg-success",
    "minor": "text-bg-warning",
    "major": "text-bg-danger",
    "unusable": "text-bg-dark",
}


@register.filter
def document_badge(status) -> str:
    return DOCUMENT_BADGES.get(str(status or ""), "text-bg-light border")


@register.filter
def condition_badge(condition) -> str:
    return CONDITION_BADGES.get(str(condition or ""), "text-bg-light border")


@register.simple_tag(takes_context=True)
def render_panel(context, item) -> str:
    """Render a registered profile panel with its own context on top of the page's."""
    panel = item["panel"]
    with context.push(panel=panel, **item["context"]):
        return get_template(panel.template_name).template.render(context)
