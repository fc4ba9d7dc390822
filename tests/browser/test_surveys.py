import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps as django_apps

from surveys.answering import save_answers
from surveys.models import Response, SurveyRound
from surveys.seed import seed
from tests.helpers.browser import log_in, problems
from tests.helpers.factories import PlaceFactory
from tests.helpers.geo import web_point

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def rondvraag(places):
    """The seeded 2015 round, already answered by four other places."""
    seed(django_apps)  # transactional tests flush the migration's seed away
    survey = SurveyRound.objects.get(slug="kracht-van-de-plek-2015")
    questions = list(survey.questions())
    for n in range(4):
        place = PlaceFactory(name=f"Andere plek {n}", location=web_point(4.9, 52.37))
        response = Response.objects.create(round=survey, place=place)
        answers = {
            q.pk: (3 if q.kind == "scale" else "Samen koffie") for q in questions if q.required
        }
        save_answers(response, answers, submit=True)
    return survey, questions


def test_a_member_answers_the_2015_round_and_an_editor_sees_it(
    page, live_server, browser, places, people, rondvraag
):
    survey, questions = rondvraag
    url = f"{live_server.url}/rondvraag/{survey.slug}/plek/{places['kamer'].slug}/"
    log_in(page, live_server, "eigenaar")
    page.goto(url)
    page.get_by_label("Wat is de kracht van uw plek?").fill("Iedereen is welkom aan de lange tafel")
    page.get_by_role("button", name="Opslaan als concept").click()
    assert "Opgeslagen als concept" in page.locator(".messages").inner_text()

    page.goto(f"{live_server.url}/mijn-plekken/")  # away, and back again
    page.goto(url)
    kracht = page.get_by_label("Wat is de kracht van uw plek?")
    assert kracht.input_value() == "Iedereen is welkom aan de lange tafel"
    for question in questions:
        if question.kind == "scale":
            page.locator(f"input[name='q{question.pk}'][value='5']").check()
    page.get_by_role("button", name="Antwoorden versturen").click()
    assert "Uw antwoorden zijn verstuurd" in page.locator(".messages").inner_text()
    assert Response.objects.get(place=places["kamer"]).status == "submitted"
    assert problems(page) == []

    editor = browser.new_context(locale="nl-NL")
    editor_page = editor.new_page()
    log_in(editor_page, live_server, "redacteur")
    editor_page.goto(f"{live_server.url}/rondvraag/{survey.slug}/resultaten/")
    coproductie = editor_page.locator("section.theme").filter(has_text="Coproductie")
    assert "5 antwoorden" in coproductie.locator("caption").inner_text()
    assert coproductie.locator("svg title").count() == 1
    assert coproductie.locator("td").all_inner_texts() == ["0", "0", "4", "0", "1"]
    assert Axe().run(editor_page).violations_count == 0
    with editor_page.expect_download() as download_info:
        editor_page.get_by_role("link", name="Alle antwoorden downloaden (CSV)").click()
    csv_text = download_info.value.path().read_text(encoding="utf-8-sig")
    assert "Buurtkamer Het Anker" in csv_text
    assert "Iedereen is welkom aan de lange tafel" in csv_text
    editor.close()


def test_the_answer_page_passes_axe(page, live_server, places, people, rondvraag):
    survey, _questions = rondvraag
    log_in(page, live_server, "eigenaar")
    page.goto(f"{live_server.url}/rondvraag/{survey.slug}/plek/{places['kamer'].slug}/")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
