"""A beleidsmedewerker asks how the network changed (issue 19): the dashboard on 1 January 2018
has fewer places and another gap figure than today, the change table's takeover number leads
to its place, and the place's page tells the takeover. The figures are worked out by hand in
tests/helpers/network.py. Each step runs axe, at 390 and 1366 px."""

import pytest

from places.roles import ensure_groups
from tests.helpers.browser import log_in, page_width, seen
from tests.helpers.network import make_history

pytestmark = pytest.mark.django_db(transaction=True)


def cells(row):
    return [text.strip() for text in row.locator("td").all_inner_texts()]


@pytest.fixture
def officer(django_user_model):
    """Without the `people` fixture: its places lie in this town and would change the gaps."""
    user = django_user_model.objects.create_user("beleid", "b@example.org", "een-lang-wachtwoord")
    user.groups.add(ensure_groups()["beleid"])
    return user


@pytest.mark.parametrize("width", [390, 1366])
def test_a_policy_officer_sees_the_network_of_2018_and_a_takeover(
    page, live_server, city, officer, width
):
    make_history(city)
    page.set_viewport_size({"width": width, "height": 844 if width < 700 else 900})
    log_in(page, live_server, "beleid")  # lands on the dashboard
    page.get_by_label("Afstand N (meter)").fill("100")
    page.get_by_role("button", name="Tonen", exact=True).click()
    page.wait_for_url("**afstand=100**")
    wijk_w = page.locator("#area-table tbody tr", has_text="Wijk W")
    assert [cells(wijk_w)[i] for i in (1, 4)] == ["3", "4234"]  # today
    assert page.locator("#dashboard-day").count() == 0
    seen(page, f"network-{width}-1-today")

    page.locator(".year-picker").get_by_role("link", name="2018", exact=True).click()
    page.wait_for_url("**op=2018-01-01**")
    day = page.locator("#dashboard-day")
    assert day.locator("strong").inner_text() == "Het netwerk op 1 januari 2018"
    assert "2 actieve plekken" in day.inner_text()  # Midden and Hoek; Oost opened in 2019
    assert page.locator("#unknown-opening").inner_text() == (
        "1 plek zonder bekende openingsdatum telt mee als bestaand."
    )
    assert page.get_by_label("Afstand N (meter)").input_value() == "100"  # kept
    assert [cells(wijk_w)[i] for i in (1, 4)] == ["2", "4250"]  # fewer places, a wider gap
    assert page_width(page) <= width
    seen(page, f"network-{width}-2-2018")

    page.get_by_role("link", name="Hoe het netwerk verandert").click()
    assert page.locator("h1").inner_text() == "Hoe het netwerk verandert"
    row = page.locator("#per-wijk tbody tr", has_text="Wijk W")
    # openings, closings, to zelfbeheer, to sociaal beheer, net
    assert cells(row) == ["3", "1", "1", "1", "+2"]
    assert page_width(page) <= width
    seen(page, f"network-{width}-3-changes")

    row.locator("td").nth(2).get_by_role("link").click()
    assert page.locator("h1").inner_text() == "Overgenomen door bewoners (naar zelfbeheer)"
    assert page.locator("#change-scope").inner_text() == "Wijk W · alle jaren · 1 plek"
    (place,) = page.locator(".change-places li").all_inner_texts()
    assert place == "Hoek (Buurt B1): In mei 2021 overgenomen door bewoners (zelfbeheer)"
    seen(page, f"network-{width}-4-takeovers")

    page.get_by_role("link", name="Hoek").click()
    assert page.locator("h1").inner_text() == "Hoek"
    story = page.locator("ol.story").inner_text()
    assert "In mei 2021 overgenomen door bewoners (zelfbeheer)" in story
    seen(page, f"network-{width}-5-place")
