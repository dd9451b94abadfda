"""Every form in the registry × every field × every hostile value of the field's kind.

One test per (form, field) sends the whole catalogue of that kind, each case in its own
rolled-back savepoint, and reports every failing case at once.
"""

import pytest
from django.urls import reverse

from tests.security.hostile import values
from tests.security.hostile.harness import attempt
from tests.security.hostile.registry import FORMS

CATALOGUE = {
    "text": values.TEXT_PER_FIELD,
    "numbers": values.NUMBERS,
    "dates": values.DATES,
    "choices": values.CHOICES,
}


@pytest.fixture
def world(db, shared_world):
    """One world for the module's ~700 tests (see ``shared_world``): each rolls back its own."""
    return shared_world


def sign_in(client, world, user):
    if user != "anonymous":
        client.force_login(getattr(world, user))


def target(world, endpoint):
    kwargs = endpoint.kwargs(world) if endpoint.kwargs else {}
    return reverse(endpoint.url_name, kwargs=kwargs)


def cases(field: str, kind: str):
    """(label, value) pairs for one field; uploads are built fresh for every request."""
    if kind == "files":
        return [(name, build) for name, build in values.UPLOADS.items()]
    found = [(repr(v[:40]) if isinstance(v, str) else repr(v), v) for v in CATALOGUE[kind]]
    found += [(f"shape {v!r}", v) for v in values.WRONG_SHAPES]
    return found


def hostile_count() -> int:
    """Hostile values delivered to a field (all-at-once cases count once per field)."""
    one_by_one = sum(len(cases(f, k)) for e in FORMS for f, k in e.fields.items())
    all_at_once = sum(len(values.TEXT) * len(e.text) for e in FORMS)
    return one_by_one + all_at_once


def test_the_battery_has_at_least_300_hostile_inputs():
    assert hostile_count() >= 300


@pytest.mark.parametrize("endpoint", FORMS, ids=[e.id for e in FORMS])
def test_the_valid_base_payload_is_accepted(client, world, endpoint):
    """Guards the battery itself: a refusal in a hostile case must come from the hostile field."""
    sign_in(client, world, endpoint.user)
    response = client.post(target(world, endpoint), endpoint.base(world))
    assert response.status_code in endpoint.accepted, (
        f"{endpoint.id}: base payload answered {response.status_code}: "
        f"{getattr(response, 'context', None) and response.context.get('form').errors}"
    )


FIELD_CASES = [
    pytest.param(e, name, kind, id=f"{e.id}-{name}")
    for e in FORMS
    for name, kind in e.fields.items()
]


@pytest.mark.parametrize(("endpoint", "field", "kind"), FIELD_CASES)
def test_hostile_values(client, world, endpoint, field, kind):
    sign_in(client, world, endpoint.user)
    url = target(world, endpoint)
    problems = []
    for label, value in cases(field, kind):
        data = endpoint.base(world)
        if value is None:
            data.pop(field, None)
        else:
            data[field] = value() if callable(value) else value
        problems += attempt(client, endpoint, url, data, f"{field}={label}")
    assert not problems, "\n".join(problems)


TEXT_FORMS = [e for e in FORMS if e.text]


@pytest.mark.parametrize("endpoint", TEXT_FORMS, ids=[e.id for e in TEXT_FORMS])
def test_hostile_text_in_every_text_field_at_once(client, world, endpoint):
    sign_in(client, world, endpoint.user)
    url = target(world, endpoint)
    problems = []
    for value in values.TEXT:
        data = {**endpoint.base(world), **dict.fromkeys(endpoint.text, value)}
        problems += attempt(client, endpoint, url, data, f"all text={value[:40]!r}")
    assert not problems, "\n".join(problems)
