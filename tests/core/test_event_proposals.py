"""An owner proposes an event for their place's story; an editor confirms or rejects it
(issue 19). Walked as the people do: the owner's form, the editors' page, the place page."""

import html

import pytest
from django.urls import reverse

from places.models import EventProposal, Place, PlaceEvent
from places.models.events import disagreements
from tests.helpers.accounts import log_in

pytestmark = pytest.mark.django_db
TAKEOVER = {
    "kind": "management_form",
    "date": "3-2021",
    "management_form": "zelfbeheer",
    "remark": "Het Parool, 4 maart 2021",
}


def propose(client, place, **data):
    return client.post(reverse("places:propose-event", args=[place.slug]), data)


def decide(client, proposal, decision, note=""):
    url = reverse("places:event-proposal", args=[proposal.pk])
    return client.post(url, {"decision": decision, "note": note}, follow=True)


@pytest.fixture
def kamer(places):
    Place.objects.filter(pk=places["kamer"].pk).update(management_form="sociaal_beheer")
    return Place.objects.get(pk=places["kamer"].pk)


def test_an_owner_proposes_and_an_editor_confirms(client, kamer, people):
    log_in(client, people["owner"])
    form = client.get(reverse("places:propose-event", args=[kamer.slug])).content.decode()
    assert "Wat is er gebeurd?" in form and "Een dag (4-3-2021)" in form
    assert propose(client, kamer, **TAKEOVER).status_code == 302
    page = client.get(kamer.get_absolute_url()).content.decode()
    assert "In maart 2021 overgenomen door bewoners (zelfbeheer)" in page
    assert "wacht op de redactie" in page
    kamer.refresh_from_db()
    assert kamer.management_form == "sociaal_beheer" and not kamer.events.exists()

    client.logout()
    log_in(client, people["redactie"])
    desk = client.get(reverse("places:moderation")).content.decode()
    assert "Gebeurtenissen voorgesteld door initiatiefnemers" in desk
    assert "Buurtkamer Het Anker" in desk and "Het Parool, 4 maart 2021" in desk
    proposal = EventProposal.objects.get()
    done = decide(client, proposal, "confirm").content.decode()
    assert "Het voorstel is afgehandeld." in done
    assert "Geen voorgestelde gebeurtenissen die wachten." in done

    kamer.refresh_from_db()
    assert kamer.management_form == "zelfbeheer" and disagreements(kamer) == []
    (event,) = kamer.events.all()
    assert (str(event.happened_on), event.precision) == ("2021-03-01", "month")
    assert (event.old_value, event.new_value) == ("sociaal_beheer", "zelfbeheer")
    assert event.remark == "Het Parool, 4 maart 2021"

    client.logout()
    log_in(client, people["owner"])
    mine = client.get(reverse("places:mine")).content.decode()
    assert "Voorgestelde gebeurtenis: In maart 2021 overgenomen door bewoners" in mine
    assert "<strong>bevestigd</strong>" in mine
    story = client.get(kamer.get_absolute_url()).content.decode()
    assert story.count("In maart 2021 overgenomen door bewoners (zelfbeheer)") == 2  # + proposal


def test_a_rejection_changes_nothing_and_the_owner_reads_why(client, kamer, people):
    log_in(client, people["owner"])
    propose(client, kamer, kind="closed", date="2024")
    client.logout()
    log_in(client, people["redactie"])
    proposal = EventProposal.objects.get()
    refused = decide(client, proposal, "reject").content.decode()
    assert "Zeg waarom het voorstel is afgewezen." in refused
    assert EventProposal.objects.get().status == "pending"
    decide(client, proposal, "reject", "De plek is nog open, zie de website.")
    kamer.refresh_from_db()
    assert kamer.status == "active" and not kamer.events.exists()
    client.logout()
    log_in(client, people["owner"])
    mine = client.get(reverse("places:mine")).content.decode()
    assert "Gesloten in 2024" in mine and "<strong>afgewezen</strong>" in mine
    assert "De plek is nog open, zie de website." in mine


def test_a_proposal_dated_to_a_year_closes_the_place_when_confirmed(client, kamer, people):
    log_in(client, people["owner"])
    propose(client, kamer, kind="closed", date="2025")
    EventProposal.objects.get().confirm(people["redactie"])
    kamer.refresh_from_db()
    assert kamer.status == "closed" and str(kamer.closed_on) == "2025-01-01"
    assert kamer.events.get().precision == "year"


def test_an_older_proposal_is_told_but_leaves_the_present(client, kamer, people):
    PlaceEvent.objects.create(place=kamer, kind="reopened", happened_on="2023-05-01")
    log_in(client, people["owner"])
    propose(client, kamer, kind="temporarily_closed", date="1-2-2020")
    EventProposal.objects.get().confirm(people["redactie"])
    kamer.refresh_from_db()
    assert kamer.status == "active" and disagreements(kamer) == []
    assert list(kamer.events.values_list("kind", flat=True)) == ["temporarily_closed", "reopened"]


