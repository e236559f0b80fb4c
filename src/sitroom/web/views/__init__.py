"""Views of the situation room, one module per area; all re-exported here for urls.py."""

from .health import healthz
from .pending import (
    activity_detail, activity_list, charts, claim_goto, claim_review, dashboard, event_detail, event_list,
    indicator_detail, indicator_list, map_data, map_page, observation_detail, observation_list, review_next,
    review_queue, source_detail, source_list, source_new, source_original, timeline,
)

__all__ = [
    "activity_detail", "activity_list", "charts", "claim_goto", "claim_review", "dashboard", "event_detail",
    "event_list", "healthz", "indicator_detail", "indicator_list", "map_data", "map_page", "observation_detail",
    "observation_list", "review_next", "review_queue", "source_detail", "source_list", "source_new",
    "source_original", "timeline",
]
