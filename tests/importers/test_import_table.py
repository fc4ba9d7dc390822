"""import_places_table: Beekdal's messy spreadsheet (tests/data/beekdal) through its mapping.

The CSV is Windows-1252 with ';', Dutch headers, an Excel day number as a date and as a house
number, an address without a house number, a duplicate row, RD coordinates, an address only
PDOK can place (a recorded answer), one PDOK does not know, an unknown management form and
an unknown type.
"""

import csv
import datetime

import pytest
from django.core.management import CommandError, call_command

from places.models import Place, PlaceType
from places.models.history import ChangeKind
from tests.importers.conftest import BEEKDAL

pytestmark = pytest.mark.django_db
SHEET = BEEKDAL / "huizen-van-de-wijk.csv"
MAPPING = BEEKDAL / "mapping.toml"


@pytest.fixture
def run(tmp_path, beekdal_areas, beekdal_pdok, capsys):
    def run(*extra, sheet=SHEET, mapping=MAPPING):
        report = tmp_path / "rapport.csv"
        call_command(
            "import_places_table",
            str(sheet),
            "--mapping",
            str(mapping),
            "--report",
            str(report),
            "--geocode-cache",
            str(tmp_path / "pdok.json"),
            *extra,
        )
        out = capsys.readouterr().out
        with open(report, encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle, delimiter=";"))
        return out, {int(row["regel"]): row for row in rows}

    return run


def test_the_dry_run_reports_every_row_and_writes_nothing(run):
    out, report = run()
    assert not Place.objects.exists()
    assert "nieuw: 3, bijgewerkt: 0, ongewijzigd: 0, overgeslagen: 1, geweigerd: 4" in out
    assert {line: row["uitkomst"] for line, row in report.items()} == {
        2: "nieuw",
        3: "nieuw",
        4: "geweigerd",
        5: "overgeslagen",
        6: "nieuw",
        7: "geweigerd",
        8: "geweigerd",
        9: "geweigerd",
    }


def test_unknown_values_are_listed_not_guessed(run):
    out, report = run()
    assert "Onbekende waarden voor beheervorm: “Bewonersinitiatief” (1×)" in out
    assert "Onbekende waarden voor soort: “Taalcafé” (1×)" in out
    assert report[7]["waarom"] == "onbekende beheervorm “Bewonersinitiatief”"
    assert report[9]["waarom"] == "onbekend type “Taalcafé”"


def test_each_refusal_says_why(run):
    _out, report = run()
    assert report[4]["waarom"].startswith("geen huisnummer: het adres is niet te plaatsen")
    assert report[5]["waarom"] == "dezelfde plek als regel 2"
    assert report[8]["waarom"] == "PDOK kent het adres “Zuidstraat 99, 3811KL Beekdal” niet"


def test_the_places_as_the_spreadsheet_meant_them(run):
    run("--commit")
    reunie = Place.objects.get(external_id="id:101")
    assert reunie.name == "Huis van de Wijk De Reünie"  # Windows-1252 read as such
    assert reunie.place_type.slug == "huis-van-de-wijk"
    assert reunie.management_form == "sociaal_beheer"
    assert (reunie.postcode, reunie.city, reunie.phone) == ("3811AB", "Beekdal", "033 123 45 67")
    assert reunie.last_verified_at.date() == datetime.date(2024, 1, 1)  # Excel's 45292
    assert reunie.buurt.code == "BU19990101" and reunie.is_published
    huiskamer = Place.objects.get(external_id="id:102")
    assert huiskamer.place_type.slug == "huiskamer" and huiskamer.management_form == "zelfbeheer"
    assert huiskamer.buurt.code == "BU19990102"  # where PDOK put the address
    assert huiskamer.last_verified_at.date() == datetime.date(2024, 3, 15)


