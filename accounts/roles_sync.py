"""Keep the role groups' permissions equal to ``core.roles.PERMISSIONS``."""

from django.contrib.auth.models import Group, Permission

from core import roles


def sync_role_permissions(sender=None, using="default", **kwargs):
    """Create the role groups if missing and set exactly their declared permissions (idempotent)."""
    for role in roles.ALL:
        group, _created = Group.objects.using(using).get_or_create(name=role)
        wanted = []
        for dotted in roles.PERMISSIONS[role]:
            app_label, codename = dotted.split(".")
            perm = (
                Permission.objects.using(using)
                .filter(content_type__app_label=app_label, codename=codename)
                .first()
            )
            if perm is not None:  # absent only mid-migration, before its model's table exists
                wanted.append(perm)
        group.permissions.set(wanted)
