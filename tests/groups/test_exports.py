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

pytestmark = pytest.mark.django_db


def read(response):
    body = b"".join(response.streaming_content)
    if response["Content-Type"].startswith("text/csv"):
        assert body.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the names right
        return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
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
