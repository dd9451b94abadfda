"""Equipment handed out: BASTs, their items, inspections and the program's register."""

from functools import cached_property

from django.contrib import messages
from django.db.models import Count, Prefetch, Q, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import DetailView
from django_filters.views import FilterView

from core import roles
from core.scoping import RoleScopedMixin, role_required
from groups import services
from groups.filters import EquipmentFilter
from groups.forms.equipment import EquipmentCheckForm, EquipmentForm, HandoverForm
from groups.models import Equipment, EquipmentCheck, Handover, equipment_worth
from groups.views.base import (
    READERS,
    ServiceCreateView,
    ServiceUpdateView,
    form_fields,
)
from groups.views.documents import send_private_file


class HandoverCreateView(ServiceCreateView):
    model = Handover
    form_class = HandoverForm
    success_message = gettext_lazy("BAST tersimpan. Tambahkan barang yang diserahkan.")

    def save(self, form):
        return services.handover_create(group=self.parent, **form_fields(form))

    def get_success_url(self):
        return self.object.get_absolute_url()


class HandoverUpdateView(ServiceUpdateView):
    model = Handover
    form_class = HandoverForm
    success_message = gettext_lazy("BAST tersimpan.")

    def get_queryset(self):
        return super().get_queryset().select_related("group")

    def save(self, form):
        return services.handover_update(handover=self.object, **form_fields(form))

    def get_success_url(self):
        return self.object.get_absolute_url()


class HandoverDetailView(RoleScopedMixin, DetailView):
    model = Handover
    allowed_roles = READERS

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("group__theme")
            .prefetch_related(
                Prefetch(
                    "items",
                    queryset=Equipment.objects.visible_to(self.request.user).order_by("name"),
                )
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = list(self.object.items.all())
        context.update(
            {
                "items": items,
                "total_value": sum(i.value * i.quantity for i in items),
                "is_official": roles.is_official(self.request.user),
            }
        )
        return context


@never_cache
@require_GET
@role_required(*READERS)
def handover_scan(request, pk):
    handover = get_object_or_404(
        Handover.objects.visible_to(request.user).select_related("group"), pk=pk
    )
    return send_private_file(handover.scan, f"{handover.group.code}-BAST-{handover.pk}")


class EquipmentCreateView(ServiceCreateView):
    model = Equipment
    form_class = EquipmentForm
    parent_model = Handover
    parent_name = "handover"

    def save(self, form):
        return services.equipment_create(handover=self.parent, **form_fields(form))

    def get_success_url(self):
        messages.success(
            self.request,
            _("%(name)s ditambahkan ke BAST %(number)s.")
            % {"name": self.object.name, "number": self.parent.number},
        )
        if "again" in self.request.POST:
            return self.request.path
        return self.parent.get_absolute_url()


class EquipmentUpdateView(ServiceUpdateView):
    model = Equipment
    parents = {"handover": "handover", "group": "handover.group"}
    form_class = EquipmentForm
    success_message = gettext_lazy("Data barang tersimpan.")

    def get_queryset(self):
        return super().get_queryset().select_related("handover__group")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "handover": self.object.handover}

    def save(self, form):
        return services.equipment_update(equipment=self.object, **form_fields(form))

    def get_success_url(self):
        return self.object.get_absolute_url()


class EquipmentDetailView(RoleScopedMixin, DetailView):
    model = Equipment
    allowed_roles = READERS

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("handover__group__theme")
            .prefetch_related(
                Prefetch(
                    "checks",
                    queryset=EquipmentCheck.objects.visible_to(self.request.user)
                    .select_related("checked_by")
                    .order_by("-checked_on", "-id"),
                )
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_official"] = roles.is_official(self.request.user)
        context["checks"] = self.object.checks.all()
        return context


class EquipmentCheckCreateView(ServiceCreateView):
    model = EquipmentCheck
    form_class = EquipmentCheckForm
    parent_model = Equipment
    parent_name = "equipment"
    success_message = gettext_lazy("Pemeriksaan tersimpan.")

    @cached_property
    def parent(self):
        queryset = Equipment.objects.visible_to(self.request.user).select_related("handover__group")
        return get_object_or_404(queryset, pk=self.kwargs["pk"], is_active=True)

    def save(self, form):
        data = form.cleaned_data
        return services.equipment_check_record(
            equipment=self.parent,
            checked_on=data["checked_on"],
            condition=data["condition"],
            in_use=data["in_use"],
            note=data["note"],
            photo=data.get("photo") or None,
            next_check_due=data["next_check_due"],
            checked_by=self.request.user,
        )

    def get_success_url(self):
        return self.parent.get_absolute_url()


@never_cache
@require_GET
@role_required(*READERS)
def equipment_check_photo(request, pk):
    check = get_object_or_404(EquipmentCheck.objects.visible_to(request.user), pk=pk)
    return send_private_file(check.photo, f"pemeriksaan-{check.equipment_id}-{check.checked_on}")


class EquipmentListView(RoleScopedMixin, FilterView):
    """The equipment register of the whole program (a mentor: their groups' items)."""

    model = Equipment
    allowed_roles = READERS
    filterset_class = EquipmentFilter
    paginate_by = 25
    template_name = "groups/equipment_list.html"
    title = gettext_lazy("Daftar peralatan")
    preset = ""

    def get_queryset(self):
        queryset = (
            super()
            .get_queryset()
            .select_related("handover__group__theme")
            .order_by("handover__group__code", "name", "pk")
        )
        if self.preset == "overdue":
            queryset = queryset.check_overdue().order_by("next_check_due", "pk")
        elif self.preset == "unused":
            queryset = queryset.not_in_use()
        return queryset

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["data"] = self.request.GET
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        totals = self.object_list.order_by().aggregate(
            value=Sum(equipment_worth()), count=Sum("quantity")
        )
        today = timezone.localdate()
        # The tabs' badges, in one query over everything the user may see.
        badges = (
            Equipment.objects.visible_to(self.request.user)
            .active()
            .aggregate(
                overdue=Count("pk", filter=Q(next_check_due__lt=today)),
                unused=Count("pk", filter=Q(in_use=False)),
                mismatch=Count("pk", filter=Q(mismatch=True)),
            )
        )
        context.update(
            {
                "title": self.title,
                "preset": self.preset,
                "today": today,
                "totals": totals,
                "overdue_count": badges["overdue"],
                "unused_count": badges["unused"],
                "mismatch_count": badges["mismatch"],
                "query": self.request.GET.urlencode(),
                "is_official": roles.is_official(self.request.user),
            }
        )
        return context


class EquipmentOverdueView(EquipmentListView):
    title = gettext_lazy("Pemeriksaan terlambat")
    preset = "overdue"


class EquipmentUnusedView(EquipmentListView):
    title = gettext_lazy("Peralatan tidak dipakai")
    preset = "unused"
