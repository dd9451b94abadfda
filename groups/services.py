"""Writes on groups that carry rules: the roadmap stage of a group."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groups.models import IkmGroup, Stage, StageChange


@transaction.atomic
def group_change_stage(
    *,
    group: IkmGroup,
    to_stage: str,
    reason: str,
    changed_on: dt.date | None = None,
    decided_by=None,
    automatic: bool = False,
) -> StageChange:
    """Move a group on the roadmap and record the step (date, reason, who; or 'automatic').

    Officials decide by hand; other apps call this with ``automatic=True`` when the records
    prove a step (e.g. an approved credit application makes the group mandiri).
    """
    if to_stage not in Stage.values:
        raise ValidationError({"to_stage": _("Tahap tidak dikenal.")})
    if not reason or not reason.strip():
        raise ValidationError({"reason": _("Tuliskan alasan perubahan tahap.")})
    changed_on = changed_on or timezone.localdate()
    if changed_on > timezone.localdate():
        raise ValidationError(
            {"changed_on": _("Tanggal perubahan tahap tidak boleh di masa depan.")}
        )
    # Lock the group row so that two concurrent changes are recorded one after the other.
    group = IkmGroup.objects.select_for_update().get(pk=group.pk)
    if group.stage == to_stage:
        raise ValidationError({"to_stage": _("Kelompok sudah berada pada tahap ini.")})
    if changed_on < group.stage_since:
        raise ValidationError(
            {"changed_on": _("Tanggal tidak boleh sebelum tanggal tahap saat ini dimulai.")}
        )
    change = StageChange.objects.create(
        group=group,
        from_stage=group.stage,
        to_stage=to_stage,
        changed_on=changed_on,
        reason=reason.strip(),
        decided_by=decided_by,
        automatic=automatic,
    )
    group.stage = to_stage
    group.stage_since = changed_on
    group.save(update_fields=["stage", "stage_since", "updated_at"])
    return change
