"""What several views share: the filters of the picture from the query string, simple pagination."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import HttpRequest

from sitroom.picture.filters import PictureFilter, picture_filter_from
from sitroom.reference.models import Organization, Place

PAGE_SIZE = 50
FILTER_KEYS = ("from", "to", "place", "org", "verified")


def picture_filter(request: HttpRequest) -> PictureFilter:
    """The shared filters; a bad value raises InputError naming the parameter (shown as a 400 page)."""
    return picture_filter_from(request.GET)


def filter_query(request: HttpRequest, *, keys=FILTER_KEYS, **overrides) -> str:
    """The filters of the current URL as a query string, to carry them to links and data requests."""
    params = {k: request.GET.get(k) for k in keys if request.GET.get(k)}
    params.update({k: v for k, v in overrides.items() if v is not None})
    return urlencode(params)


def filter_choices() -> dict:
    """Options of the place and organisation filters (ids and names only)."""
    return {
        "place_choices": list(Place.objects.order_by("name").values_list("key", "name")),
        "org_choices": list(Organization.objects.order_by("name").values_list("key", "name")),
    }


@dataclass
class Page:
    items: list
    number: int
    has_next: bool
    has_previous: bool
    query: str  # the rest of the query string, for the page links

    @property
    def next_number(self) -> int:
        return self.number + 1

    @property
    def previous_number(self) -> int:
        return self.number - 1


def paginate(request: HttpRequest, qs, *, size: int = PAGE_SIZE) -> Page:
    """One page of `qs` without COUNT(*) (which is slow on millions of rows): fetch one row more than the
    page to know whether there is a next page."""
    try:
        number = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        number = 1
    offset = (number - 1) * size
    rows = list(qs[offset:offset + size + 1])
    rest = request.GET.copy()
    rest.pop("page", None)
    return Page(items=rows[:size], number=number, has_next=len(rows) > size, has_previous=number > 1, query=rest.urlencode())


def sort_param(request: HttpRequest, allowed: dict[str, tuple[str, ...]], default: str) -> tuple[str, tuple[str, ...]]:
    """The `sort` parameter if it is one of `allowed` (a leading '-' means descending), else the default."""
    raw = request.GET.get("sort", default)
    key = raw.lstrip("-")
    if key not in allowed:
        raw, key = default, default.lstrip("-")
    desc = raw.startswith("-")
    return raw, tuple(("-" + f.lstrip("-") if desc != f.startswith("-") else f.lstrip("-")) for f in allowed[key])
