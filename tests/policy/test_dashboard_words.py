"""What the dashboard says about gaps and classes, read from the page.

The city fixture (B1: 4,000 inhabitants, places at 500,500 and 800,200; B2: 500, a place at
1500,500; 1 km squares) at N = 200 m, with a small buurt Klein (100 m square, 300 inhabitants)
wholly within 200 m of a place in its middle, and a water buurt Meer (CBS water = JA, no
population figure, no place).
"""

import pytest
from django.urls import reverse

from places.models import Area
from tests.helpers.accounts import log_in
from tests.helpers.factories import PlaceFactory
from tests.helpers.geo import at, square

pytestmark = pytest.mark.django_db


@pytest.fixture
def town(city):
    wijk = city["wijk"]
    Area.objects.create(
        code="BU99990106",
        name="Klein",
        kind="buurt",
        parent=wijk,
        geometry=square(3000, 0, 100),
        population=300,
    )
    PlaceFactory(name="Klein midden", location=at(3050, 50))
    Area.objects.create(
        code="BU99990107", name="Meer", kind="buurt", parent=wijk, geometry=square(0, 3000)
    )
    return city


def dashboard(client, people, **params):
    log_in(client, people["beleid"])
    query = {"gemeente": "GM9999", "niveau": "buurt", "afstand": "200", **params}
    return client.get(reverse("places:dashboard"), query)


def ranking_text(page):
    html = page.content.decode()
    return html[html.index('id="gaps-heading"') : html.index("</section>")]


def legend_text(page):
    html = page.content.decode()
    return html[html.index('class="choropleth-legend"') : html.index("</ul>", html.index("legend"))]


def test_a_buurt_with_nobody_beyond_n_metres_is_not_in_the_ranking(client, town, people):
    page = dashboard(client, people, maat="inwoners")
    text = ranking_text(page)
    assert "Buurt B1" in text and "Buurt B2" in text
    assert "Klein" not in text
    assert "ongeveer 0 van" not in text


def test_a_water_buurt_is_hatched_never_a_gap_and_said_in_words(client, town, people):
    Area.objects.filter(code="BU99990107").update(population=5000, water=True)
    page = dashboard(client, people, maat="inwoners", sort="-inwoners")
    assert "Meer" not in ranking_text(page)  # 5,000 'inhabitants' beyond 200 m, but water
    assert "BU99990107" in page.context["map_values"]["sparse"]
    assert page.context["rows"][-1].area.name == "Meer"  # sorted last


def test_water_without_a_population_figure_says_so(client, town, people):
    Area.objects.filter(code="BU99990107").update(water=True)
    page = dashboard(client, people, maat="inwoners")
    html = page.content.decode()
    table = html[html.index('id="area-table"') : html.index("</table>")]
    assert "geen/weinig inwoners (grotendeels water)" in table
    assert "None" not in table
    labels = page.context["map_values"]["labels"]
    assert labels["BU99990107"] == "geen/weinig inwoners (grotendeels water)"


def test_a_one_value_legend_says_one_active_place(client, city, people):
    page = dashboard(client, people, buurt="BU99990102", wijk="WK999901")
    legend = legend_text(page)
    assert "1 actieve plek<" in legend
    assert "1 – 1" not in legend


def test_a_one_value_legend_has_the_plural_for_more(client, city, people):
    page = dashboard(client, people, niveau="wijk")
    legend = legend_text(page)
    assert "3 actieve plekken" in legend and "3 – 3" not in legend


def test_a_few_whole_numbers_get_a_class_each_not_1_to_1(client, city, people):
    legend = legend_text(dashboard(client, people))  # B1 has 2 places, B2 has 1
    assert "1 actieve plek<" in legend and "2 actieve plekken<" in legend
    assert " – " not in legend
