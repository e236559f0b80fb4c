"""Backup and restore of everything sitroom holds: records, sources (their original bytes, base64),
claims, users, tokens and every history entry. The file is gzip-compressed JSON lines: a header line,
then one object per line in Django's serialisation, models in dependency order, primary keys kept and
content types by natural key, so a backup taken on SQLite restores on PostgreSQL and back unchanged.
Restore goes into an empty database only; memory stays flat (objects are read and written in batches)."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder

from sitroom.errors import InputError

FORMAT = "sitroom-backup"
VERSION = 1
BATCH = 1000
# Made by `migrate` (content types, permissions) or transient (sessions, login-throttle logs): not data.
SKIPPED = {"contenttypes.contenttype", "auth.permission", "sessions.session", "axes.accessattempt",
           "axes.accesslog", "axes.accessfailurelog"}


@dataclass
class BackupSummary:
    path: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def backup_models() -> list[type[models.Model]]:
    """Every model holding data, parents before the models that point at them."""
    app_list = {cfg: None for cfg in apps.get_app_configs() if cfg.models_module is not None}
    ordered = serializers.sort_dependencies(app_list.items(), allow_cycles=True)
    return [m for m in ordered if m._meta.label_lower not in SKIPPED and not m._meta.proxy and m._meta.managed]


def _open(path: Path, mode: str) -> IO[str]:
    if path.suffix == ".gz" or mode.startswith("w"):
        return gzip.open(path, mode + "t", encoding="utf-8") if path.suffix == ".gz" else open(path, mode, encoding="utf-8")
    with open(path, "rb") as probe:
        magic = probe.read(2)
    if magic == b"\x1f\x8b":
        return gzip.open(path, mode + "t", encoding="utf-8")
    return open(path, mode, encoding="utf-8")


def _migration_state() -> dict[str, list[str]]:
    state: dict[str, list[str]] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        state.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(state.items())}


def database_backup(path: str | Path) -> BackupSummary:
    """Write every record of the database to `path` (gzip if it ends in .gz)."""
    path = Path(path)
    chosen = backup_models()
    outermost = not connection.in_atomic_block
    with transaction.atomic():  # one consistent snapshot
        if outermost and connection.vendor == "postgresql":
            # READ COMMITTED would let rows committed by writers during the backup into later tables (a claim
            # whose source was read before it existed); REPEATABLE READ reads every table as of one moment.
            # (SQLite: the IMMEDIATE transaction holds the write lock, so writers wait for the backup.)
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        counts = {m._meta.label_lower: m._base_manager.count() for m in chosen}
        header = {"format": FORMAT, "version": VERSION, "created": dt.datetime.now(dt.UTC).isoformat(),
                  "database": connection.vendor, "migrations": _migration_state(), "counts": counts}
        with _open(path, "w") as out:
            out.write(json.dumps(header) + "\n")
            for model in chosen:
                if not counts[model._meta.label_lower]:
                    continue
                qs = model._base_manager.order_by(model._meta.pk.name)
                batch: list[models.Model] = []
                for obj in qs.iterator(chunk_size=BATCH):
                    batch.append(obj)
                    if len(batch) >= BATCH:
                        _write_batch(out, batch)
                        batch = []
                if batch:
                    _write_batch(out, batch)
    return BackupSummary(str(path), {k: v for k, v in counts.items() if v})


class _FullPrecisionEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a backup keeps the microseconds."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


def _write_batch(out: IO[str], batch: list[models.Model]) -> None:
    for item in serializers.serialize("python", batch, use_natural_foreign_keys=True):
        out.write(json.dumps(item, cls=_FullPrecisionEncoder, ensure_ascii=False) + "\n")


def database_counts() -> dict[str, int]:
    return {m._meta.label_lower: m._base_manager.count() for m in backup_models()}


def _read(path: Path) -> tuple[dict[str, Any], Iterator[dict[str, Any]]]:
    if not path.exists():
        raise InputError(f"{path}: no such file", field="file")
    handle = _open(path, "r")
    try:
        header = json.loads(handle.readline() or "null")
    except (json.JSONDecodeError, OSError, EOFError) as exc:
        handle.close()
        raise InputError(f"{path}: not a sitroom backup ({exc})", field="file") from exc
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        handle.close()
        raise InputError(f"{path}: not a sitroom backup (no sitroom header)", field="file")
    if header.get("version") != VERSION:
        handle.close()
        raise InputError(f"{path}: backup format version {header.get('version')} is not supported (expected {VERSION})", field="file")

    def objects() -> Iterator[dict[str, Any]]:
        with handle:
            for number, line in enumerate(handle, start=2):
                if not line.strip():
                    continue
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path}: line {number} is damaged ({exc.msg}); nothing was restored", field="file") from exc

    return header, objects()


def database_restore(path: str | Path) -> BackupSummary:
    """Restore a backup into an empty database (migrating it first). Refuses a database holding data."""
    path = Path(path)
    header, objects = _read(path)
    call_command("migrate", interactive=False, verbosity=0)
    present = {label: n for label, n in database_counts().items() if n}
    if present:
        sample = ", ".join(f"{n} {label}" for label, n in list(present.items())[:3])
        raise InputError(f"the database is not empty ({sample}...): restore only goes into an empty database. "
                         "Point DATABASE_URL at a new database (or remove this one) and run restore again.")
    missing = {app: sorted(set(names) - set(_migration_state().get(app, [])))
               for app, names in header.get("migrations", {}).items()}
    missing = {app: names for app, names in missing.items() if names and apps.is_installed_label(app)}
    if missing:
        app, names = next(iter(missing.items()))
        raise InputError(f"the backup was made by a newer sitroom (migration {app}.{names[0]} is unknown here); upgrade first")
    restored: dict[str, int] = {}
    touched: set[type[models.Model]] = set()
    with transaction.atomic(), connection.constraint_checks_disabled():
        batch: list[dict[str, Any]] = []
        for item in objects:
            if batch and batch[-1]["model"] != item["model"] or len(batch) >= BATCH:
                _restore_batch(batch, restored, touched)
                batch = []
            batch.append(item)
        if batch:
            _restore_batch(batch, restored, touched)
        connection.check_constraints(table_names=[m._meta.db_table for m in touched])
    expected = {k: v for k, v in header.get("counts", {}).items() if v}
    if expected and expected != restored:
        raise InputError(f"{path}: the backup is incomplete (expected {expected}, found {restored})")
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), list(touched)):
            cursor.execute(statement)
    return BackupSummary(str(path), restored)


def _restore_batch(batch: list[dict[str, Any]], restored: dict[str, int], touched: set) -> None:
    label = batch[0]["model"]
    try:
        model = apps.get_model(label)
    except LookupError as exc:
        raise InputError(f"the backup holds {label}, which this sitroom does not know") from exc
    touched.add(model)
    deserialized = list(serializers.deserialize("python", batch, handle_forward_references=False))
    if any(obj.m2m_data for obj in deserialized):
        for obj in deserialized:
            obj.save()
    else:
        # A raw insert, like loaddata's: auto_now fields keep their stored values (bulk_create would
        # stamp them anew) and no signal fires (the history rows come from the backup itself).
        fields = model._meta.concrete_fields
        objs = [obj.object for obj in deserialized]
        size = connection.ops.bulk_batch_size(fields, objs) or len(objs)
        for start in range(0, len(objs), size):
            model._base_manager._insert(objs[start:start + size], fields=fields, raw=True, using=connection.alias)
    restored[label] = restored.get(label, 0) + len(deserialized)
