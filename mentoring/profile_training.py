"""What banks, assignments, trainings and apprenticeships add to a group's profile: two panels
and their timeline entries. Registered in ``MentoringConfig.ready``; each runs a fixed number of
queries whatever the group's history.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import navigation, panels, roles, timeline
from core.timeline import TimelineEntry
from groups.models import Member
from mentoring.models import (
    Apprenticeship,
    Attendance,
    MentorAssignment,
    TrainingParticipant,
    attendance_rate,
)


def _participations(group, user):
    return (
        TrainingParticipant.objects.visible_to(user)
        .filter(member__group=group)
        .select_related("event__training", "member")
        .order_by("-event__starts_on", "event_id", "member__name")
    )


def _apprenticeships(group, user):
    return (
        Apprenticeship.objects.visible_to(user)
        .filter(member__group=group)
        .select_related("member")
        .order_by("-starts_on", "-pk")
    )


def training_panel(group, user):
    """Trainings joined by the group's members (attendance rate), apprenticeships, members."""
    if not roles.has_any(user, {roles.OFFICIAL, roles.MENTOR}):
        return None
    participations = list(_participations(group, user))
    events: dict = {}
    per_member: dict = {}
    for p in participations:
        row = events.setdefault(
            p.event_id, {"event": p.event, "participants": 0, "present": 0, "passed": 0}
        )
        row["participants"] += 1
        row["present"] += p.attendance == Attendance.PRESENT
        row["passed"] += p.passed
        counts = per_member.setdefault(p.member_id, {"trainings": 0, "apprenticeships": 0})
        counts["trainings"] += 1
    apprenticeships = list(_apprenticeships(group, user))
    for a in apprenticeships:
        counts = per_member.setdefault(a.member_id, {"trainings": 0, "apprenticeships": 0})
        counts["apprenticeships"] += 1
    members = list(Member.objects.visible_to(user).filter(group=group).active().order_by("name"))
    for member in members:
        member.record_counts = per_member.get(member.pk, {"trainings": 0, "apprenticeships": 0})
    present = sum(p.attendance == Attendance.PRESENT for p in participations)
    recorded = sum(p.attendance != Attendance.UNKNOWN for p in participations)
    return {
        "training_rows": list(events.values())[:10],
        "training_event_count": len(events),
        "attendance_rate": attendance_rate(present, recorded),
        "apprenticeships": apprenticeships[:10],
        "apprenticeship_count": len(apprenticeships),
        "record_members": members,
    }


def assignment_panel(group, user):
    """Who accompanies the group now (a mentor sees their own assignment only)."""
    if not roles.has_any(user, {roles.OFFICIAL, roles.MENTOR}):
        return None
    today = timezone.localdate()
    assignments = (
        MentorAssignment.objects.visible_to(user)
        .filter(group=group)
        .select_related("mentor", "bank")
        .order_by("-starts_on", "-pk")
    )
    rows = list(assignments[:20])
    return {
        "current_assignments": [
            a for a in rows if a.starts_on <= today and (a.ends_on is None or a.ends_on >= today)
        ],
        "past_assignments": [a for a in rows if a.ends_on is not None and a.ends_on < today],
        "can_assign": roles.is_official(user),
        "assign_url": reverse("mentoring:assignment_create") + f"?kelompok={group.pk}",
    }


def assignment_entries(group, user):
    today = timezone.localdate()
    for a in (
        MentorAssignment.objects.visible_to(user)
        .filter(group=group)
        .select_related("mentor", "bank")
    ):
        who = a.mentor.get_full_name() or a.mentor.username
        yield TimelineEntry(
            when=a.starts_on,
            kind="assignment",
            icon="bi-person-badge",
            title=_("Pendampingan dimulai: %(mentor)s") % {"mentor": who},
            detail=a.bank.name,
        )
        if a.ends_on is not None and a.ends_on < today:
            yield TimelineEntry(
                when=a.ends_on,
                kind="assignment",
                icon="bi-person-dash",
                title=_("Pendampingan berakhir: %(mentor)s") % {"mentor": who},
                detail=a.bank.name,
            )


def training_entries(group, user):
    """One entry per event the group's members joined, on its last day."""
    events: dict = {}
    for p in _participations(group, user):
        row = events.setdefault(p.event_id, {"event": p.event, "n": 0, "present": 0, "passed": 0})
        row["n"] += 1
        row["present"] += p.attendance == Attendance.PRESENT
        row["passed"] += p.passed
    for row in events.values():
        event = row["event"]
        yield TimelineEntry(
            when=event.ends_on,
            kind="training",
            icon="bi-mortarboard",
            title=_("Pelatihan: %(title)s") % {"title": event.training.title},
            detail=_("%(n)d anggota terdaftar, %(present)d hadir, %(passed)d lulus")
            % {"n": row["n"], "present": row["present"], "passed": row["passed"]},
            url=event.get_absolute_url(),
        )


def apprenticeship_entries(group, user):
    for a in _apprenticeships(group, user):
        yield TimelineEntry(
            when=a.starts_on,
            kind="apprenticeship",
            icon="bi-briefcase",
            title=_("Magang: %(name)s di %(host)s") % {"name": a.member.name, "host": a.host_name},
            detail=_("%(region)s, %(days)d hari") % {"region": a.host_region, "days": a.days},
            url=a.get_absolute_url(),
        )


def register() -> None:
    readers = frozenset({roles.OFFICIAL, roles.MENTOR})
    timeline.register("mentoring.assignments", assignment_entries)
    timeline.register("mentoring.trainings", training_entries)
    timeline.register("mentoring.apprenticeships", apprenticeship_entries)
    panels.register(
        panels.Panel(
            name="mentoring.assignments",
            title=gettext_lazy("Pendamping"),
            template_name="mentoring/assignments/_panel.html",
            context=assignment_panel,
            order=40,
        )
    )
    panels.register(
        panels.Panel(
            name="mentoring.trainings",
            title=gettext_lazy("Pelatihan dan magang"),
            template_name="mentoring/training/_panel.html",
            context=training_panel,
            order=70,
        )
    )
    navigation.register(
        navigation.Section(
            gettext_lazy("Penugasan"), "mentoring:assignment_list", "bi-person-badge", readers, 44
        )
    )
    navigation.register(
        navigation.Section(
            gettext_lazy("Pelatihan"), "mentoring:training_list", "bi-mortarboard", readers, 46
        )
    )
    navigation.register(
        navigation.Section(
            gettext_lazy("Magang"), "mentoring:apprenticeship_list", "bi-briefcase", readers, 47
        )
    )
