"""`sitroom extract FILE... [--json]`: run the extraction pipeline over report files (no database)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sitroom.errors import SitroomError

HELP = "extract figures, events, places, organisations, people and quotes from report files (.txt .md .html)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="report files; '-' reads standard input")
    parser.add_argument("--json", action="store_true", help="print the contract (one JSON object per document, as a list)")


def run(args: argparse.Namespace) -> int:
    from sitroom.pipeline import extract_bytes

    results = []
    failed = 0
    for name in args.files:
        try:
            data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
            results.append(extract_bytes(data, filename="stdin.txt" if name == "-" else name))
        except OSError as exc:
            failed += 1
            print(f"sitroom extract: {name}: {exc.strerror or exc}", file=sys.stderr)
        except SitroomError as exc:
            failed += 1
            print(f"sitroom extract: {exc.message}", file=sys.stderr)
    if args.json:
        json.dump([doc.to_json() for doc in results], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for doc in results:
            _print_summary(doc)
    return 1 if failed else 0


def _print_summary(doc) -> None:  # type: ignore[no-untyped-def]
    from rich.console import Console
    from rich.table import Table

    console = Console()
    info = doc.document
    console.rule(f"[bold]{info.path}")
    console.print(
        f"title: {info.title or '-'}\npublished: {info.published or '-'}   source: {info.source or '-'}   "
        f"language: {info.language or '-'}"
    )
    for warning in doc.warnings:
        console.print(f"[yellow]warning:[/] {warning}")
    if doc.figures:
        table = Table(title="figures", show_lines=False)
        for column in ("value", "qualifier", "unit", "indicator", "date", "place", "text"):
            table.add_column(column)
        for f in doc.figures:
            table.add_row(
                f"{f.value:,}", f.qualifier or "", f.unit, f.indicator, str(f.date_of_fact or ""), f.place or "", f.text
            )
        console.print(table)
    if doc.events:
        table = Table(title="events")
        for column in ("kind", "date", "text"):
            table.add_column(column)
        for e in doc.events:
            table.add_row(e.kind, str(e.date or ""), e.text)
        console.print(table)
    names = [
        ("places", ", ".join(dict.fromkeys(m.name for m in doc.places))),
        ("organisations", ", ".join(dict.fromkeys(m.name for m in doc.organizations))),
        ("people", ", ".join(dict.fromkeys(p.name for p in doc.people))),
    ]
    for label, value in names:
        if value:
            console.print(f"[bold]{label}:[/] {value}")
    for q in doc.quotes:
        console.print(f"[bold]quote[/] {q.speaker or '?'}: {q.text[:100]!r}")
