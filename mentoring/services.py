"""Writes with rules in mentoring."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core import roles
from groups.models import IkmGroup
from mentoring.models import Bank, MentorAssignment


@transaction.atomic
def assignment_start(
    *, mentor, group: IkmGroup, bank: Bank, starts_on: dt.date | None = None
) -> MentorAssignment:
    """Assign a bank mentor to a group from a day on; their access starts that day."""
    if not roles.is_mentor(mentor):
        raise ValidationError({"mentor": _("Pengguna ini bukan pendamping bank.")})
    starts_on = starts_on or timezone.localdate()
    overlapping = MentorAssignment.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on), mentor=mentor, group=group
    )
    if overlapping.exists():
        raise ValidationError(
            {"group": _("Pendamping ini sudah ditugaskan ke kelompok tersebut pada periode itu.")}
        )
    assignment = MentorAssignment(mentor=mentor, group=group, bank=bank, starts_on=starts_on)
    assignment.full_clean()
    assignment.save()
    return assignment


@transaction.atomic
def assignment_end(*, assignment: MentorAssignment, ends_on: dt.date | None = None):
    """End an assignment; the mentor loses access to the group after ``ends_on``."""
    ends_on = ends_on or timezone.localdate()
    assignment = MentorAssignment.objects.select_for_update().get(pk=assignment.pk)
    if ends_on < assignment.starts_on:
        raise ValidationError({"ends_on": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")})
    assignment.ends_on = ends_on
    assignment.full_clean()
    assignment.save(update_fields=["ends_on"])
    return assignment
