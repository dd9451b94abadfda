"""Marketing's contribution to a group's timeline: monthly outlet sales and settlements."""

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils.translation import gettext as _

from core.formatting import format_rupiah
from core.months import month_end
from core.timeline import TimelineEntry
from marketing.models import Sale, SaleLine, Settlement
from marketing.settlements import consignment_value

MONTHS_SHOWN = 24


def sales_entries(group, user):
    """One entry per month with sales through the outlets (one aggregate query)."""
    rows = (
        SaleLine.objects.visible_to(user)
        .filter(group=group, sale__status=Sale.Status.COMPLETED)
        .annotate(month=TruncMonth("sale__business_date"))
        .values("month")
        .annotate(
            units=Sum("quantity"),
            amount=Sum(consignment_value()),
            outlets=Count("sale__outlet", distinct=True),
        )
        .order_by("-month")[:MONTHS_SHOWN]
    )
    for row in rows:
        yield TimelineEntry(
            when=month_end(row["month"]),
            kind="sale",
            icon="bi-shop",
            title=_("Penjualan gerai %(month)s: %(units)d unit")
            % {"month": row["month"].strftime("%m/%Y"), "units": row["units"]},
            detail=_("Hak kelompok %(amount)s dari %(outlets)d gerai")
            % {"amount": format_rupiah(row["amount"]), "outlets": row["outlets"]},
        )


def settlement_entries(group, user):
    """Payments made to the group, and those still due (one query)."""
    rows = Settlement.objects.visible_to(user).filter(group=group, amount_due__gt=0)
    for settlement in rows.order_by("-month")[:MONTHS_SHOWN]:
        url = reverse("marketing:settlement_detail", args=[settlement.pk])
        values = {
            "month": settlement.month.strftime("%m/%Y"),
            "amount": format_rupiah(settlement.amount_due),
        }
        if settlement.status == Settlement.Status.PAID:
            yield TimelineEntry(
                when=settlement.paid_on,
                kind="settlement",
                icon="bi-cash-coin",
                title=_("Dibayar Perusda untuk %(month)s: %(amount)s") % values,
                detail=settlement.payment_reference,
                url=url,
            )
        else:
            yield TimelineEntry(
                when=settlement.due_on,
                kind="settlement_due",
                icon="bi-alarm",
                title=_("Jatuh tempo pembayaran %(month)s: %(amount)s") % values,
                detail=_("belum dibayar"),
                url=url,
            )
