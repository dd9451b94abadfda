"""Trainings: bulk registration without duplicates, capacity, results and certificates, and
the attendance rate arithmetic."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from mentoring.forms.training import ResultForm
from mentoring.models import Attendance, TrainingEvent, TrainingParticipant, attendance_rate
from mentoring.services.training import (
    normalise_code,
    participant_record,
    participant_remove,
    participants_add,
)
from tests import factories
from tests.mentoring.factories_training import (
    ParticipantFactory,
    PassedParticipantFactory,
    TrainingEventFactory,
)

pytestmark = pytest.mark.django_db


def members(group, n, start=0):
    return [
        factories.MemberFactory(group=group, nik=factories._nik(9000 + start + i)) for i in range(n)
    ]


def test_bulk_add_registers_each_member_once():
    group = factories.IkmGroupFactory()
    people = members(group, 3)
    event = TrainingEventFactory()
    assert participants_add(event=event, members=people[:2]) == (2, 0)
    assert participants_add(event=event, members=people) == (1, 2)
    assert event.participants.count() == 3


def test_the_database_refuses_a_member_twice_at_one_event():
    participant = ParticipantFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        TrainingParticipant.objects.create(event=participant.event, member=participant.member)


def test_capacity_is_checked_against_everybody_registered():
    group = factories.IkmGroupFactory()
    people = members(group, 4)
    event = TrainingEventFactory(capacity=3)
    participants_add(event=event, members=people[:2])
    with pytest.raises(ValidationError):
        participants_add(event=event, members=people[2:])
    assert event.participants.count() == 2
    assert participants_add(event=event, members=people[:3]) == (1, 2)


def test_members_who_left_cannot_be_added():
    member = factories.MemberFactory(left_on="2024-01-01")
    with pytest.raises(ValidationError):
        participants_add(event=TrainingEventFactory(), members=[member])
    assert not TrainingParticipant.objects.exists()


def test_passing_issues_a_unique_certificate_code_that_stays():
    first, second = ParticipantFactory(), ParticipantFactory()
    for p in (first, second):
        participant_record(
            participant=p, attendance="present", pre_score=40, post_score=80, passed=True
        )
        p.refresh_from_db()
        assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", p.certificate_code)
        assert p.certificate_issued_on is not None
    assert first.certificate_code != second.certificate_code
    code = first.certificate_code
    participant_record(
        participant=first, attendance="present", pre_score=40, post_score=60, passed=False
    )
    first.refresh_from_db()
    assert (first.passed, first.certificate_code) == (False, code)
    participant_record(
        participant=first, attendance="present", pre_score=40, post_score=75, passed=True
    )
    first.refresh_from_db()
    assert first.certificate_code == code


def test_only_a_participant_who_was_present_can_pass():
    participant = ParticipantFactory()
    with pytest.raises(ValidationError):
        participant_record(
            participant=participant,
            attendance="excused",
            pre_score=None,
            post_score=None,
            passed=True,
        )
    participant.refresh_from_db()
    assert not participant.passed and participant.certificate_code is None
    # The database holds the same rule.
    with pytest.raises(IntegrityError), transaction.atomic():
        TrainingParticipant.objects.filter(pk=participant.pk).update(passed=True)


@pytest.mark.parametrize("score", ["-1", "101", "abc"])
def test_scores_outside_0_to_100_are_form_errors(score):
    participant = ParticipantFactory()
    form = ResultForm(
        {"attendance": "present", "pre_score": score, "post_score": "50"}, instance=participant
    )
    assert not form.is_valid() and "pre_score" in form.errors


def test_scores_outside_0_to_100_are_refused_by_the_database():
    participant = ParticipantFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        TrainingParticipant.objects.filter(pk=participant.pk).update(post_score=101)


def test_a_participant_can_be_removed_only_before_anything_was_recorded():
    fresh, done = ParticipantFactory(), PassedParticipantFactory()
    participant_remove(participant=fresh)
    with pytest.raises(ValidationError):
        participant_remove(participant=done)
    assert list(TrainingParticipant.objects.all()) == [done]


def test_attendance_rate_arithmetic():
    assert attendance_rate(0, 0) is None
    assert attendance_rate(3, 5) == 60
    assert attendance_rate(2, 3) == 67
    assert attendance_rate(5, 5) == 100


def test_event_attendance_counts_present_over_recorded():
    event = TrainingEventFactory()
    for attendance in ["present"] * 3 + ["absent", "excused", "unknown", "unknown"]:
        ParticipantFactory(event=event, attendance=attendance)
    row = TrainingEvent.objects.with_attendance().get(pk=event.pk)
    assert (row.participant_count, row.present_count, row.recorded_count) == (7, 3, 5)
    assert attendance_rate(row.present_count, row.recorded_count) == 60


def test_certificate_codes_are_read_back_however_typed():
    assert normalise_code(" k7qw 2mxd-9tpa ") == "K7QW-2MXD-9TPA"
    assert normalise_code("K7QW2MXD9TPA") == "K7QW-2MXD-9TPA"
    assert normalise_code("short") == "SHORT"


def test_attendance_choices_recorded_are_the_three_answers():
    assert {c for c, _label in Attendance.choices} == {"unknown", "present", "absent", "excused"}
