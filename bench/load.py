"""Load: `sitroom serve` (gunicorn) on 127.0.0.1 against a generated operation, driven by concurrent clients.

Each client logs in as an analyst and loops over a bounded mix of reads and writes until the duration
is over: dashboard, source pages, record lists, map data, API reads with a token, review actions
(accept/reject POSTs with the CSRF token) and report uploads (pasted text through the upload form).
Prints requests/s, p50/p95/p99 and errors, overall and per kind, the server's CPU time per request and
how busy the whole machine was. Target: 0 errors in both runs, p95 <= 500 ms for users with think time.

Two ways to read "N concurrent clients", both run by default, one after the other on the same server:
- users with think time (--think, default 1.5 s): each client is a person who reads what came back
  before the next click, pausing a random time (exponential, mean --think seconds) between requests,
  as Locust and JMeter model users. This is the figure the target is about.
- saturation (--think 0): every client fires its next request the moment the last one answered. It
  measures the server's capacity (requests/s); latency is then mostly queueing: N clients that never
  pause divided by the requests/s (Little's law).
The mix, the data scale and the request kinds are the same in both.

    .venv/bin/python bench/load.py                           # both databases, 50 clients, 60 s each mode, scale 1.0
    .venv/bin/python bench/load.py --db sqlite --clients 10 --duration 10 --scale 0.01 --think 0
Everything stays on the loopback interface; the server is stopped at the end whatever happens.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TARGET_P95_MS = 500.0
# Mean pause of a user between two requests (seconds, exponentially distributed): someone reading the page
# that came back. Locust's and JMeter's usual models pause 1-3 s; 1.5 s is a busy analyst.
DEFAULT_THINK = 1.5
PASSWORD = "bench-password"
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

# kind -> weight in the mix
MIX = {"dashboard": 12, "source page": 22, "observation list": 8, "event list": 6, "map data": 8, "api read": 18,
       "review": 22, "upload": 4}


def client_limits():
    """Connection reuse as a browser does it: an idle connection is dropped by the client before the server
    (`sitroom serve --keep-alive`) would close it, so no request is sent on a connection the server is
    closing at that moment (a browser retries then; httpx reports a reset connection)."""
    import httpx

    from sitroom.commands.serve import KEEP_ALIVE_SECONDS

    return httpx.Limits(keepalive_expiry=KEEP_ALIVE_SECONDS - 1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sitroom_bin() -> str:
    candidate = Path(sys.executable).parent / "sitroom"
    return str(candidate) if candidate.exists() else "sitroom"


def start_server(env: dict[str, str], *, workers: int | None = None, threads: int | None = None,
                 log_path: str | None = None, wait: float = 60.0) -> tuple[subprocess.Popen, str]:
    """Start `sitroom serve` on a free loopback port (its own defaults for workers and threads unless
    given); returns (process, base URL) once /healthz answers."""
    import httpx

    port = free_port()
    env = {**env, "SITROOM_SECURE_COOKIES": "0"}  # plain HTTP on the loopback: cookies must travel
    log = open(log_path or os.devnull, "ab")  # noqa: SIM115 - handed to the child for its lifetime
    proc = subprocess.Popen(
        [sitroom_bin(), "serve", "--host", "127.0.0.1", "--port", str(port)]
        + (["--workers", str(workers)] if workers else []) + (["--threads", str(threads)] if threads else []),
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"sitroom serve exited with {proc.returncode} (log: {log_path})")
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    stop_server(proc)
    raise RuntimeError(f"sitroom serve did not answer on {base} within {wait:.0f} s (log: {log_path})")


def stop_server(proc: subprocess.Popen, timeout: float = 30.0) -> None:
    """Stop the server we started (gunicorn's graceful shutdown on SIGTERM), by its own process group."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)


def login(base: str, username: str, password: str = PASSWORD):
    """A logged-in httpx client (session cookie + CSRF cookie)."""
    import httpx

    client = httpx.Client(base_url=base, timeout=60.0, follow_redirects=False, limits=client_limits())
    page = client.get("/login/")
    token = CSRF_RE.search(page.text)
    if page.status_code != 200 or not token:
        raise RuntimeError(f"login page answered {page.status_code} without a CSRF token")
    answer = client.post("/login/", data={"csrfmiddlewaretoken": token.group(1), "username": username,
                                          "password": password}, headers={"Referer": f"{base}/login/"})
    if answer.status_code != 302:
        raise RuntimeError(f"login as {username} failed: {answer.status_code}")
    return client


def csrf_of(client) -> str:
    return client.cookies.get("csrftoken") or ""


def review(client, base: str, claim_id: int, action: str, note: str = "load test"):
    """POST the review form of one claim, as the page does."""
    return client.post(f"/claims/{claim_id}/review/", data={"action": action, "note": note,
                                                            "csrfmiddlewaretoken": csrf_of(client)},
                       headers={"Referer": f"{base}/claims/{claim_id}/"})


def upload_text(client, base: str, text: str, title: str):
    return client.post("/sources/new/", data={"text": text, "title": title, "outlet": "Load test wire",
                                              "sensitivity": "partners", "csrfmiddlewaretoken": csrf_of(client)},
                       headers={"Referer": f"{base}/sources/new/"})


@dataclass
class Tally:
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    samples: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, ms: float, error: str | None) -> None:
        with self.lock:
            self.times[kind].append(ms)
            if error:
                self.errors[kind] += 1
                if len(self.samples) < 12:
                    self.samples.append(f"{kind}: {error}")


