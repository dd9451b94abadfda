"""Writes with rules for accounts: onboarding, role and scope changes, (de)activation, passwords.

Every change to an account, its role or its scope is written to the audit trail on the account
(``auth.user``) in the same transaction: Django's user model has no simple-history of its own.
Scope itself lives in ``mentoring`` (MentorAssignment) and ``marketing`` (OutletStaff) and is
changed only through their services.
"""

import datetime as dt
import secrets
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_ipv46_address
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import LoginEvent, Person, Profile, managed_roles, role_group
from audit.models import AuditEvent
from audit.services import audit_record
from core import roles
from groups.models import IkmGroup
from marketing.models import Outlet, OutletStaff
from marketing.services.staff import staff_assign, staff_end
from mentoring.models import Bank, MentorAssignment
from mentoring.services.assignments import assignment_end, assignment_start

User = get_user_model()

# No look-alike characters (0/o, 1/l/i): the password is read off a screen and typed on a phone.
# An alphabet, not a password (bandit B105 is a false positive here).
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # nosec B105


@dataclass
class Scope:
    """What an account reaches: its role, and for a mentor the bank and groups, for a clerk the
    outlets."""

    role: str | None
    bank: Bank | None = None
    groups: list = field(default_factory=list)
    outlets: list = field(default_factory=list)

    def describe(self) -> dict:
        """Plain values for the audit trail."""
        return {
            "role": self.role or "",
            "bank": str(self.bank) if self.bank else "",
            "groups": sorted(g.code for g in self.groups),
            "outlets": sorted(o.code for o in self.outlets),
        }


@dataclass
class NewAccount:
    user: object
    temporary_password: str


def temporary_password_generate(user=None) -> str:
    """A one-time password such as ``k7mp-x3qa-9trw`` that passes the password validators."""
    while True:
        password = "-".join(
            "".join(secrets.choice(PASSWORD_ALPHABET) for _i in range(4)) for _j in range(3)
        )
        try:
            validate_password(password, user)
        except ValidationError:
            continue
        return password


def full_name(user) -> str:
    return user.get_full_name() or user.username


def _audit(*, actor, user, action: str, changes: dict | None = None, note: str = ""):
    audit_record(
        actor=actor,
        action=action,
        app_label="auth",
        model="user",
        object_id=str(user.pk),
        object_repr=f"{full_name(user)} ({user.username})",
        changes=changes,
        note=note,
    )


def _forget_roles(user) -> None:
    """``core.roles`` caches a user's roles on the object; drop it after a role change."""
    user.__dict__.pop("_palu_role_names", None)


def _profile(user) -> Profile:
    profile, _created = Profile.objects.get_or_create(user=user)
    return profile


def account_role(user) -> str | None:
    """The account's role, whether or not it is active (``roles`` ignores inactive users)."""
    names = set(user.groups.filter(name__in=roles.ALL).values_list("name", flat=True))
    return next((role for role in roles.ALL if role in names), None)


def _active_assignments(user, day: dt.date):
    """Assignments not ended before ``day`` (those running and those still to start)."""
    return (
        MentorAssignment.objects.filter(mentor=user)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))
        .select_related("group", "bank")
        .order_by("group__code")
    )


def _active_posts(user, day: dt.date):
    return (
        OutletStaff.objects.filter(user=user)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))
        .select_related("outlet")
        .order_by("outlet__code")
    )


def current_scope(user, day: dt.date | None = None) -> Scope:
    """The account's role and the groups/outlets it reaches from ``day`` (default today) on."""
    day = day or timezone.localdate()
    role = account_role(user)
    profile = Profile.objects.filter(user=user).select_related("bank").first()
    assignments = list(_active_assignments(user, day))
    bank = profile.bank if profile and profile.bank_id else None
    if bank is None and assignments:
        bank = assignments[0].bank
    return Scope(
        role=role,
        bank=bank,
        groups=[a.group for a in assignments],
        outlets=[p.outlet for p in _active_posts(user, day)],
    )


