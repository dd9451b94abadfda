"""At phone width, pendamping1 logs a session with attendance, submits it and enters a month,
and the group's credit readiness changes with it.

The steps are helper functions so that later journeys (credit readiness) can continue from
them: ``log_session`` and ``enter_monthly_report`` return what they made.
"""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from accounts.demo import DEMO_PASSWORD
from groups.models import IkmGroup
from mentoring.models import MentoringSession


def set_value(pages, name, value):
    """Date and month pickers differ by locale; set their ISO value directly."""
    field = pages.find(f"[name='{name}']")
    pages.driver.execute_script("arguments[0].value = arguments[1];", field, value)


def visible(pages, css):
    return [e for e in pages.driver.find_elements(By.CSS_SELECTOR, css) if e.is_displayed()]


def log_session(pages) -> dict:
    """Record a session with two members present and one follow-up, then submit it."""
    pages.open("/pendampingan/sesi/")
    pages.navigate(pages.wait_for("[data-testid='session-create']"), "[data-testid='session-form']")
    assert pages.horizontal_overflow() <= 0, "the session form is wider than the phone"
    group_select = Select(pages.find("[name='group']"))
    option = next(o for o in group_select.options if o.get_attribute("value"))
    group_pk, group_label = option.get_attribute("value"), option.text
    group_select.select_by_value(group_pk)

    topic = pages.find("#id_topics_0")
    pages.tap(pages.find("label[for='id_topics_0']"))  # Pembukuan
    assert pages.eventually(topic.is_selected)
    pages.fill("summary", "Memeriksa buku kas dan menyusun laporan laba rugi.")
    # The form's script shows only the chosen group's members.
    pages.eventually(
        lambda: any(
            b.get_attribute("data-group") == group_pk
            for b in visible(pages, "[data-testid='attendees'] input[type='checkbox']")
        )
    )
    boxes = visible(pages, "[data-testid='attendees'] input[type='checkbox']")
    assert len(boxes) >= 2, "the chosen group's members are shown"
    assert all(b.get_attribute("data-group") == group_pk for b in boxes)
    names = []
    for box in boxes[:2]:
        pages.tap(box)
        assert pages.eventually(box.is_selected)
        names.append(pages.find(f"label[for='{box.get_attribute('id')}']").text)
    pages.fill("tl-0-action", "Mencatat penjualan harian")
    due = timezone.localdate() + dt.timedelta(days=14)
    set_value(pages, "tl-0-due_on", due.isoformat())
    pages.screenshot("session-form-phone")
    status = pages.navigate(
        pages.find("[data-testid='save-submit']"), "[data-testid='session-status']"
    )
    assert "Diajukan" in status.text
    attendees = pages.find("[data-testid='attendee-list']").text
    assert all(name in attendees for name in names)
    assert "Mencatat penjualan harian" in pages.find("[data-testid='follow-up-list']").text
    assert pages.horizontal_overflow() <= 0
    pages.screenshot("session-submitted-phone")
    return {"group_pk": group_pk, "group_label": group_label, "attendees": names}


def enter_monthly_report(pages, group_pk) -> dict:
    """Enter and verify this month's report for the group; returns the month and profit."""
    pages.open(f"/pendampingan/kelompok/{group_pk}/pembukuan/")
    pages.navigate(pages.wait_for("[data-testid='report-create']"), "[data-testid='report-form']")
    assert pages.horizontal_overflow() <= 0, "the report form is wider than the phone"
    month = timezone.localdate().replace(day=1)
    set_value(pages, "month", month.strftime("%Y-%m"))
    for name, value in {
        "revenue": "15.000.000",
        "cost_of_goods": "8.000.000",
        "operating_costs": "2.000.000",
        "cash": "3.000.000",
        "receivables": "500.000",
        "inventory": "1.500.000",
        "payables": "1.000.000",
    }.items():
        pages.fill(name, value)
    for name in ("keeps_cash_book", "keeps_sales_book", "verify"):
        box = pages.find(f"[name='{name}']")
        if not box.is_selected():
            pages.tap(box)
            assert pages.eventually(box.is_selected), name
    profit = pages.navigate(pages.find("[data-testid='save']"), "[data-testid='profit']")
    assert profit.text == "Rp 5.000.000"
    assert pages.find("[data-testid='equity']").text == "Rp 4.000.000"
    assert pages.find("[data-testid='verified']").is_displayed()
    assert pages.horizontal_overflow() <= 0
    pages.screenshot("report-saved-phone")
    return {"month": month, "profit": 5_000_000}


def check_profile_statements(pages, group_pk):
    """The profile shows this month's statement and draws the trend chart (external JS)."""
    pages.open(f"/kelompok/{group_pk}/")
    pages.wait_for("[data-testid='profit-and-loss']")
    assert "Rp 5.000.000" in pages.find("[data-testid='month-profit']").text
    drawn = pages.eventually(
        lambda: pages.driver.execute_script(
            "var c = document.querySelector('canvas[data-trend-chart]');"
            "return !!(c && c.dataset.drawn && window.Chart);"
        )
    )
    assert drawn, "the trend chart was drawn by the vendored Chart.js"


def readiness_status(pages, group_pk) -> tuple[str, dict[str, str]]:
    """The score and each criterion's status as the group's readiness page shows them."""
    pages.open(f"/pendampingan/kesiapan/kelompok/{group_pk}/")
    score = pages.wait_for("[data-testid='readiness-score']").text
    items = pages.driver.find_elements(By.CSS_SELECTOR, "[data-criterion]")
    return score, {i.get_attribute("data-criterion"): i.get_attribute("data-status") for i in items}


def first_group_without_recent_sessions(username) -> int:
    """The group the session form offers first, its sessions moved back before the window so
    that the new session is what makes the criterion pass."""

    from tests.factories import PASSWORD  # noqa: F401  (same accounts as the demo)

    mentor = get_user_model().objects.get(username=username)
    group = IkmGroup.objects.visible_to(mentor).active().order_by("code").first()
    long_ago = timezone.localdate() - dt.timedelta(days=200)
    MentoringSession.objects.filter(group=group).update(held_on=long_ago)
    return group.pk


@pytest.mark.django_db(transaction=True)
def test_mentor_logs_session_and_monthly_report(pages, demo_data):
    group_pk = first_group_without_recent_sessions("pendamping1")
    pages.phone()
    pages.login("pendamping1", DEMO_PASSWORD)
    score_before, before = readiness_status(pages, group_pk)
    assert before["session"] == "fail", "no session in the last three months yet"

    session = log_session(pages)
    assert session["group_pk"] == str(group_pk)
    enter_monthly_report(pages, session["group_pk"])
    check_profile_statements(pages, session["group_pk"])

    score_after, after = readiness_status(pages, group_pk)
    assert after["session"] == "pass", "the submitted session counts for readiness"
    assert score_after != score_before
    assert pages.horizontal_overflow() <= 0
