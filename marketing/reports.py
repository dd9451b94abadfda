"""Sales and stock reports: aggregated in the database, over the rows the user may see.

Every report starts from ``SaleLine.objects.visible_to(user)`` (or ``Stock``): a clerk gets their
outlets' lines, a mentor their groups' lines, officials and the Perusda manager everything. Filters
only narrow that set. Voided sales never count.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    OuterRef,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.utils.translation import gettext_lazy as _

from core.months import month_start, next_month
from marketing.models import MONEY, Sale, SaleLine, Stock
from marketing.settlements import consignment_value

SLOW_WINDOW_DAYS = 60  # sales looked at to judge how fast a product moves
SLOW_COVER_DAYS = 90  # stock lasting longer than this at the recent pace is slow


@dataclass(frozen=True)
class Dimension:
    key: str
    label: str
    fields: tuple[str, ...]  # values() of the grouping; the first is the id
    order: tuple[str, ...]


DIMENSIONS = {
    d.key: d
    for d in (
        Dimension(
            "gerai",
            _("Gerai"),
            ("sale__outlet_id", "sale__outlet__code", "sale__outlet__name"),
            ("-amount", "sale__outlet__code"),
        ),
        Dimension(
            "kabupaten",
            _("Kabupaten/kota"),
            ("sale__outlet__regency_id", "sale__outlet__regency__name"),
            ("-amount", "sale__outlet__regency__name"),
        ),
        Dimension(
            "kelompok",
            _("Kelompok"),
            ("group_id", "group__code", "group__name"),
            ("-amount", "group__code"),
        ),
        Dimension(
            "tema",
            _("Tema"),
            ("group__theme_id", "group__theme__name"),
            ("-amount", "group__theme__name"),
        ),
        Dimension(
            "produk",
            _("Produk"),
            ("product_id", "product__name", "group__name"),
            ("-amount", "product__name"),
        ),
        Dimension("bulan", _("Bulan"), ("month",), ("month",)),
    )
}


def sold_lines(
    user, *, start: dt.date, end: dt.date, outlet=None, regency=None, theme=None, group=None
):
    """Completed sale lines the user may see, business days from the month of ``start`` to the
    month of ``end`` inclusive, narrowed by the filters given."""
    lines = SaleLine.objects.visible_to(user).filter(
        sale__status=Sale.Status.COMPLETED,
        sale__business_date__gte=month_start(start),
        sale__business_date__lt=next_month(month_start(end)),
    )
    if outlet is not None:
        lines = lines.filter(sale__outlet=outlet)
    if regency is not None:
        lines = lines.filter(sale__outlet__regency=regency)
    if theme is not None:
        lines = lines.filter(group__theme=theme)
    if group is not None:
        lines = lines.filter(group=group)
    return lines


def _measures():
    return {
        "units": Sum("quantity"),
        "amount": Sum("line_total"),
        "consignment": Sum(consignment_value()),
        "receipts": Count("sale", distinct=True),
    }


def grouped(lines, key: str):
    """One row per member of the dimension with units, amount, consignment value and margin."""
    dimension = DIMENSIONS[key]
    if key == "bulan":
        lines = lines.annotate(month=TruncMonth("sale__business_date"))
    return (
        lines.values(*dimension.fields)
        .annotate(**_measures())
        .annotate(
            margin=ExpressionWrapper(
                F("amount") - F("consignment"), output_field=DecimalField(**MONEY)
            )
        )
        .order_by(*dimension.order)
    )


def totals(lines) -> dict:
    result = lines.aggregate(**_measures())
    result = {k: v or (0 if k in ("units", "receipts") else Decimal(0)) for k, v in result.items()}
    result["margin"] = result["amount"] - result["consignment"]
    return result


def monthly_series(lines) -> list[dict]:
    """Amount and consignment value per month, oldest first (the chart's data)."""
    return list(
        lines.annotate(month=TruncMonth("sale__business_date"))
        .values("month")
        .annotate(amount=Sum("line_total"), consignment=Sum(consignment_value()))
        .order_by("month")
    )


def top_products(lines, limit: int = 10) -> list[dict]:
    return list(
        lines.values("product_id", "product__name", "group__name")
        .annotate(units=Sum("quantity"), amount=Sum("line_total"))
        .order_by("-units", "product__name")[:limit]
    )


def stock_on_hand(user, *, today: dt.date, outlet=None, regency=None, theme=None):
    """Stock rows the user may see with the recent pace of sales and the last day sold."""
    since = today - dt.timedelta(days=SLOW_WINDOW_DAYS)
    recent = (
        SaleLine.objects.visible_to(user)
        .filter(
            sale__outlet=OuterRef("outlet"),
            product=OuterRef("product"),
            sale__status=Sale.Status.COMPLETED,
            sale__business_date__gt=since,
        )
        .order_by()
        .values("product")
        .annotate(n=Sum("quantity"))
        .values("n")
    )
    last = (
        SaleLine.objects.visible_to(user)
        .filter(
            sale__outlet=OuterRef("outlet"),
            product=OuterRef("product"),
            sale__status=Sale.Status.COMPLETED,
        )
        .order_by()
        .values("product")
        .annotate(d=Max("sale__business_date"))
        .values("d")
    )
    rows = (
        Stock.objects.visible_to(user)
        .select_related("outlet__regency", "product__group")
        .annotate(
            sold_recent=Coalesce(Subquery(recent, output_field=IntegerField()), Value(0)),
            last_sold=Subquery(last),
        )
    )
    if outlet is not None:
        rows = rows.filter(outlet=outlet)
    if regency is not None:
        rows = rows.filter(outlet__regency=regency)
    if theme is not None:
        rows = rows.filter(product__group__theme=theme)
    return rows


def slow_movers(rows):
    """Stock that would last more than ``SLOW_COVER_DAYS`` at the pace of the recent window."""
    # sold / window × cover < quantity, kept in integers: sold × cover < quantity × window
    return rows.alias(
        pace=F("sold_recent") * SLOW_COVER_DAYS, cap=F("quantity") * SLOW_WINDOW_DAYS
    ).filter(quantity__gt=0, pace__lt=F("cap"))
