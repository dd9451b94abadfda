"""Writing the audit trail. Call ``audit_record`` inside the transaction of the change."""

from django.db import models

from audit.models import AuditEvent

# Never written to the trail, whatever model they sit on.
SENSITIVE_FIELDS = frozenset({"password", "nik", "session_key", "token", "secret"})
REDACTED = "[disembunyikan]"


def redact(changes: dict) -> dict:
    return {
        field: (REDACTED if field in SENSITIVE_FIELDS else value)
        for field, value in changes.items()
    }


def audit_record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    app_label: str = "",
    model: str = "",
    object_id: str = "",
    object_repr: str = "",
    changes: dict | None = None,
    note: str = "",
) -> AuditEvent:
    """Record one event about ``obj`` (or about the named model/id when there is no object)."""
    if obj is not None:
        app_label = obj._meta.app_label
        model = obj._meta.model_name
        object_id = str(obj.pk)
        object_repr = str(obj)[:200]
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        app_label=app_label,
        model=model,
        object_id=object_id,
        object_repr=object_repr,
        changes=redact(changes or {}),
        note=note[:500],
    )
