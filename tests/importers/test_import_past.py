"""Importing the past (issue 19): opening and closing dates in the table import, and a
spreadsheet of dated events (import_place_events) with the dry-run-first rules."""

import csv

import pytest
from django.core.management import CommandError, call_command

from places.importers.mapping import mapping_from
from places.importers.table_import import import_table
from places.importers.tables import read_table
from places.models import Place, PlaceEvent
from places.models.events import disagreements

pytestmark = pytest.mark.django_db
MAPPING = {
    "source": "wijkhuizen",
    "fields": {
        "name": "Naam",
        "place_type": {"value": "buurthuis"},
        "opened_on": "Geopend",
        "closed_on": "Gesloten",
    },
    "location": {"lat": "lat", "lon": "lon"},
}


def write_csv(path, header, rows, delimiter=";"):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def story(place):
    return [
        (e.kind, str(e.happened_on), e.precision)
        for e in PlaceEvent.objects.filter(place=place).chronological()
    ]


@pytest.fixture
def sheet(tmp_path):
    return write_csv(
        tmp_path / "wijkhuizen.csv",
        ["Naam", "Geopend", "Gesloten", "lat", "lon"],
        [
            ["Buurthuis De Pijp", "2019", "", "52.355", "4.895"],
            ["Buurthuis Oost", "2016-03", "3-1-2023", "52.360", "4.920"],
            ["Buurthuis West", "ooit", "", "52.370", "4.870"],
        ],
    )


def test_the_table_import_gives_opening_and_closing_events(sheet, amsterdam):
    report = import_table(read_table(sheet), mapping_from(MAPPING))
    assert not Place.objects.exists() and not PlaceEvent.objects.exists()  # a dry run
    assert "datum ooit is niet te lezen: weggelaten" in " ".join(report.lines())

    import_table(read_table(sheet), mapping_from(MAPPING), commit=True)
    pijp = Place.objects.get(name="Buurthuis De Pijp")
    assert story(pijp) == [("opened", "2019-01-01", "year")]
    assert (str(pijp.opened_on), pijp.status) == ("2019-01-01", "active")
    oost = Place.objects.get(name="Buurthuis Oost")
    assert story(oost) == [("opened", "2016-03-01", "month"), ("closed", "2023-01-03", "day")]
    assert (oost.status, str(oost.closed_on)) == ("closed", "2023-01-03")
    assert all(e.remark.startswith("import wijkhuizen") for e in PlaceEvent.objects.all())
    assert disagreements(oost) == [] and disagreements(pijp) == []
    west = Place.objects.get(name="Buurthuis West")
    assert west.opened_on is None and not west.events.exists()


def test_importing_the_table_again_changes_nothing(sheet, amsterdam):
    import_table(read_table(sheet), mapping_from(MAPPING), commit=True)
    report = import_table(read_table(sheet), mapping_from(MAPPING), commit=True)
    assert report.count("unchanged") == 3
    assert PlaceEvent.objects.count() == 3


def test_a_later_closing_in_the_table_closes_the_place(sheet, tmp_path, amsterdam):
    import_table(read_table(sheet), mapping_from(MAPPING), commit=True)
    later = write_csv(
        tmp_path / "later.csv",
        ["Naam", "Geopend", "Gesloten", "lat", "lon"],
        [["Buurthuis De Pijp", "2019", "2024-06", "52.355", "4.895"]],
    )
    import_table(read_table(later), mapping_from(MAPPING), commit=True)
    pijp = Place.objects.get(name="Buurthuis De Pijp")
    assert pijp.status == "closed" and story(pijp)[-1][:2] == ("closed", "2024-06-01")
    assert story(pijp)[-1][2] == "month"


# The spreadsheet of events.


@pytest.fixture
def run(capsys):
    def run(path, *extra):
        call_command("import_place_events", str(path), *extra)
        return capsys.readouterr().out

    return run


