"""Demining: hazardous areas and the clearance tasks that work on them."""

from __future__ import annotations

from django.db import models

from sitroom.core.records import Record

from .common import ActivityStatus


class HazardousArea(Record):
    name = models.CharField(max_length=200)
    place = models.ForeignKey("reference.Place", on_delete=models.PROTECT, related_name="hazardous_areas")
    estimated_area_m2 = models.PositiveBigIntegerField()
    contamination = models.CharField(max_length=200, blank=True)  # mines, cluster munitions, UXO...
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("hazardous_area_detail", args=[self.pk])


class ClearanceTask(Record):
    area = models.ForeignKey(HazardousArea, on_delete=models.PROTECT, related_name="tasks")
    organization = models.ForeignKey("reference.Organization", on_delete=models.PROTECT, related_name="clearance_tasks")
    team = models.CharField(max_length=120, blank=True)
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=ActivityStatus.choices, default=ActivityStatus.ONGOING)
    area_cleared_m2 = models.PositiveBigIntegerField(default=0)
    # {"anti-personnel mine": 12, "anti-tank mine": 3, "UXO": 40}; found and destroyed kept apart.
    items_found = models.JSONField(default=dict, blank=True)
    items_destroyed = models.JSONField(default=dict, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-start", "-id"]

    @property
    def items_destroyed_total(self) -> int:
        return sum(int(v) for v in self.items_destroyed.values())

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("hazardous_area_detail", args=[self.area_id])
