"""Reads behind the source reader and the review queue: a source with its claims, the queue of claims
waiting for review, the next one to review. Visibility comes from sitroom.access, via the source."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from sitroom.access import require_view, visibility_q, visible
from sitroom.errors import NotFound
from sitroom.evidence.models import Claim, Source

REVIEWABLE_KINDS = ("figure", "event", "quote")


def source_for_reader(user, pk: int) -> Source:
    """The source, if the user may see it (NotFound otherwise: a hidden source is not confirmed to exist)."""
    source = Source.objects.select_related("outlet_org", "received_by", "submitted_by_org").defer("original").filter(pk=pk).first()
    if source is None:
        raise NotFound(f"No source with id {pk}")
    require_view(user, source)
    return source


def claims_of(source: Source) -> QuerySet:
    return Claim.objects.filter(source=source).select_related("reviewer").order_by("start", "id")


def claim_for_review(user, pk: int) -> Claim:
    claim = Claim.objects.select_related("source").defer("source__original").filter(pk=pk).first()
    if claim is None:
        raise NotFound(f"No claim with id {pk}")
    require_view(user, claim.source)
    return claim


def _queue(user) -> QuerySet:
    qs = Claim.objects.filter(status="proposed", kind__in=REVIEWABLE_KINDS, source__archived_at__isnull=True)
    vq = visibility_q(user, prefix="source__")
    return qs if vq is None else qs.filter(vq)


def review_queue_sources(user, *, kind: str | None = None) -> QuerySet:
    """Sources with claims waiting for review, the newest first, each with its number of waiting claims."""
    waiting = Q(claims__status="proposed", claims__kind__in=(kind,) if kind else REVIEWABLE_KINDS)
    qs = visible(Source.objects.filter(archived_at__isnull=True), user).filter(waiting)
    return qs.annotate(waiting=Count("claims", filter=waiting)).defer("original", "text").order_by("-received_at", "-id")


def next_unreviewed(user, *, after: Claim | None = None) -> Claim | None:
    """The next claim to review: the next proposed one in the same source after `after`, else the first
    proposed claim of the newest source that has one."""
    queue = _queue(user)
    if after is not None:
        same = queue.filter(source_id=after.source_id).filter(Q(start__gt=after.start) | Q(start=after.start, id__gt=after.id))
        found = same.order_by("start", "id").first()
        if found is None:
            found = queue.filter(source_id=after.source_id).exclude(pk=after.pk).order_by("start", "id").first()
        if found is not None:
            return found
    return queue.order_by("-source__received_at", "-source_id", "start", "id").first()
