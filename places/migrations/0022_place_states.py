# Reserved so that parallel work can add its operations here without conflicting leaves;
# an empty migration changes nothing.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("places", "0021_event_proposals")]

    operations = []
