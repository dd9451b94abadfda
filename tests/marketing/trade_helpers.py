"""Helpers for the consignment trade tests: prices, goods on the shelf, the ledger invariant."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum

from marketing.models import ProductPrice, Stock, StockEntry
from marketing.services import trade as services
from tests import factories

PRICED_FROM = dt.date(2020, 1, 1)


def priced_product(group=None, *, consignment=10000, retail=15000, **kwargs):
    """A product of the group with one price valid since 2020."""
    product = factories.ProductFactory(**({"group": group} if group else {}), **kwargs)
    ProductPrice.objects.create(
        product=product,
        valid_from=PRICED_FROM,
        consignment_price=Decimal(consignment),
        retail_price=Decimal(retail),
    )
    return product


def shelve(outlet, product, quantity, user=None):
    """Put goods on an outlet's shelf through the ledger (as a received delivery does)."""
    with transaction.atomic():
        services._move_stock(
            outlet=outlet,
            changes={product.pk: quantity},
            kind=StockEntry.Kind.DELIVERY,
            user=user,
            reason="uji",
            create_missing=True,
        )


def stock_of(outlet, product) -> int:
    return Stock.objects.get(outlet=outlet, product=product).quantity


def assert_ledger_matches_stock():
    """Every stock row equals the sum of its ledger and the balance of its latest entry."""
    for stock in Stock.objects.all():
        entries = StockEntry.objects.filter(outlet=stock.outlet_id, product=stock.product_id)
        total = entries.aggregate(n=Sum("quantity"))["n"] or 0
        latest = entries.order_by("-created_at", "-id").first()
        assert total == stock.quantity, f"{stock}: ledger sums to {total}"
        assert latest is None or latest.balance_after == stock.quantity, (
            f"{stock}: last balance {latest.balance_after}"
        )
        assert stock.quantity >= 0


def assert_summary_matches_lines():
    """The monthly sales summary holds exactly the non-voided sale lines, grouped."""
    from marketing.models import OutletSalesMonth, SalesMonth
    from marketing.summary import grouped_lines

    expected = {
        (month, outlet, group, product): (quantity, amount, consignment, lines)
        for month, outlet, group, product, quantity, amount, consignment, lines in grouped_lines()
    }
    kept = {
        (row.month, row.outlet_id, row.group_id, row.product_id): (
            row.quantity,
            row.amount,
            row.consignment,
            row.lines,
        )
        for row in SalesMonth.objects.all()
        # a month whose every sale was voided keeps its row at zero
        if row.lines
    }
    normalised = {
        (m.date() if isinstance(m, dt.datetime) else m, *rest): values
        for (m, *rest), values in expected.items()
    }
    assert kept == normalised
    per_outlet: dict = {}
    for (month, outlet, _group, _product), values in normalised.items():
        total = per_outlet.setdefault((month, outlet), [0, 0, 0, 0])
        for index, value in enumerate(values):
            total[index] += value
    kept_per_outlet = {
        (row.month, row.outlet_id): [row.quantity, row.amount, row.consignment, row.lines]
        for row in OutletSalesMonth.objects.all()
        if row.lines
    }
    assert kept_per_outlet == per_outlet
