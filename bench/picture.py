"""Server time of the situation room's pages on a large operation, on SQLite and PostgreSQL.

Generates the operation (bench/generate.py, scale 1.0 = 1,000,000 observations, 100,000 events, 20,000
sources, 2,000 places) or reuses one, then times `client.get` of each page with Django's test client
logged in as an analyst of the operation: N requests per page after a warm-up, p50/p95 printed.
Target: p95 <= 300 ms for every page. For each page it also prints the number of SQL queries and,
when a page misses the target, its slowest queries (with EXPLAIN) so the cause can be named.

    .venv/bin/python bench/picture.py                     # both databases, full scale
    .venv/bin/python bench/picture.py --db sqlite --scale 0.05 -n 10
    .venv/bin/python bench/picture.py --db sqlite --reuse /tmp/sitroom-bench-full/sitroom.sqlite3
PostgreSQL: a database SITROOM_BENCH_DB (default sitroom_bench) is created on SITROOM_BENCH_PG
(default postgres://postgres@127.0.0.1:5432) and dropped afterwards unless --keep.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET_MS = 300.0
PG_SERVER = os.environ.get("SITROOM_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
PG_DB = os.environ.get("SITROOM_BENCH_DB", "sitroom_bench")

# (label, URL name, how to build the path's arguments); the source page cycles through sources.
PAGES = [
    ("dashboard", "dashboard", None),
    ("source page", "source_detail", "source"),
    ("observation list", "observation_list", None),
    ("event list", "event_list", None),
    ("map data", "map_data", None),
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def explain(sql: str) -> str:
    from django.db import connection

    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    try:
        with connection.cursor() as cur:
            cur.execute(prefix + sql)
            rows = cur.fetchall()
    except Exception as exc:  # noqa: BLE001 - a diagnostic must not stop the benchmark
        return f"(EXPLAIN failed: {exc})"
    return "\n".join("      " + " | ".join(str(c) for c in row) for row in rows[:12])


def measure(n: int, warmup: int, diagnose: bool) -> list[dict]:
    """Time every page; returns one result dict per page."""
    from django.core.cache import cache
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import NoReverseMatch, resolve, reverse

    from sitroom.accounts.models import User
    from sitroom.evidence.models import Source

    analyst = User.objects.get(username="bench-analyst")
    client = Client()
    client.force_login(analyst)
    # The picture cache is files in the data directory: a reused one would make the first ("cold") request warm.
    cache.clear()
    rng = random.Random(11)
    source_ids = list(Source.objects.filter(claims__isnull=False).values_list("id", flat=True).distinct()[:5000])
    results = []
    for label, name, arg in PAGES:
        row = {"page": label, "url_name": name}
        try:
            probe = reverse(name, args=[source_ids[0]] if arg == "source" else [])
        except NoReverseMatch:
            row["skipped"] = f"no URL named {name!r} yet"
            results.append(row)
            print(f"  {label:<18} skipped: {row['skipped']}", flush=True)
            continue
        view = resolve(probe).func
        if view.__module__.endswith(".pending"):
            row["skipped"] = "page not written yet (placeholder view)"
            results.append(row)
            print(f"  {label:<18} skipped: {row['skipped']}", flush=True)
            continue

        def path() -> str:
            return reverse(name, args=[rng.choice(source_ids)]) if arg == "source" else probe  # noqa: B023

        try:
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path())
        except Exception as exc:  # noqa: BLE001 - a page that crashes is reported, the others still measured
            row["skipped"] = f"raised {type(exc).__name__}: {str(exc)[:200]}"
            results.append(row)
            print(f"  {label:<18} skipped: {row['skipped']}", flush=True)
            continue
        row["status"] = response.status_code
        row["queries"] = len(captured.captured_queries)
        row["bytes"] = len(response.content)
        if response.status_code != 200:
            row["skipped"] = f"answered {response.status_code}"
            results.append(row)
            print(f"  {label:<18} skipped: answered {response.status_code} at {probe}", flush=True)
            continue
        for _ in range(warmup):
            client.get(path())
        times = []
        for _ in range(n):
            p = path()
            t = time.perf_counter()
            response = client.get(p)
            times.append((time.perf_counter() - t) * 1000)
            if response.status_code != 200:
                row.setdefault("errors", 0)
                row["errors"] += 1
        row.update(n=n, p50=percentile(times, 50), p95=percentile(times, 95), max=max(times))
        row["ok"] = row["p95"] <= TARGET_MS and not row.get("errors")
        results.append(row)
        print(f"  {label:<18} p50 {row['p50']:7.1f} ms  p95 {row['p95']:7.1f} ms  max {row['max']:7.1f} ms  "
              f"{row['queries']:3d} queries  {row['bytes'] / 1024:6.0f} KB  {'ok' if row['ok'] else 'SLOW'}", flush=True)
        if diagnose and not row["ok"]:
            with CaptureQueriesContext(connection) as captured:
                client.get(path())
            timed = []
            for q in captured.captured_queries:
                t = time.perf_counter()
                try:
                    with connection.cursor() as cur:
                        cur.execute(q["sql"])
                        if cur.description:
                            cur.fetchall()
                except Exception:  # noqa: BLE001 - a query that cannot be replayed as text is timed as captured
                    pass
                timed.append(((time.perf_counter() - t) * 1000, q["sql"]))
            timed.sort(reverse=True)
            row["slowest_queries"] = [{"ms": round(ms, 1), "sql": sql[:2000]} for ms, sql in timed[:3]]
            for ms, sql in timed[:3]:
                print(f"    {ms:7.1f} ms  {sql[:400]}")
                print(explain(sql))
        reset_queries()
    return results


def run_one(db: str, *, scale: float, reuse: str | None, n: int, warmup: int, keep: bool, diagnose: bool) -> dict:
    """Set up the database named by `db`, generate or reuse the operation, measure."""
    sys.path.insert(0, str(HERE))
    import generate

    if db == "postgres":
        os.environ["DATABASE_URL"] = f"{PG_SERVER}/{PG_DB}"
        if not reuse:
            pg_admin(f'DROP DATABASE IF EXISTS "{PG_DB}" WITH (FORCE)')
            pg_admin(f'CREATE DATABASE "{PG_DB}"')
        generate.configure(tempfile.mkdtemp(prefix="sitroom-bench-"))
    elif reuse:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(reuse).resolve()}"
        generate.configure(Path(reuse).resolve().parent)
    else:
        os.environ.pop("DATABASE_URL", None)
        generate.configure(tempfile.mkdtemp(prefix="sitroom-bench-"))
    out: dict = {"db": db, "scale": scale}
    try:
        t = time.perf_counter()
        generate.migrate_and_load_reference()
        if not generate.already_generated():
            print(f"[{db}] generating scale {scale} ...", flush=True)
            result = generate.generate(scale, verbose=True)
            out["generated"] = result.counts
        out["generate_s"] = round(time.perf_counter() - t, 1)
        from sitroom.operations.models import Event, Observation

        print(f"[{db}] {Observation.objects.count():,} observations, {Event.objects.count():,} events; "
              f"{n} requests per page after {warmup} warm-up", flush=True)
        out["pages"] = measure(n, warmup, diagnose)
    finally:
        from django.db import connections

        connections.close_all()
        if not keep and not reuse:
            if db == "postgres":
                pg_admin(f'DROP DATABASE IF EXISTS "{PG_DB}" WITH (FORCE)')
            shutil.rmtree(os.environ["SITROOM_DATA_DIR"], ignore_errors=True)
        elif db == "sqlite" and not reuse:
            print(f"[sqlite] kept: {os.environ['SITROOM_DATA_DIR']}/sitroom.sqlite3 (reuse it with --reuse)")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--reuse", help="an already generated database: a SQLite file path (with --db sqlite), "
                                        "or 'yes' to reuse the PostgreSQL bench database")
    parser.add_argument("-n", type=int, default=30, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the generated database (SQLite file or PostgreSQL db)")
    parser.add_argument("--no-diagnose", action="store_true")
    parser.add_argument("--json", help="write the results to this file")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE.parent / "src"))

    if args.db != "both":
        out = run_one(args.db, scale=args.scale, reuse=args.reuse, n=args.n, warmup=args.warmup, keep=args.keep,
                      diagnose=not args.no_diagnose)
        results = [out]
    else:
        # Each database in its own process: Django's settings are read once per process.
        results = []
        for db in ("sqlite", "postgres"):
            with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
                out_path = tmp.name
            cmd = [sys.executable, __file__, "--db", db, "--scale", str(args.scale), "-n", str(args.n),
                   "--warmup", str(args.warmup), "--json", out_path]
            if args.keep:
                cmd.append("--keep")
            if args.no_diagnose:
                cmd.append("--no-diagnose")
            env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SITROOM_DATA_DIR")}
            code = subprocess.call(cmd, env=env)
            if code != 0:
                results.append({"db": db, "failed": f"exit code {code}"})
                continue
            results.extend(json.loads(Path(out_path).read_text()))
            os.unlink(out_path)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, default=str))
    if args.db == "both":
        print("\npage               " + "".join(f"{r['db']:>22}" for r in results))
        for label, _, _ in PAGES:
            cells = []
            for r in results:
                page = next((p for p in r.get("pages", []) if p["page"] == label), {})
                cells.append(f"p50 {page['p50']:5.0f} p95 {page['p95']:5.0f}" if "p95" in page else "skipped")
            print(f"{label:<19}" + "".join(f"{c:>22}" for c in cells))
    failed = any(r.get("failed") for r in results) or any(
        p.get("ok") is False for r in results for p in r.get("pages", []))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
