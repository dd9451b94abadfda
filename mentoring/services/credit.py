"""Credit applications: recording them and moving their status, with the rules of each step.

Every function takes keyword arguments, runs in one transaction, locks the application row
before a status change (two clicks on "approve" record one decision), writes the history that
feeds the audit trail with the acting user, and raises ``ValidationError`` with a message a
user can act on when a step is not allowed. ``PermissionDenied`` when the user may not record
credit for the group at all (the views never get there: they reach rows through ``visible_to``).
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import roles
from core.formatting import format_rupiah as _rupiah
from groups.models import IkmGroup, Stage
from groups.services import group_change_stage
from mentoring.models import Bank, CreditApplication, CreditScheme

Status = CreditApplication.Status

# Which status each step starts from (the only legal transitions).
TRANSITIONS = {
    "submit": (Status.DRAFT,),
    "approve": (Status.SUBMITTED,),
    "reject": (Status.SUBMITTED,),
    "disburse": (Status.APPROVED,),
}

EDITABLE_FIELDS = frozenset({"bank", "scheme", "amount_requested", "note"})


def can_record(user, group: IkmGroup) -> bool:
    """Officials, and the mentors accompanying the group today, record its credit."""
    if roles.is_official(user):
        return True
    return roles.is_mentor(user) and IkmGroup.objects.visible_to(user).filter(pk=group.pk).exists()


def _require_recorder(user, group: IkmGroup) -> None:
    if not can_record(user, group):
        raise PermissionDenied


def _check_terms(application: CreditApplication) -> None:
    """The scheme fits the bank and the amount lies within the scheme's limits."""
    scheme, errors = application.scheme, {}
    if not scheme.is_active and application.status == Status.DRAFT:
        errors["scheme"] = _("Skema ini tidak aktif lagi; pilih skema lain.")
    elif scheme.bank_id and scheme.bank_id != application.bank_id:
        errors["scheme"] = _("Skema %(scheme)s hanya ditawarkan oleh %(bank)s.") % {
            "scheme": scheme.name,
            "bank": scheme.bank.name,
        }
    amount = application.amount_requested
    if amount is not None and not (scheme.min_amount <= amount <= scheme.max_amount):
        errors["amount_requested"] = _(
            "Jumlah untuk %(scheme)s harus antara %(low)s dan %(high)s."
        ) % {
            "scheme": scheme.name,
            "low": _rupiah(scheme.min_amount),
            "high": _rupiah(scheme.max_amount),
        }
    if errors:
        raise ValidationError(errors)


def _check_day(day: dt.date | None, field: str, *, not_before: dt.date | None, before_label: str):
    if day is None:
        raise ValidationError({field: _("Isi tanggalnya.")})
    if day > timezone.localdate():
        raise ValidationError({field: _("Tanggal tidak boleh di masa depan.")})
    if not_before is not None and day < not_before:
        raise ValidationError(
            {
                field: _("Tanggal tidak boleh sebelum %(label)s (%(day)s).")
                % {"label": before_label, "day": not_before.strftime("%d-%m-%Y")}
            }
        )


def _lock(application: CreditApplication, step: str) -> CreditApplication:
    """The application, locked, if ``step`` is allowed from its current status."""
    locked = (
        CreditApplication.objects.select_for_update()
        .select_related("group", "bank", "scheme")
        .get(pk=application.pk)
    )
    if locked.status not in TRANSITIONS[step]:
        raise ValidationError(refusal(locked, step))
    return locked


def refusal(application: CreditApplication, step: str) -> str:
    """Why ``step`` is not possible for an application in its current status."""
    current = application.get_status_display()
    messages = {
        "submit": _("Pengajuan berstatus %(status)s tidak dapat diajukan lagi; hanya draf."),
        "approve": _(
            "Pengajuan berstatus %(status)s tidak dapat disetujui; hanya pengajuan berstatus "
            "Diajukan."
        ),
        "reject": _(
            "Pengajuan berstatus %(status)s tidak dapat ditolak; hanya pengajuan berstatus "
            "Diajukan."
        ),
        "disburse": _(
            "Pengajuan berstatus %(status)s tidak dapat dicairkan; hanya pengajuan yang "
            "sudah disetujui."
        ),
        "update": _("Pengajuan berstatus %(status)s tidak dapat diubah lagi; hanya draf."),
    }
    return messages[step] % {"status": current}


def allowed_steps(application: CreditApplication) -> list[str]:
    return [step for step, sources in TRANSITIONS.items() if application.status in sources]


def _save(application: CreditApplication, user) -> CreditApplication:
    application.full_clean()
    application._history_user = user  # the audit trail names who recorded the step
    application.save()
    return application


