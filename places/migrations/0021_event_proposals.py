"""Owners propose events for their place's story; an editor confirms or rejects them
(places.models.event_proposals). Written by hand: other work adds models in parallel."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

KINDS = [
    ("opened", "opened"),
    ("closed", "closed"),
    ("temporarily_closed", "temporarily closed"),
    ("reopened", "reopened"),
    ("management_form", "management form changed"),
    ("operator", "operator changed"),
    ("moved", "moved"),
    ("place_type", "type changed"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("places", "0020_place_events"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="EventProposal",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(choices=KINDS, max_length=20, verbose_name="event")),
                ("happened_on", models.DateField(verbose_name="date")),
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
                    "new_value",
                    models.CharField(blank=True, max_length=200, verbose_name="new value"),
                ),
                (
                    "remark",
                    models.CharField(blank=True, max_length=300, verbose_name="source or remark"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="proposed on")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "waiting for the editors"),
                            ("confirmed", "confirmed"),
                            ("rejected", "rejected"),
                        ],
                        default="pending",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "decided_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="decided on"),
                ),
                (
                    "note",
                    models.CharField(
                        blank=True, max_length=1000, verbose_name="note of the editors"
                    ),
                ),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "event",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="places.placeevent",
                    ),
                ),
                (
                    "place",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="event_proposals",
                        to="places.place",
                        verbose_name="place",
                    ),
                ),
                (
                    "proposed_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="event_proposals",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="proposed by",
                    ),
                ),
            ],
            options={
                "verbose_name": "proposed event",
                "verbose_name_plural": "proposed events",
                "ordering": ["-created_at", "-pk"],
            },
        ),
    ]
