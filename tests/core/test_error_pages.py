"""The 400, 403, 404 and 500 answers: Dutch, in the site frame with a way back (home and
search), JSON under /api/. DEBUG is False in tests, as in production."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, override_settings
from django.urls import path

from ontmoeting.urls import urlpatterns as site_urls

pytestmark = pytest.mark.django_db


def boom(request):
    raise RuntimeError("a bug")


def forbidden(request):
    raise PermissionDenied


# The site's URLs and handlers, plus views that fail.
urlpatterns = [
    path("stuk/", boom),
    path("api/stuk.json", boom),
    path("verboden/", forbidden),
    path("api/verboden.json", forbidden),
    *site_urls,
]
handler400 = "ontmoeting.errors.bad_request"
handler403 = "ontmoeting.errors.permission_denied"
handler404 = "ontmoeting.errors.page_not_found"
handler500 = "ontmoeting.unavailable.server_error"


def assert_way_back(html):
    assert '<a class="site-name" href="/">Ontmoeting</a>' in html  # the site frame
    assert '<a href="/">Naar de kaart en lijst van ontmoetingsplekken</a>' in html
    assert '<form method="get" action="/" role="search">' in html
    assert "Zoek een ontmoetingsplek op naam of straat" in html


def test_page_not_found_is_dutch_with_a_way_back(client, vocabularies):
    response = client.get("/bestaat-niet/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Pagina niet gevonden</h1>" in html
    assert "Deze pagina bestaat niet (meer)." in html
    assert_way_back(html)


def test_an_unknown_place_is_the_same_page(client, vocabularies):
    html = client.get("/plek/bestaat-niet/").content.decode()
    assert "<h1>Pagina niet gevonden</h1>" in html


def test_not_found_under_the_api_is_json(client):
    response = client.get("/api/bestaat-niet.json")
    assert response.status_code == 404
    assert response.json() == {
        "error": "Deze pagina bestaat niet (meer). Misschien is het adres verkeerd getypt of "
        "verouderd."
    }


@override_settings(ROOT_URLCONF=__name__)
def test_forbidden_is_dutch_with_a_way_back(client, vocabularies):
    response = client.get("/verboden/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "<h1>U mag deze pagina niet openen</h1>" in html
    assert "U mag deze pagina met uw account niet openen." in html
    assert_way_back(html)


@override_settings(ROOT_URLCONF=__name__)
def test_forbidden_under_the_api_is_json(client):
    response = client.get("/api/verboden.json")
    assert response.status_code == 403
    assert response.json() == {"error": "U mag deze pagina met uw account niet openen."}


def test_bad_request_says_why_with_a_way_back(client, vocabularies):
    response = client.get("/", {"q": "woord " * 20})
    html = response.content.decode()
    assert response.status_code == 400
    assert "De zoektekst is te lang" in html
    assert_way_back(html)


def test_a_host_not_allowed_gets_the_dutch_400_page(vocabularies):
    """Refused before the login middleware gave the request a user: the page still renders."""
    response = Client(raise_request_exception=False).get("/", HTTP_HOST="evil.example")
    html = response.content.decode()
    assert response.status_code == 400
    assert "<h1>Verzoek niet begrepen</h1>" in html
    assert_way_back(html)


@override_settings(ROOT_URLCONF=__name__)
def test_server_error_is_dutch_with_a_way_back(vocabularies):
    response = Client(raise_request_exception=False).get("/stuk/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Er ging iets mis</h1>" in html
    assert "Er ging bij ons iets mis. Probeer het over een moment opnieuw." in html
    assert_way_back(html)
    assert "Uitloggen" not in html  # rendered without the request: no user


@override_settings(ROOT_URLCONF=__name__)
def test_server_error_under_the_api_is_json():
    response = Client(raise_request_exception=False).get("/api/stuk.json")
    assert response.status_code == 500
    assert response.json() == {
        "error": "Er ging bij ons iets mis. Probeer het over een moment opnieuw."
    }


@override_settings(ROOT_URLCONF=__name__)
def test_server_error_page_survives_a_broken_site_frame(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the template failed as well")

    monkeypatch.setattr("ontmoeting.errors.render_to_string", broken)
    response = Client(raise_request_exception=False).get("/stuk/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Er ging bij ons iets mis." in html
    assert '<a href="/">Naar de kaart en lijst van ontmoetingsplekken</a>' in html


def test_a_form_without_its_csrf_check_gets_the_dutch_page_and_saves_nothing(vocabularies):
    checked = Client(enforce_csrf_checks=True)
    response = checked.post("/account/login/", {"username": "iemand", "password": "x"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "Dit formulier is verlopen of uw browser stuurde zijn cookie niet mee." in html
    assert "er is niets opgeslagen" in html
    assert_way_back(html)
