"""A date as people write it for an event, with the precision it has: '4-3-2021' or
'2021-03-04' (a day), '2021-03' or '3-2021' (a month), '2021' (a year). Used by the owners'
proposal form and the imports of the past (places/importers)."""

import datetime
import re

from places.models import PlaceEvent

P = PlaceEvent.Precision
DAY_NL = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
DAY_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
MONTH_ISO = re.compile(r"^(\d{4})-(\d{1,2})$")
MONTH_NL = re.compile(r"^(\d{1,2})[-/.](\d{4})$")
YEAR = re.compile(r"^(\d{4})$")
EXCEL_EPOCH = datetime.date(1899, 12, 30)


def read_date(value):
    """(first day, precision) of a cell or typed text; None when empty; ValueError when it
    cannot be read (never guessed)."""
    if isinstance(value, datetime.datetime):
        return value.date(), P.DAY
    if isinstance(value, datetime.date):
        return value, P.DAY
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value if value is not None else "").split())
    if not text:
        return None
    if text.isdigit() and 20_000 <= int(text) <= 80_000:  # Excel's day number
        return EXCEL_EPOCH + datetime.timedelta(days=int(text)), P.DAY
    for pattern, order, precision in (
        (DAY_NL, (3, 2, 1), P.DAY),
        (DAY_ISO, (1, 2, 3), P.DAY),
        (MONTH_ISO, (1, 2), P.MONTH),
        (MONTH_NL, (2, 1), P.MONTH),
        (YEAR, (1,), P.YEAR),
    ):
        match = pattern.match(text)
        if match:
            parts = [int(match[index]) for index in order] + [1, 1][: 3 - len(order)]
            return checked(datetime.date(*parts)), precision
    raise ValueError(text)


def checked(day):
    if not 1800 <= day.year <= 2200:
        raise ValueError(day.isoformat())
    return day
