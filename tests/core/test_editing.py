import re
import threading

import pytest
from django.db import connection, connections
from django.urls import reverse

from places import editing
from places.models import Place
from tests.helpers.accounts import log_in
from tests.helpers.editing import form_data

pytestmark = pytest.mark.django_db


def edit_url(place):
    return reverse("places:edit", args=[place.slug])


def test_a_member_edits_their_place_and_it_is_live(client, places, people):
    kamer = places["kamer"]
    log_in(client, people["owner"])
    response = client.post(edit_url(kamer), form_data(kamer, name="Buurtkamer Het Nieuwe Anker"))
    assert response.status_code == 302
    assert Place.objects.get(pk=kamer.pk).name == "Buurtkamer Het Nieuwe Anker"
    client.logout()
    assert "Buurtkamer Het Nieuwe Anker" in client.get(kamer.get_absolute_url()).content.decode()


def test_every_change_is_recorded_with_who_and_what(client, places, people):
    kamer = places["kamer"]
    log_in(client, people["owner"])
    client.post(edit_url(kamer), form_data(kamer, phone="020 123 4567"))
    record = kamer.history.latest()
    assert record.history_user == people["owner"]
    assert record.phone == "020 123 4567"
    assert record.prev_record.phone == ""


def test_a_member_of_another_place_cannot_edit_it(client, places, people):
    kamer = places["kamer"]
    log_in(client, people["stranger"])
    response = client.post(edit_url(kamer), form_data(kamer, name="Gekaapt"))
    assert response.status_code == 404
    assert Place.objects.get(pk=kamer.pk).name == "Buurtkamer Het Anker"


def test_fields_a_member_may_not_set_are_ignored(client, places, people):
    kamer = places["kamer"]
    log_in(client, people["owner"])
    data = form_data(
        kamer, status="closed", is_published="", internal_notes="x", slug="nieuw", version="99"
    )
    data["is_published"] = ""
    client.post(edit_url(kamer), data)
    kamer.refresh_from_db()
    assert (kamer.status, kamer.is_published, kamer.internal_notes, kamer.slug) == (
        "active",
        True,
        "",
        "buurtkamer-het-anker",
    )


def test_an_editor_closes_a_place_with_an_end_date(client, places, people):
    kamer = places["kamer"]
    log_in(client, people["redactie"])
    data = form_data(kamer, editor=True, status="closed")
    assert client.post(edit_url(kamer), data).status_code == 400
    data["closed_on"] = "2026-10-01"
    assert client.post(edit_url(kamer), data).status_code == 302
    kamer.refresh_from_db()
    assert kamer.status == "closed" and str(kamer.closed_on) == "2026-10-01"


def test_opening_hours_are_edited_in_the_grid(client, places, people):
    kamer = places["kamer"]
    log_in(client, people["owner"])
    data = form_data(kamer)
    data.update({"opening_hours_0": "10:00", "opening_hours_1": "12:00", "opening_hours_29": "on"})
    client.post(edit_url(kamer), data)
    assert Place.objects.get(pk=kamer.pk).opening_hours == "Mo 10:00-12:00; PH off"


def test_yearly_costs_and_activities_are_saved(client, places, people):
    kamer = places["kamer"]
    log_in(client, people["owner"])
    data = form_data(kamer)
    data.update(
        {
            "costs-TOTAL_FORMS": "1",
            "costs-0-year": "2025",
            "costs-0-rent": "1200",
            "costs-0-operating_costs": "300",
            "costs-0-volunteer_fees": "0",
            "costs-0-subsidy": "1500",
            "costs-0-other_income": "0",
            "activities-TOTAL_FORMS": "1",
            "activities-0-name": "Koffieochtend",
            "activities-0-when": "dinsdag 10:00",
            "activities-0-mode": "on_site",
        }
    )
    assert client.post(edit_url(kamer), data).status_code == 302
    assert kamer.yearly_costs.get().rent == 1200
    assert kamer.activities.get().name == "Koffieochtend"


