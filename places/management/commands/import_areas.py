from places.importers.areas import import_areas
from places.management.commands._importing import ImportCommand


class Command(ImportCommand):
    help = "Import gemeenten, wijken and buurten (GeoJSON with CBS codes)."

    def run_import(self, path, commit):
        return import_areas(path, commit=commit)
