"""Exports of a kind's records as the user may see them: CSV with an HXL hashtag row, XLSX, GeoJSON,
JSON. Every format streams: rows are read with values_list().iterator() in chunks and written as they
come, so memory stays flat however many records there are."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from django.db import connections, models
from django.db.models import QuerySet

from sitroom.errors import InputError

from .kinds import Kind
from .selectors import records_for

FORMATS = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           "geojson": "application/geo+json", "json": "application/json"}
CHUNK = 5000


def _cell(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _field_at(model: type[models.Model], path: str) -> models.Field:
    *links, last = path.split("__")
    for name in links:
        model = model._meta.get_field(name).related_model
    return model._meta.get_field(last)


def export_rows(kind: Kind, queryset: QuerySet) -> Iterator[tuple]:
    """The kind's export columns, one tuple per record, read in chunks through a chunked (server-side
    on PostgreSQL) cursor. The SQL is the queryset's own (access rule and filters included); rows skip
    the ORM's per-value converters, which cost more than the query itself at a million rows; only
    booleans are normalised (SQLite stores them as 0/1). In primary-key order: the database walks its
    index instead of sorting every row first (which would hold them all at once)."""
    paths = [c.path for c in kind.columns]
    qs = queryset.order_by("id").values_list(*paths)
    bools = [i for i, p in enumerate(paths) if isinstance(_field_at(qs.model, p), models.BooleanField)]
    sql, params = qs.query.get_compiler(qs.db).as_sql()
    with connections[qs.db].chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while True:
            rows = cursor.fetchmany(CHUNK)
            if not rows:
                break
            if bools:
                for row in rows:
                    row = list(row)
                    for i in bools:
                        row[i] = None if row[i] is None else bool(row[i])
                    yield tuple(row)
            else:
                yield from rows


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_chunks(kind: Kind, rows: Iterable[tuple], *, batch: int = 1000) -> Iterator[str]:
    """CSV text: a header row, the HXL hashtag row, then the records, yielded a batch of lines at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.header for c in kind.columns])
    writer.writerow([c.hxl for c in kind.columns])
    pending = 0
    for row in rows:
        writer.writerow(row)  # None is written as an empty cell; dates and times in ISO form
        pending += 1
        if pending >= batch:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            pending = 0
    yield buffer.getvalue()


