"""Import of groups and members from the spreadsheets the office keeps (CSV or XLSX).

The whole file is read and every row validated first, with the same forms (and so the same
messages) as the pages. If any row is wrong nothing is saved and the user gets a report naming
the row, the column and the problem. A valid file is saved in one transaction. Rows are matched
on natural keys (group code, member NIK), so importing the same file again creates nothing new.
"""

import csv
import datetime as dt
import io
import os
import re
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from core import exports
from groups import services
from groups.forms.groups import GroupForm
from groups.forms.members import MemberForm
from groups.models import IkmGroup, Kelurahan, Member, Position, Sex, Theme
from groups.validators import normalise_nik

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000


class ImportFileError(Exception):
    """The file as a whole cannot be read (type, encoding, empty, columns)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class RowError:
    row: int  # as the spreadsheet numbers it: the header is row 1
    column: str
    message: str


@dataclass
class ImportResult:
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class Column:
    """One column of an import file. Headers are a file format, not UI text: they stay
    Indonesian (and untranslated) so that a file exported or filled in once always imports.
    They are marked with ``gettext_noop`` only so that the import page can add their meaning
    in the reader's language next to the header itself."""

    key: str  # normalised header
    label: str  # header in the template file
    field: str  # form field it feeds
    required: bool = False
    help: str = ""


def normalise_header(text) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(text or "").strip().lower()).strip("_")


