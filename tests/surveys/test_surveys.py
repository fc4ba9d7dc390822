import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from surveys import results
from surveys.answering import answer_token
from surveys.models import PreviousSubmission, Response
from tests.helpers.accounts import log_in
from tests.helpers.surveys import answer, make_round, places_in_round

pytestmark = pytest.mark.django_db


def answer_url(survey, place):
    return reverse("surveys:answer", args=[survey.slug, place.slug])


def post(questions, **values):
    data = {}
    for key, value in values.items():
        data[f"q{questions[key].pk}"] = value
    return data


def test_a_member_saves_a_draft_and_comes_back(client, survey, places, people):
    round_, questions = survey
    log_in(client, people["owner"])
    url = answer_url(round_, places["kamer"])
    response = client.post(url, {"draft": "", **post(questions, kracht="De koffie")})
    assert response.status_code == 302
    saved = Response.objects.get(place=places["kamer"])
    assert saved.status == "draft"
    page = client.get(url).content.decode()
    assert "De koffie" in page and "nog niet verstuurd" in page


def test_submitting_checks_required_answers_in_dutch_and_keeps_what_was_typed(
    client, survey, places, people
):
    round_, questions = survey
    log_in(client, people["owner"])
    response = client.post(
        answer_url(round_, places["kamer"]), {"submit": "", **post(questions, kracht="Koffie")}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Dit veld is verplicht" in body and "Koffie" in body
    assert not Response.objects.filter(status="submitted").exists()


def test_a_scale_answer_outside_1_to_5_is_refused(client, survey, places, people):
    round_, questions = survey
    log_in(client, people["owner"])
    data = {"submit": "", **post(questions, kracht="x", coproductie="7", sfeer="3")}
    assert client.post(answer_url(round_, places["kamer"]), data).status_code == 400


def test_submit_then_resubmit_keeps_the_old_version(client, survey, places, people):
    round_, questions = survey
    log_in(client, people["owner"])
    url = answer_url(round_, places["kamer"])
    client.post(url, {"submit": "", **post(questions, kracht="Eerst", coproductie="2", sfeer="3")})
    client.post(url, {"submit": "", **post(questions, kracht="Later", coproductie="4", sfeer="3")})
    saved = Response.objects.get()
    assert saved.status == "submitted"
    assert saved.answer_map()[questions["kracht"].pk] == "Later"
    old = PreviousSubmission.objects.get()
    assert old.answers[str(questions["kracht"].pk)] == "Eerst"


def test_a_double_submit_neither_duplicates_nor_loses(client, survey, places, people):
    round_, questions = survey
    log_in(client, people["owner"])
    data = {"submit": "", **post(questions, kracht="Koffie", coproductie="3", sfeer="4")}
    url = answer_url(round_, places["kamer"])
    client.post(url, data)
    client.post(url, data)
    assert Response.objects.count() == 1
    assert Response.objects.get().answers.count() == len(questions)
    assert not PreviousSubmission.objects.exists()


def test_the_answer_link_works_without_an_account(client, survey, places):
    round_, questions = survey
    url = reverse("surveys:answer-link", args=[round_.slug, answer_token(round_, places["kamer"])])
    assert client.get(url).status_code == 200
    data = {"submit": "", **post(questions, kracht="Via link", coproductie="3", sfeer="3")}
    assert client.post(url, data).status_code == 302
    assert Response.objects.get().place == places["kamer"]


def test_a_tampered_link_or_another_place_is_refused(client, survey, places, people):
    round_, _q = survey
    token = answer_token(round_, places["kamer"])
    assert (
        client.get(reverse("surveys:answer-link", args=[round_.slug, token + "x"])).status_code
        == 404
    )
    log_in(client, people["stranger"])
    assert client.get(answer_url(round_, places["kamer"])).status_code == 404


def test_a_closed_round_changes_nothing(client, places, people):
    round_, questions = make_round("dicht", status="closed")
    log_in(client, people["owner"])
    data = {"submit": "", **post(questions, kracht="Te laat", coproductie="3", sfeer="3")}
    client.post(answer_url(round_, places["kamer"]), data)
    assert not Response.objects.filter(status="submitted").exists()


def test_questions_are_locked_once_a_round_has_answers(survey, places):
    round_, questions = survey
    answer(round_, questions, places["kamer"], 3, 3)
    question = questions["coproductie"]
    question.kind = "text"
    with pytest.raises(ValidationError):
        question.full_clean()
    with pytest.raises(ValidationError):
        questions["dagen"].delete()


def test_theme_distribution_and_average_by_hand(six_answers, survey):
    round_, _q = survey
    by_code = {t.code: t for t in results.theme_results(round_, places_in_round())}
    assert by_code["coproductie"].counts == {1: 1, 2: 2, 3: 0, 4: 1, 5: 2}
    assert by_code["coproductie"].average == 3.17  # 19 / 6
    assert by_code["sfeer"].counts == {1: 0, 2: 0, 3: 5, 4: 1, 5: 0}
    assert by_code["sfeer"].average == 3.17


def test_groups_of_fewer_than_five_are_not_shown(six_answers, survey):
    round_, _q = survey
    sociaal = places_in_round().filter(management_form="sociaal_beheer")
    by_code = {t.code: t for t in results.theme_results(round_, sociaal)}
    assert by_code["coproductie"].n == 2
    assert not by_code["coproductie"].shown and by_code["coproductie"].average is None


def test_response_rate(six_answers, survey):
    round_, _q = survey
    rate = results.response_rate(round_, places_in_round())
    # The places fixture adds two published, not closed places that did not answer.
    assert rate == {"places": 8, "answered": 6, "percentage": 75}


def test_results_page_filters_and_hides_small_groups(client, six_answers, survey, people):
    round_, _q = survey
    log_in(client, people["beleid"])
    url = reverse("surveys:results", args=[round_.slug])
    body = client.get(url).content.decode()
    assert "6 antwoorden, gemiddelde 3,17" in body or "6 antwoorden, gemiddelde 3.17" in body
    small = client.get(url, {"beheer": "sociaal_beheer"}).content.decode()
    assert "te weinig om te tonen" in small


def test_results_are_not_for_the_public_or_members(client, six_answers, survey, people):
    round_, _q = survey
    url = reverse("surveys:results", args=[round_.slug])
    assert client.get(url).status_code == 302
    log_in(client, people["owner"])
    assert client.get(url).status_code == 403
    assert client.get(reverse("surveys:export", args=[round_.slug])).status_code == 403


def test_a_place_sees_its_own_scores_but_the_public_does_not(client, survey, places, people):
    round_, questions = survey
    answer(round_, questions, places["kamer"], 4, 2)
    url = places["kamer"].get_absolute_url()
    assert "Eigen scores" not in client.get(url).content.decode()
    log_in(client, people["owner"])
    assert "Eigen scores" in client.get(url).content.decode()


def test_comparing_two_rounds_over_the_same_places(six_answers, survey):
    first, questions_a = survey
    second, questions_b = make_round("ronde-b")
    for place in six_answers[:5]:
        answer(second, questions_b, place, 5, 5)
    comparison = results.comparison(first, second, places_in_round())
    row = next(r for r in comparison["rows"] if r["name"] == "Coproductie")
    assert comparison["places"] == 5
    assert (row["first"], row["second"]) == (2.8, 5)  # (1+2+2+4+5)/5


def test_open_answers_by_theme_and_search(six_answers, survey):
    round_, _q = survey
    found = results.open_answers(round_, places_in_round(), search="aandacht")
    assert found.shown and sum(len(v) for v in found.grouped.values()) == 6
    assert not results.open_answers(round_, places_in_round(), search="nergens").grouped


def test_csv_export_for_excel_with_formulas_neutralised(client, survey, places, people):
    round_, questions = survey
    answer(round_, questions, places["kamer"], 3, 4, kracht='=HYPERLINK("http://x")')
    log_in(client, people["redactie"])
    response = client.get(reverse("surveys:export", args=[round_.slug]))
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:2] == ["Plek", "Soort"] and "Wat is de kracht van uw plek?" in rows[0]
    kamer = next(r for r in rows if r[0] == "Buurtkamer Het Anker")
    assert kamer[rows[0].index("Wat is de kracht van uw plek?")] == '\'=HYPERLINK("http://x")'


