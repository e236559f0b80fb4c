"""`sitroom backup FILE`: every record, source (original bytes), claim, user and history entry."""

from __future__ import annotations

import argparse

HELP = "write a backup of the whole database to FILE (.gz compresses)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="where to write it, e.g. sitroom-2021-11-30.jsonl.gz")


def run(args: argparse.Namespace) -> int:
    from sitroom.django_setup import setup

    setup(schema_current=True)
    from sitroom.exchange.backup import database_backup

    summary = database_backup(args.file)
    print(f"wrote {summary.path}: {summary.total} rows from {len(summary.counts)} tables")
    return 0
