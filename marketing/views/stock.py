"""Stock on hand per outlet, the stock card (the ledger of one product), and what takes goods
off the shelf besides a sale: returns to the group, write-offs and stock-take adjustments."""

from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Subquery, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django.views.generic import ListView

from core import roles
from core.pagination import KeysetPaginationMixin
from core.scoping import RoleScopedMixin, role_required
from marketing.forms.trade import AdjustForm, OutletFilterForm, ReturnForm, WriteOffForm
from marketing.models import Stock, StockEntry, StockReturn, StockReturnLine
from marketing.services import trade as services
from marketing.views.trade_base import (
    STOCK_KEEPERS,
    TRADE_READERS,
    clerk_outlets,
    run_service,
    scoped_outlet,
)


class StockListView(RoleScopedMixin, ListView):
    """Products on hand at the user's outlets; filter by outlet and product name."""

    model = Stock
    allowed_roles = TRADE_READERS
    paginate_by = 50
    template_name = "marketing/stock_list.html"

    def get_queryset(self):
        self.filter_form = OutletFilterForm(self.request.GET or None, user=self.request.user)
        rows = (
            super()
            .get_queryset()
            .select_related("outlet", "product__group")
            .order_by("outlet__code", "product__name", "product_id")
        )
        if self.request.GET.get("habis") != "1":
            rows = rows.filter(quantity__gt=0)
        if not self.filter_form.is_bound:
            return rows
        if not self.filter_form.is_valid():
            return rows.none()
        data = self.filter_form.cleaned_data
        if data["gerai"]:
            rows = rows.filter(outlet=data["gerai"])
        if data["q"]:
            rows = rows.filter(product__name__icontains=data["q"])
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        context["totals"] = self.object_list.order_by().aggregate(
            units=Sum("quantity"), products=Count("pk")
        )
        context["may_keep"] = roles.has_any(self.request.user, STOCK_KEEPERS)
        return context


def _stock(request, pk):
    rows = Stock.objects.visible_to(request.user).select_related("outlet", "product__group")
    return get_object_or_404(rows, pk=pk)


@require_GET
@role_required(*TRADE_READERS)
def stock_card(request, pk):
    """Every change of one product's stock at one outlet, newest first, with its reason."""
    stock = _stock(request, pk)
    entries = (
        StockEntry.objects.visible_to(request.user)
        .filter(outlet=stock.outlet_id, product=stock.product_id)
        .select_related("created_by", "sale", "delivery", "stock_return")
        .order_by("-created_at", "-id")
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "marketing/stock_card.html",
        {
            "stock": stock,
            "page_obj": page,
            "entries": page.object_list,
            "may_keep": roles.has_any(request.user, STOCK_KEEPERS),
        },
    )


def _stock_change(request, pk, form_class, template, call, success):
    stock = _stock(request, pk)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_service(request, form, lambda: call(stock, form.cleaned_data), success)
        if done is not None:
            return redirect("marketing:stock_card", pk=stock.pk)
    return render(request, template, {"stock": stock, "form": form})


@role_required(*STOCK_KEEPERS)
@require_http_methods(["GET", "POST"])
def stock_write_off(request, pk):
    """Damaged or expired goods off the shelf, with the reason."""
    return _stock_change(
        request,
        pk,
        WriteOffForm,
        "marketing/stock_write_off.html",
        lambda stock, data: services.stock_write_off(
            user=request.user,
            outlet=stock.outlet,
            product=stock.product,
            quantity=data["quantity"],
            reason=data["reason"],
        ),
        _("Barang rusak/kedaluwarsa dikeluarkan dari stok."),
    )


@role_required(*STOCK_KEEPERS)
@require_http_methods(["GET", "POST"])
def stock_adjust(request, pk):
    """A stock-take: the counted quantity becomes the stock, the difference is on the card."""
    return _stock_change(
        request,
        pk,
        AdjustForm,
        "marketing/stock_adjust.html",
        lambda stock, data: services.stock_adjust(
            user=request.user,
            outlet=stock.outlet,
            product=stock.product,
            counted=data["counted"],
            reason=data["reason"],
        ),
        _("Stok disesuaikan dengan hasil hitung."),
    )


_units_returned = (
    StockReturnLine.objects.filter(stock_return=OuterRef("pk"))  # scoping: ok (the outer return)
    .order_by()
    .values("stock_return")
    .annotate(n=Sum("quantity"))
    .values("n")
)


class ReturnListView(KeysetPaginationMixin, RoleScopedMixin, ListView):
    """Goods taken back by the groups from the user's outlets."""

    model = StockReturn
    allowed_roles = TRADE_READERS
    paginate_by = 25
    keyset_ordering = ("-returned_on", "-id")
    template_name = "marketing/return_list.html"

    def get_queryset(self):
        self.filter_form = OutletFilterForm(self.request.GET or None, user=self.request.user)
        rows = (
            super()
            .get_queryset()
            .select_related("outlet", "group", "created_by")
            .annotate(units=Subquery(_units_returned))  # only the page's rows are summed
            .order_by("-returned_on", "-id")
        )
        if not self.filter_form.is_bound:
            return rows
        if not self.filter_form.is_valid():
            return rows.none()
        if self.filter_form.cleaned_data["gerai"]:
            rows = rows.filter(outlet=self.filter_form.cleaned_data["gerai"])
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        context["outlets"] = clerk_outlets(self.request.user)
        return context


@role_required(*STOCK_KEEPERS)
@require_http_methods(["GET", "POST"])
def return_create(request, outlet):
    """Goods of one group back to the group: pick quantities among the outlet's stock."""
    outlet = scoped_outlet(request, outlet)
    stocked = {
        s.product_id: s
        for s in Stock.objects.visible_to(request.user)
        .filter(outlet=outlet, quantity__gt=0)
        .select_related("product__group")
        .order_by("product__group__name", "product__name")
    }
    form = ReturnForm(request.POST or None, stocked=stocked)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            request,
            form,
            lambda: services.stock_return_create(
                user=request.user,
                outlet=outlet,
                group=form.group,
                lines=form.lines,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            ),
            _("Retur ke kelompok dicatat; stok berkurang."),
        )
        if done is not None:
            return redirect("marketing:return_list")
    posted = dict(
        zip(request.POST.getlist("product"), request.POST.getlist("quantity"), strict=False)
    )
    rows = [{"stock": s, "quantity": posted.get(str(pid), "")} for pid, s in stocked.items()]
    return render(
        request, "marketing/return_form.html", {"outlet": outlet, "form": form, "rows": rows}
    )
