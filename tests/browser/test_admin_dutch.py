"""The admin speaks Dutch and fits the screen (issue 15, point 9): its header, the place page
with its inlines at 1366 px without sideways scrolling, and members chosen by name or e-mail
(autocomplete), not by account number."""

import pytest
from playwright.sync_api import expect

from places.models import Membership
from tests.helpers.accounts import authenticator, code_for
from tests.helpers.browser import problems

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def admin_page(page, live_server, django_user_model):
    admin = django_user_model.objects.create_superuser(
        "beheer", "beheer@example.org", "een-lang-wachtwoord"
    )
    device = authenticator(admin)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "beheer")
    page.fill("#id_password", "een-lang-wachtwoord")
    page.click("input[type=submit]")
    page.get_by_label("Code").fill(code_for(device))
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


def test_the_header_is_dutch_and_a_place_fits_1366_px(admin_page, live_server, places, people):
    page = admin_page
    assert page.locator("#site-name").inner_text() == "Ontmoeting — beheer"
    assert page.locator("h1").first.inner_text() == "Beheer van het register"
    assert Membership.objects.get(place=places["huis"]).user == people["stranger"]
    page.goto(f"{live_server.url}/admin/places/place/{places['huis'].pk}/change/")
    page.locator(".leaflet-marker-icon").first.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    # The member is shown by name in a search field, not as a number to look up.
    member = page.locator("#memberships-0 .select2-selection__rendered").first
    assert member.inner_text() == "buurman"
    page.locator("#memberships-0 .select2-selection").first.click()
    page.locator(".select2-search__field").fill("eigen")
    found = page.locator(".select2-results__option:not(.loading-results)")
    expect(found).to_have_count(1)  # the search narrows the people to one
    assert found.all_inner_texts() == ["eigenaar"]
    assert problems(page) == []