def test_an_owner_cannot_propose_for_someone_elses_place(client, places, people):
    log_in(client, people["owner"])
    other = places["huis"]
    assert client.get(reverse("places:propose-event", args=[other.slug])).status_code == 404
    assert propose(client, other, kind="closed", date="2024").status_code == 404
    assert not EventProposal.objects.exists()
    page = client.get(other.get_absolute_url()).content.decode()
    assert "Stel een gebeurtenis voor" not in page


def test_an_owner_cannot_decide(client, kamer, people):
    proposal = EventProposal.objects.create(place=kamer, kind="closed", happened_on="2024-01-01")
    log_in(client, people["owner"])
    assert decide(client, proposal, "confirm").status_code == 403
    assert EventProposal.objects.get().status == "pending" and not kamer.events.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "closed", "date": "31-2-2021"}, "Schrijf de datum als 4-3-2021"),
        ({"kind": "closed", "date": "volgend jaar"}, "Schrijf de datum als 4-3-2021"),
        ({"kind": "closed", "date": "2100"}, "Een datum in de toekomst is nog niet gebeurd."),
        ({"kind": "management_form", "date": "2021"}, "Zeg wat het is geworden."),
        ({"kind": "place_type", "date": "2021"}, "Zeg wat het is geworden."),
        ({"kind": "verdwenen", "date": "2021"}, "Selecteer een geldige keuze"),
    ],
)
def test_bad_input_is_refused_in_dutch(client, kamer, people, data, message):
    log_in(client, people["owner"])
    response = propose(client, kamer, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not EventProposal.objects.exists()


def test_hostile_text_is_shown_as_text(client, kamer, people):
    hostile = '<script>alert("x")</script>'
    log_in(client, people["owner"])
    propose(client, kamer, kind="moved", date="2022", address=hostile, remark=hostile)
    for page in (kamer.get_absolute_url(), reverse("places:mine")):
        text = client.get(page).content.decode()
        assert hostile not in text and html.escape(hostile) in text
    client.logout()
    log_in(client, people["redactie"])
    desk = client.get(reverse("places:moderation")).content.decode()
    assert hostile not in desk and html.escape(hostile) in desk
    decide(client, EventProposal.objects.get(), "reject", hostile)
    client.logout()
    log_in(client, people["owner"])
    text = client.get(reverse("places:mine")).content.decode()
    assert text.count(html.escape(hostile)) == 2  # the address and the editors' note


def test_a_proposal_is_decided_once(client, kamer, people):
    proposal = EventProposal.objects.create(
        place=kamer, kind="closed", happened_on="2024-01-01", proposed_by=people["owner"]
    )
    log_in(client, people["redactie"])
    decide(client, proposal, "confirm")
    again = decide(client, proposal, "reject", "te laat").content.decode()
    assert "Een andere redacteur heeft dit voorstel al afgehandeld." in again
    assert kamer.events.count() == 1 and EventProposal.objects.get().status == "confirmed"


def test_a_type_removed_since_is_refused_when_confirming(client, kamer, people, vocabularies):
    proposal = EventProposal.objects.create(
        place=kamer, kind="place_type", happened_on="2024-01-01", new_value="999999"
    )
    log_in(client, people["redactie"])
    page = decide(client, proposal, "confirm").content.decode()
    assert "Geef het nummer van de nieuwe waarde." in page
    assert not kamer.events.exists() and EventProposal.objects.get().status == "pending"


def test_the_empty_choices_read_as_a_dash_like_the_management_form(client, places, people):
    log_in(client, people["owner"])
    page = client.get(f"/plek/{places['kamer'].slug}/gebeurtenis-voorstellen/").content.decode()
    assert "---------" not in page
    assert page.count('<option value="" selected>—</option>') == 3


def test_a_confirmed_move_leads_the_editor_to_the_new_address(client, kamer, people):
    log_in(client, people["owner"])
    new = "Kerkstraat 12, 1012BB Amsterdam"
    propose(client, kamer, kind="moved", date="9-2022", address=new)
    client.logout()
    log_in(client, people["redactie"])
    response = decide(client, EventProposal.objects.get(), "confirm")
    assert response.redirect_chain[-1][0] == reverse("places:edit", args=[kamer.slug])
    page = html.unescape(response.content.decode())
    told = "De verhuizing staat in het verhaal van de plek. Zet nu het nieuwe adres en de speld"
    assert f"{told} goed: {new}" in page
    (event,) = kamer.events.all()
    assert (event.kind, str(event.happened_on), event.new_value) == ("moved", "2022-09-01", new)
    story = client.get(kamer.get_absolute_url()).content.decode()
    old = "Dorpsstraat 1, 1011AA Amsterdam"
    assert f"In september 2022 verhuisd van {old} naar {new}" in html.unescape(story)
