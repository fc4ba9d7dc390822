"""The other ways in: XLSX (real date cells), GeoJSON and GeoPackage features, a comma CSV in
UTF-8, and a mapping without an id column (the name, postcode and house number then)."""

import datetime
import json
import subprocess

import pytest
from django.core.management import call_command

from places.importers.mapping import date_of, mapping_from
from places.importers.table_import import import_table
from places.importers.tables import read_table
from places.models import Place

pytestmark = pytest.mark.django_db

BY_ADDRESS = {
    "source": "beekdal-lijst",
    "fields": {
        "name": "Naam",
        "place_type": {"value": "Buurthuis"},
        "street": "Straat",
        "house_number": "Nummer",
        "postcode": "Postcode",
        "last_verified_at": "Gecontroleerd",
    },
    "location": {"lat": "lat", "lon": "lon"},
}


def workbook(path, rows):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Naam", "Straat", "Nummer", "Postcode", "Gecontroleerd", "lat", "lon"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_xlsx_with_date_cells(tmp_path, beekdal_areas):
    path = workbook(
        tmp_path / "lijst.xlsx",
        [
            [
                "Buurthuis De Es",
                "Esweg",
                3,
                "3811 AA",
                datetime.datetime(2024, 5, 6),
                52.15742,
                5.39451,
            ],
            [
                "Buurthuis Het Pad",
                "Padlaan",
                datetime.datetime(2026, 3, 5),
                "3811BB",
                None,
                52.15787,
                5.39889,
            ],
        ],
    )
    report = import_table(
        read_table(path), mapping_from(BY_ADDRESS), commit=True, cache_path=tmp_path / "c.json"
    )
    es = Place.objects.get(name="Buurthuis De Es")
    assert es.house_number == "3" and es.last_verified_at.date() == datetime.date(2024, 5, 6)
    pad = Place.objects.get(name="Buurthuis Het Pad")
    assert pad.house_number == ""  # Excel made a date of "3-5"
    assert "is een datum (Excel?)" in report.outcomes[1].reason


def test_without_an_id_the_address_finds_the_place_again(tmp_path, beekdal_areas):
    rows = [["Buurthuis De Es", "Esweg", 3, "3811AA", None, 52.15742, 5.39451]]
    path = workbook(tmp_path / "lijst.xlsx", rows)
    mapping = mapping_from(BY_ADDRESS)
    import_table(read_table(path), mapping, commit=True, cache_path=tmp_path / "c.json")
    report = import_table(read_table(path), mapping, commit=True, cache_path=tmp_path / "c.json")
    assert report.count("unchanged") == 1 and Place.objects.count() == 1


def test_a_comma_csv_in_utf8(tmp_path, beekdal_areas):
    path = tmp_path / "lijst.csv"
    path.write_text(
        "Naam,Straat,Nummer,Postcode,Gecontroleerd,lat,lon\n"
        '"Buurthuis Café Ü, het",Esweg,3,3811AA,2024-05-06,52.15742,5.39451\n',
        encoding="utf-8",
    )
    table = read_table(path)
    assert (table.encoding, table.delimiter) == ("UTF-8", ",")
    import_table(table, mapping_from(BY_ADDRESS), commit=True, cache_path=tmp_path / "c.json")
    assert Place.objects.get().name == "Buurthuis Café Ü, het"


def feature_collection():
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"Naam": "Buurthuis Het Veld", "Straat": "Veldweg", "Nummer": "8"},
                "geometry": {"type": "Point", "coordinates": [5.39889, 52.15787]},
            }
        ],
    }


GEOGRAPHIC = {
    **BY_ADDRESS,
    "fields": {
        k: v for k, v in BY_ADDRESS["fields"].items() if k not in ("postcode", "last_verified_at")
    },
    "location": {"geometry": True},
}


def test_geojson_features(tmp_path, beekdal_areas):
    path = tmp_path / "plekken.geojson"
    path.write_text(json.dumps(feature_collection()))
    import_table(
        read_table(path), mapping_from(GEOGRAPHIC), commit=True, cache_path=tmp_path / "c.json"
    )
    assert Place.objects.get().buurt.code == "BU19990101"


def test_geopackage_features(tmp_path, beekdal_areas):
    source = tmp_path / "plekken.geojson"
    source.write_text(json.dumps(feature_collection()))
    path = tmp_path / "plekken.gpkg"
    subprocess.run(
        ["ogr2ogr", "-f", "GPKG", "-t_srs", "EPSG:28992", str(path), str(source)], check=True
    )
    import_table(
        read_table(path), mapping_from(GEOGRAPHIC), commit=True, cache_path=tmp_path / "c.json"
    )
    assert Place.objects.get().buurt.code == "BU19990101"


@pytest.mark.parametrize(
    ("cell", "day"),
    [
        (45292, datetime.date(2024, 1, 1)),
        ("45292", datetime.date(2024, 1, 1)),
        ("1-3-2024", datetime.date(2024, 3, 1)),
        ("01/03/2024", datetime.date(2024, 3, 1)),
        ("2024-03-01", datetime.date(2024, 3, 1)),
        (datetime.datetime(2024, 3, 1, 9, 0), datetime.date(2024, 3, 1)),
        ("", None),
    ],
)
def test_dates_as_spreadsheets_write_them(cell, day):
    assert date_of(cell) == day


def test_the_command_shows_progress(tmp_path, beekdal_areas, capsys):
    path = tmp_path / "lijst.csv"
    path.write_text("Naam;lat;lon\nBuurthuis A;52,15742;5,39451\n", encoding="utf-8")
    mapping = tmp_path / "k.toml"
    mapping.write_text(
        '[fields]\nname = "Naam"\nplace_type = { value = "Buurthuis" }\n'
        '[location]\nlat = "lat"\nlon = "lon"\n'
    )
    call_command(
        "import_places_table",
        str(path),
        "--mapping",
        str(mapping),
        "--geocode-cache",
        str(tmp_path / "c.json"),
    )
    assert "] 1/1" in capsys.readouterr().err
    assert (tmp_path / "lijst-rapport.csv").exists()


def test_the_sample_mapping_in_data_reads():
    from places.importers.mapping import read_mapping
    from tests.helpers.paths import DATA

    mapping = read_mapping(DATA / "mapping-voorbeeld.toml")
    assert mapping.gemeente == "0150" and mapping.id_column == "Nr."
    assert mapping.fields["management_form"].values["Bewonersinitiatief"] == "zelfbeheer"
