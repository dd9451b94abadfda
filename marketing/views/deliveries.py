"""Consignment in: Perusda sends a group's goods, the outlet's clerk counts what arrived."""

from django.db.models import OuterRef, Subquery, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django.views.generic import ListView

from core import roles
from core.pagination import KeysetPaginationMixin
from core.scoping import RoleScopedMixin, role_required
from marketing.forms.trade import DeliveryForm, OutletFilterForm, ReceiveForm
from marketing.models import Delivery, DeliveryLine
from marketing.services import trade as services
from marketing.views.trade_base import CLERKS, CONSIGNORS, TRADE_READERS, run_service

_units_sent = (
    DeliveryLine.objects.filter(delivery=OuterRef("pk"))  # scoping: ok (the outer delivery)
    .order_by()
    .values("delivery")
    .annotate(n=Sum("quantity_sent"))
    .values("n")
)


class DeliveryListView(KeysetPaginationMixin, RoleScopedMixin, ListView):
    """Deliveries to the user's outlets, those still to receive first."""

    model = Delivery
    allowed_roles = TRADE_READERS
    paginate_by = 25
    keyset_ordering = ("-sent_on", "-id")
    template_name = "marketing/delivery_list.html"

    def get_queryset(self):
        self.filter_form = OutletFilterForm(self.request.GET or None, user=self.request.user)
        rows = (
            super()
            .get_queryset()
            .select_related("outlet", "group")
            # A per-row subquery, not a join and GROUP BY over every delivery: only the
            # page's rows are summed, and the list's count stays on the deliveries alone.
            .annotate(units_sent=Subquery(_units_sent))
            .order_by("-sent_on", "-id")
        )
        if self.request.GET.get("status") in Delivery.Status.values:
            rows = rows.filter(status=self.request.GET["status"])
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
        context["statuses"] = Delivery.Status.choices
        context["may_send"] = roles.has_any(self.request.user, CONSIGNORS)
        return context


def _delivery(request, pk):
    rows = Delivery.objects.visible_to(request.user).select_related(
        "outlet__regency", "group", "received_by", "created_by"
    )
    return get_object_or_404(rows, pk=pk)


def _lines(request, delivery):
    return list(
        DeliveryLine.objects.visible_to(request.user)
        .filter(delivery=delivery)
        .select_related("product")
        .order_by("product__name", "id")
    )


@require_GET
@role_required(*TRADE_READERS)
def delivery_detail(request, pk):
    delivery = _delivery(request, pk)
    lines = _lines(request, delivery)
    may_receive = delivery.status == Delivery.Status.SENT and services.staffs(
        request.user, delivery.outlet
    )
    return render(
        request,
        "marketing/delivery_detail.html",
        {"delivery": delivery, "lines": lines, "may_receive": may_receive, **_totals(lines)},
    )


def _totals(lines):
    sent = sum(line.quantity_sent for line in lines)
    received = sum(line.quantity_received or 0 for line in lines)
    value = sum(line.quantity_sent * line.consignment_price for line in lines)
    return {"total_sent": sent, "total_received": received, "total_value": value}


@require_GET
@role_required(*TRADE_READERS)
def delivery_note(request, pk):
    """The printable delivery note (surat jalan) that travels with the goods."""
    delivery = _delivery(request, pk)
    lines = _lines(request, delivery)
    return render(
        request,
        "marketing/delivery_note.html",
        {"delivery": delivery, "lines": lines, **_totals(lines)},
    )


@role_required(*CLERKS)
@require_http_methods(["GET", "POST"])
def delivery_receive(request, pk):
    """The clerk of the outlet counts every line; differences with what was sent are kept."""
    delivery = _delivery(request, pk)
    if delivery.status != Delivery.Status.SENT:
        return redirect("marketing:delivery_detail", pk=delivery.pk)
    lines = _lines(request, delivery)
    form = ReceiveForm(request.POST or None, lines=lines)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            request,
            form,
            lambda: services.delivery_receive(
                user=request.user,
                delivery=delivery,
                received=form.received(),
                note=form.cleaned_data["note"],
            ),
            _("Pengiriman %(number)s diterima; stok bertambah.") % {"number": delivery.number},
        )
        if done is not None:
            return redirect("marketing:delivery_detail", pk=delivery.pk)
    return render(request, "marketing/delivery_receive.html", {"delivery": delivery, "form": form})


@role_required(*CONSIGNORS)
@require_http_methods(["GET", "POST"])
def delivery_create(request):
    """Perusda (or an official) sends a group's goods: outlet and group, then quantities.

    Choosing the group (a GET with ``group``) shows its active products with a quantity each.
    """
    if request.method == "POST":
        form = DeliveryForm(request.POST, user=request.user)
    else:
        form = DeliveryForm(initial=request.GET.dict(), user=request.user)
    chosen = form.data.get("group") if form.is_bound else request.GET.get("group")
    group = None
    if chosen and str(chosen).isdigit():
        group = form.fields["group"].queryset.filter(pk=chosen).first()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if form.lines:
            delivery = run_service(
                request,
                form,
                lambda: services.delivery_create(
                    user=request.user,
                    outlet=data["outlet"],
                    group=data["group"],
                    lines=form.lines,
                    sent_on=data["sent_on"],
                    note=data["note"],
                ),
                _("Pengiriman dicatat."),
            )
            if delivery is not None:
                return redirect("marketing:delivery_detail", pk=delivery.pk)
    quantities = {}
    if form.is_bound:
        quantities = dict(
            zip(form.data.getlist("product"), form.data.getlist("quantity"), strict=False)
        )
    products = [
        {"product": p, "quantity": quantities.get(str(p.pk), "")}
        for p in (form.products_of(group).values() if group else [])
    ]
    return render(
        request,
        "marketing/delivery_form.html",
        {"form": form, "group": group, "products": products},
    )
