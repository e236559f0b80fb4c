"""Reads of the picture: figures reconciled across sources, headline figures, timeline, map, charts.
Every selector takes the user (visibility is applied through sitroom.access) and the shared filters."""

from .events import (
    activities_for,
    aid_tonnage_by_month,
    events_for,
    incidents_per_week,
    recent_sources,
    review_backlog,
    sources_for,
    timeline,
)
from .figures import (
    HeadlineFigure,
    IndicatorReconciliation,
    RecordedTotal,
    headline_figures,
    indicator_series,
    observations_for,
    points_of,
    reconciliation,
    recorded_for,
    recorded_totals,
    reported_for,
)
from .maps import cell_for_zoom, cluster, map_place_detail, map_places
from .sources import (
    REVIEWABLE_KINDS,
    claim_for_review,
    claims_of,
    next_unreviewed,
    review_queue_sources,
    source_for_reader,
)

__all__ = [
    "REVIEWABLE_KINDS", "HeadlineFigure", "claim_for_review", "claims_of", "next_unreviewed", "review_queue_sources", "source_for_reader", "IndicatorReconciliation", "activities_for", "aid_tonnage_by_month", "cell_for_zoom", "cluster",
    "events_for", "headline_figures", "incidents_per_week", "indicator_series", "map_place_detail", "map_places",
    "observations_for", "points_of", "RecordedTotal", "recorded_for", "recorded_totals", "reported_for", "recent_sources", "reconciliation", "review_backlog", "sources_for", "timeline",
]
