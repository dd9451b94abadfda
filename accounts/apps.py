from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """The people who use the app: roles, and (later) their accounts and profiles."""

    name = "accounts"
    verbose_name = _("Akun dan peran")

    def ready(self):
        from accounts.roles_sync import sync_role_permissions

        # After every migrate, so that permissions of models added later reach the roles too.
        post_migrate.connect(sync_role_permissions, dispatch_uid="accounts.sync_role_permissions")
