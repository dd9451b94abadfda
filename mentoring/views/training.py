"""The training catalogue, its events, participants and results, certificates and their
public verification.

Officials manage everything; a mentor reads the trainings their groups' members joined and
only those members' rows. The verification page is public and shows no personal data beyond
the participant's name.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView

from core import roles
from core.params import search_text
from core.scoping import RoleScopedMixin, role_required
from groups.forms.fields import apply_errors
from groups.models import Theme
from mentoring.certificates import certificate_pdf
from mentoring.forms.training import (
    CertificateLookupForm,
    EventForm,
    ParticipantsAddForm,
    ResultFormSet,
    TrainingForm,
)
from mentoring.models import (
    Attendance,
    Training,
    TrainingEvent,
    TrainingParticipant,
    attendance_rate,
)
from mentoring.services import training as services
from mentoring.views.assignments import OFFICIALS, READERS, _form_page


def _rate_rows(participants):
    """Attendance per group among ``participants``: counts and rate, by group code."""
    by_group: dict = {}
    for p in participants:
        row = by_group.setdefault(
            p.member.group_id,
            {"group": p.member.group, "participants": 0, "present": 0, "recorded": 0},
        )
        row["participants"] += 1
        row["present"] += p.attendance == Attendance.PRESENT
        row["recorded"] += p.attendance != Attendance.UNKNOWN
    rows = sorted(by_group.values(), key=lambda r: r["group"].code)
    for row in rows:
        row["rate"] = attendance_rate(row["present"], row["recorded"])
    return rows


class TrainingListView(RoleScopedMixin, ListView):
    """The catalogue: each training with its themes, number of events and latest date."""

    model = Training
    allowed_roles = READERS
    paginate_by = 25
    template_name = "mentoring/training/training_list.html"

    def get_queryset(self):
        user = self.request.user
        events = TrainingEvent.objects.visible_to(user).values("pk")
        queryset = (
            super()
            .get_queryset()
            .annotate(
                event_count=Count("events", filter=Q(events__in=events)),
                last_event=Max("events__starts_on", filter=Q(events__in=events)),
            )
            .prefetch_related(Prefetch("themes", queryset=Theme.objects.visible_to(user)))
            .order_by("-is_active", "title")
        )
        query = search_text(self.request)
        if query:
            queryset = queryset.filter(Q(title__icontains=query) | Q(description__icontains=query))
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_official"] = roles.is_official(self.request.user)
        context["q"] = search_text(self.request)
        return context


class EventListView(RoleScopedMixin, ListView):
    """Every event, newest first, with its attendance rate."""

    model = TrainingEvent
    allowed_roles = READERS
    paginate_by = 25
    template_name = "mentoring/training/event_list.html"

    def get_queryset(self):
        user = self.request.user
        visible = TrainingParticipant.objects.visible_to(user)
        return (
            super()
            .get_queryset()
            .select_related("training")
            .annotate(
                participant_count=Count("participants", filter=Q(participants__in=visible)),
                present_count=Count(
                    "participants",
                    filter=Q(participants__in=visible, participants__attendance="present"),
                ),
                recorded_count=Count(
                    "participants",
                    filter=Q(participants__in=visible)
                    & ~Q(participants__attendance=Attendance.UNKNOWN),
                ),
            )
            .order_by("-starts_on", "-pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for event in context["object_list"]:
            event.rate = attendance_rate(event.present_count, event.recorded_count)
        return context


class TrainingDetailView(RoleScopedMixin, DetailView):
    model = Training
    allowed_roles = READERS
    template_name = "mentoring/training/training_detail.html"

    def get_queryset(self):
        user = self.request.user
        return (
            super()
            .get_queryset()
            .prefetch_related(Prefetch("themes", queryset=Theme.objects.visible_to(user)))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        visible = TrainingParticipant.objects.visible_to(user)
        events = list(
            TrainingEvent.objects.visible_to(user)
            .filter(training=self.object)
            .annotate(
                participant_count=Count("participants", filter=Q(participants__in=visible)),
                present_count=Count(
                    "participants",
                    filter=Q(participants__in=visible, participants__attendance="present"),
                ),
                recorded_count=Count(
                    "participants",
                    filter=Q(participants__in=visible)
                    & ~Q(participants__attendance=Attendance.UNKNOWN),
                ),
            )
            .order_by("-starts_on", "-pk")
        )
        for event in events:
            event.rate = attendance_rate(event.present_count, event.recorded_count)
        context.update({"events": events, "is_official": roles.is_official(user)})
        return context


class EventDetailView(RoleScopedMixin, DetailView):
    """An event: its participants (a mentor: their groups' members), results and rates."""

    model = TrainingEvent
    allowed_roles = READERS
    context_object_name = "event"
    template_name = "mentoring/training/event_detail.html"

    def get_queryset(self):
        user = self.request.user
        return (
            super()
            .get_queryset()
            .select_related("training")
            .prefetch_related(Prefetch("themes", queryset=Theme.objects.visible_to(user)))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        participants = list(
            TrainingParticipant.objects.visible_to(user)
            .filter(event=self.object)
            .select_related("member__group")
            .order_by("member__group__code", "member__name")
        )
        present = sum(p.attendance == Attendance.PRESENT for p in participants)
        recorded = sum(p.attendance != Attendance.UNKNOWN for p in participants)
        context.update(
            {
                "training": self.object.training,
                "participants": participants,
                "present": present,
                "rate": attendance_rate(present, recorded),
                "group_rates": _rate_rows(participants),
                "passed": sum(p.passed for p in participants),
                "is_official": roles.is_official(user),
            }
        )
        return context


@role_required(*OFFICIALS)
def training_form(request, pk=None):
    training = None
    if pk is not None:
        training = get_object_or_404(Training.objects.visible_to(request.user), pk=pk)
    form = TrainingForm(request.POST or None, instance=training, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if training is None:
                training = services.training_create(**data)
            else:
                training = services.training_update(training=training, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Pelatihan tersimpan."))
            return redirect(training)
    crumbs = [(reverse("mentoring:training_list"), _("Pelatihan"))]
    if training is not None:
        crumbs.append((training.get_absolute_url(), training.title))
    return _form_page(
        request,
        form,
        title=_("Ubah pelatihan") if training else _("Pelatihan baru"),
        back_url=training.get_absolute_url() if training else reverse("mentoring:training_list"),
        crumbs=crumbs,
    )


def _event_fields(form) -> dict:
    return {name: form.cleaned_data[name] for name in EventForm.Meta.fields}


@role_required(*OFFICIALS)
def event_create(request, pk):
    training = get_object_or_404(Training.objects.visible_to(request.user), pk=pk)
    form = EventForm(request.POST or None, user=request.user, training=training)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(training=training, **_event_fields(form))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Jadwal pelatihan tersimpan."))
            return redirect(event)
    return _form_page(
        request,
        form,
        title=_("Penyelenggaraan baru: %(title)s") % {"title": training.title},
        back_url=training.get_absolute_url(),
        crumbs=[
            (reverse("mentoring:training_list"), _("Pelatihan")),
            (training.get_absolute_url(), training.title),
        ],
    )


@role_required(*OFFICIALS)
def event_update(request, pk):
    queryset = TrainingEvent.objects.visible_to(request.user).select_related("training")
    event = get_object_or_404(queryset, pk=pk)
    form = EventForm(request.POST or None, user=request.user, instance=event)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_update(event=event, **_event_fields(form))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Jadwal pelatihan tersimpan."))
            return redirect(event)
    return _form_page(
        request,
        form,
        title=_("Ubah penyelenggaraan"),
        back_url=event.get_absolute_url(),
        crumbs=[
            (reverse("mentoring:training_list"), _("Pelatihan")),
            (event.training.get_absolute_url(), event.training.title),
            (event.get_absolute_url(), event.starts_on.strftime("%d-%m-%Y")),
        ],
    )


def _event_for_official(request, pk):
    queryset = TrainingEvent.objects.visible_to(request.user).select_related("training")
    return get_object_or_404(queryset, pk=pk)


@role_required(*OFFICIALS)
def participants_add(request, pk):
    """Add whole groups and/or picked members; those already registered are skipped."""
    event = _event_for_official(request, pk)
    data = request.POST if request.method == "POST" else None
    form = ParticipantsAddForm(data, user=request.user, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            added, skipped = services.participants_add(event=event, members=form.chosen_members())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            message = _("%(added)d peserta ditambahkan.") % {"added": added}
            if skipped:
                message += " " + _("%(skipped)d sudah terdaftar sebelumnya.") % {"skipped": skipped}
            messages.success(request, message)
            return redirect(event)
    registered = event.participants.count()
    return render(
        request,
        "mentoring/training/participants_add.html",
        {"form": form, "event": event, "registered": registered},
    )


@role_required(*OFFICIALS)
def event_results(request, pk):
    """Attendance, scores and result of every participant, on one page."""
    event = _event_for_official(request, pk)
    queryset = (
        TrainingParticipant.objects.visible_to(request.user)
        .filter(event=event)
        .select_related("member__group")
        .order_by("member__group__code", "member__name")
    )
    formset = ResultFormSet(request.POST or None, queryset=queryset)
    if request.method == "POST" and formset.is_valid():
        changed = [f for f in formset.forms if f.has_changed()]
        try:
            with transaction.atomic():
                for form in changed:
                    services.participant_record(
                        participant=form.instance,
                        **{k: form.cleaned_data[k] for k in ResultFormSet.form.Meta.fields},
                    )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("%(count)d baris hasil tersimpan.") % {"count": len(changed)}
            )
            return redirect(event)
    return render(
        request, "mentoring/training/event_results.html", {"formset": formset, "event": event}
    )


@role_required(*OFFICIALS)
def participant_remove(request, pk):
    """Take a participant registered by mistake off the list (only before any result)."""
    queryset = TrainingParticipant.objects.visible_to(request.user).select_related(
        "event__training", "member__group"
    )
    participant = get_object_or_404(queryset, pk=pk)
    if request.method == "POST":
        try:
            services.participant_remove(participant=participant)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(name)s dihapus dari daftar peserta.") % {"name": participant.member.name},
            )
        return redirect(participant.event)
    return render(
        request, "mentoring/training/participant_remove.html", {"participant": participant}
    )


@never_cache
@require_GET
@role_required(*READERS)
def certificate(request, pk):
    """The certificate PDF of a participant who passed (404 for anyone else)."""
    queryset = (
        TrainingParticipant.objects.visible_to(request.user)
        .filter(passed=True, certificate_code__isnull=False)
        .select_related("event__training", "member__group")
    )
    participant = get_object_or_404(queryset, pk=pk)
    pdf = certificate_pdf(participant, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"sertifikat-{participant.certificate_code}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_not_required
@require_GET
def certificate_lookup(request):
    """Public: type a certificate code, see whether it is valid."""
    form = CertificateLookupForm(request.GET or None)
    if form.is_bound and form.is_valid():
        code = services.normalise_code(form.cleaned_data["code"])
        if code:
            return redirect("mentoring:certificate_verify", code=code)
    return render(request, "mentoring/training/certificate_verify.html", {"form": form})


@login_not_required
@require_GET
def certificate_verify(request, code):
    """Public: whether a certificate code is valid, with the name, training and dates only."""
    normalised = services.normalise_code(code)
    if normalised and normalised != code:
        return redirect("mentoring:certificate_verify", code=normalised)
    # The public page has no user to scope by: the lookup is by the unguessable code alone
    # and the page shows no more than the certificate itself does.
    participant = (
        TrainingParticipant.objects.filter(certificate_code=code)  # scoping: ok
        .select_related("event__training", "member")
        .first()
    )
    if participant is None:
        status = "unknown"
    elif participant.passed:
        status = "valid"
    else:
        status = "invalid"
    response = render(
        request,
        "mentoring/training/certificate_verify.html",
        {
            "form": CertificateLookupForm(initial={"code": code}),
            "code": code,
            "status": status,
            "participant": participant if status != "unknown" else None,
        },
        status=404 if status == "unknown" else 200,
    )
    response["X-Robots-Tag"] = "noindex"
    return response
