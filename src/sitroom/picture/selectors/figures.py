"""Figures: indicator series, reconciliation across sources, headline figures for the dashboard.

Every query is driven by the (indicator, date) and (indicator, place, date) indexes and reads a bounded
number of rows, so the dashboard stays fast with a million observations."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import timedelta

from django.db import connection
from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.expressions import RawSQL

from sitroom.access import visible
from sitroom.operations.models import Observation
from sitroom.picture.cache import cached, filter_key
from sitroom.picture.filters import PictureFilter
from sitroom.picture.reconcile import Headline, Point, Reconciliation, reconcile
from sitroom.reference.models import Indicator

SPARKLINE_POINTS = 24
SERIES_LIMIT = 5000  # a reconciliation page never reads more than this many figures


def observations_for(user, filters: PictureFilter | None = None) -> QuerySet:
    """Observations the user may see, narrowed by the shared filters, with what a page shows joined in."""
    qs = visible(Observation.objects.active(), user)
    if filters is not None:
        qs = qs.filter(filters.date_q("date"), filters.place_q("place_id"), filters.organization_q("organization_id"))
        if filters.verified_only:
            qs = qs.filter(verification="verified")
    return qs


_POINT_FIELDS = (
    "id", "value", "date", "verification", "place_id", "place__name", "source_id", "source__outlet",
    "source__published", "source__title", "claim_id", "claim__source_id", "derived_type_id", "derived_id",
    "organization__short_name", "organization__name", "qualifier", "created_by__username",
)


def _point(row: dict) -> Point:
    source_id = row["source_id"] or row["claim__source_id"]
    if source_id:
        label = row["source__outlet"] or row["source__title"] or f"source {source_id}"
        if row["source__published"]:
            label = f"{label}, {row['source__published'].isoformat()}"
        key = f"source:{source_id}"
    elif row["derived_type_id"]:
        key, label = f"record:{row['derived_type_id']}:{row['derived_id']}", "operation record"
    else:
        org = row["organization__short_name"] or row["organization__name"]
        who = row["created_by__username"] or "unknown user"
        key, label = f"entry:{org or who}", f"entered by {org or who}"
    return Point(
        observation_id=row["id"], value=row["value"], date=row["date"], verification=row["verification"],
        source_key=key, source_label=label, place_id=row["place_id"], source_id=source_id,
        claim_id=row["claim_id"], qualifier=row["qualifier"] or "",
    )


def points_of(qs: QuerySet) -> list[Point]:
    return [_point(row) for row in qs.values(*_POINT_FIELDS)]


def indicator_series(user, indicator: Indicator, filters: PictureFilter | None = None, *, limit: int = SERIES_LIMIT) -> list[Point]:
    """The indicator's figures from every source, oldest first (the latest `limit` of them)."""
    qs = observations_for(user, filters).filter(indicator=indicator, date__isnull=False).order_by("-date", "-id")[:limit]
    return sorted(points_of(qs), key=lambda p: (p.date, p.observation_id))


@dataclass
class PlaceReconciliation:
    place_id: int | None
    place_name: str
    result: Reconciliation


@dataclass
class IndicatorReconciliation:
    indicator: Indicator
    by_place: list[PlaceReconciliation] = field(default_factory=list)
    truncated: bool = False

    @property
    def disputed_count(self) -> int:
        return sum(len(p.result.disputed_windows) for p in self.by_place)

    @property
    def flagged_count(self) -> int:
        return sum(len(p.result.flags) for p in self.by_place)


def reconciliation(user, indicator: Indicator, filters: PictureFilter | None = None, *, window_days: int = 3) -> IndicatorReconciliation:
    """The indicator's figures reconciled place by place: figures for different places are never compared."""
    qs = observations_for(user, filters).filter(indicator=indicator, date__isnull=False).order_by("-date", "-id")[:SERIES_LIMIT + 1]
    rows = list(qs.values(*_POINT_FIELDS))
    truncated = len(rows) > SERIES_LIMIT
    groups: dict[int | None, list[Point]] = {}
    names: dict[int | None, str] = {}
    for row in rows[:SERIES_LIMIT]:
        groups.setdefault(row["place_id"], []).append(_point(row))
        names[row["place_id"]] = row["place__name"] or "no place given"
    out = IndicatorReconciliation(indicator=indicator, truncated=truncated)
    for place_id, points in groups.items():
        result = reconcile(points, cumulative=indicator.cumulative, window_days=window_days)
        out.by_place.append(PlaceReconciliation(place_id=place_id, place_name=names[place_id], result=result))
    # Places with the latest figures first.
    out.by_place.sort(key=lambda p: max((q.date for q in p.result.points), default=None) or 0, reverse=True)
    return out


@dataclass
class HeadlineFigure:
    indicator: Indicator
    headline: Headline | None
    place_name: str
    sparkline: list[tuple[str, float]]  # (ISO date, accepted value), oldest first
    flags: list[str]
    proposed_waiting: int  # machine-proposed figures newer than the headline, waiting for review


def _union_ids(branches: list[QuerySet]) -> RawSQL:
    """The ids selected by every branch (each ordered and sliced on its own), as one subquery: the
    database answers all of them in one round trip, each branch from its index."""
    parts, params = [], []
    for i, branch in enumerate(branches):
        sql, branch_params = branch.values("id").query.sql_with_params()
        parts.append(f"SELECT * FROM ({sql}) AS b{i}")
        params.extend(branch_params)
    return RawSQL(" UNION ".join(parts), params)


