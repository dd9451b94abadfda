"""The one view mixin that gates pages by role and scopes every object lookup.

Page gate by role answers 403; an object outside the user's scope answers 404, exactly like an
object that does not exist, so ids leak nothing. This module imports no app.
"""

from functools import wraps

from django.contrib.auth.mixins import UserPassesTestMixin
from django.core.exceptions import PermissionDenied

from core import roles


class RoleScopedMixin(UserPassesTestMixin):
    """Gate the page by role (403) and reach rows only through ``visible_to`` (404 outside)."""

    allowed_roles: frozenset[str] = frozenset()  # empty = nobody but superusers

    def test_func(self):
        return roles.has_any(self.request.user, self.allowed_roles)

    def get_queryset(self):
        return self.model.objects.visible_to(self.request.user)


def role_required(*allowed: str):
    """Function-view twin of ``RoleScopedMixin``'s page gate."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not roles.has_any(request.user, allowed):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
