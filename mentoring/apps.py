from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    name = "mentoring"
    verbose_name = _("Pendampingan")

    def ready(self):
        from mentoring import profile_training, registry_sessions

        registry_sessions.register()
        profile_training.register()
        self._ready_credit()

    def _ready_credit(self):
        from core import navigation, panels, roles, timeline
        from groups.services import register_mandiri_evidence
        from mentoring import readiness, readiness_store
        from mentoring.hooks_credit import credit_entries, has_granted_credit, readiness_panel

        register_mandiri_evidence(has_granted_credit)
        readiness.register_record_criteria()
        readiness.register_outlet_sales()
        readiness_store.connect()
        timeline.register("mentoring.credit", credit_entries)
        panels.register(
            panels.Panel(
                name="readiness",
                title=_("Kesiapan kredit"),
                template_name="mentoring/readiness/_panel.html",
                context=readiness_panel,
                order=50,
            )
        )
        readers = frozenset({roles.OFFICIAL, roles.MENTOR})
        navigation.register(
            navigation.Section(
                _("Kesiapan kredit"), "mentoring:readiness_list", "bi-bank", readers, order=60
            )
        )
        navigation.register(
            navigation.Section(
                _("Pengajuan kredit"), "mentoring:credit_list", "bi-cash-coin", readers, order=65
            )
        )
