"""The demo trade is consistent: ledger = stock, receipts add up, closings and settlements match
the sales they summarise, and a second run adds nothing."""

from collections import defaultdict
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Count, Sum
from django.db.models.functions import ExtractWeekDay, TruncMonth

from core.months import month_end
from marketing import settlements
from marketing.models import (
    DailyClosing,
    Delivery,
    Outlet,
    OutletStaff,
    Sale,
    SaleLine,
    Settlement,
    StockEntry,
)
from tests.demo_snapshot import load_demo
from tests.marketing.trade_helpers import (
    assert_ledger_matches_stock,
    assert_summary_matches_lines,
)

pytestmark = pytest.mark.django_db


def test_demo_trade_is_consistent_and_idempotent():
    load_demo()

    # the ledger: sums equal the stock rows, running balances never negative and in order
    assert_ledger_matches_stock()
    assert_summary_matches_lines()
    running = defaultdict(int)
    for outlet_id, product_id, quantity, balance in StockEntry.objects.order_by(
        "created_at", "id"
    ).values_list("outlet_id", "product_id", "quantity", "balance_after"):
        running[outlet_id, product_id] += quantity
        assert running[outlet_id, product_id] == balance >= 0

    # every outlet received goods and sold for more than twelve months
    outlets = Outlet.objects.filter(code__startswith="GERAI-")
    assert outlets.count() == 12
    for outlet in outlets:
        assert Delivery.objects.filter(outlet=outlet, status="received").exists()
        months = (
            Sale.objects.filter(outlet=outlet)
            .annotate(m=TruncMonth("business_date"))
            .values("m")
            .distinct()
            .count()
        )
        assert months >= 13

    # receipts add up; voids restored their stock; weekends busier than weekdays
    totals = dict(SaleLine.objects.values_list("sale").annotate(t=Sum("line_total")).order_by())
    for sale_id, total in Sale.objects.values_list("pk", "total"):
        assert totals[sale_id] == total
    voids = Sale.objects.filter(status="void")
    assert voids.exists()
    voided_lines = SaleLine.objects.filter(sale__in=voids).aggregate(n=Sum("quantity"))["n"]
    restored = StockEntry.objects.filter(kind="void").aggregate(n=Sum("quantity"))["n"]
    assert voided_lines == restored
    per_weekday = dict(
        Sale.objects.annotate(d=ExtractWeekDay("business_date"))
        .values_list("d")
        .annotate(n=Count("pk"))
        .order_by()
    )
    assert per_weekday[7] > per_weekday[2]  # Saturday > Monday (1 = Sunday)

    # kasir1 and kasir2 sell at different outlets
    posts = dict(
        OutletStaff.objects.filter(user__username__in=["kasir1", "kasir2"]).values_list(
            "user__username", "outlet_id"
        )
    )
    assert posts["kasir1"] != posts["kasir2"]
    for username, outlet_id in posts.items():
        assert Sale.objects.filter(clerk__username=username, outlet_id=outlet_id).exists()

    # closings match the day's completed receipts
    day_totals = {
        (o, d): (n, t)
        for o, d, n, t in Sale.objects.filter(status="completed")
        .values_list("outlet_id", "business_date")
        .annotate(n=Count("pk"), t=Sum("total"))
        .order_by()
    }
    closings = DailyClosing.objects.all()
    assert closings.exists()
    for closing in closings:
        count, cash = day_totals.get((closing.outlet_id, closing.business_date), (0, Decimal(0)))
        assert (closing.sales_count, closing.cash_expected) == (count, cash)

    # settlements equal the arithmetic; most paid, some overdue, paid after the month
    rows = Settlement.objects.all()
    assert rows.filter(status="paid").count() > rows.count() / 2
    assert rows.overdue().filter(amount_due__gt=0).exists()
    for settlement in rows:
        assert settlements.live_amount(settlement) == settlement.amount_due
        if settlement.paid_on:
            assert settlement.paid_on > month_end(settlement.month)
        assert settlement.due_on == settlements.due_date(settlement.month)

    counts = (Sale.objects.count(), StockEntry.objects.count(), Settlement.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (Sale.objects.count(), StockEntry.objects.count(), Settlement.objects.count()) == counts
