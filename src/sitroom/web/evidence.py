"""Where a figure's evidence is: the exact span of its source, else the record it was derived from, else
the observation's own page (which names who entered it and their note)."""

from __future__ import annotations

from django.urls import reverse


def claim_url(source_id: int, claim_id: int) -> str:
    return f"{reverse('source_detail', args=[source_id])}#claim-{claim_id}"


def evidence_url_for_point(point) -> str:
    """For a picture.reconcile.Point."""
    if point.claim_id and point.source_id:
        return claim_url(point.source_id, point.claim_id)
    return reverse("observation_detail", args=[point.observation_id])


def evidence_url_for_observation(obs) -> str:
    if obs.claim_id:
        source_id = obs.source_id or obs.claim.source_id
        return claim_url(source_id, obs.claim_id)
    if obs.derived_type_id and obs.derived_id:
        record = obs.derived_from
        if record is not None and hasattr(record, "get_absolute_url"):
            return record.get_absolute_url()
    return reverse("observation_detail", args=[obs.pk])
