"""Movements of people: evacuations, shelters and their occupancy, returns."""

from __future__ import annotations

from django.db import models

from sitroom.core.records import Record

from .common import ActivityStatus


class Evacuation(Record):
    origin = models.ForeignKey("reference.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="evacuations_from")
    destination = models.ForeignKey("reference.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="evacuations_to")
    shelter = models.ForeignKey("Shelter", null=True, blank=True, on_delete=models.PROTECT, related_name="evacuations")
    date = models.DateField()
    people = models.PositiveIntegerField()
    children = models.PositiveIntegerField(default=0)
    organization = models.ForeignKey("reference.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=12, choices=ActivityStatus.choices, default=ActivityStatus.COMPLETED)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(children__lte=models.F("people")), name="evacuation_children_within_people")]


class Shelter(Record):
    name = models.CharField(max_length=200)
    place = models.ForeignKey("reference.Place", on_delete=models.PROTECT, related_name="shelters")
    operator = models.ForeignKey("reference.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="shelters")
    capacity = models.PositiveIntegerField()
    occupancy = models.PositiveIntegerField(default=0)
    has_accommodation = models.BooleanField(default=True)
    has_meals = models.BooleanField(default=False)
    has_medical = models.BooleanField(default=False)
    is_open = models.BooleanField(default=True)
    # Occupancy may exceed capacity in an emergency; it is then flagged as overcrowded, not refused.
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def overcrowded(self) -> bool:
        return self.occupancy > self.capacity

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("shelter_detail", args=[self.pk])


class ShelterOccupancy(models.Model):
    """A daily occupancy count of a shelter (history of the shelter's `occupancy`)."""

    shelter = models.ForeignKey(Shelter, on_delete=models.PROTECT, related_name="occupancy_updates")
    date = models.DateField()
    occupancy = models.PositiveIntegerField()
    recorded_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-date"]
        constraints = [models.UniqueConstraint(fields=["shelter", "date"], name="one_occupancy_per_day")]

    def __str__(self) -> str:
        return f"{self.shelter} on {self.date}: {self.occupancy}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("shelter_detail", args=[self.shelter_id])


class ReturnMovement(Record):
    destination = models.ForeignKey("reference.Place", on_delete=models.PROTECT, related_name="returns")
    origin = models.ForeignKey("reference.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    date = models.DateField()
    people = models.PositiveIntegerField()
    escorted_by = models.ForeignKey("reference.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-date", "-id"]
