from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app shares: roles, scoping, pagination, exports, registries, middleware."""

    name = "core"
    verbose_name = _("Inti")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from core import security

        user_logged_in.connect(security.stamp_login, dispatch_uid="core.stamp_login")
