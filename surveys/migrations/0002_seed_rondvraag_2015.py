"""The 2015 rondvraag as the first survey round (see surveys/seed.py)."""

from django.db import migrations

from surveys.seed import seed


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
