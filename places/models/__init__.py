from places.models import (
    event_recording,  # noqa: F401 (its receivers record the events)
    state_updates,  # noqa: F401 (its receivers keep the states on a date)
)
from places.models.areas import Area
from places.models.coverage import BuurtCoverage, PlaceCount
from places.models.details import COST_FIELDS, Activity, YearFigures, YearlyCosts
from places.models.event_proposals import EventProposal
from places.models.events import PlaceEvent
from places.models.feedback import Report
from places.models.map_changes import MapChange, MapChangeCell
from places.models.merges import Merge
from places.models.municipality import Municipality
from places.models.people import ClaimRequest, ContactMoment, Invitation, Membership, Wijkteam
from places.models.places import Organisation, Place, PlaceType, Service, TargetGroup
from places.models.states import PlaceState
from places.models.version import DataVersion, MapCell, MapCellsBuilt

__all__ = [
    "COST_FIELDS",
    "Activity",
    "Area",
    "BuurtCoverage",
    "ClaimRequest",
    "ContactMoment",
    "DataVersion",
    "EventProposal",
    "Invitation",
    "MapCell",
    "MapChange",
    "MapChangeCell",
    "MapCellsBuilt",
    "Merge",
    "Membership",
    "Municipality",
    "Organisation",
    "Place",
    "PlaceCount",
    "PlaceEvent",
    "PlaceState",
    "PlaceType",
    "Report",
    "Service",
    "TargetGroup",
    "Wijkteam",
    "YearFigures",
    "YearlyCosts",
]
