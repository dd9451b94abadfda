"""Property-based fuzzing of the forms in the registry (hypothesis).

For each form, hypothesis draws a value for every field it declares — any unicode text
(surrogates excluded: they cannot be sent as UTF-8), integers of any size, dates from year 1 to
9999, HTML and formula fragments — and posts them all at once on top of the valid base payload.
The property is the battery's: no server error, a message on refusal, nothing stored unless
valid, nothing unescaped (``harness.attempt``). Derandomised and bounded, so CI is reproducible
and fast.
"""

import datetime as dt

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.hostile import values
from tests.security.hostile.harness import attempt
from tests.security.hostile.registry import FORMS

TEXT = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=300),
    st.sampled_from(values.TEXT + values.TEXT_PER_FIELD),
    st.builds(lambda a, b: a + values.XSS + b, st.text(max_size=5), st.text(max_size=5)),
)
NUMBER = st.one_of(
    st.integers().map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats().map(repr),
    st.sampled_from(values.NUMBERS),
)
DATE = st.one_of(
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(str),
    st.dates().map(lambda d: d.strftime("%d/%m/%Y")),
    st.sampled_from(values.DATES),
)
CHOICE = st.one_of(st.sampled_from(values.CHOICES), st.integers().map(str), TEXT)
BY_KIND = {"text": TEXT, "numbers": NUMBER, "dates": DATE, "choices": CHOICE}

# A few forms of each app, chosen for the variety of their fields.
FUZZED = [
    e
    for e in FORMS
    if e.id
    in {
        "group_create",
        "member_create",
        "product_create",
        "handover_create",
        "equipment_create",
        "person_create",
    }
]


def payloads(endpoint):
    fields = {n: BY_KIND[k] for n, k in endpoint.fields.items() if k in BY_KIND}
    return st.fixed_dictionaries(fields)


@pytest.mark.parametrize("endpoint", FUZZED, ids=[e.id for e in FUZZED])
def test_fuzzed_forms(client, world, endpoint):
    client.force_login(getattr(world, endpoint.user))
    url = reverse(endpoint.url_name, kwargs=endpoint.kwargs(world) if endpoint.kwargs else {})

    @settings(
        max_examples=8,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(payloads(endpoint))
    def post(drawn):
        problems = attempt(client, endpoint, url, {**endpoint.base(world), **drawn}, repr(drawn))
        assert not problems, "\n".join(problems)

    post()
