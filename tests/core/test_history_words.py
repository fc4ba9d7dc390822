"""Issue 15's 'done when': no history, recent-changes or admin page shows a raw choice value,
a Python boolean or a UTC timestamp. Every editable field of a place is changed (the model's
fields are walked, so a new field is covered by itself), then the pages are read as text."""

import datetime
import html
import re
from decimal import Decimal

import pytest
from django.contrib.gis.db import models
from django.contrib.gis.geos import Point
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from places.hours import OpeningHoursField
from places.models import Activity, Organisation, Place, PlaceType, TargetGroup, YearlyCosts
from tests.helpers.accounts import log_in
from tests.helpers.editing import form_data

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
# After the place was made (now): one change a minute from 12:20 UTC, which is 13:20 and
# later in Amsterdam (winter time), and one in summer time.
START = datetime.datetime(2099, 3, 5, 12, 20, tzinfo=UTC)
SUMMER = datetime.datetime(2099, 7, 1, 12, 5, tzinfo=UTC)  # 14:05 in Amsterdam
NOT_CHANGED_BY_HAND = {"id", "version", "buurt"}  # buurt follows the location


def new_value(field, place, others):
    """A value different from the place's, of the field's own type."""
    current = getattr(place, field.name)
    if field.many_to_many:
        return list(field.related_model.objects.all()[:2])
    if field.choices:
        return next(value for value, _label in field.choices if value != current)
    if isinstance(field, models.BooleanField):
        return not current
    if field.name == "merged_into":
        return others["huis"]
    if field.name == "place_type":
        return PlaceType.objects.exclude(pk=current.pk).first()
    if field.name == "organisation":
        return Organisation.objects.create(name="Stichting Buurtwerk")
    if isinstance(field, models.PointField):
        return Point(current.x + 50, current.y, srid=current.srid)
    if isinstance(field, models.DecimalField):
        return Decimal("12000.50")
    if isinstance(field, models.DateTimeField):
        return START
    if isinstance(field, models.DateField):
        return datetime.date(2026, 11, 30)
    if isinstance(field, OpeningHoursField):
        return 'Mo 09:00-12:00 open "inloop"'
    if isinstance(field, models.EmailField):
        return "nieuw@example.org"
    if isinstance(field, models.URLField):
        return "https://example.org/nieuw"
    if isinstance(field, models.SlugField):
        return "nieuwe-slug"
    return f"Nieuw: {field.name}"[: field.max_length].strip()


def editable_fields():
    fields = [*Place._meta.concrete_fields, *Place._meta.many_to_many]
    return [f for f in fields if f.editable and f.name not in NOT_CHANGED_BY_HAND]


def change_every_field(place, editor, others):
    """One save per field, a minute apart, by the editor."""
    for minute, field in enumerate(editable_fields()):
        place = Place.objects.get(pk=place.pk)
        value = new_value(field, place, others)
        place._history_user = editor
        place._history_date = START + datetime.timedelta(minutes=minute)
        if field.many_to_many:
            place.save()
            getattr(place, field.name).set(value)
        else:
            setattr(place, field.name, value)
            place.save()
    return Place.objects.get(pk=place.pk)


def change_what_belongs_to_it(place, editor):
    costs = YearlyCosts(place=place, year=2025, rent=Decimal("12000"))
    costs._history_user, costs._history_date = editor, SUMMER
    costs.save()
    activity = Activity(place=place, name="Koffieochtend", when="di 10:00", mode="online")
    activity._history_user, activity._history_date = editor, SUMMER
    activity.save()


def visible_text(page):
    """The changes as a person reads them: the list, without markup."""
    body = page.content.decode()
    start = body.find('<ol class="changes">')
    if start < 0:
        start = body.index('<table id="change-history">')  # the admin's
    changes = body[start : body.index("</ol>" if body[start + 1] == "o" else "</table>", start)]
    return html.unescape(re.sub(r"<[^>]+>", " ", changes))


def raw_choice_values():
    """Stored choice values that a person should never read, because the label differs."""
    from django.utils.translation import override

    raw = set()
    with override("nl"):
        for model in (Place, Activity):
            for field in model._meta.concrete_fields:
                for value, label in field.flatchoices:
                    if value and value not in re.findall(r"\w+", str(label).lower()):
                        raw.add(value)
    return raw


@pytest.fixture
def changed(client, places, people):
    editor = people["redactie"]
    kamer = change_every_field(places["kamer"], editor, places)
    change_what_belongs_to_it(kamer, editor)
    return kamer


def pages(client, people, place):
    log_in(client, people["redactie"])
    return {
        "history": client.get(reverse("places:history", args=[place.slug])),
        "recent changes": client.get(reverse("places:changes")),
        "admin": client.get(reverse("admin:places_place_history", args=[place.pk])),
    }


