"""Pages being written (engineer W, issue 4): each renders the layout so the navigation works meanwhile."""

from django.shortcuts import render


def _pending(name):
    def view(request, *args, **kwargs):
        return render(request, "web/pending.html", {"page": name})
    view.__name__ = name
    return view


for _name in ("activity_detail", "activity_list", "charts", "claim_goto", "claim_review", "dashboard", "event_detail",
              "event_list", "indicator_detail", "indicator_list", "map_data", "map_page", "observation_detail",
              "observation_list", "review_next", "review_queue", "source_detail", "source_list", "source_new",
              "source_original", "timeline"):
    globals()[_name] = _pending(_name)
