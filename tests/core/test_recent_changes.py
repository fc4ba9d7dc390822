"""The redactie's recent changes: the history's sentences, filtered by kind of change, person,
wijk and date, and an import as one line per run (issue 15, item 6)."""

import datetime

import pytest
from django.urls import reverse

from places.importers.amsterdam import import_places
from places.models import Area, Place
from tests.core.test_history_words import visible_text
from tests.helpers.accounts import log_in
from tests.helpers.factories import AreaFactory, PlaceFactory, web_square
from tests.helpers.geo import web_point
from tests.helpers.paths import TEST_DATA

pytestmark = pytest.mark.django_db


def save(place, user, when=None, **changes):
    place = Place.objects.get(pk=place.pk)
    for name, value in changes.items():
        setattr(place, name, value)
    place._history_user = user
    if when:
        place._history_date = when
    place.save()


def recent(client, people, **query):
    log_in(client, people["redactie"])
    page = client.get(reverse("places:changes"), query)
    assert page.status_code == 200
    return " ".join(visible_text(page).split())


@pytest.fixture
def changes(places, people):
    """An owner's edit, an editor's publication and closure, in Centrum-West."""
    save(places["kamer"], people["owner"], phone="020 111 2222")
    save(places["concept"], people["redactie"], is_published=True)
    save(places["closed"], people["redactie"], status="active")
    return places


@pytest.mark.parametrize(
    "kind, shown, not_shown",
    [
        ("edit", "Telefoon: 020 111 2222", "Gepubliceerd: nee → ja"),
        ("publish", "Gepubliceerd: nee → ja", "Telefoon: 020 111 2222"),
        ("close", "Status: gesloten → actief", "Gepubliceerd: nee → ja"),
    ],
)
def test_filter_by_kind_of_change(client, people, changes, kind, shown, not_shown):
    text = recent(client, people, soort=kind)
    assert shown in text and not_shown not in text


def test_new_concepts_are_a_kind_of_their_own(client, people, changes):
    text = recent(client, people, soort="new")
    assert "Nieuwe Huiskamer · Nieuw concept" in text
    assert "Telefoon" not in text


def test_filter_by_person(client, people, changes):
    text = recent(client, people, persoon="olga")
    assert "Telefoon: 020 111 2222" in text and "Gepubliceerd" not in text


def test_filter_by_wijk(client, people, changes, amsterdam):
    elsewhere = AreaFactory(
        code="WK036399", name="Elders", kind="wijk", parent=amsterdam["gemeente"]
    )
    buurt = AreaFactory(
        code="BU03639901",
        name="Verre buurt",
        kind="buurt",
        parent=elsewhere,
        geometry=web_square(4.95, 52.33, 0.005),
    )
    far = PlaceFactory(name="Verre Buurtkamer", location=web_point(4.95, 52.33))
    assert far.buurt == buurt
    save(far, people["owner"], phone="030 999")
    assert "030 999" in recent(client, people, wijk="WK036399")
    text = recent(client, people, wijk="WK036301")
    assert "Telefoon: 020 111 2222" in text and "030 999" not in text
    assert Area.objects.filter(kind="wijk").count() == 2


def test_filter_by_date(client, people, places):
    old = datetime.datetime(2099, 1, 10, 12, 0, tzinfo=datetime.UTC)
    save(places["kamer"], people["owner"], when=old, phone="020 old")
    save(places["kamer"], people["owner"], when=old.replace(month=2), phone="020 new")
    text = recent(client, people, van="2099-02-01", tot="2099-02-28")
    assert "020 new" in text and "Telefoon: 020 old → 020 new" in text
    assert "Telefoon: 020 old" not in text.replace("Telefoon: 020 old →", "")
    assert "10 januari 2099" not in text


def test_an_import_is_one_line_per_run(client, people, amsterdam):
    import_places(TEST_DATA / "places-messy.geojson", commit=True)
    text = recent(client, people)
    assert text.count("Import uit ‘amsterdam-mvzn’") == 1
    assert "4 plekken toegevoegd, 0 plekken gewijzigd" in text
    assert "Zeven Zee" not in text  # no line per place
    assert "Import uit" in recent(client, people, soort="import")
    assert "Import uit" not in recent(client, people, soort="edit")


def test_a_wrong_filter_value_shows_nothing_rather_than_everything(client, people, changes):
    text = recent(client, people, soort="nonsense")
    assert "Telefoon" not in text
