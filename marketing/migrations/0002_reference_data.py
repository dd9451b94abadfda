"""Load the 13 kabupaten/kota of Sulawesi Tengah from marketing/data/regencies.csv."""

from django.db import migrations


def load(apps, schema_editor):
    from marketing import reference

    reference.load(apps)


class Migration(migrations.Migration):
    dependencies = [("marketing", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
