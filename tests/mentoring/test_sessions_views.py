"""Sessions through the pages: recording, foreign ids, the workflow, the lock, query counts."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from mentoring.models import FollowUp, MentoringSession
from mentoring.services import sessions as services
from tests import factories
from tests.groups.factories import pdf_upload, png_upload
from tests.mentoring.factories_sessions import FollowUpFactory, MentoringSessionFactory

pytestmark = pytest.mark.django_db


def post_data(w, **overrides):
    member = w.group.members.first()
    data = {
        "group": w.group.pk,
        "held_on": timezone.localdate().isoformat(),
        "topics": ["bookkeeping", "marketing"],
        "summary": "Menyusun buku kas bersama bendahara.",
        "attendees": [member.pk],
        "tl-TOTAL_FORMS": "2",
        "tl-INITIAL_FORMS": "0",
        "tl-0-action": "Mencatat penjualan harian",
        "tl-0-due_on": (timezone.localdate() + dt.timedelta(days=14)).isoformat(),
        "tl-1-action": "",
        "tl-1-due_on": "",
    }
    data.update(overrides)
    return data


def test_mentor_records_and_submits_a_session(client, world):
    client.force_login(world.mentor)
    data = post_data(world, submit="1", files=[pdf_upload(), png_upload()])
    response = client.post(reverse("mentoring:session_create"), data)
    session = MentoringSession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == session.get_absolute_url()
    assert session.mentor == world.mentor
    assert session.status == MentoringSession.Status.SUBMITTED
    assert session.submitted_at is not None
    assert sorted(session.topics.values_list("topic", flat=True)) == ["bookkeeping", "marketing"]
    assert list(session.attendees.all()) == [world.group.members.first()]
    assert session.follow_ups.get().action == "Mencatat penjualan harian"
    assert session.attachments.count() == 2
    assert AuditEvent.objects.filter(model="mentoringsession", object_id=str(session.pk)).exists()


def test_draft_by_default(client, world):
    client.force_login(world.mentor)
    client.post(reverse("mentoring:session_create"), post_data(world, draft="1"))
    assert MentoringSession.objects.get().status == MentoringSession.Status.DRAFT


def test_foreign_group_id_is_a_form_error(client, world):
    client.force_login(world.mentor)
    data = post_data(world, group=world.other_group.pk, attendees=[])
    response = client.post(reverse("mentoring:session_create"), data)
    assert response.status_code == 200
    assert "group" in response.context["form"].errors
    assert not MentoringSession.objects.exists()


def test_member_of_another_group_is_a_form_error(client, world):
    client.force_login(world.mentor)
    foreign = world.other_group.members.first()
    response = client.post(
        reverse("mentoring:session_create"), post_data(world, attendees=[foreign.pk])
    )
    assert "attendees" in response.context["form"].errors
    assert not MentoringSession.objects.exists()


def test_member_of_my_other_group_is_a_form_error(client, world):
    second = factories.IkmGroupFactory()
    factories.MentorAssignmentFactory(mentor=world.mentor, group=second)
    mine_elsewhere = factories.MemberFactory(group=second)
    client.force_login(world.mentor)
    response = client.post(
        reverse("mentoring:session_create"), post_data(world, attendees=[mine_elsewhere.pk])
    )
    assert "bukan anggota kelompok" in str(response.context["form"].errors["attendees"])
    assert not MentoringSession.objects.exists()


def test_future_date_and_missing_topic_are_refused(client, world):
    client.force_login(world.mentor)
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = client.post(
        reverse("mentoring:session_create"), post_data(world, held_on=tomorrow, topics=[])
    )
    errors = response.context["form"].errors
    assert "held_on" in errors and "topics" in errors
    assert not MentoringSession.objects.exists()


def test_bad_attachment_is_refused(client, world):
    client.force_login(world.mentor)
    fake = pdf_upload(name="buku.pdf", content=b"MZ not a pdf at all")
    response = client.post(reverse("mentoring:session_create"), post_data(world, files=[fake]))
    assert "files" in response.context["form"].errors
    assert not MentoringSession.objects.exists()


def test_follow_up_without_due_date_is_refused(client, world):
    client.force_login(world.mentor)
    response = client.post(
        reverse("mentoring:session_create"), post_data(world, **{"tl-0-due_on": ""})
    )
    assert response.status_code == 200
    assert not MentoringSession.objects.exists()


def test_workflow_submit_return_edit_approve(client, world):
    session = MentoringSessionFactory(group=world.group, mentor=world.mentor)
    client.force_login(world.mentor)
    client.post(reverse("mentoring:session_submit", args=[session.pk]))
    session.refresh_from_db()
    assert session.status == "submitted"

    client.force_login(world.official)
    queue = client.get(reverse("mentoring:session_review_list"))
    assert list(queue.context["object_list"]) == [session]
    client.post(reverse("mentoring:session_return", args=[session.pk]), {"return-note": ""})
    session.refresh_from_db()
    assert session.status == "submitted"  # a return needs a note
    client.post(
        reverse("mentoring:session_return", args=[session.pk]),
        {"return-note": "Daftar hadir belum lengkap."},
    )
    session.refresh_from_db()
    assert session.status == "returned"
    assert session.review_note == "Daftar hadir belum lengkap."

    client.force_login(world.mentor)
    data = post_data(world, submit="1")
    del data["group"]
    response = client.post(reverse("mentoring:session_update", args=[session.pk]), data)
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == "submitted"

    client.force_login(world.official)
    client.post(reverse("mentoring:session_approve", args=[session.pk]), {"approve-note": "Baik"})
    session.refresh_from_db()
    assert session.status == "approved"
    assert session.reviewed_by == world.official
    assert session.is_locked


def test_approved_session_is_locked_for_form_and_service(client, world):
    session = MentoringSessionFactory(group=world.group, mentor=world.mentor)
    services.session_submit(session=session, user=world.mentor)
    services.session_approve(session=session, official=world.official)
    client.force_login(world.mentor)
    url = reverse("mentoring:session_update", args=[session.pk])
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == session.get_absolute_url()
    data = post_data(world, summary="Diubah setelah disetujui")
    del data["group"]
    client.post(url, data)
    session.refresh_from_db()
    assert session.summary != "Diubah setelah disetujui"
    with pytest.raises(ValidationError, match="sudah disetujui"):
        services.session_update(
            session=session,
            user=world.mentor,
            held_on=session.held_on,
            topics=["bookkeeping"],
            summary="x",
        )
    with pytest.raises(ValidationError):
        services.session_submit(session=session, user=world.mentor)
    with pytest.raises(ValidationError):
        services.session_return(session=session, official=world.official, note="lagi")


def test_only_submitted_sessions_are_reviewed(world):
    session = MentoringSessionFactory(group=world.group, mentor=world.mentor)
    with pytest.raises(ValidationError, match="diajukan"):
        services.session_approve(session=session, official=world.official)
    with pytest.raises(PermissionDenied):
        services.session_approve(session=session, official=world.mentor)


def test_another_mentor_cannot_change_or_submit(world):
    session = MentoringSessionFactory(group=world.group, mentor=world.mentor)
    factories.MentorAssignmentFactory(mentor=world.other_mentor, group=world.group)
    with pytest.raises(PermissionDenied):
        services.session_submit(session=session, user=world.other_mentor)


def test_follow_up_done_toggle(client, world):
    follow_up = FollowUpFactory(
        session=MentoringSessionFactory(group=world.group, mentor=world.mentor)
    )
    client.force_login(world.mentor)
    client.post(reverse("mentoring:follow_up_toggle", args=[follow_up.pk]))
    follow_up.refresh_from_db()
    assert follow_up.is_done and follow_up.done_on == timezone.localdate()
    client.post(reverse("mentoring:follow_up_toggle", args=[follow_up.pk]))
    follow_up.refresh_from_db()
    assert not follow_up.is_done and follow_up.done_on is None


def test_edit_removes_a_follow_up(client, world):
    session = MentoringSessionFactory(group=world.group, mentor=world.mentor)
    follow_up = FollowUpFactory(session=session)
    client.force_login(world.mentor)
    data = post_data(world)
    del data["group"]
    data.update(
        {
            "tl-TOTAL_FORMS": "1",
            "tl-INITIAL_FORMS": "1",
            "tl-0-id": follow_up.pk,
            "tl-0-session": session.pk,
            "tl-0-action": follow_up.action,
            "tl-0-due_on": follow_up.due_on.isoformat(),
            "tl-0-DELETE": "on",
        }
    )
    response = client.post(reverse("mentoring:session_update", args=[session.pk]), data)
    assert response.status_code == 302
    assert not FollowUp.objects.filter(pk=follow_up.pk).exists()


def test_mentor_list_shows_own_sessions_and_filters(client, world):
    mine = MentoringSessionFactory(
        group=world.group, mentor=world.mentor, held_on=dt.date(2024, 3, 5)
    )
    MentoringSessionFactory(
        group=world.group, mentor=world.mentor, held_on=dt.date(2024, 4, 5), topics=["digital"]
    )
    MentoringSessionFactory(group=world.other_group, mentor=world.other_mentor)
    client.force_login(world.mentor)
    response = client.get(reverse("mentoring:session_list"))
    assert response.context["paginator"].count == 2
    response = client.get(reverse("mentoring:session_list"), {"bulan": "2024-03"})
    assert list(response.context["object_list"]) == [mine]
    response = client.get(reverse("mentoring:session_list"), {"topik": "digital"})
    assert response.context["paginator"].count == 1
    response = client.get(reverse("mentoring:session_list"), {"kelompok": world.other_group.pk})
    assert response.context["paginator"].count == 0


def test_official_sees_all_and_per_group(client, world):
    MentoringSessionFactory(group=world.group, mentor=world.mentor)
    MentoringSessionFactory(group=world.other_group, mentor=world.other_mentor)
    client.force_login(world.official)
    assert client.get(reverse("mentoring:session_list")).context["paginator"].count == 2
    response = client.get(reverse("mentoring:group_session_list", args=[world.group.pk]))
    assert response.context["paginator"].count == 1


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _sessions(world, n):
    for i in range(n):
        session = MentoringSessionFactory(
            group=world.group,
            mentor=world.mentor,
            held_on=dt.date(2024, 1, 1) + dt.timedelta(i),
            topics=["bookkeeping", "digital"],
        )
        session.attendees.set(world.group.members.all())
        FollowUpFactory(session=session)


@pytest.mark.parametrize("role", ["official", "mentor"])
@pytest.mark.parametrize("url_name", ["mentoring:session_list", "mentoring:group_session_list"])
def test_session_lists_run_constant_queries(client, world, role, url_name):
    client.force_login(getattr(world, role))
    kwargs = {"pk": world.group.pk} if url_name == "mentoring:group_session_list" else {}
    url = reverse(url_name, kwargs=kwargs)
    _sessions(world, 2)
    few = _count(client, url)
    _sessions(world, 20)
    assert _count(client, url) == few


def test_detail_shows_attendance_and_review_box(client, world):
    session = MentoringSessionFactory(group=world.group, mentor=world.mentor)
    session.attendees.set(world.group.members.all())
    services.session_submit(session=session, user=world.mentor)
    client.force_login(world.official)
    response = client.get(session.get_absolute_url())
    content = response.content.decode()
    assert world.group.members.first().name in content
    assert 'data-testid="review-box"' in content
