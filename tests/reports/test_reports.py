"""Report figures equal sums computed here from the records, per role; exports hold the same
rows as the page; every report runs the same number of queries with few and with many rows."""

import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from groups.models import Equipment, IkmGroup, Member, Sex
from marketing.models import SaleLine
from mentoring.models import BookkeepingReport, MentoringSession
from tests import factories
from tests.mentoring.factories_credit import CreditApplicationFactory
from tests.reports.conftest import add_group_records

pytestmark = pytest.mark.django_db


def open_report(client, user, slug, **params):
    client.force_login(user)
    response = client.get(reverse("reports:report", args=[slug]), params)
    assert response.status_code == 200
    return response.context


def as_dicts(context):
    labels = [str(c.label) for c in context["table"].columns]
    return [dict(zip(labels, [c["value"] for c in row], strict=True)) for row in context["rows"]]


def totals(context):
    labels = [str(c.label) for c in context["table"].columns]
    return dict(zip(labels, [c["value"] for c in context["totals"]], strict=True))


def download(client, slug, fmt="xlsx", **params):
    response = client.get(reverse("reports:report_export", args=[slug, fmt]), params)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def expected_group_figures(groups):
    groups = list(groups)
    members = Member.objects.filter(group__in=groups, left_on__isnull=True)
    lines = SaleLine.objects.filter(group__in=groups, sale__status="completed")
    items = Equipment.objects.filter(handover__group__in=groups, is_active=True)
    return {
        "Kelompok aktif": len(groups),
        "Anggota perempuan": sum(1 for m in members if m.sex == Sex.FEMALE),
        "Anggota laki-laki": sum(1 for m in members if m.sex == Sex.MALE),
        "Nilai peralatan (Rp)": sum(e.value * e.quantity for e in items),
        "Penjualan gerai (Rp)": sum(line.line_total for line in lines),
        "Terjual (unit)": sum(line.quantity for line in lines),
    }


def test_theme_report_equals_the_records(client, records):
    context = open_report(client, records.official, "tema")
    rows = as_dicts(context)
    for row in rows:
        expected = expected_group_figures(IkmGroup.objects.filter(theme__name=row["Tema"]))
        assert {k: row[k] for k in expected} == expected
    for row in rows:
        assert 0 <= row["Rata-rata kesiapan kredit (%)"] <= 100
    everything = expected_group_figures(IkmGroup.objects.all())
    assert {k: totals(context)[k] for k in everything} == everything
    assert everything["Penjualan gerai (Rp)"] == Decimal(3 * 10000 + 6 * 10000)


def test_mentor_report_counts_only_their_groups(client, records):
    context = open_report(client, records.mentor, "kelurahan")
    expected = expected_group_figures([records.group])
    assert {k: totals(context)[k] for k in expected} == expected
    assert [row["Kelurahan"] for row in as_dicts(context)] == [records.group.kelurahan.name]


def test_filters_narrow_the_rows(client, records):
    other = records.other_group.kelurahan.kecamatan
    context = open_report(client, records.official, "tema", kecamatan=other.pk)
    groups = IkmGroup.objects.filter(kelurahan__kecamatan=other)
    assert totals(context)["Kelompok aktif"] == groups.count()
    last_year = f"{records.group.formed_on.year + 1}-01"
    context = open_report(client, records.official, "tema", start=last_year, end=last_year)
    assert totals(context)["Penjualan gerai (Rp)"] == 0


def test_bad_filters_are_a_message_not_a_crash(client, records):
    context = open_report(
        client, records.official, "gerai", start="abc", end="2999-01", regency="x"
    )
    assert context["form"].errors


def test_bank_report_counts_sessions_reports_and_groups(client, records):
    second = factories.BankFactory(code="BANK-DUA", name="Bank Dua")
    moved = factories.IkmGroupFactory()
    factories.ProductFactory(group=moved)
    factories.MentorAssignmentFactory(mentor=records.other_mentor, group=moved, bank=second)
    add_group_records(records, moved, outlet=records.other_outlet, clerk=records.other_clerk)
    today = timezone.localdate()
    CreditApplicationFactory(
        group=moved,
        bank=second,
        approved=True,
        submitted_on=today,
        decided_on=today,
        amount_requested=30_000_000,
        amount_approved=25_000_000,
    )
    CreditApplicationFactory(group=records.group, submitted=True, submitted_on=today)
    CreditApplicationFactory(group=records.group)  # a draft: not submitted, not counted
    context = open_report(client, records.official, "bank")
    rows = {row["Bank"]: row for row in as_dicts(context)}
    assert rows["Bank Dua"]["Kelompok didampingi"] == 1
    assert rows["Bank Dua"]["Sesi pendampingan"] == 1
    assert rows["Bank Uji"]["Kelompok didampingi"] == 2
    assert rows["Bank Uji"]["Pendamping"] == 2
    assert rows["Bank Uji"]["Sesi pendampingan"] == 2
    assert rows["Bank Dua"]["Pengajuan kredit"] == 1
    assert rows["Bank Dua"]["Nilai disetujui (Rp)"] == 25_000_000
    assert rows["Bank Uji"]["Pengajuan kredit"] == 1
    assert rows["Bank Uji"]["Nilai diajukan (Rp)"] == 25_000_000
    assert rows["Bank Uji"]["Pengajuan disetujui"] == 0
    assert sum(r["Sesi pendampingan"] for r in rows.values()) == (
        MentoringSession.objects.exclude(status="draft").count()
    )
    assert sum(r["Laporan pembukuan terverifikasi"] for r in rows.values()) == (
        BookkeepingReport.objects.verified().count()
    )
    mine = as_dicts(open_report(client, records.mentor, "bank"))
    assert [(r["Bank"], r["Kelompok didampingi"], r["Sesi pendampingan"]) for r in mine] == [
        ("Bank Uji", 1, 1)
    ]