def report_text(i: int, rng: random.Random) -> str:
    n1, n2 = rng.randrange(100, 90_000), rng.randrange(2, 400)
    return (f"Load-test report {i}-{rng.random():.12f}. On 12 March 2022 the humanitarian response centre said "
            f"{n1:,} people had returned to Stepanakert since November. Peacekeepers delivered {n2} tons of "
            f"humanitarian aid to Martuni district, the Russian Defence Ministry said.")


def session_client(base: str, session_key: str):
    """An httpx client carrying an analyst's session (made in prepare_plan) and a CSRF cookie."""
    import httpx

    client = httpx.Client(base_url=base, timeout=60.0, follow_redirects=False, limits=client_limits())
    client.cookies.set("sessionid", session_key, domain="127.0.0.1")
    page = client.get("/sources/new/")
    if page.status_code != 200 or not csrf_of(client):
        client.close()
        raise RuntimeError(f"the upload page answered {page.status_code} (no session or no CSRF cookie)")
    return client


def client_loop(n: int, base: str, clock: dict, barrier: threading.Barrier, plan: dict, tally: Tally,
                max_requests: int, think: float = 0.0) -> None:
    import httpx

    rng = random.Random(1000 + n)
    client = None
    try:
        client = session_client(base, plan["sessions"][n])
    except Exception as exc:  # noqa: BLE001 - counted as an error of the run
        tally.add("session", 0.0, str(exc))
    barrier.wait()  # every client is ready: the clock starts (see drive)
    if client is None:
        return
    api_headers = {"Authorization": f"Token {plan['token']}"}
    my_claims = list(plan["claims"][n::plan["clients"]])
    kinds, weights = list(MIX), list(MIX.values())
    done = 0

    def pause(seconds: float) -> None:
        time.sleep(max(0.0, min(seconds, clock["deadline"] - time.monotonic())))

    if think > 0:
        pause(rng.uniform(0, 2 * think))  # users do not all click at the same instant
    try:
        while time.monotonic() < clock["deadline"] and done < max_requests:
            kind = rng.choices(kinds, weights)[0]
            if kind == "review" and not my_claims:
                kind = "source page"
            t = time.perf_counter()
            error = None
            try:
                if kind == "dashboard":
                    r, ok = client.get("/"), (200,)
                elif kind == "source page":
                    r, ok = client.get(f"/sources/{rng.choice(plan['sources'])}/"), (200,)
                elif kind == "observation list":
                    r, ok = client.get("/records/observations/", params={"page": rng.randrange(1, 20)}), (200,)
                elif kind == "event list":
                    r, ok = client.get("/records/events/"), (200,)
                elif kind == "map data":
                    r, ok = client.get("/map/data/"), (200,)
                elif kind == "api read":
                    path = rng.choice(["/api/observations/?limit=50", "/api/events/?limit=50", "/api/sources/?limit=20"])
                    r, ok = client.get(path, headers=api_headers), (200,)
                elif kind == "review":
                    r, ok = review(client, base, my_claims.pop(), rng.choice(["accept", "accept", "reject"])), (302,)
                else:
                    r, ok = upload_text(client, base, report_text(n * 100_000 + done, rng), f"load {n}-{done}"), (302,)
                if r.status_code not in ok:
                    error = f"HTTP {r.status_code} for {r.request.method} {r.request.url.path}"
                elif "database is locked" in r.text:
                    error = f"'database is locked' shown at {r.request.url.path}"
            except httpx.HTTPError as exc:
                error = f"{type(exc).__name__}: {exc}"
            if time.monotonic() >= clock["measure_from"]:
                tally.add(kind, (time.perf_counter() - t) * 1000, error)
            done += 1
            if think > 0:
                pause(rng.expovariate(1 / think))
    finally:
        client.close()