def _check_scope(*, actor, role: str, bank, groups, outlets, creating: bool) -> Scope:
    """Validate the wanted scope against the role and against what ``actor`` may hand out."""
    if role not in managed_roles(actor):
        raise PermissionDenied(_("Anda tidak berwenang memberikan peran ini."))
    errors: dict[str, list[str]] = {}
    groups, outlets = list(groups or []), list(outlets or [])
    if role == roles.MENTOR:
        if bank is None:
            errors["bank"] = [_("Pilih bank tempat pendamping bekerja.")]
        elif not Bank.objects.visible_to(actor).filter(pk=bank.pk, is_active=True).exists():
            errors["bank"] = [_("Bank ini tidak aktif atau tidak tersedia.")]
        allowed = IkmGroup.objects.visible_to(actor).active()
        allowed_ids = set(
            allowed.filter(pk__in=[g.pk for g in groups]).values_list("pk", flat=True)
        )
        if any(g.pk not in allowed_ids for g in groups):
            errors["ikm_groups"] = [_("Ada kelompok yang tidak tersedia untuk Anda.")]
        elif creating and not groups:
            errors["ikm_groups"] = [_("Pilih minimal satu kelompok yang didampingi.")]
    else:
        bank, groups = None, []
    if role == roles.CLERK:
        allowed = Outlet.objects.visible_to(actor).active()
        allowed_ids = set(
            allowed.filter(pk__in=[o.pk for o in outlets]).values_list("pk", flat=True)
        )
        if any(o.pk not in allowed_ids for o in outlets):
            errors["outlets"] = [_("Ada gerai yang tidak tersedia untuk Anda.")]
        elif creating and not outlets:
            errors["outlets"] = [_("Pilih minimal satu gerai tempat kasir bertugas.")]
    else:
        outlets = []
    if errors:
        raise ValidationError(errors)
    return Scope(role=role, bank=bank, groups=groups, outlets=outlets)


def _end_day(record, on: dt.date) -> dt.date:
    """A record ends the day before ``on``; one that only starts on or after ``on`` ends the day
    it starts (it cannot end before it began)."""
    return max(on - dt.timedelta(days=1), record.starts_on)


def _apply_scope(*, user, wanted: Scope, on: dt.date) -> None:
    """End the assignments and posts that are no longer wanted from ``on`` and start new ones."""
    keep_groups = set()
    for assignment in _active_assignments(user, on):
        keep = (
            wanted.role == roles.MENTOR
            and assignment.group in wanted.groups
            and assignment.bank_id == (wanted.bank.pk if wanted.bank else None)
        )
        if keep:
            keep_groups.add(assignment.group_id)
        else:
            assignment_end(assignment=assignment, ends_on=_end_day(assignment, on))
    for group in wanted.groups:
        if group.pk in keep_groups:
            continue
        try:
            assignment_start(mentor=user, group=group, bank=wanted.bank, starts_on=on)
        except ValidationError as exc:
            raise ValidationError(
                {"ikm_groups": [f"{group.code}: {m}" for m in exc.messages]}
            ) from exc
    keep_outlets = set()
    for post in _active_posts(user, on):
        if wanted.role == roles.CLERK and post.outlet in wanted.outlets:
            keep_outlets.add(post.outlet_id)
        else:
            staff_end(post=post, ends_on=_end_day(post, on))
    for outlet in wanted.outlets:
        if outlet.pk in keep_outlets:
            continue
        try:
            staff_assign(user=user, outlet=outlet, starts_on=on)
        except ValidationError as exc:
            raise ValidationError(
                {"outlets": [f"{outlet.code}: {m}" for m in exc.messages]}
            ) from exc


def _set_role(user, role: str) -> None:
    """Exactly one role group; other (non-role) auth groups are left alone."""
    user.groups.remove(*user.groups.filter(name__in=roles.ALL).exclude(name=role))
    user.groups.add(role_group(role))
    _forget_roles(user)


