"""Helpers to post the place form as a browser would."""

from places.editing import EditorPlaceForm, PlaceForm


def form_data(place, editor=False, **changes):
    """The POST data of the edit form for a place as saved, with some fields changed."""
    form = (EditorPlaceForm if editor else PlaceForm)(instance=place)
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if name == "opening_hours":
            for index, part in enumerate(field.widget.decompress(place.opening_hours)):
                if part not in (None, False, ""):
                    data[f"opening_hours_{index}"] = "on" if part is True else part
            continue
        if name == "location":
            data[name] = place.location.transform(4326, clone=True).json
            continue
        if isinstance(value, list):
            data[name] = [str(v) for v in value]
        elif value is True:
            data[name] = "on"
        elif value not in (None, False):
            data[name] = str(value)
    for prefix in ("activities", "costs", "figures"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(changes)
    return data
