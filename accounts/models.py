"""The people who use Palu IKM: their profile, their role as seen by others, and their logins.

Accounts are Django's own ``auth.User``; ``Person`` is a proxy of it that carries the one scoped
query (``visible_to``) every people page goes through, and ``manageable_by`` for the pages that
change an account. Roles are auth Groups (see ``core.roles``).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, UserManager
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import roles
from marketing.models import OutletStaff
from mentoring.models import Bank, MentorAssignment

User = get_user_model()

validate_phone = RegexValidator(
    r"^\+?[0-9][0-9 \-]{5,18}$",
    _(
        "Nomor telepon hanya boleh berisi angka, spasi, tanda - dan + di depan "
        "(mis. 0812 3456 7890)."
    ),
    code="phone",
)

# Which roles' accounts each kind of actor may create and change. Superusers manage every role;
# only they may make an official or a Perusda manager.
MANAGED_ROLES = {
    roles.OFFICIAL: frozenset({roles.MENTOR, roles.CLERK}),
    roles.PERUSDA: frozenset({roles.CLERK}),
}


def managed_roles(actor) -> frozenset[str]:
    """The roles whose accounts ``actor`` may create, change, deactivate and reactivate."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return frozenset()
    if actor.is_superuser:
        return frozenset(roles.ALL)
    managed = frozenset()
    for role in roles.role_names(actor):
        managed |= MANAGED_ROLES.get(role, frozenset())
    return managed


def holders_of(names) -> models.QuerySet:
    """Subquery of the ids of users in any of the named role groups."""
    return User.groups.through.objects.filter(group__name__in=list(names)).values("user_id")


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Accounts the user may see on the people pages.

        | role       | sees                                                         |
        |------------|--------------------------------------------------------------|
        | superuser  | every account                                                |
        | official   | every account (changes only mentors' and clerks')            |
        | perusda    | clerks' accounts only (no other role, not staff/superuser)   |
        | mentor     | none                                                         |
        | clerk      | none                                                         |
        | other/anon | none                                                         |
        """
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if roles.is_official(user):
            return self
        if roles.is_perusda(user):
            return self._holding_only(frozenset({roles.CLERK}), require_one=True)
        return self.none()

    def manageable_by(self, actor):
        """Accounts ``actor`` may change: within their visible ones, only the roles they manage.

        | actor      | may change                                                  |
        |------------|-------------------------------------------------------------|
        | superuser  | every account but their own                                 |
        | official   | mentors, clerks and accounts without a role (not staff)     |
        | perusda    | clerks                                                      |
        | other      | none                                                        |

        Nobody changes their own account here: that is how nobody raises their own role.
        It narrows ``visible_to(actor)`` itself, so it is closed even when not chained to it.
        """
        managed = managed_roles(actor)
        if not managed:
            return self.none()
        mine = self.visible_to(actor).exclude(pk=actor.pk)
        if actor.is_superuser:
            return mine
        return mine._holding_only(
            managed, require_one=roles.OFFICIAL not in roles.role_names(actor)
        )

    def with_scope(self, day=None):
        """Everything the people pages show about each account, in a fixed number of queries:
        profile and bank (joined), role groups, current assignments (with bank and group) and
        current outlet posts (with outlet)."""
        day = day or timezone.localdate()
        return self.select_related("profile__bank").prefetch_related(
            models.Prefetch("groups", queryset=Group.objects.filter(name__in=roles.ALL)),
            models.Prefetch(
                "mentor_assignments",
                queryset=MentorAssignment.objects.active_on(day)
                .select_related("bank", "group")
                .order_by("group__code"),
                to_attr="current_assignments",
            ),
            models.Prefetch(
                "outlet_posts",
                queryset=OutletStaff.objects.active_on(day)
                .select_related("outlet")
                .order_by("outlet__code"),
                to_attr="current_posts",
            ),
        )

    def _holding_only(self, allowed: frozenset[str], *, require_one: bool):
        """Plain accounts whose roles all lie in ``allowed`` (and, if asked, hold one of them)."""
        others = frozenset(roles.ALL) - allowed
        queryset = self.filter(is_superuser=False, is_staff=False).exclude(
            pk__in=holders_of(others)
        )
        if require_one:
            queryset = queryset.filter(pk__in=holders_of(allowed))
        return queryset


class Person(User):
    """An account as the people pages see it (a proxy: same table as ``auth.User``)."""

    # Django's user manager (normalize_email, create_user...) with the scoped queries.
    objects = UserManager.from_queryset(PersonQuerySet)()

    class Meta:
        proxy = True
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def role(self) -> str | None:
        """The account's role (from prefetched ``groups`` when there are any)."""
        names = {g.name for g in self.groups.all()}
        for role in roles.ALL:
            if role in names:
                return role
        return None

    @property
    def role_label(self) -> str:
        if self.is_superuser:
            return str(_("Administrator sistem"))
        role = self.role
        return str(roles.LABELS[role]) if role else str(_("Tanpa peran"))

    @property
    def profile_or_none(self):
        try:
            return self.profile
        except Profile.DoesNotExist:
            return None

    @property
    def banks(self) -> list:
        """A mentor's bank: the one on the profile, else those of their current assignments."""
        profile = self.profile_or_none
        if profile is not None and profile.bank_id:
            return [profile.bank]
        seen = {}
        for assignment in getattr(self, "current_assignments", []):
            seen.setdefault(assignment.bank_id, assignment.bank)
        return list(seen.values())

    @property
    def outlets(self) -> list:
        return [post.outlet for post in getattr(self, "current_posts", [])]

    @property
    def organisation(self) -> str:
        """Where the person works, for the people list (needs ``with_scope()``)."""
        role = self.role
        if role == roles.MENTOR:
            return ", ".join(str(bank) for bank in self.banks)
        if role == roles.CLERK:
            return ", ".join(str(outlet) for outlet in self.outlets)
        if role == roles.PERUSDA:
            return str(_("Perusda (kantor pusat)"))
        if role == roles.OFFICIAL:
            return str(_("Pemerintah Kota Palu"))
        return ""


