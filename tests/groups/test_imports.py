"""Import of groups and members: validated as a whole, all or nothing, no duplicates."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from groups.imports import GroupImporter, ImportFileError, MemberImporter
from groups.models import IkmGroup, Kelurahan, Member, StageChange, Theme
from tests import factories

pytestmark = pytest.mark.django_db

GROUP_HEADER = [
    "Kode",
    "Nama",
    "Tema",
    "Kelurahan",
    "Alamat",
    "Tanggal terbentuk",
    "Telepon",
    "Email",
]
MEMBER_HEADER = [
    "Kode kelompok",
    "Nama",
    "NIK",
    "Jenis kelamin",
    "Tahun lahir",
    "Jabatan",
    "Telepon",
    "Tanggal bergabung",
]


def csv_file(header, rows, name="data.csv", delimiter=","):
    lines = [delimiter.join(header)] + [delimiter.join(str(c) for c in row) for row in rows]
    return SimpleUploadedFile(
        name, ("\n".join(lines) + "\n").encode("utf-8"), content_type="text/csv"
    )


def xlsx_file(header, rows, name="data.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def group_rows(n, start=1):
    theme = Theme.objects.get(code="KRIPIK")
    return [
        [
            f"IMP-{i:02d}",
            f"Kelompok Impor {i}",
            theme.code if i % 2 else theme.name,
            "Talise",
            f"Jl. Impor {i}",
            "17-05-2020",
            "0812 1111 2222",
            "",
        ]
        for i in range(start, start + n)
    ]


class TestGroupImport:
    @pytest.mark.parametrize("make", [csv_file, xlsx_file], ids=["csv", "xlsx"])
    def test_all_valid_rows_are_saved_with_their_formed_stage(self, official, make):
        result = GroupImporter(official).run(make(GROUP_HEADER, group_rows(12)))
        assert result.ok, result.errors
        assert (result.created, result.updated) == (12, 0)
        group = IkmGroup.objects.get(code="IMP-03")
        assert (group.theme.code, group.kelurahan.name, str(group.formed_on)) == (
            "KRIPIK",
            "Talise",
            "2020-05-17",
        )
        assert StageChange.objects.filter(group__code__startswith="IMP-").count() == 12

    @pytest.mark.parametrize("make", [csv_file, xlsx_file], ids=["csv", "xlsx"])
    def test_one_bad_row_among_many_saves_nothing_and_names_row_and_column(self, official, make):
        rows = group_rows(30)
        rows[16][2] = "TEMA-TIDAK-ADA"
        result = GroupImporter(official).run(make(GROUP_HEADER, rows))
        assert not result.ok
        assert [(e.row, e.column) for e in result.errors] == [(18, "Tema")]
        assert "TEMA-TIDAK-ADA" in result.errors[0].message
        assert not IkmGroup.objects.filter(code__startswith="IMP-").exists()

    def test_several_problems_are_all_reported(self, official):
        rows = group_rows(4)
        rows[0][5] = "31-02-2020"  # no such date
        rows[1][3] = "Kelurahan Antah"
        rows[2][0] = rows[3][0]  # same code twice
        rows[3][6] = "telepon?"
        result = GroupImporter(official).run(csv_file(GROUP_HEADER, rows))
        found = {(e.row, e.column) for e in result.errors}
        assert {(2, "Tanggal terbentuk"), (3, "Kelurahan"), (5, "Kode"), (5, "Telepon")} <= found
        assert not IkmGroup.objects.filter(code__startswith="IMP-").exists()

    def test_reimport_creates_no_duplicates_and_updates_changes(self, official):
        GroupImporter(official).run(csv_file(GROUP_HEADER, group_rows(5)))
        again = GroupImporter(official).run(csv_file(GROUP_HEADER, group_rows(5)))
        assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
        rows = group_rows(5)
        rows[0][1] = "Nama Diperbaiki"
        changed = GroupImporter(official).run(xlsx_file(GROUP_HEADER, rows))
        assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 4)
        assert IkmGroup.objects.filter(code__startswith="IMP-").count() == 5
        assert IkmGroup.objects.get(code="IMP-01").name == "Nama Diperbaiki"
        assert StageChange.objects.filter(group__code__startswith="IMP-").count() == 5

    def test_semicolon_csv_from_indonesian_excel(self, official):
        result = GroupImporter(official).run(csv_file(GROUP_HEADER, group_rows(2), delimiter=";"))
        assert result.ok and result.created == 2

    @pytest.mark.parametrize(
        ("upload", "words"),
        [
            (SimpleUploadedFile("data.pdf", b"%PDF-1.4"), "tidak didukung"),
            (SimpleUploadedFile("data.xls", b"\xd0\xcf\x11\xe0"), ".xls"),
            (SimpleUploadedFile("data.xlsx", b"Kode,Nama\n1,2\n"), "bukan berkas Excel"),
            (SimpleUploadedFile("data.csv", b"PK\x03\x04rest"), "berkas Excel"),
            (SimpleUploadedFile("data.csv", b""), "kosong"),
            (SimpleUploadedFile("data.csv", b"\n\n  \n"), "kosong"),
            (
                SimpleUploadedFile("data.csv", b"Kode,Nama,Tema,Kelurahan,Tanggal terbentuk\n"),
                "tidak ada baris data",
            ),
            (SimpleUploadedFile("data.csv", b"Nama,Tema\nA,B\n"), "Kolom wajib tidak ada"),
            (
                SimpleUploadedFile(
                    "data.csv", b"Kode,Nama,Tema,Kelurahan,Tanggal terbentuk,Warna\nA,B,C,D,E,F\n"
                ),
                "Kolom tidak dikenal: warna",
            ),
            (SimpleUploadedFile("data.xlsx", b"PK\x03\x04 not really a zip"), "tidak dapat dibaca"),
        ],
        ids=[
            "pdf",
            "xls",
            "xlsx-not-zip",
            "csv-is-zip",
            "empty",
            "blank",
            "header-only",
            "missing-column",
            "unknown-column",
            "broken-xlsx",
        ],
    )
    def test_bad_files_get_a_clear_message(self, official, upload, words):
        with pytest.raises(ImportFileError) as excinfo:
            GroupImporter(official).run(upload)
        assert words in excinfo.value.message


def member_rows(group, n, start=1, position="Anggota"):
    return [
        [
            group.code,
            f"Anggota {i}",
            factories._nik(5000 + i, "F"),
            "P",
            "",
            position,
            "",
            "2021-02-03",
        ]
        for i in range(start, start + n)
    ]


class TestMemberImport:
    @pytest.mark.parametrize("make", [csv_file, xlsx_file], ids=["csv", "xlsx"])
    def test_all_valid_and_reimport(self, official, make):
        group = factories.IkmGroupFactory()
        rows = member_rows(group, 8)
        rows[0][5] = "Ketua"
        result = MemberImporter(official).run(make(MEMBER_HEADER, rows))
        assert result.ok, result.errors
        assert result.created == 8
        assert group.members.get(position="chair").name == "Anggota 1"
        assert group.members.first().birth_year == 1985  # taken from the NIK
        again = MemberImporter(official).run(make(MEMBER_HEADER, rows))
        assert (again.created, again.updated, again.unchanged) == (0, 0, 8)
        assert Member.objects.filter(group=group).count() == 8

    def test_one_bad_nik_among_many_saves_nothing(self, official):
        group = factories.IkmGroupFactory()
        rows = member_rows(group, 20)
        rows[13][2] = "72710150058"  # too short
        result = MemberImporter(official).run(csv_file(MEMBER_HEADER, rows))
        assert [(e.row, e.column) for e in result.errors] == [(15, "NIK")]
        assert "16 angka" in result.errors[0].message
        assert not Member.objects.filter(group=group).exists()

    def test_nik_typed_as_a_number_in_excel_survives(self, official):
        group = factories.IkmGroupFactory()
        rows = member_rows(group, 1)
        rows[0][2] = int(rows[0][2])
        result = MemberImporter(official).run(xlsx_file(MEMBER_HEADER, rows))
        assert result.ok, result.errors

    def test_codes_written_as_spreadsheet_text_in_a_csv_are_read_as_their_digits(self, official):
        """The exports write a NIK or a phone number in CSV as ="…" (core.exports)."""
        group = factories.IkmGroupFactory()
        rows = member_rows(group, 1)
        nik = rows[0][2]
        rows[0][2], rows[0][6] = f'"=""{nik}"""', '"=""081234567890"""'
        result = MemberImporter(official).run(csv_file(MEMBER_HEADER, rows))
        assert result.ok, result.errors
        member = group.members.get()
        assert (member.nik, member.phone) == (nik, "081234567890")

    def test_nik_active_in_another_group_unknown_group_and_duplicates_in_file(self, official):
        group = factories.IkmGroupFactory()
        elsewhere = factories.MemberFactory()
        rows = member_rows(group, 3)
        rows[0][2] = elsewhere.nik
        rows[0][3] = "L"
        rows[1][0] = "TIDAK-ADA"
        rows[2][2] = rows[0][2]
        rows[2][3] = "L"
        result = MemberImporter(official).run(csv_file(MEMBER_HEADER, rows))
        found = {(e.row, e.column) for e in result.errors}
        assert {(2, "NIK"), (3, "Kode kelompok"), (4, "NIK")} <= found
        assert elsewhere.group.code in next(e.message for e in result.errors if e.row == 2)

    def test_chair_handed_over_within_the_file(self, official):
        group = factories.IkmGroupFactory()
        rows = member_rows(group, 2)
        rows[0][5] = "Ketua"
        assert MemberImporter(official).run(csv_file(MEMBER_HEADER, rows)).ok
        rows[0][5], rows[1][5] = "Anggota", "ketua"
        result = MemberImporter(official).run(csv_file(MEMBER_HEADER, rows))
        assert result.ok, result.errors
        assert group.members.get(position="chair").name == "Anggota 2"

    def test_two_chairs_are_refused(self, official):
        group = factories.IkmGroupFactory()
        rows = member_rows(group, 2, position="Ketua")
        result = MemberImporter(official).run(csv_file(MEMBER_HEADER, rows))
        assert [(e.row, e.column) for e in result.errors] == [(3, "Jabatan")]

    def test_wrong_sex_word_and_sex_against_nik(self, official):
        group = factories.IkmGroupFactory()
        rows = member_rows(group, 2)
        rows[0][3] = "X"
        rows[1][3] = "L"  # the NIK says female
        result = MemberImporter(official).run(csv_file(MEMBER_HEADER, rows))
        assert {(e.row, e.column) for e in result.errors} == {
            (2, "Jenis kelamin"),
            (3, "Jenis kelamin"),
        }


