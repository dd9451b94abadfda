"""seed_scale: the shape follows N, rows are valid, a second run is refused."""

import datetime as dt
import io

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import F, Sum

from benchmarks import scale
from core import roles
from groups.models import IkmGroup, Member, Product
from groups.validators import validate_nik
from marketing.models import (
    DailyClosing,
    Outlet,
    OutletStaff,
    Sale,
    SaleLine,
    Settlement,
    Stock,
    StockEntry,
)
from mentoring.models import BookkeepingReport, MentorAssignment, MentoringSession
from tests.marketing.trade_helpers import assert_summary_matches_lines

pytestmark = pytest.mark.django_db

END = dt.date(2026, 6, 30)


def seed(n=3_000, seed=7):
    call_command("seed_scale", sales=n, seed=seed, end=END, stdout=io.StringIO())


def test_sizes_follow_n():
    assert scale.Sizes.for_sales(1_000_000) == scale.Sizes(
        sales_lines=1_000_000,
        groups=2000,
        members_per_group=15,
        outlets=200,
        products_per_group=2.5,
        days=1095,
        mentors=200,
    )


def test_seed_scale_builds_valid_rows_and_accounts():
    seed()
    sizes = scale.Sizes.for_sales(3_000)
    groups = IkmGroup.objects.filter(code__startswith="SK-")
    assert groups.count() == sizes.groups
    members = Member.objects.filter(group__in=groups)
    assert 10 * sizes.groups <= members.count() <= 20 * sizes.groups
    niks = list(members.values_list("nik", flat=True))
    assert len(set(niks)) == len(niks)
    for nik in niks[:500]:
        validate_nik(nik)
    assert Product.objects.filter(group__in=groups).count() >= sizes.groups
    assert Outlet.objects.filter(code__startswith="SK-").count() == sizes.outlets
    assert OutletStaff.objects.count() == sizes.outlets
    assert MentorAssignment.objects.count() == sizes.groups
    official = User.objects.get(username="sk_pejabat")
    assert official.check_password(scale.DEFAULT_PASSWORD)
    assert roles.is_official(official)
    mentor = User.objects.get(username="sk_pendamping001")
    assert IkmGroup.objects.visible_to(mentor).count() == sizes.groups // sizes.mentors
    clerk = User.objects.get(username="sk_kasir001")
    assert Outlet.objects.visible_to(clerk).count() == 1
    assert User.objects.get(username="sk_admin").is_superuser
    # Trade: exactly N lines, totals add up, the ledger ends where the stock is.
    assert SaleLine.objects.count() == 3_000
    assert not Sale.objects.annotate(s=Sum("lines__line_total")).exclude(total=F("s")).exists()
    assert not Stock.objects.filter(quantity__lt=0).exists()
    # Read in time order, every entry's balance is the running sum, and the last is the stock.
    running: dict[tuple[int, int], int] = {}
    entries = StockEntry.objects.order_by("outlet", "product", "created_at", "id").values_list(
        "outlet", "product", "quantity", "balance_after"
    )
    for outlet, product, quantity, balance_after in entries:
        running[(outlet, product)] = running.get((outlet, product), 0) + quantity
        assert running[(outlet, product)] == balance_after, (outlet, product)
    stocks = dict(
        ((o, p), q) for o, p, q in Stock.objects.values_list("outlet", "product", "quantity")
    )
    assert running == stocks
    assert Sale.objects.filter(status="void").exists()
    assert_summary_matches_lines()
    assert DailyClosing.objects.exists() and Settlement.objects.exists()
    assert BookkeepingReport.objects.exists() and MentoringSession.objects.exists()
    # New rows after the explicit keys get fresh ones (sequences were moved on).
    IkmGroup.objects.create(
        code="NEW-1", name="Baru", theme=groups[0].theme, kelurahan=groups[0].kelurahan,
        formed_on=END,
    )  # fmt: skip


def _snapshot():
    return (
        list(Member.objects.order_by("pk").values_list("pk", "name", "nik", "sex", "joined_on")),
        list(Product.objects.order_by("pk").values_list("pk", "name", "base_price")),
    )


def test_same_seed_same_rows_and_a_second_run_is_refused():
    with transaction.atomic():
        seed(seed=11)
        first = _snapshot()
        transaction.set_rollback(True)
    with transaction.atomic():
        seed(seed=12)
        other = _snapshot()
        transaction.set_rollback(True)
    seed(seed=11)
    assert _snapshot() == first
    assert other != first
    with pytest.raises(CommandError):
        seed(seed=11)
