"""sitroom's extraction pipeline: report text in, figures, events, places, organisations, people and
quotes out, each with a span into the document text. Pure Python: no Django import.

    extract_text(text, path=..., published=..., source=...) -> ExtractedDocument
    extract_bytes(data, filename=...) -> ExtractedDocument   (.txt, .md, .html, .htm)
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath

from sitroom.errors import InputError

from .decode import decode_bytes
from .html import html_to_text
from .orchestrator import run_stages
from .schema import ExtractedDocument

__all__ = ["document_text", "extract_bytes", "extract_text", "ExtractedDocument", "TEXT_SUFFIXES", "HTML_SUFFIXES"]

TEXT_SUFFIXES = frozenset({".txt", ".md", ".text", ""})
HTML_SUFFIXES = frozenset({".html", ".htm"})


def extract_text(
    text: str, *, path: str | None = None, published: dt.date | None = None, source: str | None = None
) -> ExtractedDocument:
    """Run the pipeline over `text`. `published`/`source`, when given, win over what the text says."""
    if not isinstance(text, str):
        raise InputError("extract_text needs a str; use extract_bytes for bytes")
    return run_stages(text, path=path, published=published, source=source)


def extract_bytes(data: bytes, *, filename: str) -> ExtractedDocument:
    """Decode `data` (named `filename`, whose suffix says text or HTML) and run the pipeline.

    For HTML the document text is the page's visible text, and spans index that text.
    Raises InputError for an unsupported suffix, DecodeError for empty or binary data."""
    text, warnings = document_text(data, filename=filename)
    return run_stages(text, path=filename, warnings=warnings)


def document_text(data: bytes, *, filename: str) -> tuple[str, list[str]]:
    """The document text of a file (decoded; for HTML the page's visible text) and decoding warnings.

    This is the text every span of `extract_bytes` indexes; the ingest layer stores it as the Source's text."""
    suffix = PurePath(filename).suffix.lower()
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        raise InputError(f"{filename}: unsupported file type {suffix!r} (use .txt, .md, .html or .htm)")
    decoded = decode_bytes(data, name=filename)
    text = html_to_text(decoded.text) if suffix in HTML_SUFFIXES else decoded.text
    if not text.strip():
        raise InputError(f"{filename}: no text found in the page")
    return text, decoded.warnings
