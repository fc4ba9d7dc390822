"""Reports lead somewhere and unchecked places are a list to act on (issue 15, point 8)."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from places.models import Place, Report
from tests.helpers.accounts import log_in

pytestmark = pytest.mark.django_db


def text(response):
    return " ".join(re.sub(r"<[^>]+>", " ", unescape(response.content.decode())).split())


@pytest.fixture
def editor(client, people):
    log_in(client, people["redactie"])
    return client


@pytest.fixture
def report(places):
    return Report.objects.create(
        place=places["kamer"], message="Het adres klopt niet", email="buur@example.org"
    )


def test_a_report_links_to_its_page_and_the_place_to_edit(editor, places, report):
    dashboard = unescape(editor.get(reverse("places:moderation")).content.decode())
    page_url = reverse("places:report-handled", args=[report.pk])
    edit_url = reverse("places:edit", args=[places["kamer"].slug])
    assert f'<a href="{page_url}">Beantwoorden en afhandelen</a>' in dashboard
    assert f'<a href="{edit_url}">Buurtkamer Het Anker bewerken</a>' in dashboard
    page = editor.get(page_url)
    assert "Het adres klopt niet" in text(page) and "buur@example.org" in text(page)
    assert f'href="{edit_url}"' in page.content.decode()


def test_the_answer_goes_to_the_reporter_and_the_report_is_closed_with_a_note(
    editor, people, report, mailoutbox, audit
):
    url = reverse("places:report-handled", args=[report.pk])
    data = {"answer": "Dank u, het adres is aangepast.", "note": "Huisnummer verbeterd."}
    response = editor.post(url, data, follow=True)
    assert "De melding is afgehandeld. De melder heeft uw antwoord per e-mail gekregen." in text(
        response
    )
    (mail,) = mailoutbox
    assert mail.to == ["buur@example.org"] and mail.body == "Dank u, het adres is aangepast."
    assert mail.subject == "Uw melding over Buurtkamer Het Anker"
    report.refresh_from_db()
    assert report.status == "handled" and report.note == "Huisnummer verbeterd."
    assert report.handled_by == people["redactie"] and report.answered_at is not None
    assert "Het adres klopt niet" not in text(editor.get(reverse("places:moderation")))
    assert "per e-mail beantwoord" in text(editor.get(url))
    assert audit("report.handle")


def test_without_a_note_nothing_changes_and_the_error_is_dutch(editor, report, mailoutbox):
    url = reverse("places:report-handled", args=[report.pk])
    response = editor.post(url, {"answer": "Dank u", "note": ""})
    assert response.status_code == 400
    assert "Dit veld is verplicht." in text(response)
    assert "Dank u" in response.content.decode()  # what was typed is kept
    report.refresh_from_db()
    assert report.status == "open" and mailoutbox == []


def test_without_an_address_there_is_no_answer_field(editor, places):
    anonymous = Report.objects.create(place=places["kamer"], message="Dicht")
    page = editor.get(reverse("places:report-handled", args=[anonymous.pk]))
    assert "liet geen e-mailadres achter" in text(page)
    assert 'name="answer"' not in page.content.decode()


@pytest.fixture
def old_places(places):
    long_ago = timezone.now() - timedelta(days=400)
    Place.objects.filter(pk__in=[places["kamer"].pk, places["huis"].pk]).update(created_at=long_ago)
    Place.objects.filter(pk=places["huis"].pk).update(last_verified_at=long_ago)
    return places


def test_the_unchecked_places_are_a_list_to_sort_and_filter(editor, old_places):
    dashboard = unescape(editor.get(reverse("places:moderation")).content.decode())
    assert f'<a href="{reverse("places:unverified")}">' in dashboard
    listing = editor.get(reverse("places:unverified"))
    assert "2 plekken die een jaar niet zijn gecontroleerd." in text(listing)
    names = re.findall(r'<td><a href="/plek/[^"]+/">([^<]+)</a></td>', listing.content.decode())
    assert names == ["Buurtkamer Het Anker", "Huis van de Wijk De Boeg"]  # by name
    oldest_first = editor.get(reverse("places:unverified"), {"sort": "checked"})
    names = re.findall(
        r'<td><a href="/plek/[^"]+/">([^<]+)</a></td>', oldest_first.content.decode()
    )
    assert names == ["Buurtkamer Het Anker", "Huis van de Wijk De Boeg"]  # never, then 400 days
    assert "nooit" in text(oldest_first)
    by_type = editor.get(reverse("places:unverified"), {"type": "huis-van-de-wijk"})
    assert "1 plek die een jaar niet is gecontroleerd." in text(by_type)


def test_members_of_the_chosen_places_are_reminded_in_bulk(editor, old_places, mailoutbox):
    kamer, huis = old_places["kamer"], old_places["huis"]
    response = editor.post(
        reverse("places:unverified"), {"plek": [kamer.slug, huis.slug]}, follow=True
    )
    said = text(response)
    assert "Herinneringen verstuurd voor 2 plekken." in said
    assert sorted(address for mail in mailoutbox for address in mail.to) == [
        "buurman@example.org",
        "eigenaar@example.org",
    ]
    assert {mail.subject for mail in mailoutbox} == {
        "Kloppen de gegevens van Buurtkamer Het Anker nog?",
        "Kloppen de gegevens van Huis van de Wijk De Boeg nog?",
    }
