from places.importers.amsterdam import import_places
from places.management.commands._importing import ImportCommand


class Command(ImportCommand):
    help = "Import Gemeente Amsterdam's maatschappelijke voorzieningen (GeoJSON)."

    def run_import(self, path, commit, **options):
        return import_places(path, commit=commit)
