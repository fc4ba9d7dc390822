import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from places.importers.areas import import_areas
from places.models import Area, PlaceType
from places.vocabularies import seed
from tests.helpers.factories import AreaFactory, PlaceFactory, web_square
from tests.helpers.geo import at, square, web_point
from tests.helpers.paths import PDOK_ANSWERS, REAL_AREAS
from tests.helpers.surveys import answer, make_round


@pytest.fixture
def vocabularies(db):
    """The seeded place types etc.; transactional (browser) tests flush them away."""
    seed(django_apps)


@pytest.fixture
def amsterdam(vocabularies):
    """A gemeente with one wijk and two neighbouring buurten, as small squares."""

    def area(code, name, kind, parent, lng, half):
        geometry = web_square(lng, 52.37, half)
        return AreaFactory(code=code, name=name, kind=kind, parent=parent, geometry=geometry)

    gemeente = area("GM0363", "Amsterdam", "gemeente", None, 4.90, 0.05)
    wijk = area("WK036301", "Centrum-West", "wijk", gemeente, 4.90, 0.02)
    west = area("BU03630101", "Westbuurt", "buurt", wijk, 4.89, 0.005)
    east = area("BU03630102", "Oostbuurt", "buurt", wijk, 4.90, 0.005)
    return {"gemeente": gemeente, "wijk": wijk, "west": west, "east": east}


@pytest.fixture
def places(amsterdam):
    """Three published places and a concept, in known buurten."""
    return {
        "huis": PlaceFactory(
            name="Huis van de Wijk De Boeg",
            place_type=PlaceType.objects.get(slug="huis-van-de-wijk"),
            location=web_point(4.891, 52.3701),
            opening_hours="Mo-Fr 09:00-17:00; PH off",
        ),
        "kamer": PlaceFactory(name="Buurtkamer Het Anker", location=web_point(4.9005, 52.3702)),
        "closed": PlaceFactory(
            name="Oude Buurtkamer", location=web_point(4.9010, 52.3690), status="closed"
        ),
        "concept": PlaceFactory(
            name="Nieuwe Huiskamer", location=web_point(4.8995, 52.3705), is_published=False
        ),
    }


@pytest.fixture
def real_areas(vocabularies):
    """The real Amsterdam gemeente, wijken and buurten."""
    import_areas(REAL_AREAS, commit=True)
    return REAL_AREAS


RECORDED = {
    "hoofdweg 495a amsterdam": "hoofdweg-495a.json",
    "hoofdweg 495a, amsterdam": "hoofdweg-495a.json",
    "hoofdweg 495a, 1055sc amsterdam": "hoofdweg-495a.json",  # as PDOK suggests it
    "1094pw": "postcode-1094pw.json",
    "1094 pw": "postcode-1094pw.json",
}


class FakeLocatieserver(ThreadingHTTPServer):
    """PDOK's Locatieserver on 127.0.0.1, replaying recorded answers.

    `mode` makes it misbehave: "down" answers 503, "slow" answers after the client's timeout.
    """

    mode = "ok"
    requests = None
    endpoints = None  # "free" or "suggest", one per request

    def answer(self, query, endpoint="free"):
        query = query.lower().strip()
        if endpoint == "suggest":
            name = "suggest-hoofdweg.json" if query.startswith("hoofdweg") else "nothing-found.json"
        else:
            name = RECORDED.get(query, "nothing-found.json")
        return (PDOK_ANSWERS / name).read_bytes()


