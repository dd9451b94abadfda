"""The credit dossier: generated as PDF, holding the group's own figures and nobody else's."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from audit.models import AuditEvent
from core.formatting import format_rupiah
from core.months import add_months
from groups.models import Position
from program import dossier
from tests import factories
from tests.mentoring.factories_sessions import BookkeepingReportFactory, MentoringSessionFactory
from tests.reports.conftest import sell

pytestmark = pytest.mark.django_db


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def dossier_world(world):
    group = world.group
    today = timezone.localdate()
    chair = factories.MemberFactory(
        group=group, name="Siti Rahmawati", position=Position.CHAIR, nik="7271015005850042"
    )
    factories.LegalDocumentFactory(group=group, kind="nib", number="9120001234567")
    last = add_months(today.replace(day=1), -1)
    for back, revenue in ((0, 12_000_000), (1, 10_000_000), (2, 9_000_000)):
        BookkeepingReportFactory(
            group=group,
            month=add_months(last, -back),
            revenue=revenue,
            verified_by=world.mentor,
            verified_at=timezone.now(),
        )
    # Outside the twelve months: not in the dossier.
    BookkeepingReportFactory(group=group, month=add_months(last, -14), revenue=999)
    product = group.products.first()
    sell(world.outlet, product, 4, 25000, clerk=world.clerk, day=last.replace(day=10))
    sell(world.outlet, world.other_group.products.first(), 9, 77000, clerk=world.clerk)
    MentoringSessionFactory(group=group, mentor=world.mentor, held_on=last, status="submitted")
    world.extra["chair"] = chair
    return world


def test_dossier_pdf_holds_the_groups_figures(client, dossier_world):
    w = dossier_world
    client.force_login(w.official)
    response = client.get(reverse("reports:group_dossier", args=[w.group.pk]))
    assert response.status_code == 200
    text = pdf_text(response)
    assert w.group.name in text
    assert "Siti Rahmawati" in text
    assert "0042" in text and "7271015005850042" not in text  # NIK: last four digits only
    assert "9120001234567" in text  # NIB
    assert format_rupiah(31_000_000) in text  # 12-month revenue
    assert format_rupiah(100_000) in text  # outlet sales of the group
    assert format_rupiah(9 * 77000) not in text  # the other group's sales
    assert "3 dari 12 bulan" in text
    assert "Skor" in text and "syarat terpenuhi" in text  # the readiness checklist
    assert AuditEvent.objects.filter(object_id=str(w.group.pk), model="ikmgroup").exists()


def test_mentor_gets_their_groups_dossier_and_not_the_peers(client, dossier_world):
    w = dossier_world
    client.force_login(w.mentor)
    assert "Siti Rahmawati" in pdf_text(
        client.get(reverse("reports:group_dossier", args=[w.group.pk]))
    )
    assert client.get(reverse("reports:group_dossier", args=[w.other_group.pk])).status_code == 404


def test_profile_shows_the_dossier_button_to_officials_and_mentors(client, dossier_world):
    w = dossier_world
    url = reverse("reports:group_dossier", args=[w.group.pk])
    for user, shown in ((w.official, True), (w.mentor, True), (w.perusda, False)):
        client.force_login(user)
        page = client.get(reverse("groups:group_detail", args=[w.group.pk]))
        assert (url in page.content.decode()) is shown


def test_dossier_context_sums(dossier_world):
    w = dossier_world
    context = dossier.dossier_context(w.group, w.official)
    assert context["pl"].revenue == 31_000_000
    assert context["sales"]["quantity"] == 4
    assert context["mentoring"]["n"] == 1
    assert len(context["missing_months"]) == 9


def test_dossier_queries_do_not_grow(client, dossier_world):
    w = dossier_world
    client.force_login(w.official)
    url = reverse("reports:group_dossier", args=[w.group.pk]) + "?format=html"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(5):
        factories.MemberFactory(group=w.group)
        MentoringSessionFactory(group=w.group, mentor=w.mentor, status="submitted")
        sell(w.outlet, w.group.products.first(), 1, 1000, clerk=w.clerk)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def _with_bank_account(group):
    group.bank_name = "Bank Sulteng"
    group.bank_account_number = "0123987654"
    group.bank_account_holder = "Bendahara Kelompok"
    group.save()


@pytest.mark.parametrize(("role", "shown"), [("official", True), ("mentor", False)])
def test_dossier_shows_the_bank_account_to_whom_the_profile_shows_it(
    client, dossier_world, role, shown
):
    w = dossier_world
    _with_bank_account(w.group)
    client.force_login(w.users[role])
    url = reverse("reports:group_dossier", args=[w.group.pk])
    profile = client.get(reverse("groups:group_detail", args=[w.group.pk])).content.decode()
    page = client.get(url, {"format": "html"}).content.decode()
    pdf = pdf_text(client.get(url))
    assert "Siti Rahmawati" in page and "Siti Rahmawati" in pdf  # the dossier itself is there
    for shown_in in (profile, page, pdf):
        assert ("0123987654" in shown_in) is shown
        assert ("Bendahara Kelompok" in shown_in) is shown


@pytest.mark.parametrize("role", ["official", "mentor"])
def test_every_dossier_view_is_audited_pdf_and_page(client, dossier_world, role):
    w = dossier_world
    user = w.users[role]
    client.force_login(user)
    url = reverse("reports:group_dossier", args=[w.group.pk])
    assert client.get(url, {"format": "html"}).status_code == 200
    assert client.get(url).status_code == 200
    events = AuditEvent.objects.filter(
        actor=user, app_label="groups", model="ikmgroup", object_id=str(w.group.pk)
    )
    assert sorted(events.values_list("note", flat=True)) == [
        "berkas kredit (HTML) dibuka",
        "berkas kredit (PDF) diunduh",
    ]
