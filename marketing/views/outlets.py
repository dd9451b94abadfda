"""Outlets: the list, one outlet's page, its record and the clerks posted there."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DetailView, UpdateView
from django_filters.views import FilterView

from core import roles
from core.scoping import RoleScopedMixin, role_required
from groups.forms.fields import apply_errors
from groups.forms.groups import ConfirmForm
from marketing.filters import OutletFilter
from marketing.forms.outlets import OutletForm, StaffAssignForm, StaffEndForm
from marketing.models import Outlet, OutletStaff, Stock
from marketing.services import catalog as services_catalog
from marketing.services import staff

MANAGERS = frozenset({roles.OFFICIAL, roles.PERUSDA})
READERS = frozenset({roles.OFFICIAL, roles.PERUSDA, roles.CLERK})


def _active_clerks(day):
    return (
        OutletStaff.objects.filter(outlet=OuterRef("pk"))  # scoping: ok (inside a scoped outlet)
        .active_on(day)
        .order_by()
        .values("outlet")
        .annotate(n=Count("pk"))
        .values("n")
    )


def _stock_units():
    return (
        Stock.objects.filter(outlet=OuterRef("pk"))  # scoping: ok (inside a scoped outlet)
        .order_by()
        .values("outlet")
        .annotate(n=Sum("quantity"))
        .values("n")
    )


class OutletListView(RoleScopedMixin, FilterView):
    """Officials and Perusda: every outlet; a clerk: the outlets they staff."""

    model = Outlet
    allowed_roles = READERS
    filterset_class = OutletFilter
    paginate_by = 25
    template_name = "marketing/outlet_list.html"

    def get_queryset(self):
        today = timezone.localdate()
        return (
            super()
            .get_queryset()
            .select_related("regency")
            .annotate(
                clerk_count=Coalesce(Subquery(_active_clerks(today)), 0),
                stock_units=Coalesce(Subquery(_stock_units(), output_field=IntegerField()), 0),
            )
            .order_by("code")
        )

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["data"] = self.request.GET
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_manage"] = services_catalog.can_manage_outlets(self.request.user)
        return context


class OutletDetailView(RoleScopedMixin, DetailView):
    model = Outlet
    allowed_roles = READERS
    context_object_name = "outlet"

    def get_queryset(self):
        return super().get_queryset().select_related("regency")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, outlet = self.request.user, self.object
        today = timezone.localdate()
        posts = (
            OutletStaff.objects.visible_to(user)
            .filter(outlet=outlet)
            .select_related("user")
            .order_by("-starts_on", "pk")
        )
        current = [
            p for p in posts if p.starts_on <= today and (p.ends_on is None or p.ends_on >= today)
        ]
        stock = (
            Stock.objects.visible_to(user)
            .filter(outlet=outlet)
            .aggregate(
                products=Count("pk", filter=Q(quantity__gt=0)),
                units=Coalesce(Sum("quantity"), 0),
            )
        )
        context.update(
            {
                "today": today,
                "current_posts": current,
                "past_posts": [p for p in posts if p not in current],
                "stock": stock,
                "can_manage": services_catalog.can_manage_outlets(user),
            }
        )
        return context


class _OutletFormMixin(RoleScopedMixin):
    model = Outlet
    form_class = OutletForm
    allowed_roles = MANAGERS

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def save(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.object = self.save(form)
        except ValidationError as error:
            apply_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Gerai %(code)s tersimpan.") % {"code": self.object.code})
        return HttpResponseRedirect(reverse("marketing:outlet_detail", args=[self.object.pk]))


def _fields(form):
    return {name: form.cleaned_data[name] for name in form._meta.fields}


class OutletCreateView(_OutletFormMixin, CreateView):
    def save(self, form):
        return services_catalog.outlet_create(by=self.request.user, **_fields(form))


class OutletUpdateView(_OutletFormMixin, UpdateView):
    def save(self, form):
        return services_catalog.outlet_update(
            outlet=self.object, by=self.request.user, **_fields(form)
        )


@role_required(*MANAGERS)
def outlet_set_active(request, pk):
    """Close an outlet or reopen it: a confirmation page, then a POST."""
    outlet = get_object_or_404(Outlet.objects.visible_to(request.user), pk=pk)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outlet = services_catalog.outlet_set_active(
            outlet=outlet, active=not outlet.is_active, by=request.user
        )
        if outlet.is_active:
            messages.success(request, _("Gerai %(code)s aktif kembali.") % {"code": outlet.code})
        else:
            messages.success(
                request,
                _("Gerai %(code)s ditutup. Penjualan dan stoknya tetap tercatat.")
                % {"code": outlet.code},
            )
        return redirect("marketing:outlet_detail", pk=outlet.pk)
    return render(request, "marketing/outlet_set_active.html", {"outlet": outlet, "form": form})


@role_required(*MANAGERS)
def outlet_staff_add(request, pk):
    """Post a clerk at the outlet (their access to its sales and stock starts that day)."""
    outlet = get_object_or_404(Outlet.objects.visible_to(request.user), pk=pk)
    form = StaffAssignForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            staff.staff_assign(
                user=form.cleaned_data["user"],
                outlet=outlet,
                starts_on=form.cleaned_data["starts_on"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Kasir ditugaskan di gerai ini."))
            return redirect("marketing:outlet_detail", pk=outlet.pk)
    return render(request, "marketing/outlet_staff_form.html", {"outlet": outlet, "form": form})


@require_POST
@role_required(*MANAGERS)
def outlet_staff_end(request, pk):
    """End a clerk's post at an outlet (from the outlet's page)."""
    post = get_object_or_404(
        OutletStaff.objects.visible_to(request.user).select_related("outlet", "user"), pk=pk
    )
    form = StaffEndForm(request.POST)
    if form.is_valid():
        try:
            staff.staff_end(post=post, ends_on=form.cleaned_data["ends_on"])
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Tugas kasir di gerai ini diakhiri."))
    else:
        messages.error(request, _("Tanggal terakhir bertugas tidak valid."))
    return redirect("marketing:outlet_detail", pk=post.outlet_id)
