"""Writes to reference data. `reference_load` brings the shipped data files into the database."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.db import transaction

from sitroom.errors import InputError

from .models import Indicator, Organization, Place, PlaceName

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass
class LoadSummary:
    places: int = 0
    place_names: int = 0
    organizations: int = 0
    indicators: int = 0


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"{path}: reference data file is missing") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from exc


@cache
def gazetteer_entries(path: str | None = None) -> tuple[dict[str, Any], ...]:
    return tuple(_read_json(Path(path) if path else DATA_DIR / "gazetteer.json"))


def normalize_name(name: str) -> str:
    """How place names are compared: case- and space-insensitive, ё as е."""
    return " ".join(name.casefold().replace("ё", "е").split())


@transaction.atomic
def reference_load(*, data_dir: Path | None = None) -> LoadSummary:
    """Create or update places, their name variants, organisations and indicators from the data files.
    Idempotent: running it again changes nothing that is already as the files say."""
    base = data_dir or DATA_DIR
    summary = LoadSummary()

    for row in _read_json(base / "indicators.json"):
        Indicator.objects.update_or_create(
            code=row["code"],
            defaults={"name": row["name"], "unit": row["unit"], "hxl": row["hxl"], "cumulative": row.get("cumulative", False)},
        )
        summary.indicators += 1

    entries = _read_json(base / "gazetteer.json")
    by_key: dict[str, Place] = {}
    for row in entries:
        names = row.get("names") or {}
        display = (names.get("en") or [row["id"]])[0]
        place, _ = Place.objects.update_or_create(
            key=row["id"],
            defaults={"name": display, "kind": row.get("kind", "other"), "lat": row.get("lat"), "lon": row.get("lon"), "names": names},
        )
        by_key[place.key] = place
        wanted = {(normalize_name(v), lang): v for lang, variants in names.items() for v in variants}
        existing = {(pn.normalized, pn.language): pn for pn in place.variants.all()}
        for key, variant in wanted.items():
            if key not in existing:
                PlaceName.objects.create(place=place, name=variant, normalized=key[0], language=key[1])
        for key, pn in existing.items():
            if key not in wanted:
                pn.delete()
        summary.places += 1
        summary.place_names += len(wanted)
    for row in entries:
        parent_key = row.get("parent")
        if parent_key and parent_key not in by_key:
            raise InputError(f"gazetteer: place {row['id']!r} names an unknown parent {parent_key!r}")
        place = by_key[row["id"]]
        parent = by_key.get(parent_key) if parent_key else None
        if place.parent_id != (parent.pk if parent else None):
            place.parent = parent
            place.save(update_fields=["parent"])

    orgs = _read_json(base / "organizations.json")
    org_by_key: dict[str, Organization] = {}
    for row in orgs:
        org, _ = Organization.objects.update_or_create(
            key=row["key"],
            defaults={
                "name": row["name"],
                "short_name": row.get("short_name", ""),
                "kind": row.get("kind", "other"),
                "access_group": row.get("access_group", "public"),
                "country": row.get("country", ""),
                "aliases": row.get("aliases", []),
            },
        )
        org_by_key[org.key] = org
        summary.organizations += 1
    for row in orgs:
        if row.get("parent"):
            if row["parent"] not in org_by_key:
                raise InputError(f"organizations: {row['key']!r} names an unknown parent {row['parent']!r}")
            org = org_by_key[row["key"]]
            if org.parent_id != org_by_key[row["parent"]].pk:
                org.parent = org_by_key[row["parent"]]
                org.save(update_fields=["parent"])
    return summary
