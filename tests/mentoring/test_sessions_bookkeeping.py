"""Monthly bookkeeping: entry, one report a month, verification, statements, missing months."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.months import add_months
from mentoring import statements
from mentoring.models import BookkeepingReport
from mentoring.registry_sessions import bookkeeping_panel
from mentoring.services import bookkeeping as services
from tests import factories
from tests.mentoring.factories_sessions import BookkeepingReportFactory

pytestmark = pytest.mark.django_db


def row(month, revenue, cogs, opex, cash=0, receivables=0, inventory=0, payables=0):
    r = SimpleNamespace(
        month=month, revenue=Decimal(revenue), cost_of_goods=Decimal(cogs),
        operating_costs=Decimal(opex), cash=Decimal(cash), receivables=Decimal(receivables),
        inventory=Decimal(inventory), payables=Decimal(payables), is_verified=False,
    )  # fmt: skip
    r.profit = r.revenue - r.cost_of_goods - r.operating_costs
    return r


# --- statements arithmetic (pure) -------------------------------------------------------------


def test_profit_and_loss_month_and_year_to_date():
    rows = [
        row(dt.date(2023, 12, 1), 9_000, 1_000, 1_000),  # previous year: not in YTD
        row(dt.date(2024, 1, 1), 10_000, 6_000, 1_000),
        row(dt.date(2024, 2, 1), 8_000, 6_000, 3_000),  # a loss of 1.000
        row(dt.date(2024, 3, 1), 12_000, 7_000, 1_000, cash=5_000, receivables=1_000,
            inventory=2_000, payables=3_000),
        row(dt.date(2024, 4, 1), 1, 1, 1),  # after the chosen month: not in YTD
    ]  # fmt: skip
    st = statements.build(
        rows, month=dt.date(2024, 3, 1), formed_on=None, today=dt.date(2024, 5, 10)
    )
    assert st.month_pl.revenue == 12_000
    assert st.month_pl.gross_profit == 5_000
    assert st.month_pl.profit == 4_000
    assert st.ytd_pl.months == 3
    assert st.ytd_pl.revenue == 30_000
    assert st.ytd_pl.cost_of_goods == 19_000
    assert st.ytd_pl.operating_costs == 5_000
    assert st.ytd_pl.profit == 6_000
    assert st.position.total_assets == 8_000
    assert st.position.equity == 5_000
    assert st.position.liabilities_and_equity == st.position.total_assets


def test_loss_month_is_flagged():
    st = statements.build(
        [row(dt.date(2024, 2, 1), 8_000, 6_000, 3_000)],
        month=None,
        formed_on=None,
        today=dt.date(2024, 3, 2),
    )
    assert st.month == dt.date(2024, 2, 1)
    assert st.month_pl.is_loss and st.month_pl.profit == -1_000


def test_missing_months_last_twelve_but_not_before_formed():
    today = dt.date(2024, 6, 15)
    reported = {dt.date(2024, 5, 1), dt.date(2024, 3, 1)}
    missing = statements.missing_months(reported, formed_on=dt.date(2024, 1, 20), today=today)
    assert missing == [dt.date(2024, 1, 1), dt.date(2024, 2, 1), dt.date(2024, 4, 1)]
    old = statements.missing_months(set(), formed_on=dt.date(2010, 1, 1), today=today)
    assert len(old) == 12
    assert old[0] == dt.date(2023, 6, 1) and old[-1] == dt.date(2024, 5, 1)


def test_trend_has_gaps_for_missing_months():
    rows = [row(dt.date(2024, 5, 1), 10, 2, 3), row(dt.date(2024, 3, 1), 20, 30, 0)]
    data = statements.trend(rows, end=dt.date(2024, 5, 1))
    assert len(data["labels"]) == 12 and data["labels"][-1] == "05/2024"
    assert data["revenue"][-1] == 10 and data["profit"][-1] == 5
    assert data["revenue"][-2] is None
    assert data["profit"][-3] == -10


# --- services and pages -----------------------------------------------------------------------


def form_data(**overrides):
    data = {
        "month": "2024-05",
        "revenue": "12.500.000",
        "cost_of_goods": "Rp 7.000.000",
        "operating_costs": "1500000",
        "cash": "2.000.000",
        "receivables": "500.000",
        "inventory": "1.000.000",
        "payables": "4.000.000",
        "keeps_cash_book": "on",
        "keeps_sales_book": "on",
        "method": "app",
    }
    data.update(overrides)
    return data


def test_mentor_enters_a_report_with_computed_figures(client, world):
    client.force_login(world.mentor)
    url = reverse("mentoring:report_create", args=[world.group.pk])
    response = client.post(url, form_data())
    report = BookkeepingReport.objects.get()
    assert response["Location"] == report.get_absolute_url()
    assert report.month == dt.date(2024, 5, 1)
    assert report.profit == 4_000_000
    assert report.equity == -500_000
    assert report.entered_by == world.mentor
    assert not report.is_verified


def test_second_report_for_the_month_is_a_friendly_error(client, world):
    BookkeepingReportFactory(group=world.group, month=dt.date(2024, 5, 1))
    client.force_login(world.mentor)
    response = client.post(reverse("mentoring:report_create", args=[world.group.pk]), form_data())
    assert response.status_code == 200
    assert "sudah punya laporan" in str(response.context["form"].errors["month"])
    assert BookkeepingReport.objects.count() == 1


def test_service_turns_a_race_on_the_month_into_a_message(world):
    BookkeepingReportFactory(group=world.group, month=dt.date(2024, 5, 1))
    with pytest.raises(ValidationError, match="sudah punya laporan"):
        services.report_create(group=world.group, month=dt.date(2024, 5, 1), user=world.mentor)


def test_negative_amount_and_future_month_are_form_errors(client, world):
    client.force_login(world.mentor)
    url = reverse("mentoring:report_create", args=[world.group.pk])
    next_month = add_months(timezone.localdate().replace(day=1), 1)
    response = client.post(url, form_data(revenue="-5", month=next_month.strftime("%Y-%m")))
    errors = response.context["form"].errors
    assert "revenue" in errors and "month" in errors
    assert not BookkeepingReport.objects.exists()


def test_foreign_group_report_is_404_and_service_refuses(client, world):
    client.force_login(world.mentor)
    url = reverse("mentoring:report_create", args=[world.other_group.pk])
    assert client.post(url, form_data()).status_code == 404
    with pytest.raises(PermissionDenied):
        services.report_create(
            group=world.other_group, month=dt.date(2024, 5, 1), user=world.mentor
        )
    with pytest.raises(PermissionDenied):
        services.report_create(group=world.group, month=dt.date(2024, 5, 1), user=world.official)


def test_verify_and_changed_figures_need_verifying_again(client, world):
    report = BookkeepingReportFactory(group=world.group)
    client.force_login(world.mentor)
    client.post(reverse("mentoring:report_verify", args=[report.pk]))
    report.refresh_from_db()
    assert report.verified_by == world.mentor and report.is_verified
    data = form_data(revenue="20.000.000")
    del data["month"]
    client.post(reverse("mentoring:report_update", args=[report.pk]), data)
    report.refresh_from_db()
    assert report.revenue == 20_000_000 and report.profit == 20_000_000 - 8_500_000
    assert not report.is_verified
    services.report_verify(report=report, user=world.mentor)
    with pytest.raises(ValidationError, match="sudah diverifikasi"):
        services.report_verify(report=report, user=world.mentor)


def test_report_list_filters(client, world):
    BookkeepingReportFactory(group=world.group, month=dt.date(2024, 4, 1), revenue=0)
    BookkeepingReportFactory(group=world.group, month=dt.date(2024, 5, 1))
    BookkeepingReportFactory(group=world.other_group, month=dt.date(2024, 5, 1))
    client.force_login(world.official)
    url = reverse("mentoring:report_list")
    assert client.get(url).context["paginator"].count == 3
    assert client.get(url, {"rugi": "ya"}).context["paginator"].count == 1
    assert client.get(url, {"bulan": "5", "tahun": "2024"}).context["paginator"].count == 2
    client.force_login(world.mentor)
    assert client.get(url).context["paginator"].count == 2


def test_group_list_flags_missing_months(client, world):
    last = add_months(timezone.localdate().replace(day=1), -1)
    BookkeepingReportFactory(group=world.group, month=last)
    client.force_login(world.mentor)
    response = client.get(reverse("mentoring:group_report_list", args=[world.group.pk]))
    assert len(response.context["missing"]) == 11
    assert last not in response.context["missing"]


def test_profile_panel_and_statements_page(client, world):
    last = add_months(timezone.localdate().replace(day=1), -1)
    BookkeepingReportFactory(group=world.group, month=last, revenue=10_000_000)
    client.force_login(world.official)
    content = client.get(reverse("groups:group_detail", args=[world.group.pk])).content.decode()
    assert 'data-testid="profit-and-loss"' in content
    assert "vendor/chartjs/chart.umd.min.js" in content
    assert f'id="trend-{world.group.pk}"' in content  # json_script data, no inline code
    assert "Laporan pembukuan" in content  # the timeline entry
    response = client.get(
        reverse("mentoring:group_statements", args=[world.group.pk]),
        {"bulan": last.strftime("%Y-%m")},
    )
    assert response.context["st"].month == last
    assert response.context["st"].month_pl.profit == 1_000_000


def test_bookkeeping_panel_only_for_officials_and_mentors(world):
    BookkeepingReportFactory(group=world.group)
    assert bookkeeping_panel(world.group, world.official)["st"].month is not None
    assert bookkeeping_panel(world.group, world.perusda) is None
    assert bookkeeping_panel(world.group, world.clerk) is None


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _reports(groups, months):
    for group in groups:
        for i in range(months):
            BookkeepingReportFactory(group=group, month=dt.date(2022 + i // 12, i % 12 + 1, 1))


@pytest.mark.parametrize("role", ["official", "mentor"])
def test_report_list_and_profile_run_constant_queries(client, world, role):
    client.force_login(getattr(world, role))
    list_url = reverse("mentoring:report_list")
    profile = reverse("groups:group_detail", args=[world.group.pk])
    statements_url = reverse("mentoring:group_statements", args=[world.group.pk])
    _reports([world.group, world.other_group], 2)
    few = [_count(client, u) for u in (list_url, profile, statements_url)]
    extra = factories.IkmGroupFactory()
    factories.MentorAssignmentFactory(mentor=world.mentor, group=extra)
    BookkeepingReport.objects.all().delete()
    _reports([world.group, world.other_group, extra], 20)
    assert [_count(client, u) for u in (list_url, profile, statements_url)] == few
