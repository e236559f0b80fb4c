"""Runs the stages in order over one document and builds the ExtractedDocument.

Order: clean -> metadata -> language -> sentences -> numbers -> dates -> places -> entities -> quotes
-> figures -> events. Decoding and HTML extraction happen before (see `sitroom.pipeline`), because the
Context holds the document text that every span points into.
"""

from __future__ import annotations

import datetime as dt
from types import ModuleType

from . import clean, dates, entities, events, figures, language, metadata, numbers, places, quotes, sentences
from .context import Context
from .schema import DocumentInfo, ExtractedDocument

STAGES: tuple[ModuleType, ...] = (
    clean,
    metadata,
    language,
    sentences,
    numbers,
    dates,
    places,
    entities,
    quotes,
    figures,
    events,
)


def run_stages(
    text: str,
    *,
    path: str | None = None,
    published: dt.date | None = None,
    source: str | None = None,
    warnings: list[str] | None = None,
) -> ExtractedDocument:
    """Every stage over `text`; spans of the result index `text`."""
    ctx = Context(text=text, info=DocumentInfo(path=path, published=published, source=source))
    ctx.warnings.extend(warnings or [])
    for stage in STAGES:
        stage.run(ctx)
    return ExtractedDocument(
        document=ctx.info,
        figures=sorted(ctx.figures, key=lambda f: f.span),
        events=sorted(ctx.events, key=lambda e: e.span),
        places=list(ctx.places),
        organizations=list(ctx.organizations),
        people=list(ctx.people),
        quotes=list(ctx.quotes),
        warnings=list(ctx.warnings),
    )
