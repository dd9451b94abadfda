"""Demo consignment trade: prices, deliveries, 12+ months of sales, voids, closings, settlements.

A day-by-day simulation per outlet, written with ``bulk_create``: deliveries arrive before the
outlet opens, receipts follow during the day (more at weekends, a few products sell much more),
about one receipt in a hundred is voided soon after, every past day with sales is closed, and
every ended month is settled — most paid, the recent ones partly overdue. The stock ledger is
written in time order with running balances, so the sums of the ledger equal the stock rows and
no balance is ever negative.

Deterministic (its own random stream, seeded from the demo's) and idempotent: when demo sales
exist already it changes nothing.
"""

import datetime as dt
import random
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import F

from core import roles
from core.months import month_end, month_start, next_month
from groups.models import Product
from marketing import settlements, summary
from marketing.models import (
    DailyClosing,
    Delivery,
    DeliveryLine,
    Outlet,
    OutletPrice,
    OutletStaff,
    ProductPrice,
    ReceiptSequence,
    Sale,
    SaleLine,
    Settlement,
    SettlementLine,
    Stock,
    StockEntry,
)
from marketing.services.trade import WITA

MONTHS = 13  # full months of history before the current one
VOID_RATE = 0.012
BATCH = 2000


def _round_500(value: Decimal) -> Decimal:
    return (value / 500).quantize(Decimal(1), rounding=ROUND_HALF_UP) * 500


def _at(day: dt.date, minutes: int) -> dt.datetime:
    """An aware moment ``minutes`` after midnight of ``day`` in Palu."""
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=WITA) + dt.timedelta(minutes=minutes)


@dataclass
class OutletPlan:
    outlet: Outlet
    clerk: object
    products: list  # Product rows carried
    weights: list  # popularity of each
    size: float  # average receipts per weekday
    by_id: dict = field(default_factory=dict)  # product_id -> Product
    stock: dict = field(default_factory=dict)  # product_id -> units on hand
    number: int = 0


def _clerks(outlets):
    """kasir1 and kasir2 from the accounts demo; a clerk without login for every other outlet."""
    User = get_user_model()
    clerk_group = Group.objects.get_or_create(name=roles.CLERK)[0]
    posts = {
        p.outlet_id: p.user
        for p in OutletStaff.objects.filter(outlet__in=outlets).select_related("user")
    }
    missing = [o for o in outlets if o.pk not in posts]
    if missing:
        new = []
        for outlet in missing:
            user = User(
                username=f"kasir-{outlet.code.lower()}",
                first_name="Kasir",
                last_name=outlet.regency.name,
                is_active=True,
            )
            user.set_unusable_password()
            new.append(user)
        User.objects.bulk_create(new, ignore_conflicts=True)
        users = User.objects.in_bulk([u.username for u in new], field_name="username")
        clerk_group.user_set.add(*users.values())
        OutletStaff.objects.bulk_create(
            OutletStaff(
                user=users[f"kasir-{o.code.lower()}"],
                outlet=o,
                starts_on=o.opened_on or dt.date(2020, 1, 1),
            )
            for o in missing
        )
        for outlet in missing:
            posts[outlet.pk] = users[f"kasir-{outlet.code.lower()}"]
    return posts


def _prices(products, start, today, rng):
    """One price per product from before the history starts; a third change half-way."""
    existing = set(
        ProductPrice.objects.filter(product__in=products).values_list("product_id", flat=True)
    )
    timeline: dict[int, list[tuple[dt.date, Decimal, Decimal]]] = defaultdict(list)
    rows = []
    change_day = month_start(today - dt.timedelta(days=180))
    for product in products:
        retail = _round_500(max(Decimal(product.base_price), Decimal(2000)))
        consignment = _round_500(retail * Decimal("0.8"))
        first = (start - dt.timedelta(days=30), consignment, retail)
        timeline[product.pk].append(first)
        if rng.random() < 0.33:
            timeline[product.pk].append(
                (
                    change_day,
                    _round_500(consignment * Decimal("1.08")),
                    _round_500(retail * Decimal("1.08")),
                )
            )
        if product.pk not in existing:
            rows.extend(
                ProductPrice(product=product, valid_from=d, consignment_price=c, retail_price=r)
                for d, c, r in timeline[product.pk]
            )
    ProductPrice.objects.bulk_create(rows)
    # What is really stored wins (a product priced before keeps its own prices).
    stored: dict[int, list] = defaultdict(list)
    for p in ProductPrice.objects.filter(product__in=products).order_by("valid_from"):
        stored[p.product_id].append((p.valid_from, p.consignment_price, p.retail_price))
    return stored


