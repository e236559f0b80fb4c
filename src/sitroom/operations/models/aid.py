"""Humanitarian cargo: consignments with items, convoys and escorts; needs assessments."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from sitroom.core.records import Record

from .common import Sector


class ConsignmentStatus(models.TextChoices):
    PLANNED = "planned"
    IN_TRANSIT = "in_transit", "In transit"
    DELIVERED = "delivered"
    DISTRIBUTED = "distributed"
    CANCELLED = "cancelled"


# The only legal moves; services refuse every other one with a message.
CONSIGNMENT_TRANSITIONS: dict[str, set[str]] = {
    ConsignmentStatus.PLANNED: {ConsignmentStatus.IN_TRANSIT, ConsignmentStatus.CANCELLED},
    ConsignmentStatus.IN_TRANSIT: {ConsignmentStatus.DELIVERED, ConsignmentStatus.CANCELLED},
    ConsignmentStatus.DELIVERED: {ConsignmentStatus.DISTRIBUTED},
    ConsignmentStatus.DISTRIBUTED: set(),
    ConsignmentStatus.CANCELLED: set(),
}


class Consignment(Record):
    reference = models.CharField(max_length=60, blank=True)
    donor = models.ForeignKey("reference.Organization", on_delete=models.PROTECT, related_name="donated_consignments")
    origin = models.ForeignKey("reference.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    destination = models.ForeignKey("reference.Place", on_delete=models.PROTECT, related_name="consignments")
    convoy = models.CharField(max_length=120, blank=True)
    escort = models.ForeignKey("reference.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="escorted_consignments")
    sector = models.CharField(max_length=20, choices=Sector.choices, default=Sector.OTHER)
    status = models.CharField(max_length=12, choices=ConsignmentStatus.choices, default=ConsignmentStatus.PLANNED, db_index=True)
    planned_on = models.DateField(null=True, blank=True)
    dispatched_on = models.DateField(null=True, blank=True)
    delivered_on = models.DateField(null=True, blank=True)
    distributed_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-planned_on", "-id"]

    def __str__(self) -> str:
        return self.reference or f"consignment {self.pk}"

    @property
    def weight_tons(self) -> float:
        return float(sum(item.weight_tons or 0 for item in self.items.all()))

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("consignment_detail", args=[self.pk])


class ConsignmentItem(models.Model):
    consignment = models.ForeignKey(Consignment, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=120)  # construction materials, heaters, food parcels...
    quantity = models.FloatField()
    unit = models.CharField(max_length=30, default="pieces")
    weight_tons = models.FloatField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__gte=0), name="item_quantity_non_negative"),
            models.CheckConstraint(condition=models.Q(weight_tons__gte=0) | models.Q(weight_tons__isnull=True), name="item_weight_non_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity:g} {self.unit} {self.kind}"


class NeedsAssessment(Record):
    """What a settlement needs in a sector, to compare with what was delivered there."""

    place = models.ForeignKey("reference.Place", on_delete=models.PROTECT, related_name="needs")
    sector = models.CharField(max_length=20, choices=Sector.choices)
    item_kind = models.CharField(max_length=120)
    quantity_requested = models.FloatField()
    unit = models.CharField(max_length=30, default="tons")
    assessed_on = models.DateField()
    assessed_by = models.ForeignKey("reference.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-assessed_on"]
        constraints = [models.CheckConstraint(condition=models.Q(quantity_requested__gte=0), name="need_quantity_non_negative")]
