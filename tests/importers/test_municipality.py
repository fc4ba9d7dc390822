"""The municipality's own settings: seeded from the environment or YAML, edited by an admin,
and read by the pages that used to name one city."""

import re
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from places import geocoder
from places.models import Municipality
from tests.helpers.accounts import log_in
from tests.helpers.geo import square

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent.parent
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64  # the signature is what is checked


def change_url():
    return reverse("admin:places_municipality_change", args=[Municipality.current().pk])


def form_data(**changes):
    data = {
        "name": "Beekdal",
        "gemeente": "",
        "base_map": "pdok",
        "accessibility_contact": "",
        "privacy_contact": "",
        "survey_introduction": "",
        "nearby_radius": "1000",
        "geocoder_gemeente": "",
        "credits": "",
    }
    return {**data, **changes}


def test_seeded_from_the_environment(settings):
    settings.MUNICIPALITY_NAME = "Beekdal"
    settings.PRIVACY_CONTACT = "fg@beekdal.example"
    settings.NEARBY_DEFAULT_RADIUS = 2000
    settings.PDOK_GEMEENTE = "GM1999"
    municipality = Municipality.current()
    assert (municipality.name, municipality.privacy_contact) == ("Beekdal", "fg@beekdal.example")
    assert municipality.nearby_radius == 2000 and municipality.gemeente_digits == "1999"
    assert Municipality.objects.count() == 1


def test_seeded_from_a_yaml_file(settings, tmp_path):
    path = tmp_path / "gemeente.yaml"
    path.write_text("name: Heuvelrand\nbase_map: osm\naccessibility_contact: 14 0599\n")
    settings.MUNICIPALITY_FILE = str(path)
    municipality = Municipality.current()
    assert municipality.name == "Heuvelrand" and municipality.base_map == "osm"
    assert municipality.accessibility_contact == "14 0599"


def test_a_yaml_file_with_an_unknown_field_says_which(settings, tmp_path):
    path = tmp_path / "gemeente.yaml"
    path.write_text("naam: Heuvelrand\n")
    settings.MUNICIPALITY_FILE = str(path)
    with pytest.raises(ImproperlyConfigured, match="unknown fields naam"):
        Municipality.current()


def test_the_admin_edits_one_row_and_the_statements_show_it(admin_client, client):
    assert admin_client.get(reverse("admin:places_municipality_changelist")).url == change_url()
    response = admin_client.post(
        change_url(), form_data(accessibility_contact="toegankelijk@beekdal.example")
    )
    assert response.status_code == 302
    page = client.get(reverse("places:accessibility")).content.decode()
    assert 'href="mailto:toegankelijk@beekdal.example"' in page
    assert Municipality.objects.count() == 1
    assert admin_client.get(reverse("admin:places_municipality_add")).status_code == 403


def test_credits_replace_the_demo_sources_in_the_footer(admin_client, client):
    admin_client.post(change_url(), form_data(credits="Plekken: Gemeente Beekdal, 2026."))
    page = client.get(reverse("places:about")).content.decode()
    assert "Plekken: Gemeente Beekdal, 2026." in page
    assert "Gemeente Amsterdam, maatschappelijke voorzieningen" not in page


def test_a_logo_is_shown_in_the_header(admin_client, client):
    upload = _upload("logo.png", PNG)
    admin_client.post(change_url(), {**form_data(), "logo_file": upload})
    page = client.get(reverse("places:about")).content.decode()
    assert '<img class="site-logo" src="/gemeente/logo" alt="Gemeente Beekdal">' in page
    logo = client.get(reverse("places:municipality-logo"))
    assert logo["Content-Type"] == "image/png" and logo.content == PNG


