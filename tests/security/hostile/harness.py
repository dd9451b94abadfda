"""Send one hostile request and check everything the battery promises about its outcome.

Every attempt runs in a savepoint that is rolled back afterwards, so hundreds of cases share one
``world`` (fast) and never see each other's writes. The checks:

- no server error (an exception in a view fails the case with its traceback summary);
- the status is an acceptance (a redirect after the write), a refusal with a visible message
  (200 with the form's errors) or a 400 for a request Django refuses as a whole;
- no raw HTML/JS payload in the answer, nor in the page a redirect leads to;
- refused: not one row of the endpoint's models changed (values compared, not only counts);
- accepted: every new or changed row passes ``full_clean()``, its 'past' dates are not in the
  future, stored files are what they claim with a harmless name, plus the endpoint's invariant.
"""

import traceback

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from groups.validators import sniff_kind
from tests.security.hostile.values import RAW_MARKERS

# What a page shows when it refuses input (crispy-bootstrap5 field errors, non-field errors,
# the messages framework's error alerts, plain Django error lists).
ERROR_MARKERS = (b"invalid-feedback", b"alert-danger", b"errorlist", b"is-invalid")
REFUSED_AS_A_WHOLE = (400, 413)


def snapshot(labels) -> dict:
    state = {}
    for label in labels:
        model = apps.get_model(label)
        state[label] = {row["pk"]: row for row in _rows(model)}
    return state


def _rows(model):
    names = [f.attname for f in model._meta.concrete_fields]
    for row in model._base_manager.order_by("pk").values(*names):
        row["pk"] = row[model._meta.pk.attname]
        yield row


def _changed_rows(before: dict, after: dict):
    for label, rows in after.items():
        for pk, row in rows.items():
            if before[label].get(pk) != row:
                yield label, pk


def unescaped(content: bytes) -> list[str]:
    return [m for m in RAW_MARKERS if m.encode() in content]


def _check_files(instance, label) -> list[str]:
    problems = []
    for f in instance._meta.concrete_fields:
        if not isinstance(f, models.FileField):
            continue
        value = getattr(instance, f.attname)
        if not value:
            continue
        name = value.name
        if ".." in name or "<" in name or name.startswith("/") or len(name) > f.max_length:
            problems.append(f"{label}.{f.name} stored under an unsafe name {name[:80]!r}")
        with value.open("rb") as handle:
            head = handle.read(16)
        if sniff_kind(head) is None:
            problems.append(f"{label}.{f.name} stored a file that is no PDF/JPEG/PNG: {head!r}")
    return problems


def check_rows(endpoint, before, after) -> list[str]:
    problems = []
    today = timezone.localdate()
    for label, pk in _changed_rows(before, after):
        model = apps.get_model(label)
        instance = model._base_manager.get(pk=pk)
        try:
            instance.full_clean()
        except ValidationError as exc:
            problems.append(f"stored an invalid {label} #{pk}: {exc.message_dict}")
        for name in getattr(endpoint, "past_dates", ()):
            day = getattr(instance, name, None)
            if day is not None and day > today:
                problems.append(f"stored {label}.{name} in the future: {day}")
        problems += _check_files(instance, label)
        invariant = getattr(endpoint, "invariant", None)
        if invariant is not None:
            try:
                invariant(instance)
            except AssertionError as exc:
                problems.append(f"{label} #{pk} breaks the endpoint's rule: {exc}")
    return problems


def attempt(client, endpoint, url, data, case: str, *, method="post") -> list[str]:
    """Send ``data`` and check the outcome; returns the problems found (empty: all well)."""
    problems: list[str] = []
    with transaction.atomic():
        before = snapshot(endpoint.models)
        try:
            send = client.post if method == "post" else client.get
            response = send(url, data)
        except Exception as exc:  # noqa: BLE001 (any exception is the finding)
            frames = traceback.extract_tb(exc.__traceback__)
            where = next(
                (
                    f"{f.filename.split('/')[-1]}:{f.lineno}"
                    for f in reversed(frames)
                    if "/site-packages/" not in f.filename
                ),
                "?",
            )
            problems.append(f"[{case}] server error {type(exc).__name__}: {exc} (at {where})")
            transaction.set_rollback(True)
            return problems
        status = response.status_code
        content = getattr(response, "content", b"")
        if bad := unescaped(content):
            problems.append(f"[{case}] raw payload in the answer: {bad}")
        accepted = status in endpoint.accepted
        if accepted:
            if status in (301, 302) and "xss-palu" in repr(data):
                landing = client.get(response["Location"])
                if landing.status_code >= 500:
                    problems.append(f"[{case}] the page after the write: {landing.status_code}")
                if bad := unescaped(getattr(landing, "content", b"")):
                    problems.append(f"[{case}] raw payload on the page after the write: {bad}")
        elif status in getattr(endpoint, "refused", (200,)) and method == "post":
            if status == 200 and not any(marker in content for marker in ERROR_MARKERS):
                problems.append(f"[{case}] refused (200) without a visible message")
        elif status not in REFUSED_AS_A_WHOLE and not (status == 200 and method == "get"):
            problems.append(f"[{case}] unexpected status {status}")
        after = snapshot(endpoint.models)
        if accepted:
            problems += [f"[{case}] {p}" for p in check_rows(endpoint, before, after)]
        elif after != before:
            changed = sorted({label for label, _pk in _changed_rows(before, after)})
            gone = [label for label in before if set(before[label]) - set(after[label])]
            problems.append(f"[{case}] refused, yet rows changed in {changed + gone}")
        transaction.set_rollback(True)
    return problems
