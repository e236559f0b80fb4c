"""Reads of evidence: sources the user may see, their claims, the review queue."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet

from sitroom.access import visible
from sitroom.errors import NotFound

from .models import Claim, ClaimKind, ClaimStatus, Source

# The claim kinds that become records or statements on review; place/organisation/person mentions are
# kept as evidence of who and where, and are not queued for review by default.
REVIEWED_KINDS = (ClaimKind.FIGURE, ClaimKind.EVENT, ClaimKind.QUOTE)


def source_list(
    user: Any,
    *,
    q: str | None = None,
    outlet: str | None = None,
    language: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    include_archived: bool = False,
) -> QuerySet[Source]:
    """Sources the user may see, newest publication first, with claim counts (`claim_count`,
    `proposed_count`). `q` searches title, outlet and text; dates filter the publication date."""
    qs = Source.objects.all() if include_archived else Source.objects.filter(archived_at__isnull=True)
    qs = visible(qs, user)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(outlet__icontains=q) | Q(text__icontains=q) | Q(filename__icontains=q))
    if outlet:
        qs = qs.filter(outlet__icontains=outlet)
    if language:
        qs = qs.filter(language=language)
    if date_from:
        qs = qs.filter(published__gte=date_from)
    if date_to:
        qs = qs.filter(published__lte=date_to)
    return (
        qs.defer("original")
        .select_related("outlet_org", "submitted_by_org")
        .annotate(claim_count=Count("claims"), proposed_count=Count("claims", filter=Q(claims__status=ClaimStatus.PROPOSED)))
        .order_by("-published", "-received_at", "-id")
    )


def source_get(user: Any, pk: Any) -> Source:
    """The source with this id if the user may see it; NotFound otherwise (a hidden source is not confirmed)."""
    try:
        key = int(pk)
    except (TypeError, ValueError):
        raise NotFound(f"No source with id {pk!r}") from None
    source = visible(Source.objects.filter(pk=key), user).select_related("outlet_org", "submitted_by_org", "received_by").first()
    if source is None:
        raise NotFound(f"No source with id {key}")
    return source


def claims_for_source(source: Source, *, kinds: tuple[str, ...] | None = None) -> QuerySet[Claim]:
    """The claims of a source in reading order (by position in the text)."""
    qs = source.claims.select_related("reviewer").order_by("start", "end", "id")
    if kinds:
        qs = qs.filter(kind__in=kinds)
    return qs


def claim_get(user: Any, pk: Any) -> Claim:
    """A claim whose source the user may see; NotFound otherwise."""
    try:
        key = int(pk)
    except (TypeError, ValueError):
        raise NotFound(f"No claim with id {pk!r}") from None
    visible_sources = visible(Source.objects.all(), user).values("pk")
    claim = Claim.objects.filter(pk=key, source__in=visible_sources).select_related("source", "reviewer").first()
    if claim is None:
        raise NotFound(f"No claim with id {key}")
    return claim


def review_queue(user: Any, *, kinds: tuple[str, ...] = REVIEWED_KINDS) -> QuerySet[Claim]:
    """Proposed claims the user may see, oldest source first, in reading order within a source."""
    visible_sources = visible(Source.objects.filter(archived_at__isnull=True), user).values("pk")
    return (
        Claim.objects.filter(status=ClaimStatus.PROPOSED, kind__in=kinds, source__in=visible_sources)
        .select_related("source")
        .defer("source__original", "source__text")
        .order_by("source__received_at", "source_id", "start", "id")
    )


def next_unreviewed_claim(
    user: Any, *, after: Claim | None = None, after_claim: Claim | None = None, kinds: tuple[str, ...] = REVIEWED_KINDS
) -> Claim | None:
    """The claim to review after `after` (the one just reviewed): the next one in the same source, else the
    first of a later source, else the first of the queue; None when the queue is empty."""
    after = after or after_claim
    queue = review_queue(user, kinds=kinds)
    if after is None:
        return queue.first()
    later = queue.exclude(pk=after.pk).filter(
        Q(source_id=after.source_id, start__gt=after.start)
        | Q(source_id=after.source_id, start=after.start, id__gt=after.pk)
        | Q(source__received_at__gt=after.source.received_at)
        | Q(source__received_at=after.source.received_at, source_id__gt=after.source_id)
    ).first()
    return later or queue.exclude(pk=after.pk).first()
