"""A contact moment with an error comes back as typed, the error next to its field."""

import pytest
from django.urls import reverse
from django.utils import timezone

from places.models import ContactMoment
from tests.helpers.accounts import log_in

pytestmark = pytest.mark.django_db


def post_moment(client, place, **data):
    return client.post(reverse("places:contact", args=[place.slug]), data)


def field_group(page, name):
    """The HTML of one field's group in the contact form: its label, error and input."""
    form = page.split('id="contact-form"', 1)[1].split("</form>", 1)[0]
    groups = form.split("<div><label")[1:]
    return next(group for group in groups if f'name="{name}"' in group)


@pytest.fixture
def wijkteam_client(client, people):
    log_in(client, people["wijkteam"])
    return client


def test_a_date_in_the_future_keeps_what_was_typed(wijkteam_client, places):
    tomorrow = (timezone.localdate() + timezone.timedelta(days=1)).isoformat()
    response = post_moment(
        wijkteam_client, places["kamer"], date=tomorrow, kind="telefoon", note="Koffie gedronken"
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "<h1>Buurtkamer Het Anker</h1>" in page
    date = field_group(page, "date")
    assert "Een contactmoment kan niet in de toekomst liggen." in date
    assert f'value="{tomorrow}"' in date
    assert date.index("errorlist") < date.index("<input")  # said before the field, inside it
    assert 'aria-invalid="true"' in date
    assert '<option value="telefoon" selected>' in field_group(page, "kind")
    assert 'value="Koffie gedronken"' in field_group(page, "note")
    assert not ContactMoment.objects.exists()


def test_a_missing_date_is_said_next_to_the_date(wijkteam_client, places):
    response = post_moment(wijkteam_client, places["kamer"], date="", kind="bezoek", note="Later")
    page = response.content.decode()
    assert "Dit veld is verplicht." in field_group(page, "date")
    assert "Dit veld is verplicht." not in field_group(page, "note")
    assert 'value="Later"' in field_group(page, "note")


def test_the_form_brings_the_person_back_to_itself(wijkteam_client, places):
    page = wijkteam_client.get(places["kamer"].get_absolute_url()).content.decode()
    action = reverse("places:contact", args=[places["kamer"].slug]) + "#contact-form"
    assert f'action="{action}"' in page


def test_a_saved_moment_still_goes_back_to_the_place(wijkteam_client, places):
    today = timezone.localdate().isoformat()
    response = post_moment(wijkteam_client, places["kamer"], date=today, kind="bezoek")
    assert response.url == places["kamer"].get_absolute_url()
    assert ContactMoment.objects.get().kind == "bezoek"
