from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """The people who use the app: roles, accounts, profiles and logins."""

    name = "accounts"
    verbose_name = _("Akun dan peran")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from accounts.receivers import on_user_logged_in
        from accounts.roles_sync import sync_role_permissions
        from audit import display
        from core import formatting, navigation, roles

        # After every migrate, so that permissions of models added later reach the roles too.
        post_migrate.connect(sync_role_permissions, dispatch_uid="accounts.sync_role_permissions")
        user_logged_in.connect(on_user_logged_in, dispatch_uid="accounts.on_user_logged_in")
        navigation.register(
            navigation.Section(
                label=_("Pengguna"),
                url_name="accounts:person_list",
                icon="bi-people",
                allowed_roles=frozenset({roles.OFFICIAL, roles.PERUSDA}),
                order=900,
            )
        )
        # What accounts.services writes to the trail about an account, beyond the User's own
        # fields: its scope (a dict), the IKM group and outlet codes it reaches, from when.
        display.register_keys(
            "auth",
            "user",
            {
                "name": display.Key(_("nama")),
                "phone": display.Key(_("telepon")),
                "scope": display.Key(_("cakupan"), display.DICT),
                "role": display.Key(_("peran"), display.ROLE),
                "bank": display.Key(_("bank"), formatting.TEXT),
                "groups": display.Key(_("kelompok IKM"), formatting.LIST),
                "outlets": display.Key(_("gerai"), formatting.LIST),
                "starts_on": display.Key(_("berlaku mulai"), formatting.DATE),
                "on": display.Key(_("berlaku mulai"), formatting.DATE),
            },
        )
