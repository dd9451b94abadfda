"""Every historical record django-simple-history writes becomes an audit event too.

Models opt in to history with ``history = HistoricalRecords()``; the audit trail then follows
without each service having to remember it. Same transaction: simple-history writes in post_save.

What an event holds, so that it can be read without the record it is about:

- a new record: every value it was created with (a day closed: the cash expected, counted and
  the difference), as ``[None, value]``;
- a change: what changed, as ``[old, new]``, plus the fields the model lists in
  ``audit_context_fields`` as ``[value, value]`` when they did not change (a payment: the
  amount that was paid, which the payment itself does not change).

Fields kept out of the history (``excluded_fields``, e.g. the NIK) are never read here.
"""

from django.forms.models import model_to_dict

from audit.models import AuditEvent
from audit.services import audit_record

ACTIONS = {
    "+": AuditEvent.Action.CREATE,
    "~": AuditEvent.Action.UPDATE,
    "-": AuditEvent.Action.DELETE,
}


def _jsonable(value):
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _tracked(history_instance, names=None) -> dict:
    """The record's values (related rows as their pk) of the history's editable fields."""
    fields = [
        f.name
        for f in history_instance.tracked_fields
        if f.editable and not f.primary_key and (names is None or f.name in names)
    ]
    return {k: _jsonable(v) for k, v in model_to_dict(history_instance, fields=fields).items()}


def on_historical_record(sender, instance, history_instance, **kwargs):
    changes = {}
    if history_instance.history_type == "+":
        changes = {
            field: [None, value]
            for field, value in _tracked(history_instance).items()
            if value not in (None, "")
        }
    elif history_instance.history_type == "~":
        previous = history_instance.prev_record
        if previous is not None:
            delta = history_instance.diff_against(previous)
            changes = {c.field: [_jsonable(c.old), _jsonable(c.new)] for c in delta.changes}
        context = getattr(instance, "audit_context_fields", ())
        for field, value in _tracked(history_instance, set(context)).items():
            changes.setdefault(field, [value, value])
    audit_record(
        actor=history_instance.history_user,
        action=ACTIONS[history_instance.history_type],
        obj=instance,
        changes=changes,
    )
