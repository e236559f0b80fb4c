"""Commands that work on an existing database say to run `sitroom init` when its schema is behind,
instead of failing on a missing table or column."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SITROOM = [sys.executable, "-m", "sitroom.cli"]


def _run(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update({"SITROOM_DATA_DIR": str(tmp_path / "data")})  # a new, empty SQLite database
    return subprocess.run(SITROOM + args, env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path)


@pytest.mark.parametrize(
    "args",
    [
        ["sitrep", "--from", "2020-11-15", "--to", "2020-12-20", "--format", "md"],
        ["export", "observations", "--format", "csv", "-o", "out.csv"],
        ["backup", "out.jsonl.gz"],
        ["serve", "--port", "0"],
    ],
    ids=["sitrep", "export", "backup", "serve"],
)
def test_a_command_on_a_database_without_its_schema_says_to_run_init(args: list[str], tmp_path: Path) -> None:
    result = _run(args, tmp_path)
    assert result.returncode == 78
    assert "run `sitroom init` first" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "out.jsonl.gz").exists()


def test_after_init_the_same_command_runs(tmp_path: Path) -> None:
    assert _run(["init", "--quiet"], tmp_path).returncode == 0
    result = _run(["export", "observations", "--format", "csv", "-o", "out.csv"], tmp_path)
    assert result.returncode == 0, result.stderr
    header, hashtags = (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()[:2]
    assert "value" in header and hashtags.startswith("#")
