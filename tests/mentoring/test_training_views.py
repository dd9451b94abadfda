"""Training and apprenticeship pages: bulk registration, results, certificates and their
public verification, scoping for mentors, uploads, the member page and the group profile."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from mentoring.models import Apprenticeship, TrainingParticipant
from tests import factories
from tests.groups.factories import PDF_BYTES, pdf_upload
from tests.mentoring.factories_training import (
    ApprenticeshipFactory,
    ParticipantFactory,
    PassedParticipantFactory,
    TrainingEventFactory,
)

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    """The text printed on the PDF's pages."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def event_world(world):
    event = TrainingEventFactory(capacity=None)
    own = PassedParticipantFactory(event=event, member=world.group.members.first())
    peer = ParticipantFactory(event=event, member=world.other_group.members.first())
    world.event, world.own, world.peer = event, own, peer
    return world


def test_officials_add_whole_groups_and_picked_members_without_duplicates(client, world):
    event = TrainingEventFactory()
    original = world.group.members.get()
    extra = factories.MemberFactory(group=world.group, nik=factories._nik(4321))
    gone = factories.MemberFactory(
        group=world.group, nik=factories._nik(4322), left_on="2024-01-01"
    )
    client.force_login(world.official)
    url = reverse("mentoring:participants_add", args=[event.pk])
    response = client.post(url, {"groups": [world.group.pk]})
    assert response.status_code == 302
    assert set(event.participants.values_list("member", flat=True)) == {original.pk, extra.pk}
    response = client.post(
        url, {"groups": [world.group.pk], "members": [world.other_group.members.first().pk]}
    )
    assert event.participants.count() == 3
    assert "2 sudah terdaftar" in str(list(response.wsgi_request._messages)[-1])
    # A member who left is not a choice: a form error, nothing added.
    response = client.post(url, {"members": [gone.pk]})
    assert response.status_code == 200 and response.context["form"].errors["members"]
    assert event.participants.count() == 3
    assert client.post(url, {}).context["form"].non_field_errors()


def test_results_page_records_attendance_scores_and_issues_certificates(client, event_world):
    w = event_world
    client.force_login(w.official)
    url = reverse("mentoring:event_results", args=[w.event.pk])
    own, peer = w.own, w.peer
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "2",
        "form-0-id": str(peer.pk),
        "form-0-attendance": "present",
        "form-0-pre_score": "35",
        "form-0-post_score": "90",
        "form-0-passed": "on",
        "form-1-id": str(own.pk),
        "form-1-attendance": "present",
        "form-1-pre_score": str(own.pre_score),
        "form-1-post_score": str(own.post_score),
        "form-1-passed": "on",
    }
    assert client.post(url, data).status_code == 302
    peer.refresh_from_db()
    assert (peer.attendance, peer.pre_score, peer.post_score, peer.passed) == (
        "present",
        35,
        90,
        True,
    )
    assert peer.certificate_code


