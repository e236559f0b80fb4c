"""`sitroom import KIND FILE [--dry-run] [--skip-invalid] [--user USERNAME]` (CSV or XLSX)."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "import places, organisations, observations, events, consignments or activities from CSV/XLSX"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", help="places, organisations, observations, events, consignments or activities")
    parser.add_argument("file", help="a .csv or .xlsx file with a header row (an HXL row under it is fine)")
    parser.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
    parser.add_argument("--skip-invalid", action="store_true", help="write the valid rows even if some are invalid")
    parser.add_argument("--user", help="who imports (default: the only admin)")


def run(args: argparse.Namespace) -> int:
    from sitroom.django_setup import setup

    setup(schema_current=True)
    from sitroom.errors import InputError
    from sitroom.exchange.imports import import_rows

    from ._exchange import acting_user

    path = Path(args.file)
    if not path.is_file():
        raise InputError(f"{path}: no such file", field="file")
    report = import_rows(kind_name=args.kind, data=path.read_bytes(), filename=path.name,
                         user=acting_user(args.user, for_writing=True), dry_run=args.dry_run,
                         skip_invalid=args.skip_invalid)
    for error in report.errors[:200]:
        print(error)
    if len(report.errors) > 200:
        print(f"... and {len(report.errors) - 200} more errors")
    for warning in report.warnings:
        print(f"warning: {warning}")
    print(report.summary())
    if report.errors and not args.skip_invalid:
        return 1
    return 0
