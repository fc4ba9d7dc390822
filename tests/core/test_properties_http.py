"""Property-based tests through the real URLs, as the role that uses each form: any input gives
a page (never a server error), and a refused post changes nothing in the database."""

import json
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.forms.models import model_to_dict
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from places.accounts import invitations
from places.models import Activity, ClaimRequest, ContactMoment, Place, Report, YearlyCosts
from places.views.people import ContactMomentForm
from surveys.models import Answer
from tests.helpers.accounts import authenticator, log_in
from tests.helpers.editing import form_data
from tests.helpers.strategies import (
    FAST,
    SLOW,
    anywhere,
    errors_in_dutch,
    is_outside,
    text,
    value,
)

pytestmark = pytest.mark.django_db


def place_state(place):
    """Everything an edit could change about a place, as plain values."""
    row = Place.objects.filter(pk=place.pk).values().get()
    row.pop("updated_at")
    return {
        "place": row,
        "m2m": model_to_dict(Place.objects.get(pk=place.pk), ["services", "target_groups"]),
        "costs": list(YearlyCosts.objects.filter(place=place).values()),
        "activities": list(Activity.objects.filter(place=place).values()),
        "history": Place.history.filter(id=place.pk).count(),
    }


def point_json(point):
    return json.dumps({"type": "Point", "coordinates": list(point)})


COST_ROW = st.fixed_dictionaries(
    {name: value for name in ("year", "rent", "subsidy")},
    optional={"operating_costs": value, "DELETE": st.just("on")},
)


@SLOW
@given(
    point=anywhere,
    name=text,
    amount=value,
    advanced=text,
    costs=COST_ROW,
    extra=st.dictionaries(st.sampled_from(["version", "status", "is_published", "slug"]), value),
)
def test_owner_edit_page_refuses_bad_input_and_changes_nothing(
    client, places, people, point, name, amount, advanced, costs, extra
):
    log_in(client, people["owner"])
    place = Place.objects.get(pk=places["kamer"].pk)
    data = form_data(place, name=name, visitor_cost_amount=amount, location=point_json(point))
    data.update({"opening_hours_31": advanced, **extra})
    data.update({"costs-TOTAL_FORMS": "1", **{f"costs-0-{k}": v for k, v in costs.items()}})
    before = place_state(place)
    response = client.post(reverse("places:edit", args=[place.slug]), data)
    assert response.status_code in {302, 400, 409}
    if response.status_code != 302:
        assert place_state(place) == before
    if response.status_code == 400:
        errors_in_dutch(response.context["form"])
        for formset in response.context["formsets"]:
            for form in formset.forms:
                errors_in_dutch(form)
    if is_outside(*point):
        assert response.status_code == 400
        assert "buiten Nederland" in response.content.decode()


@SLOW
@given(point=anywhere, name=text, hours=text)
def test_proposing_a_place_refuses_bad_input_and_creates_nothing(
    client, places, people, point, name, hours
):
    log_in(client, people["stranger"])
    data = form_data(places["kamer"], name=name, location=point_json(point))
    data["opening_hours_31"] = hours
    count = Place.objects.count()
    response = client.post(reverse("places:create"), data)
    assert response.status_code in {200, 302, 400}  # 200: shown again to check first
    if response.status_code != 302:
        assert Place.objects.count() == count
    if response.status_code == 400:
        errors_in_dutch(response.context["form"])
    if is_outside(*point):
        assert response.status_code == 400


@SLOW
@given(answers=st.lists(value, min_size=6, max_size=6), submit=st.booleans())
def test_survey_answer_form_refuses_bad_answers_and_keeps_the_old_ones(
    client, places, people, survey, answers, submit
):
    round_, questions = survey
    log_in(client, people["owner"])
    data = {f"q{q.pk}": raw for q, raw in zip(questions.values(), answers, strict=True)}
    if submit:
        data["submit"] = "1"
    before = list(Answer.objects.order_by("pk").values())
    url = reverse("surveys:answer", args=[round_.slug, places["kamer"].slug])
    response = client.post(url, data)
    assert response.status_code in {302, 400}
    if response.status_code == 400:
        assert list(Answer.objects.order_by("pk").values()) == before
        errors_in_dutch(response.context["form"])


