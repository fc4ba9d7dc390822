import factory
from django.conf import settings
from django.contrib.gis.geos import MultiPolygon, Point, Polygon

from places.models import Area, Organisation, Place, PlaceType


def web_square(lng, lat, half=0.005):
    """A square MultiPolygon around (lng, lat), in WGS84."""
    return MultiPolygon(
        Polygon.from_bbox((lng - half, lat - half, lng + half, lat + half)), srid=settings.WEB_SRID
    )


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"BU0363Z{n:03d}")
    name = factory.Sequence(lambda n: f"Buurt {n}")
    kind = Area.Kind.BUURT
    geometry = factory.LazyFunction(lambda: web_square(4.90, 52.37))


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Stichting {n}")


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    name = factory.Sequence(lambda n: f"Buurtkamer {n}")
    place_type = factory.LazyFunction(lambda: PlaceType.objects.get(slug="buurtkamer"))
    location = factory.LazyFunction(lambda: Point(4.90, 52.37, srid=settings.WEB_SRID))
    street = "Dorpsstraat"
    house_number = "1"
    postcode = "1011AA"
    city = "Amsterdam"
    is_published = True
