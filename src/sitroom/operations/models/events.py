"""Events: dated happenings (meetings, deployments...) and ceasefire incidents with joint verification."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from sitroom.core.records import Record


class EventKind(models.TextChoices):
    CEASEFIRE_AGREEMENT = "ceasefire_agreement", "Ceasefire agreement"
    HOSTILITIES = "hostilities", "Hostilities"
    INCIDENT = "incident", "Incident"
    MEETING = "meeting", "Meeting"
    NEGOTIATION = "negotiation", "Negotiation"
    DEPLOYMENT = "deployment", "Deployment"
    EVACUATION = "evacuation", "Evacuation"
    AID_DELIVERY = "aid_delivery", "Aid delivery"
    VISIT = "visit", "Visit"
    STATEMENT = "statement", "Statement"
    OTHER = "other", "Other"


class IncidentKind(models.TextChoices):
    SHELLING = "shelling"
    SHOOTING = "shooting"
    MINE = "mine", "Mine / UXO"
    DETENTION = "detention"
    BORDER = "border_incident", "Border incident"
    DRONE = "drone", "Drone strike"
    OTHER = "other"


class DatePrecision(models.TextChoices):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


class Position(models.TextChoices):
    UNVERIFIED = "unverified"
    CONFIRMED = "confirmed"
    DISPUTED = "disputed"
    UNVERIFIABLE = "unverifiable"


class Event(Record):
    kind = models.CharField(max_length=24, choices=EventKind.choices, db_index=True)
    incident_kind = models.CharField(max_length=20, choices=IncidentKind.choices, blank=True)
    title = models.CharField(max_length=400)
    description = models.TextField(blank=True)
    date = models.DateField(null=True, blank=True, db_index=True)
    date_precision = models.CharField(max_length=8, choices=DatePrecision.choices, default=DatePrecision.DAY)
    time_of_day = models.CharField(max_length=10, blank=True)
    places = models.ManyToManyField("reference.Place", blank=True, related_name="events")
    actors = models.ManyToManyField("reference.Organization", blank=True, related_name="events")
    actors_text = models.CharField(max_length=500, blank=True)  # actors named but not in the registry
    killed_civilian = models.PositiveIntegerField(default=0)
    killed_military = models.PositiveIntegerField(default=0)
    killed_peacekeeper = models.PositiveIntegerField(default=0)
    injured_civilian = models.PositiveIntegerField(default=0)
    injured_military = models.PositiveIntegerField(default=0)
    injured_peacekeeper = models.PositiveIntegerField(default=0)
    verification = models.CharField(max_length=12, choices=Position.choices, default=Position.UNVERIFIED, db_index=True)
    reported_by = models.ForeignKey(
        "reference.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="reported_events"
    )
    claim = models.ForeignKey("evidence.Claim", null=True, blank=True, on_delete=models.PROTECT, related_name="events")
    source = models.ForeignKey("evidence.Source", null=True, blank=True, on_delete=models.PROTECT, related_name="events")
    # Several reports of one incident are merged into one; the merged ones point at the survivor.
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged")
    # Per field, which source said what, kept when incidents are merged: {"date": [{"value":..., "event": id}]}.
    field_sources = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["kind", "date"])]

    def __str__(self) -> str:
        return self.title

    @property
    def killed(self) -> int:
        return self.killed_civilian + self.killed_military + self.killed_peacekeeper

    @property
    def injured(self) -> int:
        return self.injured_civilian + self.injured_military + self.injured_peacekeeper


class EventPosition(models.Model):
    """One party's (or the monitoring centre's) position on an incident: confirmed, disputed, unverifiable."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="positions")
    organization = models.ForeignKey("reference.Organization", on_delete=models.PROTECT, related_name="+")
    position = models.CharField(max_length=12, choices=Position.choices)
    note = models.TextField(blank=True)
    # Internal notes of a party are never shown to another party (sitroom.access).
    note_internal = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "organization"], name="one_position_per_org")]

    def __str__(self) -> str:
        return f"{self.organization}: {self.position}"
