"""Every URL of the surveys app × every role × GET and POST.

The table is tests/helpers/survey_matrix.py."""

import pytest

from surveys import urls as survey_urls
from tests.helpers.matrix import LOGIN, ROLES, check
from tests.helpers.survey_matrix import ANONYMOUS_MAY_WRITE, EXPECTED, url_for

pytestmark = pytest.mark.django_db


def test_every_url_has_an_entry():
    assert {pattern.name for pattern in survey_urls.urlpatterns} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_get_and_post(name, role, client, places, people):
    url = url_for(name, places)
    check(client, people, role, url, EXPECTED[name][role], name in ANONYMOUS_MAY_WRITE)
    if role == "anonymous" and EXPECTED[name][role][0] == LOGIN:
        assert "/account/login/" in client.get(url)["Location"]
