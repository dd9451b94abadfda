"""Panels on a group's profile page contributed by other apps (bookkeeping, readiness, sales...).

The groups app renders the profile; ``mentoring`` and ``marketing`` add their sections without
``groups`` importing them: each registers a ``Panel`` in ``AppConfig.ready``. ``context(group,
user)`` returns the template context for the panel, or ``None`` to leave it out for that user
(e.g. a role that may not see it). It must run a fixed number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    name: str
    title: str
    template_name: str
    context: Callable[[object, object], dict | None]
    order: int = 100


_panels: dict[str, Panel] = {}


def register(panel: Panel) -> None:
    _panels[panel.name] = panel


def panels_for(group, user) -> list[dict]:
    """The panels to show on this group's profile to this user, in order."""
    shown = []
    for panel in sorted(_panels.values(), key=lambda p: (p.order, p.name)):
        context = panel.context(group, user)
        if context is not None:
            shown.append({"panel": panel, "context": context})
    return shown
