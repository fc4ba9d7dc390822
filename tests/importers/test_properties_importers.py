"""Property-based tests of the importers: any file, however broken, gives a report of what was
imported and refused (a row outside the Netherlands is refused, in Dutch) or a Dutch "nothing
was imported" that leaves the database as it was; never a traceback."""

import csv
import io
import json
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from places.geo import netherlands_polygon, to_web
from places.importers.amsterdam import CATEGORY_TYPES
from places.models import Area, Place
from tests.helpers.strategies import SLOW, anywhere, assert_dutch, is_outside, short_text, text

pytestmark = pytest.mark.django_db

json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | short_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(short_text, inner, max_size=3),
    max_leaves=6,
)


def point_geometry():
    coordinates = st.one_of(anywhere.map(list), json_value)
    return st.fixed_dictionaries({"type": st.just("Point"), "coordinates": coordinates})


place_properties = st.fixed_dictionaries(
    {
        "MVZN_ID": st.one_of(short_text, text, json_value),
        "Categorie": st.one_of(st.sampled_from(sorted(CATEGORY_TYPES)), json_value),
        "Naam": st.one_of(text, json_value),
    },
    optional={
        "Adres": st.one_of(text, json_value),
        "Huisnummer": st.one_of(text, json_value),
        "Postcode": st.one_of(text, json_value),
    },
)
place_feature = st.one_of(
    st.fixed_dictionaries(
        {
            "type": st.just("Feature"),
            "properties": place_properties,
            "geometry": st.one_of(point_geometry(), json_value),
        }
    ),
    json_value,
)


def run(command, *args):
    """The command's output, or its error; asserts both are Dutch."""
    out = io.StringIO()
    with translation.override("nl"):
        try:
            call_command(command, *args, stdout=out)
        except CommandError as error:
            assert_dutch([str(error)])
            return None
    return out.getvalue()


def snapshot(model):
    rows = model.objects.order_by("pk").values()
    return [{key: getattr(v, "ewkt", v) for key, v in row.items()} for row in rows]


@SLOW
@given(features=st.lists(place_feature, max_size=6), commit=st.booleans())
def test_any_places_file_is_imported_row_by_row_or_not_at_all(
    amsterdam, tmp_path, features, commit
):
    path = tmp_path / "places.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    before = snapshot(Place)
    output = run("import_places", str(path), *(["--commit"] if commit else []))
    if output is None or not commit:
        assert snapshot(Place) == before
    for place in Place.objects.all():
        assert netherlands_polygon().contains(to_web(place.location))


@SLOW
@given(point=anywhere)
def test_a_place_outside_the_netherlands_is_refused_in_dutch(amsterdam, tmp_path, point):
    mvzn_id = uuid.uuid4().hex
    feature = {
        "type": "Feature",
        "properties": {"MVZN_ID": mvzn_id, "Categorie": "Buurtkamer", "Naam": "Plek"},
        "geometry": {"type": "Point", "coordinates": list(point)},
    }
    path = tmp_path / "places.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    output = run("import_places", str(path), "--commit")
    if is_outside(*point):
        assert "buiten Nederland" in output
        assert not Place.objects.filter(external_id=mvzn_id).exists()


ring = st.lists(anywhere.map(list), min_size=0, max_size=5).map(
    lambda points: [[*points, points[0]]] if points else []
)
area_geometry = st.one_of(
    st.fixed_dictionaries({"type": st.just("Polygon"), "coordinates": ring}),
    st.fixed_dictionaries({"type": st.just("Point"), "coordinates": anywhere.map(list)}),
    st.none(),
)
area_feature = st.fixed_dictionaries(
    {
        "type": st.just("Feature"),
        "properties": st.fixed_dictionaries(
            {
                "code": st.one_of(
                    st.sampled_from(["GM0363", "WK036301", "BU03630101"]), text, st.integers()
                ),
                "name": st.one_of(text, st.none()),
                "kind": st.one_of(st.sampled_from(["gemeente", "wijk", "buurt"]), short_text),
            }
        ),
        "geometry": area_geometry,
    }
)


@SLOW
@given(features=st.lists(area_feature, max_size=5))
def test_any_areas_file_is_imported_row_by_row_or_not_at_all(vocabularies, tmp_path, features):
    path = tmp_path / "areas.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    before = snapshot(Area)
    if run("import_areas", str(path), "--commit") is None:
        assert snapshot(Area) == before


counts = st.one_of(
    st.integers(-5, 10**12).map(str), text, st.sampled_from(["²", "１２", "1.000", "9" * 5000])
)
population_rows = st.lists(
    st.lists(st.one_of(st.sampled_from(["WK036301", "BU03630101"]), counts, text), max_size=3),
    max_size=5,
)


@SLOW
@given(
    header=st.lists(st.sampled_from(["code", "inwoners", "naam", ""]), max_size=3),
    rows=population_rows,
)
def test_any_population_file_updates_valid_rows_or_nothing(amsterdam, tmp_path, header, rows):
    path = tmp_path / "inwoners.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, delimiter=";").writerows([header, *rows])
    before = snapshot(Area)
    if run("import_population", str(path), "--commit") is None:
        assert snapshot(Area) == before
    for population in Area.objects.values_list("population", flat=True):
        assert population is None or 0 <= population < 2**31
