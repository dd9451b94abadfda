"""Mentoring sessions: the mentor's quick record form, lists, the detail page and the review."""

from functools import cached_property, wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import CreateView, DetailView, UpdateView
from django_filters.views import FilterView

from core import roles
from core.pagination import KeysetPaginationMixin
from core.scoping import RoleScopedMixin, role_required
from groups.forms.fields import apply_errors
from groups.models import IkmGroup, Member
from groups.views.documents import send_private_file
from mentoring.forms.sessions import (
    ApproveForm,
    FollowUpFormSet,
    ReturnForm,
    SessionFilter,
    SessionForm,
    follow_up_inputs,
)
from mentoring.models import FollowUp, MentoringSession, SessionAttachment, SessionTopic
from mentoring.services import sessions as services

READERS = frozenset({roles.OFFICIAL, roles.MENTOR})
MENTORS = frozenset({roles.MENTOR})
OFFICIALS = frozenset({roles.OFFICIAL})


class MentorOnlyMixin(RoleScopedMixin):
    """Pages only a bank mentor uses (recording their own work): superusers are no mentors."""

    allowed_roles = MENTORS

    def test_func(self):
        return roles.is_mentor(self.request.user)


def mentor_required(view):
    """Function-view twin of ``MentorOnlyMixin``."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not roles.is_mentor(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _count(model, field: str):
    """A correlated count (a subquery), so that list rows are not multiplied by joins."""
    rows = (
        model.objects.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=models.IntegerField()), 0)


def session_list_queryset(queryset, user):
    """What every session list shows per row, in a fixed number of queries."""
    attendees = MentoringSession.attendees.through
    return (
        queryset.select_related("group", "mentor")
        .prefetch_related(Prefetch("topics", queryset=SessionTopic.objects.order_by("topic")))
        .annotate(
            attendee_count=_count(attendees, "mentoringsession"),
            open_follow_ups=Coalesce(
                Subquery(
                    FollowUp.objects.visible_to(user)
                    .filter(session=OuterRef("pk"), is_done=False)
                    .order_by()
                    .values("session")
                    .annotate(n=Count("pk"))
                    .values("n"),
                    output_field=models.IntegerField(),
                ),
                0,
            ),
        )
        .order_by("-held_on", "-id")
    )


class SessionListView(KeysetPaginationMixin, RoleScopedMixin, FilterView):
    """Sessions: a mentor's own, or (officials) everybody's, filtered by group, month, status.

    Keyset pages in the list's order (index ``session_list_order``): no OFFSET, a capped count.
    """

    keyset_ordering = ("-held_on", "-id")

    model = MentoringSession
    allowed_roles = READERS
    filterset_class = SessionFilter
    paginate_by = 25
    template_name = "mentoring/sessions/session_list.html"
    title = gettext_lazy("Sesi pendampingan")

    def scope(self, queryset):
        if roles.is_official(self.request.user):
            return queryset
        return queryset.filter(mentor=self.request.user)

    def get_queryset(self):
        queryset = self.scope(super().get_queryset())
        return session_list_queryset(queryset, self.request.user)

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["data"] = self.request.GET
        return kwargs

    def get_filterset(self, filterset_class):
        filterset = super().get_filterset(filterset_class)
        if not roles.is_official(self.request.user):
            filterset.filters.pop("pendamping", None)
            filterset.form.fields.pop("pendamping", None)
        return filterset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            {
                "title": self.title,
                "is_official": roles.is_official(user),
                "is_mentor": roles.is_mentor(user),
                "review_count": MentoringSession.objects.visible_to(user).awaiting_review().count()
                if roles.is_official(user)
                else None,
                "today": timezone.localdate(),
            }
        )
        return context


class SessionReviewListView(SessionListView):
    """Officials' queue: submitted sessions, oldest first."""

    allowed_roles = OFFICIALS
    title = gettext_lazy("Sesi menunggu tinjauan")

    keyset_ordering = ("submitted_at", "id")  # never empty while a session awaits review

    def get_queryset(self):
        return super().get_queryset().awaiting_review().order_by("submitted_at", "id")


