"""`sitroom ingest PATH...`: add reports (files, folders, globs, `-` for stdin) as sources with their
claims. One transaction per report; a bad file is reported on one line and the others still go in."""

from __future__ import annotations

import argparse
import glob
import logging
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitroom.errors import ConfigurationError, InputError, NotFound, SitroomError

HELP = "add report files (txt, md, html, json, jsonl; folders, globs, - for stdin) as sources with claims"

log = logging.getLogger(__name__)

STDIN = "-"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, folders (searched recursively), globs, or - for stdin")
    parser.add_argument("--sensitivity", choices=["public", "partners", "internal"], default="partners",
                        help="who may see the new sources and their records (default: partners)")
    parser.add_argument("--org", metavar="KEY", help="the organisation that submits the reports (its key)")
    parser.add_argument("--user", metavar="USERNAME", help="record the reports as received by this user (an analyst)")


@dataclass
class FileOutcome:
    name: str
    new: int = 0
    already: int = 0
    claims: int = 0
    figures: int = 0
    error: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        if self.error:
            return "failed"
        if self.new + self.already <= 1:
            return "new" if self.new else "already have"
        parts = [f"{self.new} new" if self.new else "", f"{self.already} already have" if self.already else ""]
        return ", ".join(p for p in parts if p)


def expand_paths(paths: list[str]) -> Iterator[tuple[str, Path | None]]:
    """(display name, path) for every file to read; path None for stdin. A path that matches nothing is
    yielded as is, so that reading it fails with a message naming it."""
    from sitroom.evidence.services.documents import SUPPORTED_SUFFIXES

    seen: set[Path] = set()
    for raw in paths:
        if raw == STDIN:
            yield STDIN, None
            continue
        path = Path(raw)
        if path.is_dir():
            matches = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.exists():
            matches = [path]
        elif glob.has_magic(raw):
            matches = sorted(Path(p) for p in glob.glob(raw, recursive=True) if Path(p).is_file())
            if not matches:
                yield raw, path  # fails later with "no such file"
                continue
        else:
            matches = [path]
        for match in matches:
            try:
                resolved = match.resolve()
            except (OSError, ValueError):  # a name no file can have (a NUL byte): reading it fails, naming it
                yield raw.replace("\x00", "\\x00"), match
                continue
            if resolved in seen:
                continue
            seen.add(resolved)
            yield str(match), match


def _stdin_documents() -> list[Any]:
    from sitroom.evidence.services.documents import Document, check_size, check_text_bytes

    data = sys.stdin.buffer.read()
    check_size(len(data), "stdin")
    check_text_bytes(data, "stdin")
    suffix = ".html" if data.lstrip()[:1] == b"<" else ".txt"
    return [Document(data=data, filename=f"stdin{suffix}", origin="stdin")]


def ingest_one(name: str, path: Path | None, *, user: Any, sensitivity: str, org: Any) -> FileOutcome:
    """Ingest every document of one file; stop at the file's first failure (earlier documents stay in)."""
    from sitroom.evidence.services import documents_from_file, source_ingest

    outcome = FileOutcome(name=name)
    try:
        documents = _stdin_documents() if path is None else list(documents_from_file(path))
        for document in documents:
            try:
                result = source_ingest(data=document.data, filename=document.filename, user=user,
                                       sensitivity=sensitivity, submitted_by_org=org, metadata=document.metadata)
            except SitroomError as exc:
                where = document.origin or name
                message = exc.message if exc.message.startswith(where) else f"{where}: {exc.message}"
                raise InputError(message) from exc
            outcome.new += int(result.created)
            outcome.already += int(not result.created)
            outcome.claims += result.claims
            outcome.figures += result.figures
            outcome.warnings.extend(result.errors)
    except SitroomError as exc:
        outcome.error = exc.message if exc.message.startswith(name) else f"{name}: {exc.message}"
    except Exception as exc:  # a bug must not stop the other files; its traceback is logged at debug level
        log.debug("ingest of %s failed", name, exc_info=True)
        outcome.error = f"{name}: internal error ({type(exc).__name__}: {exc})"
    return outcome


def run(args: argparse.Namespace) -> int:
    from sitroom.django_setup import setup

    setup(schema_current=True)
    from django.db import DatabaseError
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
    from rich.table import Table

    from sitroom.accounts.models import User
    from sitroom.evidence.models import Source
    from sitroom.reference.models import Organization

    try:
        Source.objects.exists()
    except DatabaseError as exc:
        raise ConfigurationError(f"the database is not ready ({exc}); run `sitroom init` first") from exc
    user = None
    if args.user:
        user = User.objects.filter(username=args.user).first()
        if user is None:
            raise NotFound(f"no user {args.user!r}")
    org = None
    if args.org:
        org = Organization.objects.filter(key=args.org).first()
        if org is None:
            raise InputError(f"no organisation with key {args.org!r}")

    files = list(expand_paths(args.paths))
    out = Console(file=sys.stdout, width=None if sys.stdout.isatty() else 160)
    err = Console(file=sys.stderr, width=None if sys.stderr.isatty() else 160, highlight=False)
    outcomes: list[FileOutcome] = []
    show_progress = len(files) > 1 and sys.stderr.isatty()
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=err, transient=True, disable=not show_progress) as progress:
        task = progress.add_task("ingesting", total=len(files))
        for name, path in files:
            progress.update(task, description=f"ingesting {Path(name).name}")
            outcome = ingest_one(name, path, user=user, sensitivity=args.sensitivity, org=org)
            if outcome.error:
                err.print(f"sitroom ingest: {outcome.error}", markup=False, soft_wrap=True)
            outcomes.append(outcome)
            progress.advance(task)

    table = Table(title="ingest summary", title_justify="left")
    table.add_column("file", overflow="fold")
    table.add_column("status")
    table.add_column("claims", justify="right")
    table.add_column("figures", justify="right")
    for outcome in outcomes:
        table.add_row(outcome.name, outcome.status, str(outcome.claims), str(outcome.figures))
    out.print(table)
    failed = sum(1 for o in outcomes if o.error)
    new = sum(o.new for o in outcomes)
    already = sum(o.already for o in outcomes)
    out.print(
        f"{len(outcomes)} file(s): {new} new report(s), {already} already had, {failed} failed; "
        f"{sum(o.claims for o in outcomes)} claims, {sum(o.figures for o in outcomes)} figures",
        markup=False, highlight=False,
    )
    return 1 if failed else 0
