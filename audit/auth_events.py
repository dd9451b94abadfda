"""Failed logins and lockouts become audit events and log lines (the password is never read).

Connected in ``AuditConfig.ready``. They run inside the login request's transaction
(``ATOMIC_REQUESTS``), so the event is kept exactly when the attempt's response is sent.

A username that matches no account is not written down: people sometimes type their password
into the username field. The event then names no account, only the address.
"""

import logging

from django.contrib.auth import get_user_model
from django.utils.translation import gettext

from audit.models import AuditEvent
from audit.services import audit_record
from core.security import client_ip

log = logging.getLogger("audit.auth")


def _account(username: str):
    """The account the attempt named, if it exists (so officials can filter by it)."""
    if not username:
        return None
    User = get_user_model()
    return User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()


def _record(*, action: str, username: str, request, what: str):
    address = (client_ip(request) if request is not None else None) or "-"
    account = _account(username or "")
    log.warning("%s: account id=%s address=%s", what, account.pk if account else "unknown", address)
    audit_record(
        actor=None,
        action=action,
        obj=account,
        app_label="auth",
        model="user",
        object_repr="" if account else gettext("(nama pengguna tidak dikenal)"),
        note=gettext("dari alamat %(address)s") % {"address": address},
    )


def on_login_failed(sender, credentials, request=None, **kwargs):
    """Django's ``user_login_failed``: ``credentials`` hold the username and a masked password."""
    _record(
        action=AuditEvent.Action.LOGIN_FAILED,
        username=credentials.get("username", ""),
        request=request,
        what="Login failed",
    )


def on_locked_out(sender, request, username, ip_address, **kwargs):
    """django-axes' ``user_locked_out``: too many failures for this username and address."""
    _record(
        action=AuditEvent.Action.LOCKED_OUT,
        username=username,
        request=request,
        what="Locked out after repeated login failures",
    )
