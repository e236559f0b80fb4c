"""Reads of reference data."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Indicator, Organization, Place, PlaceName
from .services import normalize_name


def place_find(name: str) -> Place | None:
    """The place a name (any variant, any script, as first written) refers to, or None."""
    if not name:
        return None
    hit = PlaceName.objects.filter(normalized=normalize_name(name)).select_related("place").first()
    if hit:
        return hit.place
    return Place.objects.filter(key=name).first()


def organization_find(name: str) -> Organization | None:
    if not name:
        return None
    org = Organization.objects.filter(name__iexact=name).first() or Organization.objects.filter(short_name__iexact=name).first()
    if org:
        return org
    folded = name.casefold()
    for candidate in Organization.objects.exclude(aliases=[]).only("id", "aliases", "name", "short_name", "key"):
        if any(alias.casefold() == folded for alias in candidate.aliases):
            return candidate
    return None


def place_list() -> QuerySet[Place]:
    return Place.objects.select_related("parent").order_by("name")


def indicator_list() -> QuerySet[Indicator]:
    return Indicator.objects.order_by("code")
