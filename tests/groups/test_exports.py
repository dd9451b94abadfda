"""Exports: exactly the rows the user may see, NIK masked for non-officials, no formulas."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.http import Http404, StreamingHttpResponse
from django.urls import reverse
from openpyxl import load_workbook

from core import exports
from tests import factories
from tests.groups.factories import EquipmentFactory, HandoverFactory
from tests.spreadsheets import as_shown

pytestmark = pytest.mark.django_db


def read(response):
    """The rows as a spreadsheet shows them (a CSV code ="0812…" is the text 0812…)."""
    body = b"".join(response.streaming_content)
    if response["Content-Type"].startswith("text/csv"):
        assert body.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the names right
        rows = csv.reader(io.StringIO(body.decode("utf-8-sig")))
        return [[as_shown(cell) for cell in row] for row in rows]
    sheet = load_workbook(io.BytesIO(body)).active
    return [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]


def column(rows, header):
    index = rows[0].index(header)
    return [row[index] for row in rows[1:]]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
class TestExportsPerRole:
    def test_group_list_official_all_mentor_own(self, client, world, fmt):
        url = reverse("groups:group_export", args=[fmt])
        client.force_login(world.official)
        rows = read(client.get(url))
        assert set(column(rows, "Kode")) == {world.group.code, world.other_group.code}
        assert "Nomor rekening" in rows[0]
        client.force_login(world.mentor)
        rows = read(client.get(url))
        assert column(rows, "Kode") == [world.group.code]
        assert "Nomor rekening" not in rows[0]

    def test_group_export_follows_the_list_filters(self, client, world, fmt):
        client.force_login(world.official)
        rows = read(client.get(reverse("groups:group_export", args=[fmt]), {"q": "Kelompok Dua"}))
        assert column(rows, "Kode") == [world.other_group.code]

    def test_members_masked_for_mentor_full_for_official(self, client, world, fmt):
        own = world.group.members.first()
        peer = world.other_group.members.first()
        url = reverse("groups:member_export", args=[fmt])
        client.force_login(world.official)
        niks = column(read(client.get(url)), "NIK")
        assert set(niks) == {own.nik, peer.nik}
        client.force_login(world.mentor)
        rows = read(client.get(url))
        assert column(rows, "NIK") == [own.nik_masked]
        assert own.nik not in str(rows) and peer.name not in str(rows)
        client.force_login(world.other_mentor)
        rows = read(client.get(url, {"kelompok": world.group.pk}))
        assert rows[1:] == []  # the peer's group: no rows at all

    def test_members_who_left_only_when_asked(self, client, world, fmt):
        gone = factories.MemberFactory(
            group=world.group, name="Sudah Keluar", left_on=dt.date(2022, 1, 1)
        )
        client.force_login(world.official)
        url = reverse("groups:member_export", args=[fmt])
        assert gone.name not in column(read(client.get(url)), "Nama")
        assert gone.name in column(read(client.get(url, {"status": "semua"})), "Nama")

    def test_equipment_register_mentor_sees_own_items(self, client, world, fmt):
        own = EquipmentFactory(
            handover=HandoverFactory(group=world.group), name="Mesin Milik Satu", value=12500000
        )
        EquipmentFactory(handover=HandoverFactory(group=world.other_group), name="Mesin Milik Dua")
        client.force_login(world.mentor)
        rows = read(client.get(reverse("groups:equipment_export", args=[fmt])))
        assert column(rows, "Barang") == [own.name]
        value = column(rows, "Nilai (Rp)")[0]
        assert str(value) == "12500000"

    def test_formulas_are_neutralised(self, client, world, fmt):
        world.group.name = '=HYPERLINK("http://evil","klik")'
        world.group.address = "@SUM(A1:A9)"
        world.group.save()
        member = world.group.members.first()
        member.name = "+62 812 cmd|' /C calc'!A0"
        member.phone = "-1+2"
        member.save()
        client.force_login(world.official)
        groups = read(client.get(reverse("groups:group_export", args=[fmt])))
        names = column(groups, "Nama")
        assert '\'=HYPERLINK("http://evil","klik")' in names
        assert "'@SUM(A1:A9)" in column(groups, "Alamat")
        members = read(client.get(reverse("groups:member_export", args=[fmt])))
        assert "'+62 812 cmd|' /C calc'!A0" in column(members, "Nama")
        assert "'-1+2" in column(members, "Telepon")
        for row in groups + members:
            for cell in row:
                assert not (isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@"))

    def test_clerk_and_perusda_cannot_export(self, client, world, fmt):
        for user in (world.clerk, world.perusda):
            client.force_login(user)
            assert client.get(reverse("groups:member_export", args=[fmt])).status_code == 403


def test_csv_export_streams(client, world):
    client.force_login(world.official)
    response = client.get(reverse("groups:group_export", args=["csv"]))
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Disposition"].startswith('attachment; filename="kelompok-ikm-')


class TestSharedModule:
    @pytest.mark.parametrize("text", ["=1+1", "+1", "-A1", "@x", "\t=1", "\r=1"])
    def test_text_that_starts_a_formula_is_prefixed(self, text):
        assert exports.neutralise(text) == "'" + text

    @pytest.mark.parametrize("value", [-5, Decimal("-1250000"), 3.5, None, "Rp 1.000", "a=b"])
    def test_numbers_and_plain_text_are_left_alone(self, value):
        assert exports.neutralise(value) == value

    def test_csv_rows_write_dates_decimals_and_booleans_plainly(self):
        lines = list(
            exports.csv_rows(
                ["a", "b", "c", "d"], [[dt.date(2024, 5, 1), Decimal("150000"), True, "-x"]]
            )
        )
        assert lines[1].strip() == "2024-05-01,150000,ya,'-x"

    def test_xlsx_keeps_numbers_as_numbers(self):
        buffer = io.BytesIO()
        exports.write_xlsx(buffer, ["n", "t"], [[Decimal("-5"), "=1"]])
        sheet = load_workbook(io.BytesIO(buffer.getvalue())).active
        assert sheet["A2"].value == -5 and sheet["B2"].value == "'=1"
        assert sheet["B2"].data_type == "s"

    def test_unknown_format_is_404(self):
        with pytest.raises(Http404):
            exports.export_response("pdf", "x", ["a"], [])


NIK = "7271031504920125"  # read as a number: 7271031504920130
PHONE = "081234567890"


def sheet_of(response):
    return load_workbook(io.BytesIO(b"".join(response.streaming_content))).active


def cells_of(sheet, header: str) -> list:
    """The cells (not only values) of one column, below the header."""
    index = [c.value for c in sheet[1]].index(header)
    return [row[index] for row in sheet.iter_rows(min_row=2)]


def csv_lines(response) -> list[str]:
    return b"".join(response.streaming_content).decode("utf-8-sig").splitlines()


class TestCodesStayText:
    """NIK, phone, account and serial numbers are text in a spreadsheet; amounts stay numbers."""

    @pytest.fixture
    def coded(self, world):
        world.group.phone = PHONE
        world.group.bank_account_number = "0012345678901"
        world.group.save()
        member = factories.MemberFactory(group=world.group, nik=NIK, phone=PHONE, birth_year=1992)
        item = EquipmentFactory(
            handover=HandoverFactory(group=world.group),
            serial_number="000012345678901234",
            value=12500000,
        )
        return world, member, item

    def test_xlsx_nik_and_phone_are_text_cells_and_the_birth_year_a_number(self, client, coded):
        world, member, _item = coded
        client.force_login(world.official)
        sheet = sheet_of(client.get(reverse("groups:member_export", args=["xlsx"])))
        row = [c.value for c in cells_of(sheet, "Nama")].index(member.name)
        nik, phone = cells_of(sheet, "NIK")[row], cells_of(sheet, "Telepon")[row]
        assert (nik.value, nik.data_type, nik.number_format) == (NIK, "s", "@")
        assert (phone.value, phone.data_type, phone.number_format) == (PHONE, "s", "@")
        born = cells_of(sheet, "Tahun lahir")[row]
        assert (born.value, born.data_type) == (1992, "n")

    def test_csv_writes_nik_and_phone_in_the_form_spreadsheets_keep(self, client, coded):
        world, member, _item = coded
        client.force_login(world.official)
        line = next(
            line
            for line in csv_lines(client.get(reverse("groups:member_export", args=["csv"])))
            if member.name in line
        )
        assert '"=""7271031504920125"""' in line and '"=""081234567890"""' in line
        cells = next(csv.reader([line]))
        assert '="7271031504920125"' in cells and "1992" in cells
        client.force_login(world.mentor)  # the masked NIK has no digits to lose: written as is
        body = "\n".join(csv_lines(client.get(reverse("groups:member_export", args=["csv"]))))
        assert member.nik_masked in body and f'""{member.nik_masked}""' not in body

    def test_xlsx_money_stays_a_number_and_the_serial_number_text(self, client, coded):
        world, _member, item = coded
        client.force_login(world.official)
        sheet = sheet_of(client.get(reverse("groups:equipment_export", args=["xlsx"])))
        row = [c.value for c in cells_of(sheet, "Barang")].index(item.name)
        value = cells_of(sheet, "Nilai (Rp)")[row]
        assert (value.value, value.data_type, value.number_format) == (12500000, "n", "General")
        serial = cells_of(sheet, "Nomor seri")[row]
        assert (serial.value, serial.data_type, serial.number_format) == (
            "000012345678901234",
            "s",
            "@",
        )
        groups = sheet_of(client.get(reverse("groups:group_export", args=["xlsx"])))
        row = [c.value for c in cells_of(groups, "Kode")].index(world.group.code)
        for header, expected in (("Telepon", PHONE), ("Nomor rekening", "0012345678901")):
            cell = cells_of(groups, header)[row]
            assert (cell.value, cell.data_type, cell.number_format) == (expected, "s", "@")
        count = cells_of(groups, "Anggota aktif")[row]
        assert count.data_type == "n"

    def test_csv_money_is_plain_and_codes_are_text(self, client, coded):
        world, _member, item = coded
        client.force_login(world.official)
        rows = list(
            csv.reader(csv_lines(client.get(reverse("groups:equipment_export", args=["csv"]))))
        )
        row = next(r for r in rows if item.name in r)
        assert row[rows[0].index("Nilai (Rp)")] == "12500000"
        assert row[rows[0].index("Nomor seri")] == '="000012345678901234"'


