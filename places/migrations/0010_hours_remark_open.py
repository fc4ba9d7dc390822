"""The week grid wrote a remark as 'Sa 10:00-14:00 "inloop"', meaning open with a remark. By
the OSM specification a rule whose only modifier is a comment is unknown, and places.hours
now reads it so; the grid writes 'Sa 10:00-14:00 open "inloop"'. Stored values the grid wrote
get the 'open' they meant."""

import re

from django.db import migrations

GRID_RULE = re.compile(
    r'^(?P<days>[A-Za-z,\-]+ \d{2}:\d{2}-\d{2}:\d{2}(?:,\d{2}:\d{2}-\d{2}:\d{2})*) "(?P<remark>[^"]*)"$'
)


def with_open(text):
    rules = [rule.strip() for rule in text.split(";")]
    changed = [GRID_RULE.sub(r'\g<days> open "\g<remark>"', rule) for rule in rules]
    return "; ".join(changed) if changed != rules else text


def forwards(apps, schema_editor):
    Place = apps.get_model("places", "Place")
    for pk, text in Place.objects.filter(opening_hours__contains='"').values_list(
        "pk", "opening_hours"
    ):
        new = with_open(text)
        if new != text:
            Place.objects.filter(pk=pk).update(opening_hours=new)


class Migration(migrations.Migration):
    dependencies = [("places", "0009_invitations_one_line_text")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
