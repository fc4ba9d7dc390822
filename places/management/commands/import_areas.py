from django.utils.translation import gettext as _

from places.importers.areas import import_areas
from places.importers.cbs import gemeente_digits
from places.management.commands._importing import ImportCommand
from places.models import Area, Municipality


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
        if commit and len(gemeente) == 1:
            self.open_maps_on(gemeente[0])

    def open_maps_on(self, code):
        """The register's first gemeente becomes the one its maps open on (an admin can
        choose another under Beheer › Gemeente-instellingen)."""
        municipality = Municipality.current()
        area = Area.objects.gemeenten().filter(code=f"GM{gemeente_digits([code])[0]}").first()
        if municipality.gemeente_id is None and area is not None:
            municipality.gemeente = area
            municipality.save()
            self.stdout.write(_("The maps now open on %(name)s.") % {"name": area.name})

    def run_import(self, path, commit, **options):
        return import_areas(path, commit=commit, gemeenten=self.gemeenten)
