"""The registry of every form and import the hostile battery attacks.

One entry per form endpoint; adding a form to the battery is adding one ``form(...)`` entry to
``tests/security/hostile/endpoints/<app>.py`` (``FORMS = [...]``, ``IMPORTS = [...]``,
``SEARCHES = [...]``). The battery then sends every hostile value of each field's kind, one
field at a time on top of the valid base payload, and checks the outcome (see ``harness``).
"""

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class FormEndpoint:
    """A page with a form that writes.

    ``base`` must be accepted as it is (a test checks it): every hostile case changes one field
    of it, so a refusal is caused by that field. ``models`` are the ``app_label.Model`` whose
    rows the form may write: on a refusal none of their rows may change, on an acceptance every
    new or changed row must pass ``full_clean()`` and ``invariant``.
    """

    id: str
    url_name: str
    base: Callable  # world -> valid POST data
    models: tuple[str, ...]
    kwargs: Callable | None = None  # world -> URL kwargs
    user: str = "official"  # the world's user who posts (one who may)
    text: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    # Date fields whose stored value must never be after today.
    past_dates: tuple[str, ...] = ()
    # Extra rule for every new or changed row: (row) -> None, raises AssertionError.
    invariant: Callable | None = None
    # Status codes that mean 'accepted' (after the write the page redirects) and 'refused'
    # (the form again, with its errors).
    accepted: tuple[int, ...] = (302,)
    refused: tuple[int, ...] = (200,)

    @property
    def fields(self) -> dict[str, str]:
        kinds = {}
        for kind in ("text", "numbers", "dates", "choices", "files"):
            for name in getattr(self, kind):
                kinds[name] = kind
        return kinds


def form(id, url_name, base, models, **options) -> FormEndpoint:
    return FormEndpoint(id, url_name, base, tuple(models), **options)


@dataclass(frozen=True)
class ImportEndpoint:
    """A CSV/XLSX import page. ``headers`` and ``row`` (world -> list of cells) make a valid
    file of one data row; ``columns`` name each column's kind for the per-cell attacks."""

    id: str
    url_name: str
    headers: tuple[str, ...]
    row: Callable  # world -> list[str], a valid data row
    models: tuple[str, ...]
    columns: dict[str, str] = field(default_factory=dict)  # header -> kind
    user: str = "official"
    kwargs: Callable | None = None
    file_field: str = "file"
    accepted: tuple[int, ...] = (302,)
    refused: tuple[int, ...] = (200,)


@dataclass(frozen=True)
class SearchEndpoint:
    """A list page with filters in the query string: hostile values must narrow, not break."""

    id: str
    url_name: str
    params: tuple[str, ...]
    users: tuple[str, ...] = ("official",)
    kwargs: Callable | None = None


def _collect(attr: str) -> list:
    from tests.security.hostile import endpoints

    found = []
    for info in pkgutil.iter_modules(endpoints.__path__):
        module = importlib.import_module(f"{endpoints.__name__}.{info.name}")
        found.extend(getattr(module, attr, []))
    return found


FORMS: list[FormEndpoint] = _collect("FORMS")
IMPORTS: list[ImportEndpoint] = _collect("IMPORTS")
SEARCHES: list[SearchEndpoint] = _collect("SEARCHES")
