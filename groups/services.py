"""Writes on the groups registry that carry rules.

Every function here takes keyword arguments, runs in one transaction, validates the row with
``full_clean()`` and raises ``ValidationError`` (or ``PermissionDenied``) instead of saving bad
data. Views, imports and the demo loader all write through these functions.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groups.models import (
    CHECK_INTERVAL_DAYS,
    Equipment,
    EquipmentCheck,
    Handover,
    IkmGroup,
    LegalDocument,
    Member,
    Position,
    Product,
    Stage,
    StageChange,
)

GROUP_FIELDS = frozenset(
    {
        "code",
        "name",
        "theme",
        "kelurahan",
        "address",
        "formed_on",
        "phone",
        "email",
        "bank_name",
        "bank_account_number",
        "bank_account_holder",
        "notes",
    }
)
MEMBER_FIELDS = frozenset({"name", "nik", "sex", "birth_year", "position", "phone", "joined_on"})
PRODUCT_FIELDS = frozenset(
    {"name", "unit", "base_price", "pirt_number", "halal_number", "is_active"}
)
DOCUMENT_FIELDS = frozenset({"kind", "number", "issued_on", "expires_on", "scan"})
HANDOVER_FIELDS = frozenset(
    {"number", "handed_over_on", "budget_source", "budget_year", "received_by", "scan", "note"}
)
EQUIPMENT_FIELDS = frozenset(
    {
        "name",
        "category",
        "brand_model",
        "serial_number",
        "value",
        "quantity",
        "requested",
        "delivered",
        "mismatch",
        "mismatch_note",
        "is_active",
    }
)


def _apply(obj, fields: dict, allowed: frozenset) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"not writable here: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(obj, name, value)


def _save(obj):
    """Validate (fields, uniqueness, constraints) and save; a race on a constraint is a message."""
    obj.full_clean()
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:  # a concurrent write won the race the check above looked at
        raise ValidationError(
            _(
                "Data ini bentrok dengan data yang baru saja disimpan orang lain. "
                "Muat ulang dan coba lagi."
            )
        ) from exc
    return obj


def _require_active_group(group: IkmGroup) -> None:
    if not group.is_active:
        raise ValidationError(
            _("Kelompok %(code)s sudah nonaktif; aktifkan dulu sebelum menambah data.")
            % {"code": group.code}
        )


# --- groups and roadmap --------------------------------------------------------------------------


@transaction.atomic
def group_create(*, decided_by=None, **fields) -> IkmGroup:
    """Register a group. Its roadmap starts at 'formed' on the day it was formed, recorded."""
    group = IkmGroup()
    _apply(group, fields, GROUP_FIELDS)
    group.stage = Stage.FORMED
    group.stage_since = group.formed_on
    _save(group)
    StageChange.objects.create(
        group=group,
        from_stage="",
        to_stage=Stage.FORMED,
        changed_on=group.formed_on,
        reason=_("Kelompok terbentuk"),
        decided_by=decided_by,
    )
    return group


@transaction.atomic
def group_update(*, group: IkmGroup, **fields) -> IkmGroup:
    """Correct a group's facts. The stage moves only through ``group_change_stage``.

    The formation date may move as long as it stays before the first roadmap step; the
    'formed' record of the history moves with it.
    """
    _apply(group, fields, GROUP_FIELDS)
    steps = group.stage_changes.exclude(from_stage="")
    first_step = steps.order_by("changed_on", "id").first()
    if group.formed_on and first_step is not None and group.formed_on > first_step.changed_on:
        raise ValidationError(
            {
                "formed_on": _(
                    "Tanggal terbentuk tidak boleh sesudah perubahan tahap pertama (%(day)s)."
                )
                % {"day": first_step.changed_on.strftime("%d-%m-%Y")}
            }
        )
    if group.formed_on and first_step is None:
        group.stage_since = group.formed_on
    _save(group)
    group.stage_changes.filter(from_stage="", to_stage=Stage.FORMED).update(
        changed_on=group.formed_on
    )
    return group


@transaction.atomic
def group_set_active(*, group: IkmGroup, active: bool) -> IkmGroup:
    """Deactivate a group (nothing is deleted; its records stay) or bring it back."""
    group.is_active = active
    return _save(group)


# Mandiri means a bank trusted the group. The proof lives in a higher app (mentoring's credit
# applications), which registers its check here in its AppConfig.ready: groups imports no
# other domain app.
_mandiri_evidence: list = []


def register_mandiri_evidence(check) -> None:
    """``check(group) -> bool``: True when the records prove a bank trusted the group."""
    if check not in _mandiri_evidence:
        _mandiri_evidence.append(check)


def _has_granted_credit(group: IkmGroup) -> bool:
    return any(check(group) for check in _mandiri_evidence)


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
    if to_stage == Stage.MANDIRI and not automatic and not _has_granted_credit(group):
        raise ValidationError(
            {
                "to_stage": _(
                    "Kelompok menjadi mandiri saat bank menyetujui atau mencairkan kreditnya: "
                    "catat pengajuan kreditnya dulu, tahap ini lalu berubah dengan sendirinya."
                )
            }
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


# --- members ------------------------------------------------------------------------------------


def _check_member(member: Member) -> None:
    """Rules across rows: one active chair per group; the NIK once among active members."""
    others = Member.objects.active().exclude(pk=member.pk)
    if member.left_on is None and member.nik:
        clash = others.filter(nik=member.nik).select_related("group").first()
        if clash is not None:
            raise ValidationError(
                {
                    "nik": _(
                        "NIK ini sudah terdaftar pada anggota aktif %(name)s (kelompok %(code)s)."
                    )
                    % {"name": clash.name, "code": clash.group.code}
                }
            )
    if member.left_on is None and member.position == Position.CHAIR:
        chair = others.filter(group_id=member.group_id, position=Position.CHAIR).first()
        if chair is not None:
            raise ValidationError(
                {
                    "position": _(
                        "Kelompok ini sudah punya ketua aktif (%(name)s). Ubah dulu jabatan "
                        "ketua lama."
                    )
                    % {"name": chair.name}
                }
            )


@transaction.atomic
def member_create(*, group: IkmGroup, **fields) -> Member:
    """Add a person to a group (the group comes from the page, never from the form)."""
    _require_active_group(group)
    member = Member(group=group)
    _apply(member, fields, MEMBER_FIELDS)
    _check_member(member)
    return _save(member)


@transaction.atomic
def member_update(*, member: Member, **fields) -> Member:
    """Correct a member's data. Moving to another group is leaving one and joining the other."""
    _apply(member, fields, MEMBER_FIELDS)
    _check_member(member)
    return _save(member)


