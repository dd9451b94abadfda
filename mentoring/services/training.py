"""Writes with rules for trainings, their participants and results, and apprenticeships."""

import datetime as dt
import secrets
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groups.models import Member
from mentoring.models import (
    Apprenticeship,
    Attendance,
    Training,
    TrainingEvent,
    TrainingParticipant,
)

# No 0/O, 1/I/L: a code read from paper is typed back without doubt. 32 symbols, 12 of them:
# 60 random bits, far beyond guessing on a page that answers one code at a time.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12


def new_certificate_code() -> str:
    """A random certificate code such as ``K7QW-2MXD-9TPA``, unused so far."""
    while True:
        raw = "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))
        code = "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))
        if not TrainingParticipant.objects.filter(certificate_code=code).exists():
            return code


def normalise_code(value: str) -> str:
    """What people type: any case, spaces or no dashes; back to ``XXXX-XXXX-XXXX``."""
    raw = "".join(c for c in (value or "").upper() if c.isalnum())
    if len(raw) != CODE_LENGTH:
        return raw
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def _save_with_themes(obj, themes):
    obj.full_clean()
    obj.save()
    if themes is not None:
        obj.themes.set(themes)
    return obj


@transaction.atomic
def training_create(*, title: str, description: str = "", themes=(), is_active=True) -> Training:
    """Add a training to the catalogue."""
    training = Training(title=title.strip(), description=description, is_active=is_active)
    return _save_with_themes(training, themes)


@transaction.atomic
def training_update(*, training: Training, themes=None, **fields) -> Training:
    for name, value in fields.items():
        setattr(training, name, value)
    return _save_with_themes(training, themes)


def _check_capacity(event: TrainingEvent, count: int):
    if event.capacity is not None and count > event.capacity:
        raise ValidationError(
            {
                "capacity": _("Kapasitas %(capacity)d orang, padahal peserta terdaftar %(count)d.")
                % {"capacity": event.capacity, "count": count}
            }
        )


@transaction.atomic
def event_create(*, training: Training, themes=(), **fields) -> TrainingEvent:
    """Schedule (or record) a run of a training."""
    event = TrainingEvent(training=training, **fields)
    return _save_with_themes(event, themes)


@transaction.atomic
def event_update(*, event: TrainingEvent, themes=None, **fields) -> TrainingEvent:
    """Correct an event; its capacity may not fall below the participants already listed."""
    event = TrainingEvent.objects.select_for_update().get(pk=event.pk)
    for name, value in fields.items():
        setattr(event, name, value)
    _check_capacity(event, event.participants.count())
    return _save_with_themes(event, themes)


@transaction.atomic
def participants_add(*, event: TrainingEvent, members: Iterable[Member]) -> tuple[int, int]:
    """Register members at an event; those already registered are skipped.

    Members who left their group cannot be added. The capacity is checked against everybody
    registered, under a lock on the event so that two officials adding at once cannot overfill
    it. Returns (added, already registered).
    """
    event = TrainingEvent.objects.select_for_update().get(pk=event.pk)
    wanted = {m.pk: m for m in members}
    gone = [m.name for m in wanted.values() if m.left_on is not None]
    if gone:
        raise ValidationError(
            _("Sudah keluar dari kelompok: %(names)s.") % {"names": ", ".join(sorted(gone))}
        )
    registered = set(event.participants.values_list("member_id", flat=True))
    new = [pk for pk in wanted if pk not in registered]
    _check_capacity(event, len(registered) + len(new))
    for pk in sorted(new, key=lambda pk: wanted[pk].name):
        participant = TrainingParticipant(event=event, member=wanted[pk])
        participant.full_clean(validate_constraints=False)
        participant.save()
    return len(new), len(wanted) - len(new)


@transaction.atomic
def participant_record(
    *,
    participant: TrainingParticipant,
    attendance: str,
    pre_score: int | None,
    post_score: int | None,
    passed: bool,
    today: dt.date | None = None,
) -> TrainingParticipant:
    """Record a participant's attendance, scores and result; passing issues the certificate.

    Only a participant who was present can pass. The certificate code, once issued, stays:
    a result corrected to 'not passed' makes the certificate invalid, not unknown.
    """
    participant = TrainingParticipant.objects.select_for_update().get(pk=participant.pk)
    if passed and attendance != Attendance.PRESENT:
        raise ValidationError({"passed": _("Hanya peserta yang hadir dapat dinyatakan lulus.")})
    participant.attendance = attendance
    participant.pre_score = pre_score
    participant.post_score = post_score
    participant.passed = passed
    if passed and not participant.certificate_code:
        participant.certificate_code = new_certificate_code()
        participant.certificate_issued_on = today or timezone.localdate()
    participant.full_clean()
    participant.save()
    return participant


@transaction.atomic
def participant_remove(*, participant: TrainingParticipant) -> None:
    """Take a participant off the list, only while nothing was recorded about them."""
    participant = TrainingParticipant.objects.select_for_update().get(pk=participant.pk)
    if (
        participant.attendance != Attendance.UNKNOWN
        or participant.certificate_code
        or participant.pre_score is not None
        or participant.post_score is not None
    ):
        raise ValidationError(
            _("Kehadiran atau nilai peserta ini sudah dicatat; ia tidak dapat dihapus.")
        )
    participant.delete()


@transaction.atomic
def apprenticeship_create(*, member: Member, **fields) -> Apprenticeship:
    """Record an apprenticeship of a member."""
    apprenticeship = Apprenticeship(member=member, **fields)
    apprenticeship.full_clean()
    apprenticeship.save()
    return apprenticeship


@transaction.atomic
def apprenticeship_update(*, apprenticeship: Apprenticeship, **fields) -> Apprenticeship:
    for name, value in fields.items():
        setattr(apprenticeship, name, value)
    apprenticeship.full_clean()
    apprenticeship.save()
    return apprenticeship
