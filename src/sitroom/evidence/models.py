"""Sources (reports as received) and claims (spans of a source that state a figure, event, quote...)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from sitroom.core.records import Sensitivity


class Source(models.Model):
    """A report exactly as received: original bytes kept, identified by their SHA-256."""

    content_hash = models.CharField(max_length=64, unique=True)
    original = models.BinaryField()
    filename = models.CharField(max_length=255, blank=True)
    media_type = models.CharField(max_length=80, default="text/plain")
    # The document text every claim span points into (for HTML: the text extracted from it).
    text = models.TextField()
    title = models.CharField(max_length=500, blank=True)
    outlet = models.CharField(max_length=250, blank=True, db_index=True)
    outlet_org = models.ForeignKey(
        "reference.Organization", null=True, blank=True, on_delete=models.SET_NULL, related_name="sources"
    )
    url = models.URLField(max_length=1000, blank=True)
    published = models.DateField(null=True, blank=True, db_index=True)
    language = models.CharField(max_length=8, blank=True, db_index=True)
    received_at = models.DateTimeField(default=timezone.now, db_index=True)
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    sensitivity = models.CharField(max_length=10, choices=Sensitivity.choices, default=Sensitivity.PARTNERS, db_index=True)
    submitted_by_org = models.ForeignKey(
        "reference.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    joint_monitoring = models.BooleanField(default=False)
    warnings = models.JSONField(default=list, blank=True)
    pipeline_version = models.CharField(max_length=40, blank=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["original", "text"])

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return self.title or self.filename or f"source {self.pk}"

    @property
    def label(self) -> str:
        """How a citation names the source: outlet and date."""
        parts = [self.outlet or "unnamed outlet"]
        if self.published:
            parts.append(self.published.isoformat())
        return ", ".join(parts)


class ClaimKind(models.TextChoices):
    FIGURE = "figure"
    EVENT = "event"
    QUOTE = "quote"
    PLACE = "place"
    ORGANIZATION = "organization"
    PERSON = "person"


class ClaimStatus(models.TextChoices):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class Claim(models.Model):
    """One span of a source that states something. The pipeline proposes it; an analyst accepts, edits or
    rejects it. `payload` is what the pipeline found, `reviewed_payload` what the analyst settled on."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="claims")
    kind = models.CharField(max_length=16, choices=ClaimKind.choices, db_index=True)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.TextField()
    payload = models.JSONField(default=dict)
    reviewed_payload = models.JSONField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.PROPOSED, db_index=True)
    stage = models.CharField(max_length=40, blank=True)
    stage_version = models.CharField(max_length=20, blank=True)
    rule = models.CharField(max_length=80, blank=True)
    confidence = models.FloatField(default=0.5)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["source_id", "start", "id"]
        indexes = [models.Index(fields=["source", "status"]), models.Index(fields=["status", "kind"])]
        constraints = [models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="claim_span_ordered")]

    def __str__(self) -> str:
        return f"{self.kind} {self.text[:60]!r}"

    @property
    def effective_payload(self) -> dict:
        """What the claim states now: the analyst's edit if any, else the pipeline's proposal."""
        return self.reviewed_payload if self.reviewed_payload is not None else self.payload
