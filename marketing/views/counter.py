"""The counter on a phone: sell what is in stock, print the receipt, list and void sales."""

from django.contrib import messages
from django.db.models import Count, OuterRef, Subquery, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django.views.generic import ListView

from core.pagination import KeysetPaginationMixin
from core.scoping import RoleScopedMixin, role_required
from marketing.forms.trade import SaleFilterForm, SaleForm, VoidForm
from marketing.models import Outlet, Sale, SaleLine, Stock
from marketing.pricing import prices_on
from marketing.services import trade as services
from marketing.views.trade_base import (
    CLERKS,
    STOCK_KEEPERS,
    TRADE_READERS,
    run_service,
    scoped_outlet,
)


@require_GET
@role_required(*CLERKS)
def counter_start(request):
    """A clerk at one outlet goes straight to its counter; a clerk at several picks one."""
    outlets = list(Outlet.objects.visible_to(request.user).active().select_related("regency"))
    if len(outlets) == 1:
        return redirect("marketing:counter", outlet=outlets[0].pk)
    return render(request, "marketing/counter_start.html", {"outlets": outlets})


def _shelf(user, outlet, day):
    """Products in stock at the outlet with today's retail price (three queries)."""
    stock = list(
        Stock.objects.visible_to(user)
        .filter(outlet=outlet, quantity__gt=0)
        .select_related("product__group")
        .order_by("product__name", "product_id")
    )
    prices = prices_on(outlet, [s.product_id for s in stock], day)
    return [
        {"stock": item, "product": item.product, "price": prices[item.product_id][1]}
        for item in stock
        if item.product_id in prices
    ]


@role_required(*CLERKS)
@require_http_methods(["GET", "POST"])
def counter(request, outlet):
    """Sell: quantities of products in stock, a live total in the browser, the total on the server.

    The form carries an idempotency key made when the page is drawn: a double tap or a resend
    of the same page records one sale and shows its receipt.
    """
    outlet = scoped_outlet(request, outlet)
    day = services.business_date()
    form = SaleForm(request.POST or None, user=request.user, outlet=outlet)
    if request.method == "POST" and form.is_valid():
        result = run_service(
            request,
            form,
            lambda: services.sale_record(
                clerk=request.user,
                outlet=outlet,
                lines=form.lines,
                idempotency_key=form.cleaned_data["idempotency_key"],
            ),
        )
        if result is not None:
            sale, created = result
            if created:
                messages.success(
                    request, _("Penjualan %(number)s tersimpan.") % {"number": sale.receipt_number}
                )
            else:
                messages.info(
                    request,
                    _("Penjualan ini sudah tercatat sebagai %(number)s; tidak dicatat dua kali.")
                    % {"number": sale.receipt_number},
                )
            return redirect("marketing:sale_receipt", pk=sale.pk)
    posted = dict(
        zip(request.POST.getlist("product"), request.POST.getlist("quantity"), strict=False)
    )
    rows = _shelf(request.user, outlet, day)
    for row in rows:
        row["quantity"] = posted.get(str(row["product"].pk), "")
    return render(
        request,
        "marketing/counter.html",
        {
            "outlet": outlet,
            "form": form,
            "rows": rows,
            "day": day,
            "day_closed": services.is_day_closed(outlet, day),
        },
    )


def _sales(user):
    return Sale.objects.visible_to(user).select_related("outlet", "clerk")


@require_GET
@role_required(*TRADE_READERS)
def sale_receipt(request, pk):
    """The receipt: number, time, lines, total; printable on a small printer or to PDF."""
    sale = get_object_or_404(_sales(request.user).select_related("voided_by"), pk=pk)
    lines = sale.lines.select_related("product")
    user = request.user
    return render(
        request,
        "marketing/sale_receipt.html",
        {
            "sale": sale,
            "lines": lines,
            "may_sell": services.staffs(user, sale.outlet),
            "may_void": services.manages_outlets(user) or services.staffs(user, sale.outlet),
        },
    )


class SaleListView(KeysetPaginationMixin, RoleScopedMixin, ListView):
    """Receipts of the user's outlets, newest first; filter by outlet, day and status.

    Keyset pages on ``(sold_at, id)`` (indexes ``(sold_at, id)``, ``(outlet, sold_at, id)`` and
    ``(business_date, sold_at, id)``): the first, a deep and the last page cost the same, and
    the list never counts more than 10,000 receipts (docs/PERFORMANCE.md).
    """

    model = Sale
    allowed_roles = TRADE_READERS
    paginate_by = 25
    keyset_ordering = ("-sold_at", "-id")
    template_name = "marketing/sale_list.html"

    def get_queryset(self):
        self.filter_form = SaleFilterForm(self.request.GET or None, user=self.request.user)
        sales = super().get_queryset()
        if self.filter_form.is_bound:
            if not self.filter_form.is_valid():
                sales = sales.none()
            else:
                data = self.filter_form.cleaned_data
                if data["gerai"]:
                    sales = sales.filter(outlet=data["gerai"])
                if data["tanggal"]:
                    sales = sales.filter(business_date=data["tanggal"])
                if data["status"]:
                    sales = sales.filter(status=data["status"])
        # Per-row subqueries, not a join and GROUP BY: only the page's rows are summed. The
        # lines belong to the outer (already scoped) sale.
        of_the_sale = SaleLine.objects.filter(sale=OuterRef("pk"))  # scoping: ok
        lines = of_the_sale.order_by().values("sale")
        return sales.select_related("outlet", "clerk").annotate(
            units=Subquery(lines.annotate(n=Sum("quantity")).values("n")),
            line_count=Subquery(lines.annotate(n=Count("pk")).values("n")),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        return context


@role_required(*STOCK_KEEPERS)
@require_http_methods(["GET", "POST"])
def sale_void(request, pk):
    """Void a mistaken sale with a reason; it stays on record and its goods go back on the shelf."""
    sale = get_object_or_404(_sales(request.user), pk=pk)
    form = VoidForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            request,
            form,
            lambda: services.sale_void(
                user=request.user, sale=sale, reason=form.cleaned_data["reason"]
            ),
            _("Penjualan %(number)s dibatalkan; stok dikembalikan.")
            % {"number": sale.receipt_number},
        )
        if done is not None:
            return redirect("marketing:sale_receipt", pk=sale.pk)
    lines = sale.lines.select_related("product")
    return render(
        request,
        "marketing/sale_void.html",
        {
            "sale": sale,
            "lines": lines,
            "form": form,
            "day_closed": services.is_day_closed(sale.outlet, sale.business_date),
        },
    )
