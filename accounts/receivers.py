"""Reactions to Django's login signal; the work itself is done by ``accounts.services``."""

from axes.helpers import get_client_ip_address

from accounts import services
from accounts.middleware import SESSION_KEY


def on_user_logged_in(sender, request, user, **kwargs):
    """Keep the login for the person's profile, and note in the session whether they must
    change a temporary password first (read by ``PasswordChangeRequiredMiddleware``)."""
    ip_address = user_agent = None
    if request is not None:
        # Same address resolution as the lockout (axes' settings), so both agree.
        ip_address = get_client_ip_address(request)
        user_agent = request.META.get("HTTP_USER_AGENT", "")
    services.login_record(user=user, ip_address=ip_address, user_agent=user_agent or "")
    session = getattr(request, "session", None)
    if session is not None:
        if services.must_change_password(user):
            session[SESSION_KEY] = True
        else:
            session.pop(SESSION_KEY, None)
