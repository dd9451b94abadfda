"""Clerks selling the same last units at the same moment, on PostgreSQL (real row locks).

Each worker is a thread with its own database connection, started together behind a barrier.
SQLite serialises every write, so these tests only mean something on PostgreSQL.
"""

import threading
import uuid
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from marketing.models import Sale, StockEntry
from marketing.services import trade as services
from tests import factories
from tests.marketing.trade_helpers import (
    assert_ledger_matches_stock,
    assert_summary_matches_lines,
    priced_product,
    shelve,
    stock_of,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def run_together(jobs):
    """Run every job in its own thread and connection, all released at once; outcome per job."""
    barrier = threading.Barrier(len(jobs))
    outcomes = [None] * len(jobs)

    def worker(index, job):
        try:
            barrier.wait(timeout=30)
            job()
            outcomes[index] = "sold"
        except ValidationError as error:
            outcomes[index] = "refused" if "Stok tidak cukup" in str(error) else repr(error)
        except Exception as error:  # noqa: BLE001 - any other failure must show in the assert
            outcomes[index] = repr(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


@pytest.fixture
def counter(world):
    product = priced_product(world.group, retail=15000)
    return world, product


def test_several_workers_sell_exactly_the_units_available(counter):
    world, product = counter
    shelve(world.outlet, product, 5)
    clerks = [world.clerk]
    for _ in range(3):
        clerk = factories.UserFactory(role="kasir")
        factories.OutletStaffFactory(user=clerk, outlet=world.outlet)
        clerks.append(clerk)

    def sale(clerk, quantity):
        return lambda: services.sale_record(
            clerk=clerk,
            outlet=world.outlet,
            lines=[(product.pk, quantity)],
            idempotency_key=uuid.uuid4(),
        )

    jobs = [sale(clerks[i % len(clerks)], 1 if i % 2 else 2) for i in range(8)]
    outcomes = run_together(jobs)

    assert set(outcomes) <= {"sold", "refused"}, outcomes
    sold_units = sum((1 if i % 2 else 2) for i, outcome in enumerate(outcomes) if outcome == "sold")
    sales = Sale.objects.filter(outlet=world.outlet)
    units = sum(line.quantity for sale in sales for line in sale.lines.all())
    assert units == sold_units
    assert stock_of(world.outlet, product) == 5 - units >= 0
    assert 4 <= units <= 5  # every refusal left fewer units than it asked for
    numbers = sorted(sales.values_list("number", flat=True))
    assert numbers == list(range(1, len(numbers) + 1)), "receipt numbers without gaps or doubles"
    assert StockEntry.objects.filter(kind="sale").count() == len(numbers)
    assert_ledger_matches_stock()
    assert_summary_matches_lines()


def test_two_clerks_selling_the_last_unit_exactly_one_succeeds(counter):
    world, product = counter
    shelve(world.outlet, product, 1)
    second = factories.UserFactory(role="kasir")
    factories.OutletStaffFactory(user=second, outlet=world.outlet)

    def sale(clerk):
        return lambda: services.sale_record(
            clerk=clerk,
            outlet=world.outlet,
            lines=[(product.pk, 1)],
            idempotency_key=uuid.uuid4(),
        )

    outcomes = run_together([sale(world.clerk), sale(second)])
    assert Counter(outcomes) == Counter({"sold": 1, "refused": 1}), outcomes
    assert Sale.objects.count() == 1
    assert stock_of(world.outlet, product) == 0
    assert_ledger_matches_stock()


def test_the_same_submission_sent_at_once_is_one_sale(counter):
    world, product = counter
    shelve(world.outlet, product, 10)
    key = uuid.uuid4()

    def resend():
        services.sale_record(
            clerk=world.clerk, outlet=world.outlet, lines=[(product.pk, 2)], idempotency_key=key
        )

    outcomes = run_together([resend] * 4)
    assert outcomes == ["sold"] * 4, outcomes
    assert Sale.objects.count() == 1
    assert stock_of(world.outlet, product) == 8
    assert_ledger_matches_stock()


def test_sales_and_voids_at_once_keep_the_monthly_summary_exact(counter):
    """Clerks of two outlets selling and voiding at once: the summary rows they share by
    month, group and product end equal to the lines, with no lost update."""
    world, product = counter
    other_product = priced_product(world.group, consignment=7000, retail=9000)
    for outlet in (world.outlet, world.other_outlet):
        shelve(outlet, product, 100)
        shelve(outlet, other_product, 100)
    first = services.sale_record(
        clerk=world.clerk,
        outlet=world.outlet,
        lines=[(product.pk, 3), (other_product.pk, 1)],
        idempotency_key=uuid.uuid4(),
    )[0]

    def sale(clerk, outlet, quantity):
        return lambda: services.sale_record(
            clerk=clerk,
            outlet=outlet,
            lines=[(product.pk, quantity), (other_product.pk, 1)],
            idempotency_key=uuid.uuid4(),
        )

    jobs = [
        sale(
            world.clerk if i % 2 else world.other_clerk,
            world.outlet if i % 2 else world.other_outlet,
            i % 3 + 1,
        )
        for i in range(10)
    ]
    jobs.append(lambda: services.sale_void(user=world.clerk, sale=first, reason="salah"))
    outcomes = run_together(jobs)
    assert outcomes == ["sold"] * len(jobs), outcomes
    assert_summary_matches_lines()
    assert_ledger_matches_stock()
