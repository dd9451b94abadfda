"""Keep the role groups' permissions equal to ``core.roles.PERMISSIONS``."""

from django.apps import apps
from django.contrib.auth.models import Group, Permission

from core import roles


def _last_app_with_models():
    # migrate and flush send post_migrate once per app with models, in INSTALLED_APPS order;
    # each app's permissions are created by its own signal, so all exist only at the last one.
    return [config for config in apps.get_app_configs() if config.models_module is not None][-1]


def sync_role_permissions(sender=None, using="default", **kwargs):
    """Create the role groups if missing and set exactly their declared permissions (idempotent).

    As a post_migrate receiver it acts once, after the last app's permissions exist.
    """
    if sender is not None and sender is not _last_app_with_models():
        return
    declared = {
        tuple(dotted.split(".")) for role in roles.ALL for dotted in roles.PERMISSIONS[role]
    }
    found = {
        (perm.content_type.app_label, perm.codename): perm
        for perm in Permission.objects.using(using)
        .select_related("content_type")
        .filter(content_type__app_label__in={app_label for app_label, _ in declared})
    }
    for role in roles.ALL:
        group, _created = Group.objects.using(using).get_or_create(name=role)
        # A permission is absent only mid-migration, before its model's table exists.
        wanted = [
            found[key]
            for dotted in roles.PERMISSIONS[role]
            if (key := tuple(dotted.split("."))) in found
        ]
        group.permissions.set(wanted)
