"""First login with a temporary password: nothing but the password change until it is changed."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

# Set at login from the profile (see ``accounts.receivers``) and cleared by the password change,
# so that the check costs no query on the pages in between.
SESSION_KEY = "accounts_must_change_password"

# Pages a person with a temporary password may still open.
ALLOWED_VIEWS = frozenset({"password_change", "password_change_done", "logout"})


class PasswordChangeRequiredMiddleware:
    """Send a person who still has a temporary password to the password change page.

    Public pages (login, password reset, health check) stay reachable; every other page, GET or
    POST, redirects until the password is changed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        session = getattr(request, "session", None)
        if session is None or not session.get(SESSION_KEY):
            return None
        if not request.user.is_authenticated:
            return None
        if not getattr(view_func, "login_required", True):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in ALLOWED_VIEWS:
            return None
        messages.warning(
            request,
            _(
                "Anda masuk dengan kata sandi sementara. Buat kata sandi Anda sendiri dahulu "
                "sebelum melanjutkan."
            ),
        )
        return redirect("password_change")
