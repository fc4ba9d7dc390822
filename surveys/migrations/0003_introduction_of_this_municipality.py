from django.db import migrations

from surveys.seed import rename_municipality


class Migration(migrations.Migration):
    dependencies = [("surveys", "0002_seed_rondvraag_2015")]

    operations = [migrations.RunPython(rename_municipality, migrations.RunPython.noop)]
