"""The working state that stages read and add to while one document goes through the pipeline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .schema import DocumentInfo, Event, Figure, Mention, PersonMention, Quote


@dataclass(slots=True)
class Token:
    """A recognised piece of text that later stages assemble (a number, a date, ...)."""

    kind: str
    start: int
    end: int
    value: Any = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Context:
    """`text` is the document text that spans point into. `clean` has exactly the same length:
    boilerplate masked with spaces (newlines kept) and typographic variants folded one character for
    one, so an offset found in `clean` is the same offset in `text`."""

    text: str
    clean: str = ""
    info: DocumentInfo = field(default_factory=DocumentInfo)
    numbers: list[Token] = field(default_factory=list)
    dates: list[Token] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)
    organizations: list[Mention] = field(default_factory=list)
    people: list[PersonMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    reference_date: dt.date | None = None  # published, else the latest absolute date in the text
    memo: dict[str, Any] = field(default_factory=dict)  # per-document lookups a stage builds once (speed)
