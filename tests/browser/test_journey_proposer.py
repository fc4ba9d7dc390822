"""A volunteer proposes their place and sees it go live (issue 15): the address first, the
pin placed from it, a known place at that address offered instead, the concept with what
happens next; an editor publishes it; then it is public. axe on every page."""

import pytest

from places.models import Place
from tests.helpers.browser import log_in, seen
from tests.helpers.factories import PlaceFactory
from tests.helpers.geo import web_point

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", [390, 1366])
def test_a_volunteer_proposes_a_place_and_sees_it_published(
    page, live_server, pdok, places, people, width
):
    PlaceFactory(
        name="Buurtkamer Hoofdweg",
        postcode="1055SC",
        house_number="495A",
        location=web_point(4.8468, 52.3759),
    )
    viewport = {"width": width, "height": 844 if width < 700 else 900}
    page.set_viewport_size(viewport)
    log_in(page, live_server, "buurman")
    page.goto(f"{live_server.url}/plek/nieuw/")
    page.get_by_label("Straat").fill("Hoofdweg")
    page.get_by_label("Huisnummer").fill("495A")
    page.get_by_label("Postcode").fill("1055 SC")
    page.get_by_label("Plaats").fill("Amsterdam")
    page.get_by_label("Naam").fill("Huiskamer De Linde")
    page.get_by_label("Soort").select_option(label="Huiskamer van de wijk/buurt")
    seen(page, f"proposer-{width}-1-form")
    page.get_by_role("button", name="Plek voorstellen").click()

    review = page.locator("section.review")
    review.wait_for()
    assert "We hebben de speld op het adres gezet." in review.inner_text()
    assert "Bedoelt u een van deze plekken?" in review.inner_text()
    assert review.get_by_role("link", name="Buurtkamer Hoofdweg", exact=True).is_visible()
    claim = review.get_by_role("link", name="Dit is onze plek: vraag aan om Buurtkamer Hoofdweg")
    assert claim.get_attribute("href").endswith("/aanvragen/")
    # The pin's map, once laid out (is_visible does not wait: CI once measured it too early).
    page.locator("#place-map, .leaflet-container").first.wait_for(state="visible")
    assert not Place.objects.filter(name="Huiskamer De Linde").exists()
    seen(page, f"proposer-{width}-2-check")
    page.get_by_role("button", name="Voorstel versturen").click()

    page.wait_for_selector("h1:text('Huiskamer De Linde')")
    notice = page.locator(".notice").first.inner_text()
    assert "Wacht op controle door de redactie." in notice
    assert "Wat gebeurt er nu?" in notice
    seen(page, f"proposer-{width}-3-concept")
    concept = Place.objects.get(name="Huiskamer De Linde")
    assert not concept.is_published
    url = f"{live_server.url}{concept.get_absolute_url()}"

    editor = page.context.browser.new_context(locale="nl-NL", viewport=viewport)
    editor_page = editor.new_page()
    log_in(editor_page, live_server, "redacteur")
    editor_page.goto(f"{live_server.url}/redactie/")
    editor_page.get_by_role("button", name="Huiskamer De Linde publiceren").click()
    editor_page.wait_for_load_state()
    editor.close()

    visitor = page.context.browser.new_context(locale="nl-NL", viewport=viewport)
    public = visitor.new_page()
    public.goto(url)
    assert public.locator("h1").inner_text() == "Huiskamer De Linde"
    assert public.locator(".notice").count() == 0  # live, no longer a concept
    public.goto(f"{live_server.url}/?q=Linde")
    assert "1 plek gevonden" in public.locator("#list-count").inner_text()
    visitor.close()
