"""The server-error handler: a lost database answers 503 "try again", anything else 500.

Django calls ``handler500`` for every exception a request raised, wherever it surfaced: in a
middleware (the session or user lookup), when ``ATOMIC_REQUESTS`` opens the transaction around
the view, or in the view itself. It is called while that exception is being handled, so the
exception can be told apart here. Neither page touches the database or the request's user.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

# Lost or refused connections, a server shutting down, a deadlock or lock timeout: all pass.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def _render(template_name: str, status: int, fallback: str) -> HttpResponse:
    try:
        body = loader.get_template(template_name).render()
    except Exception:  # the error page itself must never fail
        return HttpResponse(fallback, status=status, content_type="text/plain; charset=utf-8")
    return HttpResponse(body, status=status)


@requires_csrf_token
def server_error(request):
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        response = _render(
            "503.html", 503, _("Layanan sedang tidak tersedia, coba lagi sebentar (503).")
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return _render("500.html", 500, _("Terjadi gangguan pada server (500)."))
