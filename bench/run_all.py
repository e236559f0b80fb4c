"""Run every benchmark present (extract, picture, export, load), each as its own process, and print one
table: benchmark, metric, value, target, ok — with the date and the machine it ran on.

    .venv/bin/python bench/run_all.py            # full settings (what `make bench` runs; tens of minutes)
    .venv/bin/python bench/run_all.py --quick    # small settings, a few minutes
    .venv/bin/python bench/run_all.py --only picture,load --markdown
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent

# name -> (full arguments, quick arguments)
SETTINGS = {
    "extract": ([], ["--documents", "200"]),
    "picture": (["--db", "both", "--scale", "1.0", "-n", "30"], ["--db", "both", "--scale", "0.05", "-n", "10"]),
    "export": ([], ["--rows", "100000"]),
    "load": (["--db", "both", "--clients", "50", "--duration", "60", "--scale", "1.0"],
             ["--db", "both", "--clients", "10", "--duration", "10", "--scale", "0.01"]),
}
JSON_OUTPUT = {"picture", "load"}


@dataclass
class Row:
    benchmark: str
    metric: str
    value: str
    target: str = ""
    ok: bool | None = None


def machine() -> str:
    mem_kb = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; {platform.machine()}, {os.cpu_count()} CPUs, "
            f"{mem_kb / 1024 / 1024:.0f} GB RAM; Python {platform.python_version()}; load average at start {load:.1f}")


def parse_extract(out: str) -> list[Row]:
    rows = []
    if m := re.search(r"pipeline\s+([\d.]+) s\s+([\d,]+) documents/s\s+([\d,]+) words/s", out):
        rows.append(Row("extract", "documents/s (one core)", m.group(2)))
        rows.append(Row("extract", "words/s", m.group(3)))
    if m := re.search(r"ratio\s+([\d.]+) \(target <= ([\d.]+)\)", out):
        rows.append(Row("extract", "time / spaCy tokenizer", m.group(1), f"<= {m.group(2)}", float(m.group(1)) <= float(m.group(2))))
    if m := re.search(r"peak memory\s+(\d+) MB \(target <= (\d+)\)", out):
        rows.append(Row("extract", "peak memory MB", m.group(1), f"<= {m.group(2)}", int(m.group(1)) <= int(m.group(2))))
    return rows


def parse_export(out: str) -> list[Row]:
    rows = []
    for m in re.finditer(r"export (\w+)\s+([\d,]+) rows\s+([\d.]+) s\s+([\d,]+) rows/s\s+peak RSS\s+(\d+) MB", out):
        fmt, rate, peak = m.group(1), int(m.group(4).replace(",", "")), int(m.group(5))
        target = ">= 50,000" if fmt == "csv" else ""
        rows.append(Row("export", f"{fmt} rows/s ({m.group(2)} rows)", f"{rate:,}", target, rate >= 50_000 if fmt == "csv" else None))
        rows.append(Row("export", f"{fmt} peak RSS MB", str(peak), "<= 300", peak <= 300))
    return rows


def parse_picture(results: list[dict]) -> list[Row]:
    rows = []
    for r in results:
        if r.get("failed"):
            rows.append(Row("picture", f"{r['db']}", r["failed"], ok=False))
            continue
        for page in r.get("pages", []):
            name = f"{r['db']} {page['page']} p95 ms"
            if "p95" in page:
                rows.append(Row("picture", name, f"{page['p95']:.0f} (p50 {page['p50']:.0f})", "<= 300", page["ok"]))
            else:
                rows.append(Row("picture", name, f"skipped: {page.get('skipped', '')[:60]}", "<= 300", None))
    return rows


def parse_load(results: list[dict]) -> list[Row]:
    rows = []
    for r in results:
        if r.get("failed"):
            rows.append(Row("load", r["db"], r["failed"], ok=False))
            continue
        who = f"{r['clients']} users think {r['think_s']:g} s" if r.get("think_s") else f"{r['clients']} clients saturation"
        label = f"{r['db']} {who} {r['duration_s']:.0f} s"
        rows.append(Row("load", f"{label}: requests/s", f"{r['rps']}"))
        rows.append(Row("load", f"{label}: p50 / p99 ms", f"{r['p50']:.0f} / {r['p99']:.0f}"))
        if r.get("latency_judged", True):
            rows.append(Row("load", f"{label}: p95 ms", f"{r['p95']:.0f}", "<= 500", r["p95"] <= 500))
        else:  # clients that never pause: latency is their queue (capacity run), shown, not judged
            rows.append(Row("load", f"{label}: p95 ms (queueing)", f"{r['p95']:.0f}"))
        rows.append(Row("load", f"{label}: errors", str(r["errors"]), "0", r["errors"] == 0))
    return rows


def run(name: str, quick: bool, timeout: float) -> list[Row]:
    script = HERE / f"{name}.py"
    if not script.exists():
        return [Row(name, "(not present)", "-")]
    args = list(SETTINGS[name][1 if quick else 0])
    json_path = None
    if name in JSON_OUTPUT:
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
            json_path = tmp.name
        args += ["--json", json_path]
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SITROOM_DATA_DIR")}
    print(f"== {name}: {' '.join(args)}", flush=True)
    start = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, str(script), *args], env=env, capture_output=True, text=True,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        return [Row(name, "run", f"timed out after {timeout:.0f} s", ok=False)]
    seconds = time.perf_counter() - start
    sys.stdout.write(done.stdout[-6000:])
    if done.returncode not in (0, 1):
        sys.stdout.write(done.stderr[-3000:])
    if name == "extract":
        rows = parse_extract(done.stdout)
    elif name == "export":
        rows = parse_export(done.stdout)
    else:
        try:
            results = json.loads(Path(json_path).read_text())
        except (OSError, ValueError):
            results = []
        finally:
            if json_path and os.path.exists(json_path):
                os.unlink(json_path)
        rows = parse_picture(results) if name == "picture" else parse_load(results)
    if not rows:
        rows = [Row(name, "run", f"failed (exit {done.returncode}); no figures printed", ok=False)]
    rows.append(Row(name, "wall time s", f"{seconds:.0f}"))
    return rows


def table(rows: list[Row], markdown: bool) -> str:
    head = ("benchmark", "metric", "value", "target", "ok")
    cells = [(r.benchmark, r.metric, r.value, r.target, "" if r.ok is None else ("yes" if r.ok else "NO")) for r in rows]
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "| " + " | ".join("---" for _ in head) + " |"]
        lines += ["| " + " | ".join(c) + " |" for c in cells]
        return "\n".join(lines)
    widths = [max(len(str(x)) for x in col) for col in zip(head, *cells, strict=False)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return "\n".join([fmt.format(*head), fmt.format(*("-" * w for w in widths))] + [fmt.format(*c) for c in cells])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small settings (a few minutes in all)")
    parser.add_argument("--only", help="comma-separated subset of: " + ", ".join(SETTINGS))
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown (for the README)")
    parser.add_argument("--timeout", type=float, default=3600, help="per benchmark, seconds")
    args = parser.parse_args(argv)
    names = [n.strip() for n in (args.only or ",".join(SETTINGS)).split(",") if n.strip()]
    unknown = set(names) - set(SETTINGS)
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
    where = machine()
    rows: list[Row] = []
    for name in names:
        rows.extend(run(name, args.quick, args.timeout))
    print(f"\nsitroom benchmarks ({'quick' if args.quick else 'full'} settings) — {where}\n")
    print(table(rows, args.markdown))
    return 1 if any(r.ok is False for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
