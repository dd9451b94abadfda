"""Concurrent writers on PostgreSQL: stock stays exact and never negative, receipts unique.

Real threads, each with its own database connection (Django's connections are per thread),
released together by a barrier so that their transactions really overlap. SQLite serialises
writers on one file lock, so these tests only run on PostgreSQL (CI runs the suite there).

- 20 clerks × 50 sales of the same two products, more than the shelf holds of one of them:
  exactly as many sales as the stock allows succeed, the others are refused with 'short',
  the stock ends exactly right, the ledger sums to the stock row, receipt numbers are unique
  and gap-free.
- Sales, voids (of earlier sales, some voided twice at once) and delivery receipts (some
  received twice at once) racing each other: the final stock is the initial stock plus what
  was received and voided minus what was sold, to the unit.
"""

import threading
import uuid
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.db.models import Sum

from marketing.models import Delivery, Sale, Stock, StockEntry
from marketing.services import trade as services
from tests import factories
from tests.marketing.trade_helpers import priced_product, shelve

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="concurrency needs PostgreSQL (row locks)"
    ),
]

WORKERS = 20
SALES_EACH = 50


def run_together(jobs):
    """Run the callables in threads started at the same moment; returns their results and
    every unexpected exception (anything but ValidationError), with its thread's label."""
    barrier = threading.Barrier(len(jobs))
    results: dict[str, list] = {}
    crashes: list[str] = []

    def runner(label, job):
        try:
            barrier.wait()
            results[label] = job()
        except Exception as exc:  # noqa: BLE001 (collected and reported by the test)
            crashes.append(f"{label}: {type(exc).__name__}: {exc}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=item) for item in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(t.is_alive() for t in threads), "a worker hung (deadlock or lock wait?)"
    return results, crashes


class StockWatcher(threading.Thread):
    """Reads the stock rows over and over while the writers run; records any negative value."""

    def __init__(self, outlet):
        super().__init__(daemon=True)
        self.outlet_id = outlet.pk
        self.stop = threading.Event()
        self.negative: list[tuple[int, int]] = []
        self.reads = 0

    def run(self):
        try:
            while not self.stop.is_set():
                for pid, qty in Stock.objects.filter(outlet_id=self.outlet_id).values_list(
                    "product_id", "quantity"
                ):
                    if qty < 0:
                        self.negative.append((pid, qty))
                self.reads += 1
        finally:
            connections.close_all()


def ledger_matches_stock(outlet):
    for stock in Stock.objects.filter(outlet=outlet):
        entries = StockEntry.objects.filter(outlet=outlet, product=stock.product_id)
        total = entries.aggregate(n=Sum("quantity"))["n"] or 0
        assert total == stock.quantity, f"product {stock.product_id}: ledger {total}"
        assert stock.quantity >= 0
    assert not StockEntry.objects.filter(balance_after__lt=0).exists()


def receipts_are_unique(outlet):
    numbers = list(Sale.objects.filter(outlet=outlet).values_list("number", flat=True))
    duplicates = [n for n, c in Counter(numbers).items() if c > 1]
    assert not duplicates, f"duplicate receipt numbers {duplicates[:10]}"
    assert sorted(numbers) == list(range(1, len(numbers) + 1)), "gaps in receipt numbers"


@pytest.fixture
def shop(transactional_db):
    outlet = factories.OutletFactory(name="Gerai Ramai")
    clerks = []
    for index in range(WORKERS):
        clerk = factories.UserFactory(username=f"kasir-ramai-{index}", role="kasir")
        factories.OutletStaffFactory(user=clerk, outlet=outlet)
        clerks.append(clerk)
    group = factories.IkmGroupFactory()
    scarce = priced_product(group, name="Bawang goreng")
    plenty = priced_product(group, name="Abon ikan")
    return outlet, clerks, scarce, plenty


def test_twenty_clerks_selling_the_same_products(shop):
    outlet, clerks, scarce, plenty = shop
    scarce_start, plenty_start = 700, 5000  # 20 × 50 = 1000 sales ask for 1000 scarce units
    shelve(outlet, scarce, scarce_start)
    shelve(outlet, plenty, plenty_start)

    def seller(clerk):
        def job():
            done = refused = 0
            for _ in range(SALES_EACH):
                try:
                    _sale, created = services.sale_record(
                        clerk=clerk,
                        outlet=outlet,
                        lines=[(scarce.pk, 1), (plenty.pk, 2)],
                        idempotency_key=uuid.uuid4(),
                    )
                    done += created
                except ValidationError as exc:
                    assert exc.code == "short", exc.messages
                    refused += 1
            return done, refused

        return job

    watcher = StockWatcher(outlet)
    watcher.start()
    results, crashes = run_together([(c.username, seller(c)) for c in clerks])
    watcher.stop.set()
    watcher.join()

    assert not crashes, crashes
    sold = sum(done for done, _refused in results.values())
    refused = sum(r for _done, r in results.values())
    assert sold == scarce_start  # every unit sold, not one more
    assert refused == WORKERS * SALES_EACH - scarce_start
    assert Sale.objects.filter(outlet=outlet).count() == sold
    assert Stock.objects.get(outlet=outlet, product=scarce).quantity == 0
    assert Stock.objects.get(outlet=outlet, product=plenty).quantity == plenty_start - 2 * sold
    assert not watcher.negative and watcher.reads > 0
    ledger_matches_stock(outlet)
    receipts_are_unique(outlet)


def test_deliveries_and_voids_racing_sales(shop):
    outlet, clerks, scarce, plenty = shop
    manager = factories.UserFactory(username="perusda-ramai", role="perusda")
    start = 100
    shelve(outlet, scarce, start)
    # Sales made before the race, to be voided during it (each sold 2 units).
    earlier = [
        services.sale_record(
            clerk=clerks[0],
            outlet=outlet,
            lines=[(scarce.pk, 2)],
            idempotency_key=uuid.uuid4(),
        )[0]
        for _ in range(20)
    ]
    after_earlier = start - 2 * len(earlier)
    deliveries = [
        services.delivery_create(
            user=manager, outlet=outlet, group=scarce.group, lines=[(scarce.pk, 10)]
        )
        for _ in range(15)
    ]

    def seller(clerk):
        def job():
            done = 0
            for _ in range(30):
                try:
                    done += services.sale_record(
                        clerk=clerk,
                        outlet=outlet,
                        lines=[(scarce.pk, 1)],
                        idempotency_key=uuid.uuid4(),
                    )[1]
                except ValidationError as exc:
                    assert exc.code == "short", exc.messages
            return done

        return job

    def voider(clerk, sales):
        def job():
            voided = 0
            for sale in sales:
                try:
                    services.sale_void(user=clerk, sale=sale, reason="Salah input")
                    voided += 1
                except ValidationError:  # voided by the other worker first
                    pass
            return voided

        return job

    def receiver(clerk, batch):
        def job():
            received = 0
            for delivery in batch:
                line = delivery.lines.get()
                try:
                    services.delivery_receive(
                        user=clerk, delivery=delivery, received={line.pk: line.quantity_sent}
                    )
                    received += line.quantity_sent
                except ValidationError:  # received by the other worker first
                    pass
            return received

        return job

    jobs = [(f"sell-{i}", seller(clerks[i])) for i in range(10)]
    # Two voiders share every sale, two receivers every delivery: each must happen once.
    jobs += [
        (f"void-{i}", voider(clerks[10 + i], earlier[i::3] + earlier[(i + 1) % 3 :: 3]))
        for i in range(3)
    ]
    jobs += [(f"receive-{i}", receiver(clerks[13 + i], deliveries[i % 3 :: 3])) for i in range(6)]
    watcher = StockWatcher(outlet)
    watcher.start()
    results, crashes = run_together(jobs)
    watcher.stop.set()
    watcher.join()

    assert not crashes, crashes
    sold = sum(v for k, v in results.items() if k.startswith("sell"))
    voided_units = 2 * sum(v for k, v in results.items() if k.startswith("void"))
    received = sum(v for k, v in results.items() if k.startswith("receive"))
    assert Sale.objects.filter(status=Sale.Status.VOID).count() == len(earlier)
    assert voided_units == 2 * len(earlier)  # each earlier sale voided exactly once
    assert received == 10 * len(deliveries)  # each delivery received exactly once
    assert Delivery.objects.filter(status=Delivery.Status.RECEIVED).count() == len(deliveries)
    expected = after_earlier + voided_units + received - sold
    assert Stock.objects.get(outlet=outlet, product=scarce).quantity == expected
    assert not watcher.negative
    ledger_matches_stock(outlet)
    receipts_are_unique(outlet)