def _process_stats() -> dict[int, tuple[int, float]]:
    """{pid: (parent pid, CPU seconds used so far)} of every process, from /proc (empty without /proc)."""
    proc = Path("/proc")
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    stats: dict[int, tuple[int, float]] = {}
    for entry in proc.iterdir() if proc.is_dir() else ():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue  # the process ended meanwhile
        # After the command name: state, ppid, ..., utime (14th field of the line), stime (15th).
        stats[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick)
    return stats


def database_cpu_by_backend(database: str) -> dict[int, float]:
    """{pid: CPU seconds used so far} of the PostgreSQL backends connected to `database` (their title
    names it)."""
    found = {}
    for pid, (_, seconds) in _process_stats().items():
        try:
            title = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if title.startswith("postgres: ") and f" {database} " in title:
            found[pid] = seconds
    return found


def tree_cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) used so far by a process and all its descendants (the gunicorn master, its
    workers and anything they started), read from /proc; None where there is no /proc."""
    stats = _process_stats()
    if pid not in stats:
        return None
    children: dict[int, list[int]] = defaultdict(list)
    for child, (parent, _) in stats.items():
        children[parent].append(child)
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        total += stats.get(current, (0, 0.0))[1]
        todo.extend(children.get(current, ()))
    return total


def machine_busy_seconds() -> float | None:
    """CPU time the whole machine spent not idle so far (all processes, ours and anyone else's), from
    /proc/stat; None where there is no /proc. Tells how much of the cores the server actually had."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return None
    ticks = [int(f) for f in fields]
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)  # idle + iowait
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def prepare_plan(n_clients: int) -> dict:
    """What the clients work on, read in this process through Django (the connection is closed after):
    an API token, one analyst session per client (made directly, as a login would: hashing 50
    passwords at once would only measure PBKDF2), sources to read and proposed claims to review."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import connections
    from rest_framework.authtoken.models import Token

    from sitroom.accounts.models import User
    from sitroom.evidence.models import Claim, Source

    analyst = User.objects.get(username="bench-analyst")
    token, _ = Token.objects.get_or_create(user=analyst)
    sessions = []
    for _ in range(n_clients):
        store = SessionStore()
        store[SESSION_KEY] = str(analyst.pk)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
        store[HASH_SESSION_KEY] = analyst.get_session_auth_hash()
        store.create()
        sessions.append(store.session_key)
    sources = list(Source.objects.filter(claims__isnull=False).values_list("id", flat=True).distinct()[:5000])
    claims = list(Claim.objects.filter(status="proposed", kind="figure", source__archived_at__isnull=True)
                  .order_by("id").values_list("id", flat=True)[:20_000])
    random.Random(5).shuffle(claims)
    connections.close_all()
    return {"token": token.key, "sources": sources, "claims": claims, "clients": n_clients, "sessions": sessions}


def mode_label(think: float) -> str:
    return f"think {think:g} s" if think > 0 else "saturation"


def drive(base: str, *, clients: int, duration: float, plan: dict, think: float = 0.0, server_pid: int | None = None,
          database: str | None = None) -> dict:
    """Run the clients: a warm-up (not measured: workers load the pipeline, caches fill), then `duration`
    seconds measured. Also checks once that a real login through the form works. With `think` > 0 each
    client pauses a random time (exponential, that mean) after every answer; with 0 it never pauses."""
    login(base, "bench-analyst").close()
    tally = Tally()
    warmup = min(10.0, duration / 4)
    clock: dict[str, float] = {}
    cpu: dict[str, float | None] = {}

    def start_clock() -> None:
        now = time.monotonic()
        clock.update(measure_from=now + warmup, deadline=now + warmup + duration)

    def sample_cpu() -> None:
        # The server's and this process's CPU time over the measured window only.
        time.sleep(max(0.0, clock["measure_from"] - time.monotonic()))
        cpu.update(server_start=tree_cpu_seconds(server_pid) if server_pid else None, client_start=time.process_time(),
                   machine_start=machine_busy_seconds())
        # Backends come and go (connections are recycled): each one's CPU is followed once a second.
        first: dict[int, float] = database_cpu_by_backend(database) if database else {}
        last = dict(first)
        while time.monotonic() < clock["deadline"]:
            time.sleep(max(0.0, min(1.0, clock["deadline"] - time.monotonic())))
            if database:
                for pid, seconds in database_cpu_by_backend(database).items():
                    first.setdefault(pid, 0.0)  # connected during the window: all its CPU counts
                    last[pid] = seconds
        cpu.update(server_end=tree_cpu_seconds(server_pid) if server_pid else None, client_end=time.process_time(),
                   machine_end=machine_busy_seconds())
        if database and last:
            cpu.update(db_start=0.0, db_end=sum(last[pid] - first[pid] for pid in last))

    barrier = threading.Barrier(clients + 1, action=start_clock)
    max_requests = int((duration + warmup) * 200)  # per client: a hard bound whatever the speed
    threads = [threading.Thread(target=client_loop, args=(i, base, clock, barrier, plan, tally, max_requests, think),
                                daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    barrier.wait()
    sampler = threading.Thread(target=sample_cpu, daemon=True)
    sampler.start()
    for t in threads:
        t.join(duration + warmup + 180)
    sampler.join(duration + warmup + 10)
    elapsed = duration
    all_times = [ms for v in tally.times.values() for ms in v]
    out = {"mode": mode_label(think), "think_s": think, "clients": clients, "duration_s": round(elapsed, 1),
           "warmup_s": warmup, "requests": len(all_times),
           "rps": round(len(all_times) / elapsed, 1) if elapsed else 0.0,
           "p50": percentile(all_times, 50), "p95": percentile(all_times, 95), "p99": percentile(all_times, 99),
           "errors": sum(tally.errors.values()), "error_samples": tally.samples,
           "by_kind": {k: {"n": len(v), "p50": percentile(v, 50), "p95": percentile(v, 95),
                           "errors": tally.errors.get(k, 0)} for k, v in sorted(tally.times.items())}}
    server_cpu = (cpu["server_end"] - cpu["server_start"]) if cpu.get("server_end") is not None and cpu.get("server_start") is not None else None
    out["server_cpu_ms_per_request"] = round(server_cpu * 1000 / len(all_times), 1) if server_cpu is not None and all_times else None
    out["server_cores_busy"] = round(server_cpu / elapsed, 2) if server_cpu is not None else None
    out["client_cores_busy"] = round((cpu["client_end"] - cpu["client_start"]) / elapsed, 2) if "client_end" in cpu else None
    # PostgreSQL's own work happens in its backends, outside the server's processes: counted apart.
    db_cpu = (cpu["db_end"] - cpu["db_start"]) if cpu.get("db_end") is not None and cpu.get("db_start") is not None else None
    out["database_cpu_ms_per_request"] = round(db_cpu * 1000 / len(all_times), 1) if db_cpu is not None and all_times else None
    machine = (cpu["machine_end"] - cpu["machine_start"]) if cpu.get("machine_end") is not None and cpu.get("machine_start") is not None else None
    out["machine_cores_busy"] = round(machine / elapsed, 2) if machine is not None else None
    out["cores"] = os.cpu_count()
    # The latency target is about users (think time); without pause the latency is the queue that N
    # clients build (N / requests per second), so that run is judged on errors only and shows capacity.
    out["latency_judged"] = think > 0
    out["ok"] = out["errors"] == 0 and out["requests"] > 0 and (out["p95"] <= TARGET_P95_MS or not out["latency_judged"])
    return out


def print_result(db: str, out: dict) -> None:
    who = f"{out['clients']} users, think {out['think_s']:g} s" if out["think_s"] > 0 else f"{out['clients']} clients, saturation (no pause)"
    print(f"[{db}] {who}, {out['duration_s']} s: {out['requests']:,} requests, {out['rps']} req/s, "
          f"p50 {out['p50']:.0f} ms, p95 {out['p95']:.0f} ms, p99 {out['p99']:.0f} ms, errors {out['errors']}  "
          f"{'ok' if out['ok'] else 'NOT OK'}{'' if out['latency_judged'] else ' (errors only: latency here is queueing)'}")
    if out.get("server_cpu_ms_per_request") is not None:
        print(f"    server CPU {out['server_cpu_ms_per_request']:.1f} ms per request ({out['server_cores_busy']:.2f} cores busy); "
              f"load generator {out['client_cores_busy']:.2f} cores; whole machine {out['machine_cores_busy']} of {out['cores']} cores busy"
              + (f"; PostgreSQL backends {out['database_cpu_ms_per_request']:.1f} ms per request" if out.get("database_cpu_ms_per_request") is not None else ""))
    for kind, k in out["by_kind"].items():
        print(f"    {kind:<17} {k['n']:>6}  p50 {k['p50']:7.0f} ms  p95 {k['p95']:7.0f} ms  errors {k['errors']}")
    for sample in out["error_samples"]:
        print(f"    error: {sample}")


def run_one(db: str, *, scale: float, reuse: str | None, clients: int, duration: float, workers: int | None,
            threads: int | None, keep: bool, thinks: list[float]) -> list[dict]:
    sys.path.insert(0, str(HERE))
    import generate
    import picture

    data_dir = Path(reuse).resolve().parent if (reuse and db == "sqlite") else Path(tempfile.mkdtemp(prefix="sitroom-load-"))
    if db == "postgres":
        os.environ["DATABASE_URL"] = f"{picture.PG_SERVER}/{picture.PG_DB}"
        if not reuse:
            picture.pg_admin(f'DROP DATABASE IF EXISTS "{picture.PG_DB}" WITH (FORCE)')
            picture.pg_admin(f'CREATE DATABASE "{picture.PG_DB}"')
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(reuse).resolve() if reuse else data_dir / 'sitroom.sqlite3'}"
    generate.configure(data_dir)
    proc = None
    try:
        t = time.perf_counter()
        generate.migrate_and_load_reference()
        if not generate.already_generated():
            print(f"[{db}] generating scale {scale} ...", flush=True)
            generate.generate(scale)
        print(f"[{db}] operation ready in {time.perf_counter() - t:.0f} s", flush=True)
        plan = prepare_plan(clients)
        env = {**os.environ, "SITROOM_DATA_DIR": str(data_dir)}
        proc, base = start_server(env, workers=workers, threads=threads, log_path=str(data_dir / "server.log"))
        shape = f"{workers or 'default'} workers x {threads or 'default'} threads"
        print(f"[{db}] server {base} ({shape}); {clients} clients, {duration:.0f} s per mode", flush=True)
        results = []
        for think in thinks:
            out = drive(base, clients=clients, duration=duration, plan=plan, think=think, server_pid=proc.pid,
                        database=picture.PG_DB if db == "postgres" else None)
            out.update(db=db, workers=workers, threads=threads)
            print_result(db, out)
            results.append(out)
        return results
    finally:
        if proc is not None:
            stop_server(proc)
        from django.db import connections

        connections.close_all()
        if not keep and not reuse:
            if db == "postgres":
                picture.pg_admin(f'DROP DATABASE IF EXISTS "{picture.PG_DB}" WITH (FORCE)')
            shutil.rmtree(data_dir, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--reuse", help="a generated SQLite file (with --db sqlite), or 'yes' for the PostgreSQL bench db")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--think", type=float, default=None,
                        help=f"mean pause of a user between requests, seconds (exponential); 0 = saturation, no pause. "
                             f"Default: both, one after the other ({DEFAULT_THINK:g} s, then 0)")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default: sitroom serve's)")
    parser.add_argument("--threads", type=int, default=None, help="threads per worker (default: sitroom serve's)")
    default_mix = ",".join(f"{k.replace(' ', '_')}={v}" for k, v in MIX.items())
    parser.add_argument("--mix", help=f"weights of the request kinds, e.g. 'upload=0,review=10' (default: {default_mix})")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--json", help="write the results to this file")
    args = parser.parse_args(argv)
    if not 1 <= args.clients <= 200 or not 0 < args.duration <= 900:
        parser.error("--clients must be 1..200 and --duration 0..900 s (the load test is bounded)")
    if args.think is not None and not 0 <= args.think <= 60:
        parser.error("--think must be 0..60 s")
    thinks = [DEFAULT_THINK, 0.0] if args.think is None else [args.think]
    sys.path.insert(0, str(ROOT / "src"))
    for part in filter(None, (args.mix or "").split(",")):
        name, _, weight = part.partition("=")
        name = name.strip().replace("_", " ")
        if name not in MIX or not weight.strip().isdigit():
            parser.error(f"--mix: {part!r} is not kind=weight with a kind among {', '.join(MIX)}")
        MIX[name] = int(weight)
    results = []
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    for db in dbs:
        if len(dbs) == 1:
            results.extend(run_one(db, scale=args.scale, reuse=args.reuse, clients=args.clients, duration=args.duration,
                                   workers=args.workers, threads=args.threads, keep=args.keep, thinks=thinks))
            continue
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
            out_path = tmp.name
        cmd = [sys.executable, __file__, "--db", db, "--scale", str(args.scale), "--clients", str(args.clients),
               "--duration", str(args.duration), "--json", out_path] + (["--mix", args.mix] if args.mix else []) \
            + (["--think", str(args.think)] if args.think is not None else []) \
            + (["--workers", str(args.workers)] if args.workers else []) + (["--threads", str(args.threads)] if args.threads else [])
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SITROOM_DATA_DIR")}
        code = subprocess.call(cmd, env=env)
        if code not in (0, 1):
            results.append({"db": db, "failed": f"exit code {code}"})
            continue
        results.extend(json.loads(Path(out_path).read_text()))
        os.unlink(out_path)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, default=str))
    return 0 if all(r.get("ok") for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
