"""Rebuild the pre-aggregated clusters of the public map (places/mapcells.py).

For cron, e.g. every minute: `manage.py aggregate_map --if-stale` does nothing while the
cells match the data version. A register of a few thousand places does not need it.
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from places.maps import cells as mapcells
from places.models import MapCellsBuilt


class Command(BaseCommand):
    help = "Rebuild the pre-aggregated map clusters of the public map."

    def add_arguments(self, parser):
        parser.add_argument("--if-stale", action="store_true", help="only when the data changed")
        parser.add_argument("--database", default="default")

    def handle(self, if_stale, database, **options):
        built = MapCellsBuilt.objects.using(database).filter(pk=1).first()
        if if_stale and mapcells.is_current(built, database):
            self.stdout.write(_("Map clusters are up to date."))
            return
        cells = mapcells.build(database)
        self.stdout.write(_("Map clusters rebuilt: %(cells)s cells.") % {"cells": f"{cells:,}"})
