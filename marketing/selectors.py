"""Read-only questions other apps ask marketing (credit readiness in ``mentoring`` asks these).

They are not scoped to a user: the caller decides which groups it asks about and shows the
answer only where it may show the group.
"""

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Sum

from marketing.models import SalesMonth


def group_sales_totals(group_ids, since: dt.date | None = None) -> dict[int, dict]:
    """Per group, what sold through the outlets (voided sales excluded), in one query.

    ``{group_id: {"quantity": units, "amount": Rp owed to the group (consignment value),
    "retail_amount": Rp paid by customers, "months": months with at least one sale}}``;
    ``since`` narrows the period to whole months: from the month of that day on. Read from the
    monthly summary the write path keeps, so it costs the same for a group with a handful of
    lines as for one with a hundred thousand. Groups without sales are absent.
    """
    # scoping: ok (group_ids: the groups the caller scoped)
    rows = SalesMonth.objects.filter(group_id__in=list(group_ids), quantity__gt=0)
    if since is not None:
        rows = rows.filter(month__gte=since.replace(day=1))
    rows = (
        rows.values("group_id")
        .annotate(
            units=Sum("quantity"),
            owed=Sum("consignment"),
            paid=Sum("amount"),
            months=Count("month", distinct=True),
        )
        .order_by()
    )
    return {
        row["group_id"]: {
            "quantity": row["units"] or 0,
            "amount": row["owed"] or Decimal(0),
            "retail_amount": row["paid"] or Decimal(0),
            "months": row["months"],
        }
        for row in rows
    }
