"""A first line of hostile input for every form, without writing an entry for it.

Every POST row of the access matrix whose data is valid (answered with a redirect for some
role) gives a form, its valid payload and a user who may send it. Each field's kind is guessed
from its valid value (an ISO date, a number, a file, else text) and a short catalogue of that
kind is sent one field at a time. On refusal nothing in the URL's app may change; on
acceptance every changed row must pass ``full_clean()``. Forms with a hand-written entry in
``endpoints/`` (finer kinds, invariants, longer catalogues) are left to ``test_forms``.
"""

import datetime as dt
import re
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.access import ROLES
from tests.security.hostile import values
from tests.security.hostile.harness import attempt
from tests.security.hostile.registry import FORMS
from tests.test_access_matrix import RULES

SHORT = {
    "text": (values.LONG, values.XSS_ATTR, "nul\x00byte"),
    "numbers": ("-1", "1e309", "abc"),
    "dates": ("2023-02-30", "0001-01-01", "9999-12-31"),
    "files": ("exe named .pdf", "svg named .png", "oversized pdf"),
}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NUMBER = re.compile(r"^-?[\d.,]+$")
# Apps whose rows a form may touch, by URL namespace (the app itself plus the audit trail).
SIGNERS = [r for r in ROLES if r not in ("anonymous", "superuser")] + ["superuser"]


def kind_of(value) -> str | None:
    if isinstance(value, SimpleUploadedFile):
        return "files"
    if isinstance(value, list | tuple):
        return None  # multiple choices: left to the hand-written entries
    text = str(value)
    if ISO_DATE.match(text):
        try:
            dt.date.fromisoformat(text)
            return "dates"
        except ValueError:
            return "text"
    if NUMBER.match(text):
        return "numbers"
    return "text"


@dataclass(frozen=True)
class Derived:
    id: str
    url_name: str
    kwargs: object
    base: object
    user: str
    models: tuple[str, ...]
    accepted: tuple[int, ...] = (302,)
    refused: tuple[int, ...] = (200,)


def _models_of(url_name: str) -> tuple[str, ...]:
    label = url_name.split(":")[0] if ":" in url_name else None
    if label is None or label not in {a.label for a in apps.get_app_configs()}:
        return ()
    return tuple(
        m._meta.label
        for m in apps.get_app_config(label).get_models()
        if not m._meta.object_name.startswith("Historical")  # simple-history's copies
    )


def derived_forms() -> list[Derived]:
    covered = {e.url_name for e in FORMS}
    found = []
    for index, r in enumerate(RULES):
        if r.method != "post" or r.data is None or r.url_name in covered:
            continue
        signer = next((role for role in SIGNERS if r.expected[role] == 302), None)
        if signer is None:
            continue
        found.append(
            Derived(
                f"{r.url_name}#{index}",
                r.url_name,
                r.kwargs,
                r.data,
                signer,
                _models_of(r.url_name),
            )
        )
    return found


DERIVED = derived_forms()


@pytest.mark.parametrize("endpoint", DERIVED, ids=[d.id for d in DERIVED])
def test_hostile_values_on_every_form_of_the_matrix(client, world, endpoint):
    client.force_login(getattr(world, endpoint.user))
    url = reverse(endpoint.url_name, kwargs=endpoint.kwargs(world) if endpoint.kwargs else {})
    fields = {name: kind_of(v) for name, v in endpoint.base(world).items()}
    problems = []
    for name, kind in fields.items():
        if kind is None or name.endswith(("TOTAL_FORMS", "INITIAL_FORMS", "idempotency_key")):
            continue
        for value in SHORT[kind]:
            data = endpoint.base(world)
            data[name] = values.UPLOADS[value]() if kind == "files" else value
            problems += attempt(client, endpoint, url, data, f"{name}={str(value)[:30]!r}")
    assert not problems, "\n".join(problems)
