from .core import (
    COST_FIELDS,
    Activity,
    Area,
    Organisation,
    Place,
    PlaceType,
    Service,
    TargetGroup,
    YearlyCosts,
)
from .people import ClaimRequest, ContactMoment, Membership, Wijkteam
from .feedback import Report

__all__ = [
    "COST_FIELDS",
    "Activity",
    "Area",
    "ClaimRequest",
    "ContactMoment",
    "Membership",
    "Organisation",
    "Place",
    "PlaceType",
    "Report",
    "Service",
    "TargetGroup",
    "Wijkteam",
    "YearlyCosts",
]