def test_every_field_type_reads_as_dutch_without_raw_values_or_utc(client, people, changed):
    raw = raw_choice_values()
    assert {"contribution", "unknown", "temporarily_closed"} <= raw  # the check can fail
    for name, page in pages(client, people, changed).items():
        assert page.status_code == 200, name
        text = visible_text(page)
        words = set(re.findall(r"[\w]+", text))
        assert not words & raw, name
        assert not words & {"True", "False", "None"}, name
        for minute in range(len(editable_fields())):
            utc = START + datetime.timedelta(minutes=minute)
            # With its date: the page's other records (made now, in 2026) may show the same
            # clock time, which told the test apart from UTC only by the hour of the run.
            assert f"5 maart 2099 {utc:%H:%M}" not in text, name
            local = timezone.localtime(utc)
            assert f"5 maart 2099 {local:%H:%M}" in text, name


def test_every_field_that_changed_has_its_sentence(client, people, changed):
    text = visible_text(pages(client, people, changed)["history"])
    for field in editable_fields():
        assert f"{str(field.verbose_name).capitalize()}:" in text or field.name == "merged_into"


@pytest.mark.parametrize(
    "sentence",
    [
        "Toegang met rolstoel: onbekend → toegankelijk met rolstoel",
        "Kosten van een bezoek: onbekend → gratis",
        "Openingstijden: ma 09:00–12:00 (inloop)",
        "Gepubliceerd: ja → nee",
        "Samengevoegd met Huis van de Wijk De Boeg",
        "Bijdrage (euro): € 12.000,50",
        "Laatst gecontroleerd: 5 maart 2099 13:20",
        "Locatie: 50 m verplaatst op de kaart",
        "Huur: € 12.000,00",
        "Waar: online",
    ],
)
def test_sentences_read_as_plain_dutch(client, people, changed, sentence):
    text = " ".join(visible_text(pages(client, people, changed)["history"]).split())
    assert sentence in text


def test_the_summer_change_is_in_summer_time(client, people, changed):
    text = visible_text(pages(client, people, changed)["history"])
    assert "1 juli 2099 14:05" in text
    assert "12:05" not in text


def test_the_undo_note_uses_the_headings_local_time(client, places, people):
    kamer = places["kamer"]
    kamer.phone, kamer._history_user = "020 111 2222", people["owner"]
    kamer.save()
    log_in(client, people["redactie"])
    record = kamer.history.latest()
    client.post(reverse("places:revert", args=[kamer.slug, record.history_id]))
    text = " ".join(visible_text(client.get(reverse("places:history", args=[kamer.slug]))).split())
    local = date_format(timezone.localtime(record.history_date), "j F Y H:i")
    assert f"Ongedaan gemaakt: wijziging van {local}" in text
    assert f"{local} · Olga" in text  # the heading of the change undone
    assert "Telefoon: 020 111 2222 → (niet ingevuld)" in text


def test_a_saved_form_is_one_change_with_its_tags_and_undo_puts_them_back(client, places, people):
    kamer = places["kamer"]
    elderly = TargetGroup.objects.order_by("name").first()
    log_in(client, people["owner"])
    before = kamer.history.count()
    data = form_data(kamer, phone="06 1234 5678", target_groups=[str(elderly.pk)])
    assert client.post(reverse("places:edit", args=[kamer.slug]), data).status_code == 302
    assert kamer.history.count() == before + 1
    page = client.get(reverse("places:history", args=[kamer.slug]))
    newest = visible_text(page).split("Ongedaan maken")[0]
    assert f"Doelgroepen: {elderly.name}" in newest and "Telefoon: 06 1234 5678" in newest
    client.post(reverse("places:revert", args=[kamer.slug, kamer.history.latest().history_id]))
    assert not Place.objects.get(pk=kamer.pk).target_groups.exists()


@pytest.mark.parametrize("role, entries", [("owner", 0), ("redactie", 1)])
def test_a_change_shows_only_where_the_reader_sees_something_change(
    client, places, people, role, entries
):
    kamer = places["kamer"]
    for notes in ("", "Sleutel bij de buren"):  # a save without changes, then notes only
        kamer.internal_notes, kamer._history_date = notes, START
        kamer.save()
    log_in(client, people[role])
    text = visible_text(client.get(reverse("places:history", args=[kamer.slug])))
    assert text.count("5 maart 2099") == entries


def test_links_and_undo_use_the_places_slug_of_now(client, people, changed):
    body = pages(client, people, changed)["recent changes"].content.decode()
    assert f"/plek/{changed.slug}/geschiedenis/" in body  # undo forms
    assert "/plek/buurtkamer-het-anker/" not in body  # the slug before it was changed