def _price_on(timeline, day):
    current = None
    for valid_from, consignment, retail in timeline:
        if valid_from <= day:
            current = (consignment, retail)
    return current


class _Writer:
    """Collects rows and writes them in batches, ids assigned by the database."""

    def __init__(self):
        self.sales: list[Sale] = []
        self.lines: list[tuple[int, SaleLine]] = []  # (index in sales, line)
        self.entries: list[tuple[int | None, StockEntry]] = []  # (sale index or None, entry)


def seed(ctx) -> None:
    base_seed = ctx.rng.randrange(2**32)  # always drawn, so later loaders see the same stream
    outlets = list(
        Outlet.objects.filter(code__startswith="GERAI-").select_related("regency").order_by("code")
    )
    if not outlets or Sale.objects.filter(outlet__in=outlets).exists():
        return
    rng = random.Random(base_seed)
    today = ctx.today
    start = month_start(today)
    for _i in range(MONTHS):
        start = month_start(start - dt.timedelta(days=1))
    products = list(
        Product.objects.filter(is_active=True, group__is_active=True)
        .select_related("group")
        .order_by("group__code", "name")
    )
    if not products:
        return
    price_book = _prices(products, start, today, rng)
    clerks = _clerks(outlets)
    perusda = get_user_model().objects.filter(username="perusda").first()

    by_group = defaultdict(list)
    for product in products:
        by_group[product.group_id].append(product)
    group_ids = sorted(by_group)
    plans = []
    overrides = []
    for index, outlet in enumerate(outlets):
        local = random.Random(f"{base_seed}:{outlet.code}")
        carried_groups = local.sample(group_ids, k=min(len(group_ids), local.randint(7, 10)))
        carried = [p for g in sorted(carried_groups) for p in by_group[g]]
        weights = [local.choice((1, 1, 1, 2, 2, 3, 6)) for _p in carried]
        plan = OutletPlan(outlet, clerks[outlet.pk], carried, weights, size=2 + (index % 4) * 0.8)
        plan.by_id = {p.pk: p for p in carried}
        plans.append(plan)
        if index % 4 == 3 and carried:  # remote outlets price some goods higher
            for product in local.sample(carried, k=min(3, len(carried))):
                consignment, retail = _price_on(price_book[product.pk], start)
                overrides.append(
                    OutletPrice(
                        outlet=outlet,
                        product=product,
                        valid_from=start,
                        retail_price=max(consignment, _round_500(retail * Decimal("1.1"))),
                    )
                )
    OutletPrice.objects.bulk_create(overrides, ignore_conflicts=True)
    override_of = {(o.outlet_id, o.product_id): o.retail_price for o in overrides}

    deliveries, delivery_lines = [], []  # (Delivery, [DeliveryLine...])
    writer = _Writer()
    closings = []
    yesterday = today - dt.timedelta(days=1)
    day = start - dt.timedelta(days=7)
    while day <= yesterday:
        for plan in plans:
            _deliver(plan, day, start, price_book, deliveries, delivery_lines, writer, rng)
            if day >= start:
                closing = _trade_day(plan, day, price_book, override_of, writer, rng)
                if closing is not None:
                    closings.append(closing)
        day += dt.timedelta(days=1)

    _write(deliveries, delivery_lines, writer, closings, plans)
    _settle(start, today, perusda, rng)


def _deliver(plan, day, start, price_book, deliveries, delivery_lines, writer, rng):
    """A group delivers to the outlet every four weeks (staggered by group)."""
    groups = sorted({p.group_id for p in plan.products})
    for g_index, group_id in enumerate(groups):
        offset = (g_index * 3 + plan.outlet.pk) % 28
        if (day - start).days % 28 != offset and day != start - dt.timedelta(days=7):
            continue
        lines = []
        for product, weight in zip(plan.products, plan.weights, strict=True):
            if product.group_id != group_id:
                continue
            target = int(8 + plan.size * weight * 4)
            missing = target - plan.stock.get(product.pk, 0)
            if missing > 0:
                lines.append((product, missing))
        if not lines:
            continue
        number = len(deliveries) + 1
        delivery = Delivery(
            number=f"SJ/{plan.outlet.code}/{day:%Y%m}/{number:05d}",
            outlet=plan.outlet,
            group_id=group_id,
            sent_on=day - dt.timedelta(days=1),
            status=Delivery.Status.RECEIVED,
            received_on=day,
            received_by=plan.clerk,
            created_by=plan.clerk,
        )
        items = []
        for product, sent in lines:
            received = sent - 1 if sent > 5 and rng.random() < 0.04 else sent
            consignment = _price_on(price_book[product.pk], day)[0]
            items.append((product, sent, received, consignment))
            balance = plan.stock.get(product.pk, 0) + received
            plan.stock[product.pk] = balance
            writer.entries.append(
                (
                    None,
                    StockEntry(
                        outlet=plan.outlet,
                        product=product,
                        kind=StockEntry.Kind.DELIVERY,
                        quantity=received,
                        balance_after=balance,
                        reason=delivery.number,
                        created_by=plan.clerk,
                        created_at=_at(day, 7 * 60 + 30),
                    ),
                )
            )
        if any(s != r for _p, s, r, _c in items):
            delivery.note = "Selisih hitung saat diterima"
        deliveries.append(delivery)
        delivery_lines.append((delivery, items))