def event_rows(places):
    kamer, huis = places["kamer"], places["huis"]
    return [
        [str(kamer.pk), "geopend", "2015", "", "jaarverslag 2015"],
        [kamer.slug, "beheervorm gewijzigd", "3-2021", "Zelfbeheer", ""],
        [str(huis.pk), "type gewijzigd", "1-9-2017", "Buurthuis", "raadsbesluit"],
        ["999999", "gesloten", "2020", "", ""],
        [str(kamer.pk), "verbouwd", "2020", "", ""],
        [str(huis.pk), "beheervorm gewijzigd", "2020", "coöperatie", ""],
        [str(huis.pk), "gesloten", "volgend jaar", "", ""],
    ]


HEADER = ["Plek", "Gebeurtenis", "Datum", "Nieuwe waarde", "Bron"]


def test_the_dry_run_reports_every_row_in_dutch_and_writes_nothing(tmp_path, places, run):
    path = write_csv(tmp_path / "verleden.csv", HEADER, event_rows(places))
    out = run(path)
    assert not PlaceEvent.objects.exists()
    assert "nieuw: 3" in out and "geweigerd: 4" in out
    assert "Onbekende waarden voor plek: “999999” (1×)" in out
    assert "Onbekende waarden voor gebeurtenis: “verbouwd” (1×)" in out
    assert "Onbekende waarden voor nieuwe waarde: “coöperatie” (1×)" in out
    assert "datum “volgend jaar” is niet te lezen (schrijf 4-3-2019, 2019-03 of 2019)" in out
    assert "Proefrun: er is niets opgeslagen." in out


def test_with_commit_the_events_tell_the_story_and_set_the_place(tmp_path, places, run):
    kamer, huis = places["kamer"], places["huis"]
    Place.objects.filter(pk=kamer.pk).update(management_form="sociaal_beheer")
    path = write_csv(tmp_path / "verleden.csv", HEADER, event_rows(places))
    run(path, "--commit")
    kamer.refresh_from_db()
    huis.refresh_from_db()
    assert story(kamer) == [
        ("opened", "2015-01-01", "year"),
        ("management_form", "2021-03-01", "month"),
    ]
    assert kamer.management_form == "zelfbeheer" and str(kamer.opened_on) == "2015-01-01"
    assert kamer.events.get(kind="opened").remark == "jaarverslag 2015"
    assert kamer.events.get(kind="management_form").remark == "import verleden.csv"
    assert huis.place_type.name == "Buurthuis" and huis.events.get().remark == "raadsbesluit"
    assert disagreements(kamer) == [] and disagreements(huis) == []
    again = run(path, "--commit")
    assert "ongewijzigd: 3" in again and PlaceEvent.objects.count() == 3


def test_an_xlsx_with_date_cells(tmp_path, places, run):
    import datetime

    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["place", "event", "date"])
    book.active.append([places["kamer"].pk, "temporarily_closed", datetime.date(2020, 3, 16)])
    book.active.append([places["kamer"].pk, "heropend", "2020-06"])
    book.save(tmp_path / "corona.xlsx")
    run(tmp_path / "corona.xlsx", "--commit")
    kamer = Place.objects.get(pk=places["kamer"].pk)
    assert story(kamer) == [
        ("temporarily_closed", "2020-03-16", "day"),
        ("reopened", "2020-06-01", "month"),
    ]
    assert kamer.status == "active"


def test_a_file_without_the_needed_columns_imports_nothing(tmp_path, places, run):
    path = write_csv(tmp_path / "fout.csv", ["Plek", "Wat"], [[str(places["kamer"].pk), "x"]])
    with pytest.raises(CommandError, match="Er is niets geïmporteerd.*“gebeurtenis”, “datum”"):
        run(path, "--commit")


def test_hostile_text_stays_text(tmp_path, places, run, client):
    kamer = places["kamer"]
    hostile = "<script>alert(1)</script>"
    path = write_csv(tmp_path / "x.csv", HEADER, [[kamer.pk, "verhuisd", "2022", hostile, hostile]])
    run(path, "--commit")
    page = client.get(kamer.get_absolute_url()).content.decode()
    assert (
        hostile not in page
        and "In 2022 verhuisd naar &lt;script&gt;alert(1)&lt;/script&gt;" in page
    )
