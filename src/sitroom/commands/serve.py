"""`sitroom serve`: the production server (gunicorn) on 127.0.0.1:8000 by default."""

from __future__ import annotations

import argparse
import os
import sys

HELP = "run the web server (gunicorn)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default=os.environ.get("SITROOM_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("SITROOM_PORT", "8000")))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("SITROOM_WORKERS", "2")))
    parser.add_argument("--threads", type=int, default=int(os.environ.get("SITROOM_THREADS", "4")))


def gunicorn_argv(args: argparse.Namespace) -> list[str]:
    return [
        sys.executable, "-m", "gunicorn", "sitroom.wsgi:application",
        "--bind", f"{args.host}:{args.port}",
        "--workers", str(args.workers),
        "--threads", str(args.threads),
        "--timeout", "120",
        "--graceful-timeout", "20",
        "--access-logfile", "-",
    ]


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sitroom.settings")
    argv = gunicorn_argv(args)
    sys.stdout.flush()
    os.execv(argv[0], argv)
    return 0  # pragma: no cover - execv does not return
