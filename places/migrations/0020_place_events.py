"""Dated events per place (places.models.events) and the opening date; the closed places that
know their closing date get their 'closed' event, so that timeline and status agree."""

import django.db.models.deletion
from django.db import migrations, models


def closings(apps, schema_editor):
    place_model = apps.get_model("places", "Place")
    event_model = apps.get_model("places", "PlaceEvent")
    closed = place_model.objects.filter(status="closed", closed_on__isnull=False)
    event_model.objects.bulk_create(
        event_model(
            place_id=pk,
            kind="closed",
            happened_on=day,
            precision="day",
            new_value="closed",
            remark="closed_on",
        )
        for pk, day in closed.values_list("pk", "closed_on").iterator()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("places", "0019_buurt_coverage"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalplace",
            name="opened_on",
            field=models.DateField(blank=True, null=True, verbose_name="opened on"),
        ),
        migrations.AddField(
            model_name="place",
            name="opened_on",
            field=models.DateField(blank=True, null=True, verbose_name="opened on"),
        ),
        migrations.CreateModel(
            name="PlaceEvent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("opened", "opened"),
                            ("closed", "closed"),
                            ("temporarily_closed", "temporarily closed"),
                            ("reopened", "reopened"),
                            ("management_form", "management form changed"),
                            ("operator", "operator changed"),
                            ("moved", "moved"),
                            ("place_type", "type changed"),
                        ],
                        max_length=20,
                        verbose_name="event",
                    ),
                ),
                (
                    "happened_on",
                    models.DateField(
                        help_text="With precision month or year: the first day of it.",
                        verbose_name="date",
                    ),
                ),
                (
                    "precision",
                    models.CharField(
                        choices=[("day", "day"), ("month", "month"), ("year", "year")],
                        default="day",
                        max_length=5,
                        verbose_name="date precision",
                    ),
                ),
                (
                    "old_value",
                    models.CharField(
                        blank=True,
                        help_text="Status and management form by their code (closed, zelfbeheer), type and operator by their number, an address as text.",
                        max_length=200,
                        verbose_name="old value",
                    ),
                ),
                (
                    "new_value",
                    models.CharField(
                        blank=True,
                        help_text="Status and management form by their code (closed, zelfbeheer), type and operator by their number, an address as text.",
                        max_length=200,
                        verbose_name="new value",
                    ),
                ),
                (
                    "remark",
                    models.CharField(blank=True, max_length=300, verbose_name="source or remark"),
                ),
                ("is_public", models.BooleanField(default=True, verbose_name="public")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="recorded")),
                (
                    "place",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="events",
                        to="places.place",
                        verbose_name="place",
                    ),
                ),
            ],
            options={
                "verbose_name": "event",
                "verbose_name_plural": "events",
                "ordering": ["happened_on", "pk"],
                "indexes": [
                    models.Index(fields=["place", "happened_on"], name="event_place_date_idx"),
                    models.Index(fields=["kind", "happened_on"], name="event_kind_date_idx"),
                ],
            },
        ),
        migrations.RunPython(closings, migrations.RunPython.noop),
    ]