@transaction.atomic
def member_leave(*, member: Member, left_on: dt.date) -> Member:
    """A member leaves the group: kept with the date they left, never deleted."""
    if member.left_on is not None:
        raise ValidationError(_("Anggota ini sudah keluar."))
    if left_on > timezone.localdate():
        raise ValidationError({"left_on": _("Tanggal keluar tidak boleh di masa depan.")})
    if left_on < member.joined_on:
        raise ValidationError(
            {"left_on": _("Tanggal keluar tidak boleh sebelum tanggal bergabung.")}
        )
    member.left_on = left_on
    return _save(member)


# --- products and documents ---------------------------------------------------------------------


def _check_product_name(product: Product) -> None:
    clash = (
        Product.objects.filter(group_id=product.group_id, name__iexact=product.name)
        .exclude(pk=product.pk)
        .exists()
    )
    if clash:
        raise ValidationError({"name": _("Kelompok ini sudah punya produk dengan nama ini.")})


@transaction.atomic
def product_create(*, group: IkmGroup, **fields) -> Product:
    _require_active_group(group)
    product = Product(group=group)
    _apply(product, fields, PRODUCT_FIELDS)
    _check_product_name(product)
    return _save(product)


@transaction.atomic
def product_update(*, product: Product, **fields) -> Product:
    _apply(product, fields, PRODUCT_FIELDS)
    _check_product_name(product)
    return _save(product)


