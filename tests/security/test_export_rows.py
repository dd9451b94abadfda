"""Every export, downloaded as CSV and as XLSX, read back row by row.

- Scope: as a mentor (or a clerk) every row belongs to their own groups (outlets), their own
  rows are there, and the peer's group or outlet appears in no cell at all.
- Formulas: with a spreadsheet formula in every text field of the records, no text cell of
  any export starts with a character that makes a spreadsheet run it. The one formula the
  exports write on purpose is a CSV code kept as text, ``="0812345678"``: a string literal of
  digits, which runs nothing.

New exports are added with one ``Export`` entry.
"""

import csv
import io
import re
import uuid
from dataclasses import dataclass

import pytest
from django.urls import reverse

from core.exports import FORMULA_PREFIXES
from groups.models import IkmGroup, Member
from marketing.models import Outlet
from marketing.services import trade
from tests.groups.factories import EquipmentFactory, HandoverFactory
from tests.marketing.trade_helpers import priced_product, shelve


@dataclass(frozen=True)
class Export:
    url_name: str
    column: str  # the header of the column that says whose row it is
    scope: str  # "group_code", "group_name" or "outlet_name"
    users: tuple[str, ...]  # the world's users whose downloads are checked


EXPORTS = [
    Export("groups:group_export", "Kode", "group_code", ("mentor", "other_mentor")),
    Export("groups:member_export", "Kode kelompok", "group_code", ("mentor", "other_mentor")),
    Export("groups:equipment_export", "Kode kelompok", "group_code", ("mentor", "other_mentor")),
    Export("marketing:sales_lines_export", "Gerai", "outlet_name", ("clerk", "other_clerk")),
    Export("marketing:sales_lines_export", "Kelompok", "group_name", ("mentor",)),
    Export("marketing:stock_report_export", "Gerai", "outlet_name", ("clerk", "other_clerk")),
]


def read_export(response, fmt) -> list[dict]:
    body = b"".join(response.streaming_content)
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    else:
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(body), read_only=True).worksheets[0]
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    headers = [str(h) for h in rows[0]]
    return [dict(zip(headers, row, strict=False)) for row in rows[1:]]


def own_keys(world, user, scope) -> tuple[set, set]:
    """(keys the user may see, keys of everything else) for a scope."""
    if scope.startswith("group"):
        attr = "code" if scope == "group_code" else "name"
        mine = IkmGroup.objects.visible_to(user)
        return (
            set(mine.values_list(attr, flat=True)),
            set(IkmGroup.objects.exclude(pk__in=mine.values("pk")).values_list(attr, flat=True)),
        )
    mine = Outlet.objects.visible_to(user)
    return (
        set(mine.values_list("name", flat=True)),
        set(Outlet.objects.exclude(pk__in=mine.values("pk")).values_list("name", flat=True)),
    )


@pytest.fixture
def trading_world(world):
    """The world with equipment, stock and sales on both sides of every scope."""
    for group in (world.group, world.other_group):
        EquipmentFactory(handover=HandoverFactory(group=group))
    products = [priced_product(world.group), priced_product(world.other_group)]
    for outlet, clerk in ((world.outlet, world.clerk), (world.other_outlet, world.other_clerk)):
        for product in products:
            shelve(outlet, product, 10)
        trade.sale_record(
            clerk=clerk,
            outlet=outlet,
            lines=[(p.pk, 1) for p in products],
            idempotency_key=uuid.uuid4(),
        )
    return world


CASES = [
    pytest.param(e, user, fmt, id=f"{e.url_name}-{e.column}-{user}-{fmt}")
    for e in EXPORTS
    for user in e.users
    for fmt in ("csv", "xlsx")
]


@pytest.mark.parametrize(("export", "user", "fmt"), CASES)
def test_every_row_is_in_scope(client, trading_world, export, user, fmt):
    person = getattr(trading_world, user)
    client.force_login(person)
    response = client.get(reverse(export.url_name, kwargs={"fmt": fmt}))
    assert response.status_code == 200
    rows = read_export(response, fmt)
    mine, foreign = own_keys(trading_world, person, export.scope)
    assert rows, "the user's own rows are missing: the check would prove nothing"
    keys = {row[export.column] for row in rows}
    assert keys <= mine, f"rows of others: {keys - mine}"
    assert keys & mine
    cells = {str(v) for row in rows for v in row.values() if v is not None}
    assert not cells & foreign, f"foreign names in cells: {cells & foreign}"


FORMULA = '=HYPERLINK("http://evil.example","klik")'
# core.exports' CSV form of a code: nothing but digits (and separators) between the quotes.
CODE_AS_TEXT = re.compile(r'="[0-9][0-9 .,/-]*"')
ALL_EXPORTS = sorted({e.url_name for e in EXPORTS})


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_no_export_cell_is_a_formula(client, trading_world, fmt):
    w = trading_world
    for group in (w.group, w.other_group):
        IkmGroup.objects.filter(pk=group.pk).update(
            name=f"{FORMULA} {group.pk}", address="+cmd|' /C calc'!A0", phone="@SUM(1)"
        )
    Member.objects.update(name="-2+3+cmd|' /C calc'!A0")
    Outlet.objects.update(name="\t=1+1")
    for product in w.group.products.all():
        product.name = f"=1+{product.pk}"
        product.save()
    client.force_login(w.official)
    found = []
    for name in ALL_EXPORTS:
        response = client.get(reverse(name, kwargs={"fmt": fmt}))
        assert response.status_code == 200, name
        for row in read_export(response, fmt):
            for header, value in row.items():
                if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
                    if fmt == "csv" and CODE_AS_TEXT.fullmatch(value):
                        continue
                    found.append(f"{name} {header}: {value[:30]!r}")
    assert not found, found
