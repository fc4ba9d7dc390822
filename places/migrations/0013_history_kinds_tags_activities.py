"""The kind of each change and its import run, tags and activities in the history.

Records made before this migration get their kind worked out from the records before them;
they get the place's present tags (nothing older is known), so that no change of tags is
shown where none was recorded.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

import places.text


def fill_kinds(apps, schema_editor):
    from places.models.history import kind_of

    history = apps.get_model("places", "HistoricalPlace")
    records = history.objects.order_by("id", "history_date", "history_id").iterator(2000)
    before, changed = {}, []
    for record in records:
        run = ""
        if record.history_user_id is None and record.external_id and record.history_type == "+":
            run = f"{record.source}@{record.history_date:%Y-%m-%dT%H:%M}"
        record.change_kind = kind_of(record.history_type, before.get(record.id), record, run)
        record.import_run = run
        before[record.id] = {
            "merged_into_id": record.merged_into_id,
            "status": record.status,
            "is_published": record.is_published,
        }
        if record.change_kind != "edit":
            changed.append(record)
        if len(changed) >= 1000:
            history.objects.bulk_update(changed, ["change_kind", "import_run"])
            changed = []
    history.objects.bulk_update(changed, ["change_kind", "import_run"])


def copy_present_tags(apps, schema_editor):
    history = apps.get_model("places", "HistoricalPlace")._meta.db_table
    for field, column in (("services", "service_id"), ("target_groups", "targetgroup_id")):
        through = apps.get_model("places", "Place")._meta.get_field(field).remote_field.through
        copies = apps.get_model("places", f"HistoricalPlace_{field}")._meta.db_table
        # Table and column names come from the models, not from input.
        sql = (
            f"INSERT INTO {copies} (id, history_id, place_id, {column}) "  # noqa: S608
            f"SELECT t.id, h.history_id, t.place_id, t.{column} "
            f"FROM {through._meta.db_table} t JOIN {history} h ON h.id = t.place_id"
        )
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("places", "0012_wijkteam_contact"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalplace",
            name="change_kind",
            field=models.CharField(
                choices=[
                    ("new", "new concept"),
                    ("edit", "edit"),
                    ("publish", "published or withdrawn"),
                    ("close", "closed or reopened"),
                    ("merge", "merge"),
                    ("import", "import"),
                ],
                default="edit",
                max_length=10,
                verbose_name="kind of change",
            ),
        ),
        migrations.AddField(
            model_name="historicalplace",
            name="import_run",
            field=models.CharField(
                blank=True, db_index=True, max_length=60, verbose_name="import run"
            ),
        ),
        migrations.CreateModel(
            name="HistoricalActivity",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        max_length=200,
                        validators=[places.text.validate_one_line],
                        verbose_name="name",
                    ),
                ),
                ("when", models.CharField(blank=True, max_length=200, verbose_name="when")),
                (
                    "mode",
                    models.CharField(
                        choices=[("on_site", "on site"), ("online", "online")],
                        default="on_site",
                        max_length=10,
                        verbose_name="where",
                    ),
                ),
                ("cost", models.CharField(blank=True, max_length=100, verbose_name="cost")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "place",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="places.place",
                        verbose_name="place",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical activity",
                "verbose_name_plural": "historical activities",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalPlace_services",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="places.historicalplace",
                    ),
                ),
                (
                    "place",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="places.place",
                    ),
                ),
                (
                    "service",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="places.service",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalPlace_services",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalPlace_target_groups",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="places.historicalplace",
                    ),
                ),
                (
                    "place",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="places.place",
                    ),
                ),
                (
                    "targetgroup",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="places.targetgroup",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalPlace_target_groups",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.RunPython(fill_kinds, migrations.RunPython.noop),
        migrations.RunPython(copy_present_tags, migrations.RunPython.noop),
    ]
