""" "Mijn plekken" as a to-do list (issue 15, point 2): per place what is missing, when it was
last checked, the open survey rounds and how far the place is, and who waits for an answer;
a sent claim says it is pending."""

import re
from datetime import datetime
from html import unescape

import pytest
from django.urls import reverse

from places.hours import AMSTERDAM
from places.models import ClaimRequest, Place
from surveys.models import Response
from tests.helpers.accounts import log_in
from tests.helpers.surveys import make_round

pytestmark = pytest.mark.django_db


def entry(client, name):
    """The text of one place's block on Mijn plekken."""
    html = unescape(client.get(reverse("places:mine")).content.decode())
    block = re.search(
        rf'<li class="my-place">\s*<h2><a[^>]*>{name}</a>.*?</li>\s*</ul>', html, re.S
    )
    return " ".join(re.sub(r"<[^>]+>", " ", block[0]).split()), block[0]


def test_what_is_missing_and_when_it_was_checked(client, places, people):
    log_in(client, people["owner"])
    text, html = entry(client, "Buurtkamer Het Anker")
    assert (
        "Nog niet ingevuld: openingstijden, de kosten van een bezoek, toegang met rolstoel, "
        "een telefoonnummer, e-mailadres of website. Vul de gegevens aan"
    ) in text
    edit = reverse("places:edit", args=[places["kamer"].slug])
    assert f'<a href="{edit}">Vul de gegevens aan</a>' in html
    assert "Nog nooit gecontroleerd." in text

    Place.objects.filter(pk=places["kamer"].pk).update(
        opening_hours="Mo-Fr 10:00-16:00",
        visitor_cost="free",
        wheelchair="yes",
        phone="020 1234567",
        last_verified_at=datetime(2026, 11, 3, 0, 30, tzinfo=AMSTERDAM),
    )
    text, _html = entry(client, "Buurtkamer Het Anker")
    assert "Nog niet ingevuld" not in text
    assert "Alles wat bezoekers zoeken, is ingevuld." in text
    assert "Laatst gecontroleerd op 3 november 2026." in text  # local date, not UTC's


def test_open_survey_rounds_say_how_far_the_place_is(client, places, people):
    log_in(client, people["owner"])
    kamer = places["kamer"]
    survey, _questions = make_round()
    text, html = entry(client, "Buurtkamer Het Anker")
    assert f"Rondvraag ‘{survey.title}’: nog niet begonnen" in text
    assert reverse("surveys:answer", args=[survey.slug, kamer.slug]) in html
    response = Response.objects.create(round=survey, place=kamer)
    assert "concept opgeslagen, nog niet verstuurd" in entry(client, "Buurtkamer Het Anker")[0]
    response.status = Response.Status.SUBMITTED
    response.submitted_at = datetime(2026, 11, 20, 10, 0, tzinfo=AMSTERDAM)
    response.save()
    assert "verstuurd op 20 november 2026" in entry(client, "Buurtkamer Het Anker")[0]


def test_a_claim_is_pending_for_the_claimant_and_a_to_do_for_the_members(client, places, people):
    kamer = places["kamer"]
    log_in(client, people["stranger"])
    claim = reverse("places:claim", args=[kamer.slug])
    assert f'href="{claim}"' in client.get(kamer.get_absolute_url()).content.decode()
    ClaimRequest.objects.create(user=people["stranger"], place=kamer, message="Ik zet koffie")
    page = unescape(client.get(kamer.get_absolute_url()).content.decode())
    assert "Uw aanvraag om lid te worden is verstuurd: de redactie beslist erover." in page
    assert f'href="{claim}"' not in page
    log_in(client, people["owner"])
    text, _html = entry(client, "Buurtkamer Het Anker")
    assert "1 aanvraag om lid te worden wacht op de redactie." in text
