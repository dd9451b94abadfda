"""Read-only questions other apps ask marketing (credit readiness in ``mentoring`` asks these).

They are not scoped to a user: the caller decides which groups it asks about and shows the
answer only where it may show the group.
"""

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth

from marketing.models import Sale, SaleLine
from marketing.settlements import consignment_value


def group_sales_totals(group_ids, since: dt.date | None = None) -> dict[int, dict]:
    """Per group, what sold through the outlets (voided sales excluded), in one query.

    ``{group_id: {"quantity": units, "amount": Rp owed to the group (consignment value),
    "retail_amount": Rp paid by customers, "months": months with at least one sale}}``;
    ``since`` (a business day, inclusive) narrows the period. Groups without sales are absent.
    """
    lines = SaleLine.objects.filter(
        group_id__in=list(group_ids), sale__status=Sale.Status.COMPLETED
    )
    if since is not None:
        lines = lines.filter(sale__business_date__gte=since)
    rows = (
        lines.values("group_id")
        .annotate(
            units=Sum("quantity"),
            amount=Sum(consignment_value()),
            retail_amount=Sum("line_total"),
            months=Count(TruncMonth("sale__business_date"), distinct=True),
        )
        .order_by()
    )
    return {
        row["group_id"]: {
            "quantity": row["units"] or 0,
            "amount": row["amount"] or Decimal(0),
            "retail_amount": row["retail_amount"] or Decimal(0),
            "months": row["months"],
        }
        for row in rows
    }
