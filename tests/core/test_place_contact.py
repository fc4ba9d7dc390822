"""The place page's contact can be acted on (issue 14, point 2): call, mail, visit the website,
plan a route; without contact details it says what is known and asks for them."""

import re
from html import unescape

import pytest
from django.urls import reverse

from places.templatetags.contact import tel_href
from tests.helpers.factories import PlaceFactory

pytestmark = pytest.mark.django_db


def page(client, place):
    return unescape(client.get(place.get_absolute_url()).content.decode())


def contact_section(html):
    return re.search(r"<h2>Contact</h2>(.*?)</ul>(.*?)<h2>", html, re.S)


@pytest.mark.parametrize(
    "typed, href",
    [
        ("020 - 123 45 67", "tel:0201234567"),
        ("+31 (0)20 123 4567", "tel:+31201234567"),
        ("06-12345678", "tel:0612345678"),
        ("bel de balie", ""),
    ],
)
def test_phone_numbers_become_tel_links(typed, href):
    assert tel_href(typed) == href


def test_phone_mail_website_and_route_are_links(client, amsterdam):
    place = PlaceFactory(
        phone="020 - 123 45 67", email="info@deboeg.nl", website="https://deboeg.nl/"
    )
    section = contact_section(page(client, place))[1]
    assert '<a href="tel:0201234567">020 - 123 45 67</a>' in section
    assert '<a href="mailto:info@deboeg.nl">info@deboeg.nl</a>' in section
    assert 'href="https://deboeg.nl/"' in section
    route = re.search(r'<a href="([^"]+)" rel="noopener noreferrer">Route plannen', section)
    assert route[1] == "https://www.openstreetmap.org/directions?route=%3B52.370000%2C4.900000"


def test_without_contact_details_the_page_says_so_and_asks_for_them(client, amsterdam):
    place = PlaceFactory(phone="", email="", website="", opening_hours="")
    html = page(client, place)
    assert "neem contact op" not in html.lower() and "Contact the place" not in html
    assert "Van deze plek zijn geen telefoonnummer, e-mailadres of website bekend." in html
    report = reverse("places:report", args=[place.slug])
    assert f'<a href="{report}">Weet u ze? Laat het ons weten.</a>' in html
    assert "De openingstijden zijn niet bekend." in html
    assert "Route plannen" in html  # the address is known, so the route still is


def test_unknown_hours_with_a_phone_number_say_to_call_first(client, amsterdam):
    place = PlaceFactory(phone="020 1234567", opening_hours="")
    html = page(client, place)
    assert "De openingstijden zijn niet bekend: bel of mail voordat u gaat (zie Contact)." in html
    assert "geen telefoonnummer" not in html
