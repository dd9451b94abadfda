"""What the trade pages share: who may open them, and the outlet taken from the URL.

The outlet of a page always comes from the URL through ``Outlet.objects.visible_to`` (another
outlet answers 404, like one that does not exist); forms never carry an outlet of their own.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404

from core import roles
from groups.forms.fields import apply_errors
from marketing.models import Outlet

CLERKS = frozenset({roles.CLERK})
TRADE_READERS = frozenset({roles.CLERK, roles.PERUSDA, roles.OFFICIAL})
STOCK_KEEPERS = frozenset({roles.CLERK, roles.PERUSDA})
CONSIGNORS = frozenset({roles.PERUSDA, roles.OFFICIAL})


def scoped_outlet(request, pk) -> Outlet:
    return get_object_or_404(
        Outlet.objects.visible_to(request.user).select_related("regency"), pk=pk
    )


def run_service(request, form, call, success: str = ""):
    """Call a service; a ValidationError becomes the form's errors, PermissionDenied a 403."""
    try:
        result = call()
    except ValidationError as error:
        apply_errors(form, error)
        return None
    except PermissionDenied:
        raise
    if success:
        messages.success(request, success)
    return result


def clerk_outlets(user) -> list[Outlet]:
    """The outlets a clerk staffs (for the buttons that start work there); none for others."""
    if not roles.is_clerk(user):
        return []
    return list(Outlet.objects.visible_to(user).active().order_by("code"))
