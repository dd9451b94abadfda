"""Settlements: what Perusda owes each group for a month of consigned sales, and its payment.

The rules:

- A month is the calendar month of ``Sale.business_date``: the outlet's day in Palu's time
  (WITA), so a sale at 23:59 on the 31st belongs to that month and one at 00:00 on the 1st to the
  next, whatever the server's clock zone.
- The amount owed is, per outlet, the sum of ``quantity × consignment_price`` of the sale lines of
  the group's products, taken from the lines themselves (the price of the moment of the sale).
  Voided sales count for nothing.
- Deductions are 0: goods returned to the group (``StockReturn``) were never sold, so they never
  entered the amount; a mistaken sale is voided, which removes it. There is no customer-return
  record that could reduce a sold amount.
- Settlements are generated (and refreshed) only for months that have ended. Refreshing is
  idempotent; a paid settlement is never changed (its numbers are what was paid).
- The due date is the month's last day plus ``PALU_SETTLEMENT_DUE_DAYS``.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import DecimalField, ExpressionWrapper, F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from core import roles
from core.months import month_end, month_start, next_month
from marketing.models import MONEY, Sale, SaleLine, Settlement, SettlementLine


def consignment_value(prefix: str = ""):
    """``quantity × consignment_price`` of a sale line (``prefix`` reaches it from elsewhere)."""
    return ExpressionWrapper(
        F(f"{prefix}quantity") * F(f"{prefix}consignment_price"),
        output_field=DecimalField(**MONEY),
    )


def due_date(month: dt.date) -> dt.date:
    """The day by which the month's settlement must be paid."""
    return month_end(month) + dt.timedelta(days=settings.PALU_SETTLEMENT_DUE_DAYS)


def last_closed_month(today: dt.date | None = None) -> dt.date:
    """The most recent month that has ended."""
    today = today or timezone.localdate()
    return month_start(month_start(today) - dt.timedelta(days=1))


def sold_lines(month: dt.date, group_ids=None):
    """Completed sale lines whose business day falls in ``month`` (not scoped: services only)."""
    lines = SaleLine.objects.filter(
        sale__status=Sale.Status.COMPLETED,
        sale__business_date__gte=month,
        sale__business_date__lt=next_month(month),
    )
    if group_ids is not None:
        lines = lines.filter(group_id__in=group_ids)
    return lines


@dataclass(frozen=True)
class OutletShare:
    outlet_id: int
    quantity: int
    amount: Decimal


def compute(month: dt.date, group_ids=None) -> dict[int, list[OutletShare]]:
    """Per group, what sold at each outlet in the month, in one aggregate query."""
    rows = (
        sold_lines(month, group_ids)
        .values("group_id", "sale__outlet_id")
        .annotate(units=Sum("quantity"), amount=Sum(consignment_value()))
        .order_by("group_id", "sale__outlet_id")
    )
    shares: dict[int, list[OutletShare]] = {}
    for row in rows:
        shares.setdefault(row["group_id"], []).append(
            OutletShare(row["sale__outlet_id"], row["units"], row["amount"] or Decimal(0))
        )
    return shares


def _check_manager(user) -> None:
    """Settlements are Perusda's books: its manager (or a system administrator) writes them."""
    if user is None:
        return
    if not (roles.is_perusda(user) or (user.is_superuser and user.is_active)):
        raise PermissionDenied(_("Hanya manajer Perusda yang mengelola pembayaran ke kelompok."))


def _check_month(month: dt.date, today: dt.date) -> dt.date:
    month = month_start(month)
    if month > last_closed_month(today):
        raise ValidationError(
            {"month": _("Pembayaran hanya dihitung untuk bulan yang sudah berakhir.")}
        )
    return month


def _write(settlement: Settlement, shares: list[OutletShare]) -> bool:
    """Put the computed numbers on a due settlement; True when something changed."""
    quantity = sum(s.quantity for s in shares)
    gross = sum((s.amount for s in shares), Decimal(0))
    current = (
        {(line.outlet_id, line.quantity_sold, line.amount) for line in settlement.lines.all()}
        if settlement.pk
        else set()
    )
    wanted = {(s.outlet_id, s.quantity, s.amount) for s in shares}
    due_on = due_date(settlement.month)
    if (
        settlement.pk
        and current == wanted
        and settlement.quantity_sold == quantity
        and settlement.gross_amount == gross
        and settlement.due_on == due_on
    ):
        return False
    settlement.quantity_sold = quantity
    settlement.gross_amount = gross
    settlement.deductions = Decimal(0)
    settlement.amount_due = gross
    settlement.due_on = due_on
    settlement.full_clean(validate_unique=False)
    settlement.save()
    if current != wanted:
        settlement.lines.all().delete()  # lines of an unpaid settlement are derived numbers
        SettlementLine.objects.bulk_create(
            SettlementLine(
                settlement=settlement,
                outlet_id=s.outlet_id,
                quantity_sold=s.quantity,
                amount=s.amount,
            )
            for s in shares
        )
    return True


