import pytest
from django.core.management import CommandError, call_command

from places.importers.amsterdam import SOURCE, import_places
from places.models import Place
from tests.helpers.paths import REAL_PLACES, TEST_DATA

pytestmark = pytest.mark.django_db
DATA = TEST_DATA
MESSY = DATA / "places-messy.geojson"
REAL = REAL_PLACES


def test_messy_file_imports_the_good_rows(amsterdam):
    report = import_places(MESSY, commit=True)
    names = set(Place.objects.values_list("name", flat=True))
    assert names == {
        "Zelfbeheer Buurtkamer Het Anker",
        "Huis van de Wijk De Boeg",
        "Zeven Zee?n",
        "<img src=x onerror=alert(1)>",
    }
    assert report.total("created") == 4


def test_messy_file_lists_the_bad_rows_with_a_reason(amsterdam):
    report = import_places(MESSY, commit=True)
    refused = dict(report.refused)
    assert set(refused) == {"T6", "T7", "T8", "rij 9"}
    assert refused["T6"] == "geen puntgeometrie"
    assert "buiten Nederland" in refused["T7"]
    assert refused["T8"] == "geen naam"
    assert refused["rij 9"] == "geen MVZN_ID"


def test_other_categories_are_skipped_and_counted(amsterdam):
    report = import_places(MESSY, commit=True)
    assert report.skipped == {"Primair onderwijs": 1, "Bewegingsonderwijs": 1}


def test_messy_house_numbers_are_kept_as_text_and_reported(amsterdam):
    report = import_places(MESSY, commit=True)
    assert Place.objects.get(external_id="T1").house_number == "65-H-H"
    remarks = [message for row, message in report.warnings if row == "T2"]
    assert any("Excel" in message for message in remarks)


def test_an_unreadable_house_number_is_not_published_and_is_flagged(amsterdam):
    import_places(MESSY, commit=True)
    place = Place.objects.get(external_id="T2")  # "45749": Excel's 1-4 or 4-1
    assert place.house_number == ""
    assert "45749" not in place.address
    assert [report.message for report in place.reports.all()] == [
        "Import: het huisnummer '45749' in de bron is onleesbaar (een Excel-datum?). Het adres "
        "staat er zonder nummer. Zoek het juiste nummer op en vul het in."
    ]
    import_places(MESSY, commit=True)  # again: one flag, not two
    assert place.reports.count() == 1


def test_a_house_number_the_redactie_filled_in_stays(amsterdam):
    import_places(MESSY, commit=True)
    place = Place.objects.get(external_id="T2")
    place.house_number = "4-1"
    place.save()
    import_places(MESSY, commit=True)
    place.refresh_from_db()
    assert place.house_number == "4-1"


def test_fields_are_mapped(amsterdam):
    import_places(MESSY, commit=True)
    anker = Place.objects.get(external_id="T1")
    assert anker.management_form == Place.ManagementForm.SELF
    assert anker.place_type.slug == "buurtkamer"
    assert anker.postcode == "1011AB"
    assert anker.buurt == amsterdam["west"]
    assert anker.city == "Amsterdam"
    assert anker.is_published and anker.source == SOURCE
    boeg = Place.objects.get(external_id="T2")
    assert boeg.place_type.slug == "huis-van-de-wijk"
    assert boeg.management_form == Place.ManagementForm.UNKNOWN


def test_import_is_idempotent_by_external_id(amsterdam):
    import_places(MESSY, commit=True)
    report = import_places(MESSY, commit=True)
    assert Place.objects.count() == 4
    assert report.total("unchanged") == 4 and report.total("created") == 0


def test_a_changed_row_is_updated_not_duplicated(amsterdam):
    import_places(MESSY, commit=True)
    Place.objects.filter(external_id="T1").update(street="Oude naam")
    report = import_places(MESSY, commit=True)
    assert report.total("updated") == 1
    assert Place.objects.get(external_id="T1").street == "Teststraat"


def test_dry_run_writes_nothing(amsterdam):
    report = import_places(MESSY, commit=False)
    assert report.total("created") == 4
    assert not Place.objects.exists()


def test_a_file_that_is_not_geojson_changes_nothing_and_says_why(amsterdam, capsys):
    import_places(MESSY, commit=True)
    with pytest.raises(CommandError, match="Er is niets geïmporteerd.*geen GeoJSON-bestand"):
        call_command("import_places", str(DATA / "not-geojson.txt"), "--commit")
    assert Place.objects.count() == 4


def test_command_reports_per_category(amsterdam, capsys):
    call_command("import_places", str(MESSY), "--commit")
    out = capsys.readouterr().out
    assert "Buurtkamer: nieuw 2" in out
    assert "Primair onderwijs: 1" in out
    assert "T7:" in out


def test_the_real_amsterdam_file(real_areas):
    report = import_places(REAL, commit=True)
    assert report.total("created") == 308
    assert not report.refused
    huizen = Place.objects.filter(place_type__slug="huis-van-de-wijk")
    kamers = Place.objects.filter(place_type__slug="buurtkamer")
    assert huizen.count() == 43 and kamers.count() == 149
    assert not huizen.filter(buurt=None).exists() and not kamers.filter(buurt=None).exists()
    assert Place.objects.get(name="De Boeg").buurt.code == "BU0363ED04"
    assert Place.objects.get(name="Activiteitencentrum VONK").buurt.code == "BU0363MF03"
    assert Place.objects.get(name="Buurtboederij Ons Genoegen").buurt.code == "BU0363EB02"
