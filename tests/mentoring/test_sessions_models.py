"""Sessions and bookkeeping reports: computed figures, database constraints, scoping."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from mentoring.models import BookkeepingReport, FollowUp, MentoringSession, SessionAttachment
from tests.factories import MentorAssignmentFactory
from tests.mentoring.factories_sessions import (
    BookkeepingReportFactory,
    FollowUpFactory,
    MentoringSessionFactory,
)

pytestmark = pytest.mark.django_db


def test_report_computes_profit_and_equity():
    report = BookkeepingReportFactory(
        revenue=10_000, cost_of_goods=6_000, operating_costs=5_000,
        cash=100, receivables=200, inventory=300, payables=1_000,
    )  # fmt: skip
    report.refresh_from_db()
    assert report.profit == -1_000
    assert report.equity == -400
    assert report.gross_profit == 4_000
    assert report.total_assets == 600


def test_report_recomputes_on_partial_save():
    report = BookkeepingReportFactory()
    report.revenue = 20_000_000
    report.save(update_fields=["revenue"])
    report.refresh_from_db()
    assert report.profit == 20_000_000 - 7_000_000 - 2_000_000


def test_one_report_per_group_and_month():
    report = BookkeepingReportFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        BookkeepingReportFactory(group=report.group, month=report.month)
    duplicate = BookkeepingReport(group=report.group, month=report.month)
    with pytest.raises(ValidationError, match="sudah punya laporan"):
        duplicate.full_clean()


def test_report_month_must_be_first_day():
    with pytest.raises(IntegrityError), transaction.atomic():
        BookkeepingReportFactory(month=dt.date(2024, 5, 2))


@pytest.mark.parametrize("field", ["revenue", "cash", "payables", "operating_costs"])
def test_report_amounts_not_negative(field):
    with pytest.raises(IntegrityError), transaction.atomic():
        BookkeepingReportFactory(**{field: -1})


def test_stored_profit_must_match_figures():
    report = BookkeepingReportFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        BookkeepingReport.objects.filter(pk=report.pk).update(profit=1)


def test_verified_needs_who_and_when(mentor):
    report = BookkeepingReportFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        BookkeepingReport.objects.filter(pk=report.pk).update(verified_at=timezone.now())
    BookkeepingReport.objects.filter(pk=report.pk).update(
        verified_at=timezone.now(), verified_by=mentor
    )
    assert list(BookkeepingReport.objects.verified()) == [report]


def test_approved_session_needs_reviewer():
    session = MentoringSessionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        MentoringSession.objects.filter(pk=session.pk).update(status="approved")


def test_returned_session_needs_note():
    session = MentoringSessionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        MentoringSession.objects.filter(pk=session.pk).update(status="returned")


def test_follow_up_done_on_only_when_done():
    follow_up = FollowUpFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        FollowUp.objects.filter(pk=follow_up.pk).update(done_on=dt.date(2024, 6, 1))


def test_session_topic_labels_in_fixed_order():
    session = MentoringSessionFactory(topics=["digital", "bookkeeping"])
    assert session.topic_labels == ["Pembukuan", "Digital"]


def test_visible_to_by_role(world):
    mine = MentoringSessionFactory(group=world.group, mentor=world.mentor)
    theirs = MentoringSessionFactory(group=world.other_group, mentor=world.other_mentor)
    my_report = BookkeepingReportFactory(group=world.group)
    BookkeepingReportFactory(group=world.other_group)
    assert set(MentoringSession.objects.visible_to(world.official)) == {mine, theirs}
    assert list(MentoringSession.objects.visible_to(world.mentor)) == [mine]
    assert list(BookkeepingReport.objects.visible_to(world.mentor)) == [my_report]
    assert BookkeepingReport.objects.visible_to(world.official).count() == 2
    for name in ("clerk", "other_clerk", "perusda"):
        user = getattr(world, name)
        assert not MentoringSession.objects.visible_to(user).exists()
        assert not BookkeepingReport.objects.visible_to(user).exists()
    assert FollowUp.objects.visible_to(world.mentor).count() == 0


def test_ended_assignment_ends_visibility(world):
    session = MentoringSessionFactory(group=world.group, mentor=world.mentor)
    world.group.mentor_assignments.update(ends_on=dt.date(2020, 1, 1))
    assert not MentoringSession.objects.visible_to(world.mentor).exists()
    assert not MentoringSession.objects.editable_by(world.mentor).filter(pk=session.pk).exists()


def test_editable_by_only_own_unlocked(world):
    mine = MentoringSessionFactory(group=world.group, mentor=world.mentor)
    MentorAssignmentFactory(mentor=world.other_mentor, group=world.group)
    colleague = MentoringSessionFactory(group=world.group, mentor=world.other_mentor)
    assert list(MentoringSession.objects.editable_by(world.mentor)) == [mine]
    # A colleague's draft is theirs until submitted; then the whole group's mentors see it.
    FollowUpFactory(session=colleague)
    assert colleague not in MentoringSession.objects.visible_to(world.mentor)
    assert not FollowUp.objects.visible_to(world.mentor).filter(session=colleague).exists()
    assert colleague in MentoringSession.objects.visible_to(world.official)
    MentoringSession.objects.filter(pk=colleague.pk).update(status="submitted")
    assert colleague in MentoringSession.objects.visible_to(world.mentor)
    assert FollowUp.objects.visible_to(world.mentor).filter(session=colleague).exists()
    MentoringSession.objects.filter(pk=mine.pk).update(
        status="approved", reviewed_by=world.official, reviewed_at=timezone.now()
    )
    assert not MentoringSession.objects.editable_by(world.mentor).exists()


def test_an_attachment_url_downloads_for_whoever_may_see_the_session(client, world):
    session = MentoringSession.objects.create(
        group=world.group, mentor=world.users["mentor"], held_on=dt.date(2024, 5, 2)
    )
    pdf = SimpleUploadedFile("buku-kas.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    attachment = SessionAttachment.objects.create(
        session=session, file=pdf, uploaded_by=world.users["mentor"]
    )
    client.force_login(world.users["official"])
    assert client.get(attachment.file.url).status_code == 200
    client.force_login(world.users["other_mentor"])
    assert client.get(attachment.file.url).status_code == 404
