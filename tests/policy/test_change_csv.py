"""The change page's tables and the places behind a number as CSV, and hostile names on the
change page: against the small network of tests/helpers/network.py, whose counts are worked
out there by hand (openings 2014 Dicht, 2016 Hoek, 2018 Eenling, 2019 Oost; Dicht closed in
2017; Hoek taken over by residents in 2021; Oost to sociaal beheer in 2023)."""

import csv
import io

import pytest
from django.urls import reverse

from places.models import Area
from places.policy.charts import net_chart
from places.roles import ensure_groups
from tests.helpers.accounts import log_in
from tests.helpers.network import make_history

pytestmark = pytest.mark.django_db
HOSTILE = "<img src=x onerror=alert(1)>"
KINDS = [
    "Openingen",
    "Sluitingen",
    "Overgenomen door bewoners (naar zelfbeheer)",
    "Naar sociaal beheer",
    "Netto verandering",
]


@pytest.fixture
def history(city):
    return make_history(city)


@pytest.fixture
def officer(django_user_model):
    user = django_user_model.objects.create_user("beleid", "beleid@example.org", "wachtwoord")
    user.groups.add(ensure_groups()["beleid"])
    return user


def download(client, name, query):
    response = client.get(reverse(f"places:{name}"), query)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads it as UTF-8
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_the_table_per_year_as_shown(client, history, officer):
    log_in(client, officer)
    rows = download(client, "network-changes-csv", {"tabel": "per-jaar"})
    assert rows == [
        ["Jaar", *KINDS],
        ["2014", "1", "0", "0", "0", "1"],
        ["2016", "1", "0", "0", "0", "1"],
        ["2017", "0", "1", "0", "0", "-1"],
        ["2018", "1", "0", "0", "0", "1"],  # Eenling; the concept place is not counted
        ["2019", "1", "0", "0", "0", "1"],
        ["2021", "0", "0", "1", "0", "0"],
        ["2023", "0", "0", "0", "1", "0"],
    ]


def test_the_tables_with_the_page_filters(client, history, officer):
    log_in(client, officer)
    where = {"wijk": "WK999901", "van": "2017", "tot": "2021"}
    per_year = download(client, "network-changes-csv", {"tabel": "per-jaar", **where})
    assert per_year[1:] == [
        ["2017", "0", "1", "0", "0", "-1"],
        ["2019", "1", "0", "0", "0", "1"],
        ["2021", "0", "0", "1", "0", "0"],
    ]
    per_wijk = download(client, "network-changes-csv", {"tabel": "per-wijk", **where})
    assert per_wijk == [["Code", "Wijk", *KINDS], ["WK999901", "Wijk W", "1", "1", "1", "0", "0"]]
    both = download(client, "network-changes-csv", {"tabel": "per-wijk-en-jaar", "van": "2018"})
    assert both[0] == ["Code", "Wijk", "Jaar", *KINDS]
    assert both[1:] == [
        ["WK999902", "Wijk V", "2018", "1", "0", "0", "0", "1"],
        ["WK999901", "Wijk W", "2019", "1", "0", "0", "0", "1"],
        ["WK999901", "Wijk W", "2021", "0", "0", "1", "0", "0"],
        ["WK999901", "Wijk W", "2023", "0", "0", "0", "1", "0"],
    ]


def test_the_page_links_each_table_with_its_filters(client, history, officer):
    log_in(client, officer)
    page = client.get(reverse("places:network-changes"), {"wijk": "WK999901", "van": "2017"})
    text = page.content.decode()
    for table in ("per-jaar", "per-wijk", "per-wijk-en-jaar", "inwoners-verder"):
        assert f"tabel.csv?tabel={table}&amp;wijk=WK999901&amp;van=2017" in text
    assert "Download als CSV" in text


def test_inhabitants_farther_away_on_two_dates(client, history, officer):
    log_in(client, officer)
    query = {"tabel": "inwoners-verder", "eerder": "2018-01-01", "afstand": "100"}
    rows = download(client, "network-changes-csv", query)
    assert rows[0] == ["Code", "Gebied", "1 januari 2018", "vandaag", "Verschil"]
    assert ["GM9999", "Teststad", "6860", "6841", "-19"] in rows  # no thousands separator
    assert ["WK999901", "Wijk W", "4250", "4234", "-16"] in rows
    assert ["WK999902", "Wijk V", "2610", "2607", "-3"] in rows


def test_the_download_is_in_the_audit_trail(client, history, officer, audit):
    log_in(client, officer)
    download(client, "network-changes-csv", {"tabel": "per-wijk"})
    download(client, "network-change-places-csv", {"soort": "openingen"})
    entries = [(entry["format"], entry["rows"]) for entry in audit("export")]
    assert entries == [("changes-csv", 2), ("change-places-csv", 4)]
    assert audit("export")[0]["actor"] == f"auth.user:{officer.pk}"


def test_an_unknown_table_is_not_found(client, history, officer):
    log_in(client, officer)
    response = client.get(reverse("places:network-changes-csv"), {"tabel": "alles"})
    assert response.status_code == 404


def test_the_places_behind_a_number(client, history, officer):
    log_in(client, officer)
    query = {"soort": "naar-zelfbeheer", "wijk": "WK999901", "van": "2015"}
    page = client.get(reverse("places:network-change-places"), query)
    assert "plekken.csv?soort=naar-zelfbeheer&amp;wijk=WK999901&amp;van=2015" in (
        page.content.decode()
    )
    rows = download(client, "network-change-places-csv", query)
    assert rows == [
        ["Naam", "Buurt", "Wijk", "Jaar", "Wat er gebeurde", "Opmerking", "Pagina"],
        [
            "Hoek",
            "Buurt B1",
            "Wijk W",
            "2021",
            "In mei 2021 overgenomen door bewoners (zelfbeheer)",
            "",
            "http://testserver" + history["corner"].get_absolute_url(),
        ],
    ]
    openings = download(client, "network-change-places-csv", {"soort": "openingen"})
    assert [row[0] for row in openings[1:]] == ["Dicht", "Hoek", "Eenling", "Oost"]
    assert client.get(reverse("places:network-change-places-csv")).status_code == 404


def test_a_formula_in_a_name_is_text_in_the_csv(client, history, officer):
    history["corner"].name = "=HYPERLINK(1)"
    history["corner"].save()
    log_in(client, officer)
    rows = download(client, "network-change-places-csv", {"soort": "naar-zelfbeheer"})
    assert rows[1][0] == "'=HYPERLINK(1)"


def test_hostile_names_on_the_change_page_are_text(client, history, officer):
    history["corner"].name = HOSTILE
    history["corner"].save()
    Area.objects.filter(code="WK999901").update(name=HOSTILE)
    log_in(client, officer)
    page = client.get(reverse("places:network-changes"), {"eerder": "2018-01-01"}).content
    behind = client.get(reverse("places:network-change-places"), {"soort": "naar-zelfbeheer"})
    for text in (page.decode(), behind.content.decode()):
        assert HOSTILE not in text
        assert "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "van &lt;img src=x onerror=alert(1)&gt; verder dan" in page.decode()  # the sentence


def test_hostile_chart_labels_are_text():
    chart = net_chart([(HOSTILE, 2), ("2020", -1)], HOSTILE)
    assert HOSTILE not in chart
    assert ">&lt;img src=x onerror=alert(1)&gt;</text>" in chart
    assert 'aria-label="&lt;img src=x onerror=alert(1)&gt;"' in chart
