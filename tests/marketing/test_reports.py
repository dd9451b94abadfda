"""Reports: totals equal independent sums, each role sees its scope only (pages and exports),
query counts do not grow with the data, slow movers, timeline and profile panel."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from core.timeline import entries_for
from marketing import reports
from marketing.models import SaleLine, Stock
from tests import factories
from tests.marketing.trade import at, sale, settlement

pytestmark = pytest.mark.django_db


def read(response):
    body = b"".join(response.streaming_content)
    if response["Content-Type"].startswith("text/csv"):
        return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(body)).active
    return [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]


def this_month(day=5, hour=10):
    today = timezone.localdate()
    return at(today.year, today.month, min(day, today.day), hour)


@pytest.fixture
def trade(world):
    """kasir1's outlet sells both groups' products; kasir2's outlet only the other group's."""
    mine = world.group.products.first()
    theirs = world.other_group.products.first()
    when = this_month(1)
    sale(world.outlet, [(mine, 2, 15000, 10000), (theirs, 1, 9000, 7000)], sold_at=when)
    sale(world.outlet, [(mine, 1, 15000, 10000)], sold_at=when)
    sale(world.outlet, [(mine, 5, 15000, 10000)], sold_at=when, void=True)
    sale(world.other_outlet, [(theirs, 3, 9000, 7000)], sold_at=when)
    return world


def independent_totals(lines):
    units = amount = consignment = 0
    for line in lines:
        if line.sale.status == "completed":
            units += line.quantity
            amount += line.quantity * line.unit_price
            consignment += line.quantity * line.consignment_price
    return units, amount, consignment


@pytest.mark.parametrize(
    ("role", "expected_units"),
    [("official", 7), ("perusda", 7), ("clerk", 4), ("other_clerk", 3), ("mentor", 3)],
)
def test_report_totals_equal_independent_sums_in_each_scope(client, trade, role, expected_units):
    user = getattr(trade, role)
    client.force_login(user)
    response = client.get(reverse("marketing:sales_report"), {"per": "kelompok"})
    assert response.status_code == 200
    totals = response.context["totals"]
    visible = SaleLine.objects.visible_to(user).select_related("sale")
    units, amount, consignment = independent_totals(visible)
    assert units == expected_units
    assert (totals["units"], totals["amount"], totals["consignment"]) == (
        units,
        amount,
        consignment,
    )
    assert sum(row["units"] for row in response.context["rows"]) == units


@pytest.mark.parametrize("per", list(reports.DIMENSIONS))
def test_every_grouping_adds_up_to_the_total(client, trade, per):
    client.force_login(trade.official)
    response = client.get(reverse("marketing:sales_report"), {"per": per})
    rows = response.context["rows"]
    assert (
        sum(r["amount"] for r in rows)
        == response.context["totals"]["amount"]
        == Decimal(2 * 15000 + 9000 + 15000 + 3 * 9000)
    )


def test_mentor_sees_only_their_groups_lines(client, trade):
    client.force_login(trade.mentor)
    response = client.get(reverse("marketing:sales_report"), {"per": "kelompok"})
    assert [r["group_id"] for r in response.context["rows"]] == [trade.group.pk]
    assert "gerai" not in response.context["form"].fields


def test_clerk_cannot_report_on_another_outlet(client, trade):
    client.force_login(trade.clerk)
    response = client.get(reverse("marketing:sales_report"), {"gerai": trade.other_outlet.pk})
    assert response.status_code == 200
    assert "gerai" in response.context["form"].errors
    assert response.context["totals"]["units"] == 0


def test_period_filter_uses_business_months(client, world):
    product = world.group.products.first()
    sale(world.outlet, [(product, 1, 15000, 10000)], sold_at=at(2024, 1, 31, 23, 59))
    sale(world.outlet, [(product, 4, 15000, 10000)], sold_at=at(2024, 2, 1, 0, 0))
    client.force_login(world.official)
    response = client.get(
        reverse("marketing:sales_report"), {"dari": "2024-01", "sampai": "2024-01", "per": "bulan"}
    )
    assert [(r["month"], r["units"]) for r in response.context["rows"]] == [
        (dt.date(2024, 1, 1), 1)
    ]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("role", ["official", "clerk", "other_clerk", "mentor", "other_mentor"])
def test_line_export_holds_exactly_the_users_lines(client, trade, fmt, role):
    user = getattr(trade, role)
    client.force_login(user)
    rows = read(client.get(reverse("marketing:sales_lines_export", args=[fmt])))
    header, body = rows[0], rows[1:]
    expected = SaleLine.objects.visible_to(user).filter(sale__status="completed")
    assert len(body) == expected.count()
    outlets = {row[header.index("Gerai")] for row in body}
    groups = {row[header.index("Kelompok")] for row in body}
    assert outlets <= {o.name for o in {line.sale.outlet for line in expected}}
    assert groups == {line.group.name for line in expected}
    if role == "clerk":
        assert outlets == {trade.outlet.name}
    if role == "mentor":
        assert groups == {trade.group.name}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_grouped_export_matches_the_page(client, trade, fmt):
    client.force_login(trade.clerk)
    params = {"per": "produk"}
    page = client.get(reverse("marketing:sales_report"), params)
    rows = read(client.get(reverse("marketing:sales_report_export", args=[fmt]), params))
    units = [int(r[1]) for r in rows[1:]]
    assert units == [r["units"] for r in page.context["rows"]]


def test_stock_report_and_slow_movers(client, world):
    fast, slow = world.group.products.first(), factories.ProductFactory(group=world.group)
    Stock.objects.create(outlet=world.outlet, product=fast, quantity=3)
    Stock.objects.create(outlet=world.outlet, product=slow, quantity=50)
    Stock.objects.create(outlet=world.other_outlet, product=slow, quantity=9)
    yesterday = timezone.localtime() - dt.timedelta(days=1)
    sale(world.outlet, [(fast, 10, 15000, 10000), (slow, 1, 15000, 10000)], sold_at=yesterday)
    client.force_login(world.clerk)
    response = client.get(reverse("marketing:stock_report"))
    assert {(s.product_id, s.sold_recent) for s in response.context["rows"]} == {
        (fast.pk, 10),
        (slow.pk, 1),
    }
    response = client.get(reverse("marketing:stock_report"), {"tampil": "lambat"})
    assert [s.product_id for s in response.context["rows"]] == [slow.pk]
    client.force_login(world.official)
    response = client.get(reverse("marketing:stock_report"), {"tampil": "lambat"})
    assert len(response.context["rows"]) == 2


def build_sales(world, receipts):
    products = [world.group.products.first(), world.other_group.products.first()]
    extra = [factories.ProductFactory(group=world.group) for _ in range(3)]
    for i in range(receipts):
        outlet = world.outlet if i % 2 else world.other_outlet
        day = dt.date(2024, 1 + i % 12, 1 + i % 27)
        product = (products + extra)[i % 5]
        sale(outlet, [(product, 1 + i % 3, 15000, 10000)], sold_at=at(day.year, day.month, day.day))
        Stock.objects.get_or_create(outlet=outlet, product=product, defaults={"quantity": 5})
    settlement(world.group, dt.date(2024, 1 + receipts % 12, 1), 1000 * receipts)


def count(client, url, params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


PAGES = [
    ("marketing:sales_report", {"per": "produk", "dari": "2024-01", "sampai": "2024-12"}),
    ("marketing:sales_report", {"per": "bulan", "dari": "2024-01", "sampai": "2024-12"}),
    ("marketing:stock_report", {}),
    ("marketing:stock_report", {"tampil": "lambat"}),
    ("marketing:settlement_list", {}),
    ("marketing:settlement_overdue", {}),
    ("marketing:outlet_list", {}),
    ("marketing:price_list", {}),
]


@pytest.mark.parametrize("role", ["official", "perusda", "clerk"])
def test_pages_do_not_grow_with_the_data(client, world, role):
    client.force_login(getattr(world, role))
    build_sales(world, 4)
    small = {}
    for name, params in PAGES:
        if role == "clerk" and "settlement" in name:
            continue
        small[f"{name} {params}"] = count(client, reverse(name), params)
    build_sales(world, 60)
    large = {}
    for name, params in PAGES:
        if role == "clerk" and "settlement" in name:
            continue
        large[f"{name} {params}"] = count(client, reverse(name), params)
    assert large == small


def test_timeline_and_panel_show_monthly_sales_and_settlements(client, trade):
    settlement(trade.group, dt.date(2024, 1, 1), 50000, paid_on=dt.date(2024, 2, 20))
    settlement(trade.group, dt.date(2024, 2, 1), 70000)
    entries = entries_for(trade.group, trade.mentor, limit=None)
    kinds = [e.kind for e in entries]
    assert kinds.count("sale") == 1  # one month of sales, not one entry per receipt
    assert {"settlement", "settlement_due"} <= set(kinds)
    assert entries_for(trade.group, trade.clerk, limit=None) == [] or all(
        e.kind not in ("settlement", "settlement_due")
        for e in entries_for(trade.group, trade.clerk)
    )
    client.force_login(trade.mentor)
    response = client.get(reverse("groups:group_detail", args=[trade.group.pk]))
    content = response.content.decode()
    assert 'data-testid="settlements-panel"' in content
    assert "Rp 70.000" in content


def test_overdue_list_costs_the_same_empty_or_full(client, world):
    client.force_login(world.perusda)
    url = reverse("marketing:settlement_overdue")
    empty = count(client, url, {})
    for month in range(1, 13):
        settlement(world.group, dt.date(2023, month, 1), 1000 * month)
    response = client.get(url)
    assert len(response.context["object_list"]) == 12
    assert (
        response.context["object_list"][0].late_days > response.context["object_list"][-1].late_days
    )
    assert count(client, url, {}) == empty
    assert count(client, url, {"page": "99"}) == empty