class LocatieserverHandler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        server = self.server
        url = urlparse(self.path)
        query = parse_qs(url.query).get("q", [""])[0]
        server.requests.append(query)
        endpoint = url.path.rsplit("/", 1)[-1]
        server.endpoints.append(endpoint)
        if server.mode == "slow":
            time.sleep(1.5)
        if server.mode == "down":
            self.send_response(503)
            self.end_headers()
            return
        body = server.answer(query, endpoint)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def pdok(settings):
    """The geocoder pointed at a local server with recorded PDOK answers."""
    server = FakeLocatieserver(("127.0.0.1", 0), LocatieserverHandler)
    server.requests = []
    server.endpoints = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.PDOK_LOCATIESERVER_URL = f"http://127.0.0.1:{server.server_port}/free"
    settings.GEOCODER_TIMEOUT = 0.5
    cache.clear()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def people(places, django_user_model):
    """One account per role; the owner is a member of Buurtkamer Het Anker."""
    from places.models import Membership, Wijkteam
    from places.roles import ensure_groups

    groups = ensure_groups()

    def person(username, group=None, **extra):
        user = django_user_model.objects.create_user(
            username, f"{username}@example.org", "een-lang-wachtwoord", **extra
        )
        if group:
            user.groups.add(groups[group])
        return user

    users = {
        "owner": person("eigenaar", "initiatiefnemer", first_name="Olga"),
        "stranger": person("buurman", "initiatiefnemer"),
        "wijkteam": person("wijkteamlid", "wijkteam"),
        "beleid": person("beleid", "beleid"),
        "redactie": person("redacteur", "redactie", is_staff=True),
    }
    Membership.objects.create(user=users["owner"], place=places["kamer"])
    Membership.objects.create(user=users["stranger"], place=places["huis"])
    team = Wijkteam.objects.create(name="Wijkteam Centrum-West")
    team.wijken.add(places["kamer"].buurt.parent)
    team.members.add(users["wijkteam"])
    return users


@pytest.fixture
def admin_client(admin_user):
    """pytest-django's admin client, past two-step verification as an admin's session is."""
    from django.test import Client

    from tests.helpers.accounts import log_in

    client = Client()
    log_in(client, admin_user)
    return client


@pytest.fixture
def audit(caplog):
    """The audit events logged so far, by action: audit("place.publish") -> [entry, ...]."""
    caplog.set_level("INFO", logger="ontmoeting.audit")

    def events(action):
        lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "ontmoeting.audit"]
        return [line for line in lines if line["action"] == action]

    return events


@pytest.fixture(autouse=True)
def dutch():
    """Each test starts in the site's language: a request with another Accept-Language
    leaves that language active in the thread, and the next test would read English."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate limits and geocoder answers live in the cache: each test starts without them."""
    cache.clear()


# --- Survey rounds -------------------------------------------------------


@pytest.fixture
def survey(places):
    return make_round()


@pytest.fixture
def six_answers(survey, amsterdam):
    """Six places answered: coproductie 1,2,2,4,5,5 (mean 3.17); sfeer 3,3,3,3,3,4."""
    round_, questions = survey
    made = []
    for n, (cop, sfeer) in enumerate([(1, 3), (2, 3), (2, 3), (4, 3), (5, 3), (5, 4)]):
        place = PlaceFactory(
            name=f"Plek {n}",
            location=web_point(4.9, 52.37),
            management_form="zelfbeheer" if n < 4 else "sociaal_beheer",
        )
        answer(round_, questions, place, cop, sfeer)
        made.append(place)
    return made


# --- A small city in RD New metres, for the policy figures ------------------
@pytest.fixture
def city(vocabularies):
    """Wijk W with buurten B1 (0-1000 m) and B2 (1000-2000 m); 2 places in B1, 1 in B2."""
    gemeente = Area.objects.create(
        code="GM9999", name="Teststad", kind="gemeente", geometry=square(-1000, -1000, 4000)
    )
    wijk = Area.objects.create(
        code="WK999901",
        name="Wijk W",
        kind="wijk",
        parent=gemeente,
        geometry=square(0, 0, 2000),
        population=4500,
    )
    b1 = Area.objects.create(
        code="BU99990101",
        name="Buurt B1",
        kind="buurt",
        parent=wijk,
        geometry=square(0, 0),
        population=4000,
    )
    b2 = Area.objects.create(
        code="BU99990102",
        name="Buurt B2",
        kind="buurt",
        parent=wijk,
        geometry=square(1000, 0),
        population=500,
    )
    places = {
        "centre": PlaceFactory(
            name="Midden",
            location=at(500, 500),
            management_form="zelfbeheer",
            opening_hours="Mo-Fr 10:00-16:00",
        ),
        "corner": PlaceFactory(name="Hoek", location=at(800, 200), management_form="zelfbeheer"),
        "east": PlaceFactory(name="Oost", location=at(1500, 500), management_form="sociaal_beheer"),
    }
    return {"wijk": wijk, "b1": b1, "b2": b2, **places}
