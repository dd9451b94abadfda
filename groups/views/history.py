"""The change history of one record: who changed what, and when (officials only).

Built on django-simple-history. Personal identity numbers are never shown: the NIK is not
even stored in the history, and any field the audit trail treats as sensitive is skipped here.
"""

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from audit.services import SENSITIVE_FIELDS
from core import formatting
from core.scoping import role_required
from groups.models import (
    Equipment,
    EquipmentCheck,
    Handover,
    IkmGroup,
    LegalDocument,
    Member,
    Product,
)
from groups.views.base import OFFICIALS

HISTORY_MODELS = {
    "ikmgroup": IkmGroup,
    "member": Member,
    "product": Product,
    "legaldocument": LegalDocument,
    "handover": Handover,
    "equipment": Equipment,
    "equipmentcheck": EquipmentCheck,
}
HIDDEN_FIELDS = SENSITIVE_FIELDS | {"id", "created_at", "updated_at"}
PAGE_SIZE = 50


def _display(field, value, names: dict) -> str:
    """The value as the audit trail shows it too (one formatter: core.formatting)."""
    kind = formatting.value_kind(field)
    return formatting.format_value(
        value,
        kind,
        choices=field.flatchoices if kind == formatting.CHOICE else None,
        related=names.get(field.related_model) if kind == formatting.RELATED else None,
    )


def _user_label(user) -> str:
    if user is None:
        return _("sistem (impor atau otomatis)")
    return user.get_full_name() or user.username


@require_GET
@role_required(*OFFICIALS)
def record_history(request, model, pk):
    model_class = HISTORY_MODELS.get(model)
    if model_class is None:
        raise Http404
    obj = get_object_or_404(model_class.objects.visible_to(request.user), pk=pk)
    meta = model_class._meta
    records = obj.history.select_related("history_user").order_by("-history_date", "-history_id")
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    page_records = list(page.object_list)
    # One record older than the page, to tell what the page's oldest entry changed.
    older = list(records[page.end_index() : page.end_index() + 1]) if page_records else []
    chain = page_records + older

    rows, fk_values = [], {}
    for index, record in enumerate(page_records):
        previous = chain[index + 1] if index + 1 < len(chain) else None
        if record.history_type == "~" and previous is not None:
            delta = record.diff_against(previous, foreign_keys_are_objs=False)
            changes = [(c.field, c.old, c.new) for c in delta.changes]
        elif record.history_type == "+":
            changes = []
            for field in meta.concrete_fields:
                value = getattr(record, field.attname, None)
                if field.name not in HIDDEN_FIELDS and value not in (None, "", False):
                    changes.append((field.name, None, value))
        else:
            changes = []
        changes = [c for c in changes if c[0] not in HIDDEN_FIELDS]
        for name, old, new in changes:
            field = meta.get_field(name)
            if isinstance(field, models.ForeignKey):
                for value in (old, new):
                    if value is not None:
                        fk_values.setdefault(field.related_model, set()).add(value)
        rows.append((record, changes))

    names = {}
    for related_model, ids in fk_values.items():
        if related_model is get_user_model():
            queryset = related_model._default_manager.all()  # who decided: a name to show
            names[related_model] = {
                pk_value: _user_label(user)
                for pk_value, user in queryset.in_bulk(list(ids)).items()
            }
        else:
            queryset = related_model._default_manager.visible_to(request.user)
            names[related_model] = {
                pk_value: str(instance)
                for pk_value, instance in queryset.in_bulk(list(ids)).items()
            }

    kinds = {"+": _("Dibuat"), "~": _("Diubah"), "-": _("Dihapus")}
    entries = []
    for record, changes in rows:
        entries.append(
            {
                "when": record.history_date,
                "who": _user_label(record.history_user),
                "kind": kinds.get(record.history_type, record.history_type),
                "type": record.history_type,
                "reason": record.history_change_reason or "",
                "changes": [
                    {
                        "label": str(meta.get_field(name).verbose_name),
                        "old": _display(meta.get_field(name), old, names)
                        if old is not None
                        else "",
                        "new": _display(meta.get_field(name), new, names),
                    }
                    for name, old, new in changes
                ],
            }
        )
    group = obj if isinstance(obj, IkmGroup) else _group_of(obj)
    return render(
        request,
        "groups/record_history.html",
        {
            "object": obj,
            "verbose_name": meta.verbose_name,
            "entries": entries,
            "page_obj": page,
            "group": group,
        },
    )


def _group_of(obj):
    if isinstance(obj, Equipment):
        return obj.handover.group
    if isinstance(obj, EquipmentCheck):
        return obj.equipment.handover.group
    return obj.group
