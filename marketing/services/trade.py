"""The consignment trade: deliveries, stock, sales, voids, returns and the daily closing."""

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max, Q, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.services import audit_record
from core import roles
from groups.models import Product
from marketing import summary
from marketing.models import (
    DailyClosing,
    Delivery,
    DeliveryLine,
    Outlet,
    ReceiptSequence,
    Sale,
    SaleLine,
    Stock,
    StockEntry,
    StockReturn,
    StockReturnLine,
    staffed_outlet_ids,
)
from marketing.pricing import prices_on

# --- Consignment trade: deliveries, stock, sales, voids, returns, closings -------------------
#
# The stock row of a product at an outlet and the ledger entry that explains its change are
# written together, in one transaction, with the stock row locked (``select_for_update``); the
# entry's ``balance_after`` is the stock after the change. The database refuses a negative stock
# (a CheckConstraint); the services refuse it first with a message the clerk can act on.
#
# An outlet's ``ReceiptSequence`` row is the outlet's lock for the counter: recording a sale,
# voiding one, every other stock move and closing a day all take it first, so a day cannot be
# closed while a change of that day is being written, and receipt numbers have no gaps and no
# duplicates.

WITA = ZoneInfo("Asia/Makassar")


def business_date(moment: dt.datetime | None = None) -> dt.date:
    """The trading day of a moment, in Palu's time (WITA), whatever the server's time zone."""
    return timezone.localdate(moment or timezone.now(), timezone=WITA)


def staffs(user, outlet: Outlet) -> bool:
    """True when the user is a clerk posted at the outlet today."""
    return roles.is_clerk(user) and staffed_outlet_ids(user).filter(outlet=outlet.pk).exists()


def manages_outlets(user) -> bool:
    """The Perusda manager (and the system administrator) manage every outlet's stock."""
    return roles.is_perusda(user) or (user.is_superuser and user.is_active)


def _require_clerk_of(user, outlet: Outlet) -> None:
    if not staffs(user, outlet):
        raise PermissionDenied(_("Hanya kasir gerai ini yang dapat mencatatnya."))


def _require_clerk_or_manager(user, outlet: Outlet) -> None:
    if not (manages_outlets(user) or staffs(user, outlet)):
        raise PermissionDenied(
            _("Hanya kasir gerai ini atau manajer Perusda yang dapat mencatatnya.")
        )


def _lock_outlet_counter(outlet: Outlet) -> ReceiptSequence:
    sequence, _created = ReceiptSequence.objects.select_for_update().get_or_create(outlet=outlet)
    return sequence


def is_day_closed(outlet: Outlet, day: dt.date) -> bool:
    return DailyClosing.objects.filter(outlet=outlet, business_date=day).exists()


def _require_open_day(outlet: Outlet, day: dt.date) -> None:
    if is_day_closed(outlet, day):
        raise ValidationError(
            _("Hari %(day)s di gerai ini sudah ditutup; tidak ada lagi perubahan untuk hari itu.")
            % {"day": date_format(day, "j F Y")}
        )


def _lock_open_today(outlet: Outlet) -> None:
    """Stock moves are dated today: once today is closed at the outlet, none is taken.

    The counter lock comes first, as for a sale, so a closing cannot slip in between.
    """
    _lock_outlet_counter(outlet)
    _require_open_day(outlet, business_date())


def _merge_lines(lines: Iterable[tuple[int, int]]) -> dict[int, int]:
    """``{product_id: quantity}`` from (product id, quantity) pairs; quantities must be positive."""
    merged: dict[int, int] = {}
    for product_id, quantity in lines:
        quantity = int(quantity)
        if quantity <= 0:
            raise ValidationError(_("Jumlah harus lebih dari nol."))
        merged[int(product_id)] = merged.get(int(product_id), 0) + quantity
    if not merged:
        raise ValidationError(_("Isi paling sedikit satu produk dengan jumlahnya."))
    return merged