@FAST
@given(message=text, email=value, website=st.one_of(st.just(""), text))
def test_report_form_refuses_bad_input_and_stores_nothing(client, places, message, email, website):
    cache.clear()  # the rate limit is not what is tested here
    count = Report.objects.count()
    url = reverse("places:report", args=[places["kamer"].slug])
    response = client.post(url, {"message": message, "email": email, "website": website})
    assert response.status_code in {302, 400}
    if response.status_code == 400:
        assert Report.objects.count() == count
        errors_in_dutch(response.context["form"])
    if len(message.strip()) > 2000:
        assert response.status_code == 400


@FAST
@given(data=st.fixed_dictionaries({"date": value, "kind": value, "note": text}))
def test_contact_moment_form_refuses_bad_input_and_stores_nothing(client, places, people, data):
    log_in(client, people["wijkteam"])
    count = ContactMoment.objects.count()
    response = client.post(reverse("places:contact", args=[places["kamer"].slug]), data)
    valid = ContactMomentForm(data).is_valid()
    assert response.status_code == (302 if valid else 400)  # an error comes back as typed
    if not valid:
        assert ContactMoment.objects.count() == count
        errors_in_dutch(response.context["contact_form"])


@FAST
@given(message=text)
def test_claim_form_refuses_bad_input_and_stores_nothing(client, places, people, message):
    log_in(client, people["stranger"])
    count = ClaimRequest.objects.count()
    response = client.post(
        reverse("places:claim", args=[places["kamer"].slug]), {"message": message}
    )
    assert response.status_code in {302, 400}
    if response.status_code == 400:
        assert ClaimRequest.objects.count() == count
        errors_in_dutch(response.context["form"])


@FAST
@given(email=value)
def test_invite_form_refuses_bad_addresses_and_sends_nothing(client, places, people, email):
    log_in(client, people["redactie"])
    sent = len(mail.outbox)
    response = client.post(reverse("places:invite", args=[places["kamer"].slug]), {"email": email})
    assert response.status_code in {200, 302}
    if response.status_code == 200:
        assert len(mail.outbox) == sent
        errors_in_dutch(response.context["form"])


@FAST
@given(data=st.fixed_dictionaries({"name": text, "password1": value, "password2": value}))
def test_accepting_an_invitation_refuses_bad_input_and_creates_nobody(client, places, data):
    client.logout()
    token = invitations.make_token(places["kamer"], f"{uuid.uuid4().hex}@example.org")
    users = get_user_model().objects.count()
    response = client.post(reverse("invitation", args=[token]), data)
    assert response.status_code in {302, 400}
    if response.status_code == 400:
        assert get_user_model().objects.count() == users
        errors_in_dutch(response.context["form"])


@FAST
@given(password=value)
def test_erasing_with_a_wrong_password_erases_nothing(client, people, password):
    log_in(client, people["owner"])
    response = client.post(reverse("places:erase"), {"password": password})
    # The examples share one account: after five wrong passwords the lockout answers (429).
    assert response.status_code in {400, 429}
    assert get_user_model().objects.filter(pk=people["owner"].pk).exists()
    if response.status_code == 400:
        errors_in_dutch(response.context["form"])
    else:
        assert "Te vaak een verkeerd wachtwoord" in response.content.decode()


@FAST
@given(choice=value)
def test_merging_with_garbage_choices_merges_nothing(client, places, people, choice):
    log_in(client, people["redactie"])
    concept = places["concept"]
    before = place_state(concept)
    url = reverse("places:merge-compare", args=[concept.slug, places["kamer"].slug])
    response = client.post(url, {"name": choice, "bevestigd": "1"})
    if choice not in ("target", "duplicate"):
        assert response.status_code == 400
        assert place_state(concept) == before
        errors_in_dutch(response.context["form"])


