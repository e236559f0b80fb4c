"""The record types sitroom exchanges, named once: the API, exports, imports and the change feed all
use this registry, so a kind has the same name, filters and columns everywhere."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from django.apps import apps
from django.db import models

from sitroom.errors import InputError


@dataclass(frozen=True)
class Column:
    header: str
    path: str  # a values_list() path
    hxl: str = ""


@dataclass(frozen=True)
class Kind:
    name: str
    model_label: str
    # Reference data (places, organisations, people, indicators) needs the editor role to change;
    # operational records the analyst role.
    reference: bool = False
    date_field: str | None = None
    place_fields: tuple[str, ...] = ()
    org_fields: tuple[str, ...] = ()
    status_field: str | None = None
    indicator_field: str | None = None
    # Visibility: a prefix to the fields of sitroom.access (sensitivity...), None when everyone sees all.
    visibility_prefix: str | None = ""
    columns: tuple[Column, ...] = field(default_factory=tuple)

    @cached_property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)

    @property
    def is_record(self) -> bool:
        return hasattr(self.model, "archived_at") and not self.reference

    @property
    def label(self) -> str:
        return self.name.replace("-", " ")


C = Column
_RECORD = (C("sensitivity", "sensitivity", "#meta+sensitivity"), C("created_at", "created_at", "#date+created"),
           C("updated_at", "updated_at", "#date+updated"))

KINDS: dict[str, Kind] = {k.name: k for k in [
    Kind("places", "reference.Place", reference=True, visibility_prefix=None, columns=(
        C("id", "id", "#meta+id"), C("key", "key", "#loc+code"), C("name", "name", "#loc+name"), C("kind", "kind", "#loc+type"),
        C("parent", "parent__key", "#loc+code+parent"), C("lat", "lat", "#geo+lat"), C("lon", "lon", "#geo+lon"))),
    Kind("organisations", "reference.Organization", reference=True, visibility_prefix=None, columns=(
        C("id", "id", "#meta+id"), C("key", "key", "#org+code"), C("name", "name", "#org+name"), C("short_name", "short_name", "#org+acronym"),
        C("kind", "kind", "#org+type"), C("access_group", "access_group", "#meta+access"), C("parent", "parent__key", "#org+code+parent"),
        C("country", "country", "#country+name"))),
    Kind("people", "reference.Person", reference=True, visibility_prefix=None, org_fields=("organization",), columns=(
        C("id", "id", "#meta+id"), C("name", "name", "#contact+name"), C("role", "role", "#contact+role"),
        C("organisation", "organization__key", "#org+code"))),
    Kind("indicators", "reference.Indicator", reference=True, visibility_prefix=None, columns=(
        C("id", "id", "#meta+id"), C("code", "code", "#indicator+code"), C("name", "name", "#indicator+name"),
        C("unit", "unit", "#indicator+unit"), C("hxl", "hxl", "#meta+hxl"), C("cumulative", "cumulative", "#meta+cumulative"))),
    Kind("sources", "evidence.Source", date_field="published", org_fields=("outlet_org", "submitted_by_org"), columns=(
        C("id", "id", "#meta+id"), C("title", "title", "#meta+title"), C("outlet", "outlet", "#meta+source"), C("url", "url", "#meta+url"),
        C("published", "published", "#date+published"), C("language", "language", "#meta+lang"),
        C("received_at", "received_at", "#date+received"), C("sensitivity", "sensitivity", "#meta+sensitivity"))),
    Kind("claims", "evidence.Claim", visibility_prefix="source__", status_field="status", columns=(
        C("id", "id", "#meta+id"), C("source", "source_id", "#meta+source+id"), C("kind", "kind", "#meta+kind"), C("start", "start"),
        C("end", "end"), C("text", "text", "#description"), C("status", "status", "#status"))),
    Kind("observations", "operations.Observation", date_field="date", place_fields=("place",), org_fields=("organization",),
         status_field="verification", indicator_field="indicator", columns=(
        C("id", "id", "#meta+id"), C("date", "date", "#date"), C("indicator", "indicator__code", "#indicator+code"),
        C("value", "value", "#indicator+num"), C("unit", "unit", "#indicator+unit"), C("qualifier", "qualifier", "#indicator+qualifier"),
        C("what", "what", "#description"), C("place", "place__key", "#loc+code"), C("place_name", "place__name", "#loc+name"),
        C("lat", "place__lat", "#geo+lat"), C("lon", "place__lon", "#geo+lon"),
        C("organisation", "organization__name", "#org+name"), C("verification", "verification", "#status+verification"),
        C("source", "source__outlet", "#meta+source"), C("source_id", "source_id", "#meta+source+id"),
        C("claim_id", "claim_id", "#meta+claim+id")) + _RECORD[:1]),
    Kind("events", "operations.Event", date_field="date", place_fields=("places",), org_fields=("actors", "reported_by"),
         status_field="verification", columns=(
        C("id", "id", "#meta+id"), C("date", "date", "#date+occurred"), C("kind", "kind", "#event+type"),
        C("incident_kind", "incident_kind", "#event+type+incident"), C("title", "title", "#event+name"),
        C("killed_civilian", "killed_civilian", "#affected+killed+civilian"), C("killed_military", "killed_military", "#affected+killed+military"),
        C("killed_peacekeeper", "killed_peacekeeper", "#affected+killed+peacekeeper"),
        C("injured_civilian", "injured_civilian", "#affected+injured+civilian"), C("injured_military", "injured_military", "#affected+injured+military"),
        C("injured_peacekeeper", "injured_peacekeeper", "#affected+injured+peacekeeper"),
        C("verification", "verification", "#status+verification"), C("reported_by", "reported_by__name", "#org+name+reporting"),
        C("source_id", "source_id", "#meta+source+id")) + _RECORD[:1]),
    Kind("activities", "operations.Activity", date_field="start", place_fields=("place",), org_fields=("organization",),
         status_field="status", columns=(
        C("id", "id", "#meta+id"), C("title", "title", "#activity+name"), C("organisation", "organization__name", "#org+name"),
        C("sector", "sector", "#sector"), C("place", "place__key", "#loc+code"), C("place_name", "place__name", "#loc+name"),
        C("start", "start", "#date+start"), C("end", "end", "#date+end"), C("status", "status", "#status"),
        C("progress", "progress_value", "#output+num"), C("target", "target_value", "#targeted+num"),
        C("unit", "progress_unit", "#output+unit")) + _RECORD[:1]),
    Kind("consignments", "operations.Consignment", date_field="planned_on", place_fields=("destination", "origin"),
         org_fields=("donor", "escort"), status_field="status", columns=(
        C("id", "id", "#meta+id"), C("reference", "reference", "#meta+ref"), C("donor", "donor__name", "#org+name+donor"),
        C("origin", "origin__key", "#loc+code+origin"), C("destination", "destination__key", "#loc+code+destination"),
        C("sector", "sector", "#sector"), C("status", "status", "#status"), C("planned_on", "planned_on", "#date+planned"),
        C("delivered_on", "delivered_on", "#date+delivered")) + _RECORD[:1]),
    Kind("shelters", "operations.Shelter", place_fields=("place",), org_fields=("operator",), columns=(
        C("id", "id", "#meta+id"), C("name", "name", "#loc+name+shelter"), C("place", "place__key", "#loc+code"),
        C("operator", "operator__name", "#org+name"), C("capacity", "capacity", "#capacity+num"),
        C("occupancy", "occupancy", "#affected+sheltered"), C("is_open", "is_open", "#status+open"))),
    Kind("evacuations", "operations.Evacuation", date_field="date", place_fields=("origin", "destination"),
         org_fields=("organization",), status_field="status", columns=(
        C("id", "id", "#meta+id"), C("date", "date", "#date"), C("origin", "origin__key", "#loc+code+origin"),
        C("destination", "destination__key", "#loc+code+destination"), C("people", "people", "#affected+evacuated"),
        C("children", "children", "#affected+evacuated+children"), C("status", "status", "#status"))),
    Kind("returns", "operations.ReturnMovement", date_field="date", place_fields=("destination", "origin"),
         org_fields=("escorted_by",), columns=(
        C("id", "id", "#meta+id"), C("date", "date", "#date"), C("destination", "destination__key", "#loc+code+destination"),
        C("origin", "origin__key", "#loc+code+origin"), C("people", "people", "#affected+returnees"))),
    Kind("hazardous-areas", "operations.HazardousArea", place_fields=("place",), columns=(
        C("id", "id", "#meta+id"), C("name", "name", "#loc+name+hazard"), C("place", "place__key", "#loc+code"),
        C("estimated_area_m2", "estimated_area_m2", "#affected+area"), C("contamination", "contamination", "#description+contamination"))),
    Kind("clearance-tasks", "operations.ClearanceTask", date_field="start", place_fields=("area__place",),
         org_fields=("organization",), status_field="status", columns=(
        C("id", "id", "#meta+id"), C("area", "area__name", "#loc+name+hazard"), C("organisation", "organization__name", "#org+name"),
        C("start", "start", "#date+start"), C("end", "end", "#date+end"), C("status", "status", "#status"),
        C("area_cleared_m2", "area_cleared_m2", "#output+cleared+area"))),
    Kind("reconstruction-objects", "operations.ReconstructionObject", date_field="restored_on", place_fields=("place",),
         org_fields=("organization",), status_field="status", columns=(
        C("id", "id", "#meta+id"), C("name", "name", "#loc+name+object"), C("kind", "kind", "#meta+type"), C("place", "place__key", "#loc+code"),
        C("units", "units", "#output+units"), C("damage", "damage", "#severity"), C("status", "status", "#status"),
        C("restored_on", "restored_on", "#date+restored"))),
    Kind("sites", "operations.Site", place_fields=("place",), org_fields=("protected_by",), status_field="protection_status", columns=(
        C("id", "id", "#meta+id"), C("name", "name", "#loc+name+site"), C("kind", "kind", "#meta+type"), C("place", "place__key", "#loc+code"),
        C("lat", "lat", "#geo+lat"), C("lon", "lon", "#geo+lon"), C("protection_status", "protection_status", "#status"))),
    Kind("agreements", "operations.Agreement", date_field="signed_on", org_fields=("parties",), columns=(
        C("id", "id", "#meta+id"), C("title", "title", "#meta+title"), C("kind", "kind", "#meta+type"), C("signed_on", "signed_on", "#date+signed"))),
    Kind("meetings", "operations.Meeting", date_field="date", place_fields=("place",), org_fields=("participants",), columns=(
        C("id", "id", "#meta+id"), C("title", "title", "#meta+title"), C("kind", "kind", "#meta+type"), C("date", "date", "#date"),
        C("place", "place__key", "#loc+code"), C("outcome", "outcome", "#description"))),
]}


ALIASES = {"organizations": "organisations", "persons": "people", "return-movements": "returns",
           "reconstruction": "reconstruction-objects", "hazards": "hazardous-areas", "clearance": "clearance-tasks"}


def kind_get(name: str) -> Kind:
    key = name.replace("_", "-").lower()
    key = ALIASES.get(key, key)
    kind = KINDS.get(key) or KINDS.get(key + "s")
    if kind is None:
        raise InputError(f"unknown kind {name!r}: choose one of {', '.join(KINDS)}", field="kind")
    return kind


def kind_for_model(model: type[models.Model]) -> Kind | None:
    for kind in KINDS.values():
        if kind.model is model:
            return kind
    return None