class TestImportPages:
    def test_report_on_the_page_and_nothing_saved(self, client, official):
        rows = group_rows(3)
        rows[1][5] = "kemarin"
        client.force_login(official)
        response = client.post(
            reverse("groups:group_import"), {"file": csv_file(GROUP_HEADER, rows)}
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert "tidak ada data yang disimpan" in html and "Tanggal terbentuk" in html
        assert response.context["result"].errors[0].row == 3
        assert not IkmGroup.objects.filter(code__startswith="IMP-").exists()

    def test_wrong_file_type_is_a_field_error(self, client, official):
        client.force_login(official)
        response = client.post(
            reverse("groups:member_import"), {"file": SimpleUploadedFile("a.docx", b"PK\x03\x04")}
        )
        assert "tidak didukung" in " ".join(response.context["form"].errors["file"])

    def test_valid_file_redirects_with_a_summary(self, client, official):
        client.force_login(official)
        response = client.post(
            reverse("groups:group_import"),
            {"file": xlsx_file(GROUP_HEADER, group_rows(3))},
            follow=True,
        )
        assert "3 baru" in response.content.decode()

    @pytest.mark.parametrize("kind", ["kelompok", "anggota"])
    def test_templates_have_the_import_columns_and_import_cleanly_when_filled(
        self, client, official, kind
    ):
        client.force_login(official)
        response = client.get(reverse("groups:import_template", args=[kind, "xlsx"]))
        workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
        importer = GroupImporter if kind == "kelompok" else MemberImporter
        header = [c.value for c in workbook["Data"][1]]
        assert header == [c.label for c in importer.columns]
        key_column = "A" if kind == "kelompok" else "C"  # group code / NIK kept as text
        assert workbook["Data"][f"{key_column}2"].number_format == "@"
        group = factories.IkmGroupFactory(code="IKM-01")
        row = group_rows(1)[0] if kind == "kelompok" else member_rows(group, 1)[0]
        for index, value in enumerate(row, start=1):
            workbook["Data"].cell(row=2, column=index, value=value)
        buffer = io.BytesIO()
        workbook.save(buffer)
        filled = SimpleUploadedFile("templat.xlsx", buffer.getvalue())
        result = importer(official).run(filled)
        assert result.ok and result.created == 1, result.errors
        csv_response = client.get(reverse("groups:import_template", args=[kind, "csv"]))
        text = b"".join(csv_response.streaming_content).decode("utf-8-sig")
        assert text.strip() == ",".join(header)

    def test_mentor_cannot_import(self, client, world):
        client.force_login(world.mentor)
        response = client.post(
            reverse("groups:group_import"), {"file": csv_file(GROUP_HEADER, group_rows(1))}
        )
        assert response.status_code == 403
        assert not IkmGroup.objects.filter(code="IMP-01").exists()


def test_kelurahan_by_code_also_works(official):
    kel = Kelurahan.objects.get(name="Talise")
    rows = group_rows(1)
    rows[0][3] = kel.code
    assert GroupImporter(official).run(csv_file(GROUP_HEADER, rows)).ok
