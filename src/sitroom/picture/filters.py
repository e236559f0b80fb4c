"""The filters every panel of the picture shares: date range, place (with the places inside it) and
organisation. Parsed once from a page's query string; each selector applies the part it can."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Date

from django.db.models import Q

from sitroom.errors import InputError
from sitroom.reference.models import Organization, Place


@dataclass(frozen=True)
class PictureFilter:
    date_from: Date | None = None
    date_to: Date | None = None
    place: Place | None = None
    place_ids: tuple[int, ...] = ()  # the place and every place inside it
    organization: Organization | None = None
    verified_only: bool = False

    @property
    def active(self) -> bool:
        return any([self.date_from, self.date_to, self.place, self.organization, self.verified_only])

    def date_q(self, field: str) -> Q:
        q = Q()
        if self.date_from:
            q &= Q(**{f"{field}__gte": self.date_from})
        if self.date_to:
            q &= Q(**{f"{field}__lte": self.date_to})
        return q

    def place_q(self, field: str) -> Q:
        return Q(**{f"{field}__in": self.place_ids}) if self.place else Q()

    def organization_q(self, *fields: str) -> Q:
        if not self.organization:
            return Q()
        q = Q()
        for f in fields:
            q |= Q(**{f: self.organization.pk})
        return q


def place_with_descendants(place: Place) -> tuple[int, ...]:
    """The place's id and those of every place inside it (districts -> towns -> posts)."""
    children: dict[int, list[int]] = {}
    for pk, parent_id in Place.objects.values_list("pk", "parent_id"):
        if parent_id is not None:
            children.setdefault(parent_id, []).append(pk)
    found, todo = [place.pk], [place.pk]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.append(child)
                todo.append(child)
    return tuple(found)


def _parse_date(raw: str, name: str) -> Date | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        return Date.fromisoformat(raw)
    except ValueError:
        raise InputError(f"{name}: '{raw}' is not a date (use YYYY-MM-DD)", field=name) from None


def picture_filter_from(params) -> PictureFilter:
    """Parse `from`, `to`, `place` (key or id), `org` (key or id) and `verified` from a query string.
    Raises InputError naming the parameter when one cannot be used."""
    date_from = _parse_date(params.get("from", ""), "from")
    date_to = _parse_date(params.get("to", ""), "to")
    if date_from and date_to and date_from > date_to:
        raise InputError(f"from ({date_from}) is after to ({date_to})", field="from")
    place = None
    raw_place = (params.get("place") or "").strip()
    if raw_place:
        lookup = Q(key=raw_place) | (Q(pk=int(raw_place)) if raw_place.isdigit() else Q())
        place = Place.objects.filter(lookup).first()
        if place is None:
            raise InputError(f"place: no place '{raw_place}' in the gazetteer", field="place")
    org = None
    raw_org = (params.get("org") or "").strip()
    if raw_org:
        lookup = Q(key=raw_org) | (Q(pk=int(raw_org)) if raw_org.isdigit() else Q())
        org = Organization.objects.filter(lookup).first()
        if org is None:
            raise InputError(f"org: no organisation '{raw_org}'", field="org")
    verified_only = (params.get("verified") or "").strip().lower() in {"1", "true", "yes", "on"}
    return PictureFilter(
        date_from=date_from, date_to=date_to, place=place, place_ids=place_with_descendants(place) if place else (),
        organization=org, verified_only=verified_only,
    )
