"""The day's closing at an outlet: sales by product, cash expected against cash counted."""

import datetime as dt

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.generic import ListView

from core.pagination import KeysetPaginationMixin
from core.scoping import RoleScopedMixin, role_required
from marketing.forms.trade import ClosingForm, OutletFilterForm
from marketing.models import DailyClosing
from marketing.services import trade as services
from marketing.views.trade_base import (
    STOCK_KEEPERS,
    TRADE_READERS,
    clerk_outlets,
    run_service,
    scoped_outlet,
)


class ClosingListView(KeysetPaginationMixin, RoleScopedMixin, ListView):
    model = DailyClosing
    allowed_roles = TRADE_READERS
    paginate_by = 31
    keyset_ordering = ("-business_date", "outlet")  # one closing per outlet and day
    template_name = "marketing/closing_list.html"

    def get_queryset(self):
        self.filter_form = OutletFilterForm(self.request.GET or None, user=self.request.user)
        rows = (
            super()
            .get_queryset()
            .select_related("outlet", "closed_by")
            .order_by("-business_date", "outlet")
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


def _day(request) -> dt.date:
    today = services.business_date()
    try:
        day = dt.date.fromisoformat(request.GET.get("tanggal", ""))
    except ValueError:
        return today
    return min(day, today)


@role_required(*STOCK_KEEPERS)
@require_http_methods(["GET", "POST"])
def closing_create(request, outlet):
    """Close a day (today unless ``?tanggal=`` names an earlier one): afterwards it is locked."""
    outlet = scoped_outlet(request, outlet)
    day = _day(request)
    closing = DailyClosing.objects.visible_to(request.user).filter(outlet=outlet, business_date=day)
    closing = closing.select_related("closed_by").first()
    form = ClosingForm(request.POST or None)
    if closing is None and request.method == "POST" and form.is_valid():
        done = run_service(
            request,
            form,
            lambda: services.day_close(
                user=request.user,
                outlet=outlet,
                day=day,
                cash_counted=form.cleaned_data["cash_counted"],
                note=form.cleaned_data["note"],
            ),
            _("Hari ditutup."),
        )
        if done is not None:
            return redirect("marketing:closing_list")
    return render(
        request,
        "marketing/closing_form.html",
        {
            "outlet": outlet,
            "day": day,
            "summary": services.day_summary(outlet, day),
            "closing": closing,
            "form": form,
        },
    )
