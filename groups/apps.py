from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "groups"
    verbose_name = _("Kelompok IKM")

    def ready(self):
        from groups.timeline import stage_entries
        from palu_ikm import timeline

        timeline.register("groups.stages", stage_entries)