@transaction.atomic
def credit_application_create(
    *,
    user,
    group: IkmGroup,
    bank: Bank,
    scheme: CreditScheme,
    amount_requested: Decimal,
    note: str = "",
) -> CreditApplication:
    """Record a draft application of a group (by its mentor or an official)."""
    _require_recorder(user, group)
    if not group.is_active:
        raise ValidationError(
            _("Kelompok %(code)s sudah nonaktif; aktifkan dulu sebelum menambah data.")
            % {"code": group.code}
        )
    application = CreditApplication(
        group=group,
        bank=bank,
        scheme=scheme,
        amount_requested=amount_requested,
        note=note,
        recorded_by=user,
    )
    _check_terms(application)
    return _save(application, user)


@transaction.atomic
def credit_application_update(
    *, user, application: CreditApplication, **fields
) -> CreditApplication:
    """Correct a draft (bank, scheme, amount, note); submitted applications are fixed."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"not writable here: {sorted(unknown)}")
    _require_recorder(user, application.group)
    locked = CreditApplication.objects.select_for_update().get(pk=application.pk)
    if locked.status != Status.DRAFT:
        raise ValidationError(refusal(locked, "update"))
    for name, value in fields.items():
        setattr(locked, name, value)
    _check_terms(locked)
    return _save(locked, user)


@transaction.atomic
def credit_application_submit(
    *, user, application: CreditApplication, submitted_on: dt.date | None = None
) -> CreditApplication:
    """Draft → submitted: the group handed the application to the bank on ``submitted_on``."""
    _require_recorder(user, application.group)
    locked = _lock(application, "submit")
    submitted_on = submitted_on or timezone.localdate()
    _check_day(submitted_on, "submitted_on", not_before=None, before_label="")
    _check_terms(locked)
    locked.status = Status.SUBMITTED
    locked.submitted_on = submitted_on
    return _save(locked, user)


@transaction.atomic
def credit_application_approve(
    *,
    user,
    application: CreditApplication,
    amount_approved: Decimal,
    decided_on: dt.date | None = None,
    note: str = "",
) -> CreditApplication:
    """Submitted → approved, for at most the amount asked. The group becomes mandiri."""
    _require_recorder(user, application.group)
    locked = _lock(application, "approve")
    decided_on = decided_on or timezone.localdate()
    _check_day(
        decided_on, "decided_on", not_before=locked.submitted_on, before_label=_("tanggal diajukan")
    )
    if amount_approved is None or amount_approved <= 0:
        raise ValidationError({"amount_approved": _("Isi jumlah yang disetujui bank.")})
    if amount_approved > locked.amount_requested:
        raise ValidationError(
            {
                "amount_approved": _(
                    "Jumlah disetujui tidak boleh melebihi jumlah diajukan (%(amount)s)."
                )
                % {"amount": _rupiah(locked.amount_requested)}
            }
        )
    locked.status = Status.APPROVED
    locked.amount_approved = amount_approved
    locked.decided_on = decided_on
    if note:
        locked.note = note
    _save(locked, user)
    _make_mandiri(locked, user, decided_on)
    return locked


@transaction.atomic
def credit_application_reject(
    *, user, application: CreditApplication, decided_on: dt.date | None = None, note: str = ""
) -> CreditApplication:
    """Submitted → rejected; the reason the bank gave is required (it is what the group fixes)."""
    _require_recorder(user, application.group)
    locked = _lock(application, "reject")
    decided_on = decided_on or timezone.localdate()
    _check_day(
        decided_on, "decided_on", not_before=locked.submitted_on, before_label=_("tanggal diajukan")
    )
    if not note or not note.strip():
        raise ValidationError({"note": _("Tuliskan alasan penolakan dari bank.")})
    locked.status = Status.REJECTED
    locked.decided_on = decided_on
    locked.note = note.strip()
    return _save(locked, user)


@transaction.atomic
def credit_application_disburse(
    *, user, application: CreditApplication, disbursed_on: dt.date | None = None
) -> CreditApplication:
    """Approved → disbursed: the money reached the group (mandiri, if not yet)."""
    _require_recorder(user, application.group)
    locked = _lock(application, "disburse")
    disbursed_on = disbursed_on or timezone.localdate()
    _check_day(
        disbursed_on,
        "disbursed_on",
        not_before=locked.decided_on,
        before_label=_("tanggal keputusan"),
    )
    locked.status = Status.DISBURSED
    locked.disbursed_on = disbursed_on
    _save(locked, user)
    _make_mandiri(locked, user, disbursed_on)
    return locked


def _make_mandiri(application: CreditApplication, user, day: dt.date) -> None:
    """Record the roadmap step to mandiri that a granted application proves (once)."""
    group = IkmGroup.objects.select_for_update().get(pk=application.group_id)
    if group.stage == Stage.MANDIRI:
        return
    group_change_stage(
        group=group,
        to_stage=Stage.MANDIRI,
        # The step cannot predate the current stage; a late record is dated when it can be.
        changed_on=max(day, group.stage_since),
        reason=_("Kredit %(scheme)s dari %(bank)s disetujui (%(amount)s)")
        % {
            "scheme": application.scheme.name,
            "bank": application.bank.name,
            "amount": _rupiah(application.amount_approved),
        },
        decided_by=user,
        automatic=True,
    )
