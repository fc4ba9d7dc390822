"""The staff import page's forms: the upload, and the mapping of the table's columns.

The mapping form gives, per field, a column or a fixed value, value maps as lines
"Text in the file = type or management form", and where the location comes from. It builds
the same dict as a mapping file (places.importers.mapping.mapping_from) and keeps it as such.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from places.importers.mapping import FIELDS, mapping_from
from places.importers.tables import GEOMETRY

# Words in a column's name that say which field it holds, in the order they are tried.
GUESSES = {
    "name": ("naam", "name"),
    "place_type": ("soort", "type", "categorie"),
    "management_form": ("beheer",),
    "street": ("straat", "adres", "street"),
    "house_number": ("huisnr", "huisnummer", "nummer", "nr"),
    "postcode": ("postcode",),
    "city": ("plaats", "woonplaats", "city"),
    "phone": ("telefoon", "phone"),
    "email": ("e-mail", "email"),
    "website": ("website", "url"),
    "description": ("omschrijving", "beschrijving"),
    "last_verified_at": ("gecontroleerd", "gecheckt"),
}
LOCATION_GUESSES = {
    "lat": ("breedte", "lat"),
    "lon": ("lengte", "lon", "lng"),
    "x": ("x",),
    "y": ("y",),
    "wkt": ("wkt", "geometrie"),
}
MAPPED_VALUES = ("place_type", "management_form")


class UploadForm(forms.Form):
    table = forms.FileField(
        label=_("Table of places"),
        help_text=_("CSV, XLSX, GeoJSON or GeoPackage, at most 10 MB."),
    )


class EventsUploadForm(forms.Form):
    table = forms.FileField(
        label=_("Table of events"),
        help_text=_("CSV or XLSX, at most 10 MB."),
    )


class MappingForm(forms.Form):
    source = forms.SlugField(
        label=_("Name of this list"),
        initial="tabel",
        max_length=100,
        help_text=_("The same name each time this list is imported: its places are found again."),
    )
    id_column = forms.ChoiceField(label=_("Column with an id"), required=False)
    gemeente = forms.CharField(
        label=_("Look addresses up in gemeente"), required=False, max_length=6
    )
    address = forms.BooleanField(
        label=_("Place rows without coordinates by their address"), required=False, initial=True
    )
    geometry = forms.BooleanField(label=_("Use the file's geometry"), required=False)
    create_types = forms.BooleanField(
        label=_("Create type names that are not known yet"), required=False
    )
    overwrite_edited = forms.BooleanField(
        label=_("Also update places edited on the site since the last import"), required=False
    )

    def __init__(self, columns, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.table_columns = columns
        choices = [("", "—"), *[(c, c) for c in columns if c != GEOMETRY]]
        self.fields["id_column"].choices = choices
        for name, label in FIELDS.items():
            self.fields[f"column_{name}"] = forms.ChoiceField(
                label=label, choices=choices, required=False, initial=guess(columns, name)
            )
            self.fields[f"value_{name}"] = forms.CharField(
                label=_("or always"), required=False, max_length=200
            )
        for name in MAPPED_VALUES:
            self.fields[f"values_{name}"] = forms.CharField(
                label=_("Values in the file for %(field)s") % {"field": FIELDS[name]},
                help_text=_("One per line: text in the file = what it is here."),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        for name, words in LOCATION_GUESSES.items():
            self.fields[f"location_{name}"] = forms.ChoiceField(
                label=LOCATION_LABELS[name],
                choices=choices,
                required=False,
                initial=guess_words(columns, words),
            )
        self.fields["geometry"].initial = GEOMETRY in columns

    def location_fields(self):
        return [self[f"location_{name}"] for name in LOCATION_GUESSES]

    def field_rows(self):
        """(field, its column, its fixed value) for the template's table."""
        return [(label, self[f"column_{n}"], self[f"value_{n}"]) for n, label in FIELDS.items()]

    def value_maps(self):
        return [self[f"values_{name}"] for name in MAPPED_VALUES]

    def clean(self):
        data = super().clean()
        try:
            self.mapping = mapping_from(self.as_mapping_dict(data))
        except ValidationError as error:
            raise ValidationError(error.messages) from error
        return data

    def as_mapping_dict(self, data):
        fields = {}
        for name in FIELDS:
            spec = {"column": data.get(f"column_{name}"), "value": data.get(f"value_{name}")}
            if name in MAPPED_VALUES:
                spec["values"] = value_lines(data.get(f"values_{name}") or "")
            if spec["column"] or spec["value"]:
                fields[name] = spec
        location = {n: data.get(f"location_{n}") for n in LOCATION_GUESSES}
        location = {k: v for k, v in location.items() if v}
        location.update({k: True for k in ("address", "geometry") if data.get(k)})
        self.mapping_dict = {
            "source": data.get("source") or "tabel",
            "gemeente": data.get("gemeente") or "",
            "id": {"column": data.get("id_column") or ""},
            "fields": fields,
            "location": location,
        }
        return self.mapping_dict


LOCATION_LABELS = {
    "lat": _("Latitude column"),
    "lon": _("Longitude column"),
    "x": _("RD x column"),
    "y": _("RD y column"),
    "wkt": _("WKT column"),
}


def value_lines(text):
    """'Sociaal beheer (welzijn) = sociaal_beheer' lines as a dict."""
    pairs = {}
    for line in text.splitlines():
        if "=" in line:
            source, target = line.split("=", 1)
            if source.strip() and target.strip():
                pairs[source.strip()] = target.strip()
    return pairs


def guess(columns, field):
    return guess_words(columns, GUESSES.get(field, ()))


def guess_words(columns, words):
    for word in words:
        for column in columns:
            name = column.casefold().strip(" .") or "?"
            if name == word or name.split()[0] == word or (len(word) > 2 and word in name):
                return column
    return ""
