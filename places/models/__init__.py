from places.models.core import (
    COST_FIELDS,
    Activity,
    Area,
    Organisation,
    Place,
    PlaceType,
    Service,
    TargetGroup,
    YearFigures,
    YearlyCosts,
)
from places.models.feedback import Report
from places.models.people import ClaimRequest, ContactMoment, Invitation, Membership, Wijkteam
from places.models.version import DataVersion, MapCell, MapCellsBuilt

__all__ = [
    "COST_FIELDS",
    "Activity",
    "Area",
    "ClaimRequest",
    "ContactMoment",
    "DataVersion",
    "Invitation",
    "MapCell",
    "MapCellsBuilt",
    "Membership",
    "Organisation",
    "Place",
    "PlaceType",
    "Report",
    "Service",
    "TargetGroup",
    "Wijkteam",
    "YearFigures",
    "YearlyCosts",
]
