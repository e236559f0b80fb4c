"""Bulk import of places, organisations, observations, events, consignments and activities from CSV or
XLSX. All rows are checked by the same services as a form entry; in one transaction. With any invalid
row nothing is written (unless skip_invalid), and a dry run writes nothing at all but lists every
row-level error: "row 7, field 'value': cannot be negative"."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction

from sitroom.core.records import Sensitivity
from sitroom.errors import InputError, SitroomError

from .kinds import KINDS, Kind
from .selectors import organization_resolve, parse_day, place_resolve
from .writes import record_create, require_write

IMPORTABLE = ("places", "organisations", "observations", "events", "consignments", "activities")
MAX_ROWS = 200_000


@dataclass
class RowError:
    row: int
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}, field '{self.field}'" if self.field else f"row {self.row}"
        return f"{where}: {self.message}"


@dataclass
class ImportReport:
    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    skipped: int = 0
    dry_run: bool = False
    written: bool = False
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        if self.dry_run:
            verdict = "dry run: nothing written"
        elif self.written:
            verdict = "written"
        else:
            verdict = "nothing written"
        return (f"{self.kind}: {self.rows} rows, {self.created} to create, {self.updated} to update, "
                f"{len(self.errors)} invalid, {self.skipped} skipped; {verdict}")


class RowProblem(Exception):
    def __init__(self, field: str | None, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


# ---- reading files -------------------------------------------------------------------------------

def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1251", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError("the file is not text in a known encoding")  # pragma: no cover - latin-1 decodes anything


def read_table(data: bytes, filename: str) -> Iterator[tuple[int, list[Any]]]:
    """(spreadsheet row number, cells) for every non-empty row of a CSV or XLSX file."""
    name = filename.lower()
    if name.endswith((".xlsx", ".xlsm")) or data[:2] == b"PK":
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds of errors for broken files
            raise InputError(f"{filename}: not a readable XLSX workbook ({exc})", field="file") from exc
        sheet = workbook.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = ["" if v is None else v for v in row]
            if any(str(c).strip() for c in cells):
                yield number, cells
        workbook.close()
        return
    text = _decode(data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    for number, cells in enumerate(csv.reader(io.StringIO(text, newline=""), dialect), start=1):
        if any(c.strip() for c in cells):
            yield number, cells


# ---- cell parsers --------------------------------------------------------------------------------

def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _number(value: Any, name: str, *, required: bool = False, integer: bool = False) -> float | int | None:
    text = _text(value).replace("\u00a0", "").replace(" ", "")
    if not text:
        if required:
            raise RowProblem(name, "is required")
        return None
    try:
        number = float(text.replace(",", "")) if text.count(",") and "." in text else float(text.replace(",", "."))
    except ValueError:
        raise RowProblem(name, f"{text!r} is not a number") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise RowProblem(name, f"{text!r} is not a finite number")
    if integer:
        if not number.is_integer():
            raise RowProblem(name, f"{text!r} is not a whole number")
        return int(number)
    return number


def _looked_up(value: Any, name: str, *, required: bool, find: Callable[[str], Any], missing: str) -> Any:
    """A cell that names something (a day, a place, an organisation): None when empty (a problem when
    required), else what `find` makes of its text; `missing` says why nothing was found ({text} is the
    quoted text)."""
    text = _text(value)
    if not text:
        if required:
            raise RowProblem(name, "is required")
        return None
    try:
        return find(text)
    except InputError:
        raise RowProblem(name, missing.format(text=repr(text))) from None


def _date(value: Any, name: str, *, required: bool = False) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return _looked_up(value, name, required=required, find=lambda text: parse_day(text[:10], field=name),
                      missing="{text} is not a date (YYYY-MM-DD)")


def _place(value: Any, name: str, *, required: bool = False) -> Any:
    return _looked_up(value, name, required=required, find=place_resolve, missing="no place called {text} in the gazetteer")


def _org(value: Any, name: str, *, required: bool = False) -> Any:
    return _looked_up(value, name, required=required, find=organization_resolve, missing="no organisation called {text}")


def _required_text(value: Any, name: str) -> str:
    text = _text(value)
    if not text:
        raise RowProblem(name, "is required")
    return text


def _choice(value: Any, name: str, choices: list[str], default: str | None = None) -> str:
    text = _text(value).lower().replace(" ", "_")
    if not text:
        if default is None:
            raise RowProblem(name, "is required")
        return default
    if text not in choices:
        raise RowProblem(name, f"{_text(value)!r} is not one of {', '.join(choices)}")
    return text


def _common(row: dict[str, Any]) -> dict[str, Any]:
    out = {}
    if _text(row.get("sensitivity")):
        out["sensitivity"] = _choice(row["sensitivity"], "sensitivity", list(Sensitivity.values))
    return out


# ---- one parser per kind: a row (header -> cell) to field values --------------------------------

def _observation(row: dict[str, Any]) -> tuple[dict, dict]:
    from sitroom.reference.models import Indicator

    code = _required_text(row.get("indicator"), "indicator")
    indicator = Indicator.objects.filter(code=code).first()
    if indicator is None:
        raise RowProblem("indicator", f"{code!r} is not in the indicator catalogue")
    value = _number(row.get("value"), "value", required=True)
    data = {"indicator": indicator, "value": value, "date": _date(row.get("date"), "date", required=True),
            "place": _place(row.get("place"), "place"), "organization": _org(row.get("organisation") or row.get("organization"), "organisation"),
            "qualifier": _text(row.get("qualifier")), "unit": _text(row.get("unit")) or indicator.unit,
            "what": _text(row.get("what")), "note": _text(row.get("note")),
            "verification": _choice(row.get("verification"), "verification", ["verified", "proposed"], "verified"), **_common(row)}
    return data, {}


def _event(row: dict[str, Any]) -> tuple[dict, dict]:
    from sitroom.operations.models import EventKind

    data = {"kind": _choice(row.get("kind"), "kind", list(EventKind.values)),
            "title": _required_text(row.get("title"), "title"),
            "date": _date(row.get("date"), "date"), "description": _text(row.get("description")),
            "incident_kind": _text(row.get("incident_kind")), "reported_by": _org(row.get("reported_by"), "reported_by"),
            **_common(row)}
    for group in ("killed", "injured"):
        for who in ("civilian", "military", "peacekeeper"):
            name = f"{group}_{who}"
            number = _number(row.get(name), name, integer=True)
            if number is not None:
                if number < 0:
                    raise RowProblem(name, "cannot be negative")
                data[name] = number
    places = [_place(p, "places") for p in _text(row.get("places") or row.get("place")).split(";") if p.strip()]
    return data, {"places": places}


def _consignment(row: dict[str, Any]) -> tuple[dict, dict]:
    from sitroom.operations.models import ConsignmentStatus, Sector

    data = {"reference": _text(row.get("reference")), "donor": _org(row.get("donor"), "donor", required=True),
            "origin": _place(row.get("origin"), "origin"), "destination": _place(row.get("destination"), "destination", required=True),
            "convoy": _text(row.get("convoy")), "escort": _org(row.get("escort"), "escort"),
            "sector": _choice(row.get("sector"), "sector", list(Sector.values), "other"),
            "status": _choice(row.get("status"), "status", list(ConsignmentStatus.values), "planned"),
            "planned_on": _date(row.get("planned_on"), "planned_on"), "dispatched_on": _date(row.get("dispatched_on"), "dispatched_on"),
            "delivered_on": _date(row.get("delivered_on"), "delivered_on"), "note": _text(row.get("note")), **_common(row)}
    item = None
    if _text(row.get("item_kind")):
        quantity = _number(row.get("quantity"), "quantity", required=True)
        if quantity < 0:
            raise RowProblem("quantity", "cannot be negative")
        weight = _number(row.get("weight_tons"), "weight_tons")
        if weight is not None and weight < 0:
            raise RowProblem("weight_tons", "cannot be negative")
        item = {"kind": _text(row["item_kind"]), "quantity": quantity, "unit": _text(row.get("item_unit")) or "pieces",
                "weight_tons": weight}
    return data, {"_item": item}


def _activity(row: dict[str, Any]) -> tuple[dict, dict]:
    from sitroom.operations.models import ActivityStatus, Sector

    start, end = _date(row.get("start"), "start"), _date(row.get("end"), "end")
    if start and end and end < start:
        raise RowProblem("end", f"{end} is before the start {start}")
    progress = _number(row.get("progress"), "progress")
    if progress is not None and progress < 0:
        raise RowProblem("progress", "cannot be negative")
    data = {"title": _required_text(row.get("title"), "title"),
            "organization": _org(row.get("organisation") or row.get("organization"), "organisation", required=True),
            "sector": _choice(row.get("sector"), "sector", list(Sector.values)), "place": _place(row.get("place"), "place"),
            "start": start, "end": end, "status": _choice(row.get("status"), "status", list(ActivityStatus.values), "planned"),
            "progress_value": progress, "target_value": _number(row.get("target"), "target"),
            "progress_unit": _text(row.get("unit")), "description": _text(row.get("description")), **_common(row)}
    return data, {}


def _place_row(row: dict[str, Any]) -> tuple[dict, dict]:
    from sitroom.reference.models import PlaceKind

    lat, lon = _number(row.get("lat"), "lat"), _number(row.get("lon"), "lon")
    if lat is not None and not -90 <= lat <= 90:
        raise RowProblem("lat", f"{lat:g} is not a latitude (-90 to 90)")
    if lon is not None and not -180 <= lon <= 180:
        raise RowProblem("lon", f"{lon:g} is not a longitude (-180 to 180)")
    names = {lang: [v.strip() for v in _text(row.get(f"name_{lang}")).split(";") if v.strip()] for lang in ("en", "hy", "ru", "az")}
    data = {"key": _required_text(row.get("key"), "key"), "name": _required_text(row.get("name"), "name"),
            "kind": _choice(row.get("kind"), "kind", list(PlaceKind.values), "other"),
            "parent": _place(row.get("parent"), "parent"), "lat": lat, "lon": lon,
            "names": {k: v for k, v in names.items() if v}}
    return data, {}


def _organisation_row(row: dict[str, Any]) -> tuple[dict, dict]:
    from sitroom.reference.models import AccessGroup, OrganizationKind

    data = {"key": _required_text(row.get("key"), "key"), "name": _required_text(row.get("name"), "name"),
            "short_name": _text(row.get("short_name")), "country": _text(row.get("country")),
            "kind": _choice(row.get("kind"), "kind", list(OrganizationKind.values), "other"),
            "access_group": _choice(row.get("access_group"), "access_group", list(AccessGroup.values), "public"),
            "parent": _org(row.get("parent"), "parent")}
    return data, {}


PARSERS: dict[str, tuple[Callable[[dict], tuple[dict, dict]], set[str]]] = {
    "observations": (_observation, {"indicator", "value", "date"}),
    "events": (_event, {"kind", "title"}),
    "consignments": (_consignment, {"donor", "destination"}),
    "activities": (_activity, {"title", "organisation", "sector"}),
    "places": (_place_row, {"key", "name"}),
    "organisations": (_organisation_row, {"key", "name"}),
}


def _header_name(cell: Any) -> str:
    name = _text(cell).lower().replace(" ", "_")
    return {"organization": "organisation", "place_key": "place", "indicator_code": "indicator"}.get(name, name)


def _save(kind: Kind, user: Any, data: dict, extra: dict, report: ImportReport) -> None:
    if kind.reference:
        model = kind.model
        existing = model.objects.filter(key=data["key"]).first()
        if existing is not None:
            from .writes import record_change

            record_change(kind=kind, record=existing, user=user, fields={k: v for k, v in data.items() if k != "key"})
            report.updated += 1
            return
    item = extra.pop("_item", None)
    if item is not None:
        data = {**data, "items": [item]}  # consignment_create checks and saves the manifest
    record_create(kind=kind, user=user, data=data, many={k: v for k, v in extra.items() if v})
    report.created += 1


def import_rows(*, kind_name: str, data: bytes, filename: str, user: Any, dry_run: bool = False,
                skip_invalid: bool = False) -> ImportReport:
    """Check every row, then write them all in one transaction (or nothing; see the module doc)."""
    kind = KINDS.get(kind_name.replace("_", "-")) or KINDS.get({"organizations": "organisations"}.get(kind_name, ""))
    if kind is None or kind.name not in IMPORTABLE:
        raise InputError(f"cannot import {kind_name!r}: choose one of {', '.join(IMPORTABLE)}", field="kind")
    require_write(kind, user, f"Importing {kind.label}")
    parser, required = PARSERS[kind.name]
    limit_mb = settings.MAX_UPLOAD_MB
    if len(data) > limit_mb * 1024 * 1024:
        raise InputError(f"{filename}: the file is {len(data) / 1024 / 1024:.1f} MB; the limit is {limit_mb} MB "
                         "(SITROOM_MAX_UPLOAD_MB)", field="file")
    report = ImportReport(kind=kind.name, dry_run=dry_run)
    rows = read_table(data, filename)
    try:
        _, header_cells = next(rows)
    except StopIteration:
        raise InputError(f"{filename}: the file has no rows", field="file") from None
    headers = [_header_name(c) for c in header_cells]
    missing = sorted(required - set(headers))
    if missing:
        raise InputError(f"{filename}: missing column(s) {', '.join(missing)}; the header row has {', '.join(h for h in headers if h) or 'nothing'}", field="file")
    with transaction.atomic():
        for number, cells in rows:
            if all(_text(c).startswith("#") or not _text(c) for c in cells):
                continue  # an HXL hashtag row
            report.rows += 1
            if report.rows > MAX_ROWS:
                raise InputError(f"{filename}: more than {MAX_ROWS} rows; split the file", field="file")
            row = {h: c for h, c in zip(headers, cells, strict=False) if h}
            try:
                values, extra = parser(row)
                with transaction.atomic():
                    _save(kind, user, values, extra, report)
            except RowProblem as problem:
                report.errors.append(RowError(number, problem.field, problem.message))
            except SitroomError as exc:
                message = exc.message
                if exc.field and message.startswith(f"{exc.field}: "):
                    message = message[len(exc.field) + 2:]
                elif exc.field and message.startswith(f"{exc.field} "):
                    message = message[len(exc.field) + 1:]
                report.errors.append(RowError(number, exc.field, message))
        if report.errors and skip_invalid:
            report.skipped = len(report.errors)
        if dry_run or (report.errors and not skip_invalid) or report.rows == 0:
            transaction.set_rollback(True)
            if not dry_run and report.errors:
                report.created = report.updated = 0
        else:
            report.written = True
    if report.rows == 0:
        report.warnings.append("the file has a header but no data rows")
    return report
