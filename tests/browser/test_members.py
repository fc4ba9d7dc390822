"""Owners, editors and wijkteams in a real browser."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from places.accounts.invitations import make_token
from places.models import ContactMoment, Place
from tests.helpers.browser import log_in, problems

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_invited_initiator_moves_the_pin_and_edits_hours(page, live_server, places, browser):
    kamer = places["kamer"]
    page.goto(live_server.url + reverse("invitation", args=[make_token(kamer, "nina@example.org")]))
    page.get_by_label("Uw naam").fill("Nina")
    page.get_by_label("Kies een wachtwoord").fill("koffie-en-koekjes-7")
    page.get_by_label("Het wachtwoord nogmaals").fill("koffie-en-koekjes-7")
    page.get_by_role("button", name="Maak mijn account").click()
    page.wait_for_url(f"**/plek/{kamer.slug}/bewerken/")

    marker = page.locator(".leaflet-marker-icon").first
    marker.wait_for()
    box = marker.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] - 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 60, box["y"] + box["height"] - 2, steps=8)
    page.mouse.up()
    page.get_by_label("maandag, open vanaf (1)").fill("10:00")
    page.get_by_label("maandag, open tot (1)").fill("16:00")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(f"**/plek/{kamer.slug}/")
    assert problems(page) == []

    moved = Place.objects.get(pk=kamer.pk)
    assert moved.opening_hours == "Mo 10:00-16:00"
    assert moved.location.x > kamer.location.x + 5  # metres east, in RD New

    visitor = browser.new_context(locale="nl-NL")
    public = visitor.new_page()
    public.goto(live_server.url + kamer.get_absolute_url())
    assert "ma 10:00–16:00" in public.locator(".hours").inner_text()
    visitor.close()


def test_an_editor_undoes_vandalism_from_the_feed(page, live_server, places, people):
    kamer = places["kamer"]
    kamer.name = "VANDALISME"
    kamer.save()
    log_in(page, live_server, "redacteur")
    page.goto(f"{live_server.url}/redactie/wijzigingen/")
    change = page.locator(".change").filter(has_text="VANDALISME").first
    change.get_by_role("button", name="Ongedaan maken").click()
    page.wait_for_load_state()
    assert Place.objects.get(pk=kamer.pk).name == "Buurtkamer Het Anker"
    assert Axe().run(page).violations_count == 0


def test_a_wijkteam_member_logs_a_contact_moment(page, live_server, places, people):
    log_in(page, live_server, "wijkteamlid")
    page.goto(live_server.url + places["kamer"].get_absolute_url())
    page.get_by_label("Soort").select_option("telefoon")
    page.get_by_label("Notitie").fill("Gebeld over de koffieochtend")
    page.get_by_role("button", name="Contactmoment opslaan").click()
    page.wait_for_load_state()
    assert "Laatste contact" in page.locator(".private").inner_text()
    assert ContactMoment.objects.get().kind == "telefoon"
    assert problems(page) == []


@pytest.mark.parametrize(
    "username, path",
    [
        ("eigenaar", "/plek/buurtkamer-het-anker/bewerken/"),
        ("eigenaar", "/plek/buurtkamer-het-anker/geschiedenis/"),
        ("eigenaar", "/mijn-plekken/"),
        ("redacteur", "/redactie/"),
        ("wijkteamlid", "/wijkteam/"),
        ("wijkteamlid", "/plek/buurtkamer-het-anker/"),
    ],
)
def test_logged_in_pages_pass_axe(page, live_server, places, people, username, path):
    log_in(page, live_server, username)
    page.goto(live_server.url + path)
    page.wait_for_load_state("networkidle")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    assert problems(page) == []
