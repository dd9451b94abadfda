"""Writes with rules for banks, the bank answering for each theme, and mentor assignments."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core import roles
from groups.models import IkmGroup, Theme
from mentoring.models import Bank, BankTheme, MentorAssignment


@transaction.atomic
def assignment_start(
    *, mentor, group: IkmGroup, bank: Bank, starts_on: dt.date | None = None
) -> MentorAssignment:
    """Assign a bank mentor to a group from a day on; their access starts that day."""
    if not roles.is_mentor(mentor):
        raise ValidationError({"mentor": _("Pengguna ini bukan pendamping bank.")})
    starts_on = starts_on or timezone.localdate()
    overlapping = MentorAssignment.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on), mentor=mentor, group=group
    )
    if overlapping.exists():
        raise ValidationError(
            {"group": _("Pendamping ini sudah ditugaskan ke kelompok tersebut pada periode itu.")}
        )
    assignment = MentorAssignment(mentor=mentor, group=group, bank=bank, starts_on=starts_on)
    assignment.full_clean()
    assignment.save()
    return assignment


@transaction.atomic
def assignment_end(*, assignment: MentorAssignment, ends_on: dt.date | None = None):
    """End an assignment; the mentor loses access to the group after ``ends_on``."""
    ends_on = ends_on or timezone.localdate()
    assignment = MentorAssignment.objects.select_for_update().get(pk=assignment.pk)
    if ends_on < assignment.starts_on:
        raise ValidationError({"ends_on": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")})
    assignment.ends_on = ends_on
    assignment.full_clean()
    assignment.save(update_fields=["ends_on"])
    return assignment


@transaction.atomic
def bank_create(*, code: str, name: str, is_active: bool = True) -> Bank:
    """Register a partner bank."""
    bank = Bank(code=code.strip().upper(), name=name.strip(), is_active=is_active)
    bank.full_clean()
    bank.save()
    return bank


@transaction.atomic
def bank_update(*, bank: Bank, **fields) -> Bank:
    """Correct a bank's code or name, or (de)activate it; its assignments stay as they are."""
    for name, value in fields.items():
        setattr(bank, name, value.strip() if isinstance(value, str) else value)
    bank.code = bank.code.upper()
    bank.full_clean()
    bank.save()
    return bank


@transaction.atomic
def bank_theme_start(*, bank: Bank, theme: Theme, starts_on: dt.date | None = None) -> BankTheme:
    """A bank takes charge of a theme from a day on; one bank per theme on any day."""
    starts_on = starts_on or timezone.localdate()
    if not bank.is_active:
        raise ValidationError({"bank": _("Bank ini tidak aktif.")})
    # Lock the theme's links so that two officials cannot give it to two banks at once.
    links = BankTheme.objects.select_for_update().filter(theme=theme)
    clash = (
        links.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on))
        .select_related("bank")
        .first()
    )
    if clash is not None:
        raise ValidationError(
            {
                "theme": _(
                    "Tema ini sudah dipegang %(bank)s sejak %(day)s. Akhiri dulu tugas bank itu."
                )
                % {"bank": clash.bank.name, "day": clash.starts_on.strftime("%d-%m-%Y")}
            }
        )
    link = BankTheme(bank=bank, theme=theme, starts_on=starts_on)
    link.full_clean()
    link.save()
    return link


@transaction.atomic
def bank_theme_end(*, link: BankTheme, ends_on: dt.date | None = None) -> BankTheme:
    """The bank no longer answers for the theme after ``ends_on``."""
    ends_on = ends_on or timezone.localdate()
    link = BankTheme.objects.select_for_update().get(pk=link.pk)
    if ends_on < link.starts_on:
        raise ValidationError({"ends_on": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")})
    link.ends_on = ends_on
    link.full_clean()
    link.save(update_fields=["ends_on"])
    return link


def default_bank_for(group: IkmGroup, day: dt.date | None = None) -> Bank | None:
    """The bank that answers for the group's theme on ``day``, if one does."""
    link = (
        BankTheme.objects.active_on(day)
        .filter(theme_id=group.theme_id, bank__is_active=True)
        .select_related("bank")
        .order_by("-starts_on")
        .first()
    )
    return link.bank if link else None


@transaction.atomic
def assignment_create(
    *, mentor, group: IkmGroup, bank: Bank | None = None, starts_on: dt.date | None = None
) -> MentorAssignment:
    """Assign a mentor to a group; without a bank, the bank of the group's theme is used.

    A mentor whose account names a bank can only accompany groups for that bank.
    """
    starts_on = starts_on or timezone.localdate()
    bank = bank or default_bank_for(group, starts_on)
    if bank is None:
        raise ValidationError({"bank": _("Tema kelompok ini belum punya bank. Pilih banknya.")})
    if not bank.is_active:
        raise ValidationError({"bank": _("Bank ini tidak aktif.")})
    profile = getattr(mentor, "profile", None)
    if profile is not None and profile.bank_id and profile.bank_id != bank.pk:
        raise ValidationError(
            {
                "bank": _("%(name)s adalah pendamping dari %(bank)s.")
                % {"name": mentor.get_full_name() or mentor.username, "bank": profile.bank}
            }
        )
    return assignment_start(mentor=mentor, group=group, bank=bank, starts_on=starts_on)


@transaction.atomic
def assignment_stop(
    *, assignment: MentorAssignment, last_day: dt.date | None = None
) -> MentorAssignment | None:
    """End an assignment; the mentor keeps access through ``last_day`` (default: yesterday).

    So the default ends the mentor's access at once. An assignment that has not yet given a
    single past day of access (it starts today or later) and is ended before it starts is
    withdrawn instead: the row goes, its history (and the audit trail) keeps it. Returns the
    ended assignment, or None when it was withdrawn.
    """
    today = timezone.localdate()
    last_day = last_day or today - dt.timedelta(days=1)
    assignment = MentorAssignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.ends_on is not None and assignment.ends_on < today:
        raise ValidationError(_("Penugasan ini sudah berakhir."))
    if last_day < assignment.starts_on:
        if assignment.starts_on >= today:
            assignment.delete()
            return None
        raise ValidationError(
            {
                "last_day": _("Hari terakhir tidak boleh sebelum penugasan dimulai (%(day)s).")
                % {"day": assignment.starts_on.strftime("%d-%m-%Y")}
            }
        )
    return assignment_end(assignment=assignment, ends_on=last_day)