def test_results_page_refuses_bad_scores_and_foreign_rows(client, event_world):
    w = event_world
    other = ParticipantFactory()  # another event's participant
    client.force_login(w.official)
    url = reverse("mentoring:event_results", args=[w.event.pk])
    base = {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-0-attendance": "present"}
    response = client.post(url, {**base, "form-0-id": str(w.peer.pk), "form-0-pre_score": "150"})
    assert response.status_code == 200
    response = client.post(url, {**base, "form-0-id": str(other.pk), "form-0-passed": "on"})
    assert response.status_code == 200
    other.refresh_from_db()
    w.peer.refresh_from_db()
    assert other.attendance == "unknown" and not other.passed
    assert w.peer.pre_score is None
    # Passed without being present: an error next to the field, nothing saved.
    response = client.post(
        url,
        {**base, "form-0-id": str(w.peer.pk), "form-0-attendance": "absent", "form-0-passed": "on"},
    )
    assert response.context["formset"].forms[0].errors["passed"]


def test_a_mentor_sees_only_their_groups_participants(client, event_world):
    w = event_world
    url = reverse("mentoring:event_detail", args=[w.event.pk])
    client.force_login(w.mentor)
    assert client.get(url).context["participants"] == [w.own]
    client.force_login(w.other_mentor)
    assert client.get(url).context["participants"] == [w.peer]
    client.force_login(w.official)
    assert len(client.get(url).context["participants"]) == 2


def test_event_page_shows_attendance_per_event_and_per_group(client, world):
    event = TrainingEventFactory()
    for n, attendance in enumerate(("present", "present", "absent")):
        member = factories.MemberFactory(group=world.group, nik=factories._nik(7000 + n))
        ParticipantFactory(event=event, attendance=attendance, member=member)
    ParticipantFactory(event=event, attendance="excused", member=world.other_group.members.first())
    client.force_login(world.official)
    context = client.get(reverse("mentoring:event_detail", args=[event.pk])).context
    assert context["rate"] == 50  # 2 present of 4 recorded
    rates = {row["group"].pk: row["rate"] for row in context["group_rates"]}
    assert rates == {world.group.pk: 67, world.other_group.pk: 0}
    listed = client.get(reverse("mentoring:event_list")).context["object_list"]
    assert [e.rate for e in listed] == [50]


def test_certificate_pdf_is_generated_for_a_passed_participant(client, event_world):
    w = event_world
    client.force_login(w.mentor)
    response = client.get(reverse("mentoring:certificate", args=[w.own.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith(b"%PDF-")
    text = pdf_text(body)
    assert w.own.member.name in text
    assert w.event.training.title in text
    assert w.own.certificate_code in text
    # Not passed, or the peer mentor: no certificate.
    assert client.get(reverse("mentoring:certificate", args=[w.peer.pk])).status_code == 404
    client.force_login(w.other_mentor)
    assert client.get(reverse("mentoring:certificate", args=[w.own.pk])).status_code == 404


def test_verification_page_valid_invalid_and_unknown(client, event_world):
    w = event_world
    member = w.own.member
    url = reverse("mentoring:certificate_verify", args=[w.own.certificate_code])
    response = client.get(url)  # anonymous
    assert response.status_code == 200
    assert response.context["status"] == "valid"
    page = response.content.decode()
    assert member.name in page and w.event.training.title in page
    assert member.nik not in page and member.nik_masked not in page
    assert member.group.name not in page

    TrainingParticipant.objects.filter(pk=w.own.pk).update(passed=False, attendance="absent")
    response = client.get(url)
    assert response.status_code == 200 and response.context["status"] == "invalid"

    response = client.get(reverse("mentoring:certificate_verify", args=["AAAA-BBBB-CCCC"]))
    assert response.status_code == 404 and response.context["status"] == "unknown"

    for junk in ("---", "%20", "x" * 500):
        response = client.get(reverse("mentoring:certificate_verify", args=[junk]))
        assert response.status_code in (302, 404)

    typed = w.own.certificate_code.lower().replace("-", " ")
    response = client.get(reverse("mentoring:certificate_lookup"), {"code": typed})
    assert response.status_code == 302 and response["Location"] == url


def test_apprenticeship_with_outcome_report_and_its_download(client, world):
    member = world.group.members.first()
    client.force_login(world.official)
    data = {
        "host_name": "UD Abon Sapi",
        "host_kind": "business",
        "host_region": "Kab. Bantul, DI Yogyakarta",
        "starts_on": "2023-09-01",
        "ends_on": "2023-09-10",
        "funding_source": "apbd_kota",
        "funding_amount": "Rp 5.000.000",
    }
    url = reverse("mentoring:apprenticeship_create", args=[member.pk])
    fake = pdf_upload(content=b"MZ not a pdf")
    response = client.post(url, {**data, "outcome_report": fake})
    assert response.status_code == 200 and response.context["form"].errors["outcome_report"]
    response = client.post(url, {**data, "ends_on": "2023-08-01"})
    assert response.context["form"].errors["ends_on"]
    assert not Apprenticeship.objects.exists()

    response = client.post(url, {**data, "outcome_report": pdf_upload()})
    assert response.status_code == 302
    apprenticeship = Apprenticeship.objects.get()
    assert apprenticeship.funding_amount == 5_000_000
    report_url = apprenticeship.outcome_report.url
    client.force_login(world.mentor)
    response = client.get(report_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    client.force_login(world.other_mentor)
    assert client.get(report_url).status_code == 404
    assert (
        client.get(reverse("mentoring:apprenticeship_detail", args=[apprenticeship.pk])).status_code
        == 404
    )


def test_member_page_shows_trainings_and_apprenticeships(client, event_world):
    w = event_world
    member = w.own.member
    apprenticeship = ApprenticeshipFactory(member=member)
    client.force_login(w.mentor)
    response = client.get(reverse("mentoring:member_record", args=[member.pk]))
    assert list(response.context["participations"]) == [w.own]
    assert list(response.context["apprenticeships"]) == [apprenticeship]
    client.force_login(w.other_mentor)
    assert client.get(reverse("mentoring:member_record", args=[member.pk])).status_code == 404


def test_group_profile_shows_panels_and_timeline(client, event_world):
    w = event_world
    ApprenticeshipFactory(member=w.own.member, host_name="Sentra Rotan Trangsan")
    ApprenticeshipFactory(member=w.peer.member, host_name="Tempat Peer")
    client.force_login(w.mentor)
    response = client.get(reverse("groups:group_detail", args=[w.group.pk]))
    kinds = {entry.kind for entry in response.context["timeline"]}
    assert {"training", "apprenticeship", "assignment"} <= kinds
    page = response.content.decode()
    assert "Sentra Rotan Trangsan" in page and "Tempat Peer" not in page
    panels = {item["panel"].name: item["context"] for item in response.context["panels"]}
    assert panels["mentoring.trainings"]["attendance_rate"] == 100
    assert [a.mentor for a in panels["mentoring.assignments"]["current_assignments"]] == [w.mentor]


def test_training_list_for_a_mentor_holds_only_trainings_their_members_joined(client, event_world):
    w = event_world
    TrainingEventFactory()  # nobody of theirs joined
    client.force_login(w.mentor)
    listed = list(client.get(reverse("mentoring:training_list")).context["object_list"])
    assert listed == [w.event.training]
    assert listed[0].event_count == 1
