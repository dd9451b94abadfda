"""Email to a new account: a link to set their own password (Django's reset token)."""

import logging

from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

logger = logging.getLogger(__name__)


def welcome_email_send(*, user, domain: str, use_https: bool) -> bool:
    """Send the set-password email; a mail server that fails must not undo the new account."""
    if not user.email:
        return False
    context = {
        "user": user,
        "domain": domain,
        "protocol": "https" if use_https else "http",
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }
    subject = "".join(render_to_string("accounts/email/welcome_subject.txt", context).splitlines())
    body = render_to_string("accounts/email/welcome_email.txt", context)
    try:
        EmailMultiAlternatives(subject, body, to=[user.email]).send()
    except Exception:  # noqa: BLE001 - any mail failure is logged and reported, never a 500
        logger.exception("welcome email to user %s failed", user.pk)
        return False
    return True
