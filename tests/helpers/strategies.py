"""Hypothesis strategies and checks shared by the property-based tests (tests/test_properties*).

Hostile input: any text (NUL characters, control characters, right-to-left marks…), text far
longer than any field, numbers that are negative, huge, NaN or not numbers at all, and
coordinates anywhere on (or off) the globe.
"""

import re
import string

from django.utils import translation
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from places.geo import NETHERLANDS_BBOX

# Moderate example counts: the property files together stay within about a minute.
FAST = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
SLOW = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

short_text = st.text(max_size=30)
oversized = st.builds(
    lambda char, n: char * n, st.characters(codec="utf-8"), st.integers(201, 6000)
)
text = st.one_of(short_text, oversized, st.just("\x00"), st.just(""))
numbers = st.one_of(
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.integers(-(10**30), 10**30),
).map(str)
value = st.one_of(text, numbers)
# Query-string values: a parameter may come once, several times, or empty.
values = st.lists(value, max_size=3)


def inside_netherlands():
    west, south, east, north = NETHERLANDS_BBOX
    return st.tuples(st.floats(west + 0.2, east - 0.2), st.floats(south + 0.2, north - 0.2))


def outside_netherlands():
    west, south, east, north = NETHERLANDS_BBOX
    lng = st.floats(-180, 180)
    lat = st.floats(-90, 90)
    return st.tuples(lng, lat).filter(
        lambda p: not (west <= p[0] <= east and south <= p[1] <= north)
    )


anywhere = st.one_of(inside_netherlands(), outside_netherlands())


def is_outside(lng, lat):
    west, south, east, north = NETHERLANDS_BBOX
    return not (west < lng < east and south < lat < north)


def garbage_query(names):
    """A query string over the given parameter names (and some unknown ones) with any values."""
    keys = st.one_of(st.sampled_from(sorted(names)), short_text)
    return st.dictionaries(keys, values, max_size=6)


# Words that give an English message away, and words found in nearly every Dutch one.
ENGLISH = re.compile(
    r"\b(the|this|that|ensure|enter|field|must|valid|required|please|cannot|should|"
    r"value|characters|select|lies|outside|number)\b",
    re.IGNORECASE,
)
DUTCH = re.compile(
    r"\b(de|het|een|deze|dit|niet|geen|is|zijn|van|op|vul|zorg|geef|kies|ligt|buiten|er|in|"
    r"mag|moet|kan|te|wel)\b|ongeldig|waarde|verplicht|tekens|getal|datum|tijd|maximaal|"
    r"minimaal|formulier|gegevens|ontbre|wachtwoord|geldig|bestaat|keuze|veld",
    re.IGNORECASE,
)


def assert_dutch(messages):
    """Every message reads as Dutch: no English give-away words, some Dutch ones."""
    for message in messages:
        words = str(message).strip(string.punctuation)
        assert not ENGLISH.search(words), f"English message: {message!r}"
        assert DUTCH.search(words), f"Not recognisably Dutch: {message!r}"


def errors_in_dutch(form):
    """Every error of a (validated) form, rendered in Dutch."""
    with translation.override("nl"):
        messages = [m for errors in form.errors.values() for m in errors]
    assert_dutch(messages)
    return messages
