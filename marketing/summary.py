"""The monthly sales summary (``SalesMonth``): kept by the write path, rebuilt after bulk loads.

Every figure that sums a period of sales without needing single receipts (dashboards, the
readiness criterion on outlet sales) reads these rows instead of the sale lines: a year of a
province program is a few thousand summary rows against hundreds of thousands of lines.
"""

from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Count, F, Sum
from django.db.models.functions import TruncMonth
from django.dispatch import Signal

from marketing.models import Sale, SaleLine, SalesMonth
from marketing.settlements import consignment_value

# Sent with ``group_ids`` whenever the summary of those groups changes (a sale, a void), so that
# what is derived from it elsewhere (credit readiness) can be recomputed.
sales_changed = Signal()

COLUMNS = ("month", "outlet_id", "group_id", "product_id", "quantity", "amount", "consignment")
COUNTED = "lines"


def _upsert_sql(rows: int) -> str:
    quote = connection.ops.quote_name
    table = quote(SalesMonth._meta.db_table)
    names = [*COLUMNS, COUNTED]
    placeholders = "(" + ", ".join(["%s"] * len(names)) + ")"
    adds = ", ".join(
        f"{quote(name)} = {table}.{quote(name)} + excluded.{quote(name)}" for name in names[4:]
    )
    # The same statement on PostgreSQL and SQLite (3.24+): one round trip for a whole receipt,
    # and two clerks of one outlet never race on a row because both hold the outlet's lock.
    return (
        f"INSERT INTO {table} ({', '.join(quote(n) for n in names)}) "
        f"VALUES {', '.join([placeholders] * rows)} "
        f"ON CONFLICT ({quote('month')}, {quote('outlet_id')}, {quote('product_id')}, "
        f"{quote('group_id')}) DO UPDATE SET {adds}"
    )


def apply_sale(sale: Sale, lines: Iterable[SaleLine], *, sign: int) -> None:
    """Add (``sign=1``) or take off (``sign=-1``) a receipt's lines, in the caller's transaction."""
    month = sale.business_date.replace(day=1)
    merged: dict[tuple[int, int], list] = {}
    for line in lines:
        row = merged.setdefault((line.group_id, line.product_id), [0, 0, 0, 0])
        row[0] += line.quantity
        row[1] += line.line_total
        row[2] += line.quantity * line.consignment_price
        row[3] += 1
    if not merged:
        return
    sales_changed.send(sender=SalesMonth, group_ids={group_id for group_id, _p in merged})
    if sign > 0:
        params: list = []
        for (group_id, product_id), measures in merged.items():
            params += [month, sale.outlet_id, group_id, product_id, *measures]
        with connection.cursor() as cursor:
            cursor.execute(_upsert_sql(len(merged)), params)
        return
    # A void takes off what its sale added. If the sale was loaded in bulk and never summed
    # (no rebuild since), there is no row and nothing to take off: the summary lacks it anyway.
    for (group_id, product_id), (quantity, amount, consignment, count) in merged.items():
        SalesMonth.objects.filter(
            month=month, outlet_id=sale.outlet_id, group_id=group_id, product_id=product_id
        ).update(
            quantity=F("quantity") - quantity,
            amount=F("amount") - amount,
            consignment=F("consignment") - consignment,
            lines=F("lines") - count,
        )


def grouped_lines():
    """The non-voided sale lines as summary rows (what the table must hold)."""
    return (
        SaleLine.objects.filter(sale__status=Sale.Status.COMPLETED)
        .annotate(month=TruncMonth("sale__business_date"), outlet_id=F("sale__outlet_id"))
        .order_by()
        .values_list("month", "outlet_id", "group_id", "product_id")
        .annotate(
            total_quantity=Sum("quantity"),
            total_amount=Sum("line_total"),
            total_consignment=Sum(consignment_value()),
            line_count=Count("pk"),
        )
    )


@transaction.atomic
def rebuild() -> int:
    """Recompute the whole summary from the sale lines (after imports, seeding or a repair).

    One ``INSERT … SELECT`` in the database: nothing of the millions of lines passes through
    Python. Returns the number of summary rows.
    """
    quote = connection.ops.quote_name
    table = quote(SalesMonth._meta.db_table)
    select_sql, params = grouped_lines().query.sql_with_params()
    groups = set(SalesMonth.objects.values_list("group_id", flat=True).distinct())
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(quote(n) for n in [*COLUMNS, COUNTED])}) "
            f"{select_sql}",
            params,
        )
    groups |= set(SalesMonth.objects.values_list("group_id", flat=True).distinct())
    sales_changed.send(sender=SalesMonth, group_ids=groups)
    return SalesMonth.objects.count()
