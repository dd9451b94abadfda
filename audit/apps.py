from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Jejak audit")

    def ready(self):
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_login_failed
        from simple_history.signals import post_create_historical_record

        from audit.auth_events import on_locked_out, on_login_failed
        from audit.history import on_historical_record
        from core import navigation, roles

        post_create_historical_record.connect(
            on_historical_record, dispatch_uid="audit.on_historical_record"
        )
        user_login_failed.connect(on_login_failed, dispatch_uid="audit.on_login_failed")
        user_locked_out.connect(on_locked_out, dispatch_uid="audit.on_locked_out")
        navigation.register(
            navigation.Section(
                label=_("Jejak audit"),
                url_name="audit:event_list",
                icon="bi-journal-text",
                allowed_roles=frozenset({roles.OFFICIAL}),
                order=900,
            )
        )
