"""Exports: CSV with HXL hashtags that libhxl reads back, GeoJSON valid against the spec, XLSX, JSON,
the user's access respected, "as of" a past moment."""

from __future__ import annotations

import io
import json

import hxl
import jsonschema
import pytest
from openpyxl import load_workbook

from sitroom.exchange.export import export_to_file
from sitroom.exchange.kinds import KINDS

# RFC 7946, the parts sitroom writes: a FeatureCollection of Features with Point/MultiPoint/Polygon/... or null.
POSITION = {"type": "array", "minItems": 2, "maxItems": 3, "items": {"type": "number"}}
GEOMETRY = {"oneOf": [
    {"type": "null"},
    {"type": "object", "required": ["type", "coordinates"], "properties": {"type": {"const": "Point"}, "coordinates": POSITION}},
    {"type": "object", "required": ["type", "coordinates"],
     "properties": {"type": {"const": "MultiPoint"}, "coordinates": {"type": "array", "items": POSITION}}},
    {"type": "object", "required": ["type", "coordinates"],
     "properties": {"type": {"const": "LineString"}, "coordinates": {"type": "array", "minItems": 2, "items": POSITION}}},
    {"type": "object", "required": ["type", "coordinates"],
     "properties": {"type": {"const": "Polygon"}, "coordinates": {"type": "array", "items": {"type": "array", "minItems": 4, "items": POSITION}}}},
]}
FEATURE_COLLECTION = {
    "type": "object", "required": ["type", "features"],
    "properties": {"type": {"const": "FeatureCollection"}, "features": {"type": "array", "items": {
        "type": "object", "required": ["type", "geometry", "properties"],
        "properties": {"type": {"const": "Feature"}, "geometry": GEOMETRY, "properties": {"type": ["object", "null"]},
                       "id": {"type": ["string", "number"]}}}}},
}


def export(kind: str, fmt: str, user, **filters) -> bytes:
    out = io.BytesIO()
    export_to_file(KINDS[kind], user, fmt, out, **filters)
    return out.getvalue()


def test_csv_export_is_read_back_by_libhxl_with_the_hashtags(seeded, analyst, tmp_path):
    path = tmp_path / "observations.csv"
    path.write_bytes(export("observations", "csv", analyst))
    data = hxl.data(str(path), hxl.InputOptions(allow_local=True))
    tags = [column.display_tag for column in data.columns]
    assert "#indicator+code" in tags and "#indicator+num" in tags and "#loc+code" in tags and "#date" in tags
    rows = list(data)
    assert len(rows) == 5
    values = sorted(float(row.get("#indicator+num")) for row in rows)
    assert values == [700, 2500, 48000, 51000, 53000]
    assert {row.get("#loc+code") for row in rows} == {"stepanakert", "lachin"}


def test_csv_export_respects_access(seeded, partner, tmp_path):
    path = tmp_path / "observations.csv"
    path.write_bytes(export("observations", "csv", partner))
    rows = list(hxl.data(str(path), hxl.InputOptions(allow_local=True)))
    assert len(rows) == 4 and "700" not in {row.get("#indicator+num") for row in rows}


@pytest.mark.parametrize("kind", ["places", "events", "observations"])
def test_geojson_exports_are_valid_geojson(seeded, analyst, kind):
    document = json.loads(export(kind, "geojson", analyst))
    jsonschema.validate(document, FEATURE_COLLECTION)
    assert document["features"]


def test_places_geojson_carries_the_latest_figures_and_every_name(seeded, analyst):
    document = json.loads(export("places", "geojson", analyst))
    stepanakert = next(f for f in document["features"] if f["id"] == "stepanakert")
    assert stepanakert["geometry"]["type"] == "Point"
    assert stepanakert["properties"]["latest"]["people.returned"]["value"] in (51000, 53000)
    assert set(stepanakert["properties"]["names"]) >= {"en", "hy", "ru", "az"}


def test_events_geojson_places_the_incident(seeded, analyst):
    document = json.loads(export("events", "geojson", analyst))
    feature = document["features"][0]
    assert feature["properties"]["places"] == ["martuni"] and feature["geometry"]["type"] == "Point"


def test_xlsx_export_has_headers_hashtags_and_rows(seeded, analyst):
    workbook = load_workbook(io.BytesIO(export("observations", "xlsx", analyst)), read_only=True)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert rows[0][:3] == ("id", "date", "indicator") and rows[1][2] == "#indicator+code"
    assert len(rows) == 2 + 5


def test_json_export_is_a_list_of_objects(seeded, analyst):
    items = json.loads(export("events", "json", analyst))
    assert items[0]["title"] == "Shooting near Martuni" and items[0]["injured_military"] == 1


def test_export_as_of_gives_the_values_as_reported_then(seeded, analyst):
    from django.utils import timezone

    from sitroom.exchange.writes import record_change

    moment = timezone.now()
    obs = seeded["observations"]["displaced"]
    record_change(kind=KINDS["observations"], record=obs, user=analyst, fields={"value": 4000})
    then = json.loads(export("observations", "json", analyst, as_of=moment))
    now = json.loads(export("observations", "json", analyst))
    assert next(i["value"] for i in then if i["id"] == obs.pk) == 2500
    assert next(i["value"] for i in now if i["id"] == obs.pk) == 4000


def test_api_export_endpoint_streams_csv(seeded, analyst):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=analyst).key}")
    response = client.get("/api/export/observations/?format=csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert body.splitlines()[1].startswith("#")
    assert response["Content-Disposition"].startswith("attachment")
