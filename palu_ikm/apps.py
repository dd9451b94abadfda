from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaluIkmConfig(AppConfig):
    """Site-wide pieces: home pages, health check, shared template tags and the demo loader."""

    name = "palu_ikm"
    verbose_name = _("Palu IKM")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from palu_ikm import navigation, panels, roles, security

        user_logged_in.connect(security.stamp_login, dispatch_uid="palu_ikm.stamp_login")

        navigation.register(
            navigation.Section(_("Beranda"), "home", "bi-house", frozenset(roles.ALL), order=0)
        )
        navigation.register(
            navigation.Section(
                _("Dasbor"), "dashboard", "bi-speedometer2", frozenset(roles.ALL), order=1
            )
        )
        navigation.register(
            navigation.Section(
                _("Laporan"),
                "reports:index",
                "bi-file-earmark-bar-graph",
                frozenset({roles.OFFICIAL, roles.MENTOR, roles.PERUSDA}),
                order=800,
            )
        )
        panels.register(
            panels.Panel(
                name="dossier",
                title=_("Berkas kredit"),
                template_name="reports/_dossier_panel.html",
                context=dossier_panel,
                order=90,
            )
        )


def dossier_panel(group, user):
    """The dossier button: for officials and the group's mentors (who can see the profile)."""
    from django.urls import reverse

    from palu_ikm import roles

    if not (roles.is_official(user) or roles.is_mentor(user)):
        return None
    return {"url": reverse("reports:group_dossier", args=[group.pk])}