def write_xlsx(kind: Kind, rows: Iterable[tuple], out: BinaryIO) -> None:
    """XLSX through openpyxl's write-only mode (rows go to a temporary file, not memory)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=kind.name[:31])
    sheet.append([c.header for c in kind.columns])
    sheet.append([c.hxl for c in kind.columns])
    for row in rows:
        sheet.append([_cell(v) for v in row])
    workbook.save(out)


def json_chunks(kind: Kind, rows: Iterable[tuple], *, batch: int = 1000) -> Iterator[str]:
    """A JSON array of objects keyed by the column headers."""
    headers = [c.header for c in kind.columns]
    yield "["
    first, parts = True, []
    for row in rows:
        text = json.dumps(dict(zip(headers, (_cell(v) for v in row), strict=True)), ensure_ascii=False)
        parts.append(text if first else "," + text)
        first = False
        if len(parts) >= batch:
            yield "\n".join(parts)
            parts = []
    if parts:
        yield "\n".join(parts)
    yield "]\n"


def _feature_collection(features: Iterable[dict]) -> Iterator[str]:
    yield '{"type": "FeatureCollection", "features": ['
    first = True
    for feature in features:
        yield ("" if first else ",\n") + json.dumps(feature, ensure_ascii=False)
        first = False
    yield "]}\n"


def _point(lon: Any, lat: Any) -> dict | None:
    if lon is None or lat is None:
        return None
    return {"type": "Point", "coordinates": [float(lon), float(lat)]}


def geojson_chunks(kind: Kind, user: Any, *, as_of: dt.datetime | None = None, **filters: Any) -> Iterator[str]:
    """GeoJSON: places with their latest indicator values, events at their places, or any kind with a
    place (its point) or coordinates."""
    if kind.name == "places":
        yield from _feature_collection(_place_features(user, as_of=as_of, **filters))
    elif kind.name == "events":
        yield from _feature_collection(_event_features(kind, user, as_of=as_of, **filters))
    else:
        yield from _feature_collection(_generic_features(kind, user, as_of=as_of, **filters))


def _place_features(user: Any, *, as_of: dt.datetime | None = None, **filters: Any) -> Iterator[dict]:
    from .kinds import KINDS

    places = records_for(KINDS["places"], user, as_of=as_of)
    latest: dict[int, dict[str, dict]] = {}
    observations = records_for(KINDS["observations"], user, as_of=as_of, date_from=filters.get("date_from"),
                               date_to=filters.get("date_to")).filter(place__isnull=False).order_by("place_id", "indicator__code", "date", "id")
    for place_id, code, value, date, outlet in observations.values_list(
            "place_id", "indicator__code", "value", "date", "source__outlet").iterator(chunk_size=CHUNK):
        # Ordered by date: the last one written per indicator is the latest.
        latest.setdefault(place_id, {})[code] = {"value": _cell(value), "date": _cell(date), "source": outlet or ""}
    for pk, key, name, kind, lat, lon, geometry, names in places.values_list(
            "id", "key", "name", "kind", "lat", "lon", "geometry", "names").iterator(chunk_size=CHUNK):
        shape = geometry if isinstance(geometry, dict) and geometry.get("type") else _point(lon, lat)
        yield {"type": "Feature", "id": key, "geometry": shape,
               "properties": {"key": key, "name": name, "kind": kind, "names": names or {}, "latest": latest.get(pk, {})}}


def _event_features(kind: Kind, user: Any, **filters: Any) -> Iterator[dict]:
    qs = records_for(kind, user, **filters)
    rows = qs.values_list("id", "date", "kind", "incident_kind", "title", "verification", "killed_civilian",
                          "killed_military", "killed_peacekeeper", "injured_civilian", "injured_military",
                          "injured_peacekeeper", "source_id")
    places: dict[int, list[tuple]] = {}
    if filters.get("as_of") is None:
        from sitroom.operations.models import Event

        through = Event.places.through.objects.filter(event_id__in=qs.values("id"))
        for event_id, lon, lat, key in through.values_list("event_id", "place__lon", "place__lat", "place__key"):
            places.setdefault(event_id, []).append((lon, lat, key))
    for row in rows.iterator(chunk_size=CHUNK):
        points = [p for p in places.get(row[0], []) if p[0] is not None and p[1] is not None]
        if len(points) == 1:
            geometry = _point(points[0][0], points[0][1])
        elif points:
            geometry = {"type": "MultiPoint", "coordinates": [[float(p[0]), float(p[1])] for p in points]}
        else:
            geometry = None
        keys = ("date", "kind", "incident_kind", "title", "verification", "killed_civilian", "killed_military",
                "killed_peacekeeper", "injured_civilian", "injured_military", "injured_peacekeeper", "source_id")
        props = dict(zip(keys, (_cell(v) for v in row[1:]), strict=True))
        props["places"] = [p[2] for p in places.get(row[0], [])]
        yield {"type": "Feature", "id": row[0], "geometry": geometry, "properties": props}


def _generic_features(kind: Kind, user: Any, **filters: Any) -> Iterator[dict]:
    names = {f.name for f in kind.model._meta.concrete_fields}
    if {"lat", "lon"} <= names:
        coords = ("lon", "lat")
    elif "place" in names:
        coords = ("place__lon", "place__lat")
    else:
        raise InputError(f"{kind.name} have no location: export them as csv, xlsx or json", field="format")
    headers = [c.header for c in kind.columns]
    qs = records_for(kind, user, **filters)
    for row in qs.values_list(*coords, *[c.path for c in kind.columns]).iterator(chunk_size=CHUNK):
        props = dict(zip(headers, (_cell(v) for v in row[2:]), strict=True))
        yield {"type": "Feature", "id": props.get("id"), "geometry": _point(row[0], row[1]), "properties": props}


def export_stream(kind: Kind, user: Any, fmt: str, *, as_of: dt.datetime | None = None, **filters: Any) -> Iterator[str]:
    """Text formats (csv, json, geojson) as an iterator of strings, for a streaming response or a file."""
    if fmt == "geojson":
        return geojson_chunks(kind, user, as_of=as_of, **filters)
    qs = records_for(kind, user, as_of=as_of, **filters)
    if fmt == "csv":
        return csv_chunks(kind, export_rows(kind, qs))
    if fmt == "json":
        return json_chunks(kind, export_rows(kind, qs))
    raise InputError(f"format: {fmt!r} is not a text format; choose csv, json or geojson", field="format")


def export_to_file(kind: Kind, user: Any, fmt: str, out: BinaryIO, *, as_of: dt.datetime | None = None, **filters: Any) -> None:
    """Write an export into a binary file object."""
    if fmt not in FORMATS:
        raise InputError(f"format: {fmt!r} is not one of {', '.join(FORMATS)}", field="format")
    if fmt == "xlsx":
        write_xlsx(kind, export_rows(kind, records_for(kind, user, as_of=as_of, **filters)), out)
        return
    for chunk in export_stream(kind, user, fmt, as_of=as_of, **filters):
        out.write(chunk.encode("utf-8"))


def export_filename(kind: Kind, fmt: str, *, as_of: dt.datetime | None = None) -> str:
    stamp = (as_of or dt.datetime.now(dt.UTC)).strftime("%Y%m%d")
    return f"sitroom-{kind.name}-{stamp}.{fmt}"