def _move_stock(
    *,
    outlet: Outlet,
    changes: dict[int, int],
    kind: str,
    user,
    reason: str = "",
    create_missing: bool = False,
    **refs,
) -> list[StockEntry]:
    """Change the stock of several products at an outlet and write their ledger entries.

    ``changes`` maps product id to a signed quantity. The stock rows are locked in product
    order (so two writers never wait on each other in a circle); a product with no stock row
    is refused unless ``create_missing`` (a delivery or a void brings goods in).
    """
    changes = {pid: q for pid, q in changes.items() if q}
    if not changes:
        return []
    ids = sorted(changes)
    if create_missing:
        present = set(
            Stock.objects.filter(outlet=outlet, product_id__in=ids).values_list(
                "product_id", flat=True
            )
        )
        for pid in ids:
            if pid not in present:
                Stock.objects.get_or_create(outlet=outlet, product_id=pid)
    rows = {
        s.product_id: s
        # of=self: lock the stock rows only; locking their products too would conflict with
        # the key-share locks that inserting ledger and sale lines takes (deadlocks).
        for s in Stock.objects.select_for_update(of=("self",))
        .filter(outlet=outlet, product_id__in=ids)
        .select_related("product")
        .order_by("product_id")
    }
    missing = [pid for pid in ids if pid not in rows]
    if missing:
        raise ValidationError(_("Produk ini tidak ada di stok gerai ini."))
    short = [
        _("%(product)s: stok %(available)d, diminta %(asked)d")
        % {"product": rows[pid].product.name, "available": rows[pid].quantity, "asked": -q}
        for pid, q in changes.items()
        if rows[pid].quantity + q < 0
    ]
    if short:
        raise ValidationError(
            _("Stok tidak cukup — %(detail)s.") % {"detail": "; ".join(short)}, code="short"
        )
    now = timezone.now()
    entries = []
    for pid in ids:
        delta = changes[pid]
        updated = Stock.objects.filter(pk=rows[pid].pk, quantity__gte=max(0, -delta)).update(
            quantity=F("quantity") + delta, updated_at=now
        )
        if updated != 1:  # cannot happen with the row locked; never write a wrong ledger
            raise ValidationError(_("Stok berubah saat disimpan; coba lagi."), code="short")
        entries.append(
            StockEntry(
                outlet=outlet,
                product_id=pid,
                kind=kind,
                quantity=delta,
                balance_after=rows[pid].quantity + delta,
                reason=reason,
                created_by=user,
                created_at=now,
                **refs,
            )
        )
    entries = StockEntry.objects.bulk_create(entries)
    # The ledger says what moved; the audit trail says it too, with everything else that
    # changed, in the same transaction (one event per movement, whatever the number of lines).
    audit_record(
        actor=user,
        action=AuditEvent.Action.VOID if kind == StockEntry.Kind.VOID else AuditEvent.Action.UPDATE,
        app_label=Stock._meta.app_label,
        model=Stock._meta.model_name,
        object_id=str(outlet.pk),
        object_repr=f"{outlet.code}: {StockEntry.Kind(kind).label}",
        changes={
            str(e.product_id): [e.balance_after - e.quantity, e.balance_after] for e in entries
        },
        note=reason[:200],
    )
    return entries


def _next_delivery_number(outlet: Outlet, day: dt.date) -> str:
    # One numberer per outlet; no_key so that sales inserting rows that refer to the outlet
    # (which take key-share locks on it) are not blocked by, nor deadlock with, the numberer.
    Outlet.objects.select_for_update(no_key=True).filter(pk=outlet.pk).first()
    prefix = f"SJ/{outlet.code}/{day:%Y%m}/"
    taken = Delivery.objects.filter(number__startswith=prefix).count()
    number = taken + 1
    while Delivery.objects.filter(number=f"{prefix}{number:04d}").exists():
        number += 1
    return f"{prefix}{number:04d}"


