"""Choosing one group in a filter, whether the user's scope holds ten groups or ten thousand.

A dropdown is the quickest way to pick among a mentor's few groups, but drawing one with
thousands of options cost most of a list page's time (docs/PERFORMANCE.md). So the picker reads
at most ``SEARCH_FROM + 1`` of the user's groups: when they fit, it is a dropdown; when they do
not, it is a text box that takes a group's code (or the "CODE — name" a suggestion fills in),
with suggestions fetched as the user types. Links that name a group by its id keep working in
both forms. Without JavaScript, typing the code still works.
"""

import copy

import django_filters as df
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

SEARCH_FROM = 200
SEPARATOR = " — "  # as IkmGroup.__str__ writes it


def group_label(code: str, name: str) -> str:
    return f"{code}{SEPARATOR}{name}"


def code_of(text: str) -> str:
    """The code part of what the search box holds: "CODE — name" or just a typed code.

    NUL characters go: PostgreSQL refuses them in any query, and no code holds one.
    """
    return text.replace("\x00", "").split(SEPARATOR.strip(), 1)[0].strip()


def suggest_groups(user, text: str, limit: int = 15) -> list[str]:
    """The user's groups whose code starts with, or whose name holds, what was typed."""
    from groups.models import IkmGroup

    text = text.replace("\x00", "").strip()[:60]
    if len(text) < 2:
        return []
    rows = (
        IkmGroup.objects.visible_to(user)
        .filter(Q(code__istartswith=text) | Q(name__icontains=text))
        .order_by("code")
        .values_list("code", "name")[:limit]
    )
    return [group_label(code, name) for code, name in rows]


class GroupPicker(forms.Select):
    """A dropdown while the choices are few, a search box with suggestions once they are many."""

    def render(self, name, value, attrs=None, renderer=None):
        field = self.choices.field
        groups = list(self.choices.queryset[: SEARCH_FROM + 1])
        if len(groups) <= SEARCH_FROM:
            # The options come from the rows just read: no second query.
            dropdown = copy.copy(self)
            empty = [("", field.empty_label)] if field.empty_label is not None else []
            dropdown.choices = empty + [(g.pk, field.label_from_instance(g)) for g in groups]
            return super(GroupPicker, dropdown).render(name, value, attrs, renderer)
        return self.render_search(name, value, attrs, renderer)

    def render_search(self, name, value, attrs, renderer):
        final = self.build_attrs(self.attrs, attrs)
        css = final.get("class", "").replace("form-select", "").split()
        list_id = f"{final.get('id') or name}-options"
        final.update(
            {
                "class": " ".join([*css, "form-control"]),
                "list": list_id,
                "autocomplete": "off",
                "placeholder": _("Ketik kode atau nama kelompok"),
                "data-group-lookup": reverse("groups:group_lookup"),
            }
        )
        box = forms.TextInput(final).render(name, self.shown_text(value), renderer=renderer)
        return format_html('{}<datalist id="{}"></datalist>', box, list_id)

    def shown_text(self, value) -> str:
        """The chosen group as "CODE — name"; what the user typed when it matched nothing."""
        if value in (None, ""):
            return ""
        text = str(value).replace("\x00", "").strip()
        match = Q(code__iexact=code_of(text))
        if text.isdigit():
            match |= Q(pk=text)
        found = self.choices.queryset.filter(match).values_list("code", "name")[:2]
        return group_label(*found[0]) if len(found) == 1 else text


class GroupPickField(forms.ModelChoiceField):
    """Takes a group's id (links, the dropdown), its code, or "CODE — name" (the search box)."""

    widget = GroupPicker

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip()
        if text.isdigit():
            try:
                return super().to_python(text)
            except ValidationError:
                pass  # a code made of digits only
        code = code_of(text)
        found = list(self.queryset.filter(code__iexact=code)[:2]) if code else []
        if len(found) != 1:
            raise ValidationError(
                _("Kelompok %(code)s tidak ada (atau bukan kelompok Anda)."),
                code="invalid_choice",
                params={"code": text[:60]},
            )
        return found[0]


class GroupPickFilter(df.ModelChoiceFilter):
    field_class = GroupPickField
