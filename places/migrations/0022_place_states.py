"""States on a date (places.models.states): validity intervals per place, so that the map on a
date is one join instead of subqueries over the events. On PostGIS a GiST index on
daterange(valid_from, valid_to) as well, of the closed intervals (the ones Place.objects.on
joins); the rows of the existing places are filled in."""

import django.db.models.deletion
from django.db import migrations, models

RANGE_INDEX = "placestate_during"


def range_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX {RANGE_INDEX} ON places_placestate "
            "USING gist (daterange(valid_from, valid_to)) WHERE valid_to IS NOT NULL"
        )


def no_range_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {RANGE_INDEX}")


def fill(apps, schema_editor):
    from places.models.states import rebuild_all

    rebuild_all(
        schema_editor.connection.alias,
        apps.get_model("places", "Place"),
        apps.get_model("places", "PlaceEvent"),
        apps.get_model("places", "PlaceState"),
    )


class Migration(migrations.Migration):
    dependencies = [("places", "0021_event_proposals")]

    operations = [
        migrations.CreateModel(
            name="PlaceState",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("valid_from", models.DateField(blank=True, null=True, verbose_name="valid from")),
                ("valid_to", models.DateField(blank=True, null=True, verbose_name="valid until")),
                (
                    "status",
                    models.CharField(blank=True, max_length=20, null=True, verbose_name="status"),
                ),
                (
                    "management_form",
                    models.CharField(
                        blank=True, max_length=30, null=True, verbose_name="management form"
                    ),
                ),
                (
                    "place_type",
                    models.IntegerField(blank=True, null=True, verbose_name="type (number)"),
                ),
                (
                    "place",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="states",
                        to="places.place",
                        verbose_name="place",
                    ),
                ),
            ],
            options={
                "verbose_name": "state on a date",
                "verbose_name_plural": "states on a date",
                "indexes": [
                    models.Index(fields=["place", "valid_from"], name="placestate_place_from"),
                    models.Index(fields=["valid_from"], name="placestate_from"),
                    models.Index(fields=["valid_to"], name="placestate_to"),
                ],
            },
        ),
        migrations.RunPython(range_index, no_range_index),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
