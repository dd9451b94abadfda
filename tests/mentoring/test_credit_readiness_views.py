"""Readiness pages: the ranked list (scoped, filtered, constant queries), a group's page, the
profile panel, and the officials' thresholds page."""

import datetime as dt
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.months import add_months, month_start
from groups.models import IkmGroup, Theme
from mentoring import readiness
from mentoring.models import GroupReadiness, ReadinessRule
from tests import factories
from tests.mentoring.factories_credit import CreditApplicationFactory
from tests.mentoring.factories_sessions import BookkeepingReportFactory, MentoringSessionFactory

pytestmark = pytest.mark.django_db

SERIALS = itertools.count(1)


def build(size, mentor, bank=None):
    """Groups with every kind of record readiness reads, all accompanied by ``mentor``."""
    today = timezone.localdate()
    last = add_months(month_start(today), -1)
    groups = factories.IkmGroupFactory.create_batch(size)
    for group in groups:
        factories.MentorAssignmentFactory(
            mentor=mentor, group=group, **({"bank": bank} if bank else {})
        )
        factories.MemberFactory(group=group, nik=factories._nik(next(SERIALS) + 5000))
        factories.LegalDocumentFactory(group=group, kind="nib")
        factories.LegalDocumentFactory(group=group, kind="npwp")
        for back in range(2):
            BookkeepingReportFactory(group=group, month=add_months(last, -back))
        MentoringSessionFactory(group=group, mentor=mentor, held_on=today, status="submitted")
        CreditApplicationFactory(group=group)
    return groups


def count(client, url, params=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["official", "mentor"])
def test_readiness_list_queries_do_not_grow_with_the_groups(client, official, mentor, role):
    client.force_login(official if role == "official" else mentor)
    url = reverse("mentoring:readiness_list")
    build(3, mentor)
    small = [count(client, url), count(client, url, {"siap": "tidak"})]
    build(27, mentor)
    large = [count(client, url), count(client, url, {"siap": "tidak"})]
    assert large == small


def test_readiness_list_exact_queries(client, official, mentor, django_assert_num_queries):
    build(3, mentor)
    client.force_login(official)
    # session, user, SAVEPOINT (ATOMIC_REQUESTS), role names, thresholds, groups not stored
    # fresh, then one query per dataset (papers, members, outlet sales, planned loans, reports,
    # sessions) for them, the upsert of their rows, the counts, the page of stored rows, the
    # datasets again for the page's groups (shown with their evidence), the filter's choice
    # lists (themes, banks), RELEASE.
    with django_assert_num_queries(24):
        client.get(reverse("mentoring:readiness_list"))
    # Stored today: the same page without evaluating every group again.
    with django_assert_num_queries(17):
        client.get(reverse("mentoring:readiness_list"))


def test_the_stored_readiness_is_forgotten_when_a_record_changes(client, official, mentor):
    group = build(1, mentor)[0]
    client.force_login(official)
    client.get(reverse("mentoring:readiness_list"))
    stored = GroupReadiness.objects.get(group=group)
    BookkeepingReportFactory(group=group, month=add_months(month_start(timezone.localdate()), -3))
    assert not GroupReadiness.objects.filter(group=group).exists()
    response = client.get(reverse("mentoring:readiness_list"))
    [row] = response.context["rows"]
    again = GroupReadiness.objects.get(group=group)
    assert (again.percent, again.passed) == (row.percent, row.passed)
    assert again.evaluated_on == stored.evaluated_on


def test_a_stored_readiness_of_an_earlier_day_or_rule_is_evaluated_again(official, mentor):
    group = build(1, mentor)[0]
    groups = IkmGroup.objects.filter(pk=group.pk)
    today = timezone.localdate()
    assert readiness.refresh(groups, today=today) == 1
    assert readiness.refresh(groups, today=today) == 0
    assert readiness.refresh(groups, today=today + dt.timedelta(days=1)) == 1
    rule = ReadinessRule.current()
    rule.session_within_months = 12
    rule.save()
    assert readiness.refresh(groups, today=today + dt.timedelta(days=1)) == 1


def test_group_profile_and_readiness_page_queries_do_not_grow(client, official, mentor):
    client.force_login(official)
    group = build(1, mentor)[0]
    urls = [group.get_absolute_url(), reverse("mentoring:readiness_group", args=[group.pk])]
    small = [count(client, u) for u in urls]
    for back in range(2, 12):
        BookkeepingReportFactory(
            group=group, month=add_months(month_start(timezone.localdate()), -1 - back)
        )
        CreditApplicationFactory(group=group)
    assert [count(client, u) for u in urls] == small


