"""generate_demo_details: seeded example details, marked as demo, removed exactly."""

import datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse

from places import demo
from places.hours import validate_opening_hours
from places.importers.amsterdam import import_places
from places.models import Activity, ContactMoment, Place, Wijkteam, YearFigures, YearlyCosts
from tests.helpers.paths import TEST_DATA

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 1)
FIELDS = [
    "management_form",
    "opening_hours",
    "visitor_cost",
    "visitor_cost_amount",
    "wheelchair",
    "accessible_toilet",
    "hearing_loop",
    "phone",
    "email",
    "last_verified_at",
]


def snapshot():
    """Everything a place shows, per slug: the fields and the rows and tags around it."""
    return {
        place.slug: (
            [getattr(place, name) for name in FIELDS],
            sorted(place.services.values_list("slug", flat=True)),
            sorted(place.target_groups.values_list("slug", flat=True)),
            sorted(place.yearly_costs.values_list("year", "rent", "subsidy")),
            sorted(
                place.year_figures.values_list(
                    "year", "visitors_per_week", "target_visitors_per_week"
                )
            ),
            sorted(place.activities.values_list("name", "mode")),
            sorted(place.contact_moments.values_list("date", "kind")),
        )
        for place in Place.objects.order_by("slug")
    }


def generate(seed=7):
    return demo.generate(Place.objects.select_related("place_type", "buurt"), seed, TODAY)


def test_the_same_seed_gives_the_same_details(places):
    generate()
    first = snapshot()
    demo.remove(Place.objects.all())
    generate()
    assert snapshot() == first


def test_another_seed_gives_other_details(places):
    generate(seed=7)
    first = snapshot()
    demo.remove(Place.objects.all())
    generate(seed=8)
    assert snapshot() != first


def test_real_values_are_never_overwritten(places):
    kamer = places["kamer"]
    kamer.phone = "020 555 12 34"
    kamer.save()
    YearlyCosts.objects.create(place=kamer, year=2024, rent=1234)
    generate()
    kamer.refresh_from_db()
    huis = Place.objects.get(pk=places["huis"].pk)
    assert huis.opening_hours == "Mo-Fr 09:00-17:00; PH off"
    assert "opening_hours" not in huis.demo_fields
    assert kamer.phone == "020 555 12 34" and "phone" not in kamer.demo_fields
    assert kamer.yearly_costs.get(year=2024).rent == 1234
    assert "yearly_costs:2024" not in kamer.demo_fields
    assert kamer.name == "Buurtkamer Het Anker" and kamer.street == "Dorpsstraat"


def test_every_place_gets_plausible_details(places):
    generate()
    for place in Place.objects.all():
        assert place.management_form in {"zelfbeheer", "sociaal_beheer", "particulier_initiatief"}
        assert place.phone.startswith("088 000 00 ")
        assert place.email.endswith("@example.org")
        assert place.yearly_costs.count() == 3 and place.year_figures.count() == 3
        assert TODAY - place.last_verified_at.date() < datetime.timedelta(days=731)


def test_all_generated_opening_hours_are_valid(places):
    for hours, _weight in demo.HOURS:
        validate_opening_hours(hours)
    generate()
    for place in Place.objects.all():
        validate_opening_hours(place.opening_hours)
        place.full_clean()


def test_proportions_of_management_forms_are_like_a_network(vocabularies):
    from tests.helpers.factories import PlaceFactory

    PlaceFactory.create_batch(200)
    generate()
    counts = {
        form: Place.objects.filter(management_form=form).count() for form in demo.FORM_WEIGHTS
    }
    assert 60 <= counts["zelfbeheer"] <= 100
    assert 70 <= counts["sociaal_beheer"] <= 110
    assert 15 <= counts["particulier_initiatief"] <= 45


def test_some_targets_are_met_and_some_missed(vocabularies):
    from tests.helpers.factories import PlaceFactory

    PlaceFactory.create_batch(40)
    generate()
    rows = YearFigures.objects.exclude(target_visitors_per_week=None)
    met = [r for r in rows if r.visitors_per_week >= r.target_visitors_per_week]
    assert 0 < len(met) < rows.count()


def test_contact_moments_only_where_a_wijkteam_works(places, amsterdam):
    generate()
    assert not ContactMoment.objects.exists()
    demo.remove(Place.objects.all())
    Wijkteam.objects.create(name="Wijkteam Centrum").wijken.add(amsterdam["wijk"])
    generate()
    assert ContactMoment.objects.exists()
    assert set(ContactMoment.objects.values_list("wijkteam__name", flat=True)) == {
        "Wijkteam Centrum"
    }