class GroupSessionListView(SessionListView):
    """All sessions with one group (any mentor), for whoever may see the group."""

    template_name = "mentoring/sessions/group_session_list.html"

    @cached_property
    def group(self):
        groups = IkmGroup.objects.visible_to(self.request.user)
        return get_object_or_404(groups, pk=self.kwargs["pk"])

    def scope(self, queryset):
        return queryset.filter(group=self.group)

    def get_filterset(self, filterset_class):
        filterset = super().get_filterset(filterset_class)
        filterset.filters.pop("kelompok", None)
        filterset.form.fields.pop("kelompok", None)
        return filterset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["group"] = self.group
        context["title"] = _("Sesi pendampingan %(code)s") % {"code": self.group.code}
        return context


class _SessionFormMixin:
    """The session form with its follow-up rows; the write goes through the service."""

    model = MentoringSession
    form_class = SessionForm
    template_name = "mentoring/sessions/session_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_formset(self):
        instance = self.object if getattr(self, "object", None) else MentoringSession()
        if self.request.method == "POST":
            return FollowUpFormSet(self.request.POST, instance=instance, prefix="tl")
        return FollowUpFormSet(instance=instance, prefix="tl")

    def get_context_data(self, **kwargs):
        kwargs.setdefault("formset", self.get_formset())
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context["member_groups"] = form.member_groups
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object() if self.is_update else None
        form = self.get_form()
        formset = self.get_formset()
        if form.is_valid() and formset.is_valid():
            try:
                self.object = self.save(form, follow_up_inputs(formset))
            except ValidationError as error:
                if hasattr(error, "error_dict") and "follow_ups" in error.error_dict:
                    error.error_dict[None] = error.error_dict.pop("follow_ups")
                apply_errors(form, error)
            else:
                if self.object.status == MentoringSession.Status.SUBMITTED:
                    messages.success(request, _("Sesi tersimpan dan diajukan untuk ditinjau."))
                else:
                    messages.success(request, _("Sesi tersimpan sebagai draf."))
                return HttpResponseRedirect(self.object.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form, formset=formset))


class SessionCreateView(_SessionFormMixin, MentorOnlyMixin, CreateView):
    is_update = False

    def get_initial(self):
        initial = super().get_initial()
        group = self.request.GET.get("kelompok", "")
        if group.isdigit():
            initial["group"] = group
        initial["held_on"] = timezone.localdate()
        return initial

    def save(self, form, follow_ups):
        data = form.cleaned_data
        return services.session_record(
            mentor=self.request.user,
            group=data["group"],
            held_on=data["held_on"],
            topics=data["topics"],
            summary=data["summary"],
            attendees=list(data["attendees"]),
            follow_ups=follow_ups,
            files=data["files"],
            submit="submit" in self.request.POST,
        )


class SessionUpdateView(_SessionFormMixin, MentorOnlyMixin, UpdateView):
    """Only the session's own mentor edits it, and only until it is approved."""

    is_update = True

    def get_queryset(self):
        return super().get_queryset().filter(mentor=self.request.user).select_related("group")

    def dispatch(self, request, *args, **kwargs):
        if self.test_func() and request.user.is_authenticated:
            session = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
            if session.is_locked:
                messages.error(request, _("Sesi ini sudah disetujui dan tidak dapat diubah lagi."))
                return redirect(session)
        return super().dispatch(request, *args, **kwargs)

    def save(self, form, follow_ups):
        data = form.cleaned_data
        return services.session_update(
            session=self.object,
            user=self.request.user,
            held_on=data["held_on"],
            topics=data["topics"],
            summary=data["summary"],
            attendees=list(data["attendees"]),
            follow_ups=follow_ups,
            files=data["files"],
            submit="submit" in self.request.POST,
        )


