"""Writes on monthly bookkeeping reports: enter, correct and verify (the group's mentor)."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import roles
from groups.models import IkmGroup
from mentoring.models import BookkeepingReport

REPORT_FIELDS = frozenset(
    {
        "revenue",
        "cost_of_goods",
        "operating_costs",
        "cash",
        "receivables",
        "inventory",
        "payables",
        "keeps_cash_book",
        "keeps_sales_book",
        "keeps_purchase_book",
        "keeps_stock_book",
        "separates_household_money",
        "method",
        "note",
    }
)


def _require_mentor_of(user, group: IkmGroup) -> None:
    """Only a mentor with an active assignment to the group enters or verifies its books."""
    if not roles.is_mentor(user):
        raise PermissionDenied
    if not IkmGroup.objects.visible_to(user).filter(pk=group.pk).exists():
        raise PermissionDenied


def _check_month(month: dt.date) -> None:
    if month.day != 1:
        raise ValidationError({"month": _("Bulan laporan harus tanggal 1.")})
    today = timezone.localdate()
    if month > today.replace(day=1):
        raise ValidationError({"month": _("Laporan untuk bulan yang belum berjalan belum bisa.")})


def _save(report: BookkeepingReport) -> BookkeepingReport:
    report.compute()
    report.full_clean()
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        # Two people saving the same month at once: the constraint decides, the user reads why.
        raise ValidationError(
            {"month": _("Kelompok ini sudah punya laporan untuk bulan itu.")}
        ) from None
    return report


def _apply(report: BookkeepingReport, fields: dict) -> None:
    unknown = set(fields) - REPORT_FIELDS
    if unknown:
        raise ValueError(f"not writable here: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(report, name, value)


@transaction.atomic
def report_create(
    *, group: IkmGroup, month: dt.date, user, verify: bool = False, **fields
) -> BookkeepingReport:
    """Enter a group's month; ``verify`` when the mentor has checked the books themselves."""
    _require_mentor_of(user, group)
    _check_month(month)
    report = BookkeepingReport(group=group, month=month, entered_by=user)
    _apply(report, fields)
    if verify:
        report.verified_by, report.verified_at = user, timezone.now()
    return _save(report)


@transaction.atomic
def report_update(
    *, report: BookkeepingReport, user, verify: bool = False, **fields
) -> BookkeepingReport:
    """Correct a month's figures. Changed figures need a new verification."""
    report = BookkeepingReport.objects.select_for_update().get(pk=report.pk)
    _require_mentor_of(user, report.group)
    before = {name: getattr(report, name) for name in fields}
    _apply(report, fields)
    changed = any(before[name] != getattr(report, name) for name in fields)
    if verify:
        report.verified_by, report.verified_at = user, timezone.now()
    elif changed:
        report.verified_by = report.verified_at = None
    return _save(report)


@transaction.atomic
def report_verify(*, report: BookkeepingReport, user) -> BookkeepingReport:
    """The group's mentor confirms the month's figures against the group's books."""
    report = BookkeepingReport.objects.select_for_update().get(pk=report.pk)
    _require_mentor_of(user, report.group)
    if report.is_verified:
        raise ValidationError(_("Laporan ini sudah diverifikasi."))
    report.verified_by, report.verified_at = user, timezone.now()
    report.save(update_fields=["verified_by", "verified_at", "updated_at"])
    return report
