"""Fixtures for the reliability tests: a real database shared by real processes.

Every test gets its own operation database, on SQLite (a file in a temporary SITROOM_DATA_DIR) and on
PostgreSQL (a database created for it, dropped after; skipped when no server answers). The writers are
separate processes (`sitroom ingest`, `sitroom serve`, tests/reliability/dbtool.py): the in-memory test
database of pytest-django could not be shared with them. `sitroom init` runs once per backend; each
test starts from a copy (SQLite backup API, PostgreSQL CREATE DATABASE ... TEMPLATE).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DBTOOL = Path(__file__).resolve().parent / "dbtool.py"
PG_SERVER = os.environ.get("SITROOM_TEST_PG", "postgres://postgres@127.0.0.1:5432")
REPORT_DIRS = [ROOT / "src/sitroom/samples/reports", ROOT / "tests/pipeline/corpus/reports"]
SUFFIXES = {".txt", ".md", ".html", ".htm", ".json", ".jsonl"}


def sitroom_bin() -> str:
    candidate = Path(sys.executable).parent / "sitroom"
    return str(candidate) if candidate.exists() else "sitroom"


def report_files() -> list[Path]:
    return sorted(p for d in REPORT_DIRS if d.is_dir() for p in d.iterdir() if p.suffix.lower() in SUFFIXES)


def _pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=3) as conn:
        conn.execute(sql)


def _pg_available() -> bool:
    try:
        _pg_admin("SELECT 1")
    except Exception:  # noqa: BLE001 - any failure means: no server to test against
        return False
    return True


def _base_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SITROOM_DATA_DIR", "SITROOM_TEST_DB_FILE")}
    env["DJANGO_SETTINGS_MODULE"] = "sitroom.settings"
    env["SITROOM_LOG_LEVEL"] = "ERROR"
    return env


@dataclass
class Operation:
    """One operation database and the environment that points processes at it."""

    backend: str
    data_dir: Path
    env: dict[str, str]
    pg_name: str | None = None

    def run(self, *args: str, timeout: float = 120, check: bool = True) -> subprocess.CompletedProcess:
        done = subprocess.run(list(args), env=self.env, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
        if check and done.returncode != 0:
            raise AssertionError(f"{' '.join(args[:3])} exited {done.returncode}:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
        return done

    def sitroom(self, *args: str, **kw) -> subprocess.CompletedProcess:
        return self.run(sitroom_bin(), *args, **kw)

    def popen_sitroom(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen([sitroom_bin(), *args], env=self.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, cwd=ROOT)

    def dbtool(self, *args: str, timeout: float = 120) -> dict:
        return json.loads(self.run(sys.executable, str(DBTOOL), *args, timeout=timeout).stdout)

    def popen_dbtool(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, str(DBTOOL), *args], env=self.env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, cwd=ROOT)

    def count(self, table: str) -> int:
        """A row count read directly (no Django start-up): used while a writer is running."""
        if self.backend == "sqlite":
            with sqlite3.connect(self.data_dir / "sitroom.sqlite3", timeout=30) as conn:
                return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/{self.pg_name}") as conn:
            return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def _new_operation(backend: str, tmp: Path, template: Operation | None) -> Operation:
    data_dir = tmp / f"data-{uuid.uuid4().hex[:8]}"
    data_dir.mkdir(parents=True)
    env = _base_env() | {"SITROOM_DATA_DIR": str(data_dir)}
    op = Operation(backend=backend, data_dir=data_dir, env=env)
    if backend == "postgres":
        op.pg_name = f"sitroom_rel_{uuid.uuid4().hex[:10]}"
        env["DATABASE_URL"] = f"{PG_SERVER}/{op.pg_name}"
        _pg_admin(f'CREATE DATABASE "{op.pg_name}"' + (f' TEMPLATE "{template.pg_name}"' if template else ""))
    elif template is not None:
        with sqlite3.connect(template.data_dir / "sitroom.sqlite3") as src, \
                sqlite3.connect(data_dir / "sitroom.sqlite3") as dst:
            src.backup(dst)
    if template is not None:
        # Same secret key, so that sessions made against the template stay valid.
        (data_dir / "secret_key").write_text((template.data_dir / "secret_key").read_text())
    return op


def _drop(op: Operation) -> None:
    if op.pg_name:
        _pg_admin(f'DROP DATABASE IF EXISTS "{op.pg_name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def _templates(tmp_path_factory):
    made: dict[str, Operation] = {}
    yield made, tmp_path_factory.mktemp("reliability")
    for op in made.values():
        _drop(op)


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request) -> str:
    if request.param == "postgres" and not _pg_available():
        pytest.skip(f"no PostgreSQL server at {PG_SERVER}")
    return request.param


@pytest.fixture
def operation(backend, _templates):
    """A fresh operation database (migrated, reference data, four analysts), for this test only."""
    made, tmp = _templates
    if backend not in made:
        template = _new_operation(backend, tmp, None)
        template.sitroom("init", "--quiet", timeout=300)
        template.dbtool("users")
        made[backend] = template
    op = _new_operation(backend, tmp, made[backend])
    yield op
    _drop(op)


def _pipeline_fingerprint() -> tuple:
    """Changes whenever the pipeline's code or data changes (they change under a running suite in development)."""
    roots = [ROOT / "src/sitroom/pipeline", ROOT / "src/sitroom/data", ROOT / "src/sitroom/evidence/services"]
    return tuple(sorted((str(p), p.stat().st_mtime_ns) for r in roots for p in r.rglob("*") if p.is_file()))


@pytest.fixture(scope="session")
def _baselines() -> dict:
    return {}


@pytest.fixture
def expected_claims(_templates, _baselines) -> dict[str, int]:
    """Claims per report (by content hash) when every report is ingested once by one process, on SQLite:
    what the concurrent and interrupted runs must end up with. Made again when the pipeline changed."""
    fingerprint = _pipeline_fingerprint()
    if fingerprint in _baselines:
        return _baselines[fingerprint]
    made, tmp = _templates
    if "sqlite" not in made:
        template = _new_operation("sqlite", tmp, None)
        template.sitroom("init", "--quiet", timeout=300)
        template.dbtool("users")
        made["sqlite"] = template
    op = _new_operation("sqlite", tmp, made["sqlite"])
    op.sitroom("ingest", *map(str, report_files()), timeout=300)
    _baselines.clear()
    _baselines[fingerprint] = {h: s["claims"] for h, s in op.dbtool("summary")["sources"].items()}
    return _baselines[fingerprint]