def test_negative_costs_are_refused_and_nothing_is_saved(client, places, people):
    kamer = places["kamer"]
    log_in(client, people["owner"])
    data = form_data(kamer, name="Nieuwe naam")
    data.update(
        {
            "costs-TOTAL_FORMS": "1",
            "costs-0-year": "2025",
            "costs-0-rent": "-5",
            "costs-0-operating_costs": "0",
            "costs-0-volunteer_fees": "0",
            "costs-0-subsidy": "0",
            "costs-0-other_income": "0",
        }
    )
    response = client.post(edit_url(kamer), data)
    assert response.status_code == 400
    assert "Nieuwe naam" in response.content.decode()  # what was typed is still there
    assert Place.objects.get(pk=kamer.pk).name == "Buurtkamer Het Anker"


def test_second_save_of_a_stale_form_gets_the_conflict_page(client, places, people):
    kamer = places["kamer"]
    log_in(client, people["owner"])
    first = form_data(kamer, phone="020 111 1111")
    second = form_data(kamer, phone="020 222 2222")
    assert client.post(edit_url(kamer), first).status_code == 302
    response = client.post(edit_url(kamer), second)
    assert response.status_code == 409
    body = response.content.decode()
    assert "020 111 1111" in body and "020 222 2222" in body
    assert Place.objects.get(pk=kamer.pk).phone == "020 111 1111"
    # Saving the merged form again (it now carries the new version) succeeds.
    merged = form_data(Place.objects.get(pk=kamer.pk), phone="020 222 2222")
    assert client.post(edit_url(kamer), merged).status_code == 302


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs two real PostGIS connections")
@pytest.mark.django_db(transaction=True)
def test_two_connections_saving_at_once_never_both_win(places, people):
    """Two threads, each with its own database connection, save the same version."""
    kamer = places["kamer"]
    barrier = threading.Barrier(2)
    outcomes = {}

    def save(label, phone):
        form = editing.PlaceForm(
            form_data(kamer, phone=phone), instance=Place.objects.get(pk=kamer.pk)
        )
        assert form.is_valid(), form.errors
        barrier.wait()
        try:
            editing.save_with_version(form, [])
            outcomes[label] = "saved"
        except editing.Conflict:
            outcomes[label] = "conflict"
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=save, args=("a", "020 111 1111")),
        threading.Thread(target=save, args=("b", "020 222 2222")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes.values()) == ["conflict", "saved"]
    winner = "020 111 1111" if outcomes["a"] == "saved" else "020 222 2222"
    saved = Place.objects.get(pk=kamer.pk)
    assert saved.phone == winner and saved.version == kamer.version + 1


def test_verify_marks_the_place_as_checked(client, places, people):
    log_in(client, people["owner"])
    client.post(reverse("places:verify", args=[places["kamer"].slug]))
    assert Place.objects.get(pk=places["kamer"].pk).last_verified_at is not None


def test_a_proposed_place_is_a_concept_with_its_proposer_as_member(client, amsterdam, people):
    log_in(client, people["stranger"])
    data = form_data(Place(name="x", location=places_point()), name="Huiskamer De Linde")
    data["place_type"] = str(Place.objects.first().place_type_id)
    response = client.post(reverse("places:create"), data)
    assert response.status_code == 302
    place = Place.objects.get(name="Huiskamer De Linde")
    assert not place.is_published
    assert place.memberships.get().user == people["stranger"]


def places_point():
    from tests.helpers.geo import web_point

    return web_point(4.9, 52.37).transform(28992, clone=True)


def test_a_proposer_sees_their_concept_after_saving(client, places, people):
    log_in(client, people["stranger"])
    data = form_data(places["kamer"], name="Huiskamer De Nieuwe Buur")
    review = client.post(reverse("places:create"), data).content.decode()
    assert "Bedoelt u een van deze plekken?" in review  # Het Anker has the same address
    confirm = re.search(r'name="bevestigd" value="([^"]+)"', review)[1]
    response = client.post(reverse("places:create"), {**data, "bevestigd": confirm}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Huiskamer De Nieuwe Buur</h1>" in page
    assert "Wacht op controle door de redactie." in page
    client.logout()
    concept = Place.objects.get(name="Huiskamer De Nieuwe Buur")
    assert client.get(concept.get_absolute_url()).status_code == 404  # not public yet


def test_another_member_does_not_see_someone_elses_concept(client, places, people):
    log_in(client, people["owner"])
    assert client.get(places["concept"].get_absolute_url()).status_code == 404
