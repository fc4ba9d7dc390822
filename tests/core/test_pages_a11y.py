"""What every page has, over the pages of the accessibility tests (tests/pages.py): HTML
(and the data URLs are not), a title of its own, lang="nl", and the footer links to the
accessibility and privacy statements. Plus what the two statements say.
"""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from surveys.seed import SLUG
from tests.helpers import matrix as place_matrix
from tests.helpers import survey_matrix
from tests.helpers.accounts import log_in
from tests.helpers.pages import DATA, ROLES, SAME_PAGE, WITHOUT_SITE_FRAME, pages_for

pytestmark = pytest.mark.django_db

TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)


def crawl(client, places, people):
    """(role, name, page, response) for every page of every role. `page` says which page it
    is: its path, or the path of the page it is another way to (SAME_PAGE). Anonymous
    visitors and editors see every page of a second place too, so that titles can differ."""
    runs = [(role, places) for role in ROLES]
    other = {**places, "kamer": places["huis"]}
    runs += [("anonymous", other), ("redactie", other)]
    for role, run_places in runs:
        client.logout()
        if role != "anonymous":
            log_in(client, people[role])
        for name, url in pages_for(role, run_places, people):
            response = client.get(url, follow=True)
            assert response.status_code == 200, (role, name, url)
            page = response.request["PATH_INFO"]
            if name in SAME_PAGE:
                page = reverse(SAME_PAGE[name], args=[SLUG, run_places["kamer"].slug])
            yield role, name, page, response


def test_pages_are_html_and_data_urls_are_not(client, places, people):
    for role, name, _page, response in crawl(client, places, people):
        assert response["Content-Type"].startswith("text/html"), (role, name)
    log_in(client, people["redactie"])
    data = [(f"places:{n}", place_matrix.url_for(n, places, people)) for n in place_matrix.EXPECTED]
    data += [(f"surveys:{n}", survey_matrix.url_for(n, places)) for n in survey_matrix.EXPECTED]
    for name, url in data:
        if name in DATA and name != "surveys:chart":  # too few answers for a chart: 404
            assert not client.get(url)["Content-Type"].startswith("text/html"), name


def test_no_two_pages_share_a_title(client, places, people):
    pages_of = {}
    for role, name, page, response in crawl(client, places, people):
        title = " ".join(TITLE.search(response.content.decode())[1].split())
        pages_of.setdefault(title, {})[page] = (role, name)
    shared = {title: pages for title, pages in pages_of.items() if len(pages) > 1}
    assert shared == {}
    assert len(pages_of) > 40


def test_every_page_is_dutch_and_links_the_statements_in_its_footer(client, places, people):
    accessibility, privacy = reverse("places:accessibility"), reverse("places:privacy")
    for role, name, _page, response in crawl(client, places, people):
        if name in WITHOUT_SITE_FRAME:
            continue
        body = response.content.decode()
        assert '<html lang="nl">' in body, (role, name)
        footer = body[body.index("<footer") : body.index("</footer>")]
        assert f'href="{accessibility}"' in footer and f'href="{privacy}"' in footer, name


# --- The statements ------------------------------------------------------


def statement(client, name):
    response = client.get(reverse(f"places:{name}"))
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def test_the_accessibility_statement_follows_the_model(client, settings):
    settings.ACCESSIBILITY_CONTACT = ""
    text = statement(client, "accessibility")
    assert "<title>Toegankelijkheidsverklaring · Ontmoeting</title>" in text
    for part in (
        "Status: voldoet gedeeltelijk",
        "WCAG) 2.1 op niveau A en AA",
        "axe-core",
        "Alleen met het toetsenbord",
        "Bekende beperkingen",
        "De kaart.",
        "in de lijst op dezelfde pagina",
        "Feedback en contact",
        "Handhavingsprocedure",
        "Nationale ombudsman",
        "Deze verklaring is opgesteld op 22 november 2026",
    ):
        assert part in text, part
    assert "[in te vullen door de gemeente: e-mailadres of telefoonnummer" in text


def test_the_accessibility_contact_is_a_setting(client, settings):
    settings.ACCESSIBILITY_CONTACT = "toegankelijkheid@gemeente.example"
    text = statement(client, "accessibility")
    assert 'href="mailto:toegankelijkheid@gemeente.example"' in text
    assert "e-mailadres of telefoonnummer voor toegankelijkheid" not in text


def test_the_privacy_statement_names_the_data_purposes_basis_and_rights(client, settings):
    settings.PRIVACY_CONTACT = ""
    text = statement(client, "privacy")
    assert "<title>Privacyverklaring · Ontmoeting</title>" in text
    for part in (
        "Accounts",
        "Contactpersonen van plekken",
        "Contactmomenten van wijkteams",
        "Antwoorden op de rondvraag",
        "Wijzigingsgeschiedenis en auditlog",
        "Waarvoor",
        "artikel 6, lid 1, onder e van de AVG",
        "Hoe lang",
        "Autoriteit Persoonsgegevens",
        f'<a href="{reverse("places:my-data")}">Uw persoonsgegevens</a>',
    ):
        assert part in text, part
    assert "[in te vullen door de gemeente: contactgegevens van de functionaris" in text


def test_the_privacy_officer_is_a_setting(client, settings):
    settings.PRIVACY_CONTACT = "https://gemeente.example/privacy"
    text = statement(client, "privacy")
    assert '<a href="https://gemeente.example/privacy"' in text
    assert "contactgegevens van de functionaris gegevensbescherming" not in text


@pytest.mark.parametrize("name", ["accessibility", "privacy"])
def test_in_english_the_heading_is_translated_and_the_dutch_text_marked(client, name):
    with translation.override("en"):
        url = reverse(f"places:{name}")
    response = client.get(url, headers={"accept-language": "en"})
    text = " ".join(response.content.decode().split())
    assert '<html lang="en">' in text
    assert "This statement is only available in Dutch." in text
    assert '<div class="statement" lang="nl">' in text
    assert "<h1>Accessibility statement</h1>" in text or "<h1>Privacy statement</h1>" in text
