"""Eight processes ingesting overlapping sets of reports at once, while analysts review: nothing lost,
nothing twice, no "database is locked" reaching anyone, the audit history complete."""

from __future__ import annotations

import json

from .conftest import report_files

INGESTERS = 8
REVIEWERS = 3


def overlapping_sets(files, n: int) -> list[list]:
    """n sets, each file in at least three of them, each set in its own order."""
    sets = []
    for i in range(n):
        chosen = [f for j, f in enumerate(files) if (j + i) % 3 != 0 or j % n == i]
        sets.append(chosen[i % len(chosen):] + chosen[:i % len(chosen)])
    return sets


def test_concurrent_ingest_and_review_lose_nothing(operation, expected_claims):
    files = report_files()
    assert len(files) >= 20, "the sample reports and the pipeline corpus should be there"
    sets = overlapping_sets(files, INGESTERS)
    assert set().union(*map(set, sets)) == set(files)

    reviewers = [operation.popen_dbtool("review", "--user", f"rel-analyst-{k + 1}", "--share", str(k), "--of",
                                        str(REVIEWERS), "--seconds", "8", "--seed", str(k))
                 for k in range(REVIEWERS)]
    ingesters = [operation.popen_sitroom("ingest", "--user", f"rel-analyst-{i % 4 + 1}", *map(str, chosen))
                 for i, chosen in enumerate(sets)]
    outputs = [p.communicate(timeout=240) for p in ingesters]
    reviews = [p.communicate(timeout=240) for p in reviewers]

    for p, (out, err) in zip(ingesters + reviewers, outputs + reviews, strict=True):
        assert "database is locked" not in out + err
        assert "Traceback" not in err, err[-3000:]
        assert p.returncode == 0, f"exit {p.returncode}: {out[-1500:]}\n{err[-1500:]}"

    summary = operation.dbtool("summary")
    stored = summary["sources"]
    # Every report stored exactly once (content hashes are unique; every one is there) with all its claims.
    assert sorted(stored) == sorted(expected_claims)
    assert {h: s["claims"] for h, s in stored.items()} == expected_claims
    # Each ingester accounted for every file it was given: new or already there, never failed.
    for (out, _), chosen in zip(outputs, sets, strict=True):
        assert f"{len(chosen)} file(s):" in out and " 0 failed" in out, out[-800:]

    # The reviews all stuck, by the analyst who made them, with history saying so.
    claims = {int(k): v for k, v in summary["claims"].items()}
    done = [json.loads(out) for out, _ in reviews]
    assert sum(len(d["accepted"]) + len(d["rejected"]) for d in done) > 0, "the analysts reviewed nothing"
    for k, d in enumerate(done):
        user = f"rel-analyst-{k + 1}"
        for status, ids in (("accepted", d["accepted"]), ("rejected", d["rejected"])):
            for pk in ids:
                assert claims[pk]["status"] == status and claims[pk]["reviewer"] == user
                assert claims[pk]["history_latest"] == [status, user], claims[pk]
        for pk in d["refused"]:
            assert claims[int(pk)]["status"] == "proposed"
    observations = summary["observations"]
    by_claim: dict[int, list] = {}
    for o in observations.values():
        by_claim.setdefault(o["claim_id"], []).append(o)
    for d in done:
        for pk in d["accepted"]:
            if claims[pk]["kind"] == "figure":
                assert [o["verification"] for o in by_claim[pk] if not o["archived_at"]] == ["verified"]
        for pk in d["rejected"]:
            assert all(o["archived_at"] for o in by_claim.get(pk, []))

    # Audit history complete: every source, claim and observation has its creation recorded.
    assert all(s["history_created"] for s in stored.values())
    assert all(c["history_created"] for c in claims.values())
    assert all(o["history_created"] for o in observations.values())
