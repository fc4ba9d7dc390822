import pytest
from django.urls import reverse
from django.utils import timezone

from places.models import ContactMoment
from tests.helpers.accounts import log_in

pytestmark = pytest.mark.django_db


def test_a_wijkteam_member_logs_a_contact_moment(client, places, people):
    log_in(client, people["wijkteam"])
    url = reverse("places:contact", args=[places["kamer"].slug])
    client.post(url, {"date": timezone.localdate().isoformat(), "kind": "bezoek", "note": "Koffie"})
    moment = ContactMoment.objects.get()
    assert moment.user == people["wijkteam"] and moment.wijkteam.name == "Wijkteam Centrum-West"
    page = client.get(places["kamer"].get_absolute_url()).content.decode()
    assert "Laatste contact" in page and "Koffie" in page


def test_a_contact_moment_in_the_future_is_refused(client, places, people):
    log_in(client, people["wijkteam"])
    tomorrow = (timezone.localdate() + timezone.timedelta(days=1)).isoformat()
    client.post(
        reverse("places:contact", args=[places["kamer"].slug]), {"date": tomorrow, "kind": "bezoek"}
    )
    assert not ContactMoment.objects.exists()


def test_contact_moments_are_not_public(client, places, people):
    ContactMoment.objects.create(
        place=places["kamer"], date=timezone.localdate(), kind="bezoek", note="Geheime notitie"
    )
    assert "Geheime notitie" not in client.get(places["kamer"].get_absolute_url()).content.decode()
    log_in(client, people["owner"])
    assert "Geheime notitie" not in client.get(places["kamer"].get_absolute_url()).content.decode()


def test_wijkteam_page_lists_places_without_recent_contact(client, places, people):
    team = people["wijkteam"].wijkteams.get()
    ContactMoment.objects.create(place=places["huis"], date=timezone.localdate(), kind="bezoek")
    ContactMoment.objects.create(
        place=places["kamer"], date=timezone.localdate() - timezone.timedelta(days=400)
    )
    log_in(client, people["wijkteam"])
    response = client.get(reverse("places:wijkteam", args=[team.pk]))
    assert [p.name for p in response.context["stale"]] == ["Buurtkamer Het Anker"]
    assert [f["properties"]["name"] for f in response.context["features"]["features"]] == [
        "Buurtkamer Het Anker"
    ]


@pytest.fixture
def elsewhere(places):
    """A published place in another wijk of the city, with a contact person."""
    from tests.helpers.factories import AreaFactory, PlaceFactory, web_square
    from tests.helpers.geo import web_point

    gemeente = places["kamer"].wijk.parent
    wijk = AreaFactory(
        code="WK036399",
        name="Elders",
        kind="wijk",
        parent=gemeente,
        geometry=web_square(4.93, 52.37, 0.01),
    )
    AreaFactory(
        code="BU03639901",
        name="Verre Buurt",
        kind="buurt",
        parent=wijk,
        geometry=web_square(4.93, 52.37, 0.005),
    )
    place = PlaceFactory(
        name="Huiskamer Elders", location=web_point(4.93, 52.37), contact_name="Sentinel Ver Weg"
    )
    ContactMoment.objects.create(place=place, date=timezone.localdate(), note="Notitie van elders")
    return place


def test_a_wijkteam_sees_private_data_of_its_own_wijken_only(client, places, people, elsewhere):
    kamer = places["kamer"]
    kamer.contact_name = "Sentinel Dichtbij"
    kamer.save()
    log_in(client, people["wijkteam"])
    own = client.get(kamer.get_absolute_url()).content.decode()
    assert "Sentinel Dichtbij" in own
    assert 'action="' + reverse("places:contact", args=[kamer.slug]) in own
    other = client.get(elsewhere.get_absolute_url()).content.decode()
    assert "Huiskamer Elders" in other  # the public page
    assert "Sentinel Ver Weg" not in other
    assert "Notitie van elders" not in other
    assert reverse("places:contact", args=[elsewhere.slug]) not in other


def test_a_wijkteam_cannot_log_a_contact_moment_outside_its_wijken(
    client, places, people, elsewhere
):
    log_in(client, people["wijkteam"])
    response = client.post(
        reverse("places:contact", args=[elsewhere.slug]),
        {"date": timezone.localdate().isoformat(), "kind": "bezoek"},
    )
    assert response.status_code == 403
    assert elsewhere.contact_moments.count() == 1


def test_a_wijkteam_member_without_a_team_logs_nothing(client, places, people):
    people["wijkteam"].wijkteams.clear()
    log_in(client, people["wijkteam"])
    response = client.post(
        reverse("places:contact", args=[places["kamer"].slug]),
        {"date": timezone.localdate().isoformat(), "kind": "bezoek"},
    )
    assert response.status_code == 403
    assert not ContactMoment.objects.exists()


def test_policy_staff_still_see_every_place_private_data(client, places, people, elsewhere):
    log_in(client, people["beleid"])
    assert "Sentinel Ver Weg" in client.get(elsewhere.get_absolute_url()).content.decode()
