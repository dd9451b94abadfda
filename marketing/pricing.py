"""The prices of a moment: what the group is owed and what the customer pays.

A price change is a new ``ProductPrice`` row valid from a day on; an outlet may set its own
retail price (``OutletPrice``) which overrides the default retail price from its day on. The
consignment price is always the product's. Two queries, whatever the number of products.
"""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import OuterRef, Subquery

from marketing.models import Outlet, OutletPrice, ProductPrice


def prices_on(
    outlet: Outlet, product_ids: Iterable[int], day: dt.date
) -> dict[int, tuple[Decimal, Decimal]]:
    """``{product_id: (consignment_price, retail_price)}`` valid at the outlet on ``day``.

    Products with no price valid on that day are left out (they cannot be sold yet).
    """
    ids = sorted(set(product_ids))
    if not ids:
        return {}
    latest = (
        ProductPrice.objects.filter(product=OuterRef("product"), valid_from__lte=day)
        .order_by("-valid_from")
        .values("valid_from")[:1]
    )
    rows = ProductPrice.objects.filter(product_id__in=ids, valid_from=Subquery(latest)).values_list(
        "product_id", "consignment_price", "retail_price"
    )
    prices = {pid: (consignment, retail) for pid, consignment, retail in rows}
    if not prices:
        return {}
    latest_outlet = (
        OutletPrice.objects.filter(outlet=outlet, product=OuterRef("product"), valid_from__lte=day)
        .order_by("-valid_from")
        .values("valid_from")[:1]
    )
    overrides = OutletPrice.objects.filter(
        outlet=outlet, product_id__in=list(prices), valid_from=Subquery(latest_outlet)
    ).values_list("product_id", "retail_price")
    for pid, retail in overrides:
        prices[pid] = (prices[pid][0], retail)
    return prices
