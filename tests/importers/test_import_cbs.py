"""import_areas reading CBS's Wijk- en buurtkaart GeoPackage (a small one built with GDAL)."""

import pytest
from django.contrib.gis.geos import Point
from django.core.management import CommandError, call_command

from places.models import Area, Place
from places.policy import figures
from tests.helpers.factories import PlaceFactory
from tests.importers.cbs_kaart import ORIGIN, build_kaart

pytestmark = pytest.mark.django_db


@pytest.fixture
def kaart(tmp_path):
    return build_kaart(tmp_path)


@pytest.fixture
def beekdal(kaart, vocabularies):
    call_command("import_areas", str(kaart), "--gemeente", "GM1999", "--commit")
    return kaart


def test_only_the_chosen_gemeente_is_imported(beekdal):
    assert list(Area.objects.gemeenten().values_list("name", flat=True)) == ["Beekdal"]
    assert Area.objects.wijken().count() == 2
    assert Area.objects.buurten().count() == 4
    assert not Area.objects.filter(code__startswith="BU1998").exists()


def test_inhabitants_come_from_the_file(beekdal):
    assert Area.objects.get(code="BU19990101").population == 5_000
    assert Area.objects.get(code="WK199901").population == 8_000
    assert Area.objects.get(code="GM1999").population == 8_000


def test_secret_figures_are_unknown_never_negative(beekdal):
    assert Area.objects.get(code="BU19990202").population is None  # -99995
    assert Area.objects.get(code="WK199902").population is None  # -99997
    assert not Area.objects.filter(population__lt=0).exists()


def test_water_and_boundary_year(beekdal):
    assert Area.objects.get(code="BU19990201").water is True
    assert Area.objects.get(code="BU19990202").water is False
    assert set(Area.objects.values_list("boundary_year", flat=True)) == {2024}
    assert Area.objects.get(code="BU19990101").source == "CBS Wijk- en buurtkaart 2024"


def test_the_hierarchy_follows_the_codes(beekdal):
    buurt = Area.objects.get(code="BU19990202")
    assert buurt.parent.code == "WK199902" and buurt.parent.parent.code == "GM1999"


def test_two_gemeenten_at_once(kaart, vocabularies):
    call_command("import_areas", str(kaart), "--gemeente", "GM1999", "1998", "--commit")
    assert set(Area.objects.gemeenten().values_list("code", flat=True)) == {"GM1999", "GM1998"}
    assert Area.objects.get(code="BU19980101").population == 500


def test_dry_run_writes_nothing_and_reports(kaart, vocabularies, capsys):
    call_command("import_areas", str(kaart), "--gemeente", "GM1999")
    out = capsys.readouterr().out
    assert not Area.objects.exists()
    assert "BU19990202" in out and "inwoners onbekend" in out
    assert "Proefrun: er is niets opgeslagen" in out


def test_a_geopackage_needs_a_gemeente(kaart, vocabularies):
    with pytest.raises(CommandError, match="--gemeente GM0599"):
        call_command("import_areas", str(kaart), "--commit")
    assert not Area.objects.exists()


def test_a_gemeente_not_in_the_file_is_named(kaart, vocabularies):
    with pytest.raises(CommandError, match="GM0599"):
        call_command("import_areas", str(kaart), "--gemeente", "GM0599", "--commit")
    assert not Area.objects.exists()


def test_a_reimport_replaces_the_figures(beekdal):
    Area.objects.filter(code="BU19990101").update(population=1)
    call_command("import_areas", str(beekdal), "--gemeente", "GM1999", "--commit")
    assert Area.objects.get(code="BU19990101").population == 5_000
    assert Area.objects.count() == 7


def test_per_10000_works_without_import_population(beekdal):
    PlaceFactory(location=Point(ORIGIN[0] + 500, ORIGIN[1] + 250, srid=28992))
    places = Place.objects.published()
    assert places.get().buurt.code == "BU19990101"
    rows = {row.area.code: row for row in figures.area_figures("buurt", places, 200)}
    assert rows["BU19990101"].per_10000 == 2.0  # 1 place for 5,000 inhabitants
    assert rows["BU19990202"].per_10000 is None  # secret: unknown, not a division by -99995


def test_the_maps_open_on_the_first_gemeente_imported(beekdal):
    from places.models import Municipality

    municipality = Municipality.current()
    assert municipality.gemeente.code == "GM1999"
    (south, west), (north, east) = municipality.map_settings()["extent"]
    assert 52.15 < south < north < 52.17 and 5.38 < west < east < 5.43
