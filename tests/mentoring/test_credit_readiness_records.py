"""Readiness criteria read from bookkeeping reports and mentoring sessions, at their boundaries.

Today is 15 July 2025 throughout: the last complete month is June 2025.
"""

import datetime as dt

import pytest
from django.utils import timezone

from mentoring import readiness
from mentoring.models import MentoringSession, ReadinessRule
from mentoring.readiness import FAIL, PASS
from tests import factories
from tests.mentoring.factories_sessions import BookkeepingReportFactory, MentoringSessionFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 7, 15)
PROFIT, LOSS, ZERO = 12_000_000, 1_000_000, 9_000_000  # revenue giving a profit, loss, nothing


def result(group, code, rule=None):
    evaluated = readiness.evaluate([group], today=TODAY, rule=rule)[group.pk]
    return next(r for r in evaluated.results if r.code == code)


def month(year, number):
    return dt.date(year, number, 1)


def reports(group, months, *, verified=True, revenue=PROFIT, **fields):
    verifier = factories.UserFactory(username="verifikator", role="pendamping")
    for first in months:
        BookkeepingReportFactory(
            group=group,
            month=first,
            verified_at=timezone.now() if verified else None,
            verified_by=verifier if verified else None,
            revenue=revenue,
            **fields,
        )


# --- consecutive verified reports -----------------------------------------------------------

JAN_TO_JUN = [month(2025, m) for m in range(1, 7)]


def test_six_consecutive_verified_months_pass():
    group = factories.IkmGroupFactory()
    reports(group, JAN_TO_JUN)
    bookkeeping = result(group, "bookkeeping")
    assert bookkeeping.status == PASS
    assert "6 bulan" in bookkeeping.evidence


def test_five_consecutive_verified_months_fail():
    group = factories.IkmGroupFactory()
    reports(group, JAN_TO_JUN[1:])
    bookkeeping = result(group, "bookkeeping")
    assert bookkeeping.status == FAIL
    assert "Baru 5 bulan" in bookkeeping.missing


def test_a_month_without_a_report_breaks_the_run():
    group = factories.IkmGroupFactory()
    reports(group, [month(2024, m) for m in range(9, 13)] + [month(2025, m) for m in (1, 2)])
    reports(group, [month(2025, m) for m in (4, 5, 6)])  # March missing
    assert result(group, "bookkeeping").status == FAIL
    assert "Baru 3 bulan" in result(group, "bookkeeping").missing


def test_an_unverified_month_breaks_the_run():
    group = factories.IkmGroupFactory()
    reports(group, [m for m in JAN_TO_JUN if m.month != 3])
    reports(group, [month(2025, 3)], verified=False)
    reports(group, [month(2024, 12)])
    assert result(group, "bookkeeping").status == FAIL


def test_the_run_must_reach_the_last_complete_month():
    group = factories.IkmGroupFactory()
    reports(group, [month(2024, m) for m in range(6, 13)] + [month(2025, m) for m in (1, 2)])
    bookkeeping = result(group, "bookkeeping")  # nothing since February
    assert bookkeeping.status == FAIL
    assert "Baru 0 bulan" in bookkeeping.missing


def test_a_verified_report_of_the_current_month_counts():
    group = factories.IkmGroupFactory()
    reports(group, JAN_TO_JUN[1:] + [month(2025, 7)])  # February to July
    assert result(group, "bookkeeping").status == PASS


def test_consecutive_months_threshold_is_data():
    group = factories.IkmGroupFactory()
    reports(group, JAN_TO_JUN[2:])
    assert result(group, "bookkeeping", ReadinessRule(consecutive_verified_reports=4)).passed


# --- cash and sales books -------------------------------------------------------------------


def test_books_read_from_the_latest_report():
    group = factories.IkmGroupFactory()
    reports(group, [month(2025, 5)], keeps_sales_book=False)
    reports(group, [month(2025, 6)])
    assert result(group, "books").status == PASS


@pytest.mark.parametrize(
    ("cash", "sales", "lacking"),
    [(False, True, "buku kas"), (True, False, "buku penjualan"), (False, False, " dan ")],
)
def test_books_missing_in_the_latest_report_fail(cash, sales, lacking):
    group = factories.IkmGroupFactory()
    reports(group, [month(2025, 5)])
    reports(group, [month(2025, 6)], keeps_cash_book=cash, keeps_sales_book=sales)
    books = result(group, "books")
    assert books.status == FAIL
    assert lacking in books.missing