def test_chart_svg_carries_the_numbers_as_text(client, six_answers, survey, people):
    round_, _q = survey
    log_in(client, people["beleid"])
    response = client.get(reverse("surveys:chart", args=[round_.slug, "coproductie"]))
    svg = response.content.decode()
    assert response["Content-Type"] == "image/svg+xml"
    assert "<title" in svg and ">2</text>" in svg and "<script" not in svg


def test_the_seeded_2015_round_has_the_three_open_questions_themes_and_dilemmas(db):
    from surveys.models import SurveyRound

    round_ = SurveyRound.objects.get(slug="kracht-van-de-plek-2015")
    questions = list(round_.questions())
    assert questions[0].text == "Wat is de kracht van uw plek?"
    assert sum(1 for q in questions if q.kind == "scale") == 10
    assert sum(1 for q in questions if q.kind == "text" and q.section.order == 3) == 6


def test_demo_answers_are_marked(db, places):
    from django.core.management import call_command

    call_command("generate_demo_answers", "--commit", "--share", "1")
    assert Response.objects.count() == Response.objects.filter(is_demo=True).count() > 0


def test_the_rondvraag_panel_on_a_place_page_per_role(client, survey, places, people):
    """surveys shows itself on a place's page through places' panel registry."""
    round_, _questions = survey
    url = places["kamer"].get_absolute_url()
    link = reverse("surveys:answer", args=[round_.slug, places["kamer"].slug])
    seen = {}
    for role in ("anonymous", "stranger", "wijkteam", "owner"):
        if role != "anonymous":
            log_in(client, people[role])
        page = client.get(url).content.decode()
        seen[role] = link in page
    assert seen == {"anonymous": False, "stranger": False, "wijkteam": False, "owner": True}


def test_places_knows_the_panel_only_through_its_registry():
    from places import panels

    assert [panel.name for panel in panels._panels] == ["surveys"]
    assert panels._panels[0].template == "surveys/_place_panel.html"
