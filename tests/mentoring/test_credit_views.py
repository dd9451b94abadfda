"""Credit pages: scoping (foreign ids), the steps through the pages, and the group profile."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groups.models import Stage, StageChange
from mentoring.models import CreditApplication
from mentoring.services import credit
from tests import factories
from tests.mentoring.factories_credit import CreditApplicationFactory, kur

pytestmark = pytest.mark.django_db
Status = CreditApplication.Status


@pytest.fixture
def own(mentor):
    group = factories.IkmGroupFactory(stage=Stage.CREDIT_READY, stage_since=dt.date(2024, 1, 1))
    factories.MentorAssignmentFactory(mentor=mentor, group=group)
    return group


@pytest.fixture
def foreign(other_mentor):
    group = factories.IkmGroupFactory()
    factories.MentorAssignmentFactory(mentor=other_mentor, group=group)
    return group


def new_data(group, **extra):
    return {
        "group": group.pk,
        "bank": factories.BankFactory().pk,
        "scheme": kur().pk,
        "amount_requested": "Rp 25.000.000",
        "note": "Modal kerja",
        **extra,
    }


def test_mentor_records_a_draft_for_their_group(client, mentor, own):
    client.force_login(mentor)
    response = client.post(reverse("mentoring:credit_create"), new_data(own))
    application = CreditApplication.objects.get()
    assert response.status_code == 302
    assert response["Location"] == application.get_absolute_url()
    assert application.group == own
    assert application.recorded_by == mentor
    assert application.status == Status.DRAFT
    assert application.amount_requested == 25_000_000


def test_posting_another_groups_id_is_a_form_error(client, mentor, own, foreign):
    client.force_login(mentor)
    response = client.post(reverse("mentoring:credit_create"), new_data(foreign))
    assert response.status_code == 200
    assert "group" in response.context["form"].errors
    assert not CreditApplication.objects.exists()


def test_amount_outside_the_scheme_is_a_form_error(client, mentor, own):
    client.force_login(mentor)
    data = new_data(own, amount_requested="100.000.001")
    response = client.post(reverse("mentoring:credit_create"), data)
    assert response.status_code == 200
    assert "amount_requested" in response.context["form"].errors
    assert not CreditApplication.objects.exists()


def test_create_form_offers_only_the_mentors_groups(client, mentor, own, foreign):
    client.force_login(mentor)
    response = client.get(reverse("mentoring:credit_create"), {"kelompok": own.pk})
    groups = list(response.context["form"].fields["group"].queryset)
    assert groups == [own]
    assert response.context["form"].initial["group"] == str(own.pk)


@pytest.mark.parametrize("name", ["credit_detail", "credit_update", "credit_decide"])
def test_another_groups_application_is_not_found(client, mentor, foreign, name):
    application = CreditApplicationFactory(group=foreign, submitted=name == "credit_decide")
    client.force_login(mentor)
    assert client.get(reverse(f"mentoring:{name}", args=[application.pk])).status_code == 404


def test_another_groups_application_cannot_be_submitted(client, mentor, foreign):
    application = CreditApplicationFactory(group=foreign)
    client.force_login(mentor)
    url = reverse("mentoring:credit_submit", args=[application.pk])
    assert client.post(url, {"submitted_on": "2025-01-01"}).status_code == 404
    application.refresh_from_db()
    assert application.status == Status.DRAFT


def test_update_cannot_move_the_application_to_another_group(client, mentor, own, foreign):
    application = CreditApplicationFactory(group=own)
    client.force_login(mentor)
    data = new_data(foreign, amount_requested="30.000.000")
    response = client.post(reverse("mentoring:credit_update", args=[application.pk]), data)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.group == own
    assert application.amount_requested == 30_000_000


def test_list_shows_only_the_mentors_groups(client, mentor, own, foreign):
    mine = CreditApplicationFactory(group=own)
    CreditApplicationFactory(group=foreign)
    client.force_login(mentor)
    response = client.get(reverse("mentoring:credit_list"))
    assert list(response.context["object_list"]) == [mine]


def test_list_filters_by_status(client, official):
    draft = CreditApplicationFactory()
    CreditApplicationFactory(submitted=True)
    client.force_login(official)
    response = client.get(reverse("mentoring:credit_list"), {"status": "draft"})
    assert list(response.context["object_list"]) == [draft]
    counts = {value: n for value, _label, n in response.context["status_counts"]}
    assert counts["draft"] == counts["submitted"] == 1


def test_the_whole_path_through_the_pages_makes_the_group_mandiri(client, mentor, own):
    client.force_login(mentor)
    client.post(reverse("mentoring:credit_create"), new_data(own))
    application = CreditApplication.objects.get()
    today = timezone.localdate()
    response = client.post(
        reverse("mentoring:credit_submit", args=[application.pk]),
        {"submitted_on": today.isoformat()},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("mentoring:credit_decide", args=[application.pk]),
        {"decision": "approve", "amount_approved": "20.000.000", "decided_on": today.isoformat()},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.APPROVED
    own.refresh_from_db()
    assert own.stage == Stage.MANDIRI
    assert StageChange.objects.get(group=own, to_stage=Stage.MANDIRI).automatic
    client.post(
        reverse("mentoring:credit_disburse", args=[application.pk]),
        {"disbursed_on": today.isoformat()},
    )
    application.refresh_from_db()
    assert application.status == Status.DISBURSED

    profile = client.get(own.get_absolute_url())
    titles = [e.title for e in profile.context["timeline"]]
    assert "Kredit diajukan" in titles
    assert "Kredit disetujui: Rp 20.000.000" in titles
    assert "Kredit dicairkan: Rp 20.000.000" in titles
    assert "Tahap: Mandiri" in titles


def test_approving_more_than_asked_is_a_form_error(client, mentor, own):
    application = CreditApplicationFactory(group=own, submitted=True)
    client.force_login(mentor)
    response = client.post(
        reverse("mentoring:credit_decide", args=[application.pk]),
        {"decision": "approve", "amount_approved": "25.000.001", "decided_on": "2024-02-01"},
    )
    assert response.status_code == 200
    assert "amount_approved" in response.context["form"].errors
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


def test_rejection_without_a_reason_is_a_form_error(client, mentor, own):
    application = CreditApplicationFactory(group=own, submitted=True)
    client.force_login(mentor)
    response = client.post(
        reverse("mentoring:credit_decide", args=[application.pk]),
        {"decision": "reject", "decided_on": "2024-02-01"},
    )
    assert response.status_code == 200
    assert "note" in response.context["form"].errors


def test_deciding_a_draft_is_refused_with_a_message(client, mentor, own):
    application = CreditApplicationFactory(group=own)
    client.force_login(mentor)
    url = reverse("mentoring:credit_decide", args=[application.pk])
    response = client.post(
        url, {"decision": "approve", "amount_approved": "1000", "decided_on": "2024-02-01"}
    )
    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("tidak dapat disetujui" in m for m in messages)
    application.refresh_from_db()
    assert application.status == Status.DRAFT


def test_editing_a_submitted_application_is_refused(client, mentor, own):
    application = CreditApplicationFactory(group=own, submitted=True)
    client.force_login(mentor)
    url = reverse("mentoring:credit_update", args=[application.pk])
    response = client.post(url, new_data(own, amount_requested="30.000.000"))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.amount_requested == Decimal("25000000")


def test_submitting_twice_is_refused(client, mentor, own):
    application = CreditApplicationFactory(group=own, submitted=True)
    client.force_login(mentor)
    response = client.post(
        reverse("mentoring:credit_submit", args=[application.pk]), {"submitted_on": "2024-03-01"}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.submitted_on == dt.date(2024, 1, 10)


def test_detail_shows_the_history_with_who(client, official, own):
    application = CreditApplicationFactory(group=own)
    client.force_login(official)
    response = client.get(application.get_absolute_url())
    assert response.status_code == 200
    assert response.context["steps"] == ["submit"]
    assert len(response.context["history"]) == 1


def _count(client, url, params=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["official", "mentor"])
def test_credit_pages_do_not_grow_with_the_data(client, official, mentor, own, role):
    client.force_login(official if role == "official" else mentor)
    CreditApplicationFactory.create_batch(3, group=own, submitted=True)
    application = CreditApplicationFactory(group=own)
    pages = [
        (reverse("mentoring:credit_list"), {}),
        (reverse("mentoring:credit_list"), {"status": "submitted", "kelompok": own.pk}),
        (application.get_absolute_url(), {}),
        (reverse("mentoring:credit_create"), {}),
        (reverse("mentoring:credit_update", args=[application.pk]), {}),
    ]
    small = [_count(client, url, params) for url, params in pages]
    for _ in range(27):
        group = factories.IkmGroupFactory()
        factories.MentorAssignmentFactory(mentor=mentor, group=group)
        CreditApplicationFactory(group=group, approved=True)
    for amount in ("26000000", "27000000", "28000000"):
        services_update(official, application, amount)
    assert [_count(client, url, params) for url, params in pages] == small


def services_update(user, application, amount):
    credit.credit_application_update(
        user=user, application=application, amount_requested=Decimal(amount)
    )