def test_rd_coordinates_and_an_excel_house_number(run):
    _out, report = run("--commit")
    vlinder = Place.objects.get(external_id="id:104")
    assert vlinder.house_number == "" and vlinder.management_form == "particulier_initiatief"
    assert vlinder.buurt.code == "BU19990101"
    assert "huisnummer 45050 is niet te lezen: weggelaten" in report[6]["waarom"]


def test_pdok_is_asked_for_addresses_in_the_gemeente_once(run, beekdal_pdok):
    run()
    assert sorted(beekdal_pdok.requests) == [
        "Oosterlaan 7, 3811CD Beekdal",
        "Zuidstraat 99, 3811KL Beekdal",
    ]
    assert all(f == ["type:adres", "gemeentecode:1999"] for f in beekdal_pdok.filters)
    run("--commit")  # resumed: the answers are in the cache file
    assert len(beekdal_pdok.requests) == 2
    assert Place.objects.get(external_id="id:102").buurt.code == "BU19990102"


def test_importing_again_changes_nothing(run):
    run("--commit")
    records = Place.history.count()
    out, _report = run("--commit")
    assert "nieuw: 0, bijgewerkt: 0, ongewijzigd: 3" in out
    assert Place.history.count() == records and Place.objects.count() == 3


def changed_sheet(tmp_path, old, new):
    text = SHEET.read_bytes().decode("cp1252").replace(old, new)
    path = tmp_path / "gewijzigd.csv"
    path.write_bytes(text.encode("cp1252"))
    return path


def test_a_changed_row_updates_the_place_and_keeps_its_history(run, tmp_path):
    run("--commit")
    sheet = changed_sheet(tmp_path, "033 123 45 67", "033 765 43 21")
    out, report = run("--commit", sheet=sheet)
    reunie = Place.objects.get(external_id="id:101")
    assert reunie.phone == "033 765 43 21" and report[2]["uitkomst"] == "bijgewerkt"
    assert [r.change_kind for r in reunie.history.all()] == [ChangeKind.IMPORT] * 2
    assert reunie.history.last().phone == "033 123 45 67"


def test_an_edit_on_the_site_is_not_overwritten_unless_asked(run, tmp_path):
    run("--commit")
    reunie = Place.objects.get(external_id="id:101")
    reunie.phone = "06 11 22 33 44"  # the owner's number
    reunie.save()
    sheet = changed_sheet(tmp_path, "033 123 45 67", "033 765 43 21")
    _out, report = run("--commit", sheet=sheet)
    assert Place.objects.get(pk=reunie.pk).phone == "06 11 22 33 44"
    assert report[2]["uitkomst"] == "overgeslagen"
    assert "bewerkt op de site sinds de vorige import" in report[2]["waarom"]
    run("--commit", "--overwrite-edited", sheet=sheet)
    assert Place.objects.get(pk=reunie.pk).phone == "033 765 43 21"


def test_new_type_names_are_created_on_request(run):
    out, report = run("--commit", "--create-types")
    assert PlaceType.objects.get(name="Taalcafé").slug == "taalcafe"
    assert Place.objects.get(external_id="id:107").place_type.name == "Taalcafé"
    assert "Nieuwe types: Taalcafé" in out and report[9]["uitkomst"] == "nieuw"


def test_an_interrupted_import_changes_nothing(run, monkeypatch):
    saved = []
    original = Place.save

    def save(self, *args, **kwargs):
        if saved:
            raise KeyboardInterrupt
        saved.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(Place, "save", save)
    with pytest.raises(KeyboardInterrupt):
        run("--commit")
    assert not Place.objects.exists()


def test_a_mapping_naming_a_missing_column_imports_nothing(run, tmp_path):
    mapping = tmp_path / "fout.toml"
    mapping.write_text(MAPPING.read_text(encoding="utf-8").replace('"Straat"', '"Straatnaam"'))
    with pytest.raises(CommandError, match="Straatnaam"):
        run("--commit", mapping=mapping)
    assert not Place.objects.exists()
