"""The price list: consignment and retail prices per product, their history, outlet prices."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import DecimalField, ExpressionWrapper, F, OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_filters.views import FilterView

from core import roles
from core.scoping import RoleScopedMixin, role_required
from groups.forms.fields import apply_errors
from groups.models import Product
from marketing.filters import ProductPriceFilter
from marketing.forms.prices import OutletPriceForm, PriceForm
from marketing.models import MONEY, OutletPrice, ProductPrice
from marketing.services import catalog as services_catalog

READERS = frozenset({roles.OFFICIAL, roles.PERUSDA, roles.MENTOR, roles.CLERK})
MANAGERS = frozenset({roles.PERUSDA})


def with_current_prices(products, user, day):
    """Annotate products with the price in force on ``day`` (and the next one planned)."""
    current = (
        ProductPrice.objects.visible_to(user)
        .filter(product=OuterRef("pk"), valid_from__lte=day)
        .order_by("-valid_from")
    )
    upcoming = (
        ProductPrice.objects.visible_to(user)
        .filter(product=OuterRef("pk"), valid_from__gt=day)
        .order_by("valid_from")
    )
    return products.annotate(
        consignment_now=Subquery(current.values("consignment_price")[:1]),
        retail_now=Subquery(current.values("retail_price")[:1]),
        price_since=Subquery(current.values("valid_from")[:1]),
        next_price_from=Subquery(upcoming.values("valid_from")[:1]),
    ).annotate(
        margin_now=ExpressionWrapper(
            F("retail_now") - F("consignment_now"), output_field=DecimalField(**MONEY)
        )
    )


class PriceListView(RoleScopedMixin, FilterView):
    """Every product with its prices today (mentors: their groups' products)."""

    model = Product
    allowed_roles = READERS
    filterset_class = ProductPriceFilter
    paginate_by = 50
    template_name = "marketing/price_list.html"

    def get_queryset(self):
        today = timezone.localdate()
        products = super().get_queryset().select_related("group")
        return with_current_prices(products, self.request.user, today).order_by(
            "group__code", "name"
        )

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["data"] = self.request.GET
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_manage"] = services_catalog.can_manage_prices(self.request.user)
        return context


def _product(request, pk):
    return get_object_or_404(
        Product.objects.visible_to(request.user).select_related("group"), pk=pk
    )


@require_GET
@role_required(*READERS)
def price_detail(request, pk):
    """One product's price history (with margins) and the outlets' own prices."""
    user = request.user
    product = _product(request, pk)
    today = timezone.localdate()
    prices = list(
        ProductPrice.objects.visible_to(user).filter(product=product).select_related("recorded_by")
    )
    current = next((p for p in prices if p.valid_from <= today), None)
    outlet_prices = list(
        OutletPrice.objects.visible_to(user)
        .filter(product=product)
        .select_related("outlet", "recorded_by")
        .order_by("outlet__code", "-valid_from")
    )
    in_force = {}
    for row in outlet_prices:
        if row.valid_from <= today:
            in_force.setdefault(row.outlet_id, row.pk)
    for row in outlet_prices:
        row.in_force = in_force.get(row.outlet_id) == row.pk
        row.margin = row.retail_price - current.consignment_price if current else None
    return render(
        request,
        "marketing/price_detail.html",
        {
            "product": product,
            "prices": prices,
            "current": current,
            "today": today,
            "outlet_prices": outlet_prices,
            "can_manage": services_catalog.can_manage_prices(user),
        },
    )


@role_required(*MANAGERS)
def price_create(request, pk):
    """A new consignment and retail price for a product from a day on."""
    product = _product(request, pk)
    form = PriceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services_catalog.price_set(product=product, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Harga baru %(name)s tersimpan.") % {"name": product.name})
            return redirect("marketing:price_detail", pk=product.pk)
    return render(request, "marketing/price_form.html", {"product": product, "form": form})


@role_required(*MANAGERS)
def outlet_price_create(request, pk):
    """An outlet's own retail price for a product (it overrides the general one there)."""
    product = _product(request, pk)
    form = OutletPriceForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services_catalog.outlet_price_set(product=product, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Harga gerai tersimpan."))
            return redirect("marketing:price_detail", pk=product.pk)
    return render(request, "marketing/outlet_price_form.html", {"product": product, "form": form})
