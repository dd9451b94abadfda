"""CSV and XLSX downloads shared by every app (registry, marketing, dashboards).

What every export must do, in one place:

- **Formula injection**: a text cell starting with ``=``, ``+``, ``-``, ``@`` (or a tab or
  carriage return) is prefixed with ``'`` so that a spreadsheet shows it instead of running it.
  Numbers, dates and booleans are written as such and are never touched.
- **Large exports stream**: CSV rows go out as they are read (``StreamingHttpResponse``); XLSX is
  written row by row (openpyxl write-only mode) to a temporary file that is then streamed.
- CSV is UTF-8 with a byte-order mark, so Excel opens Indonesian names correctly.
- **Codes stay text**: a NIK, NIB, NPWP, KBLI, phone, account, serial or reference number is
  a code written with digits, not a number. A spreadsheet that reads it as a number drops its
  leading 0 and rounds it to 15 significant digits (7271031504920125 becomes
  7271031504920130). The export definition says which columns hold codes, by giving their
  header as ``TextColumn(label)``; the data never decides. In XLSX such a cell is a string
  with the number format ``@`` (Text), so it also stays text when it is edited. In CSV a value
  of such a column made only of digits (and spaces, ``.``, ``,``, ``/``, ``-``) is written
  ``="0812345678"``: Excel, LibreOffice and Google Sheets show it as the text ``0812345678``.
  That formula is a string literal and nothing else (the value holds no quote, by the same
  test), so it cannot run anything; any other value of the column (e.g. ``+62…``) follows
  the formula rule above.

Callers pass the rows the user may see (their ``visible_to`` queryset, ideally with
``.iterator()``), never more; this module only writes what it is given.
"""

import csv
import datetime as dt
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.http import FileResponse, Http404, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
FORMATS = ("csv", "xlsx")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What a spreadsheet opening a CSV would turn into a number or a date. Excel's formulas take
# string literals of at most 255 characters.
NUMBER_LIKE = re.compile(r"[0-9][0-9 .,/-]{0,250}")
XLSX_TEXT_FORMAT = "@"


@dataclass(frozen=True)
class TextColumn:
    """The header of a column of codes (NIK, NIB, phone numbers...): kept as text, see above."""

    label: str

    def __str__(self):
        return str(self.label)


def _code_columns(headers: Sequence) -> frozenset[int]:
    """The positions of the columns of codes."""
    return frozenset(i for i, h in enumerate(headers) if isinstance(h, TextColumn))


def neutralise(value):
    """The value, with text that a spreadsheet would read as a formula made inert."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext("ya") if value else gettext("tidak")
    if isinstance(value, dt.datetime):
        return (
            timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
            if timezone.is_aware(value)
            else value.strftime("%Y-%m-%d %H:%M")
        )
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return neutralise(str(value))


def _xlsx_cell(value):
    if value is None:
        return None
    if isinstance(value, bool):
        return gettext("ya") if value else gettext("tidak")
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, int | float | Decimal | dt.date):
        return value
    return neutralise(str(value))


def _csv_code(value) -> str:
    if value is None:
        return ""
    text = str(value)
    if NUMBER_LIKE.fullmatch(text):
        return f'="{text}"'
    return neutralise(text)


class _Echo:
    """A file-like object whose ``write`` hands back the line (for streaming csv.writer)."""

    def write(self, value):
        return value


def csv_rows(headers: Sequence, rows: Iterable[Sequence]) -> Iterable[str]:
    """The lines of a CSV file (with BOM), cells neutralised, codes kept as text."""
    writer = csv.writer(_Echo())
    codes = _code_columns(headers)
    yield "\ufeff" + writer.writerow([neutralise(str(h)) for h in headers])
    for row in rows:
        yield writer.writerow(
            [_csv_code(v) if i in codes else _csv_cell(v) for i, v in enumerate(row)]
        )


def csv_response(filename: str, headers: Sequence, rows: Iterable[Sequence]):
    response = StreamingHttpResponse(
        csv_rows(headers, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


def sheet_title(title) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of ``[]:*?/\\``."""
    cleaned = "".join("-" if c in "[]:*?/\\" else c for c in str(title)).strip("'")
    return cleaned[:31] or "Data"


def write_xlsx(
    file, headers: Sequence, rows: Iterable[Sequence], title: str = "Data", widths=None
) -> None:
    """Write one sheet (bold, frozen header row) to ``file``, row by row; the cells of
    ``TextColumn`` columns are strings formatted as Text."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title(title))
    sheet.freeze_panes = "A2"
    for index, header in enumerate(headers, start=1):
        width = (widths or {}).get(index - 1) or max(10, min(40, len(str(header)) + 4))
        sheet.column_dimensions[get_column_letter(index)].width = width
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=neutralise(str(header)))
        cell.font = Font(bold=True)
        header_cells.append(cell)
    sheet.append(header_cells)
    codes = _code_columns(headers)

    def code_cell(value):
        cell = WriteOnlyCell(sheet, value=None if value is None else neutralise(str(value)))
        cell.number_format = XLSX_TEXT_FORMAT
        return cell

    for row in rows:
        sheet.append([code_cell(v) if i in codes else _xlsx_cell(v) for i, v in enumerate(row)])
    workbook.save(file)


def xlsx_response(filename: str, headers: Sequence, rows: Iterable[Sequence], title="Data"):
    # Spooled: small files stay in memory, big ones go to disk; either way sent in chunks.
    file = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 (FileResponse closes it)
    write_xlsx(file, headers, rows, title=title)
    file.seek(0)
    response = FileResponse(
        file, as_attachment=True, filename=f"{filename}.xlsx", content_type=XLSX_CONTENT_TYPE
    )
    response["Cache-Control"] = "private, no-store"
    return response


def export_response(
    fmt: str, filename: str, headers: Sequence, rows: Iterable[Sequence], title="Data"
):
    """A CSV or XLSX download; an unknown format is a 404. A header given as
    ``TextColumn(label)`` marks a column of codes that must stay text."""
    if fmt == "csv":
        return csv_response(filename, headers, rows)
    if fmt == "xlsx":
        return xlsx_response(filename, headers, rows, title=title)
    raise Http404


def dated_name(stem: str) -> str:
    """``stem-YYYY-MM-DD`` in Palu's time."""
    return f"{stem}-{timezone.localdate().isoformat()}"
