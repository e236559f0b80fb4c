"""Fixtures for evidence tests: places with name variants, and a controllable stand-in for the pipeline
(for tests that need exact figures and events; the real pipeline is used wherever only invariants matter)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

import sitroom.pipeline
from factories import PlaceFactory
from sitroom.evidence.services import IngestResult, source_ingest
from sitroom.pipeline.schema import DocumentInfo, Event, ExtractedDocument, Figure, Mention, Provenance, Quote

PUBLISHED = dt.date(2021, 11, 26)


@pytest.fixture
def places(db) -> dict[str, Any]:
    return {
        "stepanakert": PlaceFactory(key="stepanakert", name="Stepanakert",
                                    names={"en": ["Stepanakert", "Khankendi"], "ru": ["Степанакерт"], "az": ["Xankəndi"]}),
        "martuni": PlaceFactory(key="martuni", name="Martuni", names={"en": ["Martuni"], "az": ["Xocavənd"]}),
    }


def span_of(text: str, fragment: str) -> tuple[int, int]:
    start = text.index(fragment)
    return start, start + len(fragment)


def figure(text: str, fragment: str, *, value: float, indicator: str = "people.returned", date: dt.date | None = None,
           place: str | None = None, unit: str = "people", qualifier: str | None = None) -> Figure:
    return Figure(value=value, qualifier=qualifier, unit=unit, indicator=indicator, what=f"{unit} ({indicator})",
                  date_of_fact=date, place=place, span=span_of(text, fragment), text=fragment,
                  provenance=Provenance("figures", "1", "test-rule", 0.9))


def event(text: str, fragment: str, *, kind: str = "meeting", date: dt.date | None = None,
          places: list[str] | None = None) -> Event:
    return Event(kind=kind, what=fragment, date=date, span=span_of(text, fragment), text=fragment,
                 places=places or [], actors=["Test actor"], provenance=Provenance("events", "1", "test-rule", 0.7))


@pytest.fixture
def fake_pipeline(monkeypatch) -> Callable[..., None]:
    """Make `sitroom.pipeline.extract_bytes` return the given figures/events for the next reports."""

    def install(*, figures: Callable[[str], list[Figure]] = lambda t: [], events: Callable[[str], list[Event]] = lambda t: [],
                published: dt.date | None = PUBLISHED, outlet: str | None = "ARMENPRESS", title: str | None = "Test report",
                places: Callable[[str], list[Mention]] = lambda t: [], quotes: Callable[[str], list[Quote]] = lambda t: []) -> None:
        def extract_bytes(data: bytes, *, filename: str) -> ExtractedDocument:
            text = data.decode("utf-8")
            return ExtractedDocument(
                document=DocumentInfo(path=filename, title=title, published=published, language="en", source=outlet),
                figures=figures(text), events=events(text), places=places(text), quotes=quotes(text),
            )

        monkeypatch.setattr(sitroom.pipeline, "extract_bytes", extract_bytes)

    return install


REPORT = (
    "STEPANAKERT, November 26. More than 53,000 people have returned to Stepanakert since November 14, "
    "the response centre said. A meeting of the commanders was held in Martuni on November 25."
)


@pytest.fixture
def ingested_report(fake_pipeline, indicators, places) -> Callable[..., IngestResult]:
    """Ingest REPORT (or `text`) with one returns figure and one meeting event."""

    def ingest(text: str = REPORT, **kwargs: Any) -> IngestResult:
        fake_pipeline(
            figures=lambda t: [figure(t, "More than 53,000 people have returned to Stepanakert", value=53000,
                                      qualifier="more than", date=dt.date(2021, 11, 26), place="Stepanakert")],
            events=lambda t: [event(t, "A meeting of the commanders was held in Martuni on November 25",
                                    date=dt.date(2021, 11, 25), places=["Martuni"])],
        )
        return source_ingest(data=text.encode("utf-8"), filename="report.txt", **kwargs)

    return ingest
