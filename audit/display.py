"""How the audit page reads: each event's data type, and each recorded field's label and value.

The trail stores what happened in plain JSON (``AuditEvent.changes``: ``{"field": [old, new]}``,
dates as ISO text, related rows as their pk). Showing that raw ("ditinjau oleh: 2",
"2026-12-06 21:52:07.075819+00:00", "status: due") helps nobody, so every value is read by the
kind of its field (``core.formatting.format_value``): a date-time in Palu's time, a date, a
person's name, a related record's name, an amount in Rupiah, a choice's label, a summary of a
dict. The kind comes from the model field of that name; what is not a model field (an
account's scope, a report export) is described by the app that records it, through
``register_keys`` and ``register_target`` in its ``AppConfig.ready``. The audit app imports no
other app; it reads models by label from the registry, as the trail names them.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst

from core import formatting, roles

DICT = "dict"
ROLE = "role"


@dataclass(frozen=True)
class Key:
    """How a recorded key reads when it is not a model field, or reads unlike its field.

    ``label`` None keeps the model field's own label, ``kind`` None the field's kind; a kind is
    one of core.formatting's, or ``DICT`` (a summary "label: value; …" of a dict whose keys are
    described by the same registration) or ``ROLE`` (a role's name).
    """

    label: object = None
    kind: str | None = None


_targets: dict[tuple[str, str], object] = {}
_keys: dict[tuple[str, str], dict[str, Key]] = defaultdict(dict)
_former_app_labels: dict[str, str] = {}


def register_target(app_label: str, model: str, label) -> None:
    """Name a data type the trail records that is not a model (e.g. a report export)."""
    _targets[(app_label, model)] = label


def register_keys(app_label: str, model: str, keys: dict[str, Key]) -> None:
    _keys[(app_label, model)].update(keys)


def register_former_app_label(former: str, current: str) -> None:
    """Events written before an app was renamed keep the old label: read them as the new one."""
    _former_app_labels[former] = current


def current_app_label(app_label: str) -> str:
    return _former_app_labels.get(app_label, app_label)


def app_labels_of(app_label: str) -> list[str]:
    """The label and every former label of an app (what a filter on it must match)."""
    return [app_label, *sorted(f for f, c in _former_app_labels.items() if c == app_label)]


def _model(app_label: str, model: str):
    try:
        return apps.get_model(current_app_label(app_label), model)
    except LookupError:
        return None


def target_label(app_label: str, model: str) -> str:
    """The data type's name, or ``app.model`` for one nobody describes any more."""
    app_label = current_app_label(app_label)
    if (app_label, model) in _targets:
        return capfirst(str(_targets[(app_label, model)]))
    model_class = _model(app_label, model)
    if model_class is None:
        return f"{app_label}.{model}"
    return capfirst(str(model_class._meta.verbose_name))


@dataclass(frozen=True)
class _Reader:
    """How one recorded key of one data type reads."""

    label: str
    kind: str
    position: int
    choices: tuple = ()
    related_model: object = None


_NOT_A_FIELD = 10_000  # keys that are not model fields come after the fields, by name


def _reader(app_label: str, model: str, key: str, value) -> _Reader:
    registered = _keys.get((current_app_label(app_label), model), {}).get(key, Key())
    model_class = _model(app_label, model)
    field = None
    if model_class is not None:
        try:
            field = model_class._meta.get_field(key)
        except FieldDoesNotExist:
            field = None
    if field is not None and not field.concrete:
        # Many-to-many and reverse relations are not what a key of that name holds (an
        # account's "groups" are IKM group codes, not auth groups).
        field = None
    if registered.kind is not None:
        kind = registered.kind
    else:
        kind = formatting.value_kind(field) if field is not None else _kind_of_value(value)
    label = registered.label
    if label is None:
        label = field.verbose_name if field is not None else key
    return _Reader(
        label=str(label),
        kind=kind,
        position=_position(model_class, field),
        choices=tuple(field.flatchoices) if field is not None and kind == formatting.CHOICE else (),
        related_model=field.related_model
        if field is not None and kind == formatting.RELATED
        else None,
    )


def _position(model_class, field) -> int:
    if model_class is None or field is None:
        return _NOT_A_FIELD
    fields = model_class._meta.concrete_fields
    return next((i for i, f in enumerate(fields) if f.name == field.name), _NOT_A_FIELD)


def _kind_of_value(value) -> str:
    if isinstance(value, dict):
        return DICT
    if isinstance(value, list):
        return formatting.LIST
    if isinstance(value, bool):
        return formatting.BOOL
    return formatting.TEXT


def _pair(value) -> tuple:
    """(old, new) of a recorded change; a lone value is what the record held."""
    if isinstance(value, list) and len(value) == 2:
        return value[0], value[1]
    return None, value


def _person(user) -> str:
    return user.get_full_name() or user.username


def _names(wanted: dict, user) -> dict:
    """One query per related data type on the page: pk -> name."""
    names = {}
    user_model = get_user_model()
    for model_class, pks in wanted.items():
        manager = model_class._default_manager
        if model_class is user_model:
            rows = manager.filter(pk__in=pks)  # who acted or decided: a name to show
            names[model_class] = {u.pk: _person(u) for u in rows}
            continue
        rows = manager.visible_to(user) if hasattr(manager, "visible_to") else manager.all()
        # select_related(): names of records that name their parent (an assignment, a
        # training run) in one query too.
        rows = rows.select_related().filter(pk__in=pks)
        names[model_class] = {obj.pk: str(obj) for obj in rows}
    return names


def _as_pk(value):
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def rows(events, user) -> list[dict]:
    """What the page shows of each event: its data type and its changes, readable.

    Each change is ``{"field", "old", "new"}``; ``old`` is None when there is no "before" to
    show (a new record, or a value recorded for context that did not change).
    """
    readers = {}
    wanted = defaultdict(set)
    for event in events:
        for key, value in event.changes.items():
            reader = _reader(event.app_label, event.model, key, _pair(value)[1])
            readers[(event.pk, key)] = reader
            if reader.related_model is not None:
                for part in _pair(value):
                    pk = _as_pk(part)
                    if pk is not None:
                        wanted[reader.related_model].add(pk)
    names = _names(wanted, user) if wanted else {}
    result = []
    for event in events:
        changes = []
        recorded = [(readers[(event.pk, key)], key, value) for key, value in event.changes.items()]
        recorded.sort(key=lambda item: (item[0].position, item[1]))  # in the model's order
        for reader, _key, value in recorded:
            old, new = _pair(value)
            shown_new = _format(reader, new, names, event)
            shown_old = None
            if old is not None and old != new:
                shown_old = _format(reader, old, names, event)
            changes.append({"field": reader.label, "old": shown_old, "new": shown_new})
        result.append(
            {
                "event": event,
                "target": target_label(event.app_label, event.model),
                "changes": changes,
            }
        )
    return result


def _format(reader: _Reader, value, names: dict, event) -> str:
    if reader.kind == DICT:
        return _summary(value, event)
    if reader.kind == ROLE:
        return _role(value)
    return formatting.format_value(
        value,
        reader.kind,
        choices=reader.choices,
        related=names.get(reader.related_model, {}),
    )


def _role(value) -> str:
    if not value:
        return formatting.EMPTY
    return str(roles.LABELS.get(value, value))


def _summary(value, event) -> str:
    """A dict as "label: value; …", its empty entries left out."""
    if not isinstance(value, dict):
        return formatting.format_value(value, _kind_of_value(value))
    # In the order the keys were registered, then the others by name: PostgreSQL's jsonb keeps
    # no key order (it sorts keys by length), so the stored order is not the written one.
    declared = list(_keys.get((current_app_label(event.app_label), event.model), {}))
    ordered = sorted(
        value.items(),
        key=lambda pair: (
            (declared.index(pair[0]), "") if pair[0] in declared else (len(declared), pair[0])
        ),
    )
    parts = []
    for key, item in ordered:
        if item in (None, "", [], {}):
            continue
        reader = _reader(event.app_label, event.model, key, item)
        if reader.kind == ROLE:
            shown = _role(item)
        elif reader.kind in (DICT, formatting.RELATED):
            shown = formatting.format_value(item, _kind_of_value(item))
        else:
            shown = formatting.format_value(item, reader.kind, choices=reader.choices)
        parts.append(f"{capfirst(reader.label)}: {shown}")
    return "; ".join(parts) or formatting.EMPTY
