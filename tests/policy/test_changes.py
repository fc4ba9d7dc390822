"""How the network changed (issue 19): the change page's counts, the places behind each number,
inhabitants beyond N metres on two dates, and the dashboard on a date, against the small
network of tests/helpers/network.py, whose figures are worked out there by hand."""

import datetime

import pytest
from django.urls import reverse

from places.models import YearFigures
from places.policy import changes
from places.roles import ensure_groups
from tests.helpers.accounts import log_in
from tests.helpers.network import make_history

pytestmark = pytest.mark.django_db
KINDS = ["openingen", "sluitingen", "naar-zelfbeheer", "naar-sociaal-beheer"]


@pytest.fixture
def history(city):
    return make_history(city)


@pytest.fixture
def officer(django_user_model):
    """A beleidsmedewerker, without the `people` fixture's places (they lie in this town)."""
    user = django_user_model.objects.create_user("beleid", "beleid@example.org", "wachtwoord")
    user.groups.add(ensure_groups()["beleid"])
    return user


def numbers(row):
    return [row.numbers[kind] for kind in KINDS] + [row.net]


def test_counts_per_year_and_per_wijk(history):
    per_wijk_year, per_year, per_wijk = changes.change_rows()
    assert [(row.year, *numbers(row)) for row in per_year] == [
        (2014, 1, 0, 0, 0, 1),
        (2016, 1, 0, 0, 0, 1),
        (2017, 0, 1, 0, 0, -1),
        (2018, 1, 0, 0, 0, 1),  # Eenling; the concept place's opening is not counted
        (2019, 1, 0, 0, 0, 1),
        (2021, 0, 0, 1, 0, 0),
        (2023, 0, 0, 0, 1, 0),
    ]
    assert [(row.wijk.name, *numbers(row)) for row in per_wijk] == [
        ("Wijk V", 1, 0, 0, 0, 1),
        ("Wijk W", 3, 1, 1, 1, 2),
    ]
    assert [(row.wijk.name, row.year) for row in per_wijk_year][:2] == [
        ("Wijk V", 2018),
        ("Wijk W", 2014),
    ]


def test_counts_of_one_wijk_between_two_years(history):
    _rows, per_year, per_wijk = changes.change_rows(wijk="WK999901", first=2017, last=2021)
    assert [(row.year, *numbers(row)) for row in per_year] == [
        (2017, 0, 1, 0, 0, -1),
        (2019, 1, 0, 0, 0, 1),
        (2021, 0, 0, 1, 0, 0),
    ]
    assert [(row.wijk.name, *numbers(row)) for row in per_wijk] == [("Wijk W", 1, 1, 1, 0, 0)]


def test_the_change_page_links_every_number_to_its_places(client, history, officer):
    log_in(client, officer)
    page = client.get(reverse("places:network-changes"), {"van": "2015"})
    text = page.content.decode()
    assert "Hoe het netwerk verandert" in text
    link = "?soort=naar-zelfbeheer&amp;wijk=WK999901&amp;van=2015"
    assert link in text  # Wijk W's takeover by residents, over the years chosen
    behind = client.get(reverse("places:network-change-places") + link.replace("&amp;", "&"))
    body = behind.content.decode()
    assert "Overgenomen door bewoners (naar zelfbeheer)" in body
    assert "Wijk W · vanaf 2015 · 1 plek" in body
    assert f'href="{history["corner"].get_absolute_url()}"' in body
    assert "In mei 2021 overgenomen door bewoners (zelfbeheer)" in body


def test_the_places_behind_a_year_of_all_wijken(client, history, officer):
    log_in(client, officer)
    page = client.get(reverse("places:network-change-places"), {"soort": "openingen", "jaar": 2018})
    assert [event.place.name for event, _words in page.context["events"]] == ["Eenling"]
    closings = client.get(reverse("places:network-change-places"), {"soort": "sluitingen"})
    assert "Gesloten op 1 september 2017" in closings.content.decode()


@pytest.mark.parametrize(
    "query", [{}, {"soort": "verhuizingen"}, {"soort": "openingen", "wijk": "WK0"}]
)
def test_a_list_without_a_number_of_the_page_is_not_found(client, history, officer, query):
    log_in(client, officer)
    assert client.get(reverse("places:network-change-places"), query).status_code == 404


def test_years_in_the_wrong_order_are_said_and_count_everything(client, history, officer):
    log_in(client, officer)
    page = client.get(reverse("places:network-changes"), {"van": "2022", "tot": "2018"})
    assert "Het eerste jaar ligt na het laatste jaar." in page.content.decode()
    assert len(page.context["per_year"]) == 7