@transaction.atomic
def delivery_create(
    *,
    user,
    outlet: Outlet,
    group,
    lines: Iterable[tuple[int, int]],
    sent_on: dt.date | None = None,
    note: str = "",
) -> Delivery:
    """Consign a group's goods to an outlet (Perusda manager or official).

    Lines are (product id, quantity); every product must be the group's and have a price on the
    day sent; the line keeps that day's consignment price.
    """
    if not (manages_outlets(user) or roles.is_official(user)):
        raise PermissionDenied(_("Hanya manajer Perusda atau pejabat yang dapat mengirim barang."))
    if not outlet.is_active:
        raise ValidationError({"outlet": _("Gerai ini tidak aktif.")})
    sent_on = sent_on or business_date()
    quantities = _merge_lines(lines)
    found = Product.objects.filter(pk__in=list(quantities), group=group, is_active=True)
    products = {p.pk: p for p in found}
    if len(products) != len(quantities):
        raise ValidationError(_("Hanya produk aktif milik kelompok ini yang dapat dikirim."))
    prices = prices_on(outlet, list(quantities), sent_on)
    unpriced = [products[pid].name for pid in quantities if pid not in prices]
    if unpriced:
        raise ValidationError(
            _("Produk belum punya harga pada tanggal kirim: %(names)s.")
            % {"names": ", ".join(sorted(unpriced))}
        )
    delivery = Delivery(
        number=_next_delivery_number(outlet, sent_on),
        outlet=outlet,
        group=group,
        sent_on=sent_on,
        note=note,
        created_by=user,
    )
    delivery.full_clean()
    delivery.save()
    DeliveryLine.objects.bulk_create(
        DeliveryLine(
            delivery=delivery,
            product_id=pid,
            quantity_sent=quantity,
            consignment_price=prices[pid][0],
        )
        for pid, quantity in sorted(quantities.items())
    )
    return delivery


def received_field(line_id: int) -> str:
    """The name of a delivery line in ``delivery_receive``'s errors (and in the receiving form)."""
    return f"line_{line_id}"


@transaction.atomic
def delivery_receive(
    *,
    user,
    delivery: Delivery,
    received: dict[int, int],
    note: str = "",
) -> Delivery:
    """The clerk of the outlet confirms what arrived: the counted quantity of every line.

    ``received`` maps line id to the counted quantity (0 when nothing of it came), between 0
    and what was sent. Fewer than sent is a difference that stays on the line; more is refused:
    goods nobody sent would become stock and then a payment to the group that no delivery
    explains, so extra goods come in on a delivery of their own. The stock grows by what was
    counted. Errors name the line by ``received_field(line id)``.
    """
    # of=self: the outlet row is read, not locked (a lock on it deadlocked with sales).
    delivery = (
        Delivery.objects.select_for_update(of=("self",))
        .select_related("outlet")
        .get(pk=delivery.pk)
    )
    _require_clerk_of(user, delivery.outlet)
    _lock_open_today(delivery.outlet)
    if delivery.status != Delivery.Status.SENT:
        raise ValidationError(_("Pengiriman ini sudah diterima atau dibatalkan."))
    lines = list(delivery.lines.select_related("product").order_by("id"))
    if set(received) != {line.pk for line in lines}:
        raise ValidationError(_("Isi jumlah yang diterima untuk setiap baris."))
    today = business_date()
    if today < delivery.sent_on:
        raise ValidationError(_("Pengiriman ini baru dikirim pada tanggal yang akan datang."))
    changes, errors = {}, {}
    for line in lines:
        counted = received[line.pk]
        if counted is None or int(counted) < 0:
            errors[received_field(line.pk)] = _("Jumlah diterima tidak boleh kurang dari nol.")
        elif int(counted) > line.quantity_sent:
            errors[received_field(line.pk)] = _(
                "Lebih banyak dari yang dikirim (%(sent)d %(unit)s). Tulis jumlah yang "
                "dikirim; untuk barang yang lebih, hubungi Perusda atau kelompoknya agar "
                "dibuatkan pengiriman baru."
            ) % {"sent": line.quantity_sent, "unit": line.product.unit}
        else:
            line.quantity_received = int(counted)
            changes[line.product_id] = line.quantity_received
    if errors:
        raise ValidationError(errors)
    DeliveryLine.objects.bulk_update(lines, ["quantity_received"])
    delivery.status = Delivery.Status.RECEIVED
    delivery.received_on = today
    delivery.received_by = user
    if note:
        delivery.note = f"{delivery.note}\n{note}".strip()
    delivery.full_clean()
    delivery.save()
    _move_stock(
        outlet=delivery.outlet,
        changes=changes,
        kind=StockEntry.Kind.DELIVERY,
        user=user,
        reason=delivery.number,
        create_missing=True,
        delivery=delivery,
    )
    return delivery