class SessionDetailView(RoleScopedMixin, DetailView):
    model = MentoringSession
    allowed_roles = READERS
    template_name = "mentoring/sessions/session_detail.html"
    context_object_name = "session"

    def get_queryset(self):
        user = self.request.user
        return (
            super()
            .get_queryset()
            .select_related("group", "mentor", "reviewed_by")
            .prefetch_related(
                Prefetch("topics", queryset=SessionTopic.objects.order_by("topic")),
                Prefetch("attendees", queryset=Member.objects.visible_to(user).order_by("name")),
                Prefetch(
                    "follow_ups", queryset=FollowUp.objects.visible_to(user).order_by("due_on")
                ),
                Prefetch(
                    "attachments",
                    queryset=SessionAttachment.objects.visible_to(user).order_by("created_at"),
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, session = self.request.user, self.object
        own = session.mentor_id == user.pk
        Status = MentoringSession.Status  # noqa: N806
        context.update(
            {
                "own": own,
                "can_edit": own and not session.is_locked,
                "can_submit": own and session.status in (Status.DRAFT, Status.RETURNED),
                "can_review": roles.is_official(user) and session.status == Status.SUBMITTED,
                "return_form": ReturnForm(prefix="return"),
                "approve_form": ApproveForm(prefix="approve"),
                "today": timezone.localdate(),
            }
        )
        return context


def _session_for(request, pk, own=False):
    queryset = MentoringSession.objects.visible_to(request.user)
    if own:
        queryset = queryset.filter(mentor=request.user)
    return get_object_or_404(queryset, pk=pk)


def _run(request, action, success: str):
    try:
        action()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return False
    except PermissionDenied:
        raise
    messages.success(request, success)
    return True


@require_POST
@mentor_required
def session_submit(request, pk):
    session = _session_for(request, pk, own=True)
    _run(
        request,
        lambda: services.session_submit(session=session, user=request.user),
        _("Sesi diajukan untuk ditinjau."),
    )
    return redirect(session)


@require_POST
@role_required(*OFFICIALS)
def session_approve(request, pk):
    session = _session_for(request, pk)
    form = ApproveForm(request.POST, prefix="approve")
    note = form.cleaned_data["note"] if form.is_valid() else ""
    done = _run(
        request,
        lambda: services.session_approve(session=session, official=request.user, note=note),
        _("Sesi disetujui."),
    )
    if done and request.POST.get("next") == "queue":
        return redirect("mentoring:session_review_list")
    return redirect(session)


@require_POST
@role_required(*OFFICIALS)
def session_return(request, pk):
    session = _session_for(request, pk)
    form = ReturnForm(request.POST, prefix="return")
    if not form.is_valid():
        messages.error(request, _("Tulis catatan untuk pendamping: apa yang perlu diperbaiki."))
        return redirect(session)
    _run(
        request,
        lambda: services.session_return(
            session=session, official=request.user, note=form.cleaned_data["note"]
        ),
        _("Sesi dikembalikan ke pendamping dengan catatan."),
    )
    return redirect(session)


@require_POST
@mentor_required
def follow_up_toggle(request, pk):
    follow_up = get_object_or_404(
        FollowUp.objects.visible_to(request.user).filter(session__mentor=request.user), pk=pk
    )
    done = not follow_up.is_done
    _run(
        request,
        lambda: services.follow_up_set_done(follow_up=follow_up, user=request.user, done=done),
        _("Tindak lanjut ditandai selesai.") if done else _("Tindak lanjut dibuka lagi."),
    )
    return redirect("mentoring:session_detail", pk=follow_up.session_id)


@never_cache
@require_GET
@role_required(*READERS)
def session_attachment(request, pk):
    attachment = get_object_or_404(
        SessionAttachment.objects.visible_to(request.user).select_related("session__group"),
        pk=pk,
    )
    session = attachment.session
    return send_private_file(
        attachment.file, f"{session.group.code}-sesi-{session.held_on:%Y%m%d}-{attachment.pk}"
    )
