"""Figures: indicator series, reconciliation across sources, headline figures for the dashboard.

Every query is driven by the (indicator, date) and (indicator, place, date) indexes and reads a bounded
number of rows, so the dashboard stays fast with a million observations."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import timedelta

from django.db import connection
from django.db.models import Count, F, Max, Min, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from sitroom.access import visible
from sitroom.operations.models import Observation
from sitroom.operations.models.common import LEVEL_INDICATORS
from sitroom.picture.cache import cached_each, filter_key, group_stamps
from sitroom.picture.filters import PictureFilter
from sitroom.picture.reconcile import Headline, Point, Reconciliation, reconcile
from sitroom.reference.models import Indicator, Place

SPARKLINE_POINTS = 24
SERIES_LIMIT = 5000  # a reconciliation page never reads more than this many figures
# The operation's region: with no place filter a headline prefers a figure for it (or for a place with no
# parent, or a figure with no place) over the latest figure of some town.
OPERATION_REGION_KEYS = ("nagorno-karabakh", "karabakh")


def observations_for(user, filters: PictureFilter | None = None) -> QuerySet:
    """Observations the user may see (reported and recorded alike), narrowed by the shared filters."""
    qs = visible(Observation.objects.active(), user)
    if filters is not None:
        qs = qs.filter(filters.date_q("date"), filters.place_q("place_id"), filters.organization_q("organization_id"))
        if filters.verified_only:
            qs = qs.filter(verification="verified")
    return qs


def reported_for(user, filters: PictureFilter | None = None) -> QuerySet:
    """Figures a source or a person stated (often running totals): the only ones that are reconciled,
    drawn as a series, put on a headline or checked for a cumulative decrease."""
    return observations_for(user, filters).filter(derived_type__isnull=True)


def recorded_for(user, filters: PictureFilter | None = None) -> QuerySet:
    """Amounts recorded by one operation record each (a return movement, a delivered consignment, a
    shelter's daily count): added up over the period, never compared with reported figures."""
    # `> 0` (content type ids are positive) rather than IS NOT NULL: SQLite then reads the few recorded
    # rows through the (derived_type, derived_id) index instead of scanning a million reported ones.
    return observations_for(user, filters).filter(derived_type_id__gt=0)


@dataclass(frozen=True)
class RecordedTotal:
    """What the operation's own records add up to: the sum of the amounts recorded in the period, or for
    a level (people in shelters) the sum over places of each place's latest count in the period."""

    total: float
    records: int
    first: object  # date of the first record
    last: object  # date of the latest record
    level: bool  # True: latest count per place, summed; False: sum over the period
    places: int = 0  # places with a latest count (levels only)


def recorded_totals(qs: QuerySet, group: str = "indicator_id", *, level_indicator_ids=()) -> dict:
    """{group value: RecordedTotal} for the recorded observations `qs`, aggregated in the database: one
    GROUP BY for the counts and sums, and for level indicators one more for the latest count per place
    (see _latest_counts)."""
    # Grouped by `column + 0`: an index on the column cannot serve the grouping, so the planner keeps to the
    # derived_type index (see recorded_for) instead of walking the (indicator, ...) index end to end.
    rows = list(qs.order_by().annotate(_group=F(group) + 0).values("_group")
                .annotate(n=Count("id"), total=Sum("value"), first=Min("date"), last=Max("date")))
    levels: dict = {}
    level_ids = set(level_indicator_ids)
    if level_ids:
        level_qs = qs.annotate(_indicator=F("indicator_id") + 0).filter(_indicator__in=level_ids, date__isnull=False).order_by()
        levels = _latest_counts(level_qs, group)
    out = {}
    for row in rows:
        key = row["_group"]
        if (key in level_ids) if group == "indicator_id" else bool(level_ids):
            lv = levels.get(key, {"total": 0, "places": 0})
            out[key] = RecordedTotal(lv["total"] or 0, row["n"], row["first"], row["last"], True, lv["places"])
        else:
            out[key] = RecordedTotal(row["total"] or 0, row["n"], row["first"], row["last"], False)
    return out


def _latest_counts(level_qs: QuerySet, group: str) -> dict:
    """{group value: {"total", "places"}}: the sum over places of each place's latest count, in one pass
    over the recorded rows (read through the derived_type index) with a window for each place's latest day."""
    rows_sql, params = level_qs.values("indicator_id", "place_id", "date", "value").query.sql_with_params()
    # The window partitions by expressions, not by bare columns: SQLite otherwise walks the whole
    # (indicator, place, date) index in order to spare the window a sort (measured: 290 ms with a million
    # reported rows and no recorded one, against 0.4 ms through the derived_type index).
    sql = (f"SELECT w.{group}, SUM(w.value), COUNT(DISTINCT COALESCE(w.place_id, 0)) FROM ("
           f"SELECT r.indicator_id, r.place_id, r.date, r.value, "
           f"MAX(r.date) OVER (PARTITION BY r.indicator_id + 0, COALESCE(r.place_id, 0)) AS latest_day "
           f"FROM ({rows_sql}) r) w "
           f"WHERE w.date = w.latest_day GROUP BY w.{group}")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {key: {"total": total, "places": places} for key, total, places in cursor.fetchall()}


def level_indicator_ids() -> set[int]:
    return set(Indicator.objects.filter(code__in=LEVEL_INDICATORS).values_list("pk", flat=True))


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
    """The indicator's reported figures from every source, oldest first (the latest `limit` of them)."""
    qs = reported_for(user, filters).filter(indicator=indicator, date__isnull=False).order_by("-date", "-id")[:limit]
    return sorted(points_of(qs), key=lambda p: (p.date, p.observation_id))


@dataclass
class PlaceReconciliation:
    place_id: int | None
    place_name: str
    result: Reconciliation


@dataclass
class RecordedPlace:
    place_id: int | None
    place_name: str
    place_key: str
    recorded: RecordedTotal


@dataclass
class IndicatorReconciliation:
    indicator: Indicator
    by_place: list[PlaceReconciliation] = field(default_factory=list)
    truncated: bool = False
    # What the operation's own records add up to, per place: shown apart, never in the comparison.
    recorded: list[RecordedPlace] = field(default_factory=list)
    recorded_total: RecordedTotal | None = None

    @property
    def disputed_count(self) -> int:
        return sum(len(p.result.disputed_windows) for p in self.by_place)

    @property
    def flagged_count(self) -> int:
        return sum(len(p.result.flags) for p in self.by_place)


def reconciliation(user, indicator: Indicator, filters: PictureFilter | None = None, *, window_days: int = 3) -> IndicatorReconciliation:
    """The indicator's reported figures reconciled place by place (figures for different places are never
    compared), and apart from them what the operation's own records add up to at each place."""
    qs = reported_for(user, filters).filter(indicator=indicator, date__isnull=False).order_by("-date", "-id")[:SERIES_LIMIT + 1]
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
    recorded = recorded_for(user, filters).filter(indicator=indicator)
    levels = {indicator.pk} if indicator.code in LEVEL_INDICATORS else set()
    per_place = recorded_totals(recorded, "place_id", level_indicator_ids=levels)
    if per_place:
        places = {p["pk"]: p for p in Place.objects.filter(pk__in=[k for k in per_place if k is not None]).values("pk", "name", "key")}
        for place_id, total in per_place.items():
            place = places.get(place_id, {"name": "no place given", "key": ""})
            out.recorded.append(RecordedPlace(place_id, place["name"], place["key"], total))
        out.recorded.sort(key=lambda r: (-r.recorded.total, r.place_name))
        out.recorded_total = recorded_totals(recorded, level_indicator_ids=levels).get(indicator.pk)
    return out


@dataclass
class HeadlineFigure:
    indicator: Indicator
    headline: Headline | None
    place_name: str
    sparkline: list[tuple[str, float]]  # (ISO date, accepted value), oldest first
    flags: list[str]
    proposed_waiting: int  # machine-proposed figures newer than the headline, waiting for review
    recorded: RecordedTotal | None = None  # what the operation's own records add up to in the period


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
    """One card per indicator that has figures (see _headline_figures). Each card comes from the picture's
    cache while no observation of its indicator has changed since it was computed for the same visibility
    and filters, and no figure has moved to another indicator since: a review of one figure recomputes
    one card, not the dashboard."""
    stamps = group_stamps(Observation, "indicator", Indicator)
    moved = Observation.objects.order_by().aggregate(t=Max("indicator_changed_at"))["t"]
    by_indicator = cached_each(
        "headline-card", user, (filter_key(filters), window_days, moved), stamps,
        lambda ids: {card.indicator.pk: card for card in _headline_figures(user, filters, window_days=window_days, indicator_ids=ids)},
    )
    order = sorted(stamps, key=lambda pk: by_indicator[pk].indicator.code if by_indicator.get(pk) else "")
    return [by_indicator[pk] for pk in order if by_indicator.get(pk) is not None]


def _headline_figures(user, filters: PictureFilter | None = None, *, window_days: int = 3,
                      indicator_ids: list[int] | None = None) -> list[HeadlineFigure]:
    """One card per indicator that has figures: the latest accepted reported value (with source, number of
    sources in its date window and their range; with no place filter, preferably the figure for the widest
    area), a sparkline of accepted values at the same place, flags, and apart from them what the
    operation's own records add up to in the period (see recorded_totals). Recorded amounts never enter
    the headline, the sparkline, the disputes or the flags.

    A few queries whatever the number of indicators: the latest accepted figure of every indicator (one
    index seek each, inside one query), those figures' places, the points every card reconciles (the
    latest figures at its place, as one UNION of index-driven branches, plus its whole date window when
    that is crowded), and the newer machine-proposed figures waiting at each card's place (up to 100).
    Indicators with no accepted figure get a card when a machine-proposed one waits (one more query).
    With `indicator_ids`, the cards of those indicators only."""
    base = reported_for(user, filters).filter(date__isnull=False)
    verified = base.filter(indicator=OuterRef("pk"), verification="verified").order_by("-date", "-id").values("id")[:1]
    latest_q = Subquery(verified)
    if filters is None or not filters.place:
        # No place filter: the figure for the widest area (the operation's region, a place with no parent,
        # or no place at all) when there is one, else the latest of any place.
        wide = list(Place.objects.filter(Q(parent__isnull=True) | Q(key__in=OPERATION_REGION_KEYS)).values_list("pk", flat=True))
        # The place is tested as an expression so that the (indicator, date) index drives the search from
        # the latest figure back, stopping at the first wide one (no index seek per wide place, then a sort).
        wide_q = (base.filter(indicator=OuterRef("pk"), verification="verified")
                  .annotate(_place=Coalesce("place_id", 0)).filter(_place__in=[0, *wide])
                  .order_by("-date", "-id").values("id")[:1])
        latest_q = Coalesce(Subquery(wide_q), latest_q)
    indicators = Indicator.objects.annotate(latest_id=latest_q)
    if indicator_ids is not None:
        indicators = indicators.filter(pk__in=indicator_ids)
    indicators = list(indicators)
    latest_ids = [i.latest_id for i in indicators if i.latest_id is not None]
    latest = {
        row["indicator_id"]: row
        for row in Observation.objects.filter(pk__in=latest_ids).values("id", "indicator_id", "date", "place_id", "place__name")
    } if latest_ids else {}
    without = [i.pk for i in indicators if i.pk not in latest]
    proposed_only = set(
        base.filter(indicator_id__in=without, verification="proposed").values_list("indicator_id", flat=True).distinct()
    ) if without else set()
    recorded_qs = recorded_for(user, filters)
    if indicator_ids is not None:
        # `+ 0`: the derived_type index keeps driving (see recorded_totals).
        recorded_qs = recorded_qs.annotate(_for_card=F("indicator_id") + 0).filter(_for_card__in=indicator_ids)
    recorded = recorded_totals(recorded_qs, level_indicator_ids=level_indicator_ids())

    # A card's place is one of the filter's places (a place filter never matches "no place"), so the
    # per-card queries pin it instead of repeating the filter's list of places (thousands for a country).
    pinned = base
    if filters is not None and filters.place:
        pinned = reported_for(user, replace(filters, place=None, place_ids=())).filter(date__isnull=False)

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
            if indicator.pk in proposed_only or indicator.pk in recorded:
                cards.append(HeadlineFigure(indicator, None, "", [], [], int(indicator.pk in proposed_only),
                                            recorded.get(indicator.pk)))
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
                                    waiting_by_indicator.get(indicator.pk, 0), recorded.get(indicator.pk)))
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
