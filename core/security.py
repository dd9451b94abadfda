"""Site-wide protections that are not a page: CSP header, session timeouts, the client's address.

This module imports no app.
"""

import logging
import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext

log = logging.getLogger(__name__)

# Session keys of the timeout middleware (seconds since the epoch).
LOGIN_AT = "_palu_login_at"
SEEN_AT = "_palu_seen_at"
# Last-seen is written back at most this often (``SESSION_SEEN_WRITE_INTERVAL`` overrides it),
# so that browsing does not save the session on every request; the idle timeout is exact to
# within this many seconds.
SEEN_WRITE_INTERVAL = 60


def content_security_policy(policy: dict[str, list[str]]) -> str:
    return "; ".join(f"{name} {' '.join(values)}" for name, values in policy.items())


class ContentSecurityPolicyMiddleware:
    """Send ``settings.CONTENT_SECURITY_POLICY`` on every response that has none of its own."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = content_security_policy(settings.CONTENT_SECURITY_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.header)
        return response


def stamp_login(sender, request, user, **kwargs):
    """``user_logged_in``: the session's clock starts at login (the key was just rotated)."""
    session = getattr(request, "session", None)
    if session is not None:
        now = int(time.time())
        session[LOGIN_AT] = session[SEEN_AT] = now


class SessionTimeoutMiddleware:
    """End a signed-in session after ``SESSION_IDLE_TIMEOUT`` seconds without a request, and
    ``SESSION_ABSOLUTE_TIMEOUT`` seconds after login whatever the activity.

    An expired session is ended on the server (``logout`` flushes it from the database) and the
    user is sent to the login page with a message saying why, then back to where they were.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            expired = self._expired(request.session)
            if expired:
                return self._end(request, expired)
        return self.get_response(request)

    @staticmethod
    def _expired(session) -> str:
        now = int(time.time())
        login_at = session.get(LOGIN_AT)
        seen_at = session.get(SEEN_AT)
        if login_at is None or seen_at is None:
            # First request of a new session (or one made before this middleware existed).
            session[LOGIN_AT] = login_at or now
            session[SEEN_AT] = now
            return ""
        if now - login_at >= settings.SESSION_ABSOLUTE_TIMEOUT:
            return "absolute"
        if now - seen_at >= settings.SESSION_IDLE_TIMEOUT:
            return "idle"
        if now - seen_at >= getattr(settings, "SESSION_SEEN_WRITE_INTERVAL", SEEN_WRITE_INTERVAL):
            session[SEEN_AT] = now
        return ""

    @staticmethod
    def _end(request, reason: str):
        log.info("Session ended: %s timeout (user id %s).", reason, request.user.pk)
        logout(request)
        if reason == "idle":
            text = gettext(
                "Sesi Anda berakhir karena tidak ada kegiatan selama %(minutes)d menit. "
                "Silakan masuk lagi."
            ) % {"minutes": settings.SESSION_IDLE_TIMEOUT // 60}
        else:
            text = gettext(
                "Sesi Anda berakhir karena sudah %(hours)d jam sejak Anda masuk. "
                "Silakan masuk lagi."
            ) % {"hours": settings.SESSION_ABSOLUTE_TIMEOUT // 3600}
        messages.warning(request, text)
        url = reverse(settings.LOGIN_URL)
        if request.method == "GET":
            url = f"{url}?{urlencode({'next': request.get_full_path()})}"
        return redirect(url)


def client_ip(request) -> str | None:
    """The client's address for login throttling.

    Behind ``TRUSTED_PROXY_COUNT`` reverse proxies, the address the nearest trusted proxy saw is
    that many entries from the right of X-Forwarded-For (entries further left are whatever the
    client sent and cannot be trusted). Without proxies it is the socket's address.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")
