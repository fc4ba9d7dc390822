"""Every URL of the places app × every role × GET/POST.

The table is checked against the URL patterns, so a new URL without an entry fails.
"""

import pytest
from django.urls import reverse

from places import urls as place_urls

pytestmark = pytest.mark.django_db

# name: (kwargs, GET status for anonymous, staff), POST status (read-only pages refuse it)
EXPECTED = {
    "list": ({}, 200, 200, 405),
    "map-data": ({}, 200, 200, 405),
    "detail": ({"slug": "buurtkamer-het-anker"}, 200, 200, 405),
    "area": ({"code": "WK036301"}, 200, 200, 405),
    "about": ({}, 200, 200, 405),
    "nearby": ({}, 200, 200, 405),
    "handout": ({}, 200, 200, 405),
}


def test_every_url_has_an_entry():
    assert {pattern.name for pattern in place_urls.urlpatterns} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("role", ["anonymous", "staff"])
def test_get_and_post(name, role, client, admin_user, places):
    kwargs, anonymous, staff, post = EXPECTED[name]
    if role == "staff":
        client.force_login(admin_user)
    url = reverse(f"places:{name}", kwargs=kwargs)
    assert client.get(url).status_code == (staff if role == "staff" else anonymous)
    assert client.post(url).status_code == post
