from .core import (
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
from .feedback import Report
from .people import ClaimRequest, ContactMoment, Invitation, Membership, Wijkteam
from .version import DataVersion, MapCell, MapCellsBuilt

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
