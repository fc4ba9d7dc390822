"""One answer to "open now" everywhere (issue 21): for every value of the opening-hours corpus,
the place page, the nearby list, the open-now filter, the API and the handout say what
places.hours says, at the corpus's moments (holidays, DST nights, midnights)."""

import json
import math
import re
from datetime import datetime

import pytest
from django.conf import settings
from django.urls import reverse

from places import hours, hours_words
from places.hours import AMSTERDAM
from tests.helpers.factories import PlaceFactory
from tests.helpers.geo import web_point
from tests.helpers.paths import TEST_DATA

pytestmark = pytest.mark.django_db
CORPUS = json.loads((TEST_DATA / "hours-corpus.json").read_text())
MOMENTS = [datetime.fromisoformat(m).replace(tzinfo=AMSTERDAM) for m in CORPUS["moments"]]
WORD = {"open": "Nu open", "unknown": "Misschien nu open", "closed": "Nu gesloten"}
ORIGIN = (4.89, 52.37)


@pytest.fixture
def corpus_places(amsterdam):
    """One published place per corpus value that the field accepts, along a street east of
    ORIGIN, 5 m apart."""
    made = {}
    for n, value in enumerate(CORPUS["values"]):
        if hours.state_at(value, MOMENTS[0]) is None:
            continue  # unreadable: the form refuses it (tests/core/test_hours_form.py)
        lng = ORIGIN[0] + (10 + 5 * n) / (111_320 * math.cos(math.radians(ORIGIN[1])))
        place = PlaceFactory(
            name=f"Uren {n:03d}",
            slug=f"uren-{n:03d}",
            opening_hours=value,
            location=web_point(lng, ORIGIN[1]),
        )
        made[place.slug] = place
    assert len(made) >= 95
    return made


def expected_text(state):
    """What a person must read for a state, written here without the template."""
    parts = [WORD[state.word]]
    if state.closing_unknown:
        parts.append("sluitingstijd onbekend")
    elif state.next_change:
        parts.append(state.next_change.strftime("%H:%M"))
    return parts


def text_of(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def frozen_at(monkeypatch, moment):
    monkeypatch.setattr(hours, "now", lambda: moment)


def test_the_api_and_the_open_now_filter_agree_with_state_at(client, corpus_places, monkeypatch):
    for moment in MOMENTS:
        frozen_at(monkeypatch, moment)
        expected = {
            slug: hours.state_at(p.opening_hours, moment) for slug, p in corpus_places.items()
        }
        answer = client.get(reverse("places:api-places", args=["json"]), {"page_size": 1000}).json()
        assert {r["slug"]: r["open_now"] for r in answer["results"]} == {
            slug: state.as_json() for slug, state in expected.items()
        }, moment
        open_now = client.get(
            reverse("places:api-places", args=["json"]), {"page_size": 1000, "open_now": "true"}
        ).json()
        assert {r["slug"] for r in open_now["results"]} == {
            slug for slug, state in expected.items() if state.is_open
        }, moment


def test_place_pages_and_the_nearby_list_say_what_state_at_says(client, corpus_places, monkeypatch):
    for moment in (MOMENTS[0], MOMENTS[len(MOMENTS) // 2], MOMENTS[-1]):
        frozen_at(monkeypatch, moment)
        nearby = client.get(
            reverse("places:nearby"),
            {
                "lat": ORIGIN[1],
                "lng": ORIGIN[0],
                "straal": 1000,
                "aantal": settings.NEARBY_MAX_RESULTS,
            },
        )
        rows = {row.place.slug: row for row in nearby.context["rows"]}
        assert len(rows) == min(settings.NEARBY_MAX_RESULTS, len(corpus_places))
        listing = nearby.content.decode()
        for slug, place in corpus_places.items():
            state = hours.state_at(place.opening_hours, moment)
            page = client.get(place.get_absolute_url()).content.decode()
            said = text_of(re.search(r'<p class="hours-state">(.*?)</p>', page, re.S)[1])
            for part in expected_text(state):
                assert part in said, (place.opening_hours, moment, said)
            if slug not in rows:
                continue  # beyond the nearest NEARBY_MAX_RESULTS
            assert rows[slug].hours == state
            item = text_of(listing.split(f'href="{place.get_absolute_url()}"', 1)[1][:1500])
            assert all(part in item for part in expected_text(state)), (place.opening_hours, item)


def test_the_handout_and_the_place_page_give_the_same_hours_in_words(client, corpus_places):
    slugs = sorted(corpus_places)
    for start in range(0, len(slugs), 20):
        chosen = slugs[start : start + 20]
        handout = client.get(reverse("places:handout"), {"plek": chosen}).content.decode()
        for slug in chosen:
            place = corpus_places[slug]
            lines = hours_words.in_words(place.opening_hours)
            page = client.get(place.get_absolute_url()).content.decode()
            shown = re.search(r'<ul class="hours">(.*?)</ul>', page, re.S)[1]
            assert [text_of(li) for li in re.findall(r"<li>(.*?)</li>", shown)] == [
                text_of(line) for line in lines
            ]
            entry = text_of(handout.split(f">{place.name}<", 1)[1].split("</dl>", 1)[0])
            assert all(text_of(line) in entry for line in lines), (slug, entry)