def test_remove_restores_what_was_there(places, amsterdam):
    Wijkteam.objects.create(name="Wijkteam Centrum").wijken.add(amsterdam["wijk"])
    Activity.objects.create(place=places["huis"], name="Echte koffieochtend")
    YearlyCosts.objects.create(place=places["kamer"], year=2024, rent=1234)
    before = snapshot()
    call_command("generate_demo_details", "--commit", stdout=None)
    assert snapshot() != before
    call_command("generate_demo_details", "--remove", "--commit", stdout=None)
    assert snapshot() == before
    assert not Place.objects.exclude(demo_fields=[]).exists()


def test_a_dry_run_writes_nothing(places):
    before = snapshot()
    call_command("generate_demo_details")
    assert snapshot() == before


def test_the_command_is_atomic(places):
    before = snapshot()
    real = demo.add_figures
    calls = []

    def fail_on_the_fifth(*args):
        calls.append(args)
        if len(calls) == 5:
            raise RuntimeError("disk full")
        return real(*args)

    with mock.patch.object(demo, "add_figures", fail_on_the_fifth), pytest.raises(RuntimeError):
        call_command("generate_demo_details", "--commit")
    assert snapshot() == before
    assert not Place.objects.exclude(demo_fields=[]).exists()
    assert not YearlyCosts.objects.exists() and not Activity.objects.exists()


def test_a_reimport_keeps_the_demo_details(amsterdam):
    messy = TEST_DATA / "places-messy.geojson"
    import_places(messy, commit=True)
    generate()
    before = snapshot()
    marks = dict(Place.objects.values_list("external_id", "demo_fields"))
    import_places(messy, commit=True)
    assert snapshot() == before
    assert dict(Place.objects.values_list("external_id", "demo_fields")) == marks
    zelf = Place.objects.get(name__startswith="Zelfbeheer")
    assert zelf.management_form == "zelfbeheer" and "management_form" not in zelf.demo_fields


def test_the_place_page_says_voorbeeldgegevens(client, places):
    url = places["kamer"].get_absolute_url()
    assert "voorbeeldgegevens" not in client.get(url).content.decode().lower()
    generate()
    assert "voorbeeldgegevens" in client.get(url).content.decode().lower()


def test_the_list_marks_places_with_demo_values(client, places):
    assert "voorbeeldgegevens" not in client.get(reverse("places:list")).content.decode().lower()
    generate()
    assert "voorbeeldgegevens" in client.get(reverse("places:list")).content.decode().lower()


def test_a_value_the_source_now_gives_is_no_longer_demo(amsterdam):
    messy = TEST_DATA / "places-messy.geojson"
    import_places(messy, commit=True)
    generate()
    zelf = Place.objects.get(name__startswith="Zelfbeheer")
    Place.objects.filter(pk=zelf.pk).update(  # as if the demo had filled it in
        management_form="sociaal_beheer", demo_fields=[*zelf.demo_fields, "management_form"]
    )
    import_places(messy, commit=True)
    zelf.refresh_from_db()
    assert zelf.management_form == "zelfbeheer"
    assert "management_form" not in zelf.demo_fields and "opening_hours" in zelf.demo_fields


@pytest.mark.parametrize("name", ["places:costs", "places:dashboard"])
def test_policy_pages_have_a_footnote_when_demo_values_count_in(client, people, name):
    client.force_login(people["beleid"])
    assert "voorbeeldgegevens" not in client.get(reverse(name)).content.decode().lower()
    generate()
    assert "voorbeeldgegevens" in client.get(reverse(name)).content.decode().lower()


def test_a_demo_value_saved_in_the_form_is_no_longer_demo(client, places, people):
    from tests.helpers.accounts import log_in
    from tests.helpers.editing import form_data

    generate()
    kamer = Place.objects.get(pk=places["kamer"].pk)
    log_in(client, people["owner"])
    data = form_data(kamer, phone="020 123 4567")
    response = client.post(reverse("places:edit", args=[kamer.slug]), data)
    assert response.status_code == 302
    kamer.refresh_from_db()
    assert kamer.phone == "020 123 4567"
    assert "phone" not in kamer.demo_fields and "email" in kamer.demo_fields


def test_the_handout_says_voorbeeldgegevens(client, places):
    url = reverse("places:handout")
    query = {"plek": [places["kamer"].slug]}
    assert "voorbeeldgegevens" not in client.get(url, query).content.decode().lower()
    generate()
    assert "voorbeeldgegevens" in client.get(url, query).content.decode().lower()


def test_the_nearby_results_say_voorbeeldgegevens(client, places):
    url = reverse("places:nearby")
    query = {"lat": "52.37", "lng": "4.90"}
    body = client.get(url, query).content.decode()
    assert "Buurtkamer Het Anker" in body and "voorbeeldgegevens" not in body.lower()
    generate()
    assert "voorbeeldgegevens" in client.get(url, query).content.decode().lower()
