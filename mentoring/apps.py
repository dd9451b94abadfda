from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    name = "mentoring"
    verbose_name = _("Pendampingan")

    def ready(self):
        from mentoring import profile_training, registry_sessions

        registry_sessions.register()
        profile_training.register()
