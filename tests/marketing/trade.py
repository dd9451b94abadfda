"""Builders of trade records for tests of settlements, reports and timelines.

They write rows the way the sale service does (prices copied on the line, ``line_total =
quantity × unit_price``, ``business_date`` = the local day of ``sold_at``) without going through
stock, so that a test states only the sales it is about.
"""

import datetime as dt
import itertools
import uuid
from decimal import Decimal

from django.utils import timezone

from marketing import summary
from marketing.models import ProductPrice, Sale, SaleLine, Settlement
from marketing.settlements import due_date
from tests import factories

WITA = dt.timezone(dt.timedelta(hours=8))
_numbers = itertools.count(1)


def at(year, month, day, hour=10, minute=0):
    """An aware moment in Palu's time."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=WITA)


def price(product, consignment=10000, retail=15000, valid_from=dt.date(2020, 1, 1)):
    return ProductPrice.objects.create(
        product=product,
        valid_from=valid_from,
        consignment_price=Decimal(consignment),
        retail_price=Decimal(retail),
    )


def sale(outlet, lines, *, sold_at=None, clerk=None, void=False):
    """A receipt: ``lines`` = [(product, quantity, unit_price, consignment_price), ...]."""
    sold_at = sold_at or timezone.now()
    clerk = clerk or factories.UserFactory(username="kasir-uji", role="kasir")
    total = sum(Decimal(q) * Decimal(p) for _product, q, p, _c in lines)
    receipt = Sale.objects.create(
        outlet=outlet,
        number=next(_numbers),
        sold_at=sold_at,
        business_date=timezone.localdate(sold_at),
        clerk=clerk,
        total=total,
        idempotency_key=uuid.uuid4(),
        status=Sale.Status.VOID if void else Sale.Status.COMPLETED,
        voided_at=sold_at if void else None,
        void_reason="salah input" if void else "",
    )
    sale_lines = SaleLine.objects.bulk_create(
        SaleLine(
            sale=receipt,
            product=product,
            group_id=product.group_id,
            quantity=quantity,
            unit_price=Decimal(unit_price),
            consignment_price=Decimal(consignment),
            line_total=Decimal(quantity) * Decimal(unit_price),
        )
        for product, quantity, unit_price, consignment in lines
    )
    if not void:
        summary.apply_sale(receipt, sale_lines, sign=1)  # as the write path does
    return receipt


def settlement(group, month, amount=100000, *, paid_on=None, quantity=10):
    paid = paid_on is not None
    return Settlement.objects.create(
        group=group,
        month=month,
        quantity_sold=quantity,
        gross_amount=Decimal(amount),
        deductions=0,
        amount_due=Decimal(amount),
        due_on=due_date(month),
        status=Settlement.Status.PAID if paid else Settlement.Status.DUE,
        paid_on=paid_on,
        payment_reference="TRF-1" if paid else "",
    )
