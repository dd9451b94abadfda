"""Menu sections per role. Apps register their sections in ``AppConfig.ready``.

Hiding a link is cosmetic: every view still gates by role and scopes its rows.
"""

from dataclasses import dataclass

from django.urls import reverse

from core import roles


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


MENU_ICONS = {
    "groups": "bi-people",
    "mentoring": "bi-journal-check",
    "marketing": "bi-shop",
    "accounts": "bi-person-gear",
    "audit": "bi-clock-history",
}


def menus_for(user) -> list[dict]:
    """The user's sections as a short navbar: one dropdown per app, a plain link where an app
    offers a single page (a long flat menu would not fit a desktop bar, let alone a phone)."""
    from django.apps import apps

    menus: list[dict] = []
    by_app: dict[str, dict] = {}
    for item in sections_for(user):
        app_label = item["url_name"].split(":", 1)[0] if ":" in item["url_name"] else ""
        if not app_label:
            menus.append({"label": item["label"], "icon": item["icon"], "items": [item]})
            continue
        menu = by_app.get(app_label)
        if menu is None:
            config = apps.get_app_config(app_label) if apps.is_installed(app_label) else None
            menu = {
                "label": config.verbose_name if config else app_label,
                "icon": MENU_ICONS.get(app_label, "bi-grid"),
                "items": [],
                "app": app_label,
            }
            by_app[app_label] = menu
            menus.append(menu)
        menu["items"].append(item)
    return menus
