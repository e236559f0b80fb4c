"""Operational records. One module per area; all re-exported here."""

from .aid import Consignment, ConsignmentItem, ConsignmentStatus, NeedsAssessment
from .common import Activity, ActivityStatus, Observation, Sector, Verification
from .demining import ClearanceTask, HazardousArea
from .events import Event, EventKind, EventPosition, IncidentKind, Position
from .people import Evacuation, ReturnMovement, Shelter, ShelterOccupancy
from .places import Agreement, AgreementTerm, Meeting, ReconstructionObject, Site, SiteInspection, TermStatus

__all__ = [
    "Activity", "ActivityStatus", "Agreement", "AgreementTerm", "ClearanceTask", "Consignment", "ConsignmentItem",
    "ConsignmentStatus", "Evacuation", "Event", "EventKind", "EventPosition", "HazardousArea", "IncidentKind",
    "Meeting", "NeedsAssessment", "Observation", "Position", "ReconstructionObject", "ReturnMovement", "Sector",
    "Shelter", "ShelterOccupancy", "Site", "SiteInspection", "TermStatus", "Verification",
]