def test_mentor_sees_only_their_groups_ranked(client, mentor, other_mentor):
    mine = build(2, mentor)
    build(1, other_mentor)
    client.force_login(mentor)
    response = client.get(reverse("mentoring:readiness_list"))
    shown = {r.group.pk for r in response.context["rows"]}
    assert shown == {g.pk for g in mine}


def test_list_is_ranked_by_score(client, official, mentor):
    ready, *rest = build(2, mentor)
    weak = factories.IkmGroupFactory(formed_on=timezone.localdate())
    client.force_login(official)
    rows = client.get(reverse("mentoring:readiness_list")).context["rows"]
    scores = [r.score for r in rows]
    assert scores == sorted(scores, reverse=True)
    assert rows[-1].group == weak


def test_filter_by_theme(client, official, mentor):
    groups = build(2, mentor)
    theme = Theme.objects.exclude(pk=groups[0].theme_id).first()
    groups[1].theme = theme
    groups[1].save()
    client.force_login(official)
    rows = client.get(reverse("mentoring:readiness_list"), {"tema": theme.pk}).context["rows"]
    assert [r.group for r in rows] == [groups[1]]


def test_filter_by_bank_of_the_active_assignment(client, official, mentor, other_mentor):
    bri = factories.BankFactory(code="BRI", name="BRI")
    with_bri = build(1, other_mentor, bank=bri)
    build(1, mentor)
    client.force_login(official)
    rows = client.get(reverse("mentoring:readiness_list"), {"bank": bri.pk}).context["rows"]
    assert [r.group for r in rows] == with_bri


def test_an_unknown_filter_value_shows_nothing(client, mentor):
    build(1, mentor)
    client.force_login(mentor)
    response = client.get(reverse("mentoring:readiness_list"), {"tema": "999999"})
    assert response.context["rows"] == []
    assert response.context["filter"]["form"].errors


def test_profile_panel_shows_score_and_missing(client, official):
    group = factories.IkmGroupFactory(formed_on=timezone.localdate() - dt.timedelta(days=30))
    client.force_login(official)
    response = client.get(group.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-testid="readiness-score"' in body
    assert 'data-testid="readiness-missing"' in body
    assert reverse("mentoring:readiness_group", args=[group.pk]) in body


def test_readiness_group_page_lists_every_criterion_with_evidence(client, mentor):
    group = build(1, mentor)[0]
    client.force_login(mentor)
    response = client.get(reverse("mentoring:readiness_group", args=[group.pk]))
    readiness = response.context["readiness"]
    codes = [r.code for r in readiness.results]
    assert codes[:3] == ["running", "legal", "nik"]
    assert {"bookkeeping", "books", "profit", "session", "npwp"} <= set(codes)
    assert all(r.evidence_url for r in readiness.results)
    body = response.content.decode()
    for result in readiness.results:
        assert f'data-criterion="{result.code}"' in body


def test_official_changes_a_threshold_and_readiness_follows(client, official):
    group = factories.IkmGroupFactory(formed_on=add_months(timezone.localdate(), -4))
    client.force_login(official)
    url = reverse("mentoring:readiness_group", args=[group.pk])
    running = next(r for r in client.get(url).context["readiness"].results if r.code == "running")
    assert not running.passed
    data = {
        "months_running": "4",
        "consecutive_verified_reports": "6",
        "profitable_months": "4",
        "profit_window_months": "6",
        "session_within_months": "3",
        "npwp_loan_threshold": "50.000.000",
        "sales_within_months": "6",
    }
    response = client.post(reverse("mentoring:readiness_rule"), data)
    assert response.status_code == 302
    assert ReadinessRule.objects.get().months_running == 4
    running = next(r for r in client.get(url).context["readiness"].results if r.code == "running")
    assert running.passed


def test_threshold_form_refuses_more_profitable_months_than_the_window(client, official):
    client.force_login(official)
    data = {
        "months_running": "6",
        "consecutive_verified_reports": "6",
        "profitable_months": "7",
        "profit_window_months": "6",
        "session_within_months": "0",
        "npwp_loan_threshold": "50.000.000",
        "sales_within_months": "6",
    }
    response = client.post(reverse("mentoring:readiness_rule"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors
    assert "session_within_months" in form.errors
    assert ReadinessRule.objects.get().profitable_months == 4
