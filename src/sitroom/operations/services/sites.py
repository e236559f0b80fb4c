"""Heritage and religious sites: the register (names in every party's language), protection status and
an inspection log whose latest inspection sets the site's status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from sitroom.access import require_view, visible
from sitroom.errors import ValidationError
from sitroom.operations.models import Site, SiteInspection
from sitroom.operations.models.places import ProtectionStatus, SiteKind
from sitroom.reference.models import Organization, Place

from ._common import (
    RECORD_CONVERTERS,
    Converters,
    change_record,
    converted,
    locked_for_change,
    optional_text,
    record_defaults,
    require_choice,
    require_date,
    require_place,
    require_text,
    require_writer,
    save_as,
)
from .records import register_rules, validate_record


def _clean_names(names: Mapping[str, Any] | None) -> dict[str, list[str]]:
    if names is not None and not isinstance(names, Mapping):
        raise ValidationError("names must map language codes to names", field="names")
    result: dict[str, list[str]] = {}
    for lang, variants in (names or {}).items():
        if not isinstance(lang, str) or not lang.isalpha() or len(lang) > 8:
            raise ValidationError(f"names: {lang!r} is not a language code", field="names")
        values = [variants] if isinstance(variants, str) else list(variants or [])
        cleaned = [v.strip() for v in values if isinstance(v, str) and v.strip()]
        if cleaned:
            result[lang.lower()] = cleaned
    return result


def check_site(site: Site) -> None:
    if (site.lat is None) != (site.lon is None):
        raise ValidationError("give both latitude and longitude, or neither", field="lat")
    if site.lat is not None and not (-90 <= site.lat <= 90):
        raise ValidationError(f"lat {site.lat} is outside -90..90", field="lat")
    if site.lon is not None and not (-180 <= site.lon <= 180):
        raise ValidationError(f"lon {site.lon} is outside -180..180", field="lon")


register_rules(Site, check_site)


def _coordinate(value: Any, field: str) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValidationError(f"{field} must be a number", field=field)
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ValidationError(f"{field} must be a number, got {value!r}", field=field) from None


def sites(user: Any) -> QuerySet[Site]:
    return visible(Site.objects.active(), user).select_related("place", "protected_by")


def site_all_names(site: Site) -> str:
    """Every party's name for the site, like Place.all_names."""
    seen: list[str] = []
    for lang in ("en", "hy", "ru", "az"):
        for variant in site.names.get(lang, [])[:1]:
            if variant not in seen:
                seen.append(variant)
    return " / ".join(seen) or site.name


# Protection (status and protecting organisation) is not among them: it changes through
# site_set_protection and inspections.
SITE_FIELDS: Converters = {
    "name": lambda v: require_text(v, "name", max_length=200),
    "kind": lambda v: require_choice(v, "kind", SiteKind.values),
    "place": lambda v: require_place(v, "place"),
    "religion": lambda v: optional_text(v, "religion", max_length=60),
    "names": _clean_names,
    "lat": lambda v: _coordinate(v, "lat"),
    "lon": lambda v: _coordinate(v, "lon"),
    "note": lambda v: optional_text(v, "note"),
}


@transaction.atomic
def site_create(
    *,
    user: Any,
    name: str,
    kind: str,
    place: Place,
    religion: str = "",
    names: Mapping[str, Any] | None = None,
    lat: float | None = None,
    lon: float | None = None,
    protection_status: str = ProtectionStatus.UNKNOWN,
    protected_by: Organization | None = None,
    note: str = "",
    sensitivity: str = "public",
    submitted_by_org: Organization | None = None,
    joint_monitoring: bool = False,
) -> Site:
    require_writer(user, "Registering a site")
    place = require_place(place, "place")
    site = Site(
        **converted(SITE_FIELDS, name=name, kind=kind, place=place, religion=religion, names=names, note=note),
        lat=lat if lat is not None else (place.lat if lon is None else None),
        lon=lon if lon is not None else (place.lon if lat is None else None),
        protection_status=require_choice(protection_status, "protection_status", ProtectionStatus.values),
        protected_by=protected_by,
        **record_defaults(sensitivity=sensitivity, submitted_by_org=submitted_by_org, joint_monitoring=joint_monitoring, user=user),
    )
    validate_record(site)
    return save_as(site, user)


@transaction.atomic
def site_update(*, user: Any, site: Site, **changes: Any) -> Site:
    """Change a site's register entry (names, kind, place, coordinates, note, sensitivity); its protection
    (status and protecting organisation) changes through site_set_protection and inspections."""
    site = locked_for_change(site, user, action="Changing a site", field="site")
    return change_record(site, changes, {**RECORD_CONVERTERS, **SITE_FIELDS}, user=user, what="a site", reason="updated")


@transaction.atomic
def site_set_protection(*, user: Any, site: Site, protection_status: str, protected_by: Organization | None = None) -> Site:
    site = locked_for_change(site, user, action="Changing a site's protection", field="site")
    site.protection_status = require_choice(protection_status, "protection_status", ProtectionStatus.values)
    if protected_by is not None:
        site.protected_by = protected_by
    validate_record(site)
    return save_as(site, user)


@transaction.atomic
def site_record_inspection(
    *,
    user: Any,
    site: Site,
    date: dt.date | str,
    condition: str,
    inspector: Organization | None = None,
    note: str = "",
) -> SiteInspection:
    """Log an inspection; the latest inspection's condition becomes the site's protection status (an
    older inspection entered late does not overwrite a newer one)."""
    site = locked_for_change(site, user, action="Recording a site inspection", field="site")
    day = require_date(date, "date")
    if day > timezone.localdate():
        raise ValidationError(f"date {day} is in the future", field="date")
    inspection = SiteInspection(
        site=site,
        date=day,
        condition=require_choice(condition, "condition", ProtectionStatus.values),
        inspector=inspector,
        note=optional_text(note, "note"),
        recorded_by=user,
    )
    save_as(inspection, user)
    latest = site.inspections.order_by("-date", "-id").first()
    if latest.pk == inspection.pk and site.protection_status != inspection.condition:
        site.protection_status = inspection.condition
        save_as(site, user, update_fields=["protection_status"], reason=f"inspection of {inspection.date}")
    return inspection


def site_inspections(*, user: Any, site: Site) -> QuerySet[SiteInspection]:
    require_view(user, site)
    return site.inspections.select_related("inspector").order_by("-date", "-id")
