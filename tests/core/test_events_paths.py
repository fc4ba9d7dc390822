"""Every way of changing status, management form or type records its dated event, once
(issue 19): the admin form with its event rows, the admin's history 'revert', the edit page
with its rows, imports and merges. (The edit form, undo and merge on their own: test_events.)"""

import json

import pytest
from django.contrib import admin
from django.urls import reverse

from places.importers.amsterdam import import_places
from places.models import Place, PlaceEvent
from places.models.events import disagreements
from tests.accounts.test_audit_events import browser_post_data
from tests.core.test_events import edit, story, with_events
from tests.helpers.accounts import log_in
from tests.helpers.editing import form_data
from tests.helpers.paths import TEST_DATA

pytestmark = pytest.mark.django_db


def admin_post(admin_client, place, **changes):
    url = reverse("admin:places_place_change", args=[place.pk])
    data = browser_post_data(admin_client.get(url).content.decode(), **changes)
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    place.refresh_from_db()


def row(kind, day, precision="day", **extra):
    fields = {"kind": kind, "happened_on": day, "precision": precision, "is_public": "on"}
    return {f"events-0-{name}": value for name, value in {**fields, **extra}.items()} | {
        "events-TOTAL_FORMS": "1"
    }


def test_closing_in_the_admin_form_and_its_row_is_one_event(admin_client, places):
    kamer = places["kamer"]
    admin_post(
        admin_client,
        kamer,
        status="closed",
        closed_on="2026-11-30",
        **row("closed", "2026-11-01", "month", remark="Het Parool"),
    )
    assert kamer.status == "closed"
    assert story(kamer) == [("closed", "2026-11-01", "active", "closed")]
    assert kamer.events.get().remark == "Het Parool" and disagreements(kamer) == []


def test_a_takeover_in_the_admin_form_and_its_row_is_one_event(admin_client, places):
    kamer = places["kamer"]
    Place.objects.filter(pk=kamer.pk).update(management_form="sociaal_beheer")
    admin_post(
        admin_client,
        kamer,
        management_form="zelfbeheer",
        **row("management_form", "2021-03-01", "month", new_value="zelfbeheer"),
    )
    assert kamer.management_form == "zelfbeheer"
    assert story(kamer) == [("management_form", "2021-03-01", "sociaal_beheer", "zelfbeheer")]


def test_an_opening_date_and_its_row_is_one_opening(admin_client, places):
    kamer = places["kamer"]
    admin_post(admin_client, kamer, opened_on="2016-09-01", **row("opened", "2016-01-01", "year"))
    assert [kind for kind, *_rest in story(kamer)] == ["opened"]
    assert str(kamer.opened_on) == "2016-01-01"


def test_a_row_for_another_change_keeps_both(admin_client, places):
    kamer = places["kamer"]
    admin_post(
        admin_client,
        kamer,
        status="temporarily_closed",
        **row("opened", "2016-01-01", "year"),
    )
    assert [kind for kind, *_rest in story(kamer)] == ["opened", "temporarily_closed"]


def test_the_edit_page_with_a_row_for_its_change_is_one_event(client, places, people):
    kamer = places["kamer"]
    log_in(client, people["redactie"])
    closing = {"kind": "closed", "happened_on": "2026-09-01", "precision": "day"}
    data = with_events(
        form_data(kamer, editor=True, status="closed", closed_on="2026-09-01"),
        {**closing, "is_public": "on", "remark": "brief van het bestuur"},
    )
    response = client.post(reverse("places:edit", args=[kamer.slug]), data)
    assert response.status_code == 302
    assert story(kamer) == [("closed", "2026-09-01", "active", "closed")]
    assert kamer.events.get().remark == "brief van het bestuur"


def test_reverting_in_the_admin_history_records_the_event(admin_client, places):
    kamer = places["kamer"]
    first = kamer.history.latest()
    admin_post(admin_client, kamer, status="closed", closed_on="2026-11-30")
    url = reverse("admin:places_place_simple_history", args=[kamer.pk, first.history_id])
    page = admin_client.get(url).content.decode()
    response = admin_client.post(url, browser_post_data(page))
    assert response.status_code == 302, response.context["adminform"].form.errors
    kamer.refresh_from_db()
    assert kamer.status == "active" and disagreements(kamer) == []
    assert [kind for kind, *_rest in story(kamer)][-1] == "reopened"


def test_the_admin_has_no_bulk_action_that_changes_places():
    """A bulk action that sets status or type would have to record each event: none exists
    but deleting (and the register never deletes a closed place on its own)."""
    actions = admin.site._registry[Place]._get_base_actions()
    assert [name for _func, name, _text in actions] == ["delete_selected"]


def test_an_amsterdam_reimport_that_changes_the_type_records_it(amsterdam, tmp_path):
    data = json.loads((TEST_DATA / "places-messy.geojson").read_text(encoding="utf-8"))
    source = tmp_path / "amsterdam.geojson"
    source.write_text(json.dumps(data), encoding="utf-8")
    import_places(source, commit=True)
    place = Place.objects.get(external_id="T1")
    assert not place.events.exists()
    data["features"][0]["properties"]["Categorie"] = "Huis van de wijk"
    source.write_text(json.dumps(data), encoding="utf-8")
    import_places(source, commit=True)
    (event,) = place.events.all()
    assert event.kind == PlaceEvent.Kind.PLACE_TYPE
    assert event.remark.startswith("import amsterdam-mvzn")
    place.refresh_from_db()
    assert disagreements(place) == []


def test_a_closing_with_the_edit_form_of_an_owner_is_not_possible(client, places, people):
    log_in(client, people["owner"])
    edit(client, places["kamer"], status="closed", closed_on="2026-01-01")
    assert Place.objects.get(pk=places["kamer"].pk).status == "active"
    assert story(places["kamer"]) == []
