"""Query parameters shared by every list endpoint: simple names, parsed once, documented in the schema."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from sitroom.errors import InputError
from sitroom.exchange.kinds import Kind
from sitroom.exchange.selectors import organization_resolve, parse_day, parse_moment, place_resolve


def list_parameters(kind: Kind) -> list[OpenApiParameter]:
    params = [
        OpenApiParameter("ordering", OpenApiTypes.STR, description="A field name, '-' for descending; the id breaks ties."),
        OpenApiParameter("as_of", OpenApiTypes.DATETIME, description="The records as they stood at this moment (audit history)."),
    ]
    if kind.date_field:
        params += [OpenApiParameter("date_from", OpenApiTypes.DATE, description=f"{kind.date_field} on or after"),
                   OpenApiParameter("date_to", OpenApiTypes.DATE, description=f"{kind.date_field} on or before")]
    if kind.place_fields:
        params.append(OpenApiParameter("place", OpenApiTypes.STR, description="Place id, key or name (places under it included)"))
    if kind.org_fields:
        params.append(OpenApiParameter("organization", OpenApiTypes.STR, description="Organisation id, key or name"))
    if kind.indicator_field:
        params.append(OpenApiParameter("indicator", OpenApiTypes.STR, description="Indicator code, e.g. people.returned"))
    if kind.status_field:
        params.append(OpenApiParameter("status", OpenApiTypes.STR, description=f"{kind.status_field} equals"))
    if kind.is_record:
        params.append(OpenApiParameter("archived", OpenApiTypes.BOOL, description="Include archived records"))
    return params


def _bool(value: str | None, *, field: str) -> bool:
    if value in (None, ""):
        return False
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise InputError(f"{field}: {value!r} is not true or false", field=field)


def parse_list_params(kind: Kind, params: Any) -> dict[str, Any]:
    """The keyword arguments of exchange.selectors.records_for from a request's query parameters."""
    out: dict[str, Any] = {
        "as_of": parse_moment(params.get("as_of"), field="as_of"),
        "date_from": parse_day(params.get("date_from"), field="date_from"),
        "date_to": parse_day(params.get("date_to"), field="date_to"),
        "include_archived": _bool(params.get("archived"), field="archived"),
    }
    if params.get("place"):
        out["place"] = place_resolve(params["place"])
    if params.get("organization"):
        out["organization"] = organization_resolve(params["organization"])
    if params.get("indicator"):
        out["indicator"] = params["indicator"]
    if params.get("status"):
        out["status"] = params["status"]
    return out
