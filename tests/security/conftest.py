"""Fixtures of the security tests: one security world per test module (built once inside a transaction
that is rolled back when the module ends), clients per role and organisation, and a snapshot of every
stored row to prove that refused input changed nothing."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client

from .world import World, build_world

SNAPSHOT_APPS = ("accounts", "reference", "evidence", "operations", "authtoken")


@pytest.fixture(scope="module")
def security_world(django_db_setup, django_db_blocker) -> Iterator[World]:
    """Built once per module; each test runs in a savepoint inside this outer transaction."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def world(security_world, db) -> World:
    return security_world


@pytest.fixture
def client_for(world) -> callable:
    """client_for("viewer", "partner") -> a logged-in test client; client_for(None) -> anonymous."""
    cache: dict = {}

    def make(role: str | None, group: str = "operation", **client_kwargs) -> Client:
        key = (role, group, tuple(sorted(client_kwargs.items())))
        if key not in cache:
            client = Client(**client_kwargs)
            if role is not None:
                client.force_login(world.user(role, group))
            cache[key] = client
        return cache[key]

    return make


def _model_rows(model) -> dict:
    fields = [f.attname for f in model._meta.concrete_fields]
    rows = {}
    for values in model._default_manager.all().order_by("pk").values_list(*fields).iterator():
        rows[values[0]] = hashlib.sha256(repr(values).encode()).hexdigest()
    return rows


def snapshot() -> dict[str, dict]:
    """Every stored row of sitroom's tables (history tables included), as pk -> checksum per model."""
    found = {}
    for label in SNAPSHOT_APPS:
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        for model in config.get_models():
            found[model._meta.label] = _model_rows(model)
    return found


def changes(before: dict[str, dict], after: dict[str, dict], *, allow_new: bool) -> list[str]:
    """What changed between two snapshots: lost or altered rows always count; new rows unless allowed."""
    problems = []
    for label, rows in before.items():
        now = after.get(label, {})
        lost = set(rows) - set(now)
        altered = [pk for pk in rows if pk in now and now[pk] != rows[pk]]
        added = set(now) - set(rows)
        if lost:
            problems.append(f"{label}: rows lost {sorted(lost)[:5]}")
        if altered:
            problems.append(f"{label}: rows changed {altered[:5]}")
        if added and not allow_new:
            problems.append(f"{label}: {len(added)} row(s) added")
    return problems
