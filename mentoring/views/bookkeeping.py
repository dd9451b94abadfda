"""Monthly bookkeeping reports: entry and verification by the mentor, lists, statements."""

import datetime as dt
from functools import cached_property

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DetailView, TemplateView, UpdateView
from django_filters.views import FilterView

from core import roles
from core.pagination import KeysetPaginationMixin
from core.scoping import RoleScopedMixin
from groups.forms.fields import apply_errors
from groups.models import IkmGroup
from mentoring import statements
from mentoring.forms.bookkeeping import AMOUNTS, ReportFilter, ReportForm
from mentoring.models import BookkeepingReport
from mentoring.services import bookkeeping as services
from mentoring.views.sessions import READERS, MentorOnlyMixin, mentor_required

BOOK_FIELDS = (
    "keeps_cash_book",
    "keeps_sales_book",
    "keeps_purchase_book",
    "keeps_stock_book",
    "separates_household_money",
    "method",
    "note",
)


def report_fields(form) -> dict:
    return {name: form.cleaned_data[name] for name in (*AMOUNTS, *BOOK_FIELDS)}


class ReportListView(KeysetPaginationMixin, RoleScopedMixin, FilterView):
    """Reports across the groups the user may see (officials: all), newest month first.

    Keyset pages (index ``report_month``): no OFFSET, a capped count.
    """

    keyset_ordering = ("-month", "group__code", "pk")

    model = BookkeepingReport
    allowed_roles = READERS
    filterset_class = ReportFilter
    paginate_by = 25
    template_name = "mentoring/bookkeeping/report_list.html"
    title = gettext_lazy("Laporan pembukuan bulanan")

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("group", "verified_by")
            .order_by("-month", "group__code", "pk")
        )

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["data"] = self.request.GET
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = self.title
        return context


class GroupScopedMixin:
    @cached_property
    def group(self):
        groups = IkmGroup.objects.visible_to(self.request.user)
        return get_object_or_404(groups, pk=self.kwargs["pk"])


class GroupReportListView(GroupScopedMixin, RoleScopedMixin, TemplateView):
    """One group's reports, month by month, with the months that have none flagged."""

    allowed_roles = READERS
    template_name = "mentoring/bookkeeping/group_report_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, group = self.request.user, self.group
        today = timezone.localdate()
        reports = list(
            BookkeepingReport.objects.visible_to(user)
            .filter(group=group)
            .select_related("verified_by")
            .order_by("-month")
        )
        context.update(
            {
                "group": group,
                "reports": reports,
                "missing": statements.missing_months(
                    {r.month for r in reports}, formed_on=group.formed_on, today=today
                ),
                "can_enter": roles.is_mentor(user),
            }
        )
        return context


class GroupStatementsView(GroupScopedMixin, RoleScopedMixin, TemplateView):
    """SAK EMKM-shaped statements of a group for a chosen month (``?bulan=2024-05``)."""

    allowed_roles = READERS
    template_name = "mentoring/bookkeeping/statements.html"

    def chosen_month(self) -> dt.date | None:
        value = self.request.GET.get("bulan", "")
        try:
            return dt.datetime.strptime(value, "%Y-%m").date()  # noqa: DTZ007 (a date, no time)
        except ValueError:
            return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(statements_context(self.group, self.request.user, self.chosen_month()))
        context["group"] = self.group
        return context


def statements_context(group, user, month=None) -> dict:
    """The statements, the trend chart data and the missing months, in one query."""
    reports = list(BookkeepingReport.objects.visible_to(user).filter(group=group).order_by("month"))
    built = statements.build(
        reports, month=month, formed_on=group.formed_on, today=timezone.localdate()
    )
    return {"st": built, "chart_data": built.trend, "chart_id": f"trend-{group.pk}"}


class ReportCreateView(GroupScopedMixin, MentorOnlyMixin, CreateView):
    model = BookkeepingReport
    form_class = ReportForm
    template_name = "mentoring/bookkeeping/report_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(user=self.request.user, group=self.group)
        kwargs["instance"] = BookkeepingReport(group=self.group)
        return kwargs

    def get_context_data(self, **kwargs):
        kwargs.setdefault("group", self.group)
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        try:
            self.object = services.report_create(
                group=self.group,
                month=form.cleaned_data["month"],
                user=self.request.user,
                verify=form.cleaned_data["verify"],
                **report_fields(form),
            )
        except ValidationError as error:
            apply_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Laporan %(month)s tersimpan.") % {"month": self.object.month.strftime("%m/%Y")},
        )
        return HttpResponseRedirect(self.object.get_absolute_url())


class ReportUpdateView(MentorOnlyMixin, UpdateView):
    model = BookkeepingReport
    form_class = ReportForm
    template_name = "mentoring/bookkeeping/report_form.html"

    def get_queryset(self):
        return super().get_queryset().select_related("group")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(user=self.request.user, group=self.object.group)
        return kwargs

    def get_context_data(self, **kwargs):
        kwargs.setdefault("group", self.object.group)
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        try:
            self.object = services.report_update(
                report=self.object,
                user=self.request.user,
                verify=form.cleaned_data["verify"],
                **report_fields(form),
            )
        except ValidationError as error:
            apply_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Laporan tersimpan."))
        return HttpResponseRedirect(self.object.get_absolute_url())


class ReportDetailView(RoleScopedMixin, DetailView):
    model = BookkeepingReport
    allowed_roles = READERS
    template_name = "mentoring/bookkeeping/report_detail.html"
    context_object_name = "report"

    def get_queryset(self):
        return super().get_queryset().select_related("group", "entered_by", "verified_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.object
        context.update(
            {
                "group": report.group,
                "pl": statements.profit_and_loss([report]),
                "position": statements.financial_position(report),
                "can_change": roles.is_mentor(self.request.user),
                "books": [
                    (report._meta.get_field(name).verbose_name, getattr(report, name))
                    for name in BOOK_FIELDS[:5]
                ],
            }
        )
        return context


@require_POST
@mentor_required
def report_verify(request, pk):
    report = get_object_or_404(BookkeepingReport.objects.visible_to(request.user), pk=pk)
    try:
        services.report_verify(report=report, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Laporan diverifikasi."))
    if request.POST.get("next") == "group":
        return redirect("mentoring:group_report_list", pk=report.group_id)
    return redirect(report)
