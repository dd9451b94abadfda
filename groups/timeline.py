"""The groups app's contribution to a group's timeline: roadmap steps and equipment."""

from django.db.models import Count
from django.utils.translation import gettext as _

from core.timeline import TimelineEntry
from groups.models import Condition, EquipmentCheck, Handover, Stage


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


def equipment_entries(group, user):
    """Handovers (BAST) and inspections of the group's items, in two queries."""
    handovers = (
        Handover.objects.visible_to(user)
        .filter(group=group)
        .annotate(item_count=Count("items"))
        .order_by()
    )
    for handover in handovers:
        yield TimelineEntry(
            when=handover.handed_over_on,
            kind="equipment",
            icon="bi-box-seam",
            title=_("Serah terima peralatan (BAST %(number)s)") % {"number": handover.number},
            detail=_("%(count)d jenis barang, %(source)s %(year)d")
            % {
                "count": handover.item_count,
                "source": handover.get_budget_source_display(),
                "year": handover.budget_year,
            },
            url=handover.get_absolute_url(),
        )
    checks = (
        EquipmentCheck.objects.visible_to(user)
        .filter(equipment__handover__group=group)
        .select_related("equipment")
        .order_by("-checked_on")[:30]
    )
    labels = dict(Condition.choices)
    for check in checks:
        used = _("dipakai") if check.in_use else _("tidak dipakai")
        yield TimelineEntry(
            when=check.checked_on,
            kind="equipment_check",
            icon="bi-clipboard-check",
            title=_("Pemeriksaan %(item)s: %(condition)s")
            % {"item": check.equipment.name, "condition": labels.get(check.condition)},
            detail=f"{used}. {check.note}".strip() if check.note else used,
            url=check.equipment.get_absolute_url(),
        )