@SLOW
@given(point=anywhere, name=text, amount=value, hours=text)
def test_admin_place_form_refuses_bad_input_and_creates_nothing(
    admin_client, places, point, name, amount, hours
):
    count = Place.objects.count()
    data = {
        "name": name,
        "place_type": places["kamer"].place_type_id,
        "management_form": "onbekend",
        "location": point_json(point),
        "opening_hours_31": hours,
        "visitor_cost_amount": amount,
        "wheelchair": "unknown",
        "visitor_cost": "unknown",
        "status": "active",
    }
    response = admin_client.post(reverse("admin:places_place_add"), data)
    assert response.status_code in {200, 302}
    if response.status_code == 200:
        assert Place.objects.count() == count
        errors_in_dutch(response.context["adminform"].form)
    if is_outside(*point):
        assert response.status_code == 200


@FAST
@given(code=value)
def test_a_wrong_or_garbage_code_never_completes_a_login(client, people, code):
    editor = people["redactie"]
    authenticator(editor).throttle_reset()
    client.force_login(editor)  # the password step only
    response = client.post(reverse("two-factor-verify"), {"code": code})
    assert response.status_code in {400, 429}
    assert client.get(reverse("places:moderation")).status_code == 302
    errors_in_dutch(response.context["form"])


# Location values a browser never sends, but a person with a script can: each must be a form
# error in Dutch, never a server error (security review, issue 23 point 7).
digits = st.integers(300, 500).map(lambda n: "1" * n)
hostile_location = st.one_of(
    st.sampled_from(
        [
            "SRID=999999;POINT(4.9 52.37)",
            "POINT(1e308 1e308)",
            "POINT Z (4.9 52.37 1)",
            "POINT(NaN NaN)",
            "POINT EMPTY",
            "LINESTRING(4.9 52.37, 4.91 52.38)",
            '{"type": "Point", "coordinates": ["4.9", "52.37"]}',
            '{"type": "Point", "coordinates": [4.9, 52.37, 1, 2, 3]}',
            '{"type": "Point"}',
        ]
    ),
    digits.map(lambda d: f"POINT({d} 52.37)"),
    digits.map(lambda d: f"POINT(4.{d} 52.{d})"),
    st.builds(lambda srid: f"SRID={srid};POINT(4.9 52.37)", st.integers(-(2**40), 2**40)),
    st.builds(
        lambda x, y: json.dumps({"type": "Point", "coordinates": [x, y]}),
        st.floats(allow_nan=False),
        st.floats(allow_nan=False),
    ),
)


@FAST
@given(location=hostile_location)
def test_the_edit_form_refuses_any_location_a_map_cannot_give(client, places, people, location):
    log_in(client, people["owner"])
    place = Place.objects.get(pk=places["kamer"].pk)
    before = place_state(place)
    response = client.post(
        reverse("places:edit", args=[place.slug]), form_data(place, location=location)
    )
    assert response.status_code in {302, 400}
    if response.status_code == 400:
        assert place_state(place) == before
        errors_in_dutch(response.context["form"])


@FAST
@given(location=hostile_location)
def test_proposing_refuses_any_location_a_map_cannot_give(client, places, people, location):
    log_in(client, people["stranger"])
    count = Place.objects.count()
    response = client.post(
        reverse("places:create"), form_data(places["kamer"], name="Nieuw", location=location)
    )
    assert response.status_code in {200, 302, 400}  # 200: shown again to check first
    if response.status_code != 302:
        assert Place.objects.count() == count
    if response.status_code == 400:
        errors_in_dutch(response.context["form"])


@FAST
@given(
    words=st.lists(st.text(alphabet="abcdefgh", min_size=1, max_size=30), max_size=1200),
    url=st.sampled_from(["places:list", "places:map-data", "places:nearby", "places:api-nearby"]),
)
def test_any_search_text_is_answered_and_too_much_is_a_dutch_400(client, places, words, url):
    """Search text is limited in length and words: never a 503 from a too-large query
    (security review, issue 23 point 6), on SQLite and on PostGIS."""
    query = " ".join(words)
    response = client.get(reverse(url), {"q": query, "lat": "52.37", "lng": "4.9"})
    too_much = len(query) > 200 or len(words) > 10
    assert response.status_code == (400 if too_much else 200)
    if too_much:
        assert "De zoektekst is te lang" in response.content.decode()
