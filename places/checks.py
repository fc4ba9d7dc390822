"""Checks of the places app's own settings: the storage SRID and the geocoder."""

from django.conf import settings
from django.contrib.gis.gdal import SpatialReference
from django.core.checks import Error, register


@register()
def storage_srid_is_metric(app_configs, **kwargs):
    """Distances and buffers are computed in the storage SRID, so it must be projected."""
    try:
        reference = SpatialReference(settings.STORAGE_SRID)
    except Exception:  # GDAL raises several kinds for an unknown code
        return [
            Error(
                f"STORAGE_SRID {settings.STORAGE_SRID} is not a known EPSG code.",
                hint="Use 28992 (RD New) unless you know why not.",
                id="places.E001",
            )
        ]
    if not reference.projected or reference.linear_name.lower() not in {"metre", "meter"}:
        return [
            Error(
                f"STORAGE_SRID {settings.STORAGE_SRID} is not a projection in metres.",
                hint="Use 28992 (RD New): distances in degrees are wrong at 52°N.",
                id="places.E002",
            )
        ]
    return []


@register()
def geocoder_url_is_http(app_configs, **kwargs):
    if not settings.PDOK_LOCATIESERVER_URL.startswith(("https://", "http://")):
        return [
            Error(
                "PDOK_LOCATIESERVER_URL must be an http(s) URL.",
                hint="Leave it unset for PDOK's own free endpoint.",
                id="places.E003",
            )
        ]
    return []
