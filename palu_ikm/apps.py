from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaluIkmConfig(AppConfig):
    """Site-wide pieces: home pages, health check, shared template tags and the demo loader."""

    name = "palu_ikm"
    verbose_name = _("Palu IKM")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from palu_ikm import navigation, roles, security

        user_logged_in.connect(security.stamp_login, dispatch_uid="palu_ikm.stamp_login")

        navigation.register(
            navigation.Section(_("Beranda"), "home", "bi-house", frozenset(roles.ALL), order=0)
        )
        navigation.register(
            navigation.Section(
                _("Dasbor"), "dashboard", "bi-speedometer2", frozenset(roles.ALL), order=1
            )
        )
