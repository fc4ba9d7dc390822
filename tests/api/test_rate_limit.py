"""Past the rate limit a client gets a 429 it can act on: Retry-After, a JSON reason in its
language, CORS so a browser script can read it; other clients and the HTML pages go on."""

import pytest
from django.test import RequestFactory
from jsonschema import Draft202012Validator

from places.exports import throttle
from places.exports.throttle import seconds_to_wait

pytestmark = pytest.mark.django_db
PLACES = "/api/plekken.json"
MID_MINUTE = 60 * 29_000_000 + 20.0


@pytest.fixture(autouse=True)
def mid_minute(monkeypatch):
    """Every request of a test in one window: at a minute's end the count starts again."""
    monkeypatch.setattr(throttle, "clock", lambda: MID_MINUTE)


def ask(client, path=PLACES, address="192.0.2.10", **headers):
    return client.get(path, REMOTE_ADDR=address, headers=headers)


@pytest.mark.parametrize(
    "path", [PLACES, "/api/in-de-buurt.json?lat=52.37&lng=4.85", "/api/hsds/services"]
)
def test_the_request_past_the_limit_gets_429_with_retry_after(client, places, settings, path):
    settings.API_RATE_LIMIT = 3
    assert [ask(client, path).status_code for _ in range(3)] == [200, 200, 200]
    refused = ask(client, path)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) == 40
    body = refused.json()
    assert body["retry_after"] == int(refused["Retry-After"])
    assert (
        body["error"]
        == f"Te veel verzoeken: probeer het over {body['retry_after']} seconden opnieuw."
    )
    assert refused["Access-Control-Allow-Origin"] == "*"
    assert "Retry-After" in refused["Access-Control-Expose-Headers"]


def test_the_refusal_is_in_english_on_request(client, places, settings):
    settings.API_RATE_LIMIT = 1
    ask(client)
    refused = ask(client, accept_language="en")
    assert refused.json()["error"].startswith("Too many requests: try again in ")


def test_another_address_and_the_html_pages_are_not_held_up(client, places, settings):
    settings.API_RATE_LIMIT = 1
    ask(client)
    assert ask(client).status_code == 429
    assert ask(client, address="198.51.100.7").status_code == 200
    assert client.get("/", REMOTE_ADDR="192.0.2.10").status_code == 200


def test_no_limit_when_it_is_zero(client, places, settings):
    settings.API_RATE_LIMIT = 0
    assert {ask(client).status_code for _ in range(25)} == {200}


def test_the_count_starts_again_in_the_next_minute(settings):
    settings.API_RATE_LIMIT = 2
    request = RequestFactory().get(PLACES, REMOTE_ADDR="192.0.2.20")
    minute = 60 * 29_000_000
    assert [seconds_to_wait(request, now=minute + 10) for _ in range(3)] == [0, 0, 50]
    assert seconds_to_wait(request, now=minute + 59.5) == 1
    assert seconds_to_wait(request, now=minute + 60) == 0


@pytest.mark.parametrize(
    "document, path",
    [("/api/openapi.json", "/api/plekken.json"), ("/api/hsds/openapi.json", "/services")],
)
def test_both_documents_describe_the_429(client, places, settings, document, path):
    spec = client.get(document).json()
    response = spec["paths"][path]["get"]["responses"]["429"]
    if "$ref" in response:
        response = spec["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
    assert response["headers"]["Retry-After"]["required"] is True
    settings.API_RATE_LIMIT = 1
    url = PLACES if path == "/api/plekken.json" else "/api/hsds/services"
    ask(client, url)
    body = ask(client, url).json()
    schema = response["content"]["application/json"]["schema"]
    resolver_doc = {**spec, **schema}
    Draft202012Validator(resolver_doc).validate(body)
