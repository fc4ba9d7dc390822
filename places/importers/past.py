"""The past in a table import (issue 19): `opened_on` and `closed_on` columns, a day, a month
(2019-03) or a year (2019), become the place's opening and closing events with the import as
their source (places.models.event_recording). An unreadable date is left out and said."""

from django.utils.translation import gettext as _

from places.event_dates import read_date
from places.models import Place
from places.models.event_recording import record_change
from places.models.events import KIND_OF_STATUS, newest_event

DATE_FIELDS = ("opened_on", "closed_on")


def read_past(mapping, row, remarks):
    """({field: value}, {attribute: (day, precision)}) of a row's opening and closing."""
    fields, dates = {}, {}
    for name in DATE_FIELDS:
        if name not in mapping.fields:
            continue
        raw = mapping.fields[name].mapped(row)
        try:
            read = read_date(raw)
        except (ValueError, OverflowError):
            remarks.append(_("date %(value)s cannot be read: left out") % {"value": raw})
            continue
        if read is None:
            continue
        fields[name] = read[0]
        dates["opened_on" if name == "opened_on" else "status"] = read
    if "closed_on" in fields:
        fields["status"] = Place.Status.CLOSED
    return fields, dates


def record_new_closing(place):
    """A place that is closed when it is first saved has no change to record: its closing
    is recorded here, on the date the table gives."""
    if place.status == Place.Status.ACTIVE or newest_event(place.pk, "status") is not None:
        return
    if place.status in KIND_OF_STATUS:
        record_change(place, "status", Place.Status.ACTIVE, place.status)