@transaction.atomic
def document_create(*, group: IkmGroup, **fields) -> LegalDocument:
    """Record a legal paper of a group (a renewal is a new row; the old one stays)."""
    document = LegalDocument(group=group)
    _apply(document, fields, DOCUMENT_FIELDS)
    return _save(document)


@transaction.atomic
def document_update(*, document: LegalDocument, **fields) -> LegalDocument:
    if fields.get("scan") is None:
        fields.pop("scan", None)  # no new upload: keep the stored scan
    _apply(document, fields, DOCUMENT_FIELDS)
    return _save(document)


# --- equipment ----------------------------------------------------------------------------------


@transaction.atomic
def handover_create(*, group: IkmGroup, **fields) -> Handover:
    """Record a BAST: the city handed equipment to the group (items are added to it)."""
    _require_active_group(group)
    handover = Handover(group=group)
    _apply(handover, fields, HANDOVER_FIELDS)
    if handover.handed_over_on and handover.handed_over_on > timezone.localdate():
        raise ValidationError(
            {"handed_over_on": _("Tanggal serah terima tidak boleh di masa depan.")}
        )
    return _save(handover)


@transaction.atomic
def handover_update(*, handover: Handover, **fields) -> Handover:
    if fields.get("scan") is None:
        fields.pop("scan", None)
    _apply(handover, fields, HANDOVER_FIELDS)
    if handover.handed_over_on and handover.handed_over_on > timezone.localdate():
        raise ValidationError(
            {"handed_over_on": _("Tanggal serah terima tidak boleh di masa depan.")}
        )
    return _save(handover)


def _check_mismatch(item: Equipment) -> None:
    if item.mismatch and not (item.mismatch_note or "").strip():
        raise ValidationError(
            {"mismatch_note": _("Jelaskan apa yang tidak sesuai dengan permintaan kelompok.")}
        )


@transaction.atomic
def equipment_create(*, handover: Handover, **fields) -> Equipment:
    """Add an item to a BAST. It starts in good condition, in use, due for a check in 6 months."""
    item = Equipment(handover=handover)
    _apply(item, fields, EQUIPMENT_FIELDS)
    _check_mismatch(item)
    item.next_check_due = handover.handed_over_on + dt.timedelta(days=CHECK_INTERVAL_DAYS)
    return _save(item)


@transaction.atomic
def equipment_update(*, equipment: Equipment, **fields) -> Equipment:
    _apply(equipment, fields, EQUIPMENT_FIELDS)
    _check_mismatch(equipment)
    return _save(equipment)


@transaction.atomic
def equipment_check_record(
    *,
    equipment: Equipment,
    checked_on: dt.date,
    condition: str,
    in_use: bool,
    next_check_due: dt.date | None = None,
    note: str = "",
    photo=None,
    checked_by=None,
) -> EquipmentCheck:
    """Record an inspection; the item's condition and next due date follow the latest one."""
    equipment = Equipment.objects.select_for_update().get(pk=equipment.pk)
    if checked_on > timezone.localdate():
        raise ValidationError({"checked_on": _("Tanggal pemeriksaan tidak boleh di masa depan.")})
    handed_over_on = equipment.handover.handed_over_on
    if checked_on < handed_over_on:
        raise ValidationError(
            {"checked_on": _("Tanggal pemeriksaan tidak boleh sebelum serah terima barang.")}
        )
    check = EquipmentCheck(
        equipment=equipment,
        checked_on=checked_on,
        condition=condition,
        in_use=in_use,
        note=note,
        next_check_due=next_check_due or checked_on + dt.timedelta(days=CHECK_INTERVAL_DAYS),
        checked_by=checked_by,
    )
    if photo:
        check.photo = photo
    _save(check)
    latest = equipment.last_checked_on
    if latest is None or checked_on >= latest:
        equipment.condition = condition
        equipment.in_use = in_use
        equipment.last_checked_on = checked_on
        equipment.next_check_due = check.next_check_due
        equipment.save(update_fields=["condition", "in_use", "last_checked_on", "next_check_due"])
    return check
