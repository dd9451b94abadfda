from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaluIkmConfig(AppConfig):
    """Site-wide pieces: home pages, health check, shared template tags and the demo loader."""

    name = "palu_ikm"
    verbose_name = _("Palu IKM")

    def ready(self):
        from palu_ikm import navigation, roles

        navigation.register(
            navigation.Section(_("Beranda"), "home", "bi-house", frozenset(roles.ALL), order=0)
        )
