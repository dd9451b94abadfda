"""Writes on mentoring sessions: record, edit, submit, approve or return, follow-ups done.

Every function runs in one transaction, re-reads the session under a row lock before changing
its status, and raises ``ValidationError`` (a message for the user) or ``PermissionDenied``.
An approved session is locked: every write here refuses it. The history of each row (and so
the audit trail) is written by simple-history in the same transaction.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import roles
from groups.models import IkmGroup, Member
from mentoring.models import (
    FollowUp,
    MentoringSession,
    SessionAttachment,
    SessionTopic,
    Topic,
)

MAX_ATTACHMENTS = 10


@dataclass
class FollowUpInput:
    """One follow-up row as a form gives it: ``pk`` None for a new one."""

    action: str
    due_on: dt.date
    pk: int | None = None
    delete: bool = False


def _check_fields(*, mentor, group: IkmGroup, held_on: dt.date, topics, attendees) -> None:
    errors = {}
    if not IkmGroup.objects.visible_to(mentor).filter(pk=group.pk).exists():
        raise PermissionDenied
    if held_on > timezone.localdate():
        errors["held_on"] = _("Tanggal sesi tidak boleh di masa depan.")
    if not topics:
        errors["topics"] = _("Pilih paling sedikit satu topik.")
    elif set(topics) - set(Topic.values):
        errors["topics"] = _("Topik tidak dikenal.")
    foreign = [m for m in attendees if m.group_id != group.pk]
    if foreign:
        errors["attendees"] = _("%(names)s bukan anggota kelompok ini.") % {
            "names": ", ".join(m.name for m in foreign)
        }
    if errors:
        raise ValidationError(errors)


def _lock(session: MentoringSession) -> MentoringSession:
    return MentoringSession.objects.select_for_update().get(pk=session.pk)


def _refuse_locked(session: MentoringSession) -> None:
    if session.is_locked:
        raise ValidationError(_("Sesi ini sudah disetujui dan tidak dapat diubah lagi."))


def _write_follow_ups(session: MentoringSession, follow_ups: list[FollowUpInput]) -> None:
    existing = {f.pk: f for f in session.follow_ups.all()}
    for row in follow_ups:
        if row.pk is not None:
            follow_up = existing.get(row.pk)
            if follow_up is None:
                raise ValidationError(_("Tindak lanjut ini bukan milik sesi ini."))
            if row.delete:
                follow_up.delete()
                continue
            follow_up.action, follow_up.due_on = row.action, row.due_on
        elif row.delete:
            continue
        else:
            follow_up = FollowUp(session=session, action=row.action, due_on=row.due_on)
        if follow_up.due_on < session.held_on:
            raise ValidationError(
                {"follow_ups": _("Tenggat tindak lanjut tidak boleh sebelum tanggal sesi.")}
            )
        follow_up.full_clean()
        follow_up.save()


def _add_attachments(session: MentoringSession, files, user) -> None:
    files = list(files or [])
    if session.attachments.count() + len(files) > MAX_ATTACHMENTS:
        raise ValidationError(
            {"files": _("Paling banyak %(n)d lampiran per sesi.") % {"n": MAX_ATTACHMENTS}}
        )
    for upload in files:
        attachment = SessionAttachment(session=session, file=upload, uploaded_by=user)
        try:
            attachment.full_clean()
        except ValidationError as error:
            raise ValidationError({"files": error.messages}) from None
        attachment.save()


def _write_topics(session: MentoringSession, topics) -> None:
    current = set(session.topics.values_list("topic", flat=True))
    wanted = set(topics)
    session.topics.filter(topic__in=current - wanted).delete()
    SessionTopic.objects.bulk_create(
        [SessionTopic(session=session, topic=t) for t in sorted(wanted - current)]
    )


@transaction.atomic
def session_record(
    *,
    mentor,
    group: IkmGroup,
    held_on: dt.date,
    topics: list[str],
    summary: str,
    attendees: list[Member] = (),
    follow_ups: list[FollowUpInput] = (),
    files=(),
    submit: bool = False,
) -> MentoringSession:
    """Record a session of a mentor with one of their groups (a draft, or submitted at once)."""
    if not roles.is_mentor(mentor):
        raise PermissionDenied
    attendees = list(attendees)
    _check_fields(mentor=mentor, group=group, held_on=held_on, topics=topics, attendees=attendees)
    session = MentoringSession(mentor=mentor, group=group, held_on=held_on, summary=summary)
    if submit:
        session.status = MentoringSession.Status.SUBMITTED
        session.submitted_at = timezone.now()
    session.full_clean()
    session.save()
    _write_topics(session, topics)
    session.attendees.set(attendees)
    _write_follow_ups(session, list(follow_ups))
    _add_attachments(session, files, mentor)
    return session


@transaction.atomic
def session_update(
    *,
    session: MentoringSession,
    user,
    held_on: dt.date,
    topics: list[str],
    summary: str,
    attendees: list[Member] = (),
    follow_ups: list[FollowUpInput] = (),
    files=(),
    submit: bool = False,
) -> MentoringSession:
    """Change a session that is not approved yet; only its own mentor may."""
    session = _lock(session)
    if session.mentor_id != user.pk:
        raise PermissionDenied
    _refuse_locked(session)
    if session.status == MentoringSession.Status.SUBMITTED:
        # Changing a session under review takes it back to the mentor's desk.
        session.status = MentoringSession.Status.DRAFT
        session.submitted_at = None
    attendees = list(attendees)
    _check_fields(
        mentor=user, group=session.group, held_on=held_on, topics=topics, attendees=attendees
    )
    session.held_on, session.summary = held_on, summary
    if submit:
        session.status = MentoringSession.Status.SUBMITTED
        session.submitted_at = timezone.now()
    session.full_clean()
    session.save()
    _write_topics(session, topics)
    session.attendees.set(attendees)
    _write_follow_ups(session, list(follow_ups))
    _add_attachments(session, files, user)
    return session


@transaction.atomic
def session_submit(*, session: MentoringSession, user) -> MentoringSession:
    """The mentor hands a draft (or a returned session) in for review."""
    session = _lock(session)
    if session.mentor_id != user.pk:
        raise PermissionDenied
    _refuse_locked(session)
    if session.status == MentoringSession.Status.SUBMITTED:
        raise ValidationError(_("Sesi ini sudah diajukan."))
    session.status = MentoringSession.Status.SUBMITTED
    session.submitted_at = timezone.now()
    session.save(update_fields=["status", "submitted_at", "updated_at"])
    return session


def _review(session: MentoringSession, official) -> MentoringSession:
    if not roles.is_official(official):
        raise PermissionDenied
    session = _lock(session)
    _refuse_locked(session)
    if session.status != MentoringSession.Status.SUBMITTED:
        raise ValidationError(_("Hanya sesi yang sudah diajukan yang dapat ditinjau."))
    return session


@transaction.atomic
def session_approve(*, session: MentoringSession, official, note: str = "") -> MentoringSession:
    """An official approves a submitted session; from now on it is locked."""
    session = _review(session, official)
    session.status = MentoringSession.Status.APPROVED
    session.reviewed_by, session.reviewed_at = official, timezone.now()
    session.review_note = note.strip()
    session.save(
        update_fields=["status", "reviewed_by", "reviewed_at", "review_note", "updated_at"]
    )
    return session


@transaction.atomic
def session_return(*, session: MentoringSession, official, note: str) -> MentoringSession:
    """An official sends a submitted session back to its mentor, saying what to fix."""
    note = (note or "").strip()
    if not note:
        raise ValidationError(
            {"note": _("Tulis catatan untuk pendamping: apa yang perlu diperbaiki.")}
        )
    session = _review(session, official)
    session.status = MentoringSession.Status.RETURNED
    session.reviewed_by, session.reviewed_at = official, timezone.now()
    session.review_note = note
    session.save(
        update_fields=["status", "reviewed_by", "reviewed_at", "review_note", "updated_at"]
    )
    return session


@transaction.atomic
def follow_up_set_done(*, follow_up: FollowUp, user, done: bool) -> FollowUp:
    """Tick a follow-up done (or open again); allowed to the session's mentor, also later on."""
    follow_up = FollowUp.objects.select_for_update().select_related("session").get(pk=follow_up.pk)
    if follow_up.session.mentor_id != user.pk:
        raise PermissionDenied
    follow_up.is_done = done
    follow_up.done_on = timezone.localdate() if done else None
    follow_up.save(update_fields=["is_done", "done_on"])
    return follow_up