class TestTextColumns:
    """``TextColumn`` in the shared module: digits kept as text, the formula rule unchanged."""

    ROWS = [
        ["0812", 5],
        [12345, Decimal("1250000")],
        ["=1+1", 6],
        ["+62 812 345", 7],
        ['12"3', 8],
        [None, 9],
    ]

    def test_csv_code_column(self):
        lines = list(exports.csv_rows([exports.TextColumn("kode"), "n"], self.ROWS))
        cells = [next(csv.reader([line])) for line in lines]
        assert cells[0] == ["\ufeffkode", "n"]
        assert [row[0] for row in cells[1:]] == [
            '="0812"',
            '="12345"',
            "'=1+1",  # user data that looks like a formula: inert, as in every other column
            "'+62 812 345",
            '12"3',  # not made of digits: written as it is (CSV quotes it), never as ="…"
            "",
        ]
        assert [row[1] for row in cells[1:]] == ["5", "1250000", "6", "7", "8", "9"]

    def test_xlsx_code_column(self):
        buffer = io.BytesIO()
        exports.write_xlsx(buffer, [exports.TextColumn("kode"), "n"], self.ROWS)
        sheet = load_workbook(io.BytesIO(buffer.getvalue())).active
        codes = [sheet.cell(row=r, column=1) for r in range(2, 8)]
        assert [c.value for c in codes] == ["0812", "12345", "'=1+1", "'+62 812 345", '12"3', None]
        assert {c.number_format for c in codes} == {"@"}
        assert {c.data_type for c in codes[:5]} == {"s"}
        amount = sheet.cell(row=3, column=2)
        assert (amount.value, amount.data_type) == (1250000, "n")

    def test_the_header_is_the_label(self):
        assert str(exports.TextColumn("NIK")) == "NIK"
        line = next(iter(exports.csv_rows([exports.TextColumn("NIK"), "Nama"], [])))
        assert line.strip() == "\ufeffNIK,Nama"
