"""How often a password-reset link may be asked for: per address and per network address."""

import datetime as dt
import hashlib
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import PasswordResetRequest

log = logging.getLogger(__name__)
WINDOW = dt.timedelta(hours=1)
KEPT = dt.timedelta(days=1)


def _digest(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def allow(email: str, ip: str | None) -> bool:
    """Record the request and say whether a link may be sent (False once a limit is reached).

    Refused requests are not recorded, so a flood does not keep the window open for ever.
    """
    now = timezone.now()
    digest = _digest(email)
    recent = PasswordResetRequest.objects.filter(requested_at__gte=now - WINDOW)
    with transaction.atomic():
        by_email = recent.filter(email_digest=digest).count()
        by_ip = recent.filter(ip_address=ip).count() if ip else 0
        if (
            by_email >= settings.PALU_PASSWORD_RESETS_PER_EMAIL
            or by_ip >= settings.PALU_PASSWORD_RESETS_PER_IP
        ):
            # The digest's prefix lets an administrator tie log lines together, not read them.
            log.warning("password reset throttled: ip=%s email=%s…", ip, digest[:12])
            return False
        PasswordResetRequest.objects.filter(requested_at__lt=now - KEPT).delete()
        PasswordResetRequest.objects.create(email_digest=digest, ip_address=ip, requested_at=now)
    return True