WEEKDAY_FACTOR = (0.8, 0.8, 0.9, 0.9, 1.1, 1.6, 1.4)  # Monday .. Sunday


def _trade_day(plan, day, price_book, override_of, writer, rng):
    expected = plan.size * WEEKDAY_FACTOR[day.weekday()]
    if day.month == 12 or (day.month == 4 and day.day < 12):
        expected *= 1.3  # year-end and the days before Lebaran
    receipts = max(0, int(rng.gauss(expected, expected / 3) + 0.5))
    minutes = sorted(rng.randint(8 * 60, 20 * 60) for _r in range(receipts))
    pending_voids = []  # (minute, sale index, [(product, qty)])
    count, cash = 0, Decimal(0)
    for minute in minutes:
        _apply_voids(plan, day, minute, pending_voids, writer)
        chosen = {}
        for _n in range(rng.choice((1, 1, 1, 2, 2, 3))):
            product = rng.choices(plan.products, weights=plan.weights)[0]
            available = plan.stock.get(product.pk, 0) - chosen.get(product.pk, 0)
            quantity = min(rng.choice((1, 1, 1, 2, 2, 3)), available)
            if quantity > 0:
                chosen[product.pk] = chosen.get(product.pk, 0) + quantity
        if not chosen:
            continue
        plan.number += 1
        moment = _at(day, minute)
        sale = Sale(
            outlet=plan.outlet,
            number=plan.number,
            sold_at=moment,
            business_date=day,
            clerk=plan.clerk,
            total=Decimal(0),
            idempotency_key=uuid.UUID(int=rng.getrandbits(128)),
        )
        index = len(writer.sales)
        writer.sales.append(sale)
        sold = []
        for product_id, quantity in chosen.items():
            consignment, retail = _price_on(price_book[product_id], day)
            retail = override_of.get((plan.outlet.pk, product_id), retail)
            line = SaleLine(
                product_id=product_id,
                group_id=plan.by_id[product_id].group_id,
                quantity=quantity,
                unit_price=retail,
                consignment_price=consignment,
                line_total=retail * quantity,
            )
            sale.total += line.line_total
            writer.lines.append((index, line))
            balance = plan.stock[product_id] - quantity
            plan.stock[product_id] = balance
            writer.entries.append(
                (
                    index,
                    StockEntry(
                        outlet=plan.outlet,
                        product_id=product_id,
                        kind=StockEntry.Kind.SALE,
                        quantity=-quantity,
                        balance_after=balance,
                        created_by=plan.clerk,
                        created_at=moment,
                    ),
                )
            )
            sold.append((product_id, quantity))
        if rng.random() < VOID_RATE:
            void_minute = min(minute + rng.randint(2, 20), 20 * 60 + 10)
            sale.status = Sale.Status.VOID
            sale.voided_at = _at(day, void_minute)
            sale.voided_by = plan.clerk
            sale.void_reason = rng.choice(
                ("Salah input jumlah", "Pembeli batal", "Salah pilih produk")
            )
            pending_voids.append((void_minute, index, sold))
        else:
            count += 1
            cash += sale.total
    _apply_voids(plan, day, 24 * 60, pending_voids, writer)
    if not minutes:
        return None
    difference = Decimal(0)
    note = ""
    if rng.random() < 0.05:
        difference = Decimal(rng.choice((-5000, -2000, 1000)))
        note = "Selisih uang kembalian" if difference < 0 else "Kelebihan uang di laci"
    counted = max(Decimal(0), cash + difference)
    return DailyClosing(
        outlet=plan.outlet,
        business_date=day,
        sales_count=count,
        cash_expected=cash,
        cash_counted=counted,
        difference=counted - cash,
        note=note,
        closed_by=plan.clerk,
        closed_at=_at(day, 20 * 60 + 30),
    )