def test_books_without_any_report_fail():
    assert result(factories.IkmGroupFactory(), "books").status == FAIL


# --- profit in the last six months ----------------------------------------------------------


def test_profit_in_four_of_the_last_six_months_passes():
    group = factories.IkmGroupFactory()
    reports(group, JAN_TO_JUN[:4])
    reports(group, JAN_TO_JUN[4:], revenue=LOSS)
    assert result(group, "profit").status == PASS


def test_profit_in_three_of_the_last_six_months_fails():
    group = factories.IkmGroupFactory()
    reports(group, JAN_TO_JUN[:3])
    reports(group, JAN_TO_JUN[3:], revenue=LOSS)
    profit = result(group, "profit")
    assert profit.status == FAIL
    assert "Berlaba 3 dari 6" in profit.missing


def test_a_month_breaking_even_is_not_profitable():
    group = factories.IkmGroupFactory()
    reports(group, JAN_TO_JUN[:3])
    reports(group, JAN_TO_JUN[3:4], revenue=ZERO)
    reports(group, JAN_TO_JUN[4:], revenue=LOSS)
    assert result(group, "profit").status == FAIL


def test_profit_outside_the_window_does_not_count():
    group = factories.IkmGroupFactory()
    reports(group, JAN_TO_JUN[:3])
    reports(group, [month(2024, 12), month(2025, 7)])  # before the window, current month
    profit = result(group, "profit")
    assert profit.status == FAIL
    assert "3 bulan tanpa laporan" in profit.missing


def test_unverified_reports_count_for_profit():
    group = factories.IkmGroupFactory()
    reports(group, JAN_TO_JUN[:4], verified=False)
    assert result(group, "profit").status == PASS


# --- a mentoring session in the last three months -------------------------------------------


def session(group, held_on, status=MentoringSession.Status.SUBMITTED):
    extra = {}
    if status == MentoringSession.Status.APPROVED:
        extra = {"reviewed_by": factories.UserFactory(), "reviewed_at": timezone.now()}
    if status == MentoringSession.Status.RETURNED:
        extra = {"review_note": "Lengkapi daftar hadir"}
    return MentoringSessionFactory(group=group, held_on=held_on, status=status, **extra)


def test_session_exactly_three_months_ago_passes():
    group = factories.IkmGroupFactory()
    session(group, dt.date(2025, 4, 15))
    assert result(group, "session").status == PASS


def test_session_three_months_and_a_day_ago_fails():
    group = factories.IkmGroupFactory()
    session(group, dt.date(2025, 4, 14))
    missing = result(group, "session").missing
    assert result(group, "session").status == FAIL
    assert "14 Apr 2025" in missing or "14 April 2025" in missing


@pytest.mark.parametrize(
    ("status", "counts"),
    [("approved", True), ("submitted", True), ("draft", False), ("returned", False)],
)
def test_only_submitted_or_approved_sessions_count(status, counts):
    group = factories.IkmGroupFactory()
    session(group, dt.date(2025, 7, 1), status=status)
    assert (result(group, "session").status == PASS) is counts


def test_session_window_is_data():
    group = factories.IkmGroupFactory()
    session(group, dt.date(2025, 3, 1))
    assert result(group, "session").status == FAIL
    assert result(group, "session", ReadinessRule(session_within_months=5)).status == PASS


# --- everything together --------------------------------------------------------------------


def test_a_group_with_complete_records_is_ready():
    group = factories.IkmGroupFactory(formed_on=dt.date(2020, 1, 1))
    factories.MemberFactory(group=group)
    factories.LegalDocumentFactory(group=group, kind="nib")
    reports(group, JAN_TO_JUN)
    session(group, dt.date(2025, 7, 1))
    evaluated = readiness.evaluate([group], today=TODAY)[group.pk]
    codes = {r.code: r.status for r in evaluated.results}
    sales = codes.pop("outlet_sales", None)  # no sales through outlets in this test
    assert set(codes.values()) == {PASS, "na"}
    assert sales in (None, FAIL)
    assert evaluated.percent == round(100 * evaluated.passed / evaluated.applicable)