def _existing_sale(key, clerk, outlet) -> Sale | None:
    sale = Sale.objects.filter(idempotency_key=key).select_related("outlet").first()
    if sale is not None and (sale.outlet_id != outlet.pk or sale.clerk_id != clerk.pk):
        raise ValidationError(_("Kunci kirim ini sudah dipakai untuk penjualan lain."))
    return sale


@transaction.atomic
def sale_record(
    *,
    clerk,
    outlet: Outlet,
    lines: Iterable[tuple[int, int]],
    idempotency_key: uuid.UUID,
) -> tuple[Sale, bool]:
    """Record a sale at the counter and number its receipt; returns ``(sale, created)``.

    Sending the same idempotency key again (a double tap, a resend on a weak connection)
    returns the sale already recorded with it, never a second one. Products must be in stock at
    the outlet; prices are those of the moment (``pricing.prices_on``); a closed day takes no
    more sales.
    """
    _require_clerk_of(clerk, outlet)
    existing = _existing_sale(idempotency_key, clerk, outlet)
    if existing is not None:
        return existing, False
    quantities = _merge_lines(lines)
    sequence = _lock_outlet_counter(outlet)
    existing = _existing_sale(idempotency_key, clerk, outlet)  # a resend that waited on the lock
    if existing is not None:
        return existing, False
    moment = timezone.now()
    day = business_date(moment)
    _require_open_day(outlet, day)
    prices = prices_on(outlet, list(quantities), day)
    products = {p.pk: p for p in Product.objects.filter(pk__in=list(quantities))}
    unpriced = [products[pid].name for pid in quantities if pid in products and pid not in prices]
    if unpriced:
        raise ValidationError(
            _("Produk belum punya harga jual: %(names)s.") % {"names": ", ".join(sorted(unpriced))}
        )
    # Sales loaded in bulk (imports, demo data) may not have moved the sequence: never reuse a
    # number already on a receipt of this outlet.
    highest = Sale.objects.filter(outlet=outlet).aggregate(n=Max("number"))["n"] or 0
    sequence.last_number = max(sequence.last_number, highest) + 1
    sequence.save(update_fields=["last_number"])
    sale_lines = [
        SaleLine(
            product_id=pid,
            group_id=products[pid].group_id,
            quantity=quantity,
            unit_price=prices[pid][1],
            consignment_price=prices[pid][0],
            line_total=prices[pid][1] * quantity,
        )
        for pid, quantity in sorted(quantities.items())
        if pid in products
    ]
    if len(sale_lines) != len(quantities):
        raise ValidationError(_("Produk ini tidak ada di stok gerai ini."))
    try:
        with transaction.atomic():
            sale = Sale.objects.create(
                outlet=outlet,
                number=sequence.last_number,
                sold_at=moment,
                business_date=day,
                clerk=clerk,
                total=sum((line.line_total for line in sale_lines), Decimal(0)),
                idempotency_key=idempotency_key,
            )
    except IntegrityError:
        existing = _existing_sale(idempotency_key, clerk, outlet)
        if existing is None:
            raise
        return existing, False
    for line in sale_lines:
        line.sale = sale
    SaleLine.objects.bulk_create(sale_lines)
    summary.apply_sale(sale, sale_lines, sign=1)
    _move_stock(
        outlet=outlet,
        changes={pid: -q for pid, q in quantities.items()},
        kind=StockEntry.Kind.SALE,
        user=clerk,
        sale=sale,
    )
    return sale, True


