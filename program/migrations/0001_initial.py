# The yearly targets used to live in the project package (app label "palu_ikm"), which now holds
# configuration only. A new database gets the tables here; an existing one keeps its rows: the
# old tables are renamed and their content types (and so their permissions) move along.

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

OLD_LABEL = "palu_ikm"
MODELS = ("programtarget", "historicalprogramtarget")


def adopt_or_create(apps, schema_editor):
    tables = set(schema_editor.connection.introspection.table_names())
    for name in MODELS:
        model = apps.get_model("program", name)
        old_table = f"{OLD_LABEL}_{name}"
        if old_table in tables:
            schema_editor.alter_db_table(model, old_table, model._meta.db_table)
        else:
            schema_editor.create_model(model)
    content_type = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for name in MODELS:
        if not content_type.objects.using(db).filter(app_label="program", model=name).exists():
            content_type.objects.using(db).filter(app_label=OLD_LABEL, model=name).update(
                app_label="program"
            )
    schema_editor.execute("DELETE FROM django_migrations WHERE app = %s", [OLD_LABEL])


def drop(apps, schema_editor):
    for name in MODELS:
        schema_editor.delete_model(apps.get_model("program", name))


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='HistoricalProgramTarget',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='tahun')),
                        ('metric', models.CharField(choices=[('groups_mandiri', 'Kelompok mandiri'), ('members_trained', 'Anggota terlatih'), ('outlet_sales', 'Penjualan gerai (Rp)'), ('bookkeeping_coverage', 'Cakupan laporan pembukuan (%)'), ('credit_disbursed', 'Kelompok menerima kredit')], max_length=30, verbose_name='ukuran')),
                        ('value', models.DecimalField(decimal_places=0, max_digits=16, verbose_name='target')),
                        ('note', models.CharField(blank=True, max_length=255, verbose_name='catatan')),
                        ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='diubah')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('set_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='ditetapkan oleh')),
                    ],
                    options={
                        'verbose_name': 'historical target program',
                        'verbose_name_plural': 'historical target program',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='ProgramTarget',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='tahun')),
                        ('metric', models.CharField(choices=[('groups_mandiri', 'Kelompok mandiri'), ('members_trained', 'Anggota terlatih'), ('outlet_sales', 'Penjualan gerai (Rp)'), ('bookkeeping_coverage', 'Cakupan laporan pembukuan (%)'), ('credit_disbursed', 'Kelompok menerima kredit')], max_length=30, verbose_name='ukuran')),
                        ('value', models.DecimalField(decimal_places=0, max_digits=16, verbose_name='target')),
                        ('note', models.CharField(blank=True, max_length=255, verbose_name='catatan')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='diubah')),
                        ('set_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='ditetapkan oleh')),
                    ],
                    options={
                        'verbose_name': 'target program',
                        'verbose_name_plural': 'target program',
                        'ordering': ['-year', 'metric'],
                        'constraints': [models.UniqueConstraint(fields=('year', 'metric'), name='target_one_per_year_metric'), models.CheckConstraint(condition=models.Q(('value__gte', 0)), name='target_not_negative'), models.CheckConstraint(condition=models.Q(('year__gte', 2018), ('year__lte', 2100)), name='target_year_plausible')],
                    },
                ),
            ],
        ),
        migrations.RunPython(adopt_or_create, drop),
    ]
