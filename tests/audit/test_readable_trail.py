"""The audit page reads like a sentence, not like the database: dates in Palu's time, people
by name, amounts in Rupiah, choices by label, an account's scope summarised, and every event of
a renamed app under its current name."""

import datetime as dt
import re
import uuid
from decimal import Decimal
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone

from accounts import services as accounts
from audit.models import AuditEvent
from audit.services import audit_record
from core import roles
from marketing import settlements
from marketing.models import Settlement
from marketing.services import trade
from mentoring.services import sessions
from tests import factories
from tests.marketing.trade import at, sale
from tests.marketing.trade_helpers import priced_product, shelve
from tests.mentoring.factories_sessions import MentoringSessionFactory

pytestmark = pytest.mark.django_db
URL = reverse("audit:event_list")
RAW_DATETIME = re.compile(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d")
RAW_DATE = re.compile(r"\b\d{4}-\d\d-\d\d\b")


def page_text(response) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", body)))


def changes_of(response, event) -> dict:
    """field label -> (old, new) as the page shows them, for one event."""
    row = next(r for r in response.context["rows"] if r["event"].pk == event.pk)
    return {c["field"]: (c["old"], c["new"]) for c in row["changes"]}


def last_event(**filters) -> AuditEvent:
    return AuditEvent.objects.filter(**filters).latest("id")


@pytest.fixture
def signed_in(client, world):
    client.force_login(world.official)
    return client


def test_a_reviewed_session_shows_when_in_palu_time_and_who_by_name(signed_in, world):
    session = MentoringSessionFactory(group=world.group, mentor=world.mentor)
    sessions.session_submit(session=session, user=world.mentor)
    sessions.session_approve(session=session, official=world.official)
    session.refresh_from_db()
    event = last_event(model="mentoringsession", action="update")
    response = signed_in.get(URL, {"target": "mentoring.mentoringsession"})
    shown = changes_of(response, event)
    when = formats.date_format(timezone.localtime(session.reviewed_at), "j M Y H:i")
    assert shown["ditinjau pada"] == (None, when)
    assert shown["ditinjau oleh"] == (None, world.official.get_full_name())
    assert shown["status"][1] == "Disetujui"
    text = page_text(response)
    assert f"ditinjau pada : {when}" in text
    assert not RAW_DATETIME.search(text) and "+00:00" not in text
    assert f"ditinjau oleh : {world.official.pk} " not in text


def test_an_accounts_scope_is_summarised(signed_in, world):
    bank = factories.BankFactory()
    accounts.account_create(
        actor=world.official,
        first_name="Rina",
        username="rina",
        role=roles.MENTOR,
        bank=bank,
        groups=[world.group],
        starts_on=dt.date(2026, 3, 2),
    )
    event = last_event(app_label="auth", model="user", action="create")
    response = signed_in.get(URL, {"target": "auth.user"})
    shown = changes_of(response, event)
    assert shown["cakupan"] == (
        None,
        f"Peran: Pendamping bank; Bank: {bank}; Kelompok IKM: {world.group.code}",
    )
    assert shown["berlaku mulai"] == (None, "2 Mar 2026")
    text = page_text(response)
    assert "{'role'" not in text and "'groups'" not in text and "scope" not in text
    assert "starts_on" not in text and "2026-03-02" not in text


def test_a_payment_shows_its_date_reference_amount_and_who_paid(signed_in, world):
    product = world.group.products.first()
    sale(world.outlet, [(product, 2, 15000, 10000)], sold_at=at(2024, 1, 5))
    month = dt.date(2024, 1, 1)
    settlements.settlements_generate(month=month, today=dt.date(2024, 3, 15))
    settlement = Settlement.objects.get(group=world.group, month=month)
    settlements.settlement_mark_paid(
        settlement=settlement, paid_on=dt.date(2024, 2, 10), reference="TRF-77", by=world.perusda
    )
    event = last_event(model="settlement", action="update")
    response = signed_in.get(URL, {"target": "marketing.settlement"})
    shown = changes_of(response, event)
    assert shown["tanggal bayar"] == (None, "10 Feb 2024")
    assert shown["referensi pembayaran"] == ("–", "TRF-77")
    assert shown["jumlah dibayar ke kelompok (Rp)"] == (None, "Rp 20.000")
    assert shown["dibayar oleh"] == (None, world.perusda.get_full_name())
    assert shown["status"] == ("Belum dibayar", "Dibayar")
    text = page_text(response)
    assert "Rp 20.000" in text and "TRF-77" in text and "10 Feb 2024" in text
    assert not RAW_DATE.search(text.replace(settlement.month.strftime("%Y-%m"), ""))
    assert " due " not in text and " paid " not in text


def test_a_closed_day_shows_its_cash_figures(signed_in, world):
    product = priced_product(world.group, name="Keripik", consignment=10000, retail=15000)
    shelve(world.outlet, product, 5)
    trade.sale_record(
        clerk=world.clerk,
        outlet=world.outlet,
        lines=[(product.pk, 2)],
        idempotency_key=uuid.uuid4(),
    )
    day = trade.business_date()
    trade.day_close(
        user=world.clerk,
        outlet=world.outlet,
        day=day,
        cash_counted=Decimal(29000),
        note="Kembalian kurang",
    )
    event = last_event(model="dailyclosing", action="create")
    response = signed_in.get(URL, {"target": "marketing.dailyclosing"})
    shown = changes_of(response, event)
    assert shown["kas seharusnya (Rp)"] == (None, "Rp 30.000")
    assert shown["kas dihitung (Rp)"] == (None, "Rp 29.000")
    assert shown["selisih (Rp)"] == (None, "-Rp 1.000")
    assert shown["gerai"] == (None, world.outlet.name)
    assert shown["ditutup oleh"] == (None, world.clerk.get_full_name())
    text = page_text(response)
    assert "Rp 30.000" in text and "Rp 29.000" in text and "-Rp 1.000" in text


def test_report_exports_from_before_and_after_the_app_was_renamed_are_one_data_type(
    signed_in, world
):
    kwargs = {"actor": world.official, "action": AuditEvent.Action.OTHER, "model": "report"}
    old = audit_record(app_label="palu_ikm", object_id="siinas", note="ekspor siinas", **kwargs)
    new = audit_record(app_label="program", object_id="sikp", note="ekspor sikp", **kwargs)
    audit_record(
        actor=world.official,
        action=AuditEvent.Action.UPDATE,
        app_label="palu_ikm",
        model="programtarget",
        object_id="1",
        changes={"value": ["4", "6"], "year": [None, 2026]},
    )
    response = signed_in.get(URL)
    choices = dict(response.context["form"].fields["target"].choices)
    assert choices["program.report"] == "Ekspor laporan"
    assert choices["program.programtarget"] == "Target program"
    assert not any(value.startswith("palu_ikm.") for value in choices)
    targets = {row["event"].pk: row["target"] for row in response.context["rows"]}
    assert targets[old.pk] == targets[new.pk] == "Ekspor laporan"
    text = page_text(response)
    assert "palu_ikm" not in text and "program.report" not in text
    assert "target : 4 → 6" in text and "tahun : 2026" in text  # a target is not Rupiah
    filtered = signed_in.get(URL, {"target": "program.report"})
    assert {row["event"].pk for row in filtered.context["rows"]} == {old.pk, new.pk}


def test_names_of_people_and_records_cost_one_query_per_kind_of_record(client, world):
    def fill(count):
        for i in range(count):
            audit_record(
                actor=world.official,
                action=AuditEvent.Action.UPDATE,
                app_label="marketing",
                model="settlement",
                object_id=str(i),
                changes={
                    "paid_by": [None, (world.perusda if i % 2 else world.official).pk],
                    "group": [world.other_group.pk, world.group.pk],
                    "paid_on": [None, "2024-02-10"],
                },
            )

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL, {"target": "marketing.settlement"})
        assert response.status_code == 200
        return len(queries), response

    client.force_login(world.official)
    audit_record(
        actor=world.official,
        action=AuditEvent.Action.UPDATE,
        app_label="marketing",
        model="settlement",
        changes={"paid_on": [None, "2024-02-10"]},
    )
    plain, _response = count_queries()  # no names to look up
    counts = []
    for count in (3, 30):
        fill(count)
        queries, response = count_queries()
        counts.append(queries)
    assert counts == [plain + 2, plain + 2]  # people, groups: one query each
    shown = changes_of(response, response.context["rows"][0]["event"])
    assert shown["kelompok"] == (str(world.other_group), str(world.group))
