"""axe-core on every page, per role, and on every form in its error state.

The pages come from the permission matrices (tests/pages.py), so a new page is checked
without an entry here. A form is submitted with its fields emptied (browser validation
off): the page that comes back, with its error messages, must pass too.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps as django_apps
from django.utils import timezone

from places.models import ClaimRequest, ContactMoment, Report
from surveys.seed import seed
from tests.helpers.browser import WCAG_AA, log_in
from tests.helpers.pages import ROLES, pages_for

pytestmark = pytest.mark.django_db(transaction=True)

USERNAMES = {
    "owner": "eigenaar",
    "wijkteam": "wijkteamlid",
    "beleid": "beleid",
    "redactie": "redacteur",
}
# The forms of the page's own content (not the header's language and logout forms) that
# have a field to fill in; forms of buttons alone are actions, not forms with errors.
FORMS_WITH_FIELDS = """() => [...document.querySelectorAll('main form')]
  .map((form, index) => form.querySelector(
    'input:not([type=hidden]):not([type=submit]), textarea, select') ? index : -1)
  .filter(index => index >= 0)"""
# Maps that fetch their data: axe runs once the markers or areas are drawn.
MAPS_LOADED = """() => [...document.querySelectorAll('#places-map, #area-map, #dashboard-map')]
  .every(map => map.dataset.loaded)"""
SUBMIT_EMPTIED = """(index) => {
  const TYPED = /^(text|textarea|email|password|url|number|search|tel|date|time|datetime-local)$/;
  const form = document.querySelectorAll('main form')[index];
  form.noValidate = true;
  for (const field of form.elements) {
    if (field.type === 'checkbox' || field.type === 'radio') field.checked = false;
    else if (TYPED.test(field.type)) field.value = '';
  }
  const buttons = form.querySelectorAll('button:not([type=button]), input[type=submit]');
  form.requestSubmit(buttons[buttons.length - 1]);
}"""


@pytest.fixture
def site(places, people):
    """The places and people, the seeded survey round, and something for editors to do."""
    seed(django_apps)  # transactional tests flush the migration's seed away
    kamer = places["kamer"]
    ClaimRequest.objects.create(user=people["stranger"], place=kamer, message="Ik zet koffie")
    Report.objects.create(place=kamer, message="Het adres klopt niet")
    ContactMoment.objects.create(
        place=kamer, user=people["wijkteam"], date=timezone.localdate(), note="Gebeld"
    )
    return places, people


def violations(page, what):
    """One line per violation: where, which rule, and the first elements it found."""
    results = Axe().run(page, options=WCAG_AA)
    return [
        f"{what}: {v['id']} ({v['impact']}) {v['help']}: "
        + " | ".join(node["html"][:160] for node in v["nodes"][:3])
        for v in results.response["violations"]
    ]


def visit(page, url):
    page.goto(url)
    page.wait_for_function(MAPS_LOADED)


def check_page(page, url, name):
    visit(page, url)
    found = violations(page, name)
    for index in page.evaluate(FORMS_WITH_FIELDS):
        if index:  # the first form was sent from the page as it came; later ones anew
            visit(page, url)
        with page.expect_navigation():
            page.evaluate(SUBMIT_EMPTIED, index)
        page.wait_for_function(MAPS_LOADED)
        found += violations(page, f"{name}, form {index + 1} sent empty")
    return found


@pytest.mark.parametrize("role", ROLES)
def test_every_page_and_form_error_passes_axe(page, live_server, site, role):
    places, people = site
    if role != "anonymous":
        log_in(page, live_server, USERNAMES[role])
    found = []
    for name, path in pages_for(role, places, people):
        found += check_page(page, live_server.url + path, name)
    assert found == [], "\n".join(found)
