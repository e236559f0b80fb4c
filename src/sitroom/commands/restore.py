"""`sitroom restore FILE`: into an empty database only (it refuses one that holds data)."""

from __future__ import annotations

import argparse

HELP = "restore a backup into an empty database"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="a file written by `sitroom backup`")


def run(args: argparse.Namespace) -> int:
    from sitroom.django_setup import setup

    setup()
    from sitroom.exchange.backup import database_restore

    summary = database_restore(args.file)
    print(f"restored {summary.total} rows into {len(summary.counts)} tables from {summary.path}")
    return 0
