"""After logging in each person lands on their work, never on an empty "Mijn plekken"."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.helpers.accounts import log_in

pytestmark = pytest.mark.django_db
PASSWORD = "een-lang-wachtwoord"
CLAIM_LINK = "Ik help bij deze plek: lid worden"


def logged_in_page(client, username, **extra):
    response = client.post(
        reverse("login"), {"username": username, "password": PASSWORD, **extra}, follow=True
    )
    assert response.status_code == 200
    return response


def heading(response):
    return response.content.decode().split("<h1>", 1)[1].split("</h1>", 1)[0]


def test_a_wijkteam_member_lands_on_their_wijkteam(client, people):
    response = logged_in_page(client, "wijkteamlid")
    assert heading(response) == "Wijkteam Centrum-West"
    assert response.redirect_chain[-1][0] == people["wijkteam"].wijkteams.get().get_absolute_url()


def test_a_wijkteam_member_without_a_team_lands_on_the_nearby_search(client, people):
    people["wijkteam"].wijkteams.clear()
    response = logged_in_page(client, "wijkteamlid")
    assert heading(response) == "Plekken in de buurt"


def test_policy_staff_land_on_the_dashboard(client, people):
    assert heading(logged_in_page(client, "beleid")) == "Beleidsoverzicht"


def test_an_initiator_lands_on_their_places(client, people):
    response = logged_in_page(client, "eigenaar")
    assert heading(response) == "Mijn plekken"
    assert "Buurtkamer Het Anker" in response.content.decode()


def test_an_editor_lands_on_the_moderation_queue_after_the_code(client, people):
    response = client.post(reverse("login"), {"username": "redacteur", "password": PASSWORD})
    assert response.url == reverse("landing")
    assert client.get(response.url).url.startswith(reverse("two-factor-setup"))
    log_in(client, people["redactie"])  # past the code
    assert client.get(reverse("landing")).url == reverse("places:moderation")


def test_a_safe_next_wins_over_the_landing_page(client, people):
    response = logged_in_page(client, "beleid", next=reverse("places:about"))
    assert response.redirect_chain[-1][0] == reverse("places:about")


def test_an_unsafe_next_lands_on_the_work_instead(client, people):
    response = logged_in_page(client, "beleid", next="https://evil.example/")
    assert heading(response) == "Beleidsoverzicht"


@pytest.mark.parametrize("role", ["wijkteam", "beleid"])
def test_wijkteam_and_policy_are_not_invited_to_become_members(client, people, places, role):
    log_in(client, people[role])
    page = client.get(places["huis"].get_absolute_url()).content.decode()
    assert CLAIM_LINK not in page


def test_an_initiator_of_another_place_is_invited_to_become_a_member(client, people, places):
    log_in(client, people["stranger"])
    page = client.get(places["kamer"].get_absolute_url()).content.decode()
    assert CLAIM_LINK in page
    assert reverse("places:claim", args=[places["kamer"].slug]) in page


def test_a_person_in_both_roles_gets_the_policy_dashboard(client, people):
    people["wijkteam"].groups.add(Group.objects.get(name="beleid"))
    assert heading(logged_in_page(client, "wijkteamlid")) == "Beleidsoverzicht"
