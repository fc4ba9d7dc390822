"""Example details for the real places, marked as demo (see places.demo)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from places import demo
from places.models import Place


class Command(BaseCommand):
    help = (
        "Fill the empty details of the places (management form, opening hours, costs, "
        "contact, year figures, a history of openings, closings and takeovers…) with "
        "seeded example values, marked as demo; --remove takes "
        "them away again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2016)
        parser.add_argument("--commit", action="store_true", help="Write (otherwise a dry run).")
        parser.add_argument(
            "--remove", action="store_true", help="Remove every demo value instead."
        )

    @transaction.atomic
    def handle(self, seed, commit, remove, **options):
        places = Place.objects.select_related("place_type", "buurt").order_by("pk")
        if remove:
            count = demo.remove(places)
            self.stdout.write(f"Demo details removed from {count} places.")
        else:
            count = demo.generate(places.filter(demo_fields=[]), seed)
            self.stdout.write(f"Demo details added to {count} of {places.count()} places.")
        if not commit:
            transaction.set_rollback(True)
            self.stdout.write("Dry run: nothing was written. Add --commit.")