@transaction.atomic
def sale_void(*, user, sale: Sale, reason: str) -> Sale:
    """Void a mistaken sale: it stays on record, marked void with a reason; its stock returns.

    The clerk of the outlet or the Perusda manager; not in a closed day.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tulis alasan pembatalan.")})
    _require_clerk_or_manager(user, sale.outlet)
    _lock_outlet_counter(sale.outlet)
    sale = Sale.objects.select_for_update(of=("self",)).select_related("outlet").get(pk=sale.pk)
    if sale.status != Sale.Status.COMPLETED:
        raise ValidationError(_("Penjualan ini sudah dibatalkan."))
    _require_open_day(sale.outlet, sale.business_date)
    lines = list(sale.lines.all())
    returned: dict[int, int] = {}
    for line in lines:
        returned[line.product_id] = returned.get(line.product_id, 0) + line.quantity
    sale.status = Sale.Status.VOID
    sale.voided_at = timezone.now()
    sale.voided_by = user
    sale.void_reason = reason[:255]
    sale.save(update_fields=["status", "voided_at", "voided_by", "void_reason"])
    summary.apply_sale(sale, lines, sign=-1)
    _move_stock(
        outlet=sale.outlet,
        changes=returned,
        kind=StockEntry.Kind.VOID,
        user=user,
        reason=sale.void_reason,
        create_missing=True,
        sale=sale,
    )
    return sale


@transaction.atomic
def stock_return_create(
    *,
    user,
    outlet: Outlet,
    group,
    lines: Iterable[tuple[int, int]],
    reason: str,
    note: str = "",
) -> StockReturn:
    """Goods of one group taken back from an outlet (unsold, expired, damaged): stock goes down."""
    _require_clerk_or_manager(user, outlet)
    _lock_open_today(outlet)
    if reason not in StockReturn.Reason.values:
        raise ValidationError({"reason": _("Pilih alasan retur.")})
    quantities = _merge_lines(lines)
    own = set(
        Product.objects.filter(pk__in=list(quantities), group=group).values_list("pk", flat=True)
    )
    if own != set(quantities):
        raise ValidationError(_("Hanya produk milik kelompok ini yang dapat diretur."))
    stock_return = StockReturn(
        outlet=outlet,
        group=group,
        returned_on=business_date(),
        reason=reason,
        note=note,
        created_by=user,
    )
    stock_return.full_clean()
    stock_return.save()
    StockReturnLine.objects.bulk_create(
        StockReturnLine(stock_return=stock_return, product_id=pid, quantity=q)
        for pid, q in sorted(quantities.items())
    )
    _move_stock(
        outlet=outlet,
        changes={pid: -q for pid, q in quantities.items()},
        kind=StockEntry.Kind.RETURN,
        user=user,
        reason=stock_return.get_reason_display(),
        stock_return=stock_return,
    )
    return stock_return


@transaction.atomic
def stock_write_off(*, user, outlet: Outlet, product, quantity: int, reason: str) -> StockEntry:
    """Damaged or expired goods taken out of the stock, with the reason."""
    _require_clerk_or_manager(user, outlet)
    _lock_open_today(outlet)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tulis alasannya.")})
    if quantity is None or int(quantity) <= 0:
        raise ValidationError({"quantity": _("Jumlah harus lebih dari nol.")})
    (entry,) = _move_stock(
        outlet=outlet,
        changes={product.pk: -int(quantity)},
        kind=StockEntry.Kind.WRITE_OFF,
        user=user,
        reason=reason[:255],
    )
    return entry


@transaction.atomic
def stock_adjust(*, user, outlet: Outlet, product, counted: int, reason: str) -> StockEntry:
    """A stock-take: the counted quantity becomes the stock; the difference is a ledger entry."""
    _require_clerk_or_manager(user, outlet)
    _lock_open_today(outlet)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tulis alasannya.")})
    if counted is None or int(counted) < 0:
        raise ValidationError({"counted": _("Jumlah hitung tidak boleh kurang dari nol.")})
    stock = Stock.objects.select_for_update().filter(outlet=outlet, product=product).first()
    if stock is None:
        raise ValidationError(_("Produk ini tidak ada di stok gerai ini."))
    delta = int(counted) - stock.quantity
    if delta == 0:
        raise ValidationError(
            {"counted": _("Jumlah hitung sama dengan stok; tidak ada yang disesuaikan.")}
        )
    (entry,) = _move_stock(
        outlet=outlet,
        changes={product.pk: delta},
        kind=StockEntry.Kind.ADJUSTMENT,
        user=user,
        reason=reason[:255],
    )
    return entry


@dataclass
class DaySummary:
    """An outlet's trading day: completed sales by product and the cash they should bring."""

    outlet: Outlet
    day: dt.date
    rows: list[dict]
    sales_count: int
    void_count: int
    cash_expected: Decimal


