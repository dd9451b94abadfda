"""Yearly program targets against the actuals the records show."""

import datetime as dt
from decimal import Decimal

from django import forms
from django.db import transaction
from django.utils import timezone

from core.months import add_months, month_range, month_start
from groups.forms.fields import RupiahField
from program import dashboard
from program.models import Metric, ProgramTarget

__all__ = ["Metric", "TargetForm", "actual_for", "rows_for", "save_targets", "target_value"]


def target_value(year: int, metric: str) -> Decimal | None:
    # scoping: ok (targets are program-wide figures; the pages are gated by role)
    row = ProgramTarget.objects.filter(year=year, metric=metric).values_list("value", flat=True)
    return row.first()


def _year_filters(year: int) -> dashboard.Filters:
    today = timezone.localdate()
    end = min(dt.date(year, 12, 31), today)
    return dashboard.Filters(start=dt.date(year, 1, 1), end=max(end, dt.date(year, 1, 1)))


def _groups_mandiri(user, year: int) -> Decimal:
    filters = _year_filters(year)
    if filters.end < filters.start:
        return Decimal(0)
    funnel = dashboard.stage_funnel(user, filters, [filters.end])
    return Decimal(funnel[0]["reached"][-1])


def _outlet_sales(user, year: int) -> Decimal:
    filters = _year_filters(year)
    return dashboard.sales_total(user, filters, filters.start, filters.end)["amount"]


def _bookkeeping_coverage(user, year: int) -> Decimal:
    """Reports received as a share of the reports due: active groups × months elapsed."""
    from mentoring.models import BookkeepingReport

    filters = _year_filters(year)
    today = timezone.localdate()
    if filters.start > today:
        return Decimal(0)
    # A month's report is due once the month is over.
    last_due = month_start(filters.end)
    if filters.end >= today:
        last_due = add_months(month_start(today), -1)
    months = len(month_range(filters.start, last_due)) if last_due >= filters.start else 0
    groups = dashboard.groups_for(user, filters)
    due = groups.count() * months
    if not due:
        return Decimal(0)
    received = (
        BookkeepingReport.objects.visible_to(user)
        .filter(group__in=groups.values("pk"), month__range=(filters.start, last_due))
        .count()
    )
    return (Decimal(100) * received / due).quantize(Decimal(1))


def _members_trained(user, year: int) -> Decimal:
    filters = _year_filters(year)
    return Decimal(dashboard.training_summary(user, filters)["members"])


def _credit_granted(user, year: int) -> Decimal:
    filters = _year_filters(year)
    return Decimal(dashboard.credit_summary(user, filters)["groups"])


ACTUALS = {
    Metric.MEMBERS_TRAINED: _members_trained,
    Metric.CREDIT_DISBURSED: _credit_granted,
    Metric.GROUPS_MANDIRI: _groups_mandiri,
    Metric.OUTLET_SALES: _outlet_sales,
    Metric.BOOKKEEPING_COVERAGE: _bookkeeping_coverage,
}


def actual_for(user, year: int, metric: str) -> Decimal | None:
    compute = ACTUALS.get(metric)
    return None if compute is None else Decimal(compute(user, year))


def rows_for(user, year: int) -> list[dict]:
    set_targets = dict(
        ProgramTarget.objects.visible_to(user).filter(year=year).values_list("metric", "value")
    )
    rows = []
    for metric, label in Metric.choices:
        target = set_targets.get(metric)
        actual = actual_for(user, year, metric)
        percent = None
        if target and actual is not None:
            percent = int((Decimal(100) * actual / target).quantize(Decimal(1)))
        rows.append(
            {
                "metric": metric,
                "label": label,
                "target": target,
                "actual": actual,
                "percent": percent,
                "met": target is not None and actual is not None and actual >= target,
            }
        )
    return rows


PERCENT_METRICS = {Metric.BOOKKEEPING_COVERAGE}
# Typed like every other amount of money in the app (150.000 or 150,000, never a decimal).
RUPIAH_METRICS = {Metric.OUTLET_SALES}


class TargetForm(forms.Form):
    """One optional number per metric for a year; an empty field removes that target."""

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        # scoping: ok (the officials' target form; gated by role)
        current = dict(ProgramTarget.objects.filter(year=year).values_list("metric", "value"))
        for metric, label in Metric.choices:
            field_class = RupiahField if metric in RUPIAH_METRICS else forms.DecimalField
            self.fields[metric] = field_class(
                label=label,
                required=False,
                min_value=0,
                max_value=100 if metric in PERCENT_METRICS else Decimal("9" * 15),
                max_digits=16,  # ProgramTarget.value
                decimal_places=0,
                initial=current.get(metric),
            )


@transaction.atomic
def save_targets(year: int, values: dict, user) -> None:
    for metric in Metric.values:
        value = values.get(metric)
        if value is None:
            # scoping: ok (the officials' target form; gated by role)
            ProgramTarget.objects.filter(year=year, metric=metric).delete()
            continue
        # scoping: ok (the officials' target form; gated by role)
        ProgramTarget.objects.update_or_create(
            year=year, metric=metric, defaults={"value": value, "set_by": user}
        )
