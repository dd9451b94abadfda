"""The groups app's contribution to a group's timeline: roadmap steps."""

from django.utils.translation import gettext as _

from groups.models import Stage
from palu_ikm.timeline import TimelineEntry


def stage_entries(group, user):
    labels = dict(Stage.choices)
    for change in group.stage_changes.select_related("decided_by"):
        who = (
            _("otomatis dari catatan")
            if change.automatic
            else (change.decided_by.get_full_name() or change.decided_by.username)
            if change.decided_by
            else ""
        )
        yield TimelineEntry(
            when=change.changed_on,
            kind="stage",
            icon="bi-signpost-split",
            title=_("Tahap: %(stage)s") % {"stage": labels.get(change.to_stage, change.to_stage)},
            detail=f"{change.reason} ({who})" if who else change.reason,
        )
