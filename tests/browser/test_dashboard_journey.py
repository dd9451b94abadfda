"""An official opens the dashboard, clicks the overdue-settlements figure, lands on that list."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.demo import DEMO_PASSWORD
from groups.models import IkmGroup
from marketing.models import Settlement


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone-360"])
def test_official_follows_the_overdue_figure_to_its_list(pages, demo_data, phone):
    today = timezone.localdate()
    overdue = Settlement.objects.overdue(today).count()
    if not overdue:  # the journey needs something late, whatever the demo's calendar says
        group = IkmGroup.objects.order_by("code").first()
        month = (today.replace(day=1) - dt.timedelta(days=400)).replace(day=1)
        Settlement.objects.create(
            group=group,
            month=month,
            gross_amount=125000,
            amount_due=125000,
            due_on=today - dt.timedelta(days=5),
        )
        overdue = 1
    if phone:
        pages.phone()
    pages.login("pejabat", DEMO_PASSWORD)
    pages.open("/dasbor/")
    figure = pages.wait_for("[data-testid='kpi-overdue']")
    assert figure.text.strip() == str(overdue)
    assert pages.horizontal_overflow() <= 0, "the dashboard is wider than the window"
    total = pages.navigate(figure, "[data-testid='overdue-total']")
    assert pages.driver.current_url.endswith("/pemasaran/pembayaran/terlambat/")
    assert str(overdue) in total.text
    rows = pages.driver.find_elements("css selector", "[data-testid='overdue-table'] tbody tr")
    assert len(rows) == min(overdue, 50)
