"""Seed the place types, services and target groups (see places/vocabularies.py)."""

from django.db import migrations

from places.vocabularies import seed


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
