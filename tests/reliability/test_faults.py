"""Faults: an ingest killed with SIGKILL part-way, then run again; a server killed and restarted right
after analysts' reviews were acknowledged."""

from __future__ import annotations

import os
import signal
import sys
import time

from .conftest import ROOT, report_files

sys.path.insert(0, str(ROOT / "bench"))

import load  # noqa: E402  (bench/load.py: the server start/stop and form helpers)


def test_ingest_killed_mid_batch_leaves_no_half_report_and_a_rerun_completes(operation, expected_claims):
    files = [str(f) for f in report_files()]
    proc = operation.popen_sitroom("ingest", *files)
    stored_at_kill = 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        stored_at_kill = operation.count("evidence_source")
        if stored_at_kill >= 3:
            break
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    assert stored_at_kill < len(files)

    # Whatever was stored is whole: every stored report has all its claims (one transaction per report).
    after_kill = operation.dbtool("summary")["sources"]
    assert 0 < len(after_kill) < len(expected_claims)
    for digest, source in after_kill.items():
        assert source["claims"] == expected_claims[digest], f"{source['filename']} is half-stored"

    # Run again: the rest goes in, nothing twice, every claim there.
    again = operation.sitroom("ingest", *files, timeout=240)
    assert f"{len(after_kill)} already had" in again.stdout and " 0 failed" in again.stdout, again.stdout[-600:]
    final = operation.dbtool("summary")["sources"]
    assert {h: s["claims"] for h, s in final.items()} == expected_claims
    assert {h: s["id"] for h, s in final.items() if h in after_kill} == {h: s["id"] for h, s in after_kill.items()}


def test_server_restart_loses_no_accepted_review(operation):
    operation.sitroom("ingest", *map(str, report_files()[:6]), timeout=240)
    proposed = [int(pk) for pk, c in operation.dbtool("summary")["claims"].items()
                if c["status"] == "proposed" and c["kind"] == "figure"]
    assert len(proposed) >= 6
    log = str(operation.data_dir / "server.log")
    proc, base = load.start_server(operation.env, workers=2, threads=2, log_path=log)
    try:
        client = load.login(base, "rel-analyst-1", password="reliability-password")
        acknowledged = []
        for pk in proposed[:6]:
            answer = load.review(client, base, pk, "accept")
            assert answer.status_code == 302, answer.text[:500]
            acknowledged.append(pk)
        client.close()
        # Power cut: the whole server (master and workers) dies at once, no graceful shutdown.
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(30)
        proc, base = load.start_server(operation.env, workers=2, threads=2, log_path=log)
        client = load.login(base, "rel-analyst-1", password="reliability-password")
        for pk in acknowledged:
            page = client.get(f"/claims/{pk}/", follow_redirects=True)
            assert page.status_code == 200
        client.close()
    finally:
        load.stop_server(proc)
    claims = operation.dbtool("summary")["claims"]
    for pk in acknowledged:
        assert claims[str(pk)]["status"] == "accepted" and claims[str(pk)]["reviewer"] == "rel-analyst-1"
        assert claims[str(pk)]["history_latest"] == ["accepted", "rel-analyst-1"]
