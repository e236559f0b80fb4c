"""The load test in a short bounded form: 10 clients for 10 seconds on a small generated operation, as
users with think time and then without pause, reads, reviews, uploads and API reads at once, and not one
error."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid

from .conftest import ROOT, _base_env


def test_short_load_run_has_no_errors(backend, tmp_path):
    out = tmp_path / "load.json"
    env = _base_env() | {"SITROOM_BENCH_DB": f"sitroom_load_{uuid.uuid4().hex[:10]}"}
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench/load.py"), "--db", backend, "--clients", "10", "--duration", "10",
         "--scale", "0.002", "--workers", "2", "--threads", "4", "--json", str(out)],
        env=env, capture_output=True, text=True, timeout=240, cwd=ROOT,
    )
    assert out.exists(), f"load.py exited {done.returncode}:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    results = json.loads(out.read_text())
    # Both readings of "10 clients": users pausing between clicks, then clients that never pause.
    assert [r["mode"] for r in results] == ["think 1.5 s", "saturation"], done.stdout[-2000:]
    for result in results:
        assert result["requests"] > 20, done.stdout[-2000:]
        assert result["errors"] == 0, result["error_samples"]
        assert {"source page", "dashboard", "api read"} <= set(result["by_kind"]), result["mode"]
    # Reviews are writes on a small pool of proposed claims that the first mode may use up (the clients then
    # read a source page instead): every kind is exercised across the two modes, writes included.
    assert {"review", "upload"} <= {kind for result in results for kind in result["by_kind"]}
