"""A wijkteam member at a client's kitchen table (issue 14): log in → nearby by postcode →
open now → pick three → handout as an A4 PDF. Each step asserts what the person sees and runs
axe; with SCREENSHOTS_DIR set (`make screenshots`) each step is saved as a picture."""

import math
import os
import re
from datetime import datetime
from pathlib import Path

import pytest

from places import hours
from places.hours import AMSTERDAM
from tests.helpers.browser import log_in, seen
from tests.helpers.factories import PlaceFactory
from tests.helpers.geo import web_point

pytestmark = pytest.mark.django_db(transaction=True)
MONDAY_NOON = datetime(2026, 11, 23, 12, 0, tzinfo=AMSTERDAM)
AMBONPLEIN = (4.9378, 52.35973)  # PDOK's recorded answer for postcode 1094 PW
STREET = [  # metres east of the postcode, name, opening hours
    (100, "Buurtkamer Ambon", "Mo-Fr 10:00-16:00", "020 100 00 01"),
    (250, "Huiskamer Javaplein", "Mo,We 09:00-13:00", "020 100 00 02"),
    (400, "Dapperbuurt Inloop", "Sa 10:00-12:00", "020 100 00 03"),
    (600, "Huis van de Wijk Oost", "Mo-Fr 09:00-21:00; PH off", "020 100 00 04"),
]


@pytest.fixture
def street(people, monkeypatch):
    monkeypatch.setattr(hours, "now", lambda: MONDAY_NOON)
    for metres, name, opening, phone in STREET:
        lng = AMBONPLEIN[0] + metres / (111_320 * math.cos(math.radians(AMBONPLEIN[1])))
        PlaceFactory(
            name=name, opening_hours=opening, phone=phone, location=web_point(lng, AMBONPLEIN[1])
        )


@pytest.mark.parametrize("width", [390, 1366])
def test_a_wijkteam_member_prints_a_handout_of_three_open_places(
    page, live_server, pdok, street, width
):
    page.set_viewport_size({"width": width, "height": 844 if width < 700 else 900})
    log_in(page, live_server, "wijkteamlid")
    assert "Wijkteam Centrum-West" in page.locator("h1").inner_text()  # lands on their work
    seen(page, f"wijkteam-{width}-1-landing")

    page.goto(f"{live_server.url}/in-de-buurt/")
    page.get_by_label("Adres of postcode").fill("1094 PW")
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_selector("#nearby-map[data-loaded]")
    names = page.locator(".result h3").all_inner_texts()
    assert names == [name for _m, name, _h, _p in STREET]
    assert page.locator("#result-count").inner_text().startswith("4 plekken binnen")
    seen(page, f"wijkteam-{width}-2-nearby")

    page.get_by_text("Filter de resultaten").click()
    page.get_by_label("Nu open").check()
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_selector("#nearby-map[data-loaded]")
    open_now = ["Buurtkamer Ambon", "Huiskamer Javaplein", "Huis van de Wijk Oost"]
    assert page.locator(".result h3").all_inner_texts() == open_now
    assert all("Nu open" in text for text in page.locator(".result").all_inner_texts())
    seen(page, f"wijkteam-{width}-3-open-now")

    for name in open_now:
        page.get_by_label(f"Voeg {name} toe aan de handout").check()
    with page.expect_popup() as opened:
        page.get_by_role("button", name="Handout van de gekozen plekken").click()
    handout = opened.value
    handout.wait_for_load_state()
    assert handout.locator("h2").all_inner_texts() == open_now
    text = handout.inner_text("main")
    assert "020 100 00 01" in text and "ma–vr 10:00–16:00" in text
    assert handout.locator("img.qr").count() == 3
    assert "Afgedrukt op 23 november 2026" in text
    seen(handout, f"wijkteam-{width}-4-handout")
    handout.emulate_media(media="print")
    pdf = handout.pdf(format="A4", print_background=True)
    assert len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf)) == 1
    folder = os.environ.get("SCREENSHOTS_DIR")
    if folder:
        Path(folder, f"wijkteam-{width}-5-handout.pdf").write_bytes(pdf)
