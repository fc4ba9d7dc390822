from django.utils.translation import gettext as _

from places.importers.areas import import_areas
from places.management.commands._importing import ImportCommand


class Command(ImportCommand):
    help = (
        "Import gemeenten, wijken and buurten: GeoJSON with CBS codes, or CBS's Wijk- en "
        "buurtkaart GeoPackage with --gemeente GM0599 (inhabitants, water and year included)."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--gemeente",
            action="extend",
            nargs="+",
            default=[],
            metavar="GM0599",
            help=_("only this gemeente (one or more CBS codes); required for a GeoPackage"),
        )

    def handle(self, file, commit, gemeente, **options):
        self.gemeenten = gemeente
        super().handle(file, commit, **options)

    def run_import(self, path, commit):
        return import_areas(path, commit=commit, gemeenten=self.gemeenten)
