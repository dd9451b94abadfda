"""Every import in the registry against hostile files and hostile cells.

Files: wrong encodings, binary content, spoofed extensions, broken spreadsheets, oversized and
overlong files and fields. Cells: the value catalogue of each column's kind, one column at a
time in an otherwise valid row. The outcome is checked like a form's (``harness.attempt``):
no server error, a visible message on refusal, nothing stored unless every row is valid.
"""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.security.hostile import values
from tests.security.hostile.harness import attempt
from tests.security.hostile.registry import IMPORTS

CELL_CATALOGUE = {
    "text": (*values.TEXT_PER_FIELD, values.XSS, values.EMOJI, values.RTL, *values.FORMULAS[:3]),
    "numbers": values.NUMBERS,
    "dates": values.DATES,
    "choices": values.CHOICES,
}


def csv_text(headers, rows, sep=",") -> str:
    import csv

    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep)
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue()


def xlsx_bytes(headers, rows) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(headers))
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(name, content, content_type="text/csv"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def file_cases(endpoint, world):
    """(label, upload builder) for whole-file attacks on one import."""
    headers, row = list(endpoint.headers), endpoint.row(world)
    good = csv_text(headers, [row])
    accented = csv_text(headers, [[*row[:1], "Bé Ñoño Ça", *row[2:]]] if len(row) > 2 else [row])
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("bukan-excel.txt", "isi")
    return {
        "utf-16 with BOM": lambda: upload("data.csv", good.encode("utf-16")),
        "utf-16-le without BOM": lambda: upload("data.csv", good.encode("utf-16-le")),
        "latin-1": lambda: upload("data.csv", accented.encode("latin-1")),
        "cp1252 undefined bytes": lambda: upload("data.csv", good.encode() + b"\x81\x8d\x8f\x90"),
        "shift-jis": lambda: upload("data.csv", (good + "漢字テスト\n").encode("shift_jis")),
        "invalid utf-8": lambda: upload("data.csv", b"\xff\xfe\xfa" + good.encode()[:40]),
        "nul bytes": lambda: upload("data.csv", good.encode().replace(b",", b"\x00,")),
        "old mac line endings": lambda: upload("data.csv", good.replace("\n", "\r").encode()),
        "semicolons": lambda: upload("data.csv", csv_text(headers, [row], ";").encode()),
        "empty": lambda: upload("data.csv", b""),
        "whitespace only": lambda: upload("data.csv", b"  \n\t\n  "),
        "header only": lambda: upload("data.csv", csv_text(headers, []).encode()),
        "unknown columns": lambda: upload(
            "data.csv", csv_text(["Siapa", "Apa"], [["a", "b"]]).encode()
        ),
        "no header row": lambda: upload("data.csv", csv_text(row, [row]).encode()),
        "10,000 columns": lambda: upload(
            "data.csv", csv_text([*headers, *(f"K{i}" for i in range(10_000))], [row]).encode()
        ),
        "too many rows": lambda: upload("data.csv", csv_text(headers, [row] * 5001).encode()),
        "oversized": lambda: upload("data.csv", good.encode() + b"x" * (5 * 1024 * 1024)),
        "one 200,000-character field": lambda: upload(
            "data.csv", csv_text(headers, [[row[0], "A" * 200_000, *row[2:]]]).encode()
        ),
        "unbalanced quote": lambda: upload(
            "data.csv", (good + '"tidak ditutup,' + "x" * 50).encode()
        ),
        "html named .csv": lambda: upload("data.csv", values.HTML),
        "exe named .csv": lambda: upload("data.csv", values.EXE),
        "xlsx content named .csv": lambda: upload("data.csv", xlsx_bytes(headers, [row])),
        "csv content named .xlsx": lambda: upload("data.xlsx", good.encode()),
        "zip that is no workbook": lambda: upload("data.xlsx", zipped.getvalue()),
        "truncated workbook": lambda: upload("data.xlsx", xlsx_bytes(headers, [row])[:300]),
        "old .xls": lambda: upload("data.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64),
        "no extension": lambda: upload("data", good.encode()),
        ".exe extension": lambda: upload("data.exe", good.encode()),
        "text instead of a file": lambda: "bukan berkas",
        "workbook with formulas": lambda: upload(
            "data.xlsx", xlsx_bytes(headers, [[*row[:1], "=1+1", *row[2:]]])
        ),
        "workbook with a 32,000-character cell": lambda: upload(
            "data.xlsx", xlsx_bytes(headers, [[*row[:1], "B" * 32_000, *row[2:]]])
        ),
    }


def sign_in(client, world, endpoint):
    client.force_login(getattr(world, endpoint.user))
    return reverse(endpoint.url_name, kwargs=endpoint.kwargs(world) if endpoint.kwargs else {})


@pytest.mark.parametrize("endpoint", IMPORTS, ids=[e.id for e in IMPORTS])
def test_the_valid_file_is_accepted(client, world, endpoint):
    url = sign_in(client, world, endpoint)
    text = csv_text(endpoint.headers, [endpoint.row(world)])
    response = client.post(url, {endpoint.file_field: upload("data.csv", text.encode())})
    assert response.status_code in endpoint.accepted


@pytest.mark.parametrize("endpoint", IMPORTS, ids=[e.id for e in IMPORTS])
def test_hostile_files(client, world, endpoint):
    url = sign_in(client, world, endpoint)
    problems = []
    for label, build in file_cases(endpoint, world).items():
        data = {endpoint.file_field: build()}
        problems += attempt(client, endpoint, url, data, f"file: {label}")
    assert not problems, "\n".join(problems)


CELL_CASES = [
    pytest.param(e, column, kind, id=f"{e.id}-{column}")
    for e in IMPORTS
    for column, kind in e.columns.items()
]


@pytest.mark.parametrize(("endpoint", "column", "kind"), CELL_CASES)
def test_hostile_cells(client, world, endpoint, column, kind):
    url = sign_in(client, world, endpoint)
    index = endpoint.headers.index(column)
    problems = []
    for fmt in ("csv", "xlsx"):
        for value in CELL_CATALOGUE[kind]:
            row = endpoint.row(world)
            row[index] = value.replace("\x00", "") if fmt == "xlsx" else value
            if fmt == "csv":
                content = csv_text(endpoint.headers, [row]).encode()
            else:
                try:
                    content = xlsx_bytes(endpoint.headers, [row])
                except Exception:  # noqa: BLE001 (a value Excel itself cannot hold)
                    continue
            data = {endpoint.file_field: upload(f"data.{fmt}", content)}
            problems += attempt(client, endpoint, url, data, f"{fmt} {column}={value[:30]!r}")
    assert not problems, "\n".join(problems)


def hostile_count(world=None) -> int:
    cells = sum(2 * len(CELL_CATALOGUE[k]) for e in IMPORTS for k in e.columns.values())
    return cells
