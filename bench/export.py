"""Export benchmark: 1,000,000 observations exported as CSV+HXL and as XLSX by `sitroom export`.

Generates the observations into a fresh SQLite file in a temporary directory (raw batched inserts, the
same RowWriter as bench/generate.py), then runs each export as its own process and prints rows/s and
that process's peak resident memory (targets: <= 300 MB; >= 50,000 rows/s for CSV).

Usage:
    .venv/bin/python bench/export.py [--rows 1000000] [--formats csv,xlsx] [--data-dir DIR] [--user USERNAME]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402  (bench/generate.py: configure, fast_sqlite, RowWriter)

TARGET_MB, TARGET_CSV_RATE = 300, 50_000


def generate_observations(rows: int, *, seed: int = 7, batch: int = 20_000) -> float:
    from django.db import transaction
    from django.utils import timezone

    from sitroom.evidence.models import Source
    from sitroom.operations.models import Observation
    from sitroom.reference.models import Indicator, Organization, Place

    rng = random.Random(seed)
    indicators = list(Indicator.objects.values_list("id", "unit"))
    places = list(Place.objects.values_list("id", flat=True))
    orgs = list(Organization.objects.values_list("id", flat=True))
    now = timezone.now()
    sources = []
    with transaction.atomic():
        for i in range(200):
            data = f"bench source {i}".encode()
            sources.append(Source.objects.create(content_hash=f"{i:064x}", original=data, text=data.decode(),
                                                 outlet=generate.OUTLETS[i % len(generate.OUTLETS)],
                                                 published=generate.START + dt.timedelta(days=i)).pk)
    writer = generate.RowWriter(Observation, ["id", "indicator_id", "value", "unit", "qualifier", "date", "place_id",
                                              "organization_id", "source_id", "sensitivity", "verification",
                                              "created_at", "updated_at"])
    sensitivities = ["public", "partners", "partners", "internal"]
    started = time.perf_counter()
    with generate.fast_sqlite():
        for first in range(0, rows, batch):
            chunk = []
            for pk in range(first + 1, min(first + batch, rows) + 1):
                ind, unit = indicators[rng.randrange(len(indicators))]
                chunk.append((pk, ind, float(rng.randrange(1, 60_000)), unit, rng.choice(generate.QUALIFIERS),
                              generate.START + dt.timedelta(days=rng.randrange(generate.DAYS)),
                              places[rng.randrange(len(places))], orgs[rng.randrange(len(orgs))] if rng.random() < 0.5 else None,
                              sources[rng.randrange(len(sources))], sensitivities[rng.randrange(4)], "verified", now, now))
            with transaction.atomic():
                writer.write(chunk)
    return time.perf_counter() - started


def run_export(fmt: str, out: Path, user: str | None) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of `sitroom export observations` in its own process."""
    cmd = [sys.executable, "-m", "sitroom.cli", "export", "observations", "--format", fmt, "-o", str(out)]
    if user:
        cmd += ["--user", user]
    started = time.perf_counter()
    process = subprocess.Popen(cmd, env=os.environ.copy(), stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"export {fmt} failed: {process.stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024  # Linux: kilobytes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--formats", default="csv,xlsx")
    parser.add_argument("--data-dir", help="reuse a directory (its database is generated once)")
    parser.add_argument("--user", help="export as this user (default: the operation, everything)")
    args = parser.parse_args(argv)
    data_dir = Path(args.data_dir or tempfile.mkdtemp(prefix="sitroom-bench-export-"))
    os.environ.pop("DATABASE_URL", None)
    generate.configure(data_dir)
    generate.migrate_and_load_reference()
    from sitroom.operations.models import Observation

    have = Observation.objects.count()
    if have < args.rows:
        if have:
            raise SystemExit(f"{data_dir} holds {have:,} observations, fewer than {args.rows:,}: use a new directory")
        seconds = generate_observations(args.rows)
        print(f"generated {args.rows:,} observations in {seconds:.1f} s into {data_dir}")
    rows = Observation.objects.count()
    ok = True
    for fmt in [f.strip() for f in args.formats.split(",") if f.strip()]:
        out = data_dir / f"observations.{fmt}"
        seconds, peak = run_export(fmt, out, args.user)
        rate = rows / seconds
        size = out.stat().st_size / 1024 / 1024
        line = f"export {fmt:<5} {rows:>10,} rows  {seconds:7.1f} s  {rate:>10,.0f} rows/s  peak RSS {peak:6.0f} MB  file {size:6.0f} MB"
        checks = peak <= TARGET_MB and (fmt != "csv" or rate >= TARGET_CSV_RATE)
        ok &= checks
        print(line + ("" if checks else "  <-- misses the target"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
