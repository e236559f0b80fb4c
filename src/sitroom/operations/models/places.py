"""Records tied to places and parties: reconstruction objects, heritage sites, agreements, meetings."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from sitroom.core.records import Record


class ObjectKind(models.TextChoices):
    HOUSE = "house"
    APARTMENT_BLOCK = "apartment_block", "Apartment block"
    ROAD = "road"
    BRIDGE = "bridge"
    SCHOOL = "school"
    HOSPITAL = "hospital"
    POWER = "power", "Power supply"
    WATER = "water", "Water supply"
    GAS = "gas", "Gas supply"
    OTHER = "other"


class DamageLevel(models.TextChoices):
    NONE = "none"
    LIGHT = "light"
    MODERATE = "moderate"
    SEVERE = "severe"
    DESTROYED = "destroyed"


class RestorationStatus(models.TextChoices):
    DAMAGED = "damaged", "Damaged, not started"
    PLANNED = "planned"
    IN_PROGRESS = "in_progress", "In progress"
    RESTORED = "restored"


RESTORATION_TRANSITIONS: dict[str, set[str]] = {
    RestorationStatus.DAMAGED: {RestorationStatus.PLANNED, RestorationStatus.IN_PROGRESS},
    RestorationStatus.PLANNED: {RestorationStatus.IN_PROGRESS, RestorationStatus.DAMAGED},
    RestorationStatus.IN_PROGRESS: {RestorationStatus.RESTORED, RestorationStatus.PLANNED},
    RestorationStatus.RESTORED: set(),
}


class ReconstructionObject(Record):
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=ObjectKind.choices)
    place = models.ForeignKey("reference.Place", on_delete=models.PROTECT, related_name="reconstruction_objects")
    organization = models.ForeignKey("reference.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    units = models.PositiveIntegerField(default=1)  # e.g. 24 flats in one block
    damage = models.CharField(max_length=12, choices=DamageLevel.choices, default=DamageLevel.MODERATE)
    status = models.CharField(max_length=12, choices=RestorationStatus.choices, default=RestorationStatus.DAMAGED, db_index=True)
    restored_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["place__name", "name"]

    def __str__(self) -> str:
        return self.name


class SiteKind(models.TextChoices):
    CHURCH = "church"
    MONASTERY = "monastery"
    MOSQUE = "mosque"
    CEMETERY = "cemetery"
    MONUMENT = "monument"
    MUSEUM = "museum"
    ARCHAEOLOGICAL = "archaeological"
    OTHER = "other"


class ProtectionStatus(models.TextChoices):
    PROTECTED = "protected", "Under protection"
    AT_RISK = "at_risk", "At risk"
    DAMAGED = "damaged"
    DESTROYED = "destroyed"
    UNKNOWN = "unknown"


class Site(Record):
    """A heritage or religious site; names in every party's language like places."""

    name = models.CharField(max_length=200)
    names = models.JSONField(default=dict, blank=True)
    kind = models.CharField(max_length=16, choices=SiteKind.choices)
    religion = models.CharField(max_length=60, blank=True)
    place = models.ForeignKey("reference.Place", on_delete=models.PROTECT, related_name="sites")
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    protection_status = models.CharField(max_length=12, choices=ProtectionStatus.choices, default=ProtectionStatus.UNKNOWN)
    protected_by = models.ForeignKey("reference.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("site_detail", args=[self.pk])


class SiteInspection(models.Model):
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="inspections")
    date = models.DateField()
    inspector = models.ForeignKey("reference.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    condition = models.CharField(max_length=12, choices=ProtectionStatus.choices)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.site} inspected {self.date}: {self.condition}"


class Agreement(Record):
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, default="ceasefire")
    signed_on = models.DateField(null=True, blank=True)
    parties = models.ManyToManyField("reference.Organization", blank=True, related_name="agreements")
    summary = models.TextField(blank=True)
    source = models.ForeignKey("evidence.Source", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # The Event that puts the agreement on the timeline (kept in step by the agreement services).
    timeline_event = models.OneToOneField("operations.Event", null=True, blank=True, on_delete=models.SET_NULL, related_name="agreement")

    class Meta:
        ordering = ["-signed_on"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("agreement_detail", args=[self.pk])


class TermStatus(models.TextChoices):
    PENDING = "pending"
    IMPLEMENTED = "implemented"
    PARTLY = "partly", "Partly implemented"
    NOT_IMPLEMENTED = "not_implemented", "Not implemented"
    DISPUTED = "disputed"


class AgreementTerm(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="terms")
    number = models.CharField(max_length=10)
    text = models.TextField()
    status = models.CharField(max_length=16, choices=TermStatus.choices, default=TermStatus.PENDING)
    evidence = models.ForeignKey("evidence.Claim", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement_id", "id"]

    def __str__(self) -> str:
        return f"{self.agreement} — term {self.number}"


class Meeting(Record):
    """Meetings and negotiations: participants, place, outcome (also shown on the timeline)."""

    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=12, choices=[("meeting", "Meeting"), ("negotiation", "Negotiation")], default="meeting")
    date = models.DateField()
    place = models.ForeignKey("reference.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="meetings")
    participants = models.ManyToManyField("reference.Organization", blank=True, related_name="meetings")
    participants_text = models.CharField(max_length=500, blank=True)
    outcome = models.TextField(blank=True)
    agreement = models.ForeignKey(Agreement, null=True, blank=True, on_delete=models.SET_NULL, related_name="meetings")
    # The Event that puts the meeting on the timeline (kept in step by the meeting services).
    timeline_event = models.OneToOneField("operations.Event", null=True, blank=True, on_delete=models.SET_NULL, related_name="meeting")

    class Meta:
        ordering = ["-date"]

    def __str__(self) -> str:
        return self.title
