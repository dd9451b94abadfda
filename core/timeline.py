"""A group's timeline, gathered from every app without the base app importing them.

Each app registers a provider in ``AppConfig.ready``: a function ``(group, user)`` returning
``TimelineEntry`` items for that group, in a fixed number of queries. The profile page merges
them newest first.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils import timezone


@dataclass(frozen=True)
class TimelineEntry:
    when: dt.date | dt.datetime
    kind: str  # short machine name, e.g. "stage", "equipment", "session", "sale"
    title: str
    detail: str = ""
    url: str = ""
    icon: str = "bi-dot"

    @property
    def sort_key(self) -> dt.datetime:
        if isinstance(self.when, dt.datetime):
            return timezone.localtime(self.when) if timezone.is_aware(self.when) else self.when
        return dt.datetime.combine(self.when, dt.time.min)

    @property
    def day(self) -> dt.date:
        return self.sort_key.date()


Provider = Callable[[object, object], Iterable[TimelineEntry]]
_providers: dict[str, Provider] = {}


def register(name: str, provider: Provider) -> None:
    _providers[name] = provider


def entries_for(group, user, limit: int | None = 50) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    for provider in _providers.values():
        entries.extend(provider(group, user))
    # Aware datetimes compare with naive local ones only after dropping tzinfo.
    entries.sort(key=lambda e: e.sort_key.replace(tzinfo=None), reverse=True)
    return entries[:limit] if limit else entries
