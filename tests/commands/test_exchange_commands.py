"""The exchange commands end to end: sitrep, export, import, and a backup -> restore round trip into
empty SQLite and PostgreSQL databases that compares every object, field by field (bytes included)."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from sitroom.cli import main
from sitroom.exchange.backup import database_backup

ROOT = Path(__file__).resolve().parents[2]
SITROOM = [sys.executable, "-m", "sitroom.cli"]


@pytest.fixture
def seeded(db):
    sys.path.insert(0, str(ROOT / "tests"))
    from exchange.seed import seed_period
    from shipped_users import make_user
    from sitroom.reference.services import reference_load

    reference_load()  # inside the test's transaction: nothing is left behind for other test packages
    data = seed_period()
    data["admin"] = make_user("chief", "admin", "ihrc")
    data["partner"] = make_user("partner-analyst", "analyst", "unhcr")
    return data


def _run(args: list[str], database_url: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url, "SITROOM_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run(SITROOM + args, env=env, capture_output=True, text=True, timeout=300, cwd=tmp_path)


def _objects(path: Path) -> dict[tuple[str, str], dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        handle.readline()
        return {(o["model"], str(o["pk"])): o["fields"] for o in map(json.loads, handle)}


def _round_trip(tmp_path: Path, database_url: str) -> None:
    first = tmp_path / "first.jsonl.gz"
    summary = database_backup(first)
    assert summary.counts["evidence.source"] == 5 and summary.counts["operations.historicalobservation"] >= 5
    restored = _run(["restore", str(first)], database_url, tmp_path)
    assert restored.returncode == 0, restored.stderr
    second = tmp_path / "second.jsonl.gz"
    again = _run(["backup", str(second)], database_url, tmp_path)
    assert again.returncode == 0, again.stderr
    before, after = _objects(first), _objects(second)
    assert set(before) == set(after)
    for key, fields in before.items():
        assert after[key] == fields, key
    sources = [f for (model, _), f in before.items() if model == "evidence.source"]
    assert all(f["original"] for f in sources)  # the original bytes travel, base64-encoded
    # Restoring into a database that now holds data is refused with a clear message.
    refused = _run(["restore", str(first)], database_url, tmp_path)
    assert refused.returncode != 0 and "not empty" in refused.stderr


@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_an_empty_sqlite_database_unchanged(seeded, tmp_path):
    _round_trip(tmp_path, f"sqlite:///{tmp_path / 'restored.sqlite3'}")


@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_an_empty_postgresql_database_unchanged(seeded, tmp_path):
    psycopg = pytest.importorskip("psycopg")
    admin_url = os.environ.get("SITROOM_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
    name = f"sitroom_restore_{uuid.uuid4().hex[:8]}"
    try:
        connection = psycopg.connect(admin_url, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError:
        pytest.skip("no PostgreSQL server reachable")
    with connection:
        connection.execute(f'CREATE DATABASE "{name}"')
        try:
            _round_trip(tmp_path, admin_url.rsplit("/", 1)[0] + f"/{name}")
        finally:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "notes.txt"
    bogus.write_text("hello\n")
    result = _run(["restore", str(bogus)], f"sqlite:///{tmp_path / 'x.sqlite3'}", tmp_path)
    assert result.returncode == 1 and "not a sitroom backup" in result.stderr


def test_sitrep_command_writes_markdown_and_pdf(seeded, tmp_path, capsys):
    out = tmp_path / "report.md"
    assert main(["sitrep", "--from", "2021-11-20", "--to", "2021-11-30", "--format", "md", "-o", str(out)]) == 0
    text = out.read_text()
    assert "## Population movements" in text and "/#claim-" in text
    pdf = tmp_path / "report.pdf"
    assert main(["sitrep", "--from", "2021-11-20", "--to", "2021-11-30", "--format", "pdf", "-o", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")


def test_sitrep_command_as_a_partner_leaves_out_internal_figures(seeded, tmp_path):
    out = tmp_path / "partner.md"
    assert main(["sitrep", "--from", "2021-11-20", "--to", "2021-11-30", "--user", "partner-analyst", "-o", str(out)]) == 0
    assert "700" not in out.read_text()


def test_sitrep_command_rejects_a_reversed_period(seeded, capsys):
    assert main(["sitrep", "--from", "2021-11-30", "--to", "2021-11-20"]) == 1
    assert "before it starts" in capsys.readouterr().err


def test_export_command_writes_hxl_csv(seeded, tmp_path):
    out = tmp_path / "events.csv"
    assert main(["export", "events", "--format", "csv", "-o", str(out)]) == 0
    lines = out.read_text().splitlines()
    assert lines[1].startswith("#meta+id,#date+occurred") and "Shooting near Martuni" in lines[2]


def test_export_command_names_an_unknown_kind(db, capsys):
    assert main(["export", "unicorns", "--format", "csv"]) == 1
    assert "unknown kind 'unicorns'" in capsys.readouterr().err


def test_import_command_dry_run_then_real(seeded, tmp_path, capsys):
    from sitroom.operations.models import Observation

    path = tmp_path / "obs.csv"
    path.write_text("date,indicator,value,place\n2021-11-21,people.returned,10,stepanakert\n2021-11-22,people.returned,-1,lachin\n")
    count = Observation.objects.count()
    assert main(["import", "observations", str(path), "--dry-run", "--user", "chief"]) == 1
    out = capsys.readouterr().out
    assert "row 3, field 'value'" in out and "nothing written" in out
    assert Observation.objects.count() == count
    assert main(["import", "observations", str(path), "--skip-invalid", "--user", "chief"]) == 0
    assert Observation.objects.count() == count + 1
