"""An initiatiefnemer edits their place as a volunteer does (issue 15): the week grid's
"copy Monday", two activities added before saving, an amount in Dutch notation; then the
place page shows it all, the history says it in words, and the change is undone. axe on
every page; pictures with `make screenshots`."""

import pytest

from places.models import Place
from tests.helpers.browser import log_in, seen

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", [390, 1366])
def test_an_owner_fills_in_the_week_activities_and_a_contribution(
    page, live_server, places, people, width
):
    page.set_viewport_size({"width": width, "height": 844 if width < 700 else 900})
    kamer = places["kamer"]
    log_in(page, live_server, "eigenaar")
    page.goto(f"{live_server.url}/plek/{kamer.slug}/bewerken/")
    page.get_by_label("maandag, open vanaf (1)").fill("10:00")
    page.get_by_label("maandag, open tot (1)").fill("16:00")
    page.get_by_role("button", name="Kopieer maandag naar dinsdag t/m vrijdag").click()
    assert page.get_by_label("vrijdag, open vanaf (1)").input_value() == "10:00"
    assert page.get_by_label("vrijdag, open tot (1)").input_value() == "16:00"
    assert page.get_by_label("zaterdag, open vanaf (1)").input_value() == ""
    assert page.get_by_role("status").filter(has_text="maandag").inner_text() == (
        "De tijden van maandag staan nu ook bij dinsdag t/m vrijdag. Controleer ze en sla op."
    )

    activities = page.locator("fieldset.formset").first
    assert activities.get_by_label("Verwijderen").count() == 0  # an empty row: nothing to delete
    page.get_by_role("button", name="Nog een activiteit toevoegen").click()
    names = activities.get_by_label("Naam")
    assert names.count() == 2
    names.nth(0).fill("Koffieochtend")
    names.nth(1).fill("Samen koken")
    page.get_by_label("Kosten van een bezoek").select_option(label="een bijdrage")
    page.get_by_label("Bijdrage (euro)").fill("2,50")
    seen(page, f"owner-{width}-1-edit")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(f"{live_server.url}{kamer.get_absolute_url()}")

    main = page.inner_text("main")
    assert "ma–vr 10:00–16:00" in main
    assert "Koffieochtend" in main and "Samen koken" in main
    assert "Een bijdrage: € 2,50" in main
    place = Place.objects.get(pk=kamer.pk)
    assert place.opening_hours == "Mo-Fr 10:00-16:00"
    assert str(place.visitor_cost_amount) == "2.50"
    assert sorted(place.activities.values_list("name", flat=True)) == [
        "Koffieochtend",
        "Samen koken",
    ]
    seen(page, f"owner-{width}-2-saved")

    # The history says what changed in words, and the change can be undone.
    page.get_by_role("link", name="Geschiedenis").first.click()
    latest = page.locator("ol.changes > li").filter(has_text="Openingstijden")
    assert latest.count() == 1
    assert page.locator("ol.changes > li").filter(has_text="Activiteit ‘Samen koken’").count() == 1
    assert latest.get_by_text("Openingstijden: ma–vr 10:00–16:00").count() == 1
    assert latest.get_by_text("Kosten van een bezoek: onbekend → een bijdrage").count() == 1
    seen(page, f"owner-{width}-3-history")
    latest.get_by_role("button", name="Ongedaan maken").click()
    assert "De wijziging is ongedaan gemaakt" in page.inner_text("main")
    place.refresh_from_db()
    assert place.opening_hours == "" and place.visitor_cost == "unknown"
