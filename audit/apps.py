from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Jejak audit")

    def ready(self):
        from simple_history.signals import post_create_historical_record

        from audit.history import on_historical_record

        post_create_historical_record.connect(
            on_historical_record, dispatch_uid="audit.on_historical_record"
        )
