from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramConfig(AppConfig):
    """The city's program across the apps: home pages, dashboards, targets, reports, dossier."""

    name = "program"
    verbose_name = _("Program IKM")

    def ready(self):
        from audit import display
        from core import formatting, navigation, panels, roles

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
        # The trail's events from before this app had its name (the yearly targets and the
        # report exports lived in the project package, "palu_ikm") read as this app's.
        display.register_former_app_label("palu_ikm", "program")
        # report_views._log_export records each send-up and report download under this name.
        display.register_target("program", "report", _("ekspor laporan"))
        # A target counts groups, members, percent or Rupiah: a plain number, not an amount.
        display.register_keys(
            "program", "programtarget", {"value": display.Key(kind=formatting.NUMBER)}
        )


def dossier_panel(group, user):
    """The dossier button: for officials and the group's mentors (who can see the profile)."""
    from django.urls import reverse

    from core import roles

    if not (roles.is_official(user) or roles.is_mentor(user)):
        return None
    return {"url": reverse("reports:group_dossier", args=[group.pk])}
