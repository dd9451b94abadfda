"""The official dashboard's one-pass sales figures equal the figures computed one by one."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from core.months import add_months, month_start
from program import dashboard

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("start_months_back", [None, 15])
def test_sales_figures_match_the_separate_queries(official, start_months_back):
    today = timezone.localdate()
    call_command("seed_scale", sales=1500, days=500, end=today, stdout=io.StringIO())
    data = {}
    if start_months_back:
        start = add_months(month_start(today), -start_months_back)
        data = {"start": start.strftime("%Y-%m")}
    form = dashboard.DashboardFilterForm(data or None, user=official)
    filters = form.filters()
    if start_months_back:
        assert filters.start < filters.year_to_date[0]
    figures = dashboard.sales_figures(official, filters)
    assert figures["monthly"] == dashboard.monthly_sales(official, filters)
    by_regency = dashboard.sales_by_regency(official, filters)
    assert sorted((r["name"], r["amount"]) for r in figures["by_regency"]) == sorted(
        (r["name"], r["amount"]) for r in by_regency
    )
    assert [r["amount"] for r in figures["by_regency"]] == [r["amount"] for r in by_regency]
    assert figures["month"] == dashboard.sales_total(official, filters, *filters.month)
    assert figures["ytd"] == dashboard.sales_total(official, filters, *filters.year_to_date)
    assert figures["ytd"]["amount"] > 0 and sum(m["amount"] for m in figures["monthly"]) > 0