def test_an_svg_logo_is_refused(admin_client):
    upload = _upload("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    response = admin_client.post(change_url(), {**form_data(), "logo_file": upload})
    assert "geen PNG-, JPEG- of WebP-afbeelding" in response.content.decode()
    assert not Municipality.current().logo_type


def _upload(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def test_the_nearby_search_starts_at_the_chosen_radius(admin_client, client):
    admin_client.post(change_url(), form_data(nearby_radius="2000"))
    page = client.get(reverse("places:nearby")).content.decode()
    assert re.search(r'<option value="2000" selected>', page)


def test_the_map_opens_on_the_gemeente_with_the_chosen_base_map(admin_client, client, db):
    from places.models import Area

    gemeente = Area.objects.create(
        code="GM1999", name="Beekdal", kind="gemeente", geometry=square(0, 0, 2000)
    )
    admin_client.post(change_url(), form_data(gemeente=gemeente.pk, base_map="osm"))
    settings = Municipality.current().map_settings()
    (south, west), (north, east) = settings["extent"]
    assert 52.35 < south < north < 52.42 and 4.85 < west < east < 4.95  # near X0, Y0
    assert settings["baseMap"] == 1
    page = client.get(reverse("places:list")).content.decode()
    assert '<script id="municipality-map" type="application/json">' in page


def test_the_geocoder_asks_pdok_only_for_the_municipality(settings, monkeypatch, client):
    settings.PDOK_GEMEENTE = "GM1999"
    asked = []

    def answer(endpoint, params, timeout):
        asked.append(params["fq"])
        return {"response": {"docs": []}}

    monkeypatch.setattr(geocoder, "pdok_get", answer)
    client.get(reverse("places:nearby"), {"adres": "Dorpsstraat 1"})
    client.get(reverse("places:address-suggest"), {"q": "Dorpsstraat"})
    assert len(asked) == 2 and all("gemeentecode:1999" in filters for filters in asked)
    geocoder.suggest("Kerkstraat")  # without a gemeente: all of the Netherlands
    assert asked[-1] == [geocoder.TYPES]


ALLOWED = {
    # The demo's credits and the Amsterdam importer, its demo accounts and generated demo data.
    "templates/base.html",
    "places/templates/places/about.html",
    "places/importers/amsterdam.py",
    "places/management/commands/import_places.py",
    "places/management/commands/create_demo_accounts.py",
    "places/management/commands/generate_places.py",
    "places/demo.py",
    "surveys/seed.py",  # renames an introduction that once named Rotterdam
    "places/exports/schemas.py",  # an example address in the API's schema
}


def test_no_template_or_text_names_amsterdam_or_rotterdam():
    named = []
    for folder in ("templates", "places", "surveys"):
        for path in (ROOT / folder).rglob("*"):
            relative = str(path.relative_to(ROOT))
            if path.suffix not in {".html", ".py", ".txt"} or "migrations" in relative:
                continue
            if relative in ALLOWED:
                continue
            text = path.read_text(encoding="utf-8").replace("Europe/Amsterdam", "")
            if re.search(r"Amsterdam|Rotterdam", text):
                named.append(relative)
    assert named == []


def test_a_round_without_its_own_introduction_shows_the_municipalitys(client, places, people):
    from django.apps import apps as django_apps

    from surveys import seed as seeding
    from surveys.models import SurveyRound

    seeding.seed(django_apps)
    SurveyRound.objects.filter(slug=seeding.SLUG).update(introduction="")
    municipality = Municipality.current()
    municipality.survey_introduction = "Welkom bij de rondvraag van Beekdal."
    municipality.save()
    log_in(client, people["owner"])
    url = reverse("surveys:answer", args=[seeding.SLUG, places["kamer"].slug])
    assert "Welkom bij de rondvraag van Beekdal." in client.get(url).content.decode()


def test_a_save_in_another_worker_shows_here_within_seconds(monkeypatch):
    """Two gunicorn workers without CACHE_URL: each keeps its own copy. A save in the other
    worker (a queryset update here: it clears no cache of this process) shows here once this
    process's copy ends, 10 seconds on, not 5 minutes."""
    import time

    assert Municipality.current().name != "Gemeente Beekdal"
    Municipality.objects.filter(pk=1).update(name="Gemeente Beekdal")
    assert Municipality.current().name != "Gemeente Beekdal"  # this worker's copy
    later = time.time() + 11
    monkeypatch.setattr(time, "time", lambda: later)
    assert Municipality.current().name == "Gemeente Beekdal"
