"""Fixtures for the workflow services: the shipped places, organisations and indicators (bulk-loaded from
the data files for speed; `reference_load` itself is tested in tests/reference) and one user per kind of
organisation (shipped_users)."""

from __future__ import annotations

import json

import pytest

from shipped_users import analyst, partner, party_am, party_az, viewer  # noqa: F401
from sitroom.errors import ValidationError
from sitroom.reference.models import Indicator, Organization, Place
from sitroom.reference.services import DATA_DIR


def _load_reference() -> None:
    places = json.loads((DATA_DIR / "gazetteer.json").read_text(encoding="utf-8"))
    created = Place.objects.bulk_create(
        [
            Place(key=r["id"], name=(r.get("names", {}).get("en") or [r["id"]])[0], kind=r.get("kind", "other"),
                  lat=r.get("lat"), lon=r.get("lon"), names=r.get("names", {}))
            for r in places
        ]
    )
    by_key = {p.key: p for p in created}
    for row, place in zip(places, created, strict=True):
        place.parent = by_key.get(row.get("parent"))
    Place.objects.bulk_update(created, ["parent"])
    orgs = json.loads((DATA_DIR / "organizations.json").read_text(encoding="utf-8"))
    Organization.objects.bulk_create(
        [
            Organization(key=r["key"], name=r["name"], short_name=r.get("short_name", ""), kind=r.get("kind", "other"),
                         access_group=r.get("access_group", "public"))
            for r in orgs
        ]
    )
    indicators = json.loads((DATA_DIR / "indicators.json").read_text(encoding="utf-8"))
    Indicator.objects.bulk_create([Indicator(**r) for r in indicators])


@pytest.fixture
def reference(db):
    _load_reference()


@pytest.fixture
def place(reference):
    return lambda key: Place.objects.get(key=key)


@pytest.fixture
def org(reference):
    return lambda key: Organization.objects.get(key=key)


@pytest.fixture
def stored():
    """What the database holds for a record (its field values, its number of history rows): equal before
    and after a refused change when nothing was stored."""

    def read(record) -> tuple[dict, int]:
        fresh = type(record)._default_manager.get(pk=record.pk)
        return {f.attname: getattr(fresh, f.attname) for f in fresh._meta.concrete_fields}, fresh.history.count()

    return read


@pytest.fixture
def refused(stored):
    """refused(record, service, **arguments): the service raises a ValidationError (returned) and what the
    database holds for `record` is as it was."""

    def call(record, service, **arguments) -> ValidationError:
        before = stored(record)
        with pytest.raises(ValidationError) as err:
            service(**arguments)
        assert stored(record) == before
        return err.value

    return call
