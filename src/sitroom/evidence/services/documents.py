"""Report files to documents: one text file is one document; a .json/.jsonl file holds records with a
"text" field, each one document. Every problem is an InputError naming the file (and line or item)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

from sitroom.errors import InputError

TEXT_SUFFIXES = {".txt", ".md", ".html", ".htm"}
RECORD_SUFFIXES = {".json", ".jsonl"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | RECORD_SUFFIXES

# Record keys that become source metadata; "source" is the usual name of the outlet in news dumps.
_METADATA_KEYS = {"title": "title", "published": "published", "date": "published", "source": "outlet",
                  "outlet": "outlet", "url": "url", "language": "language"}


@dataclass(slots=True)
class Document:
    """One report ready for `source_ingest`: its bytes, the name it is known by, metadata overrides."""

    data: bytes
    filename: str
    metadata: dict[str, Any] = field(default_factory=dict)
    origin: str = ""  # where it came from, for messages: "reports.jsonl line 3"


def max_upload_bytes() -> int:
    return int(settings.MAX_UPLOAD_MB) * 1024 * 1024


def check_size(size: int, name: str) -> None:
    limit = max_upload_bytes()
    if size > limit:
        raise InputError(f"{name}: {size / 1024 / 1024:.1f} MB is over the {settings.MAX_UPLOAD_MB} MB limit (SITROOM_MAX_UPLOAD_MB)")


def check_text_bytes(data: bytes, name: str) -> None:
    """Refuse empty and binary input before the pipeline spends time on it."""
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    head = data[:8192]
    # UTF-16 text has NUL bytes too, but then it starts with a byte-order mark.
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{name}: looks like a binary file, not a text report")


def documents_from_file(path: str | Path) -> Iterator[Document]:
    """The documents in one file. Raises InputError (naming the file, and the line or item of a
    record file) for a missing, empty, binary, over-size or unsupported file, or a bad record."""
    path = Path(path)
    name = str(path)
    if not path.is_file():
        raise InputError(f"{name}: no such file")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(f"{name}: unsupported file type {suffix or '(none)'!r}; expected one of {', '.join(sorted(SUPPORTED_SUFFIXES))}")
    check_size(path.stat().st_size, name)
    data = path.read_bytes()
    check_text_bytes(data, name)
    if suffix in TEXT_SUFFIXES:
        yield Document(data=data, filename=path.name, origin=name)
        return
    yield from documents_from_records(data, name=name, jsonl=suffix == ".jsonl")


def documents_from_records(data: bytes, *, name: str, jsonl: bool) -> Iterator[Document]:
    """Documents from JSON (one object or a list of objects) or JSON Lines bytes."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not UTF-8 JSON (bad byte at offset {exc.start})") from exc
    base = Path(name).name
    if jsonl:
        records: list[tuple[str, Any]] = []
        for lineno, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                records.append((f"line {lineno}", json.loads(line)))
            except json.JSONDecodeError as exc:
                raise InputError(f"{name} line {lineno}: invalid JSON ({exc.msg} at column {exc.colno})") from exc
        if not records:
            raise InputError(f"{name}: the file holds no records")
    else:
        try:
            parsed = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"{name} line {exc.lineno}: invalid JSON ({exc.msg} at column {exc.colno})") from exc
        if isinstance(parsed, list):
            if not parsed:
                raise InputError(f"{name}: the file holds an empty list, no records")
            records = [(f"item {i}", item) for i, item in enumerate(parsed, start=1)]
        else:
            records = [("", parsed)]
    documents = [_record_document(record, name=name, where=where, base=base) for where, record in records]
    yield from documents


def _record_document(record: Any, *, name: str, where: str, base: str) -> Document:
    label = f"{name} {where}".strip()
    if not isinstance(record, dict):
        raise InputError(f"{label}: expected an object with a \"text\" field, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{label}: missing or empty \"text\" field")
    metadata: dict[str, Any] = {}
    for key, target in _METADATA_KEYS.items():
        value = record.get(key)
        if value not in (None, "") and target not in metadata:
            if not isinstance(value, str):
                raise InputError(f"{label}: field {key!r} should be a string")
            metadata[target] = value
    data = text.encode("utf-8")
    check_size(len(data), label)
    suffix = ".html" if record.get("format") == "html" else ".txt"
    filename = f"{base}-{where.replace(' ', '')}{suffix}" if where else f"{Path(base).stem}{suffix}"
    return Document(data=data, filename=filename, metadata=metadata, origin=label)
