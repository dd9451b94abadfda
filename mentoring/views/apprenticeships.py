"""Apprenticeships (magang) of members, their outcome reports, and a member's page with the
person's trainings and apprenticeships.

Officials record and correct them; a mentor reads those of their groups' members.
"""

import os

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView

from core import roles
from core.params import search_text
from core.scoping import RoleScopedMixin, role_required
from groups.forms.fields import apply_errors
from groups.models import BudgetSource, Member
from groups.views.documents import send_private_file
from mentoring.forms.training import ApprenticeshipForm
from mentoring.models import Apprenticeship, TrainingParticipant
from mentoring.services import training as services
from mentoring.views.assignments import OFFICIALS, READERS, _form_page


class ApprenticeshipListView(RoleScopedMixin, ListView):
    """All apprenticeships (a mentor: their groups' members'), newest first."""

    model = Apprenticeship
    allowed_roles = READERS
    paginate_by = 25
    template_name = "mentoring/apprenticeships/apprenticeship_list.html"

    def get_queryset(self):
        queryset = (
            super().get_queryset().select_related("member__group").order_by("-starts_on", "-pk")
        )
        query = search_text(self.request)
        if query:
            queryset = queryset.filter(
                Q(member__name__icontains=query)
                | Q(host_name__icontains=query)
                | Q(host_region__icontains=query)
                | Q(member__group__code__icontains=query)
            )
        source = self.request.GET.get("dana", "")
        if source in BudgetSource.values:
            queryset = queryset.filter(funding_source=source)
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "q": search_text(self.request),
                "dana": self.request.GET.get("dana", ""),
                "sources": BudgetSource.choices,
                "is_official": roles.is_official(self.request.user),
            }
        )
        return context


class ApprenticeshipDetailView(RoleScopedMixin, DetailView):
    model = Apprenticeship
    allowed_roles = READERS
    template_name = "mentoring/apprenticeships/apprenticeship_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("member__group")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_official"] = roles.is_official(self.request.user)
        return context


def _member_crumbs(member):
    return [
        (reverse("groups:group_detail", args=[member.group_id]), member.group.code),
        (reverse("mentoring:member_record", args=[member.pk]), member.name),
    ]


def _fields(form) -> dict:
    return {name: form.cleaned_data[name] for name in ApprenticeshipForm.Meta.fields}


@role_required(*OFFICIALS)
def apprenticeship_create(request, pk):
    member = get_object_or_404(
        Member.objects.visible_to(request.user).select_related("group"), pk=pk
    )
    form = ApprenticeshipForm(request.POST or None, request.FILES or None, member=member)
    if request.method == "POST" and form.is_valid():
        try:
            apprenticeship = services.apprenticeship_create(member=member, **_fields(form))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Magang tersimpan."))
            return redirect(apprenticeship)
    return _form_page(
        request,
        form,
        title=_("Magang baru: %(name)s") % {"name": member.name},
        back_url=reverse("mentoring:member_record", args=[member.pk]),
        crumbs=_member_crumbs(member),
    )


@role_required(*OFFICIALS)
def apprenticeship_update(request, pk):
    queryset = Apprenticeship.objects.visible_to(request.user).select_related("member__group")
    apprenticeship = get_object_or_404(queryset, pk=pk)
    form = ApprenticeshipForm(request.POST or None, request.FILES or None, instance=apprenticeship)
    if request.method == "POST" and form.is_valid():
        try:
            apprenticeship = services.apprenticeship_update(
                apprenticeship=apprenticeship, **_fields(form)
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Magang tersimpan."))
            return redirect(apprenticeship)
    return _form_page(
        request,
        form,
        title=_("Ubah magang"),
        back_url=apprenticeship.get_absolute_url(),
        crumbs=_member_crumbs(apprenticeship.member),
    )


@never_cache
@require_GET
@role_required(*READERS)
def apprenticeship_report(request, name):
    """An outcome report by its stored name, for users who may see the member (404 else)."""
    queryset = Apprenticeship.objects.visible_to(request.user).select_related("member")
    apprenticeship = get_object_or_404(queryset, outcome_report=name)
    download = "laporan-magang-" + os.path.splitext(os.path.basename(name))[0][:8]
    return send_private_file(apprenticeship.outcome_report, download)


class MemberRecordView(RoleScopedMixin, DetailView):
    """A member's page: the trainings they joined and their apprenticeships."""

    model = Member
    allowed_roles = READERS
    context_object_name = "member"
    template_name = "mentoring/apprenticeships/member_record.html"

    def get_queryset(self):
        return super().get_queryset().select_related("group__theme")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            {
                "participations": TrainingParticipant.objects.visible_to(user)
                .filter(member=self.object)
                .select_related("event__training")
                .order_by("-event__starts_on"),
                "apprenticeships": Apprenticeship.objects.visible_to(user)
                .filter(member=self.object)
                .order_by("-starts_on"),
                "is_official": roles.is_official(user),
            }
        )
        return context