# --- reading the file ---------------------------------------------------------------------------


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_xlsx(data: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(
            _("Berkas Excel ini tidak dapat dibaca. Simpan ulang sebagai .xlsx lalu unggah lagi.")
        ) from exc
    sheet = workbook.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return rows


def _decode_csv(data: bytes) -> str:
    """The text of a CSV file: UTF-16 when it says so (Excel's 'Unicode text'), else UTF-8,
    else Windows-1252 (older Excel on Windows)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif b"\x00" not in data[:4096]:
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    raise ImportFileError(
        _(
            "Isi berkas bukan teks CSV yang dapat dibaca. Simpan ulang sebagai "
            "'CSV UTF-8' (atau .xlsx) lalu unggah lagi."
        )
    )


# ="0812345678" is how a CSV tells a spreadsheet to keep digits as text (the exports write
# codes that way, core.exports): what the cell holds is the digits between the quotes.
SPREADSHEET_TEXT = re.compile(r'="([0-9][0-9 .,/-]*)"')


def _csv_cell(text: str) -> str:
    match = SPREADSHEET_TEXT.fullmatch(text)
    return match.group(1) if match else text


def _read_csv(data: bytes) -> list[list]:
    text = _decode_csv(data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    try:
        # newline=None: lines may end in \r\n, \n or a lone \r (old Mac exports).
        reader = csv.reader(io.StringIO(text, newline=None), delimiter=delimiter)
        return [[_csv_cell(cell) for cell in row] for row in reader]
    except csv.Error as exc:  # an unclosed quote, a cell beyond the csv module's size limit
        raise ImportFileError(
            _(
                "Isi CSV rusak (mis. tanda kutip tidak ditutup atau isi sel terlalu panjang). "
                "Simpan ulang dari Excel lalu unggah lagi."
            )
        ) from exc


def read_table(upload) -> tuple[list[str], list[tuple[int, dict]]]:
    """Headers (normalised) and rows ``(row number, {header: text})`` of a CSV or XLSX upload."""
    name = getattr(upload, "name", "") or ""
    ext = os.path.splitext(name)[1].lower()
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_IMPORT_BYTES:
        raise ImportFileError(
            _("Berkas terlalu besar; paling besar %(max)d MB.")
            % {"max": MAX_IMPORT_BYTES // (1024 * 1024)}
        )
    if ext == ".xls":
        raise ImportFileError(
            _("Format .xls (Excel lama) tidak didukung. Simpan ulang sebagai .xlsx atau .csv.")
        )
    if ext not in (".csv", ".xlsx"):
        raise ImportFileError(
            _("Jenis berkas %(ext)s tidak didukung. Unggah berkas .csv atau .xlsx.")
            % {"ext": ext or _("(tanpa akhiran)")}
        )
    data = upload.read()
    if not data.strip():
        raise ImportFileError(_("Berkas kosong. Isi data mulai baris kedua, di bawah judul kolom."))
    is_zip = data[:4] == b"PK\x03\x04"
    if ext == ".xlsx" and not is_zip:
        raise ImportFileError(
            _("Berkas bernama .xlsx tetapi isinya bukan berkas Excel. Unggah berkas .xlsx asli.")
        )
    if ext == ".csv" and is_zip:
        raise ImportFileError(
            _("Berkas bernama .csv tetapi isinya berkas Excel. Ganti akhiran menjadi .xlsx.")
        )
    table = _read_xlsx(data) if ext == ".xlsx" else _read_csv(data)
    # Drop leading empty rows; the first row with content is the header.
    while table and not any(_cell_text(c) for c in table[0]):
        table.pop(0)
    if not table:
        raise ImportFileError(_("Berkas kosong. Isi data mulai baris kedua, di bawah judul kolom."))
    headers = [normalise_header(h) for h in table[0]]
    rows = []
    for number, raw in enumerate(table[1:], start=2):
        values = [_cell_text(c) for c in raw]
        if not any(values):
            continue
        rows.append((number, {h: v for h, v in zip(headers, values, strict=False) if h}))
    if not rows:
        raise ImportFileError(_("Berkas hanya berisi judul kolom; tidak ada baris data."))
    if len(rows) > MAX_ROWS:
        raise ImportFileError(
            _("Berkas berisi %(n)d baris; paling banyak %(max)d baris sekali impor.")
            % {"n": len(rows), "max": MAX_ROWS}
        )
    return headers, rows


# --- shared row handling ------------------------------------------------------------------------


DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y")


def parse_date(text: str) -> str:
    """A date as the form wants it (ISO), from the ways spreadsheets write dates."""
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text.split(" ")[0], fmt).date().isoformat()  # noqa: DTZ007
        except ValueError:
            continue
    raise ValidationError(_("Tanggal tidak dikenali; tulis sebagai TTTT-BB-HH atau HH-BB-TTTT."))


class Importer:
    """Validate every row with the page's form, then save them all or nothing."""

    columns: tuple[Column, ...] = ()
    title = ""
    stem = ""

    def __init__(self, user):
        self.user = user

    @property
    def labels(self) -> dict[str, str]:
        return {c.field: c.label for c in self.columns}

    def check_headers(self, headers: list[str]) -> None:
        known = {c.key for c in self.columns}
        missing = [c.label for c in self.columns if c.required and c.key not in headers]
        if missing:
            raise ImportFileError(
                _("Kolom wajib tidak ada: %(cols)s. Pakai berkas templat sebagai contoh.")
                % {"cols": ", ".join(missing)}
            )
        unknown = [h for h in headers if h and h not in known]
        if unknown:
            raise ImportFileError(
                _("Kolom tidak dikenal: %(cols)s. Pakai judul kolom dari berkas templat.")
                % {"cols": ", ".join(unknown)}
            )

    def run(self, upload, *, commit: bool = True) -> ImportResult:
        headers, rows = read_table(upload)
        self.check_headers(headers)
        result = ImportResult(rows=len(rows))
        prepared = self.validate(rows, result)
        if result.errors or not commit:
            return result
        try:
            with transaction.atomic():
                self.save(prepared, result)
        except ValidationError as exc:  # a rule only the save could see (e.g. a concurrent edit)
            result.errors.append(RowError(0, "", " ".join(exc.messages)))
            result.created = result.updated = result.unchanged = 0
        return result

    def form_errors(self, number: int, form, result: ImportResult) -> None:
        for name, errors in form.errors.items():
            column = self.labels.get(name, "") if name != "__all__" else ""
            for message in errors:
                result.errors.append(RowError(number, column, message))

    def validate(self, rows, result):
        raise NotImplementedError

    def save(self, prepared, result):
        raise NotImplementedError

    @classmethod
    def template_rows(cls) -> list[list]:
        return []

    @classmethod
    def help_rows(cls) -> list[list]:
        return [
            [c.label, _("wajib") if c.required else _("boleh kosong"), c.help] for c in cls.columns
        ]


def _changed(instance, data: dict) -> dict:
    return {k: v for k, v in data.items() if getattr(instance, k) != v}


# --- groups -------------------------------------------------------------------------------------


class GroupImporter(Importer):
    title = gettext_lazy("Impor kelompok")
    stem = "templat-impor-kelompok"
    columns = (
        Column(
            "kode",
            gettext_noop("Kode"),
            "code",
            True,
            gettext_lazy("Kode tetap kelompok, mis. IKM-07"),
        ),
        Column("nama", gettext_noop("Nama"), "name", True),
        Column("tema", gettext_noop("Tema"), "theme", True, gettext_lazy("Kode atau nama tema")),
        Column(
            "kelurahan",
            gettext_noop("Kelurahan"),
            "kelurahan",
            True,
            gettext_lazy("Nama atau kode"),
        ),
        Column("alamat", gettext_noop("Alamat"), "address"),
        Column(
            "tanggal_terbentuk",
            gettext_noop("Tanggal terbentuk"),
            "formed_on",
            True,
            gettext_lazy("TTTT-BB-HH atau HH-BB-TTTT"),
        ),
        Column("telepon", gettext_noop("Telepon"), "phone"),
        Column("email", gettext_noop("Email"), "email"),
    )

    def __init__(self, user):
        super().__init__(user)
        self.themes = {}
        for theme in Theme.objects.visible_to(user):
            self.themes[theme.code.lower()] = theme
            self.themes.setdefault(theme.name.lower(), theme)
        self.kelurahan: dict[str, list] = {}
        for kel in Kelurahan.objects.visible_to(user):
            self.kelurahan.setdefault(kel.code.lower(), []).append(kel)
            self.kelurahan.setdefault(kel.name.lower(), []).append(kel)

    def validate(self, rows, result):
        codes = [r.get("kode", "").strip().upper() for _n, r in rows]
        existing = IkmGroup.objects.visible_to(self.user).in_bulk(
            [c for c in codes if c], field_name="code"
        )
        seen: dict[str, int] = {}
        prepared = []
        for number, row in rows:
            errors_before = len(result.errors)
            data = {c.field: row.get(c.key, "") for c in self.columns}
            code = data["code"].strip().upper()
            if code in seen:
                result.errors.append(
                    RowError(
                        number,
                        "Kode",
                        _("Kode %(code)s sudah ada di baris %(row)d berkas ini.")
                        % {"code": code, "row": seen[code]},
                    )
                )
            elif code:
                seen[code] = number
            theme = self.themes.get(data["theme"].strip().lower())
            if data["theme"] and theme is None:
                result.errors.append(
                    RowError(
                        number, "Tema", _("Tema '%(v)s' tidak dikenal.") % {"v": data["theme"]}
                    )
                )
            data["theme"] = theme.pk if theme else ""
            matches = self.kelurahan.get(data["kelurahan"].strip().lower(), [])
            if data["kelurahan"] and not matches:
                result.errors.append(
                    RowError(
                        number,
                        "Kelurahan",
                        _("Kelurahan '%(v)s' tidak ada di Kota Palu.") % {"v": data["kelurahan"]},
                    )
                )
            elif len(matches) > 1:
                result.errors.append(
                    RowError(
                        number,
                        "Kelurahan",
                        _("Ada beberapa kelurahan bernama '%(v)s'; tulis kodenya.")
                        % {"v": data["kelurahan"]},
                    )
                )
            data["kelurahan"] = matches[0].pk if len(matches) == 1 else ""
            if data["formed_on"]:
                try:
                    data["formed_on"] = parse_date(data["formed_on"])
                except ValidationError as exc:
                    result.errors.append(RowError(number, "Tanggal terbentuk", exc.messages[0]))
                    data["formed_on"] = ""
            instance = existing.get(code)
            form = GroupForm(data=data, instance=instance, user=self.user)
            if not form.is_valid():
                # Do not repeat 'required' for a value already reported as unknown above.
                reported = {e.column for e in result.errors[errors_before:]}
                for name, errors in form.errors.items():
                    column = self.labels.get(name, "")
                    if column in reported:
                        continue
                    for message in errors:
                        result.errors.append(RowError(number, column, message))
                continue
            fields = {name: form.cleaned_data[name] for name in GroupForm.Meta.fields}
            prepared.append((instance, fields))
        return prepared

    def save(self, prepared, result):
        for instance, fields in prepared:
            if instance is None:
                services.group_create(decided_by=self.user, **fields)
                result.created += 1
                continue
            instance.refresh_from_db()
            changes = _changed(instance, {k: v for k, v in fields.items() if k != "notes"})
            if changes:
                services.group_update(group=instance, **changes)
                result.updated += 1
            else:
                result.unchanged += 1

    @classmethod
    def template_rows(cls):
        return [
            [
                "IKM-23",
                "Contoh Kelompok",
                "KRIPIK",
                "Talise",
                "Jl. Contoh No. 1",
                "2024-05-17",
                "081234567890",
                "",
            ]
        ]


# --- members ------------------------------------------------------------------------------------

SEX_WORDS = {
    "l": Sex.MALE,
    "lk": Sex.MALE,
    "laki": Sex.MALE,
    "laki_laki": Sex.MALE,
    "m": Sex.MALE,
    "p": Sex.FEMALE,
    "pr": Sex.FEMALE,
    "perempuan": Sex.FEMALE,
    "wanita": Sex.FEMALE,
    "f": Sex.FEMALE,
}
POSITION_WORDS = {normalise_header(label): value for value, label in Position.choices} | {
    v: v for v in Position.values
}


class MemberImporter(Importer):
    title = gettext_lazy("Impor anggota")
    stem = "templat-impor-anggota"
    columns = (
        Column(
            "kode_kelompok",
            gettext_noop("Kode kelompok"),
            "group",
            True,
            gettext_lazy("mis. IKM-07"),
        ),
        Column("nama", gettext_noop("Nama"), "name", True),
        Column(
            "nik", gettext_noop("NIK"), "nik", True, gettext_lazy("16 angka; ketik sebagai teks")
        ),
        Column(
            "jenis_kelamin", gettext_noop("Jenis kelamin"), "sex", True, gettext_lazy("L atau P")
        ),
        Column(
            "tahun_lahir",
            gettext_noop("Tahun lahir"),
            "birth_year",
            False,
            gettext_lazy("boleh kosong: dari NIK"),
        ),
        Column(
            "jabatan",
            gettext_noop("Jabatan"),
            "position",
            False,
            gettext_lazy("Ketua, Sekretaris, Bendahara atau Anggota (kosong: Anggota)"),
        ),
        Column("telepon", gettext_noop("Telepon"), "phone"),
        Column(
            "tanggal_bergabung",
            gettext_noop("Tanggal bergabung"),
            "joined_on",
            False,
            gettext_lazy("kosong: hari ini (anggota baru)"),
        ),
    )

    def validate(self, rows, result):
        codes = {r.get("kode_kelompok", "").strip().upper() for _n, r in rows}
        groups = IkmGroup.objects.visible_to(self.user).in_bulk(
            [c for c in codes if c], field_name="code"
        )
        niks = [normalise_nik(r.get("nik", "")) for _n, r in rows]
        active = {
            m.nik: m
            for m in Member.objects.visible_to(self.user)
            .active()
            .filter(nik__in=[n for n in niks if n])
            .select_related("group")
        }
        seen: dict[str, int] = {}
        prepared = []
        for number, row in rows:
            errors_before = len(result.errors)
            data = {c.field: row.get(c.key, "") for c in self.columns}
            code = data.pop("group").strip().upper()
            group = groups.get(code)
            if group is None:
                result.errors.append(
                    RowError(
                        number,
                        "Kode kelompok",
                        _("Kelompok %(code)s tidak ada (atau bukan kelompok Anda).")
                        % {"code": code or "–"},
                    )
                )
            elif not group.is_active:
                result.errors.append(
                    RowError(
                        number,
                        "Kode kelompok",
                        _("Kelompok %(code)s sudah nonaktif.") % {"code": code},
                    )
                )
            nik = normalise_nik(data["nik"])
            if nik in seen:
                result.errors.append(
                    RowError(
                        number,
                        "NIK",
                        _("NIK ini sudah ada di baris %(row)d berkas ini.") % {"row": seen[nik]},
                    )
                )
            elif nik:
                seen[nik] = number
            sex = SEX_WORDS.get(normalise_header(data["sex"]))
            if data["sex"] and sex is None:
                result.errors.append(
                    RowError(number, "Jenis kelamin", _("Tulis L (laki-laki) atau P (perempuan)."))
                )
            data["sex"] = sex or ""
            if data["position"]:
                position = POSITION_WORDS.get(normalise_header(data["position"]))
                if position is None:
                    result.errors.append(
                        RowError(
                            number,
                            "Jabatan",
                            _(
                                "Jabatan '%(v)s' tidak dikenal; pilih Ketua, Sekretaris, "
                                "Bendahara atau Anggota."
                            )
                            % {"v": data["position"]},
                        )
                    )
                data["position"] = position or ""
            else:
                data["position"] = Position.MEMBER
            instance = active.get(nik)
            if instance is not None and group is not None and instance.group_id != group.pk:
                result.errors.append(
                    RowError(
                        number,
                        "NIK",
                        _(
                            "NIK ini anggota aktif kelompok %(code)s. Catat dulu keluarnya dari "
                            "kelompok itu."
                        )
                        % {"code": instance.group.code},
                    )
                )
                continue
            if data["joined_on"]:
                try:
                    data["joined_on"] = parse_date(data["joined_on"])
                except ValidationError as exc:
                    result.errors.append(RowError(number, "Tanggal bergabung", exc.messages[0]))
                    data["joined_on"] = ""
            elif instance is not None:
                data["joined_on"] = instance.joined_on.isoformat()
            else:
                data["joined_on"] = timezone.localdate().isoformat()
            if group is None:
                continue
            form = MemberForm(
                data=data,
                instance=instance or Member(group=group),
                user=self.user,
                group=group,
                check_chair=False,
            )
            if not form.is_valid():
                reported = {e.column for e in result.errors[errors_before:]}
                for name, errors in form.errors.items():
                    column = self.labels.get(name, "")
                    if column in reported:
                        continue
                    for message in errors:
                        result.errors.append(RowError(number, column, message))
                continue
            fields = {name: form.cleaned_data[name] for name in MemberForm.Meta.fields}
            prepared.append((number, group, instance, fields))
        self._check_chairs(prepared, result)
        return prepared

    def _check_chairs(self, prepared, result):
        """After the import, each group has at most one active chair."""
        in_file = {fields["nik"] for _n, _g, _i, fields in prepared}
        group_ids = {group.pk for _n, group, _i, _f in prepared}
        chairs: dict[int, list[str]] = {}
        for member in (
            Member.objects.visible_to(self.user)
            .active()
            .filter(group_id__in=group_ids, position=Position.CHAIR)
            .exclude(nik__in=in_file)
        ):
            chairs.setdefault(member.group_id, []).append(member.name)
        for number, group, _instance, fields in prepared:
            if fields["position"] != Position.CHAIR:
                continue
            others = chairs.setdefault(group.pk, [])
            if others:
                result.errors.append(
                    RowError(
                        number,
                        "Jabatan",
                        _("Kelompok %(code)s sudah punya ketua aktif (%(names)s).")
                        % {"code": group.code, "names": ", ".join(others)},
                    )
                )
            others.append(fields["name"])

    def save(self, prepared, result):
        # Demotions first, so that a chair handed over within the file never counts twice.
        ordered = sorted(prepared, key=lambda p: p[3]["position"] == Position.CHAIR)
        for _number, group, instance, fields in ordered:
            if instance is None:
                services.member_create(group=group, **fields)
                result.created += 1
                continue
            instance.refresh_from_db()
            changes = _changed(instance, fields)
            if changes:
                services.member_update(member=instance, **changes)
                result.updated += 1
            else:
                result.unchanged += 1

    @classmethod
    def template_rows(cls):
        return [
            [
                "IKM-01",
                "Siti Contoh",
                "7271015208850001",
                "P",
                "1985",
                "Anggota",
                "081234567890",
                "2024-01-15",
            ]
        ]


IMPORTERS = {"kelompok": GroupImporter, "anggota": MemberImporter}


def template_response(kind: str, fmt: str):
    """A template file with the right columns (and, in XLSX, an instructions sheet)."""
    cls = IMPORTERS[kind]
    headers = [c.label for c in cls.columns]
    if fmt == "csv":
        return exports.csv_response(cls.stem, headers, [])
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Data"
    sheet.append(headers)
    for index, column in enumerate(cls.columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(14, len(column.label) + 4)
        if column.key in ("nik", "kode", "kode_kelompok", "telepon"):
            # Text, so that Excel keeps all 16 digits of a NIK and the leading 0 of a phone.
            for row in range(2, 1002):
                sheet[f"{letter}{row}"].number_format = "@"
    help_sheet = workbook.create_sheet("Petunjuk")
    help_sheet.append([_("Kolom"), _("Isian"), _("Keterangan")])
    for row in cls.help_rows():
        help_sheet.append([str(v) for v in row])
    help_sheet.append([])
    help_sheet.append(
        [_("Contoh baris (jangan disalin ke lembar Data bila bukan data sebenarnya):")]
    )
    for row in cls.template_rows():
        help_sheet.append(row)
    help_sheet.column_dimensions["A"].width = 22
    help_sheet.column_dimensions["C"].width = 60
    file = io.BytesIO()
    workbook.save(file)
    file.seek(0)
    return FileResponse(
        file,
        as_attachment=True,
        filename=f"{cls.stem}.xlsx",
        content_type=exports.XLSX_CONTENT_TYPE,
    )
