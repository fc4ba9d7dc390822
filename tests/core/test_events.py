"""Every way a place's status or management form changes records its dated event, so that
the place's own story and its present state never disagree (issue 19, part 1)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from places import editing, merging
from places.models import Place, PlaceEvent
from places.models.events import disagreements
from places.models.history import import_run
from tests.accounts.test_audit_events import browser_post_data
from tests.helpers.accounts import log_in
from tests.helpers.editing import form_data
from tests.helpers.factories import PlaceFactory

pytestmark = pytest.mark.django_db
K = PlaceEvent.Kind


def story(place):
    return [
        (e.kind, str(e.happened_on), e.old_value, e.new_value)
        for e in PlaceEvent.objects.filter(place=place).chronological()
    ]


def edit(client, place, editor=False, **changes):
    return client.post(
        reverse("places:edit", args=[place.slug]), form_data(place, editor=editor, **changes)
    )


def test_closing_in_the_edit_form_is_an_event_on_the_day_it_closed(client, places, people):
    log_in(client, people["redactie"])
    kamer = places["kamer"]
    assert edit(client, kamer, True, status="closed", closed_on="2026-10-01").status_code == 302
    assert story(kamer) == [("closed", "2026-10-01", "active", "closed")]


def test_a_temporary_closing_asks_for_its_date(client, places, people):
    log_in(client, people["redactie"])
    kamer = places["kamer"]
    refused = edit(client, kamer, True, status="temporarily_closed", status_since="")
    assert refused.status_code == 400
    assert "Geef de datum van deze wijziging." in refused.content.decode()
    assert story(kamer) == []
    edit(client, kamer, True, status="temporarily_closed", status_since="2026-06-15")
    assert story(kamer) == [("temporarily_closed", "2026-06-15", "active", "temporarily_closed")]


def test_the_date_field_is_on_the_form_with_today(client, places, people):
    log_in(client, people["owner"])
    page = client.get(reverse("places:edit", args=[places["kamer"].slug])).content.decode()
    assert 'name="management_form_since"' in page
    assert f'value="{timezone.localdate().isoformat()}"' in page
    assert 'name="status_since"' not in page  # the status is the redactie's


def test_an_owner_hands_the_place_to_its_residents(client, places, people):
    kamer = places["kamer"]
    Place.objects.filter(pk=kamer.pk).update(management_form="sociaal_beheer")
    kamer.refresh_from_db()
    log_in(client, people["owner"])
    response = edit(client, kamer, management_form="zelfbeheer", management_form_since="2021-03-04")
    assert response.status_code == 302
    assert story(kamer) == [("management_form", "2021-03-04", "sociaal_beheer", "zelfbeheer")]


def test_filling_in_an_unknown_management_form_is_no_event(client, places, people):
    log_in(client, people["owner"])
    edit(client, places["kamer"], management_form="zelfbeheer")
    assert story(places["kamer"]) == []


def test_forgetting_a_form_the_story_named_is_an_event(client, places, people):
    kamer = places["kamer"]
    PlaceEvent.objects.create(
        place=kamer, kind=K.MANAGEMENT_FORM, happened_on="2021-01-01", new_value="zelfbeheer"
    )
    kamer.refresh_from_db()
    log_in(client, people["redactie"])
    edit(client, kamer, True, management_form="onbekend", management_form_since="2024-05-06")
    kamer.refresh_from_db()
    assert kamer.management_form == "onbekend" and disagreements(kamer) == []
    assert story(kamer)[-1] == ("management_form", "2024-05-06", "zelfbeheer", "onbekend")


def test_undoing_a_form_back_to_unknown_takes_its_event_away(places, people):
    kamer = places["kamer"]  # management form 'onbekend', no story
    PlaceEvent.objects.create(
        place=kamer, kind=K.MANAGEMENT_FORM, happened_on="2021-01-01", new_value="zelfbeheer"
    )
    kamer.refresh_from_db()
    kamer.phone = "020 123 45 67"
    kamer.save()  # a later change: the undo goes back past the event's
    record = Place.history.filter(id=kamer.pk).order_by("history_id").first()
    editing.revert_to(record, people["redactie"], "undo")
    kamer.refresh_from_db()
    assert kamer.management_form == "onbekend" and story(kamer) == []
    assert disagreements(kamer) == []


def test_an_edit_that_leaves_them_alone_records_nothing(client, places, people):
    log_in(client, people["redactie"])
    edit(client, places["kamer"], True, phone="020 123 45 67")
    assert story(places["kamer"]) == []


def test_closing_in_the_admin_is_an_event(admin_client, places):
    kamer = places["kamer"]
    url = reverse("admin:places_place_change", args=[kamer.pk])
    data = browser_post_data(
        admin_client.get(url).content.decode(), status="closed", closed_on="2026-11-30"
    )
    assert admin_client.post(url, data).status_code == 302
    assert story(kamer) == [("closed", "2026-11-30", "active", "closed")]


def test_an_event_added_in_the_admin_changes_the_place(admin_client, places):
    kamer = places["kamer"]
    url = reverse("admin:places_place_change", args=[kamer.pk])
    data = browser_post_data(
        admin_client.get(url).content.decode(),
        **{
            "events-TOTAL_FORMS": "1",
            "events-0-kind": "temporarily_closed",
            "events-0-happened_on": "2026-05-01",
            "events-0-precision": "month",
            "events-0-is_public": "on",
        },
    )
    assert admin_client.post(url, data).status_code == 302
    kamer.refresh_from_db()
    assert kamer.status == "temporarily_closed"
    assert story(kamer) == [("temporarily_closed", "2026-05-01", "active", "temporarily_closed")]


def test_removing_the_newest_event_puts_the_value_before_back(places):
    kamer = places["kamer"]
    event = PlaceEvent.objects.create(place=kamer, kind=K.CLOSED, happened_on="2024-02-01")
    kamer.refresh_from_db()
    assert (kamer.status, kamer.closed_on) == ("closed", datetime.date(2024, 2, 1))
    event.delete()
    kamer.refresh_from_db()
    assert kamer.status == "active" and story(kamer) == []


def test_an_older_event_leaves_the_present_alone(places):
    kamer = places["kamer"]
    PlaceEvent.objects.create(place=kamer, kind=K.REOPENED, happened_on="2022-01-01")
    PlaceEvent.objects.create(place=kamer, kind=K.CLOSED, happened_on="2020-03-01")
    kamer.refresh_from_db()
    assert kamer.status == "active" and disagreements(kamer) == []


def test_undo_takes_the_event_away(client, places, people):
    log_in(client, people["redactie"])
    kamer = places["kamer"]
    edit(client, kamer, True, status="closed", closed_on="2026-10-01")
    assert len(story(kamer)) == 1
    change = Place.history.filter(id=kamer.pk).latest()
    client.post(reverse("places:revert", args=[kamer.slug, change.history_id]))
    kamer.refresh_from_db()
    assert kamer.status == "active" and story(kamer) == []


def test_a_merge_closes_the_duplicate_and_its_undo_reopens_it(places, people):
    duplicate = PlaceFactory(name="Buurtkamer Het Anker (dubbel)")
    record = merging.merge(duplicate, places["kamer"], [], people["redactie"])
    today = str(timezone.localdate())
    assert story(duplicate) == [("closed", today, "active", "closed")]
    assert "samengevoegd met Buurtkamer Het Anker" in duplicate.events.get().remark
    merging.unmerge(record)
    assert story(duplicate) == []


def test_an_import_run_records_its_changes(places):
    kamer = places["kamer"]
    with import_run("amsterdam"):
        kamer.status = "closed"
        kamer.save()
    (event,) = kamer.events.all()
    assert event.kind == K.CLOSED and event.remark.startswith("import amsterdam@")


def test_type_and_operator_changes_are_events(places, vocabularies):
    from places.models import Organisation, PlaceType

    kamer = places["kamer"]
    old_type = kamer.place_type_id
    kamer.place_type = PlaceType.objects.get(slug="huis-van-de-wijk")
    kamer.organisation = Organisation.objects.create(name="Bewonersgroep Anker")
    kamer.save()
    kinds = {e.kind: (e.old_value, e.new_value) for e in kamer.events.all()}
    assert kinds[K.PLACE_TYPE] == (str(old_type), str(kamer.place_type_id))
    assert kinds[K.OPERATOR] == ("", str(kamer.organisation_id))


def test_the_opening_date_is_the_opening_event(places):
    kamer = places["kamer"]
    kamer.opened_on = datetime.date(2016, 9, 1)
    kamer.save()
    assert story(kamer) == [("opened", "2016-09-01", "", "")]
    event = kamer.events.get()
    event.happened_on, event.precision = datetime.date(2015, 5, 20), "year"
    event.save()
    kamer.refresh_from_db()
    assert kamer.opened_on == datetime.date(2015, 1, 1)


def test_the_migration_gives_the_closed_places_their_closing(places):
    from importlib import import_module

    from django.apps import apps

    closed = places["closed"]
    Place.objects.filter(pk=closed.pk).update(closed_on=datetime.date(2020, 1, 6))
    import_module("places.migrations.0020_place_events").closings(apps, None)
    assert story(closed) == [("closed", "2020-01-06", "", "closed")]
    assert story(places["kamer"]) == []


def test_a_change_cannot_be_dated_before_the_last_one(client, places, people):
    kamer = places["kamer"]
    PlaceEvent.objects.create(place=kamer, kind=K.TEMPORARILY_CLOSED, happened_on="2025-06-01")
    kamer.refresh_from_db()
    log_in(client, people["redactie"])
    refused = edit(client, kamer, True, status="active", status_since="2024-01-01")
    assert refused.status_code == 400
    assert "De vorige wijziging hiervan was op 1 juni 2025" in refused.content.decode()
    edit(client, kamer, True, status="active", status_since="2025-09-01")
    assert [kind for kind, *_rest in story(kamer)] == ["temporarily_closed", "reopened"]


def test_an_event_must_name_a_value_that_exists(places):
    from django.core.exceptions import ValidationError

    event = PlaceEvent(place=places["kamer"], kind=K.OPERATOR, happened_on="2020-01-01")
    for value in ("", "abc", "999999"):
        event.new_value = value
        with pytest.raises(ValidationError):
            event.clean()
    event.kind, event.new_value = K.MANAGEMENT_FORM, "anders"
    with pytest.raises(ValidationError):
        event.clean()


def with_events(data, *rows, initial=0):
    data = {**data, "events-TOTAL_FORMS": str(len(rows)), "events-INITIAL_FORMS": str(initial)}
    for index, row in enumerate(rows):
        data.update({f"events-{index}-{name}": value for name, value in row.items()})
    return data


def test_an_editor_tells_the_story_on_the_edit_page(client, places, people):
    kamer = places["kamer"]
    log_in(client, people["redactie"])
    url = reverse("places:edit", args=[kamer.slug])
    page = client.get(url).content.decode()
    assert "Het verhaal van de plek: gebeurtenissen met hun datum" in page
    assert 'name="events-TOTAL_FORMS"' in page
    opened = {"kind": "opened", "happened_on": "2016-05-01", "precision": "year"}
    closed = {"kind": "temporarily_closed", "happened_on": "2026-01-05", "precision": "day"}
    for row in (opened, closed):
        row["is_public"] = "on"
    data = with_events(form_data(kamer, editor=True), opened, closed)
    assert client.post(url, data).status_code == 302
    kamer.refresh_from_db()
    assert kamer.status == "temporarily_closed" and str(kamer.opened_on) == "2016-01-01"
    assert (
        "Tijdelijk gesloten op 5 januari 2026"
        in client.get(kamer.get_absolute_url()).content.decode()
    )

    newest = kamer.events.get(kind="temporarily_closed")
    row = {"id": str(newest.pk), "place": str(kamer.pk), **closed, "DELETE": "on"}
    data = with_events(form_data(kamer, editor=True), row, initial=1)
    assert client.post(url, data).status_code == 302
    kamer.refresh_from_db()
    assert kamer.status == "active" and list(kamer.events.values_list("kind", flat=True)) == [
        "opened"
    ]


def test_an_owner_has_no_story_to_edit(client, places, people):
    log_in(client, people["owner"])
    page = client.get(reverse("places:edit", args=[places["kamer"].slug])).content.decode()
    assert 'name="events-TOTAL_FORMS"' not in page


def test_a_move_is_dated_in_the_edit_form_and_told_on_the_page(client, places, people):
    kamer = places["kamer"]  # Dorpsstraat 1, 1011AA Amsterdam
    log_in(client, people["owner"])
    form = client.get(reverse("places:edit", args=[kamer.slug])).content.decode()
    assert "Verhuisd op" in form and "leeg als u het adres verbetert" in form
    moved = {"street": "Kerkstraat", "house_number": "12", "postcode": "1012BB"}
    assert edit(client, kamer, moved_on="2022-09-01", **moved).status_code == 302
    assert story(kamer) == [
        (
            "moved",
            "2022-09-01",
            "Dorpsstraat 1, 1011AA Amsterdam",
            "Kerkstraat 12, 1012BB Amsterdam",
        )
    ]
    page = client.get(kamer.get_absolute_url()).content.decode()
    assert "verhuisd van Dorpsstraat 1, 1011AA Amsterdam naar Kerkstraat 12" in page


def test_a_corrected_address_is_no_move(client, places, people):
    kamer = places["kamer"]
    log_in(client, people["owner"])
    assert edit(client, kamer, house_number="1a").status_code == 302
    kamer.refresh_from_db()
    assert kamer.house_number == "1a" and story(kamer) == []


def test_a_move_without_a_new_address_is_refused_and_changes_nothing(client, places, people):
    kamer = places["kamer"]
    log_in(client, people["owner"])
    response = edit(client, kamer, moved_on="2022-09-01", phone="020 765 43 21")
    assert response.status_code == 400
    assert "Geef ook het nieuwe adres" in response.content.decode()
    kamer.refresh_from_db()
    assert kamer.phone == "" and story(kamer) == []


def test_a_new_place_has_no_move_to_date(db):
    """The proposal form is the edit form without a place: a posted move date is ignored."""
    from places.editing import PlaceForm

    form = PlaceForm(data={"name": "Nieuw", "street": "Kerkstraat", "moved_on": "2022-09-01"})
    form.is_valid()
    assert "moved_on" not in form.errors and form.cleaned_data["moved_on"] is None
