"""The monthly sales summaries: kept by the write path, rebuilt after bulk loads.

``SalesMonth`` holds the completed sales per month, outlet, group and product; ``OutletSalesMonth``
the same per month and outlet only. Every figure that sums a period of sales without needing
single receipts (dashboards, the readiness criterion on outlet sales) reads these rows instead
of the sale lines: a year of a province program's dashboard is a few thousand outlet-month rows
against hundreds of thousands of lines (docs/PERFORMANCE.md).
"""

from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Count, F, Sum
from django.db.models.functions import TruncMonth
from django.dispatch import Signal

from marketing.models import OutletSalesMonth, Sale, SaleLine, SalesMonth
from marketing.settlements import consignment_value

# Sent with ``group_ids`` whenever the summary of those groups changes (a sale, a void), so that
# what is derived from it elsewhere (credit readiness) can be recomputed.
sales_changed = Signal()

MEASURES = ("quantity", "amount", "consignment", "lines")
KEYS = {
    SalesMonth: ("month", "outlet_id", "group_id", "product_id"),
    OutletSalesMonth: ("month", "outlet_id"),
}


def _upsert_sql(model, rows: int) -> str:
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = [*KEYS[model], *MEASURES]
    placeholders = "(" + ", ".join(["%s"] * len(names)) + ")"
    adds = ", ".join(f"{quote(m)} = {table}.{quote(m)} + excluded.{quote(m)}" for m in MEASURES)
    # The same statement on PostgreSQL and SQLite (3.24+): one round trip for a whole receipt,
    # and two clerks of one outlet never race on a row because both hold the outlet's lock.
    # Only model table and column names, quoted by the backend, go into the text; values are
    # parameters.
    return (
        f"INSERT INTO {table} ({', '.join(quote(n) for n in names)}) "  # nosec B608
        f"VALUES {', '.join([placeholders] * rows)} "
        f"ON CONFLICT ({', '.join(quote(k) for k in KEYS[model])}) DO UPDATE SET {adds}"
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
    outlet_total = [sum(measures[i] for measures in merged.values()) for i in range(4)]
    if sign > 0:
        params: list = []
        for (group_id, product_id), measures in merged.items():
            params += [month, sale.outlet_id, group_id, product_id, *measures]
        with connection.cursor() as cursor:
            cursor.execute(_upsert_sql(SalesMonth, len(merged)), params)
            cursor.execute(_upsert_sql(OutletSalesMonth, 1), [month, sale.outlet_id, *outlet_total])
        return
    # A void takes off what its sale added. If the sale was loaded in bulk and never summed
    # (no rebuild since), there is no row and nothing to take off: the summary lacks it anyway.
    for (group_id, product_id), measures in merged.items():
        SalesMonth.objects.filter(
            month=month, outlet_id=sale.outlet_id, group_id=group_id, product_id=product_id
        ).update(**_minus(measures))
    OutletSalesMonth.objects.filter(month=month, outlet_id=sale.outlet_id).update(
        **_minus(outlet_total)
    )


def _minus(measures) -> dict:
    return {name: F(name) - value for name, value in zip(MEASURES, measures, strict=True)}


def grouped_lines(*keys: str):
    """The non-voided sale lines as summary rows of ``keys`` (what the table must hold)."""
    keys = keys or KEYS[SalesMonth]
    return (
        SaleLine.objects.filter(sale__status=Sale.Status.COMPLETED)
        .annotate(month=TruncMonth("sale__business_date"), outlet_id=F("sale__outlet_id"))
        .order_by()
        .values_list(*keys)
        .annotate(
            total_quantity=Sum("quantity"),
            total_amount=Sum("line_total"),
            total_consignment=Sum(consignment_value()),
            line_count=Count("pk"),
        )
    )


@transaction.atomic
def rebuild() -> int:
    """Recompute both summaries from the sale lines (after imports, seeding or a repair).

    One ``INSERT … SELECT`` per table in the database: nothing of the millions of lines passes
    through Python. Returns the number of ``SalesMonth`` rows.
    """
    quote = connection.ops.quote_name
    groups = set(SalesMonth.objects.values_list("group_id", flat=True).distinct())
    with connection.cursor() as cursor:
        for model, keys in KEYS.items():
            table = quote(model._meta.db_table)
            select_sql, params = grouped_lines(*keys).query.sql_with_params()
            # The model's own table name, quoted by the backend: no input reaches it.
            cursor.execute(f"DELETE FROM {table}")  # nosec B608
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(quote(n) for n in [*keys, *MEASURES])}) "
                f"{select_sql}",
                params,
            )
    groups |= set(SalesMonth.objects.values_list("group_id", flat=True).distinct())
    sales_changed.send(sender=SalesMonth, group_ids=groups)
    return SalesMonth.objects.count()
