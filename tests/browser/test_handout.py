"""The handout in Chromium, as a wijkteam member prints it: five places fit one A4 page,
with the numbered map, the QR codes, the team's contact line and the date. With
SCREENSHOTS_DIR set (`make screenshots`) the PDF and a picture of it are kept there."""

import os
import re
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from places import hours
from places.hours import AMSTERDAM
from places.models import Wijkteam
from tests.helpers.browser import WCAG_AA, log_in, problems
from tests.helpers.factories import PlaceFactory
from tests.helpers.geo import web_point

pytestmark = pytest.mark.django_db(transaction=True)
PRINTED = datetime(2026, 11, 23, 12, 0, tzinfo=AMSTERDAM)
NAMES = [
    "Huis van de Wijk De Meeuw",
    "Buurtkamer Het Anker aan de Westelijke Eilanden",
    "Huiskamer Bij Ons",
    "Buurtboerderij De Kas",
    "Wijkcentrum Centrum-West",
]
HOURS = [
    "Mo-Fr 09:00-17:00; PH off",
    'Mo,We,Fr 10:00-16:00; Tu 13:00-21:00; Sa 10:00-14:00 open "inloop"',
    "Tu-Th 10:00-15:00",
    "",
    "Mo-Fr 09:00-22:00; Sa,Su 10:00-17:00; Dec 25 off",
]


@pytest.fixture
def five(places, people, monkeypatch):
    monkeypatch.setattr(hours, "now", lambda: PRINTED)
    Wijkteam.objects.update(contact="020 123 45 67 · wijkteam.centrumwest@example.nl · ma–vr 9–17")
    made = []
    for n, (name, opening) in enumerate(zip(NAMES, HOURS, strict=True)):
        made.append(
            PlaceFactory(
                name=name,
                location=web_point(4.886 + 0.004 * n, 52.371 + 0.0015 * (n % 3)),
                street="Westerstraat",
                house_number=str(10 + n * 7),
                postcode="1015MK",
                phone=f"020 555 {n}0 {n}1",
                email=f"info{n}@plek.example",
                website=f"https://www.plek{n}.example/agenda",
                opening_hours=opening,
                visitor_cost="contribution" if n % 2 else "free",
                visitor_cost_amount=Decimal("2.00") if n % 2 else None,
                visitor_cost_note="koffie en lunch" if n % 2 else "",
                wheelchair=["yes", "limited", "no", "unknown", "yes"][n],
                last_verified_at=datetime(2026, 3, 4 + n, 10, 0, tzinfo=AMSTERDAM),
            )
        )
    return made


def handout_url(live_server, chosen):
    slugs = "&".join(f"plek={place.slug}" for place in chosen)
    return f"{live_server.url}/handout/?{slugs}&vanaf=Westerstraat+50&lat=52.3720&lng=4.8900"


def pages_in(pdf):
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def keep(page, pdf):
    folder = os.environ.get("SCREENSHOTS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        Path(folder, "handout-5.pdf").write_bytes(pdf)
        # The printable width of A4 with the handout's margins (182 mm at 96 dpi).
        page.set_viewport_size({"width": 688, "height": 1032})
        page.screenshot(path=f"{folder}/handout-5-print.png", full_page=True)


def test_five_places_fit_one_a4_page(page, live_server, five):
    log_in(page, live_server, "wijkteamlid")
    page.goto(handout_url(live_server, five))
    assert page.locator("h2").all_inner_texts() == NAMES
    assert page.locator(".handout-place .number").all_inner_texts() == ["1", "2", "3", "4", "5"]
    svg_numbers = page.locator(".sketch-map text[font-size='12']").all_text_contents()
    assert svg_numbers == ["1", "2", "3", "4", "5"]
    assert page.locator("img.qr").count() == 5
    head = page.locator(".handout-head").inner_text()
    assert "Vragen? Neem contact op met Wijkteam Centrum-West:" in head
    assert "020 123 45 67 · wijkteam.centrumwest@example.nl" in head
    assert "Afgedrukt op 23 november 2026" in head
    second = page.locator(".handout-place").nth(1).inner_text()
    assert "Telefoon 020 555 10 11" in second and "info1@plek.example" in second
    assert "laatst gecontroleerd op 5 maart 2026" in second
    assert "Deels toegankelijk met rolstoel" in second

    page.emulate_media(media="print")
    assert page.locator(".no-print").is_hidden()
    pdf = page.pdf(format="A4", print_background=True)
    keep(page, pdf)
    assert pdf.startswith(b"%PDF")
    assert pages_in(pdf) == 1
    result = Axe().run(page, options=WCAG_AA)
    assert result.violations_count == 0, result.generate_report()
    assert problems(page) == []


def test_more_places_go_on_to_a_second_page(page, live_server, five):
    more = five + [
        PlaceFactory(name=f"Extra plek {n}", location=web_point(4.89, 52.37)) for n in range(5)
    ]
    page.goto(handout_url(live_server, more))
    page.emulate_media(media="print")
    assert pages_in(page.pdf(format="A4")) > 1  # the count above can tell
