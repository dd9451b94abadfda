"""Credit applications: the list, a page per application, the draft and the bank's steps.

Officials and the group's mentors record them; every row is reached through ``visible_to``
(another group's application answers 404) and every write goes through
``mentoring.services.credit``.
"""

from functools import cached_property

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from core import roles
from core.scoping import RoleScopedMixin, role_required
from groups.forms.fields import apply_errors
from mentoring.forms.credit import (
    CreditApplicationForm,
    DecisionForm,
    DisburseForm,
    GroupFilterForm,
    SubmitForm,
)
from mentoring.models import Bank, CreditApplication
from mentoring.services import credit as services

READERS = frozenset({roles.OFFICIAL, roles.MENTOR})
Status = CreditApplication.Status


class CreditListView(RoleScopedMixin, ListView):
    """Officials: every application; mentors: their groups'. Filtered and paged in the DB."""

    model = CreditApplication
    allowed_roles = READERS
    paginate_by = 25
    template_name = "mentoring/credit/list.html"

    @cached_property
    def group_form(self):
        return GroupFilterForm(self.request.GET, user=self.request.user)

    @cached_property
    def filters(self):
        params = self.request.GET
        status = params.get("status", "")
        bank = params.get("bank", "")
        return {
            "status": status if status in Status.values else "",
            "bank": bank if bank.isdigit() else "",
        }

    def get_queryset(self):
        rows = super().get_queryset().select_related("group", "bank", "scheme")
        if self.filters["bank"]:
            rows = rows.filter(bank_id=self.filters["bank"])
        if not self.group_form.is_valid():
            rows = rows.none()  # a group outside the user's scope: an error, no rows
        elif self.group_form.cleaned_data["kelompok"]:
            rows = rows.filter(group=self.group_form.cleaned_data["kelompok"])
        self.unfiltered_by_status = rows
        if self.filters["status"]:
            rows = rows.filter(status=self.filters["status"])
        return rows.order_by("-created_at", "-id")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        counts = dict(
            self.unfiltered_by_status.order_by().values_list("status").annotate(n=Count("pk"))
        )
        context["status_counts"] = [(v, label, counts.get(v, 0)) for v, label in Status.choices]
        context["banks"] = Bank.objects.visible_to(user)
        context["group_form"] = self.group_form
        context["filters"] = self.filters
        return context


class CreditDetailView(RoleScopedMixin, DetailView):
    model = CreditApplication
    allowed_roles = READERS
    template_name = "mentoring/credit/detail.html"
    context_object_name = "application"

    def get_queryset(self):
        return super().get_queryset().select_related("group", "bank", "scheme", "recorded_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        steps = services.allowed_steps(self.object)
        context["steps"] = steps
        context["submit_form"] = SubmitForm() if "submit" in steps else None
        context["history"] = self.object.history.select_related("history_user").order_by(
            "-history_date"
        )[:20]
        return context


class CreditCreateView(RoleScopedMixin, CreateView):
    model = CreditApplication
    form_class = CreditApplicationForm
    allowed_roles = READERS
    template_name = "mentoring/credit/form.html"

    def get_initial(self):
        initial = super().get_initial()
        group = self.request.GET.get("kelompok", "")
        if group.isdigit():
            initial["group"] = group
        return initial

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            self.object = services.credit_application_create(
                user=self.request.user,
                group=data["group"],
                bank=data["bank"],
                scheme=data["scheme"],
                amount_requested=data["amount_requested"],
                note=data["note"],
            )
        except ValidationError as error:
            apply_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Draf pengajuan kredit tersimpan."))
        return HttpResponseRedirect(self.object.get_absolute_url())


class CreditUpdateView(RoleScopedMixin, UpdateView):
    """Corrections while the application is a draft; afterwards its terms are fixed."""

    model = CreditApplication
    form_class = CreditApplicationForm
    allowed_roles = READERS
    template_name = "mentoring/credit/form.html"

    def get_queryset(self):
        return super().get_queryset().select_related("group", "bank", "scheme")

    def dispatch(self, request, *args, **kwargs):
        # The role gate, then the scoped lookup (404), then the status (a message, no change).
        if not self.test_func():
            return self.handle_no_permission()
        self.object = self.get_object()
        if self.object.status != Status.DRAFT:
            messages.error(request, services.refusal(self.object, "update"))
            return redirect(self.object.get_absolute_url())
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            self.object = services.credit_application_update(
                user=self.request.user,
                application=self.object,
                bank=data["bank"],
                scheme=data["scheme"],
                amount_requested=data["amount_requested"],
                note=data["note"],
            )
        except ValidationError as error:
            apply_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Pengajuan kredit tersimpan."))
        return HttpResponseRedirect(self.object.get_absolute_url())


def _application(request, pk) -> CreditApplication:
    queryset = CreditApplication.objects.visible_to(request.user).select_related(
        "group", "bank", "scheme"
    )
    return get_object_or_404(queryset, pk=pk)


def _refused(request, application, error: ValidationError):
    messages.error(request, " ".join(error.messages))
    return redirect(application.get_absolute_url())


@require_POST
@role_required(*READERS)
def credit_submit(request, pk):
    application = _application(request, pk)
    form = SubmitForm(request.POST)
    if not form.is_valid():
        return _refused(request, application, ValidationError(_("Tanggal diajukan tidak sah.")))
    try:
        services.credit_application_submit(
            user=request.user,
            application=application,
            submitted_on=form.cleaned_data["submitted_on"],
        )
    except ValidationError as error:
        return _refused(request, application, error)
    messages.success(request, _("Pengajuan kredit dicatat sudah diajukan ke bank."))
    return redirect(application.get_absolute_url())


STEP_PAGES = {
    "decide": (DecisionForm, gettext_lazy("Catat keputusan bank"), ("approve", "reject")),
    "disburse": (DisburseForm, gettext_lazy("Catat pencairan"), ("disburse",)),
}


def _step_page(request, pk, page: str):
    form_class, heading, steps = STEP_PAGES[page]
    application = _application(request, pk)
    if not set(steps) & set(services.allowed_steps(application)):
        messages.error(request, services.refusal(application, steps[0]))
        return redirect(application.get_absolute_url())
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _apply_step(request.user, application, form)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            application.refresh_from_db()
            messages.success(
                request,
                _("Tersimpan: pengajuan kredit %(status)s.")
                % {"status": application.get_status_display().lower()},
            )
            return redirect(application.get_absolute_url())
    return render(
        request,
        "mentoring/credit/step.html",
        {"application": application, "form": form, "heading": heading},
    )


def _apply_step(user, application, form):
    data = form.cleaned_data
    if isinstance(form, DisburseForm):
        return services.credit_application_disburse(
            user=user, application=application, disbursed_on=data["disbursed_on"]
        )
    if data["decision"] == DecisionForm.APPROVE:
        return services.credit_application_approve(
            user=user,
            application=application,
            amount_approved=data["amount_approved"],
            decided_on=data["decided_on"],
            note=data["note"],
        )
    return services.credit_application_reject(
        user=user, application=application, decided_on=data["decided_on"], note=data["note"]
    )


@require_http_methods(["GET", "POST"])
@role_required(*READERS)
def credit_decide(request, pk):
    return _step_page(request, pk, "decide")


@require_http_methods(["GET", "POST"])
@role_required(*READERS)
def credit_disburse(request, pk):
    return _step_page(request, pk, "disburse")
