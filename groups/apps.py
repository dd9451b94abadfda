from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "groups"
    verbose_name = _("Kelompok IKM")

    def ready(self):
        from core import navigation, roles, timeline
        from groups.timeline import equipment_entries, stage_entries

        timeline.register("groups.stages", stage_entries)
        timeline.register("groups.equipment", equipment_entries)

        readers = frozenset({roles.OFFICIAL, roles.MENTOR})
        navigation.register(
            navigation.Section(_("Kelompok"), "groups:group_list", "bi-people", readers, order=10)
        )
        navigation.register(
            navigation.Section(
                _("Peralatan"), "groups:equipment_list", "bi-tools", readers, order=20
            )
        )
        navigation.register(
            navigation.Section(
                _("Dokumen"), "groups:document_status", "bi-file-earmark-text", readers, order=30
            )
        )
