"""A small town with costs and year figures for 2025, for the costs-and-achievements tests
(the table of places and what they reported is in tests/policy/test_results.py)."""

from decimal import Decimal

from places.models import Area, YearFigures, YearlyCosts
from tests.helpers.factories import PlaceFactory
from tests.helpers.geo import at, square


def costs(place, year=2025, **amounts):
    YearlyCosts.objects.create(
        place=place, year=year, **{k: Decimal(v) for k, v in amounts.items()}
    )


def figures(place, year=2025, **values):
    YearFigures.objects.create(place=place, year=year, **values)


def make_town(city):
    """Wijk V with Eenling beside the `city` fixture's Wijk W; their 2025 costs and figures."""
    wijk_v = Area.objects.create(
        code="WK999902",
        name="Wijk V",
        kind="wijk",
        parent=city["wijk"].parent,
        geometry=square(2000, 0, 3400),
        population=2610,
    )
    for code, name, x, population in (
        ("BU99990201", "Buurt V1", 2000, 100),
        # More than 800 m from every place: all its 2,500 inhabitants are beyond 800 m.
        ("BU99990202", "Verre Buurt", 3400, 2500),
        ("BU99990203", "Haven", 4400, 10),  # as far, but nearly nobody lives there
    ):
        Area.objects.create(
            code=code,
            name=name,
            kind="buurt",
            parent=wijk_v,
            geometry=square(x, 0),
            population=population,
        )
    alone = PlaceFactory(
        name="Eenling",
        location=at(2500, 500),
        management_form="particulier_initiatief",
        opening_hours="Mo 10:00-14:00",
    )
    concept = PlaceFactory(name="Concept", location=at(2600, 500), is_published=False)
    costs(city["centre"], rent=3000, operating_costs=2200, subsidy=2600)
    figures(
        city["centre"],
        visitors_per_week=20,
        target_visitors_per_week=15,
        activities=4,
        target_activities=5,
    )
    costs(city["corner"], rent=10400)
    figures(city["corner"], visitors_per_week=50, target_visitors_per_week=50, activities=3)
    costs(city["east"], operating_costs=15600, subsidy=15600)
    figures(city["east"], target_visitors_per_week=25)
    costs(alone, rent=2080, subsidy=1040)
    figures(alone, visitors_per_week=8)
    # Other years and unpublished places count nowhere in 2025.
    costs(city["corner"], year=2024, rent=99999)
    figures(city["east"], year=2024, visitors_per_week=99, target_visitors_per_week=1)
    costs(concept, rent=1000)
    figures(concept, visitors_per_week=1, target_visitors_per_week=1)
    return {**city, "alone": alone}
