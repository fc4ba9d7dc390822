"""The policy dashboard's counts of places per buurt, type and management form
(places.policy.counts); filled after migrate, rebuilt with `manage.py rebuild_place_counts`.
And a partial index on the places that show example data (places.demo.has_demo)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("places", "0022_place_states")]

    operations = [
        migrations.CreateModel(
            name="PlaceCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "management_form",
                    models.CharField(max_length=30, verbose_name="management form"),
                ),
                ("count", models.PositiveIntegerField(verbose_name="number of places")),
                (
                    "buurt",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="places.area",
                        verbose_name="neighbourhood",
                    ),
                ),
                (
                    "place_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="places.placetype",
                        verbose_name="type",
                    ),
                ),
            ],
            options={
                "verbose_name": "number of places in a neighbourhood",
                "verbose_name_plural": "numbers of places in neighbourhoods",
            },
        ),
        migrations.AddIndex(
            model_name="place",
            index=models.Index(
                condition=models.Q(("demo_fields", []), _negated=True),
                fields=["id"],
                name="place_demo_idx",
            ),
        ),
    ]
