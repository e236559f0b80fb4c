"""Observations (indicator values with evidence) and 3W activities."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from sitroom.core.records import ActiveQuerySet, Record


class Verification(models.TextChoices):
    # Machine-proposed (an unreviewed claim) and human-verified figures are never mixed up.
    PROPOSED = "proposed", "Machine-proposed"
    VERIFIED = "verified", "Human-verified"


# Indicators whose recorded values are a level (people present on a day), not an amount moved:
# the operation's total is the sum of the latest count per place, not the sum over the period.
LEVEL_INDICATORS = frozenset({"people.sheltered"})


class ObservationQuerySet(ActiveQuerySet):
    def reported(self):
        """Figures as a source or a person stated them (often running totals: "42,000 have returned")."""
        return self.filter(derived_type__isnull=True)

    def recorded(self):
        """Amounts recorded by one operation record each (one return movement, one delivered consignment):
        to be added up over a period, never compared with reported running totals."""
        return self.filter(derived_type__isnull=False)


class Observation(Record):
    """An indicator value at a date (and place/organisation), with its evidence: a claim (a span of a
    source), a workflow record that feeds the indicator, or the user who entered it and their note.

    Two kinds never mix: reported figures (no `derived_from`) and amounts recorded by the operation's own
    records (`derived_from` set); see ObservationQuerySet.reported() / recorded()."""

    objects = ObservationQuerySet.as_manager()

    indicator = models.ForeignKey("reference.Indicator", on_delete=models.PROTECT, related_name="observations")
    value = models.FloatField()
    qualifier = models.CharField(max_length=20, blank=True)
    unit = models.CharField(max_length=40, blank=True)
    what = models.CharField(max_length=300, blank=True)
    date = models.DateField(null=True, blank=True, db_index=True)
    place = models.ForeignKey("reference.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="observations")
    organization = models.ForeignKey(
        "reference.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="observations"
    )
    verification = models.CharField(max_length=10, choices=Verification.choices, default=Verification.VERIFIED, db_index=True)
    claim = models.ForeignKey("evidence.Claim", null=True, blank=True, on_delete=models.PROTECT, related_name="observations")
    source = models.ForeignKey("evidence.Source", null=True, blank=True, on_delete=models.PROTECT, related_name="observations")
    # A workflow record that feeds this indicator (a clearance task, a consignment, a shelter update...).
    derived_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    derived_id = models.PositiveBigIntegerField(null=True, blank=True)
    derived_from = GenericForeignKey("derived_type", "derived_id")
    note = models.TextField(blank=True)
    # When the figure last moved to another indicator (a reviewer re-classified it). The picture's cache
    # stamps each indicator with its rows' latest `updated_at`; a row that left an indicator is no longer
    # among them, so this column is what tells that indicator's cached card that it lost a figure.
    indicator_changed_at = models.DateTimeField(null=True, blank=True, db_index=True, editable=False)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["indicator", "date"]),
            models.Index(fields=["indicator", "place", "date"]),
            models.Index(fields=["derived_type", "derived_id"]),
            # The per-indicator data stamps of the picture's cache: one index seek per indicator.
            models.Index(fields=["indicator", "updated_at"]),
        ]
        constraints = [models.CheckConstraint(condition=models.Q(value__gte=0), name="observation_value_non_negative")]

    def __str__(self) -> str:
        return f"{self.indicator.code}={self.value:g} on {self.date}"

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._stored_indicator_id = instance.__dict__.get("indicator_id")
        return instance

    def save(self, *args, **kwargs):
        stored = getattr(self, "_stored_indicator_id", None)
        if stored is not None and stored != self.indicator_id:
            self.indicator_changed_at = timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "indicator_changed_at"}
        super().save(*args, **kwargs)
        self._stored_indicator_id = self.indicator_id

    @property
    def is_recorded(self) -> bool:
        return self.derived_type_id is not None


class Sector(models.TextChoices):
    DEMINING = "demining", "Demining"
    SHELTER = "shelter", "Shelter"
    FOOD = "food", "Food"
    HEALTH = "health", "Health"
    WASH = "wash", "Water and sanitation"
    EDUCATION = "education", "Education"
    RECONSTRUCTION = "reconstruction", "Reconstruction"
    PROTECTION = "protection", "Protection"
    LOGISTICS = "logistics", "Logistics"
    ESCORT = "escort", "Escort"
    COORDINATION = "coordination", "Coordination"
    OTHER = "other", "Other"


class ActivityStatus(models.TextChoices):
    PLANNED = "planned"
    ONGOING = "ongoing"
    COMPLETED = "completed"
    SUSPENDED = "suspended"
    CANCELLED = "cancelled"


class Activity(Record):
    """Who does what where (3W)."""

    title = models.CharField(max_length=300)
    organization = models.ForeignKey("reference.Organization", on_delete=models.PROTECT, related_name="activities")
    sector = models.CharField(max_length=20, choices=Sector.choices, db_index=True)
    place = models.ForeignKey("reference.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="activities")
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED, db_index=True)
    progress_value = models.FloatField(null=True, blank=True)
    target_value = models.FloatField(null=True, blank=True)
    progress_unit = models.CharField(max_length=40, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["-start", "-id"]
        verbose_name_plural = "activities"
        constraints = [
            models.CheckConstraint(condition=models.Q(progress_value__gte=0) | models.Q(progress_value__isnull=True), name="activity_progress_non_negative"),
        ]

    def __str__(self) -> str:
        return self.title
