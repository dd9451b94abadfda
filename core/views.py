"""Site-wide pages that belong to no app: the health check and the language switcher."""

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection, transaction
from django.http import JsonResponse
from django.views import i18n as i18n_views
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST


@login_not_required
@never_cache
@require_GET
@transaction.non_atomic_requests
def healthz(request):
    """200 when the database answers, 503 when it does not (for load balancers and monitors)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@login_not_required
@require_POST
def set_language(request):
    """The language switcher: Django's view, open before login (the login page has a switcher).

    It stores the choice in the language cookie and goes back to ``next`` (the page the switcher
    was on) when that is a URL of this site.
    """
    return i18n_views.set_language(request)
