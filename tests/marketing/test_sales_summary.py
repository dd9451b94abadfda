"""The monthly sales summary is kept by the write path and equals the sale lines, always."""

import datetime as dt
import uuid
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from marketing import summary
from marketing.models import SaleLine, SalesMonth
from marketing.selectors import group_sales_totals
from marketing.services import trade as services
from tests import factories
from tests.marketing.trade_helpers import assert_summary_matches_lines, priced_product, shelve

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(world):
    keripik = priced_product(world.group, name="Keripik", consignment=10000, retail=15000)
    abon = priced_product(world.group, name="Abon", consignment=20000, retail=25000)
    other = priced_product(world.other_group, name="Dodol", consignment=7000, retail=9000)
    shelve(world.outlet, keripik, 50)
    shelve(world.outlet, abon, 50)
    shelve(world.outlet, other, 50)
    world.extra.update(keripik=keripik, abon=abon, other=other)
    return world


def sell(world, lines):
    sale, _created = services.sale_record(
        clerk=world.clerk,
        outlet=world.outlet,
        lines=[(product.pk, quantity) for product, quantity in lines],
        idempotency_key=uuid.uuid4(),
    )
    return sale


def test_a_sale_adds_its_lines_and_a_void_takes_them_off(shop):
    keripik, abon = shop.extra["keripik"], shop.extra["abon"]
    first = sell(shop, [(keripik, 2), (abon, 1)])
    sell(shop, [(keripik, 3)])
    row = SalesMonth.objects.get(product=keripik)
    assert (row.month, row.outlet, row.group) == (
        first.business_date.replace(day=1),
        shop.outlet,
        shop.group,
    )
    assert (row.quantity, row.amount, row.consignment, row.lines) == (5, 75000, 50000, 2)
    assert_summary_matches_lines()

    services.sale_void(user=shop.clerk, sale=first, reason="salah input")
    row.refresh_from_db()
    assert (row.quantity, row.amount, row.consignment, row.lines) == (3, 45000, 30000, 1)
    assert SalesMonth.objects.get(product=abon).quantity == 0
    assert_summary_matches_lines()


def test_a_refused_sale_changes_nothing(shop):
    keripik = shop.extra["keripik"]
    with pytest.raises(ValidationError):
        sell(shop, [(keripik, 500)])
    assert not SalesMonth.objects.exists()


def test_rebuild_gives_what_the_write_path_kept(shop):
    keripik, other = shop.extra["keripik"], shop.extra["other"]
    sell(shop, [(keripik, 2), (other, 4)])
    voided = sell(shop, [(other, 1)])
    services.sale_void(user=shop.clerk, sale=voided, reason="batal")
    kept = {
        (r.month, r.outlet_id, r.group_id, r.product_id): (r.quantity, r.amount, r.consignment)
        for r in SalesMonth.objects.filter(quantity__gt=0)
    }
    out = StringIO()
    call_command("rebuild_sales_summary", stdout=out)
    assert "2 rows" in out.getvalue()
    rebuilt = {
        (r.month, r.outlet_id, r.group_id, r.product_id): (r.quantity, r.amount, r.consignment)
        for r in SalesMonth.objects.all()
    }
    assert rebuilt == kept
    assert_summary_matches_lines()


def test_group_sales_totals_read_the_summary_in_one_query(shop, django_assert_num_queries):
    keripik, other = shop.extra["keripik"], shop.extra["other"]
    sell(shop, [(keripik, 2), (other, 1)])
    voided = sell(shop, [(keripik, 7)])
    services.sale_void(user=shop.clerk, sale=voided, reason="batal")
    idle = factories.IkmGroupFactory()
    with django_assert_num_queries(1):
        totals = group_sales_totals([shop.group.pk, shop.other_group.pk, idle.pk])
    assert totals[shop.group.pk] == {
        "quantity": 2,
        "amount": Decimal(20000),
        "retail_amount": Decimal(30000),
        "months": 1,
    }
    assert idle.pk not in totals
    next_month = (voided.business_date.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    assert group_sales_totals([shop.group.pk], since=next_month) == {}


def test_the_summary_is_scoped_like_the_sale_lines(shop):
    sell(shop, [(shop.extra["keripik"], 1), (shop.extra["other"], 1)])
    for role in ("official", "perusda", "clerk", "other_clerk", "mentor", "other_mentor"):
        user = shop.users[role]
        expected = set(SaleLine.objects.visible_to(user).values_list("product_id", flat=True))
        seen = set(SalesMonth.objects.visible_to(user).values_list("product_id", flat=True))
        assert seen == expected, role


def test_rebuild_is_one_statement_per_step(shop, django_assert_max_num_queries):
    sell(shop, [(shop.extra["keripik"], 1)])
    # savepoint, groups before, delete and insert … select for each table, groups after,
    # their stored readiness forgotten, count, release: nothing per line or per summary row
    with django_assert_max_num_queries(10):
        assert summary.rebuild() == 1


@pytest.mark.parametrize("by_theme", [False, True])
def test_dashboard_totals_from_either_summary_equal_the_lines(shop, by_theme):
    from program import dashboard

    sell(shop, [(shop.extra["keripik"], 2), (shop.extra["other"], 3)])
    voided = sell(shop, [(shop.extra["abon"], 1)])
    services.sale_void(user=shop.clerk, sale=voided, reason="batal")
    day = voided.business_date
    theme = shop.group.theme if by_theme else None
    filters = dashboard.Filters(start=day.replace(day=1), end=day, theme=theme)
    for role in ("official", "perusda", "clerk", "other_clerk", "mentor", "other_mentor"):
        user = shop.users[role]
        lines = SaleLine.objects.visible_to(user).filter(sale__status="completed")
        if theme:
            lines = lines.filter(group__theme=theme)
        expected = sum((line.line_total for line in lines), Decimal(0))
        total = dashboard.sales_total(user, filters, filters.start, filters.end)
        assert total["amount"] == expected, role
