"""`sitroom serve`: the production server (gunicorn) on 127.0.0.1:8000 by default."""

from __future__ import annotations

import argparse
import os
import sys

HELP = "run the web server (gunicorn)"
# People pause between clicks: an idle connection kept 5 s (gunicorn's default is 2) serves the next click
# too. Idle connections wait in the worker's poller, not in a thread.
KEEP_ALIVE_SECONDS = 5


def default_workers() -> int:
    """Two worker processes per CPU core (at least 2, at most 8): the pages are CPU-bound Python, so
    processes, not threads, use the cores; threads only cover waits on the database."""
    return min(8, max(2, 2 * (os.cpu_count() or 1)))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default=os.environ.get("SITROOM_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("SITROOM_PORT", "8000")))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("SITROOM_WORKERS") or default_workers()),
                        help="worker processes (default: 2 per CPU core, 2..8; env SITROOM_WORKERS)")
    parser.add_argument("--threads", type=int, default=int(os.environ.get("SITROOM_THREADS") or 2),
                        help="threads per worker (default 2; env SITROOM_THREADS)")


def gunicorn_argv(args: argparse.Namespace) -> list[str]:
    return [
        sys.executable, "-m", "gunicorn", "sitroom.wsgi:application",
        "--config", "python:sitroom.commands.gunicorn_hooks",
        "--bind", f"{args.host}:{args.port}",
        "--workers", str(args.workers),
        "--threads", str(args.threads),
        "--timeout", "120",
        "--graceful-timeout", "20",
        "--keep-alive", str(KEEP_ALIVE_SECONDS),
        "--access-logfile", "-",
    ]


def run(args: argparse.Namespace) -> int:
    from sitroom.django_setup import setup

    setup(schema_current=True)  # every page would fail on an old schema: say so before serving
    argv = gunicorn_argv(args)
    sys.stdout.flush()
    os.execv(argv[0], argv)
    return 0  # pragma: no cover - execv does not return