def day_summary(outlet: Outlet, day: dt.date) -> DaySummary:
    """Completed sales of the day by product (voided receipts counted apart). Three queries."""
    sales = Sale.objects.filter(outlet=outlet, business_date=day)
    totals = sales.aggregate(
        completed=Count("pk", filter=Q(status=Sale.Status.COMPLETED)),
        void=Count("pk", filter=Q(status=Sale.Status.VOID)),
        cash=Sum("total", filter=Q(status=Sale.Status.COMPLETED)),
    )
    rows = list(
        SaleLine.objects.filter(
            sale__outlet=outlet, sale__business_date=day, sale__status=Sale.Status.COMPLETED
        )
        .values("product_id", "product__name", "product__unit", "group__name")
        .annotate(quantity=Sum("quantity"), amount=Sum("line_total"))
        .order_by("product__name", "product_id")
    )
    return DaySummary(
        outlet=outlet,
        day=day,
        rows=rows,
        sales_count=totals["completed"],
        void_count=totals["void"],
        cash_expected=totals["cash"] or Decimal(0),
    )


@transaction.atomic
def day_close(
    *, user, outlet: Outlet, day: dt.date, cash_counted: Decimal, note: str = ""
) -> DailyClosing:
    """Close an outlet's day: cash expected (completed sales) against cash counted.

    A difference needs a note. Afterwards the day takes no new sale, void, delivery received,
    return, write-off or stock-take.
    """
    _require_clerk_or_manager(user, outlet)
    if day > business_date():
        raise ValidationError({"business_date": _("Hari yang belum tiba tidak dapat ditutup.")})
    if cash_counted is None or cash_counted < 0:
        raise ValidationError({"cash_counted": _("Kas dihitung tidak boleh kurang dari nol.")})
    _lock_outlet_counter(outlet)
    if is_day_closed(outlet, day):
        raise ValidationError(_("Hari ini sudah ditutup."))
    summary = day_summary(outlet, day)
    difference = cash_counted - summary.cash_expected
    note = (note or "").strip()
    if difference and not note:
        raise ValidationError({"note": _("Ada selisih kas; tulis penjelasannya.")})
    closing = DailyClosing(
        outlet=outlet,
        business_date=day,
        sales_count=summary.sales_count,
        cash_expected=summary.cash_expected,
        cash_counted=cash_counted,
        difference=difference,
        note=note,
        closed_by=user,
    )
    closing.full_clean()
    closing.save()
    return closing
