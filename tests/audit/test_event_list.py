"""The officials' audit page: filters, pagination with a constant number of queries, escaping."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import audit_record
from tests import factories

pytestmark = pytest.mark.django_db
URL = reverse("audit:event_list")


def event(*, at=None, actor=None, action=AuditEvent.Action.UPDATE, obj=None, **fields):
    record = audit_record(actor=actor, action=action, obj=obj, **fields)
    if at is not None:
        AuditEvent.objects.filter(pk=record.pk).update(at=at)
        record.refresh_from_db()
    return record


def shown(response) -> list[int]:
    return [row["event"].pk for row in response.context["rows"]]


@pytest.fixture
def signed_in(client, official):
    client.force_login(official)
    return client


def test_newest_first_with_who_what_and_changes(signed_in, official):
    group = factories.IkmGroupFactory(name="Lama")
    group.name = "Baru"
    group.save()
    AuditEvent.objects.filter(model="ikmgroup").update(actor=official)
    response = signed_in.get(URL)
    assert response.status_code == 200
    update = AuditEvent.objects.get(model="ikmgroup", action="update")
    assert shown(response)[0] == update.pk
    row = response.context["rows"][0]
    assert row["target"] == "Kelompok IKM"
    assert {"field": "nama kelompok", "old": "Lama", "new": "Baru"} in row["changes"]
    html = response.content.decode()
    assert "Lama &rarr; Baru" in html and official.username in html


def test_filter_by_date_range_in_local_time(signed_in):
    wita = timezone.get_current_timezone()
    early = event(app_label="x", model="y", at=dt.datetime(2025, 3, 1, 23, 30, tzinfo=wita))
    inside = event(app_label="x", model="y", at=dt.datetime(2025, 3, 2, 0, 10, tzinfo=wita))
    late = event(app_label="x", model="y", at=dt.datetime(2025, 3, 3, 8, 0, tzinfo=wita))
    response = signed_in.get(URL, {"date_from": "2025-03-02", "date_to": "2025-03-02"})
    assert shown(response) == [inside.pk]
    response = signed_in.get(URL, {"date_from": "2025-03-02"})
    assert set(shown(response)) >= {inside.pk, late.pk} and early.pk not in shown(response)
    response = signed_in.get(URL, {"date_to": "2025-03-01"})
    assert early.pk in shown(response) and inside.pk not in shown(response)


def test_filter_by_user_action_target_and_object_id(signed_in, official, mentor):
    mine = event(actor=mentor, app_label="groups", model="member", object_id="7")
    other = event(actor=official, app_label="groups", model="member", object_id="8")
    void = event(actor=official, action=AuditEvent.Action.VOID, app_label="marketing", model="x")
    assert shown(signed_in.get(URL, {"user": "pendamping1"})) == [mine.pk]
    assert shown(signed_in.get(URL, {"user": mentor.last_name[:4]})) == [mine.pk]
    assert shown(signed_in.get(URL, {"action": "void"})) == [void.pk]
    target = set(shown(signed_in.get(URL, {"target": "groups.member"})))
    assert target == {mine.pk, other.pk}
    assert shown(signed_in.get(URL, {"target": "groups.member", "object_id": "8"})) == [other.pk]


def test_target_choices_name_the_data_types_present(signed_in):
    factories.IkmGroupFactory()
    form = signed_in.get(URL).context["form"]
    choices = dict(form.fields["target"].choices)
    assert "groups.ikmgroup" in choices
    assert "marketing.sale" not in choices


def test_bad_filter_values_show_errors_and_never_fail(signed_in):
    event(app_label="x", model="y")
    for params in (
        {"date_from": "bukan-tanggal"},
        {"date_from": "2025-13-45"},
        {"action": "drop table"},
        {"target": "nope.nope"},
        {"object_id": "9" * 500},
        {"page": "999"},
        {"user": "<script>alert(1)</script>"},
    ):
        response = signed_in.get(URL, params)
        assert response.status_code in (200, 404), params
        if response.status_code == 200 and "user" not in params and "page" not in params:
            assert response.context["form"].errors, params
    response = signed_in.get(URL, {"date_from": "2025-03-05", "date_to": "2025-03-01"})
    assert "Tanggal akhir" in str(response.context["form"].errors)


def test_payloads_in_recorded_data_are_escaped(signed_in):
    event(
        app_label="x",
        model="y",
        object_repr="<script>alert('x')</script>",
        changes={"name": ["<b>a</b>", "<img src=x onerror=alert(1)>"]},
    )
    html = signed_in.get(URL).content.decode()
    assert "<script>alert(" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x" in html


def test_paginated_fifty_per_page(signed_in):
    for _ in range(55):
        event(app_label="x", model="y")
    first = signed_in.get(URL)
    assert len(first.context["rows"]) == 50 and first.context["paginator"].count == 55
    assert len(signed_in.get(URL, {"page": 2}).context["rows"]) == 5


@pytest.mark.parametrize("size", [10, 200])
def test_constant_queries(client, official, mentor, django_assert_num_queries, size):
    for i in range(size):
        event(
            actor=mentor if i % 2 else official,
            app_label="groups",
            model=f"m{i % 7}",
            object_id=str(i),
            changes={"name": ["a", "b"]},
        )
    client.force_login(official)
    # session, user, savepoint (ATOMIC_REQUESTS), user's role groups, distinct data types,
    # count, page (actor joined), release savepoint
    with django_assert_num_queries(8):
        response = client.get(URL, {"target": "groups.m1", "user": "a"})
    assert response.status_code == 200
