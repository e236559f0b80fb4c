"""The pipeline's contract: plain dataclasses, serialised by `sitroom extract --json`.

Every span is a pair of character offsets into the document text (the decoded input, or for HTML the
text extracted from it) and `text == document_text[start:end]`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

Span = tuple[int, int]


@dataclass(slots=True)
class Provenance:
    """Which rule of which stage produced a claim, and how sure it is (0..1)."""

    stage: str
    version: str
    rule: str
    confidence: float = 0.8


@dataclass(slots=True)
class DocumentInfo:
    path: str | None = None
    title: str | None = None
    published: dt.date | None = None
    language: str | None = None
    source: str | None = None  # the outlet as named in the text, e.g. "Pakistan Point News / Sputnik"


@dataclass(slots=True)
class Figure:
    value: int | float
    qualifier: str | None  # about | at least | more than | less than | up to | estimated | None
    unit: str
    indicator: str  # a code of the indicator catalogue (data/indicators.json)
    what: str
    date_of_fact: dt.date | None
    place: str | None
    span: Span
    text: str
    provenance: Provenance | None = None


@dataclass(slots=True)
class Event:
    kind: str  # ceasefire_agreement|hostilities|incident|meeting|negotiation|deployment|evacuation|aid_delivery|visit|statement|other
    what: str
    date: dt.date | None
    span: Span
    text: str
    time: str | None = None  # time of day as written, e.g. "13.00"
    places: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    provenance: Provenance | None = None


@dataclass(slots=True)
class Mention:
    """A place or organisation named in the text. `name` is as first written."""

    name: str
    span: Span
    key: str | None = None  # gazetteer id for places, lexicon key for organisations
    provenance: Provenance | None = None


@dataclass(slots=True)
class PersonMention:
    name: str  # the full name, even when the text later says only "Putin"
    role: str | None
    span: Span
    organization: str | None = None
    provenance: Provenance | None = None


@dataclass(slots=True)
class Quote:
    speaker: str | None
    text: str  # the quoted words (== document_text[span[0]:span[1]])
    span: Span
    provenance: Provenance | None = None


@dataclass(slots=True)
class ExtractedDocument:
    document: DocumentInfo
    figures: list[Figure] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)
    organizations: list[Mention] = field(default_factory=list)
    people: list[PersonMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # e.g. "3 undecodable bytes replaced"

    def to_json(self) -> dict[str, Any]:
        """The `sitroom extract --json` shape (ARCHITECTURE.md)."""

        def plain(obj: Any) -> Any:
            if isinstance(obj, dt.date):
                return obj.isoformat()
            if isinstance(obj, tuple):
                return list(obj)
            if isinstance(obj, list):
                return [plain(x) for x in obj]
            if isinstance(obj, dict):
                return {k: plain(v) for k, v in obj.items()}
            return obj

        return {
            "document": plain(asdict(self.document)),
            "figures": [plain(asdict(f)) for f in self.figures],
            "events": [plain(asdict(e)) for e in self.events],
            "entities": {
                "places": [plain(asdict(p)) for p in self.places],
                "organizations": [plain(asdict(o)) for o in self.organizations],
                "people": [plain(asdict(p)) for p in self.people],
            },
            "quotes": [plain(asdict(q)) for q in self.quotes],
            "warnings": list(self.warnings),
        }
