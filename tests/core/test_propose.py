"""Proposing a place as a volunteer does (issue 15, point 1): the address first, the pin
placed from it, likely duplicates and a doubtful buurt shown before anything is saved,
errors at the field and at the top, and afterwards the concept with what happens next."""

import re
from html import unescape

import pytest
from django.urls import reverse

from places.models import Place, PlaceType
from tests.helpers.accounts import log_in
from tests.helpers.factories import PlaceFactory
from tests.helpers.geo import web_point

pytestmark = pytest.mark.django_db
URL = "/plek/nieuw/"


def proposal(**changes):
    data = {
        "name": "Huiskamer De Linde",
        "place_type": str(PlaceType.objects.get(slug="huiskamer").pk),
        "management_form": "zelfbeheer",
        "street": "Hoofdweg",
        "house_number": "495A",
        "postcode": "",
        "city": "Amsterdam",
        "wheelchair": "unknown",
        "visitor_cost": "unknown",
    }
    return {**data, **changes}


def shown(response):
    return unescape(response.content.decode())


def text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def confirm_value(html):
    return re.search(r'<input type="hidden" name="bevestigd" value="([^"]+)">', html)[1]


def pin_in(html):
    """The pin as the form shows it again (GeoJSON in the location field)."""
    found = re.search(r'"coordinates":\s*\[\s*([\d.]+),\s*([\d.]+)\s*\]', html)
    return (float(found[1]), float(found[2])) if found else None


def test_the_form_asks_for_the_address_first_and_no_pin(client, people):
    log_in(client, people["stranger"])
    html = shown(client.get(URL))
    assert html.index('for="id_street"') < html.index('for="id_name"')
    assert "Niet nodig: de speld wordt op het adres gezet" in html


def test_the_pin_is_placed_from_the_address_and_confirmed_before_saving(client, people, pdok):
    log_in(client, people["stranger"])
    first = client.post(URL, proposal())
    html = shown(first)
    assert first.status_code == 200 and not Place.objects.filter(name="Huiskamer De Linde")
    assert "We hebben de speld op het adres gezet. Staat hij bij de ingang?" in html
    assert pin_in(html) == pytest.approx((4.846776, 52.375917), abs=1e-5)
    point = '{"type": "Point", "coordinates": [4.846776, 52.375917]}'
    sent = client.post(URL, proposal(location=point, bevestigd=confirm_value(html)), follow=True)
    place = Place.objects.get(name="Huiskamer De Linde")
    page = shown(sent)
    assert sent.redirect_chain[-1][0] == place.get_absolute_url()
    assert "<h1>Huiskamer De Linde</h1>" in page
    assert "Wacht op controle door de redactie." in page
    assert "Wat gebeurt er nu? Een redacteur controleert de plek en publiceert hem" in page
    assert "Dank u wel. Uw voorstel wacht op controle door de redactie" in page
    assert not place.is_published and place.memberships.get().user == people["stranger"]


def test_an_address_that_cannot_be_found_is_said_at_the_field_and_at_the_top(client, people, pdok):
    log_in(client, people["stranger"])
    count = Place.objects.count()
    response = client.post(URL, proposal(street="Nergensstraat", house_number="1"))
    html = shown(response)
    assert response.status_code == 400
    summary = re.search(r'<section class="error-summary".*?</section>', html, re.S)[0]
    assert "Nog niet opgeslagen: kijk deze velden na" in summary
    assert '<a href="#id_street">Straat:' in summary or '<a href="#id_street">straat:' in summary
    assert "Controleer het adres, of zet de speld zelf op de kaart." in summary
    field = re.search(r'<div class="field field-street">.*?</div>', html, re.S)[0]
    assert "Controleer het adres" in field
    assert 'value="Nergensstraat"' in html  # nothing typed is lost
    assert Place.objects.count() == count


def test_a_known_address_offers_the_existing_place_to_claim(client, places, people):
    log_in(client, people["stranger"])
    kamer = places["kamer"]
    where = web_point(4.9006, 52.3702).json
    data = proposal(postcode=kamer.postcode, house_number=kamer.house_number, location=where)
    html = shown(client.post(URL, data))
    review = text(re.search(r'<section class="review".*?</section>', html, re.S)[0])
    assert "Bedoelt u een van deze plekken?" in review
    assert "Buurtkamer Het Anker" in review
    claim = reverse("places:claim", args=[kamer.slug])
    assert f'href="{claim}">Dit is onze plek: vraag aan om Buurtkamer Het Anker te beheren' in html
    assert not Place.objects.filter(name="Huiskamer De Linde")
    again = client.post(URL, {**data, "bevestigd": confirm_value(html)})
    assert again.status_code == 302 and Place.objects.filter(name="Huiskamer De Linde")


def test_a_very_similar_name_close_by_is_a_likely_duplicate(client, places, people):
    log_in(client, people["stranger"])
    near = web_point(4.9010, 52.3703).json  # about 35 m from Het Anker
    html = shown(
        client.post(
            URL,
            proposal(
                name="Buurtkamer het Anker", postcode="1012AB", house_number="9", location=near
            ),
        )
    )
    assert "Bedoelt u een van deze plekken?" in html and "Buurtkamer Het Anker" in html
    far = web_point(4.8900, 52.3700).json  # about 720 m away, another name: no question
    response = client.post(
        URL, proposal(name="Het Wijkpunt", postcode="1012AB", house_number="9", location=far)
    )
    assert response.status_code == 302


def test_a_pin_in_another_buurt_than_the_postcodes_places_is_questioned(client, amsterdam, people):
    log_in(client, people["stranger"])
    PlaceFactory(name="Buurthuis Oost", postcode="1018XY", location=web_point(4.9, 52.37))
    west = web_point(4.889, 52.37).json
    html = shown(client.post(URL, proposal(postcode="1018 xy", house_number="7", location=west)))
    assert (
        "De speld ligt in Westbuurt, maar de andere plekken met postcode 1018XY liggen in "
        "Oostbuurt. Staat de speld goed?"
    ) in html
    saved = client.post(
        URL,
        proposal(
            postcode="1018 xy", house_number="7", location=west, bevestigd=confirm_value(html)
        ),
    )
    assert saved.status_code == 302
    assert Place.objects.get(name="Huiskamer De Linde").buurt.name == "Westbuurt"  # the pin's
