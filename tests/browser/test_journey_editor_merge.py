"""An editor finds a duplicate through the list, merges after comparing, and the old address
leads to the place kept (issue 15). axe on every page; pictures with `make screenshots`."""

import pytest

from places import merging
from places.models import Place
from tests.helpers.browser import log_in, seen
from tests.helpers.factories import PlaceFactory
from tests.helpers.geo import web_point

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", [390, 1366])
def test_an_editor_merges_a_duplicate_after_comparing(page, live_server, people, width):
    kept = PlaceFactory(
        name="Buurthuis De Boeg",
        postcode="1013AB",
        house_number="12",
        phone="",
        location=web_point(4.8900, 52.3700),
    )
    duplicate = PlaceFactory(
        name="Buurthuis de Boeg",
        postcode="1013AB",
        house_number="12",
        phone="020 555 12 12",
        location=web_point(4.8901, 52.3700),
        is_published=False,
    )
    page.set_viewport_size({"width": width, "height": 844 if width < 700 else 900})
    log_in(page, live_server, "redacteur")
    page.get_by_role("link", name="Zoek mogelijke dubbele plekken").click()
    pairs = len(merging.pairs())  # the fixture's places share an address too
    assert page.locator("#pair-count").inner_text() == (
        f"{pairs} paren plekken die misschien één plek zijn."
    )
    row = page.locator("tbody tr").filter(has_text="Buurthuis de Boeg")
    assert "Hetzelfde adres, een sterk lijkende naam, 7 m uit elkaar" in row.inner_text()
    seen(page, f"editor-{width}-1-duplicates")
    row.get_by_role("link", name="Vergelijk en voeg").click()

    assert page.locator("h1").inner_text() == "Buurthuis de Boeg samenvoegen met Buurthuis De Boeg"
    page.get_by_label("Telefoon: 020 555 12 12").check()
    seen(page, f"editor-{width}-2-compare")
    page.get_by_role("button", name="Verder: controleren").click()
    review = page.locator("section.review")
    assert "Telefoon: (niet ingevuld) → 020 555 12 12" in review.inner_text()
    assert Place.objects.get(pk=duplicate.pk).merged_into is None
    seen(page, f"editor-{width}-3-confirm")
    page.get_by_role("button", name="Samenvoegen").click()

    page.wait_for_url(f"{live_server.url}{kept.get_absolute_url()}")
    assert "is samengevoegd met Buurthuis De Boeg" in page.inner_text("main")
    assert "020 555 12 12" in page.inner_text("main")
    seen(page, f"editor-{width}-4-kept")
    page.goto(f"{live_server.url}{duplicate.get_absolute_url()}")
    assert page.url == f"{live_server.url}{kept.get_absolute_url()}"  # the old address leads on
