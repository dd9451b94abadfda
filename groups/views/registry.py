"""The group list, the group profile, and the official's edits of a group."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Case, Count, IntegerField, Prefetch, Value, When
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from django.views.generic import CreateView, DetailView
from django_filters.views import FilterView

from core import roles
from core.panels import panels_for
from core.scoping import RoleScopedMixin, role_required
from core.timeline import entries_for
from groups import services
from groups.filters import GroupFilter
from groups.forms.fields import apply_errors
from groups.forms.groups import ConfirmForm, GroupForm, StageChangeForm
from groups.models import (
    REQUIRED_DOCUMENT_KINDS,
    DocumentKind,
    DocumentStatus,
    Equipment,
    Handover,
    IkmGroup,
    LegalDocument,
    Member,
    Position,
    Product,
    Sex,
    Stage,
    Theme,
    document_status,
)
from groups.pickers import suggest_groups
from groups.views.base import OFFICIALS, READERS, ServiceUpdateView, form_fields

POSITION_ORDER = Case(
    *[When(position=v, then=Value(i)) for i, v in enumerate(Position.values)],
    output_field=IntegerField(),
)


class GroupListView(RoleScopedMixin, FilterView):
    """Officials: every group; mentors: their groups. Filtered, sorted and paged in the DB."""

    model = IkmGroup
    allowed_roles = READERS
    filterset_class = GroupFilter
    paginate_by = 25
    template_name = "groups/ikmgroup_list.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("theme", "kelurahan__kecamatan")
            .with_stage_order()
            .with_member_counts()
            .order_by("code")
        )

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["data"] = self.request.GET  # always bound: 'active' is the default status
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = self.object_list.order_by()
        by_stage = dict(rows.values_list("stage").annotate(n=Count("pk")))
        context["stage_counts"] = [
            (value, label, by_stage.get(value, 0)) for value, label in Stage.choices
        ]
        context["theme_counts"] = [
            (str(Theme(name=name, name_en=name_en)), n)
            for name, name_en, n in rows.values_list("theme__name", "theme__name_en")
            .annotate(n=Count("pk"))
            .order_by("theme__name")
        ]
        context["total"] = sum(by_stage.values())
        context["is_official"] = roles.is_official(self.request.user)
        context["query"] = self.request.GET.urlencode()
        return context


def _document_summary(documents, today):
    """Latest paper per kind with its status, and the required kinds still missing."""
    latest = {}
    for document in documents:  # ordered newest first within a kind
        latest.setdefault(document.kind, document)
    rows = []
    for kind, label in DocumentKind.choices:
        document = latest.get(kind)
        if document is None:
            status = DocumentStatus.MISSING if kind in REQUIRED_DOCUMENT_KINDS else None
        else:
            status = document_status(document.expires_on, today)
        rows.append({"kind": kind, "label": label, "document": document, "status": status})
    return rows


class GroupDetailView(RoleScopedMixin, DetailView):
    """The profile: everything about one group, its timeline and other apps' panels."""

    model = IkmGroup
    allowed_roles = READERS
    context_object_name = "group"

    def get_queryset(self):
        return super().get_queryset().select_related("theme", "kelurahan__kecamatan")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, group = self.request.user, self.object
        today = timezone.localdate()
        members = list(
            Member.objects.visible_to(user)
            .filter(group=group)
            .annotate(position_order=POSITION_ORDER)
            .order_by("position_order", "name")
        )
        active = [m for m in members if m.left_on is None]
        documents = list(
            LegalDocument.objects.visible_to(user)
            .filter(group=group)
            .order_by("kind", "-issued_on", "-id")
        )
        handovers = list(
            Handover.objects.visible_to(user)
            .filter(group=group)
            .prefetch_related(
                Prefetch(
                    "items",
                    queryset=Equipment.objects.visible_to(user).order_by("-is_active", "name"),
                )
            )
        )
        context.update(
            {
                "is_official": roles.is_official(user),
                "show_account": roles.sees_bank_account(user),
                "today": today,
                "members": active,
                "former_members": [m for m in members if m.left_on is not None],
                "chair": next((m for m in active if m.position == Position.CHAIR), None),
                "members_female": sum(1 for m in active if m.sex == Sex.FEMALE),
                "members_male": sum(1 for m in active if m.sex == Sex.MALE),
                "products": Product.objects.visible_to(user)
                .filter(group=group)
                .order_by("-is_active", "name"),
                "documents": documents,
                "document_summary": _document_summary(documents, today),
                "handovers": handovers,
                "equipment_count": sum(len(h.items.all()) for h in handovers),
                "stage_changes": group.stage_changes.select_related("decided_by"),
                "timeline": entries_for(group, user),
                "panels": panels_for(group, user),
            }
        )
        return context


class GroupCreateView(RoleScopedMixin, CreateView):
    """Officials register a new group; its roadmap starts at 'formed'."""

    model = IkmGroup
    form_class = GroupForm
    allowed_roles = OFFICIALS

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        try:
            self.object = services.group_create(decided_by=self.request.user, **form_fields(form))
        except ValidationError as error:
            apply_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Kelompok %(code)s tersimpan.") % {"code": self.object.code}
        )
        return redirect(self.object)


class GroupUpdateView(ServiceUpdateView):
    model = IkmGroup
    parents: dict = {}
    form_class = GroupForm
    success_message = gettext_lazy("Data kelompok tersimpan.")

    def save(self, form):
        return services.group_update(group=self.object, **form_fields(form))


@role_required(*OFFICIALS)
def group_set_active(request, pk):
    """Deactivate a group (or bring it back): a confirmation page, then a POST."""
    group = get_object_or_404(IkmGroup.objects.visible_to(request.user), pk=pk)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.group_set_active(group=group, active=not group.is_active)
        if group.is_active:
            messages.success(request, _("Kelompok %(code)s aktif kembali.") % {"code": group.code})
        else:
            messages.success(
                request,
                _("Kelompok %(code)s dinonaktifkan. Datanya tetap tersimpan.")
                % {"code": group.code},
            )
        return redirect(group)
    return render(request, "groups/ikmgroup_set_active.html", {"group": group, "form": form})


@role_required(*OFFICIALS)
def group_change_stage(request, pk):
    """Officials move a group on the roadmap: date, reason and who are recorded."""
    group = get_object_or_404(IkmGroup.objects.visible_to(request.user), pk=pk)
    form = StageChangeForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        try:
            change = services.group_change_stage(
                group=group,
                to_stage=form.cleaned_data["to_stage"],
                reason=form.cleaned_data["reason"],
                changed_on=form.cleaned_data["changed_on"],
                decided_by=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Tahap kelompok kini: %(stage)s.") % {"stage": change.get_to_stage_display()},
            )
            return redirect(reverse("groups:group_detail", args=[group.pk]) + "#tahap")
    history = group.stage_changes.select_related("decided_by")
    return render(
        request,
        "groups/ikmgroup_stage.html",
        {"group": group, "form": form, "stage_changes": history},
    )


@require_GET
@role_required(roles.OFFICIAL, roles.MENTOR, roles.PERUSDA)
def group_lookup(request):
    """Suggestions for the group picker of large scopes, as the user types (JSON)."""
    return JsonResponse({"results": suggest_groups(request.user, request.GET.get("q", ""))})
