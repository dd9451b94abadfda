"""SAK EMKM-shaped statements built from a group's monthly bookkeeping reports.

SAK EMKM (the accounting standard for micro, small and medium entities) asks for a
profit-and-loss statement, a statement of financial position and notes. The monthly reports
hold exactly the lines those statements need; this module adds them up. Pure functions over
report rows: the caller fetches the rows (through ``visible_to``) in one query.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from core.months import add_months, month_range, month_start

# How far back a group's missing months are flagged (never before the group was formed).
MISSING_MONTHS_WINDOW = 12
# Months on the revenue and profit trend chart.
TREND_MONTHS = 12


@dataclass(frozen=True)
class ProfitAndLoss:
    """Laporan laba rugi over one or more months."""

    revenue: Decimal
    cost_of_goods: Decimal
    operating_costs: Decimal
    months: int

    @property
    def gross_profit(self) -> Decimal:
        return self.revenue - self.cost_of_goods

    @property
    def profit(self) -> Decimal:
        return self.gross_profit - self.operating_costs

    @property
    def is_loss(self) -> bool:
        return self.profit < 0


def profit_and_loss(reports) -> ProfitAndLoss:
    reports = list(reports)
    return ProfitAndLoss(
        revenue=sum((r.revenue for r in reports), Decimal(0)),
        cost_of_goods=sum((r.cost_of_goods for r in reports), Decimal(0)),
        operating_costs=sum((r.operating_costs for r in reports), Decimal(0)),
        months=len(reports),
    )


@dataclass(frozen=True)
class FinancialPosition:
    """Laporan posisi keuangan at the end of one month: assets = liabilities + equity."""

    month: dt.date
    cash: Decimal
    receivables: Decimal
    inventory: Decimal
    payables: Decimal

    @property
    def total_assets(self) -> Decimal:
        return self.cash + self.receivables + self.inventory

    @property
    def equity(self) -> Decimal:
        return self.total_assets - self.payables

    @property
    def liabilities_and_equity(self) -> Decimal:
        return self.payables + self.equity


def financial_position(report) -> FinancialPosition | None:
    if report is None:
        return None
    return FinancialPosition(
        month=report.month,
        cash=report.cash,
        receivables=report.receivables,
        inventory=report.inventory,
        payables=report.payables,
    )


def missing_months(
    reported: set[dt.date], *, formed_on: dt.date | None, today: dt.date
) -> list[dt.date]:
    """Complete months without a report: the last ``MISSING_MONTHS_WINDOW`` months, never
    before the group was formed. The running month is not yet due."""
    last = add_months(month_start(today), -1)
    start = add_months(last, -(MISSING_MONTHS_WINDOW - 1))
    if formed_on is not None:
        start = max(start, month_start(formed_on))
    return [m for m in month_range(start, last) if m not in reported]


def trend(reports, *, end: dt.date) -> dict:
    """Chart data for the last ``TREND_MONTHS`` months to ``end``; a missing month is a gap."""
    by_month = {r.month: r for r in reports}
    months = month_range(add_months(month_start(end), -(TREND_MONTHS - 1)), end)
    return {
        "labels": [m.strftime("%m/%Y") for m in months],
        "revenue": [int(by_month[m].revenue) if m in by_month else None for m in months],
        "profit": [int(by_month[m].profit) if m in by_month else None for m in months],
    }


@dataclass
class Statements:
    month: dt.date | None
    month_pl: ProfitAndLoss | None
    ytd_pl: ProfitAndLoss | None
    position: FinancialPosition | None
    report: object
    missing: list[dt.date]
    trend: dict
    months_available: list[dt.date]


def build(reports, *, month: dt.date | None, formed_on: dt.date | None, today: dt.date):
    """All statements for ``month`` (default: the latest reported month) from report rows."""
    reports = sorted(reports, key=lambda r: r.month)
    by_month = {r.month: r for r in reports}
    if month is None or month not in by_month:
        month = reports[-1].month if reports else None
    report = by_month.get(month)
    ytd = [r for r in reports if month and r.month.year == month.year and r.month <= month]
    return Statements(
        month=month,
        month_pl=profit_and_loss([report]) if report else None,
        ytd_pl=profit_and_loss(ytd) if ytd else None,
        position=financial_position(report),
        report=report,
        missing=missing_months(set(by_month), formed_on=formed_on, today=today),
        trend=trend(reports, end=add_months(month_start(today), -1)),
        months_available=[r.month for r in reversed(reports)],
    )
