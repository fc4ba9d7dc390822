"""A resident takes over their buurthuis (issue 19): the owner changes the management form
with the date it happened, and the place page tells the story. axe on both pages."""

import pytest

from places.models import Place, PlaceEvent
from tests.helpers.browser import log_in, seen

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_takeover_told_on_the_place_page(page, live_server, places, people):
    kamer = places["kamer"]
    Place.objects.filter(pk=kamer.pk).update(management_form="sociaal_beheer")
    PlaceEvent.objects.create(
        place=kamer, kind="opened", happened_on="2016-01-01", precision="year"
    )
    log_in(page, live_server, "eigenaar")
    page.goto(f"{live_server.url}/plek/{kamer.slug}/bewerken/")
    page.locator("#id_management_form").select_option(label="zelfbeheer")
    page.get_by_label("Beheervorm sinds").fill("2021-03-04")
    seen(page, "story-edit")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("heading", name="Door de jaren heen").wait_for()
    story = page.locator("ol.story")
    assert story.locator("li").all_inner_texts() == [
        "Geopend in 2016 als Buurtkamer",
        "Op 4 maart 2021 overgenomen door bewoners (zelfbeheer)",
    ]
    seen(page, "story-place")
