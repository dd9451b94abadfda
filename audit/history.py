"""Every historical record django-simple-history writes becomes an audit event too.

Models opt in to history with ``history = HistoricalRecords()``; the audit trail then follows
without each service having to remember it. Same transaction: simple-history writes in post_save.
"""

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


def on_historical_record(sender, instance, history_instance, **kwargs):
    changes = {}
    if history_instance.history_type == "~":
        previous = history_instance.prev_record
        if previous is not None:
            delta = history_instance.diff_against(previous)
            changes = {c.field: [_jsonable(c.old), _jsonable(c.new)] for c in delta.changes}
    audit_record(
        actor=history_instance.history_user,
        action=ACTIONS[history_instance.history_type],
        obj=instance,
        changes=changes,
    )
