"""A beleidsmedewerker asks the dashboard its three questions (issue 16): where are the gaps
(the top gap's name and its inhabitants, at the distance the heading names), what does it
cost (a cost per visitor per week), and what do places achieve (a targets-met number and
the places behind it). Each step asserts what the person sees and runs axe; with
SCREENSHOTS_DIR set (`make screenshots`) each step is saved as a picture."""

import pytest

from tests.helpers.browser import log_in, page_width, seen
from tests.helpers.results import make_town

pytestmark = pytest.mark.django_db(transaction=True)


def cells(row):
    return [text.strip() for text in row.locator("td").all_inner_texts()]


@pytest.mark.parametrize("width", [390, 1366])
def test_a_policy_officer_reads_gaps_costs_and_achievements(page, live_server, city, people, width):
    make_town(city)
    page.set_viewport_size({"width": width, "height": 844 if width < 700 else 900})
    log_in(page, live_server, "beleid")  # lands on the dashboard
    page.wait_for_selector("#dashboard-map[data-loaded]")
    heading = page.locator("#gaps-heading")
    assert heading.inner_text() == "Inwoners verder dan 800 m van een ontmoetingsplek"
    top = page.locator("#gap-ranking li").first
    # Verre Buurt lies wholly beyond 800 m of every place: all its 2,500 inhabitants. The
    # harbour beside it is as far, but with 10 inhabitants it is never a gap.
    assert top.locator(".gap-name").inner_text() == "Verre Buurt"
    assert top.locator(".gap-people").inner_text() == (
        "ongeveer 2.500 van 2.500 inwoners verder dan 800 m"
    )
    assert "Haven" not in page.locator("#gap-ranking").inner_text()
    assert page_width(page) <= width  # tables scroll
    seen(page, f"beleid-{width}-1-dashboard")

    page.get_by_role("link", name="Kosten en resultaten", exact=True).click()
    assert page.locator("h1").inner_text() == "Kosten en resultaten"
    table = page.locator("table[aria-labelledby='results-wijk']")
    header = table.locator("thead th").all_inner_texts()
    assert header[:3] == ["Wijk", "Plekken", "Kosten per bezoeker per week (mediaan)"]
    wijk_v = cells(table.locator("tbody tr", has_text="Wijk V"))
    wijk_w = cells(table.locator("tbody tr", has_text="Wijk W"))
    # Wijk W: the median of 5,200/52/20 = € 5,00 and 10,400/52/50 = € 4,00.
    assert wijk_w[:4] == ["3 plekken", "€ 4,50", "€ 3,33", "58%"]
    assert wijk_v[:4] == ["1 plek", "€ 5,00", "€ 10,00", "50%"]  # one place, not an average
    assert wijk_w[4:] == ["1", "2"]  # links; a screen reader hears what they lead to
    links = table.locator("tbody tr", has_text="Wijk W").get_by_role("link")
    assert [link.get_attribute("aria-label") for link in links.all()] == [
        "1 (toon de plekken)",
        "2 (toon de plekken)",
    ]
    assert page_width(page) <= width  # tables scroll
    seen(page, f"beleid-{width}-2-costs")

    table.locator("tbody tr", has_text="Wijk W").locator("td.targets-gehaald a").click()
    assert page.locator("h1").inner_text() == "Plekken die hun resultaatafspraken halen"
    assert page.locator("#targets-scope").inner_text() == "Wijk W · 2025 · 1 plek"
    (place,) = page.locator(".target-places li").all_inner_texts()
    assert place.splitlines() == ["Hoek", "bezoekers per week: 50 (afgesproken: 50)"]
    seen(page, f"beleid-{width}-3-targets")

    page.get_by_role("link", name="Hoek").click()
    assert page.locator("h1").inner_text() == "Hoek"
