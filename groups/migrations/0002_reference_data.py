"""Load the 11 themes and Palu's 8 kecamatan and 46 kelurahan from groups/data/*.csv."""

from django.db import migrations


def load(apps, schema_editor):
    from groups import reference

    reference.load(apps)


class Migration(migrations.Migration):
    dependencies = [("groups", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
