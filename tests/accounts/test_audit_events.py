"""Each audit event says what happened and who did it, whatever path the change took
(security review, issue 23 points 5 and 16)."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from places.models import Place
from tests.helpers.accounts import log_in
from tests.helpers.editing import form_data

pytestmark = pytest.mark.django_db


def test_unpublishing_and_closing_in_the_edit_form_are_logged(client, places, people, audit):
    kamer = places["kamer"]
    log_in(client, people["redactie"])
    data = form_data(kamer, editor=True, status="closed", closed_on="2026-11-30")
    data.pop("is_published")
    client.post(reverse("places:edit", args=[kamer.slug]), data)
    editor = f"auth.user:{people['redactie'].pk}"
    (unpublished,) = audit("place.unpublish")
    assert (unpublished["actor"], unpublished["object"]) == (editor, f"places.place:{kamer.pk}")
    (closed,) = audit("place.status")
    assert (closed["status"], closed["before"], closed["actor"]) == ("closed", "active", editor)


class FormValues(HTMLParser):
    """What a browser would send for the forms of a page: inputs, checked boxes, selected
    options and text areas."""

    def __init__(self):
        super().__init__()
        self.values, self.select, self.textarea = [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") not in ("checkbox", "radio"):
                self.values.append((name, attrs.get("value", "")))
            elif "checked" in attrs:
                self.values.append((name, attrs.get("value", "on")))
        elif tag == "select":
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.values.append((self.select, attrs.get("value", "")))
        elif tag == "textarea":
            self.textarea = name
            self.values.append((name, ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            name, text = self.values.pop()
            self.values.append((name, text + data))


def browser_post_data(html, **changes):
    parser = FormValues()
    parser.feed(html)
    data = {}
    for name, value in parser.values:
        data.setdefault(name, []).append(value.lstrip("\n") if value else value)
    data.update({name: [value] for name, value in changes.items()})
    return data


def test_closing_in_the_admin_is_logged(admin_client, places, audit):
    kamer = places["kamer"]
    url = reverse("admin:places_place_change", args=[kamer.pk])
    data = browser_post_data(
        admin_client.get(url).content.decode(), status="closed", closed_on="2026-11-30"
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Place.objects.get(pk=kamer.pk).status == "closed"
    (closed,) = audit("place.status")
    assert (closed["status"], closed["before"]) == ("closed", "active")


def test_the_publish_button_logs_once(client, places, people, audit):
    log_in(client, people["redactie"])
    client.post(reverse("places:publish", args=[places["concept"].slug]), {"publish": "1"})
    assert len(audit("place.publish")) == 1


def test_the_hsds_export_says_it_is_not_private(client, places, people, audit):
    log_in(client, people["beleid"])
    client.get(reverse("places:export", args=["hsds"]) + "?prive=1")
    client.get(reverse("places:export", args=["csv"]) + "?prive=1")
    private = {entry["format"]: entry["private"] for entry in audit("export")}
    assert private == {"hsds": False, "csv": True}


def test_the_dashboard_table_download_is_logged(client, places, people, audit):
    log_in(client, people["beleid"])
    assert client.get(reverse("places:dashboard-csv")).status_code == 200
    (entry,) = audit("export")
    assert entry["format"] == "dashboard-csv"
    assert entry["actor"] == f"auth.user:{people['beleid'].pk}"


def test_a_chart_download_is_logged(client, six_answers, survey, people, audit):
    round_, _questions = survey
    log_in(client, people["beleid"])
    client.get(reverse("surveys:chart", args=[round_.slug, "coproductie"]))
    (entry,) = audit("export")
    assert (entry["format"], entry["topic"]) == ("survey-chart", "coproductie")