def test_inhabitants_beyond_100_m_in_2018_and_today(history):
    rows = changes.gaps_between(datetime.date(2018, 1, 1), None, 100)
    found = {row.area.name: (row.before, row.after) for row in rows}
    assert found["Teststad"] == (6860, 6841)
    assert found["Wijk W"] == (4250, 4234)
    assert found["Wijk V"] == (2610, 2607)
    assert rows[0].area.name == "Teststad"  # the gemeente first
    one = changes.gaps_between(
        datetime.date(2018, 1, 1), datetime.date(2020, 1, 1), 100, "WK999901"
    )
    assert [(r.area.name, r.before, r.after) for r in one] == [
        ("Teststad", 4250, 4234),
        ("Wijk W", 4250, 4234),
    ]


def test_the_gaps_in_a_sentence(client, history, officer):
    log_in(client, officer)
    page = client.get(reverse("places:network-changes"), {"eerder": "2018-01-01", "afstand": 100})
    assert (
        "Op 1 januari 2018 woonden ongeveer 4.250 inwoners van Wijk W verder dan 100 m van een "
        "ontmoetingsplek; nu 4.234."
    ) in page.content.decode()


def dashboard(client, **query):
    return client.get(reverse("places:dashboard"), {"afstand": 100, **query})


def wijk_w(page):
    return next(row for row in page.context["rows"] if row.area.name == "Wijk W")


def test_the_dashboard_on_a_date(client, history, officer):
    log_in(client, officer)
    today, then = dashboard(client), dashboard(client, op="2018-01-01")
    assert (wijk_w(today).places, wijk_w(today).people_beyond) == (3, 4234)
    assert (wijk_w(then).places, wijk_w(then).people_beyond) == (2, 4250)
    text = then.content.decode()
    assert "Het netwerk op 1 januari 2018" in text
    assert "1 plek zonder bekende openingsdatum telt mee als bestaand." in text  # Midden
    assert "zonder bekende openingsdatum" not in today.content.decode()
    assert ("zelfbeheer", 1) in then.context["by_form"]  # Hoek was in sociaal beheer then
    assert ("sociaal beheer", 1) in then.context["by_form"]


def test_the_dashboard_filters_by_the_management_form_of_then(client, history, officer):
    log_in(client, officer)
    then = dashboard(client, op="2018-01-01", beheer="sociaal_beheer")
    assert wijk_w(then).places == 1  # Hoek, before residents took it over
    assert wijk_w(dashboard(client, beheer="sociaal_beheer")).places == 1  # Oost, today
    assert wijk_w(dashboard(client, op="2020-01-01", beheer="zelfbeheer")).places == 2


def test_a_closed_place_counts_on_a_day_it_was_open(client, history, officer):
    log_in(client, officer)
    assert wijk_w(dashboard(client, op="2017-06-01")).places == 3  # Dicht, Midden, Hoek


def test_a_date_that_is_not_a_date_is_said(client, history, officer):
    log_in(client, officer)
    page = dashboard(client, op="2019-02-30")
    assert "Voer een geldige datum in." in page.content.decode()
    assert wijk_w(page).places == 3  # today


def test_the_home_map_on_a_date_says_the_unknown_openings(client, history):
    page = client.get(reverse("places:list"), {"op": "2018-01-01"})
    text = page.content.decode()
    assert "De kaart en de lijst tonen de plekken die op 1 januari 2018 actief waren" in text
    assert "1 plek zonder bekende openingsdatum telt mee als bestaand." in text  # Midden
    assert sorted(place.name for place in page.context["object_list"]) == ["Hoek", "Midden"]
    assert 'name="op" id="id_op" value="2018-01-01"' in text  # the date control keeps it
    today = client.get(reverse("places:list"))
    assert "zonder bekende openingsdatum" not in today.content.decode()
    assert len(today.context["object_list"]) == 4  # Midden, Hoek, Oost, Eenling


def test_the_dashboard_on_a_date_shows_what_places_achieved_before_it(client, history, officer):
    """Not 2025's figures by today's management form: Hoek was in sociaal beheer in 2017."""
    corner = history["corner"]
    YearFigures.objects.filter(place=corner).delete()
    YearFigures.objects.create(place=corner, year=2017, visitors_per_week=30)
    YearFigures.objects.create(place=corner, year=2025, visitors_per_week=50)
    log_in(client, officer)
    then = dashboard(client, op="2018-01-01")
    assert "Wat plekken bereiken (2017)" in then.content.decode()
    by_form = {row["label"]: row for row in then.context["achievements"]["by_form"]}
    assert (by_form["sociaal beheer"]["places"], by_form["sociaal beheer"]["visitors"]) == (1, 30)
    assert "zelfbeheer" not in by_form
    today = dashboard(client).context["achievements"]
    assert today["year"] >= 2025
