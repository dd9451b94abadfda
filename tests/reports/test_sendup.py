"""The SIINas and candidate-borrower exports: their rows equal the records, officials only,
every download in the audit trail, a fixed number of queries."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from audit.models import AuditEvent
from groups.models import Equipment, Position, Sex, Stage
from mentoring.models import BookkeepingReport
from tests import factories
from tests.mentoring.factories_credit import CreditApplicationFactory
from tests.reports.conftest import add_group_records
from tests.spreadsheets import as_shown

pytestmark = pytest.mark.django_db


def csv_rows(response):
    """The rows as a spreadsheet shows them (a CSV code ="0812…" is the text 0812…)."""
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = [[as_shown(cell) for cell in row] for row in csv.reader(io.StringIO(text))]
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_siinas_rows_equal_the_records(client, records):
    w = records
    factories.LegalDocumentFactory(group=w.group, kind="nib", number="9120009876543")
    client.force_login(w.official)
    year = timezone.localdate().year
    rows = {
        r["Kode kelompok"]: r
        for r in csv_rows(client.get(reverse("reports:siinas_export", args=["csv"])))
    }
    assert set(rows) == {w.group.code, w.other_group.code}
    for group in (w.group, w.other_group):
        row = rows[group.code]
        members = group.members.filter(left_on__isnull=True)
        assert row["Tenaga kerja perempuan"] == str(members.filter(sex=Sex.FEMALE).count())
        assert row["Jumlah tenaga kerja"] == str(members.count())
        worth = sum(e.value * e.quantity for e in Equipment.objects.filter(handover__group=group))
        assert row["Nilai investasi peralatan (Rp)"] == str(worth)
        revenue = sum(
            r.revenue for r in BookkeepingReport.objects.filter(group=group, month__year=year)
        )
        assert row["Omzet setahun (Rp)"] == str(revenue)
        assert row["Kabupaten/kota"] == "Kota Palu"
        assert row["KBLI"] == group.theme.kbli
        assert group.products.first().name in row["Produk"]
    assert rows[w.group.code]["NIB"] == "9120009876543"
    assert AuditEvent.objects.filter(model="report", object_id="siinas").count() == 1


def test_candidate_borrowers_carry_the_chairs_nik_and_the_planned_loan(client, records):
    w = records
    chair = factories.MemberFactory(group=w.group, position=Position.CHAIR, nik="7271015005850777")
    w.group.stage = Stage.CREDIT_READY
    w.group.save()
    CreditApplicationFactory(group=w.other_group, amount_requested=30_000_000)  # a draft
    mandiri = factories.IkmGroupFactory(stage=Stage.MANDIRI)
    CreditApplicationFactory(group=mandiri)
    factories.IkmGroupFactory(stage=Stage.FORMED)  # not a candidate
    client.force_login(w.official)
    rows = csv_rows(client.get(reverse("reports:sikp_export", args=["csv"])))
    by_code = {r["Kode kelompok"]: r for r in rows}
    assert set(by_code) == {w.group.code, w.other_group.code}
    assert by_code[w.group.code]["NIK ketua"] == chair.nik
    assert by_code[w.group.code]["Nama ketua"] == chair.name
    assert by_code[w.other_group.code]["Rencana pinjaman (Rp)"] == "30000000"
    assert by_code[w.other_group.code]["Bank penyalur"] == "Bank Uji"
    scores = [int(r["Skor kesiapan (%)"]) for r in rows]
    assert scores == sorted(scores, reverse=True)
    assert AuditEvent.objects.filter(model="report", object_id="sikp").exists()


@pytest.mark.parametrize("role", ["mentor", "perusda", "clerk"])
def test_only_officials_send_up(client, records, role):
    client.force_login(getattr(records, role))
    for name in ("reports:siinas_export", "reports:sikp_export"):
        assert client.get(reverse(name, args=["xlsx"])).status_code == 403
    assert not AuditEvent.objects.filter(model="report").exists()


def test_sendup_queries_do_not_grow(client, records):
    w = records
    w.group.stage = Stage.MENTORED  # one candidate to start with: readiness is evaluated
    w.group.save()
    client.force_login(w.official)

    def count(name):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(name, args=["xlsx"]))
            b"".join(response.streaming_content)
        return len(queries)

    few = [count("reports:siinas_export"), count("reports:sikp_export")]
    for _ in range(6):
        group = factories.IkmGroupFactory(stage=Stage.MENTORED)
        factories.ProductFactory(group=group)
        factories.MemberFactory(group=group, position=Position.CHAIR)
        factories.MentorAssignmentFactory(group=group, mentor=w.mentor)
        add_group_records(w, group, outlet=w.outlet, clerk=w.clerk)
        CreditApplicationFactory(group=group)
    assert [count("reports:siinas_export"), count("reports:sikp_export")] == few


def test_send_up_codes_stay_text_in_the_spreadsheet(client, records):
    w = records
    factories.LegalDocumentFactory(group=w.group, kind="nib", number="0120009876543")
    chair = factories.MemberFactory(group=w.group, position=Position.CHAIR, nik="7271015005850777")
    w.group.stage = Stage.CREDIT_READY
    w.group.phone = "081234567890"
    w.group.save()
    client.force_login(w.official)
    for name, codes in (
        ("reports:siinas_export", {"NIB": "0120009876543", "Telepon": "081234567890"}),
        ("reports:sikp_export", {"NIK ketua": chair.nik, "NIB": "0120009876543"}),
    ):
        response = client.get(reverse(name, args=["xlsx"]))
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        header = [c.value for c in sheet[1]]
        codes_at = header.index("Kode kelompok")
        row = next(r for r in sheet.iter_rows(min_row=2) if r[codes_at].value == w.group.code)
        for column, value in codes.items():
            cell = row[header.index(column)]
            assert (cell.value, cell.data_type, cell.number_format) == (value, "s", "@"), column
        assert row[header.index("KBLI")].number_format == "@"
        amount = "Omzet setahun (Rp)" if name.endswith("siinas_export") else "Skor kesiapan (%)"
        assert row[header.index(amount)].data_type == "n"
    response = client.get(reverse("reports:sikp_export", args=["csv"]))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert f'"=""{chair.nik}"""' in body and '"=""0120009876543"""' in body
