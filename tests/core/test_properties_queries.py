"""Property-based tests of every page that reads a query string (filters, map data, the API,
exports, dashboards, survey results): any query string, as the role that uses the page, gives
an answer and never a server error."""

import pytest
from django.urls import reverse
from hypothesis import given

from places.filters import PlaceFilter
from surveys.filters import ResultFilter
from tests.helpers.accounts import log_in
from tests.helpers.strategies import FAST, anywhere, garbage_query, is_outside

pytestmark = pytest.mark.django_db

PARAMETERS = {
    *PlaceFilter.base_filters,
    *ResultFilter.base_filters,
    *("page", "page_size", "bbox", "zoom", "lat", "lng", "k", "straal", "adres", "kind"),
    *("plek", "vanaf", "niveau", "maat", "afstand", "sort", "prive", "jaar"),
    *("vergelijk", "thema", "zoek"),
}

# (URL name, arguments, role); the survey round and the place come from the fixtures.
PAGES = [
    ("places:list", [], None),
    ("places:map-data", [], None),
    ("places:nearby", [], "wijkteam"),
    ("places:handout", [], "wijkteam"),
    ("places:api-places", ["json"], None),
    ("places:api-places", ["geojson"], None),
    ("places:api-nearby", [], None),
    ("places:api-areas", ["json"], None),
    ("places:export", ["csv"], "beleid"),
    ("places:export", ["geojson"], None),
    ("places:export", ["hsds"], None),
    ("places:dashboard", [], "beleid"),
    ("places:dashboard-csv", [], "beleid"),
    ("places:costs", [], "beleid"),
    ("surveys:results", ["ronde-a"], "beleid"),
    ("surveys:open-answers", ["ronde-a"], "beleid"),
    ("surveys:export", ["ronde-a"], "beleid"),
]


@pytest.mark.parametrize(
    "name, args, role", PAGES, ids=[f"{n}-{'-'.join(a)}" for n, a, _r in PAGES]
)
def test_any_query_string_gives_an_answer(client, pdok, people, survey, name, args, role):
    if role:
        log_in(client, people[role])
    url = reverse(name, args=args)

    @FAST
    @given(query=garbage_query(PARAMETERS))
    def check(query):
        response = client.get(url, query)
        assert response.status_code < 500
        assert response.status_code in {200, 304, 400, 404}

    check()


@pytest.mark.parametrize(
    "junk", ["\x00", "é" * 5000, "-1", "NaN"], ids=["nul", "long", "neg", "nan"]
)
def test_every_parameter_at_once_with_junk_gives_an_answer(client, pdok, people, survey, junk):
    query = dict.fromkeys(PARAMETERS, junk)
    for name, args, role in PAGES:
        client.logout()
        if role:
            log_in(client, people[role])
        response = client.get(reverse(name, args=args), query)
        assert response.status_code in {200, 400, 404}, (name, args)


@FAST
@given(point=anywhere)
def test_nearby_search_outside_the_netherlands_says_so_in_dutch(client, pdok, places, point):
    lng, lat = point
    response = client.get(reverse("places:nearby"), {"lat": lat, "lng": lng})
    assert response.status_code == 200
    page = response.content.decode()
    outside = is_outside(lng, lat)
    assert ("buiten Nederland" in page) == outside


@FAST
@given(point=anywhere)
def test_nearby_api_refuses_points_outside_the_netherlands_in_dutch(client, places, point):
    lng, lat = point
    response = client.get(reverse("places:api-nearby"), {"lat": lat, "lng": lng})
    outside = is_outside(lng, lat)
    assert response.status_code == (400 if outside else 200)
    if outside:
        assert "buiten Nederland" in " ".join(response.json()["parameters"].values())
