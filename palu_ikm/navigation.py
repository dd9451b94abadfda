"""Menu sections per role. Apps register their sections in ``AppConfig.ready``.

Hiding a link is cosmetic: every view still gates by role and scopes its rows.
"""

from dataclasses import dataclass

from django.urls import reverse

from palu_ikm import roles


@dataclass(frozen=True)
class Section:
    label: str
    url_name: str
    icon: str
    allowed_roles: frozenset[str]
    order: int = 100


_sections: list[Section] = []


def register(section: Section) -> None:
    if all(s.url_name != section.url_name for s in _sections):
        _sections.append(section)
        _sections.sort(key=lambda s: (s.order, s.url_name))


def sections_for(user) -> list[dict]:
    return [
        {"label": s.label, "url": reverse(s.url_name), "icon": s.icon, "url_name": s.url_name}
        for s in _sections
        if roles.has_any(user, s.allowed_roles)
    ]