def _check_manageable(actor, user) -> None:
    if not Person.objects.visible_to(actor).manageable_by(actor).filter(pk=user.pk).exists():
        raise PermissionDenied(_("Anda tidak berwenang mengubah akun ini."))


@transaction.atomic
def account_create(
    *,
    actor,
    first_name: str,
    last_name: str = "",
    username: str,
    email: str = "",
    phone: str = "",
    role: str,
    bank: Bank | None = None,
    groups=(),
    outlets=(),
    starts_on: dt.date | None = None,
) -> NewAccount:
    """Open an account with one role and its scope, and a one-time password to change at first
    login. Only superusers make officials and Perusda managers; Perusda makes clerks only."""
    starts_on = starts_on or timezone.localdate()
    wanted = _check_scope(
        actor=actor, role=role, bank=bank, groups=groups, outlets=outlets, creating=True
    )
    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(
            {"username": [_("Nama pengguna ini sudah dipakai. Pilih yang lain.")]}
        )
    user = User(
        username=username,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email.strip(),
        is_active=True,
        is_staff=False,
        is_superuser=False,
    )
    password = temporary_password_generate(user)
    user.set_password(password)
    user.full_clean(exclude=["password", "last_login", "date_joined"])
    user.save()
    _set_role(user, role)
    profile = Profile(
        user=user,
        phone=phone.strip(),
        bank=wanted.bank,
        must_change_password=True,
        created_by=actor,
    )
    profile.full_clean(exclude=["user", "created_by"])
    profile.save()
    _apply_scope(user=user, wanted=wanted, on=starts_on)
    _audit(
        actor=actor,
        user=user,
        action=AuditEvent.Action.CREATE,
        changes={
            "username": [None, user.username],
            "name": [None, full_name(user)],
            "email": [None, user.email],
            "phone": [None, profile.phone],
            "scope": [None, wanted.describe()],
            "starts_on": [None, starts_on.isoformat()],
        },
        note=_("Akun dibuat dengan kata sandi sementara."),
    )
    return NewAccount(user=user, temporary_password=password)


@transaction.atomic
def account_update(
    *, actor, user, first_name: str, last_name: str = "", email: str = "", phone: str = ""
):
    """Change an account's name and contact details."""
    _check_manageable(actor, user)
    profile = _profile(user)
    before = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "phone": profile.phone,
    }
    user.first_name, user.last_name = first_name.strip(), last_name.strip()
    user.email = email.strip()
    profile.phone = phone.strip()
    user.full_clean(exclude=["password", "username", "last_login", "date_joined"])
    profile.full_clean(exclude=["user", "created_by"])
    user.save(update_fields=["first_name", "last_name", "email"])
    profile.save(update_fields=["phone", "updated_at"])
    after = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "phone": profile.phone,
    }
    changes = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
    if changes:
        _audit(
            actor=actor,
            user=user,
            action=AuditEvent.Action.UPDATE,
            changes=changes,
            note=_("Data diri diubah."),
        )
    return user


@transaction.atomic
def account_change_scope(
    *, actor, user, role: str, bank: Bank | None = None, groups=(), outlets=(), on=None
):
    """Change an account's role and scope from day ``on`` (default today).

    Assignments and posts no longer wanted end the day before; new ones start on ``on``.
    Nobody changes their own account, and only roles the actor manages can be given.
    """
    on = on or timezone.localdate()
    _check_manageable(actor, user)
    if not user.is_active:
        raise ValidationError(
            _("Akun ini tidak aktif. Aktifkan kembali dahulu sebelum mengubah peran dan cakupan.")
        )
    before = current_scope(user, on)
    wanted = _check_scope(
        actor=actor, role=role, bank=bank, groups=groups, outlets=outlets, creating=False
    )
    if before.role != role:
        _set_role(user, role)
    profile = _profile(user)
    if profile.bank_id != (wanted.bank.pk if wanted.bank else None):
        profile.bank = wanted.bank
        profile.save(update_fields=["bank", "updated_at"])
    _apply_scope(user=user, wanted=wanted, on=on)
    old, new = before.describe(), wanted.describe()
    changes = {k: [old[k], new[k]] for k in old if old[k] != new[k]}
    if changes:
        _audit(
            actor=actor,
            user=user,
            action=AuditEvent.Action.UPDATE,
            changes={**changes, "on": [None, on.isoformat()]},
            note=_("Peran atau cakupan diubah."),
        )
    return user


