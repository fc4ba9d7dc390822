import pytest

from tests.helpers.accounts import authenticator, code_for
from tests.helpers.browser import problems

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def logged_in(page, live_server, django_user_model):
    admin = django_user_model.objects.create_superuser(
        "beheer", "beheer@example.org", "een-lang-wachtwoord"
    )
    device = authenticator(admin)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "beheer")
    page.fill("#id_password", "een-lang-wachtwoord")
    page.click("input[type=submit]")
    page.get_by_label("Code").fill(code_for(device))  # admins confirm with their app
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


def test_place_admin_map_widget_works_under_the_csp(logged_in, live_server, places):
    page = logged_in
    page.goto(f"{live_server.url}/admin/places/place/{places['kamer'].pk}/change/")
    marker = page.locator(".leaflet-marker-icon").first
    marker.wait_for()
    assert page.evaluate("img => img.complete && img.naturalWidth > 0", marker.element_handle())
    assert problems(page) == []


def test_area_admin_map_widget_works(logged_in, live_server, amsterdam):
    page = logged_in
    page.goto(f"{live_server.url}/admin/places/area/{amsterdam['west'].pk}/change/")
    page.locator(".leaflet-container path").first.wait_for()
    assert problems(page) == []
