"""An import interrupted halfway leaves the database as it was (issue 8, item 13).

The interruption is real, not mocked: a trigger makes the database refuse one row in the
middle of the file, after the rows before it were written, or (PostGIS) kill the importing
connection at that row.
"""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection

from places.importers.amsterdam import CATEGORY_TYPES
from places.models import Area, Place
from tests.helpers.paths import REAL_AREAS

REAL_PLACES = REAL_AREAS.parent / "places-amsterdam.geojson"
postgis_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostGIS")
# Transactional: each import's own transaction is the outermost one, as in production.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def interrupt_at():
    """interrupt_at(table, column, value): the database fails the write of that row."""
    made = []

    def install(table, column, value, kill=False):
        value = str(value).replace("'", "''")
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                stop = (
                    "PERFORM pg_terminate_backend(pg_backend_pid()); PERFORM pg_sleep(5);"
                    if kill
                    else "RAISE EXCEPTION 'import interrupted by the test';"
                )
                cursor.execute(
                    "CREATE FUNCTION interrupt_import() RETURNS trigger LANGUAGE plpgsql "
                    f"AS $$ BEGIN {stop} RETURN NEW; END $$"
                )
                cursor.execute(
                    f"CREATE TRIGGER interrupt_import BEFORE INSERT OR UPDATE ON {table} "
                    f"FOR EACH ROW WHEN (NEW.{column} = '{value}') "
                    "EXECUTE FUNCTION interrupt_import()"
                )
            else:
                for event in ("INSERT", "UPDATE"):
                    cursor.execute(
                        f"CREATE TRIGGER interrupt_import_{event} BEFORE {event} ON {table} "
                        f"WHEN NEW.{column} = '{value}' "
                        "BEGIN SELECT RAISE(ABORT, 'import interrupted by the test'); END"
                    )
        made.append(table)

    yield install
    connection.close()  # a killed connection is reopened for the clean-up
    with connection.cursor() as cursor:
        for table in made:
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS interrupt_import ON {table}")
                cursor.execute("DROP FUNCTION IF EXISTS interrupt_import()")
            else:
                for event in ("INSERT", "UPDATE"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS interrupt_import_{event}")


def snapshot():
    """Every row the imports touch, with every column, and the history of places."""
    return {
        "places": list(Place.objects.order_by("pk").values()),
        "areas": list(Area.objects.order_by("pk").values()),
        "history": Place.history.count(),
    }


def changed_copy(source, target, rename, extra=()):
    """A copy of a GeoJSON file with every feature renamed, plus extra features."""
    data = json.loads(source.read_text(encoding="utf-8"))
    for feature in data["features"]:
        rename(feature["properties"])
    data["features"].extend(extra)
    target.write_text(json.dumps(data), encoding="utf-8")
    return target


def middle_place_id(path):
    ids = [
        f["properties"]["MVZN_ID"]
        for f in json.loads(path.read_text(encoding="utf-8"))["features"]
        if f["properties"].get("Categorie") in CATEGORY_TYPES and f["properties"].get("MVZN_ID")
    ]
    return ids[len(ids) // 2]


def renamed_places(props):
    props["Naam"] = f"{props.get('Naam')} (gewijzigd)"


def new_place(number):
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [4.9, 52.37]},
        "properties": {
            "MVZN_ID": f"NIEUW-{number}",
            "Naam": f"Nieuw {number}",
            "Categorie": "Buurtkamer",
        },
    }


@pytest.fixture
def imported(real_areas):
    call_command("import_places", str(REAL_PLACES), "--commit")
    return snapshot()


def test_an_interrupted_place_import_changes_nothing(imported, interrupt_at, tmp_path):
    changed = changed_copy(
        REAL_PLACES, tmp_path / "places.geojson", renamed_places, [new_place(n) for n in range(3)]
    )
    interrupt_at("places_place", "external_id", middle_place_id(REAL_PLACES))
    with pytest.raises(CommandError, match="Er is niets geïmporteerd.*zoals het was"):
        call_command("import_places", str(changed), "--commit")
    assert snapshot() == imported
    assert len(imported["places"]) > 200 and imported["history"] == len(imported["places"])


@postgis_only
def test_a_place_import_that_loses_its_connection_changes_nothing(imported, interrupt_at, tmp_path):
    changed = changed_copy(REAL_PLACES, tmp_path / "places.geojson", renamed_places)
    interrupt_at("places_place", "external_id", middle_place_id(REAL_PLACES), kill=True)
    with pytest.raises(CommandError, match="niets geïmporteerd.*administrator command"):
        call_command("import_places", str(changed), "--commit")
    connection.close()
    assert snapshot() == imported


def test_an_interrupted_area_import_changes_nothing(real_areas, interrupt_at, tmp_path):
    before = snapshot()
    assert len(before["areas"]) == 629

    def rename(props):
        props["name"] = f"{props['name']} (gewijzigd)"

    changed = changed_copy(REAL_AREAS, tmp_path / "areas.geojson", rename)
    interrupt_at("places_area", "code", "BU0363ED04")  # a buurt: gemeente and wijken are done
    with pytest.raises(CommandError, match="Er is niets geïmporteerd"):
        call_command("import_areas", str(changed), "--commit")
    assert snapshot() == before


def test_an_interrupted_population_import_changes_nothing(city, interrupt_at, tmp_path):
    before = snapshot()
    path = tmp_path / "inwoners.csv"
    path.write_text("code;inwoners\nWK999901;4600\nBU99990101;4100\nBU99990102;510\n")
    interrupt_at("places_area", "code", "BU99990102")  # the last row
    with pytest.raises(CommandError, match="Er is niets geïmporteerd"):
        call_command("import_population", str(path), "--commit")
    assert snapshot() == before


@postgis_only
def test_an_interrupted_generate_places_changes_nothing(vocabularies, interrupt_at):
    """The benchmark generator replaces its earlier rows: interrupted, it keeps them."""
    call_command("generate_places", "300", "--seed", "7", "--commit", stdout=io.StringIO())
    before = snapshot()
    assert len(before["places"]) == 300
    interrupt_at("places_place", "slug", "synthetisch-150")
    with pytest.raises(DatabaseError, match="import interrupted"):
        call_command("generate_places", "300", "--seed", "8", "--commit", stdout=io.StringIO())
    assert snapshot() == before
