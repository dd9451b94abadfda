"""Assignment, bank, training and apprenticeship pages run the same number of queries with a
little and with a lot of data, for an official and for a mentor."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.mentoring.factories_training import (
    ApprenticeshipFactory,
    BankThemeFactory,
    ParticipantFactory,
    PassedParticipantFactory,
    TrainingEventFactory,
    TrainingFactory,
)

pytestmark = pytest.mark.django_db

SERIALS = itertools.count(5000)


def build(world, size):
    """``size`` more groups of the mentor's, each with members at a shared event, a passed
    participant, an apprenticeship; and more trainings, events and banks per theme."""
    training = TrainingFactory()
    training.themes.add(world.group.theme)
    event = TrainingEventFactory(training=training)
    for _n in range(size):
        group = factories.IkmGroupFactory()
        factories.MentorAssignmentFactory(mentor=world.mentor, group=group)
        for attendance in ("present", "absent"):
            member = factories.MemberFactory(group=group, nik=factories._nik(next(SERIALS)))
            ParticipantFactory(event=event, member=member, attendance=attendance)
        member = factories.MemberFactory(group=group, nik=factories._nik(next(SERIALS)))
        PassedParticipantFactory(member=member, event=TrainingEventFactory(training=training))
        ApprenticeshipFactory(member=member)
        # The world's own group and member gather rows too (profile and member page).
        own = world.group.members.first()
        ParticipantFactory(member=own, event=TrainingEventFactory(training=TrainingFactory()))
        ApprenticeshipFactory(member=own)
        BankThemeFactory(bank=factories.BankFactory(code=f"B{next(SERIALS)}"))


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def pages(world):
    own = world.group.members.first()
    participation = own.training_participations.order_by("pk").first()
    return [
        reverse("mentoring:assignment_list"),
        reverse("mentoring:assignment_list") + "?status=semua",
        reverse("mentoring:training_list"),
        reverse("mentoring:event_list"),
        reverse("mentoring:apprenticeship_list"),
        reverse("mentoring:training_detail", args=[participation.event.training_id]),
        reverse("mentoring:event_detail", args=[participation.event_id]),
        reverse("mentoring:member_record", args=[own.pk]),
        reverse("groups:group_detail", args=[world.group.pk]),
    ]


@pytest.mark.parametrize("role", ["official", "mentor"])
def test_pages_do_not_grow_with_the_data(client, world, role):
    client.force_login(getattr(world, role))
    build(world, 3)
    urls = pages(world)
    if role == "official":
        urls += [reverse("mentoring:bank_list"), reverse("mentoring:assignment_create")]
    small = {url: count(client, url) for url in urls}
    build(world, 12)
    large = {url: count(client, url) for url in urls}
    assert large == small
