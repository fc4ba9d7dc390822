import pytest
from django.urls import reverse
from django.utils import timezone

from places.models import ContactMoment
from tests.accounts import log_in

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
