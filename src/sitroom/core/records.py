"""What every operational record shares: sensitivity, who submitted it, timestamps, archiving, history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords


class Sensitivity(models.TextChoices):
    PUBLIC = "public", "Public"
    PARTNERS = "partners", "Partners"
    INTERNAL = "internal", "Internal"


class ActiveQuerySet(models.QuerySet):
    def active(self):
        return self.filter(archived_at__isnull=True)

    def archived(self):
        return self.filter(archived_at__isnull=False)


class Record(models.Model):
    """Abstract base of operational records. Records are archived, never deleted; every change is kept
    in a history table (django-simple-history) with who, when and what changed."""

    sensitivity = models.CharField(max_length=10, choices=Sensitivity.choices, default=Sensitivity.PARTNERS, db_index=True)
    # The organisation on whose behalf the record was submitted (a party, a partner, the operation).
    submitted_by_org = models.ForeignKey(
        "reference.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Joint-monitoring records are visible to every party to the conflict.
    joint_monitoring = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    archived_at = models.DateTimeField(null=True, blank=True, db_index=True)
    archived_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    history = HistoricalRecords(inherit=True)
    objects = ActiveQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def delete(self, *args, **kwargs):  # noqa: D401 - guard
        """Operational records are never hard-deleted: archive them through their service instead."""
        from sitroom.errors import ValidationError

        raise ValidationError(f"{type(self).__name__} records are archived, not deleted")
