"""The access matrix: every named URL gets a declared rule for every role.

Rules live in ``tests/access_rules/<app>.py`` as ``RULES = [rule(...), ...]``; each app's
issue adds its rows there. ``tests/test_access_matrix.py`` walks the URL resolver and fails for
any URL without a rule.
"""

from collections.abc import Callable
from dataclasses import dataclass

# Column order of the codes string of ``rule``.
ROLES = (
    "anonymous",
    "superuser",
    "official",
    "mentor",
    "other_mentor",
    "clerk",
    "other_clerk",
    "perusda",
)

# Shorthands for the common rows.
OFFICIAL_ONLY = "302 200 200 403 403 403 403 403"
EVERYONE = "302 200 200 200 200 200 200 200"


@dataclass(frozen=True)
class Rule:
    url_name: str
    expected: dict[str, int]
    kwargs: Callable | None = None  # world -> URL kwargs (objects are 'own' for mentor/clerk)
    method: str = "get"
    data: Callable | None = None  # world -> POST body

    @property
    def id(self) -> str:
        return f"{self.method.upper()} {self.url_name}"


def rule(url_name: str, codes: str, *, kwargs=None, method="get", data=None) -> Rule:
    """One row: ``codes`` holds one status per role, in the order of ``ROLES``."""
    values = [int(c) for c in codes.split()]
    if len(values) != len(ROLES):
        raise ValueError(f"{url_name}: {len(values)} codes for {len(ROLES)} roles")
    return Rule(url_name, dict(zip(ROLES, values, strict=True)), kwargs, method, data)
