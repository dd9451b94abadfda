"""Banks, the bank answering for each theme, and which mentor accompanies which group.

Officials manage all of it; a mentor reads only their own assignments (past ones too).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import ListView
from django_filters.views import FilterView

from core import roles
from core.scoping import RoleScopedMixin, role_required
from groups.forms.fields import apply_errors
from groups.models import IkmGroup
from mentoring.forms.assignments import (
    AssignmentFilter,
    AssignmentForm,
    AssignmentStopForm,
    BankForm,
    BankThemeForm,
    EndDateForm,
)
from mentoring.models import Bank, BankTheme, MentorAssignment
from mentoring.services import assignments as services

OFFICIALS = frozenset({roles.OFFICIAL})
READERS = frozenset({roles.OFFICIAL, roles.MENTOR})


def _form_page(request, form, *, title, back_url, crumbs=(), intro="", submit=""):
    return render(
        request,
        "mentoring/training/_form.html",
        {
            "form": form,
            "title": title,
            "back_url": back_url,
            "crumbs": crumbs,
            "intro": intro,
            "submit_label": submit or _("Simpan"),
        },
    )


class AssignmentListView(RoleScopedMixin, FilterView):
    """Officials: every assignment, filtered; a mentor: their own."""

    model = MentorAssignment
    allowed_roles = READERS
    filterset_class = AssignmentFilter
    paginate_by = 25
    template_name = "mentoring/assignments/assignment_list.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("mentor", "bank", "group__theme")
            .order_by("group__code", "-starts_on", "pk")
        )

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["data"] = self.request.GET
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_official"] = roles.is_official(self.request.user)
        context["today"] = timezone.localdate()
        return context


@role_required(*OFFICIALS)
def assignment_create(request):
    """Assign a mentor to a group; the bank of the group's theme is offered by default."""
    initial = {}
    group_id = request.GET.get("kelompok", "")
    if group_id.isdigit():
        group = IkmGroup.objects.visible_to(request.user).filter(pk=group_id).first()
        if group is not None:
            initial["group"] = group
            initial["bank"] = services.default_bank_for(group)
    form = AssignmentForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            assignment = services.assignment_create(**form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("%(mentor)s ditugaskan mendampingi %(group)s untuk %(bank)s.")
                % {
                    "mentor": assignment.mentor.get_full_name() or assignment.mentor.username,
                    "group": assignment.group.code,
                    "bank": assignment.bank.name,
                },
            )
            return redirect("mentoring:assignment_list")
    links = (
        BankTheme.objects.visible_to(request.user)
        .active_on()
        .select_related("bank", "theme")
        .order_by("theme__name")
    )
    return render(
        request,
        "mentoring/assignments/assignment_form.html",
        {"form": form, "bank_themes": links},
    )


@role_required(*OFFICIALS)
def assignment_stop(request, pk):
    """End an assignment; by default the mentor's access ends at once."""
    today = timezone.localdate()
    queryset = (
        MentorAssignment.objects.visible_to(request.user)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .select_related("mentor", "bank", "group")
    )
    assignment = get_object_or_404(queryset, pk=pk)
    form = AssignmentStopForm(request.POST or None, assignment=assignment)
    if request.method == "POST" and form.is_valid():
        try:
            ended = services.assignment_stop(
                assignment=assignment, last_day=form.cleaned_data["last_day"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if ended is None:
                messages.success(request, _("Penugasan yang belum berjalan dibatalkan."))
            elif ended.ends_on < today:
                messages.success(
                    request,
                    _("Penugasan berakhir; %(mentor)s tidak lagi dapat membuka %(group)s.")
                    % {"mentor": assignment.mentor.username, "group": assignment.group.code},
                )
            else:
                messages.success(
                    request,
                    _("Penugasan berakhir sesudah %(day)s.")
                    % {"day": ended.ends_on.strftime("%d-%m-%Y")},
                )
            return redirect("mentoring:assignment_list")
    return render(
        request,
        "mentoring/assignments/assignment_stop.html",
        {"form": form, "assignment": assignment},
    )


class BankListView(RoleScopedMixin, ListView):
    """Partner banks, the themes each answers for, and how many groups their mentors hold."""

    model = Bank
    allowed_roles = OFFICIALS
    paginate_by = 25
    template_name = "mentoring/assignments/bank_list.html"

    def get_queryset(self):
        today = timezone.localdate()
        links = (
            BankTheme.objects.visible_to(self.request.user)
            .select_related("theme")
            .order_by("-starts_on", "theme__name")
        )
        return (
            super()
            .get_queryset()
            .annotate(
                active_assignments=Count(
                    "assignments",
                    filter=Q(assignments__starts_on__lte=today)
                    & (Q(assignments__ends_on__isnull=True) | Q(assignments__ends_on__gte=today)),
                )
            )
            .prefetch_related(Prefetch("theme_links", queryset=links))
            .order_by("-is_active", "name")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        return context


def _bank_form(request, bank=None):
    form = BankForm(request.POST or None, instance=bank)
    if request.method == "POST" and form.is_valid():
        try:
            if bank is None:
                bank = services.bank_create(**form.cleaned_data)
            else:
                bank = services.bank_update(bank=bank, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Bank %(name)s tersimpan.") % {"name": bank.name})
            return redirect("mentoring:bank_list")
    title = _("Ubah bank %(name)s") % {"name": bank.name} if bank else _("Bank baru")
    return _form_page(
        request,
        form,
        title=title,
        back_url=reverse("mentoring:bank_list"),
        crumbs=[(reverse("mentoring:bank_list"), _("Bank"))],
    )


@role_required(*OFFICIALS)
def bank_create(request):
    return _bank_form(request)


@role_required(*OFFICIALS)
def bank_update(request, pk):
    return _bank_form(request, get_object_or_404(Bank.objects.visible_to(request.user), pk=pk))


@role_required(*OFFICIALS)
def bank_theme_create(request, pk):
    """Give a bank charge of a theme (one bank per theme at a time)."""
    bank = get_object_or_404(Bank.objects.visible_to(request.user), pk=pk)
    form = BankThemeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            link = services.bank_theme_start(bank=bank, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("%(bank)s kini memegang tema %(theme)s.")
                % {"bank": bank.name, "theme": link.theme},
            )
            return redirect("mentoring:bank_list")
    return _form_page(
        request,
        form,
        title=_("Tema untuk %(bank)s") % {"bank": bank.name},
        back_url=reverse("mentoring:bank_list"),
        crumbs=[(reverse("mentoring:bank_list"), _("Bank"))],
        intro=_(
            "Bank ini akan ditawarkan lebih dulu saat menugaskan pendamping ke kelompok tema itu."
        ),
    )


@role_required(*OFFICIALS)
def bank_theme_end(request, pk):
    today = timezone.localdate()
    queryset = (
        BankTheme.objects.visible_to(request.user)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .select_related("bank", "theme")
    )
    link = get_object_or_404(queryset, pk=pk)
    form = EndDateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.bank_theme_end(link=link, ends_on=form.cleaned_data["ends_on"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Tugas bank untuk tema ini diakhiri."))
            return redirect("mentoring:bank_list")
    return _form_page(
        request,
        form,
        title=_("Akhiri: %(bank)s untuk tema %(theme)s") % {"bank": link.bank, "theme": link.theme},
        back_url=reverse("mentoring:bank_list"),
        crumbs=[(reverse("mentoring:bank_list"), _("Bank"))],
        submit=_("Akhiri"),
    )
