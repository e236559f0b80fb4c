"""Views of the situation room, one module per area; all re-exported here for urls.py."""

from .dashboard import dashboard
from .health import healthz
from .picture import charts, indicator_detail, indicator_list, map_data, map_page, timeline
from .records import (
    activity_detail,
    activity_list,
    event_detail,
    event_list,
    observation_detail,
    observation_list,
)
from .sources import (
    claim_goto,
    claim_review,
    review_next,
    review_queue,
    source_detail,
    source_list,
    source_new,
    source_original,
)

__all__ = [
    "activity_detail", "activity_list", "charts", "claim_goto", "claim_review", "dashboard", "event_detail",
    "event_list", "healthz", "indicator_detail", "indicator_list", "map_data", "map_page", "observation_detail",
    "observation_list", "review_next", "review_queue", "source_detail", "source_list", "source_new",
    "source_original", "timeline",
]