def headline_figures(user, filters: PictureFilter | None = None, *, window_days: int = 3) -> list[HeadlineFigure]:
    """One card per indicator that has figures (see _headline_figures), from the picture's cache when no
    observation has changed since it was computed for the same visibility and filters."""
    return cached("headline", user, (filter_key(filters), window_days), [Observation],
                  lambda: _headline_figures(user, filters, window_days=window_days))


def _headline_figures(user, filters: PictureFilter | None = None, *, window_days: int = 3) -> list[HeadlineFigure]:
    """One card per indicator that has figures: the latest accepted value (with source, number of sources
    in its date window and their range), a sparkline of accepted values at the same place, and flags.

    A few queries whatever the number of indicators: the latest accepted figure of every indicator (one
    index seek each, inside one query), those figures' places, the points every card reconciles (the
    latest figures at its place, as one UNION of index-driven branches, plus its whole date window when
    that is crowded), and the newer machine-proposed figures waiting at each card's place (up to 100).
    Indicators with no accepted figure get a card when a machine-proposed one waits (one more query)."""
    base = observations_for(user, filters).filter(date__isnull=False)
    latest_q = base.filter(indicator=OuterRef("pk"), verification="verified").order_by("-date", "-id").values("id")[:1]
    indicators = list(Indicator.objects.annotate(latest_id=Subquery(latest_q)))
    latest_ids = [i.latest_id for i in indicators if i.latest_id is not None]
    latest = {
        row["indicator_id"]: row
        for row in Observation.objects.filter(pk__in=latest_ids).values("id", "indicator_id", "date", "place_id", "place__name")
    } if latest_ids else {}
    without = [i.pk for i in indicators if i.pk not in latest]
    proposed_only = set(
        base.filter(indicator_id__in=without, verification="proposed").values_list("indicator_id", flat=True).distinct()
    ) if without else set()

    # A card's place is one of the filter's places (a place filter never matches "no place"), so the
    # per-card queries pin it instead of repeating the filter's list of places (thousands for a country).
    pinned = base
    if filters is not None and filters.place:
        pinned = observations_for(user, replace(filters, place=None, place_ids=())).filter(date__isnull=False)

    def same_place(indicator_id: int) -> QuerySet:
        return pinned.filter(indicator_id=indicator_id, place_id=latest[indicator_id]["place_id"])

    points_by_indicator: dict[int, list[Point]] = {}
    waiting_by_indicator: dict[int, int] = {}
    if latest:
        recent = SPARKLINE_POINTS * 3
        branches = [same_place(i).filter(date__lte=row["date"]).order_by("-date", "-id")[:recent] for i, row in latest.items()]
        for row in Observation.objects.filter(pk__in=_union_ids(branches)).values("indicator_id", *_POINT_FIELDS):
            points_by_indicator.setdefault(row["indicator_id"], []).append(_point(row))
        # The latest figures hold the whole headline window unless they all fall inside it: then the
        # window may have more, read for those cards only.
        window_start = {i: row["date"] - timedelta(days=window_days - 1) for i, row in latest.items()}
        crowded = [i for i, points in points_by_indicator.items()
                   if len(points) >= recent and min(p.date for p in points) >= window_start[i]]
        if crowded:
            seen = {p.observation_id for i in crowded for p in points_by_indicator[i]}
            branches = [same_place(i).filter(date__gte=window_start[i], date__lte=latest[i]["date"]) for i in crowded]
            for row in Observation.objects.filter(pk__in=_union_ids(branches)).values("indicator_id", *_POINT_FIELDS):
                if row["id"] not in seen:
                    points_by_indicator[row["indicator_id"]].append(_point(row))
        waiting_by_indicator = _waiting_counts(
            {i: same_place(i).filter(verification="proposed", date__gt=row["date"])[:100] for i, row in latest.items()}
        )

    cards: list[HeadlineFigure] = []
    for indicator in indicators:
        row = latest.get(indicator.pk)
        if row is None:
            if indicator.pk in proposed_only:
                cards.append(HeadlineFigure(indicator, None, "", [], [], 1))
            continue
        points = sorted(points_by_indicator.get(indicator.pk, []), key=lambda p: (p.date, p.observation_id))
        result = reconcile(points, cumulative=indicator.cumulative, window_days=window_days)
        # The headline window must be the one that ends with the latest accepted value.
        headline = result.headline
        per_date: dict[str, float] = {}
        for w in result.windows:
            if w.headline is not None:
                per_date[w.headline.date.isoformat()] = w.headline.value
        sparkline = list(per_date.items())[-SPARKLINE_POINTS:]
        flags = sorted({reason for reasons in result.flags.values() for reason in reasons})
        cards.append(HeadlineFigure(indicator, headline, row["place__name"] or "", sparkline, flags,
                                    waiting_by_indicator.get(indicator.pk, 0)))
    return cards


def _waiting_counts(limited: dict[int, QuerySet]) -> dict[int, int]:
    """{key: number of rows of its (sliced) queryset} in one query."""
    parts, params = [], []
    for i, (key, qs) in enumerate(limited.items()):
        sql, qs_params = qs.values("id").query.sql_with_params()
        parts.append(f"SELECT {int(key)}, COUNT(*) FROM ({sql}) AS w{i}")
        params.extend(qs_params)
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return {int(key): int(n) for key, n in cursor.fetchall()}