def _apply_voids(plan, day, minute, pending, writer):
    """Voids whose moment has come put their goods back on the shelf."""
    for item in sorted(p for p in pending if p[0] <= minute):
        void_minute, index, sold = item
        pending.remove(item)
        for product_id, quantity in sold:
            balance = plan.stock[product_id] + quantity
            plan.stock[product_id] = balance
            writer.entries.append(
                (
                    index,
                    StockEntry(
                        outlet=plan.outlet,
                        product_id=product_id,
                        kind=StockEntry.Kind.VOID,
                        quantity=quantity,
                        balance_after=balance,
                        reason=writer.sales[index].void_reason,
                        created_by=plan.clerk,
                        created_at=_at(day, void_minute),
                    ),
                )
            )


def _write(deliveries, delivery_lines, writer, closings, plans):
    Delivery.objects.bulk_create(deliveries, batch_size=BATCH)
    DeliveryLine.objects.bulk_create(
        (
            DeliveryLine(
                delivery=delivery,
                product=product,
                quantity_sent=sent,
                quantity_received=received,
                consignment_price=consignment,
            )
            for delivery, items in delivery_lines
            for product, sent, received, consignment in items
        ),
        batch_size=BATCH,
    )
    Sale.objects.bulk_create(writer.sales, batch_size=BATCH)
    for index, line in writer.lines:
        line.sale = writer.sales[index]
    SaleLine.objects.bulk_create([line for _i, line in writer.lines], batch_size=BATCH)
    # The ledger in time order per outlet and product (ids follow time, ties keep their order).
    entries = []
    for index, entry in writer.entries:
        if index is not None:
            entry.sale = writer.sales[index]
        entries.append(entry)
    entries.sort(key=lambda e: (e.created_at, e.outlet_id, e.product_id))
    StockEntry.objects.bulk_create(entries, batch_size=BATCH)
    Stock.objects.bulk_create(
        Stock(outlet=plan.outlet, product_id=pid, quantity=qty)
        for plan in plans
        for pid, qty in sorted(plan.stock.items())
    )
    DailyClosing.objects.bulk_create(closings, batch_size=BATCH)
    summary.rebuild()  # the lines above were written in bulk, past the write path
    for plan in plans:
        sequence, _created = ReceiptSequence.objects.get_or_create(outlet=plan.outlet)
        ReceiptSequence.objects.filter(pk=sequence.pk).update(
            last_number=F("last_number") + plan.number
        )


def _settle(start, today, perusda, rng):
    """Every ended month settled (the same arithmetic as ``settlements_generate``, written in
    bulk); paid when old enough, some recent ones left overdue — the groups' known complaint."""
    month = start
    last = settlements.last_closed_month(today)
    rows, shares_of = [], {}
    while month <= last:
        for group_id, shares in settlements.compute(month).items():
            gross = sum((s.amount for s in shares), Decimal(0))
            settlement = Settlement(
                group_id=group_id,
                month=month,
                quantity_sold=sum(s.quantity for s in shares),
                gross_amount=gross,
                deductions=Decimal(0),
                amount_due=gross,
                due_on=settlements.due_date(month),
            )
            due_age = (today - settlement.due_on).days
            if due_age >= 0 and (due_age >= 75 or rng.random() < 0.5):
                earliest = month_end(month) + dt.timedelta(days=5)
                latest = min(
                    today, settlement.due_on + dt.timedelta(days=rng.choice((0, 0, 0, 10, 25)))
                )
                span = max(0, (latest - earliest).days)
                settlement.paid_on = earliest + dt.timedelta(days=rng.randint(0, span))
                settlement.status = Settlement.Status.PAID
                settlement.payment_reference = f"TRF/{settlement.paid_on:%Y%m%d}/{group_id:04d}"
                settlement.paid_by = perusda
            rows.append(settlement)
            shares_of[(group_id, month)] = shares
        month = next_month(month)
    existing = set(Settlement.objects.values_list("group_id", "month"))
    rows = [r for r in rows if (r.group_id, r.month) not in existing]
    Settlement.objects.bulk_create(rows, batch_size=BATCH)
    SettlementLine.objects.bulk_create(
        (
            SettlementLine(
                settlement=r, outlet_id=s.outlet_id, quantity_sold=s.quantity, amount=s.amount
            )
            for r in rows
            for s in shares_of[(r.group_id, r.month)]
        ),
        batch_size=BATCH,
    )
