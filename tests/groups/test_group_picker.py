"""The group filter: a dropdown for a few groups, a search box with suggestions for many."""

import pytest
from django.urls import reverse

from groups import pickers
from mentoring.models import MentoringSession
from tests import factories
from tests.mentoring.factories_sessions import MentoringSessionFactory

pytestmark = pytest.mark.django_db

SESSIONS = "mentoring:session_list"


@pytest.fixture
def sessions(world):
    own = MentoringSessionFactory(
        group=world.group, mentor=world.mentor, summary="Sesi milik sendiri"
    )
    foreign = MentoringSessionFactory(
        group=world.other_group, mentor=world.other_mentor, summary="Sesi kelompok lain"
    )
    return own, foreign


def test_a_few_groups_are_a_dropdown_of_the_users_own(client, world, sessions):
    client.force_login(world.mentor)
    html = client.get(reverse(SESSIONS)).content.decode()
    assert '<select name="kelompok"' in html
    assert world.group.code in html and world.other_group.code not in html
    assert "data-group-lookup" not in html


@pytest.fixture
def many(monkeypatch):
    monkeypatch.setattr(pickers, "SEARCH_FROM", 1)


def test_many_groups_are_a_search_box_that_takes_an_id_a_code_or_a_suggestion(
    client, world, sessions, many
):
    client.force_login(world.official)
    html = client.get(reverse(SESSIONS)).content.decode()
    assert '<select name="kelompok"' not in html
    assert 'data-group-lookup="/kelompok/cari.json"' in html
    label = pickers.group_label(world.group.code, world.group.name)
    for value in (world.group.pk, world.group.code.lower(), label):
        response = client.get(reverse(SESSIONS), {"kelompok": value})
        assert list(response.context["object_list"]) == [sessions[0]], value
        assert f'value="{label}"' in response.content.decode()


def test_a_group_outside_the_scope_is_an_error_and_shows_no_rows(client, world, sessions, many):
    factories.MentorAssignmentFactory(mentor=world.mentor, group=factories.IkmGroupFactory())
    client.force_login(world.mentor)
    for value in (world.other_group.code, world.other_group.pk, "TIDAK-ADA", "<b>x</b>" * 50):
        response = client.get(reverse(SESSIONS), {"kelompok": value})
        html = response.content.decode()
        assert response.status_code == 200
        assert "tidak ada (atau bukan kelompok Anda)" in html
        assert "Sesi kelompok lain" not in html and "<b>x</b>" not in html
    assert MentoringSession.objects.count() == 2


def test_suggestions_come_from_the_users_own_groups(client, world):
    url = reverse("groups:group_lookup")
    client.force_login(world.mentor)
    assert client.get(url, {"q": "Kelompok"}).json()["results"] == [
        pickers.group_label(world.group.code, world.group.name)
    ]
    assert client.get(url, {"q": world.other_group.code}).json()["results"] == []
    assert client.get(url, {"q": "K"}).json()["results"] == []  # too short to ask
    assert client.get(url, {"q": "'; DROP TABLE x; --" * 600}).json()["results"] == []
    client.force_login(world.official)
    results = client.get(url, {"q": "kelompok"}).json()["results"]
    assert len(results) == 2


def test_the_picker_serves_every_list_with_a_group_filter(client, world, many):
    client.force_login(world.official)
    for name in (
        SESSIONS,
        "mentoring:report_list",
        "mentoring:assignment_list",
        "groups:equipment_list",
        "marketing:settlement_list",
        "marketing:price_list",
        "mentoring:credit_list",
    ):
        html = client.get(reverse(name)).content.decode()
        assert 'name="kelompok"' in html and "data-group-lookup" in html, name


def test_credit_list_refuses_a_foreign_group_in_either_form(client, world, monkeypatch):
    client.force_login(world.mentor)
    url = reverse("mentoring:credit_list")
    for search_from in (200, 1):
        monkeypatch.setattr(pickers, "SEARCH_FROM", search_from)
        response = client.get(url, {"kelompok": world.other_group.pk})
        assert "tidak ada (atau bukan kelompok Anda)" in response.content.decode()
        assert not response.context["object_list"]
