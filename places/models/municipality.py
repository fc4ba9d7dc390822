"""The municipality whose register this is: one row, edited by an admin in one place.

It is created on first use from the environment (MUNICIPALITY_NAME, ACCESSIBILITY_CONTACT,
PRIVACY_CONTACT, NEARBY_DEFAULT_RADIUS, PDOK_GEMEENTE, MAP_BASE) and, when MUNICIPALITY_FILE
names one, a YAML file with the same fields in lower case (`manage.py seed_municipality`
writes them again). Pages read it through `Municipality.current()`, cached until it is saved;
a cache of this process only (no CACHE_URL) is not told of a save in another worker, so
there it keeps the row 10 seconds instead of 5 minutes.
"""

from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from places.geo import to_web
from places.text import validate_one_line

CACHE_KEY = "municipality:current"
SHARED_SECONDS, OWN_SECONDS = 300, 10
GEMEENTE_CODE = RegexValidator(
    r"^(GM)?\d{4}$", _("A CBS gemeente code such as GM0599, or leave it empty.")
)
NEARBY_RADII = [(500, "500 m"), (1000, "1 km"), (2000, "2 km"), (5000, "5 km")]
SEEDED = (
    "name",
    "accessibility_contact",
    "privacy_contact",
    "survey_introduction",
    "nearby_radius",
    "geocoder_gemeente",
    "base_map",
    "credits",
)


class Municipality(models.Model):
    class BaseMap(models.TextChoices):
        PDOK = "pdok", _("BRT-Achtergrondkaart (PDOK)")
        OSM = "osm", _("OpenStreetMap")

    name = models.CharField(_("name"), max_length=100, validators=[validate_one_line])
    logo = models.BinaryField(_("logo"), blank=True, default=b"", editable=False)
    logo_type = models.CharField(_("logo file type"), max_length=20, blank=True, editable=False)
    gemeente = models.ForeignKey(
        "places.Area",
        verbose_name=_("gemeente on the map"),
        help_text=_("The map opens on this gemeente's boundary (import it with import_areas)."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        limit_choices_to={"kind": "gemeente"},
        related_name="+",
    )
    base_map = models.CharField(
        _("base map"), max_length=10, choices=BaseMap.choices, default=BaseMap.PDOK
    )
    accessibility_contact = models.CharField(
        _("contact for accessibility"),
        max_length=200,
        blank=True,
        help_text=_("An e-mail address, web address or phone number, in the statement."),
    )
    privacy_contact = models.CharField(
        _("contact of the data protection officer"),
        max_length=200,
        blank=True,
        help_text=_("An e-mail address, web address or phone number, in the statement."),
    )
    survey_introduction = models.TextField(
        _("survey introduction"),
        blank=True,
        help_text=_("Shown above a survey round that has no introduction of its own."),
    )
    nearby_radius = models.PositiveIntegerField(
        _("default radius of the nearby search"), default=1000, choices=NEARBY_RADII
    )
    geocoder_gemeente = models.CharField(
        _("address search limited to gemeente"),
        max_length=6,
        blank=True,
        validators=[GEMEENTE_CODE],
        help_text=_("CBS code (such as GM0599): PDOK only suggests addresses in it."),
    )
    credits = models.TextField(
        _("sources on every page"),
        blank=True,
        help_text=_("Where the places and boundaries come from; empty: the demo's sources."),
    )

    class Meta:
        verbose_name = _("municipality settings")
        verbose_name_plural = _("municipality settings")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1  # one row: the municipality of this register
        super().save(*args, **kwargs)
        cache.delete(CACHE_KEY)

    @classmethod
    def current(cls):
        municipality = cache.get(CACHE_KEY)
        if municipality is None:
            municipality = cls.objects.select_related("gemeente").filter(pk=1).first()
            if municipality is None:  # the first use: seeded (one INSERT; a race inserts once)
                municipality = cls(pk=1, **seed_values())
                cls.objects.bulk_create([municipality], ignore_conflicts=True)
            cache.set(CACHE_KEY, municipality, cache_seconds())
        return municipality

    @property
    def gemeente_digits(self):
        return self.geocoder_gemeente[-4:] if self.geocoder_gemeente else ""

    def map_settings(self):
        """What maps.js needs: the extent to open on ([[south, west], [north, east]]) and the
        base map's position in LEAFLET_CONFIG's TILES."""
        extent = None
        if self.gemeente_id:
            west, south, east, north = to_web(self.gemeente.geometry).extent
            extent = [[round(south, 5), round(west, 5)], [round(north, 5), round(east, 5)]]
        base = list(self.BaseMap.values).index(self.base_map)
        return {"extent": extent, "baseMap": base}


def cache_seconds():
    """How long a worker keeps the row: a save clears a shared cache for every worker, but a
    per-process cache only in the worker that saved."""
    backend = settings.CACHES["default"]["BACKEND"]
    return OWN_SECONDS if backend.endswith("LocMemCache") else SHARED_SECONDS


def seed_values():
    """The first row's values: the environment, then the YAML file if there is one."""
    values = {
        "name": settings.MUNICIPALITY_NAME,
        "accessibility_contact": settings.ACCESSIBILITY_CONTACT,
        "privacy_contact": settings.PRIVACY_CONTACT,
        "nearby_radius": settings.NEARBY_DEFAULT_RADIUS,
        "geocoder_gemeente": settings.PDOK_GEMEENTE,
        "base_map": settings.MAP_BASE,
    }
    if settings.MUNICIPALITY_FILE:
        values.update(read_yaml(settings.MUNICIPALITY_FILE))
    return values


def read_yaml(path):
    import yaml

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise ImproperlyConfigured(f"MUNICIPALITY_FILE {path} cannot be read: {error}") from error
    unknown = set(data) - set(SEEDED) if isinstance(data, dict) else {"(not a mapping)"}
    if unknown:
        raise ImproperlyConfigured(
            f"MUNICIPALITY_FILE {path}: unknown fields {', '.join(sorted(unknown))}; "
            f"known are {', '.join(SEEDED)}."
        )
    return data