@transaction.atomic
def account_deactivate(*, actor, user, reason: str):
    """Close an account: the person can no longer sign in (open sessions end too), and their
    current assignments and outlet posts end today. Their records keep their name."""
    _check_manageable(actor, user)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [_("Tuliskan alasan penonaktifan.")]})
    if not user.is_active:
        raise ValidationError(_("Akun ini sudah tidak aktif."))
    today = timezone.localdate()
    before = current_scope(user, today)
    for assignment in _active_assignments(user, today):
        assignment_end(assignment=assignment, ends_on=max(today, assignment.starts_on))
    for post in _active_posts(user, today):
        staff_end(post=post, ends_on=max(today, post.starts_on))
    user.is_active = False
    user.save(update_fields=["is_active"])
    _forget_roles(user)
    old = before.describe()
    _audit(
        actor=actor,
        user=user,
        action=AuditEvent.Action.UPDATE,
        changes={
            "is_active": [True, False],
            "groups": [old["groups"], []],
            "outlets": [old["outlets"], []],
        },
        note=_("Dinonaktifkan: %(reason)s") % {"reason": reason},
    )
    return user


@transaction.atomic
def account_reactivate(*, actor, user):
    """Open a closed account again. Its scope stays empty until it is given again."""
    _check_manageable(actor, user)
    if user.is_active:
        raise ValidationError(_("Akun ini sudah aktif."))
    user.is_active = True
    user.save(update_fields=["is_active"])
    _forget_roles(user)
    _audit(
        actor=actor,
        user=user,
        action=AuditEvent.Action.UPDATE,
        changes={"is_active": [False, True]},
        note=_("Diaktifkan kembali."),
    )
    return user


@transaction.atomic
def account_password_reset(*, actor, user) -> NewAccount:
    """Give a person a new one-time password (e.g. a mentor without email who forgot theirs)."""
    _check_manageable(actor, user)
    if not user.is_active:
        raise ValidationError(_("Akun ini tidak aktif."))
    password = temporary_password_generate(user)
    user.set_password(password)
    user.save(update_fields=["password"])
    profile = _profile(user)
    profile.must_change_password = True
    profile.save(update_fields=["must_change_password", "updated_at"])
    _audit(
        actor=actor,
        user=user,
        action=AuditEvent.Action.UPDATE,
        changes={"password": ["", ""]},
        note=_("Kata sandi sementara baru diberikan."),
    )
    return NewAccount(user=user, temporary_password=password)


@transaction.atomic
def password_changed(*, user, actor=None, how: str = "") -> None:
    """The person chose their own password: the first-login requirement is met."""
    profile = _profile(user)
    if profile.must_change_password:
        profile.must_change_password = False
        profile.save(update_fields=["must_change_password", "updated_at"])
    _audit(
        actor=actor or user,
        user=user,
        action=AuditEvent.Action.UPDATE,
        changes={"password": ["", ""]},
        note=how or _("Kata sandi diganti oleh pemilik akun."),
    )


def must_change_password(user) -> bool:
    return Profile.objects.filter(user=user, must_change_password=True).exists()


def login_record(*, user, ip_address: str | None, user_agent: str = "") -> LoginEvent:
    """Keep one successful login (time, address, browser) for the person's profile page."""
    try:
        validate_ipv46_address(ip_address or "")
    except ValidationError:
        ip_address = None  # a login is never refused over an odd address
    event = LoginEvent(user=user, ip_address=ip_address, user_agent=(user_agent or "")[:255])
    event.full_clean(exclude=["user"])
    event.save()
    return event
