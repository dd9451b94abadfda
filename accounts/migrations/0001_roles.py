from django.db import migrations

ROLE_NAMES = ("pejabat", "pendamping", "kasir", "perusda")


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLE_NAMES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    """The four role groups. Their permissions are kept in sync after every migrate."""

    dependencies = [("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
