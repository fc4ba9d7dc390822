import pytest
from django.core.management import CommandError, call_command

from places.importers.areas import import_areas
from places.models import Area
from tests.helpers.paths import REAL_AREAS, TEST_DATA

pytestmark = pytest.mark.django_db
DATA = TEST_DATA


def test_counts_per_kind(real_areas):
    assert Area.objects.gemeenten().count() == 1
    assert Area.objects.wijken().count() == 110
    assert Area.objects.buurten().count() == 518


def test_invalid_boundaries_are_repaired_not_dropped(real_areas):
    wijk = Area.objects.get(code="WK0363NF")
    assert wijk.geometry.valid
    assert wijk.geometry.area > 100_000  # m², RD New


def test_the_wijk_of_a_buurt_comes_from_its_code(real_areas):
    buurt = Area.objects.get(code="BU0363ED04")
    assert buurt.parent.code == "WK0363ED"
    assert buurt.parent.parent.code == "GM0363"
    assert not Area.objects.buurten().exclude(parent__kind="wijk").exists()


def test_reimport_updates_in_place(real_areas):
    report = import_areas(real_areas, commit=True)
    assert report.total("updated") == 629 and report.total("created") == 0
    assert Area.objects.count() == 629


def test_dry_run_writes_nothing(db):
    import_areas(REAL_AREAS)
    assert not Area.objects.exists()


def test_a_file_that_is_not_geographic_changes_nothing(db):
    with pytest.raises(CommandError, match="Er is niets geïmporteerd"):
        call_command("import_areas", str(DATA / "not-geojson.txt"), "--commit")
    assert not Area.objects.exists()
