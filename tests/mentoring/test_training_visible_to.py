"""Who sees which banks per theme, trainings, events, participants and apprenticeships."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from mentoring.models import (
    Apprenticeship,
    BankTheme,
    MentorAssignment,
    Training,
    TrainingEvent,
    TrainingParticipant,
)
from tests.mentoring.factories_training import (
    ApprenticeshipFactory,
    BankThemeFactory,
    ParticipantFactory,
    TrainingEventFactory,
)

pytestmark = pytest.mark.django_db

MODELS = [Training, TrainingEvent, TrainingParticipant, Apprenticeship]


@pytest.fixture
def records(world):
    own_event = TrainingEventFactory()
    peer_event = TrainingEventFactory()
    own = ParticipantFactory(event=own_event, member=world.group.members.first())
    peer = ParticipantFactory(event=peer_event, member=world.other_group.members.first())
    return {
        Training: (own_event.training, peer_event.training),
        TrainingEvent: (own_event, peer_event),
        TrainingParticipant: (own, peer),
        Apprenticeship: (
            ApprenticeshipFactory(member=own.member),
            ApprenticeshipFactory(member=peer.member),
        ),
    }


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_officials_see_all_mentors_their_groups_members_others_nothing(world, records, model):
    own, peer = records[model]
    assert set(model.objects.visible_to(world.official)) == {own, peer}
    assert set(model.objects.visible_to(world.superuser)) == {own, peer}
    assert list(model.objects.visible_to(world.mentor)) == [own]
    assert list(model.objects.visible_to(world.other_mentor)) == [peer]
    for user in (world.clerk, world.perusda, AnonymousUser()):
        assert not model.objects.visible_to(user).exists()


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_ending_the_assignment_ends_what_the_mentor_reads(world, records, model):
    assignment = MentorAssignment.objects.get(mentor=world.mentor)
    assignment.ends_on = timezone.localdate() - dt.timedelta(days=1)
    assignment.save()
    assert not model.objects.visible_to(world.mentor).exists()


def test_a_shared_event_shows_each_mentor_their_own_members_only(world):
    event = TrainingEventFactory()
    own = ParticipantFactory(event=event, member=world.group.members.first())
    peer = ParticipantFactory(event=event, member=world.other_group.members.first())
    assert list(TrainingEvent.objects.visible_to(world.mentor)) == [event]
    assert list(TrainingEvent.objects.visible_to(world.other_mentor)) == [event]
    assert list(TrainingParticipant.objects.visible_to(world.mentor)) == [own]
    assert list(TrainingParticipant.objects.visible_to(world.other_mentor)) == [peer]


def test_banks_per_theme_are_for_officials(world):
    link = BankThemeFactory()
    assert list(BankTheme.objects.visible_to(world.official)) == [link]
    for user in (world.mentor, world.clerk, world.perusda, AnonymousUser()):
        assert not BankTheme.objects.visible_to(user).exists()
