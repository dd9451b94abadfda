"""The trade's write path: every change of stock goes with its ledger entry, and never below 0."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from marketing.models import (
    DailyClosing,
    Delivery,
    Sale,
    Stock,
    StockEntry,
    StockReturn,
)
from marketing.services import staff
from marketing.services import trade as services
from tests import factories
from tests.marketing.trade_helpers import (
    assert_ledger_matches_stock,
    priced_product,
    shelve,
    stock_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(world):
    """kasir1's outlet with two priced products of the world's group, 5 and 3 on the shelf."""
    keripik = priced_product(world.group, name="Keripik", consignment=10000, retail=15000)
    abon = priced_product(world.group, name="Abon", consignment=20000, retail=25000)
    shelve(world.outlet, keripik, 5)
    shelve(world.outlet, abon, 3)
    world.extra.update(keripik=keripik, abon=abon)
    return world


def sell(w, lines, key=None, clerk=None, outlet=None):
    return services.sale_record(
        clerk=clerk or w.clerk,
        outlet=outlet or w.outlet,
        lines=[(p.pk, q) for p, q in lines],
        idempotency_key=key or uuid.uuid4(),
    )


# --- business date -------------------------------------------------------------------------


def test_business_date_is_palu_time():
    late_utc = dt.datetime(2024, 3, 31, 17, 30, tzinfo=dt.UTC)  # 01:30 WITA on 1 April
    assert services.business_date(late_utc) == dt.date(2024, 4, 1)
    assert services.business_date(dt.datetime(2024, 3, 31, 15, 59, tzinfo=dt.UTC)) == dt.date(
        2024, 3, 31
    )


# --- deliveries ----------------------------------------------------------------------------


def test_delivery_created_by_perusda_and_received_with_differences(world):
    product = priced_product(world.group, consignment=8000, retail=12000)
    other = priced_product(world.group)
    delivery = services.delivery_create(
        user=world.perusda,
        outlet=world.outlet,
        group=world.group,
        lines=[(product.pk, 10), (other.pk, 4)],
    )
    assert delivery.number.startswith(f"SJ/{world.outlet.code}/")
    lines = {line.product_id: line for line in delivery.lines.all()}
    assert lines[product.pk].consignment_price == Decimal(8000)
    assert not Stock.objects.filter(outlet=world.outlet).exists()

    services.delivery_receive(
        user=world.clerk,
        delivery=delivery,
        received={lines[product.pk].pk: 9, lines[other.pk].pk: 4},
    )
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.RECEIVED
    assert delivery.received_by == world.clerk
    line = delivery.lines.get(product=product)
    assert (line.quantity_received, line.difference) == (9, -1)
    assert stock_of(world.outlet, product) == 9
    assert stock_of(world.outlet, other) == 4
    entry = StockEntry.objects.get(product=product)
    assert (entry.kind, entry.delivery, entry.balance_after) == ("delivery", delivery, 9)
    assert_ledger_matches_stock()

    with pytest.raises(ValidationError):  # once only
        services.delivery_receive(
            user=world.clerk, delivery=delivery, received={line.pk: 9 for line in lines.values()}
        )
    assert stock_of(world.outlet, product) == 9


def test_receiving_more_than_was_sent_is_refused_and_changes_nothing(shop):
    keripik, abon = shop.extra["keripik"], shop.extra["abon"]
    delivery = services.delivery_create(
        user=shop.perusda,
        outlet=shop.outlet,
        group=shop.group,
        lines=[(keripik.pk, 4), (abon.pk, 2)],
    )
    lines = {line.product_id: line for line in delivery.lines.all()}
    entries = StockEntry.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.delivery_receive(
            user=shop.clerk,
            delivery=delivery,
            received={lines[keripik.pk].pk: 5, lines[abon.pk].pk: 2},
        )
    errors = caught.value.message_dict
    assert list(errors) == [services.received_field(lines[keripik.pk].pk)]
    assert "dikirim (4 " in errors[services.received_field(lines[keripik.pk].pk)][0]
    assert "pengiriman baru" in errors[services.received_field(lines[keripik.pk].pk)][0]
    delivery.refresh_from_db()
    assert (delivery.status, delivery.received_on, delivery.received_by) == ("sent", None, None)
    assert [line.quantity_received for line in delivery.lines.all()] == [None, None]
    assert (stock_of(shop.outlet, keripik), stock_of(shop.outlet, abon)) == (5, 3)
    assert StockEntry.objects.count() == entries
    assert_ledger_matches_stock()

    # What was sent, or fewer (the shortfall stays on the line), is received as before.
    services.delivery_receive(
        user=shop.clerk,
        delivery=delivery,
        received={lines[keripik.pk].pk: 4, lines[abon.pk].pk: 1},
    )
    differences = {line.product_id: line.difference for line in delivery.lines.all()}
    assert differences == {keripik.pk: 0, abon.pk: -1}
    assert (stock_of(shop.outlet, keripik), stock_of(shop.outlet, abon)) == (9, 4)
    assert_ledger_matches_stock()


def test_delivery_only_of_the_groups_products_and_by_perusda_or_official(world):
    foreign = priced_product(world.other_group)
    own = priced_product(world.group)
    with pytest.raises(ValidationError):
        services.delivery_create(
            user=world.perusda, outlet=world.outlet, group=world.group, lines=[(foreign.pk, 1)]
        )
    for user in (world.clerk, world.mentor):
        with pytest.raises(PermissionDenied):
            services.delivery_create(
                user=user, outlet=world.outlet, group=world.group, lines=[(own.pk, 1)]
            )
    unpriced = factories.ProductFactory(group=world.group)
    with pytest.raises(ValidationError, match="harga"):
        services.delivery_create(
            user=world.official, outlet=world.outlet, group=world.group, lines=[(unpriced.pk, 1)]
        )
    first = services.delivery_create(
        user=world.official, outlet=world.outlet, group=world.group, lines=[(own.pk, 2)]
    )
    second = services.delivery_create(
        user=world.perusda, outlet=world.outlet, group=world.group, lines=[(own.pk, 2)]
    )
    assert first.number != second.number


def test_only_the_clerk_of_the_outlet_receives(world):
    product = priced_product(world.group)
    delivery = services.delivery_create(
        user=world.perusda, outlet=world.outlet, group=world.group, lines=[(product.pk, 3)]
    )
    line = delivery.lines.get()
    for user in (world.other_clerk, world.perusda, world.official):
        with pytest.raises(PermissionDenied):
            services.delivery_receive(user=user, delivery=delivery, received={line.pk: 3})
    with pytest.raises(ValidationError):
        services.delivery_receive(user=world.clerk, delivery=delivery, received={line.pk: -1})
    assert not Stock.objects.exists()


# --- sales ---------------------------------------------------------------------------------


def test_sale_records_lines_at_the_prices_of_the_moment_and_takes_stock(shop):
    w = shop
    sale, created = sell(w, [(w.extra["keripik"], 2), (w.extra["abon"], 1)])
    assert created
    assert sale.total == Decimal(2 * 15000 + 25000)
    assert sale.number == 1
    assert sale.receipt_number == f"{w.outlet.code}-000001"
    assert sale.business_date == services.business_date()
    line = sale.lines.get(product=w.extra["keripik"])
    assert (line.unit_price, line.consignment_price, line.group_id) == (15000, 10000, w.group.pk)
    assert stock_of(w.outlet, w.extra["keripik"]) == 3
    assert stock_of(w.outlet, w.extra["abon"]) == 2
    assert sale.stock_entries.count() == 2
    assert_ledger_matches_stock()
    second, _ = sell(w, [(w.extra["keripik"], 1)])
    assert second.number == 2


def test_same_product_twice_on_a_receipt_is_one_line(shop):
    sale, _ = sell(shop, [(shop.extra["keripik"], 1), (shop.extra["keripik"], 2)])
    assert sale.lines.get().quantity == 3
    assert stock_of(shop.outlet, shop.extra["keripik"]) == 2
    assert_ledger_matches_stock()


def test_same_idempotency_key_twice_is_one_sale(shop):
    key = uuid.uuid4()
    first, created = sell(shop, [(shop.extra["keripik"], 2)], key=key)
    again, created_again = sell(shop, [(shop.extra["keripik"], 2)], key=key)
    assert created and not created_again
    assert again.pk == first.pk
    assert Sale.objects.count() == 1
    assert stock_of(shop.outlet, shop.extra["keripik"]) == 3
    assert_ledger_matches_stock()


def test_idempotency_key_of_another_clerk_is_refused(shop):
    key = uuid.uuid4()
    sell(shop, [(shop.extra["keripik"], 1)], key=key)
    factories.OutletStaffFactory(user=shop.other_clerk, outlet=shop.outlet)
    with pytest.raises(ValidationError):
        sell(shop, [(shop.extra["keripik"], 1)], key=key, clerk=shop.other_clerk)
    assert Sale.objects.count() == 1


def test_selling_more_than_in_stock_is_refused_and_changes_nothing(shop):
    with pytest.raises(ValidationError, match="Stok tidak cukup"):
        sell(shop, [(shop.extra["keripik"], 1), (shop.extra["abon"], 4)])
    assert not Sale.objects.exists()
    assert stock_of(shop.outlet, shop.extra["keripik"]) == 5
    assert stock_of(shop.outlet, shop.extra["abon"]) == 3
    assert_ledger_matches_stock()
    sale, _ = sell(shop, [(shop.extra["abon"], 3)])  # exactly what is there
    assert sale.number == 1  # the refused attempt took no number
    assert stock_of(shop.outlet, shop.extra["abon"]) == 0


def test_product_without_stock_at_the_outlet_is_refused(shop):
    elsewhere = priced_product(shop.group)
    shelve(shop.other_outlet, elsewhere, 5)
    with pytest.raises(ValidationError, match="tidak ada di stok"):
        sell(shop, [(elsewhere, 1)])
    assert not Sale.objects.exists()


def test_clerk_cannot_sell_at_another_outlet(shop):
    shelve(shop.other_outlet, shop.extra["keripik"], 5)
    with pytest.raises(PermissionDenied):
        sell(shop, [(shop.extra["keripik"], 1)], outlet=shop.other_outlet)
    with pytest.raises(PermissionDenied):
        sell(shop, [(shop.extra["keripik"], 1)], clerk=shop.perusda)
    assert not Sale.objects.exists()


def test_zero_or_no_lines_refused(shop):
    with pytest.raises(ValidationError):
        sell(shop, [])
    with pytest.raises(ValidationError):
        sell(shop, [(shop.extra["keripik"], 0)])


def test_an_ended_post_ends_the_right_to_sell(shop):
    post = shop.clerk.outlet_posts.get()
    staff.staff_end(post=post, ends_on=timezone.localdate() - dt.timedelta(days=1))
    with pytest.raises(PermissionDenied):
        sell(shop, [(shop.extra["keripik"], 1)])


# --- voids ---------------------------------------------------------------------------------


def test_void_keeps_the_sale_and_restores_stock(shop):
    sale, _ = sell(shop, [(shop.extra["keripik"], 2), (shop.extra["abon"], 1)])
    with pytest.raises(ValidationError):
        services.sale_void(user=shop.clerk, sale=sale, reason="  ")
    services.sale_void(user=shop.clerk, sale=sale, reason="Salah input")
    sale.refresh_from_db()
    assert sale.status == Sale.Status.VOID
    assert (sale.void_reason, sale.voided_by) == ("Salah input", shop.clerk)
    assert sale.voided_at is not None
    assert stock_of(shop.outlet, shop.extra["keripik"]) == 5
    assert stock_of(shop.outlet, shop.extra["abon"]) == 3
    assert sale.stock_entries.filter(kind="void").count() == 2
    assert_ledger_matches_stock()
    with pytest.raises(ValidationError, match="sudah dibatalkan"):
        services.sale_void(user=shop.clerk, sale=sale, reason="lagi")
    assert stock_of(shop.outlet, shop.extra["keripik"]) == 5


def test_void_by_perusda_but_not_by_another_clerk(shop):
    sale, _ = sell(shop, [(shop.extra["keripik"], 1)])
    for user in (shop.other_clerk, shop.official, shop.mentor):
        with pytest.raises(PermissionDenied):
            services.sale_void(user=user, sale=sale, reason="x")
    services.sale_void(user=shop.perusda, sale=sale, reason="Ganda")
    assert stock_of(shop.outlet, shop.extra["keripik"]) == 5


# --- returns, write-offs, stock-takes ------------------------------------------------------


def test_return_to_group_reduces_stock(shop):
    ret = services.stock_return_create(
        user=shop.clerk,
        outlet=shop.outlet,
        group=shop.group,
        lines=[(shop.extra["keripik"].pk, 2)],
        reason="expired",
    )
    assert ret.lines.get().quantity == 2
    assert stock_of(shop.outlet, shop.extra["keripik"]) == 3
    entry = StockEntry.objects.get(stock_return=ret)
    assert (entry.kind, entry.quantity, entry.balance_after) == ("return", -2, 3)
    assert_ledger_matches_stock()


def test_return_refuses_other_groups_products_and_more_than_stock(shop):
    foreign = priced_product(shop.other_group)
    shelve(shop.outlet, foreign, 2)
    with pytest.raises(ValidationError):
        services.stock_return_create(
            user=shop.clerk,
            outlet=shop.outlet,
            group=shop.group,
            lines=[(foreign.pk, 1)],
            reason="unsold",
        )
    with pytest.raises(ValidationError, match="Stok tidak cukup"):
        services.stock_return_create(
            user=shop.clerk,
            outlet=shop.outlet,
            group=shop.group,
            lines=[(shop.extra["abon"].pk, 4)],
            reason="unsold",
        )
    with pytest.raises(PermissionDenied):
        services.stock_return_create(
            user=shop.other_clerk,
            outlet=shop.outlet,
            group=shop.group,
            lines=[(shop.extra["abon"].pk, 1)],
            reason="unsold",
        )
    assert stock_of(shop.outlet, shop.extra["abon"]) == 3
    assert_ledger_matches_stock()


def test_write_off_and_stock_take(shop):
    keripik = shop.extra["keripik"]
    with pytest.raises(ValidationError):
        services.stock_write_off(
            user=shop.clerk, outlet=shop.outlet, product=keripik, quantity=1, reason=""
        )
    with pytest.raises(ValidationError, match="Stok tidak cukup"):
        services.stock_write_off(
            user=shop.clerk, outlet=shop.outlet, product=keripik, quantity=6, reason="Rusak"
        )
    entry = services.stock_write_off(
        user=shop.clerk, outlet=shop.outlet, product=keripik, quantity=2, reason="Kemasan sobek"
    )
    assert (entry.kind, entry.quantity, entry.balance_after) == ("write_off", -2, 3)
    entry = services.stock_adjust(
        user=shop.perusda, outlet=shop.outlet, product=keripik, counted=4, reason="Opname"
    )
    assert (entry.kind, entry.quantity, entry.balance_after) == ("adjustment", 1, 4)
    entry = services.stock_adjust(
        user=shop.clerk, outlet=shop.outlet, product=keripik, counted=0, reason="Opname"
    )
    assert entry.quantity == -4
    with pytest.raises(ValidationError):
        services.stock_adjust(
            user=shop.clerk, outlet=shop.outlet, product=keripik, counted=0, reason="Opname"
        )
    with pytest.raises(ValidationError):
        services.stock_adjust(
            user=shop.clerk, outlet=shop.outlet, product=keripik, counted=-1, reason="Opname"
        )
    assert stock_of(shop.outlet, keripik) == 0
    assert_ledger_matches_stock()


# --- the database keeps the invariant even when code forgets -------------------------------


def test_database_refuses_negative_stock(shop):
    stock = Stock.objects.get(outlet=shop.outlet, product=shop.extra["keripik"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Stock.objects.filter(pk=stock.pk).update(quantity=-1)
    with pytest.raises(IntegrityError), transaction.atomic():
        StockEntry.objects.create(
            outlet=shop.outlet,
            product=shop.extra["keripik"],
            kind="adjustment",
            quantity=-9,
            balance_after=-4,
        )
    assert stock_of(shop.outlet, shop.extra["keripik"]) == 5


# --- daily closing -------------------------------------------------------------------------


def test_day_summary_and_closing_lock_the_day(shop):
    first, _ = sell(shop, [(shop.extra["keripik"], 2)])
    sell(shop, [(shop.extra["abon"], 1), (shop.extra["keripik"], 1)])
    voided, _ = sell(shop, [(shop.extra["abon"], 2)])
    services.sale_void(user=shop.clerk, sale=voided, reason="Salah")
    today = services.business_date()
    summary = services.day_summary(shop.outlet, today)
    assert (summary.sales_count, summary.void_count) == (2, 1)
    assert summary.cash_expected == Decimal(3 * 15000 + 25000)
    by_product = {row["product_id"]: (row["quantity"], row["amount"]) for row in summary.rows}
    assert by_product == {
        shop.extra["keripik"].pk: (3, Decimal(45000)),
        shop.extra["abon"].pk: (1, Decimal(25000)),
    }

    with pytest.raises(ValidationError, match="selisih"):
        services.day_close(
            user=shop.clerk, outlet=shop.outlet, day=today, cash_counted=Decimal(69000)
        )
    closing = services.day_close(
        user=shop.clerk,
        outlet=shop.outlet,
        day=today,
        cash_counted=Decimal(69000),
        note="Kembalian kurang",
    )
    assert (closing.cash_expected, closing.difference, closing.sales_count) == (70000, -1000, 2)

    with pytest.raises(ValidationError, match="sudah ditutup"):
        sell(shop, [(shop.extra["keripik"], 1)])
    with pytest.raises(ValidationError, match="sudah ditutup"):
        services.sale_void(user=shop.clerk, sale=first, reason="Terlambat")
    with pytest.raises(ValidationError, match="sudah ditutup"):
        services.day_close(user=shop.clerk, outlet=shop.outlet, day=today, cash_counted=0)
    first.refresh_from_db()
    assert first.status == Sale.Status.COMPLETED
    assert Sale.objects.count() == 3
    assert DailyClosing.objects.count() == 1
    assert stock_of(shop.outlet, shop.extra["keripik"]) == 2
    assert_ledger_matches_stock()


def test_a_closed_day_takes_no_stock_move_either(shop, monkeypatch):
    keripik = shop.extra["keripik"]
    delivery = services.delivery_create(
        user=shop.perusda, outlet=shop.outlet, group=shop.group, lines=[(keripik.pk, 4)]
    )
    today = services.business_date()
    services.day_close(user=shop.clerk, outlet=shop.outlet, day=today, cash_counted=0)
    received = {delivery.lines.get().pk: 4}
    moves = [
        lambda: services.delivery_receive(user=shop.clerk, delivery=delivery, received=received),
        lambda: services.stock_return_create(
            user=shop.clerk, outlet=shop.outlet, group=shop.group, lines=[(keripik.pk, 1)],
            reason=StockReturn.Reason.UNSOLD,
        ),
        lambda: services.stock_write_off(
            user=shop.perusda, outlet=shop.outlet, product=keripik, quantity=1, reason="Rusak"
        ),
        lambda: services.stock_adjust(
            user=shop.clerk, outlet=shop.outlet, product=keripik, counted=9, reason="Hitung"
        ),
    ]  # fmt: skip
    for move in moves:
        with pytest.raises(ValidationError, match="sudah ditutup"):
            move()
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
    assert stock_of(shop.outlet, keripik) == 5
    assert StockEntry.objects.filter(outlet=shop.outlet).count() == 2  # the two shelvings
    # The next day the outlet trades again: the delivery is received then.
    monkeypatch.setattr(services, "business_date", lambda: today + dt.timedelta(days=1))
    services.delivery_receive(user=shop.clerk, delivery=delivery, received=received)
    assert stock_of(shop.outlet, keripik) == 9
    assert_ledger_matches_stock()


def test_closing_another_outlet_or_a_future_day_is_refused(shop):
    today = services.business_date()
    with pytest.raises(PermissionDenied):
        services.day_close(user=shop.other_clerk, outlet=shop.outlet, day=today, cash_counted=0)
    with pytest.raises(ValidationError):
        services.day_close(
            user=shop.clerk, outlet=shop.outlet, day=today + dt.timedelta(days=1), cash_counted=0
        )
    closing = services.day_close(user=shop.clerk, outlet=shop.outlet, day=today, cash_counted=0)
    assert closing.difference == 0


def test_receipt_numbers_skip_numbers_loaded_without_the_sequence(shop):
    from marketing.models import ReceiptSequence

    first, _ = sell(shop, [(shop.extra["keripik"], 1)])
    Sale.objects.filter(pk=first.pk).update(number=41)  # as a bulk load would leave it
    second, _ = sell(shop, [(shop.extra["keripik"], 1)])
    assert second.number == 42
    assert ReceiptSequence.objects.get(outlet=shop.outlet).last_number == 42


def test_sale_void_and_write_off_are_in_the_audit_trail(shop):
    from audit.models import AuditEvent

    keripik = shop.extra["keripik"]
    sale, _ = sell(shop, [(keripik, 2)])
    services.sale_void(user=shop.clerk, sale=sale, reason="Salah input")
    services.stock_write_off(
        user=shop.clerk, outlet=shop.outlet, product=keripik, quantity=1, reason="Kemasan sobek"
    )
    stock_events = AuditEvent.objects.filter(app_label="marketing", model="stock").order_by("pk")
    moves = [(e.action, e.actor_id, e.changes.get(str(keripik.pk))) for e in stock_events]
    assert moves[-3:] == [
        ("update", shop.clerk.pk, [5, 3]),
        ("void", shop.clerk.pk, [3, 5]),
        ("update", shop.clerk.pk, [5, 4]),
    ]
    assert stock_events.last().note == "Kemasan sobek"
    sale_events = AuditEvent.objects.filter(model="sale", object_id=str(sale.pk))
    assert sale_events.filter(action="create").exists()
    assert sale_events.count() >= 2  # recorded, then voided