def test_outlet_and_regency_reports_equal_the_records(client, records):
    for user in (records.official, records.perusda):
        context = open_report(client, user, "gerai")
        rows = {row["Kode gerai"]: row for row in as_dicts(context)}
        for outlet in (records.outlet, records.other_outlet):
            lines = SaleLine.objects.filter(sale__outlet=outlet, sale__status="completed")
            assert rows[outlet.code]["Penjualan (Rp)"] == sum(x.line_total for x in lines)
            assert rows[outlet.code]["Terjual (unit)"] == sum(x.quantity for x in lines)
            assert rows[outlet.code]["Stok di gerai (unit)"] == 5
        assert rows[records.other_outlet.code]["Nilai terlambat (Rp)"] == Decimal(90000)
        assert rows[records.outlet.code]["Pembayaran terlambat"] == 0
        assert totals(context)["Pembayaran terlambat"] == 1
    context = open_report(client, records.official, "kabupaten")
    assert totals(context)["Penjualan (Rp)"] == sum(
        x.line_total for x in SaleLine.objects.filter(sale__status="completed")
    )


def test_training_attendance_and_pass_rates(client, records):
    context = open_report(client, records.official, "pelatihan")
    (row,) = as_dicts(context)
    present = records.group.members.count()
    absent = records.other_group.members.count()
    assert row["Peserta"] == present + absent
    assert row["Hadir"] == present
    assert row["Tingkat kehadiran (%)"] == round(100 * present / (present + absent))
    assert row["Tingkat kelulusan (%)"] == 100
    (mine,) = as_dicts(open_report(client, records.mentor, "pelatihan"))
    assert (mine["Peserta"], mine["Tingkat kehadiran (%)"]) == (present, 100)


def test_equipment_register_rows_per_role(client, records):
    context = open_report(client, records.official, "peralatan")
    assert len(context["rows"]) == Equipment.objects.count() == 2
    context = open_report(client, records.mentor, "peralatan", condition="minor")
    (row,) = as_dicts(context)
    assert row["Kode kelompok"] == records.group.code
    assert row["Dipakai"] is False
    assert row["Nilai (Rp)"] == Decimal(2_000_000)
    assert not as_dicts(open_report(client, records.mentor, "peralatan", condition="good"))


@pytest.mark.parametrize("slug", ["tema", "bank", "pelatihan", "peralatan"])
def test_export_holds_the_rows_of_the_page_for_each_role(client, records, slug):
    for user in (records.official, records.mentor, records.other_mentor):
        context = open_report(client, user, slug)
        sheet = download(client, slug)
        assert sheet[0] == [str(c.label) for c in context["table"].columns]
        assert len(sheet) == 1 + len(context["rows"]) + 1  # header, rows, totals
        for got, row in zip(sheet[1:], context["rows"], strict=False):
            assert got[0] == row[0]["value"]


def test_outlet_export_for_perusda(client, records):
    open_report(client, records.perusda, "gerai")
    sheet = download(client, "gerai", fmt="xlsx")
    codes = {row[0] for row in sheet[1:-1]}
    assert codes == {records.outlet.code, records.other_outlet.code}


def test_clerk_and_mentor_are_refused_the_other_reports(client, records):
    client.force_login(records.clerk)
    assert client.get(reverse("reports:report", args=["tema"])).status_code == 403
    client.force_login(records.mentor)
    assert client.get(reverse("reports:report", args=["gerai"])).status_code == 403


def count_queries(client, user, slug):
    client.force_login(user)
    client.get(reverse("reports:report", args=[slug]))  # warm the session and caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("reports:report", args=[slug])).status_code == 200
    return len(queries)


SLUGS = ["tema", "kelurahan", "bank", "gerai", "kabupaten", "pelatihan", "peralatan"]


def test_query_counts_do_not_grow_with_the_rows(client, records):
    few = {slug: count_queries(client, records.superuser, slug) for slug in SLUGS}
    for n in range(8):
        group = factories.IkmGroupFactory()
        factories.ProductFactory(group=group)
        factories.MemberFactory(group=group)
        factories.MentorAssignmentFactory(
            group=group, bank=factories.BankFactory(code=f"B{n}", name=f"Bank {n}")
        )
        outlet = factories.OutletFactory()
        add_group_records(records, group, outlet=outlet, clerk=records.clerk)
    many = {slug: count_queries(client, records.superuser, slug) for slug in SLUGS}
    assert many == few


def test_equipment_register_download_keeps_codes_as_text_and_amounts_as_numbers(client, records):
    Equipment.objects.filter(handover__group=records.group).update(name="Mesin kode")
    records.group.handovers.update(number="0270012021")
    client.force_login(records.official)
    response = client.get(reverse("reports:report_export", args=["peralatan", "xlsx"]))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header = [c.value for c in sheet[1]]
    items = header.index("Barang")
    row = next(r for r in sheet.iter_rows(min_row=2) if r[items].value == "Mesin kode")
    number = row[header.index("Nomor BAST")]
    assert (number.value, number.data_type, number.number_format) == ("0270012021", "s", "@")
    assert row[header.index("Kode kelompok")].number_format == "@"
    worth = row[header.index("Nilai (Rp)")]
    assert (worth.value, worth.data_type) == (2_000_000, "n")
    assert row[header.index("Tahun anggaran")].data_type == "n"
    response = client.get(reverse("reports:report_export", args=["peralatan", "csv"]))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert '"=""0270012021"""' in body