def role_group(role: str) -> Group:
    return Group.objects.get(name=role)


class Profile(models.Model):
    """What the app keeps about an account beyond Django's user: phone, bank, first-login flag.

    Changes go through ``accounts.services``, which writes each of them to the audit trail on the
    account (so the profile needs no history of its own).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("pengguna"),
    )
    phone = models.CharField(_("telepon"), max_length=20, blank=True, validators=[validate_phone])
    bank = models.ForeignKey(
        Bank,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mentor_profiles",
        verbose_name=_("bank"),
        help_text=_("Bank tempat pendamping bekerja."),
    )
    must_change_password = models.BooleanField(
        _("wajib ganti kata sandi"),
        default=False,
        help_text=_("Kata sandi sementara: pengguna harus menggantinya saat pertama masuk."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dibuat oleh"),
    )
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("profil pengguna")
        verbose_name_plural = _("profil pengguna")

    def __str__(self):
        return str(self.user)


class LoginEventQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Login records.

        | role       | sees                                           |
        |------------|------------------------------------------------|
        | official   | all                                            |
        | perusda    | their own and those of the clerks they manage  |
        | mentor     | their own                                      |
        | clerk      | their own                                      |
        | other/anon | none (a signed-in user without role: own)      |
        """
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if roles.is_official(user):
            return self
        if roles.is_perusda(user):
            return self.filter(
                models.Q(user=user) | models.Q(user__in=Person.objects.visible_to(user))
            )
        return self.filter(user=user)


class LoginEvent(models.Model):
    """One successful login: when and from where. Shown to the person and to officials.

    Our own record rather than axes' ``AccessLog``: it points at the account (not a typed
    username), it is written the same way whatever axes is configured to keep (its access log
    can be switched off or purged for lockout reasons), and it can be scoped with ``visible_to``.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="login_events",
        verbose_name=_("pengguna"),
    )
    at = models.DateTimeField(_("waktu"), default=timezone.now)
    ip_address = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)
    user_agent = models.CharField(_("peramban"), max_length=255, blank=True)

    objects = LoginEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("riwayat masuk")
        verbose_name_plural = _("riwayat masuk")
        indexes = [models.Index(fields=["user", "-at"])]

    def __str__(self):
        return f"{self.user} {self.at:%Y-%m-%d %H:%M}"


class PasswordResetRequest(models.Model):
    """A reset link asked for: counted so that nobody floods an inbox or the mail server.

    The address is kept only as a digest (the count needs equality, not the address), and rows
    older than a day are removed as new ones arrive. In the database rather than a cache so
    that every server of the app counts the same requests.
    """

    email_digest = models.CharField(_("sidik email"), max_length=64)
    ip_address = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)
    requested_at = models.DateTimeField(_("waktu"), default=timezone.now)

    class Meta:
        verbose_name = _("permintaan atur ulang sandi")
        verbose_name_plural = _("permintaan atur ulang sandi")
        indexes = [
            models.Index(fields=["email_digest", "requested_at"]),
            models.Index(fields=["ip_address", "requested_at"]),
            models.Index(fields=["requested_at"]),
        ]

    def __str__(self):
        return f"{self.ip_address} {self.requested_at:%Y-%m-%d %H:%M}"
