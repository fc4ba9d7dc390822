"""The coverage per buurt (places.models.coverage) and, on PostGIS, the function that computes
a buurt's uncovered part (places.policy.coverage). The table is filled after `migrate` by the
post_migrate receiver in places.policy.coverage_updates."""

import django.db.models.deletion
from django.db import migrations, models

# A buurt minus the circles of N metres around the points, taken nearest first: a point whose
# circle misses what is left is skipped, and the loop stops as soon as nothing is left, so a
# dense city costs a few circles instead of the union of thousands.
GAP_FUNCTION = """
CREATE OR REPLACE FUNCTION places_coverage_gap(buurt geometry, metres float8, points geometry[])
RETURNS geometry LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    gap geometry := buurt;
    point geometry;
BEGIN
    IF points IS NULL THEN
        RETURN gap;
    END IF;
    FOREACH point IN ARRAY points LOOP
        IF ST_DWithin(point, gap, metres) THEN
            gap := ST_Difference(gap, ST_Buffer(point, metres));
            EXIT WHEN ST_IsEmpty(gap);
        END IF;
    END LOOP;
    RETURN gap;
END
$$
"""


def create_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GAP_FUNCTION)


def drop_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS places_coverage_gap(geometry, float8, geometry[])")


class Migration(migrations.Migration):
    dependencies = [
        ("places", "0018_municipality"),
    ]

    operations = [
        migrations.CreateModel(
            name="BuurtCoverage",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("metres", models.PositiveIntegerField(verbose_name="distance (metres)")),
                ("area_m2", models.FloatField(verbose_name="area (m²)")),
                ("uncovered_m2", models.FloatField(verbose_name="area farther than N metres (m²)")),
                ("gap", models.TextField(blank=True, verbose_name="uncovered part (GeoJSON)")),
                (
                    "buurt",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="places.area",
                        verbose_name="neighbourhood",
                    ),
                ),
            ],
            options={
                "verbose_name": "coverage of a neighbourhood",
                "verbose_name_plural": "coverage of neighbourhoods",
                "constraints": [
                    models.UniqueConstraint(fields=("metres", "buurt"), name="buurtcoverage_metres_buurt")
                ],
            },
        ),
        migrations.RunPython(create_function, drop_function),
    ]
