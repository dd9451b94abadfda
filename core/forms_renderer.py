"""The form renderer: Django's, except that ``<select>`` boxes are built in Python.

Django renders every ``<option>`` through the template engine (two template includes per
option). A filter with 2,000 groups or 200 mentors then costs hundreds of milliseconds a page
for the dropdown alone. This renderer writes the same markup directly (byte for byte what the
templates make; ``tests/perf/test_forms_renderer.py`` compares them) and leaves every other
widget, and any select with custom option templates, to the templates.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def _attrs(attrs) -> str:
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(parts)


def render_select(widget: dict) -> str | None:
    """The markup of Django's select template for this widget context, or None to fall back."""
    out = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            out.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            if option["template_name"] != OPTION:
                return None
            out.append(
                f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                f"{_attrs(option['attrs'])}>{conditional_escape(option['label'])}</option>\n"
            )
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>")
    return "".join(out)


class FastSelectRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name == SELECT:
            html = render_select(context["widget"])
            if html is not None:
                return mark_safe(html)  # nosec B308 B703 - every part above is escaped
        return super().render(template_name, context, request=request)
