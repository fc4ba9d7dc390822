"""The HTML pages of the site, per role: what the accessibility tests visit.

Built from the permission matrices (tests/test_url_matrix*.py): every URL a role may GET
with 200, less the data and download URLs, plus the account pages that live outside
the two apps. A new URL therefore joins the accessibility tests by itself.
"""

from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from places.accounts.invitations import make_token
from tests.helpers import matrix as place_matrix
from tests.helpers import survey_matrix

ROLES = ["anonymous", "owner", "wijkteam", "beleid", "redactie"]
# Data and downloads (JSON, CSV, XLSX, GeoJSON, SVG): not pages.
DATA = {
    "places:map-data",
    "places:address-suggest",
    "places:dashboard-csv",
    "places:network-changes-csv",  # (network-change-places-csv is 404 without its ?soort=)
    "places:export",
    "places:api-places",
    "places:api-areas",
    "places:api-nearby",
    "places:openapi",
    "places:hsds-root",
    "places:hsds-openapi",
    "places:hsds-services",
    "places:hsds-service",
    "places:hsds-organizations",
    "places:hsds-organization",
    "places:hsds-service-at-locations",
    "places:hsds-service-at-location",
    "places:hsds-taxonomies",
    "places:hsds-taxonomy",
    "places:hsds-terms",
    "places:hsds-term",
    "places:my-data-download",
    "surveys:export",
    "surveys:chart",
}
# Pages that are not built on base.html: the handout is printed for a client.
WITHOUT_SITE_FRAME = {"places:handout"}
# The same page reached another way: answering a survey with the link from the e-mail.
SAME_PAGE = {"surveys:answer-link": "surveys:answer"}


def matrix_pages(role, places, people):
    """(name, url) of the app URLs that the role may GET."""
    pages = []
    for name, table in sorted(place_matrix.EXPECTED.items()):
        if table[role][0] == 200:
            pages.append((f"places:{name}", place_matrix.url_for(name, places, people)))
    for name, table in sorted(survey_matrix.EXPECTED.items()):
        if table[role][0] == 200:
            pages.append((f"surveys:{name}", survey_matrix.url_for(name, places)))
    return [(name, url) for name, url in pages if name not in DATA]


def account_pages(role, places, people):
    """(name, url) of the login, password, two-step verification and invitation pages (the
    set-up and code pages of two-step verification: tests/browser/test_two_factor.py)."""
    if role != "anonymous":
        return [
            ("password_change", reverse("password_change")),
            ("password_change_done", reverse("password_change_done")),
            ("two-factor-manage", reverse("two-factor-manage")),
        ]
    owner = people["owner"]
    token = default_token_generator.make_token(owner)
    uid = urlsafe_base64_encode(force_bytes(owner.pk))
    return [
        ("login", reverse("login")),
        ("password_reset", reverse("password_reset")),
        ("password_reset_done", reverse("password_reset_done")),
        ("password_reset_confirm", reverse("password_reset_confirm", args=[uid, token])),
        ("password_reset_complete", reverse("password_reset_complete")),
        ("invitation", reverse("invitation", args=[make_token(places["kamer"], "nina@ex.org")])),
    ]


def pages_for(role, places, people):
    """(name, url) of every HTML page the role may see."""
    return matrix_pages(role, places, people) + account_pages(role, places, people)
