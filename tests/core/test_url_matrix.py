"""Every URL of the places app × every role × GET and POST (the table: tests/helpers/matrix.py)."""

import pytest

from places import urls as place_urls
from tests.helpers.matrix import EXPECTED, ROLES, check, url_for

pytestmark = pytest.mark.django_db


def test_every_url_has_an_entry():
    assert {pattern.name for pattern in place_urls.urlpatterns} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_get_and_post(name, role, client, places, people):
    check(client, people, role, url_for(name, places, people), EXPECTED[name][role])