@dataclass
class GenerateResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    paid_kept: int = 0


@transaction.atomic
def settlements_generate(
    *, month: dt.date, by=None, group_ids=None, today: dt.date | None = None
) -> GenerateResult:
    """Create or refresh the month's settlements of every group with sales (or of ``group_ids``).

    Running it twice changes nothing. A paid settlement is left exactly as it was paid. A due
    settlement whose sales were all voided is kept with zero (it is never deleted).
    """
    _check_manager(by)
    month = _check_month(month, today or timezone.localdate())
    shares = compute(month, group_ids)
    existing = Settlement.objects.select_for_update().filter(month=month)
    if group_ids is not None:
        existing = existing.filter(group_id__in=group_ids)
    existing = {s.group_id: s for s in existing.prefetch_related("lines")}
    result = GenerateResult()
    for group_id in sorted(set(shares) | set(existing)):
        settlement = existing.get(group_id)
        if settlement is not None and settlement.status == Settlement.Status.PAID:
            result.paid_kept += 1
            continue
        if settlement is None:
            settlement = Settlement(group_id=group_id, month=month)
            _write(settlement, shares.get(group_id, []))
            result.created += 1
        elif _write(settlement, shares.get(group_id, [])):
            result.updated += 1
        else:
            result.unchanged += 1
    return result


@transaction.atomic
def settlement_refresh(*, settlement: Settlement, by=None) -> Settlement:
    """Recompute one due settlement from the sales as they stand now."""
    _check_manager(by)
    settlement = Settlement.objects.select_for_update().get(pk=settlement.pk)
    if settlement.status == Settlement.Status.PAID:
        raise ValidationError(_("Pembayaran yang sudah dibayar tidak dapat diubah."))
    shares = compute(settlement.month, [settlement.group_id]).get(settlement.group_id, [])
    _write(settlement, shares)
    return settlement


@transaction.atomic
def settlement_mark_paid(
    *,
    settlement: Settlement,
    paid_on: dt.date,
    reference: str,
    by,
    expected_amount: Decimal | None = None,
) -> Settlement:
    """Record the payment of a due settlement (date, transfer reference, who).

    The numbers are recomputed first, in the same transaction: what is marked paid is what the
    sales say now. If they differ from ``expected_amount`` (what the manager saw on the page), the
    payment is refused so that nobody confirms an amount they did not see.
    """
    _check_manager(by)
    today = timezone.localdate()
    settlement = settlement_refresh(settlement=settlement)
    errors: dict[str, str] = {}
    if expected_amount is not None and settlement.amount_due != expected_amount:
        raise ValidationError(
            _(
                "Jumlah pembayaran berubah menjadi %(amount)s karena ada penjualan yang berubah. "
                "Periksa lagi sebelum mencatat pembayaran."
            )
            % {"amount": f"{settlement.amount_due:,.0f}".replace(",", ".")}
        )
    if settlement.amount_due <= 0:
        raise ValidationError(_("Tidak ada jumlah yang harus dibayar untuk bulan ini."))
    if paid_on > today:
        errors["paid_on"] = _("Tanggal bayar tidak boleh di masa depan.")
    elif paid_on <= month_end(settlement.month):
        errors["paid_on"] = _("Tanggal bayar harus setelah bulan penjualan berakhir.")
    if not reference.strip():
        errors["payment_reference"] = _("Isi nomor referensi transfer atau kuitansi.")
    if errors:
        raise ValidationError(errors)
    settlement.status = Settlement.Status.PAID
    settlement.paid_on = paid_on
    settlement.payment_reference = reference.strip()
    settlement.paid_by = by
    settlement.full_clean(validate_unique=False)
    settlement.save()
    return settlement


def live_amount(settlement: Settlement) -> Decimal:
    """What the sales of the settlement's month say now (to flag a paid settlement gone stale)."""
    value = sold_lines(settlement.month, [settlement.group_id]).aggregate(
        amount=Sum(consignment_value())
    )["amount"]
    return value or Decimal(0)
