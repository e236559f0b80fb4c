"""Reconciliation of one indicator's figures across sources — pure logic, no database.

The rule, in the users' words:
- values are grouped into date windows (default 3 days: reports of the same fact a day or two apart);
- within a window, sources that give different values (beyond rounding) are *disputed*: all their
  values are kept side by side, nothing is averaged;
- the headline is the latest *accepted* (human-verified) value, with its source, the number of sources
  in its window and their range;
- a cumulative figure (returns so far) that goes below an earlier one is flagged, and so is a value far
  from its neighbours (an extra zero, a unit mix-up).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date as Date

VERIFIED = "verified"
PROPOSED = "proposed"


@dataclass(frozen=True)
class Point:
    """One figure as some source gave it."""

    observation_id: int
    value: float
    date: Date | None
    verification: str  # "verified" (human-verified) or "proposed" (machine-proposed)
    source_key: str  # who said it: "source:12", "record:5:40", "entry:org:3"...
    source_label: str
    place_id: int | None = None
    source_id: int | None = None
    claim_id: int | None = None
    qualifier: str = ""

    @property
    def verified(self) -> bool:
        return self.verification == VERIFIED


@dataclass
class Window:
    start: Date
    end: Date
    points: list[Point] = field(default_factory=list)
    disputed: bool = False

    @property
    def sources(self) -> list[str]:
        return sorted({p.source_key for p in self.points})

    @property
    def low(self) -> float:
        return min(p.value for p in self.points)

    @property
    def high(self) -> float:
        return max(p.value for p in self.points)

    @property
    def headline(self) -> Point | None:
        """The window's accepted value: the latest human-verified one (latest date, then latest entered)."""
        verified = [p for p in self.points if p.verified]
        return max(verified, key=lambda p: (p.date, p.observation_id)) if verified else None

    def by_source(self) -> dict[str, list[Point]]:
        out: dict[str, list[Point]] = {}
        for p in self.points:
            out.setdefault(p.source_key, []).append(p)
        return out


@dataclass
class Headline:
    point: Point
    sources: int
    low: float
    high: float
    disputed: bool
    window: Window

    @property
    def value(self) -> float:
        return self.point.value

    @property
    def as_of(self) -> Date | None:
        return self.point.date


@dataclass
class Reconciliation:
    windows: list[Window]
    undated: list[Point]
    flags: dict[int, list[str]]  # observation id -> reasons to review it
    headline: Headline | None

    @property
    def disputed_windows(self) -> list[Window]:
        return [w for w in self.windows if w.disputed]

    @property
    def points(self) -> list[Point]:
        return [p for w in self.windows for p in w.points]


def values_disagree(values: list[float], tolerance: float) -> bool:
    """True when the values differ by more than `tolerance` (relative to the largest): rounding is not a dispute."""
    if len(values) < 2:
        return False
    low, high = min(values), max(values)
    if high == low:
        return False
    return (high - low) > tolerance * max(abs(high), abs(low))


def build_windows(points: list[Point], window_days: int) -> list[Window]:
    windows: list[Window] = []
    for p in sorted((p for p in points if p.date is not None), key=lambda p: (p.date, p.observation_id)):
        if windows and (p.date - windows[-1].start).days < window_days:
            windows[-1].points.append(p)
            windows[-1].end = p.date
        else:
            windows.append(Window(start=p.date, end=p.date, points=[p]))
    return windows


def _mark_disputes(windows: list[Window], tolerance: float) -> None:
    for w in windows:
        # Each source counts with its latest value in the window (a source correcting itself is no dispute).
        latest = [max(pts, key=lambda p: (p.date, p.observation_id)).value for pts in w.by_source().values()]
        w.disputed = len(latest) >= 2 and values_disagree(latest, tolerance)


def _flag_cumulative_decreases(windows: list[Window], tolerance: float, flags: dict[int, list[str]]) -> None:
    running_max: Point | None = None
    for w in windows:
        for p in w.points:
            if running_max is not None and p.value < running_max.value * (1 - tolerance):
                flags.setdefault(p.observation_id, []).append(
                    f"cumulative figure went down: {p.value:,.0f} after {running_max.value:,.0f} on {running_max.date} ({running_max.source_label})"
                )
        best = max(w.points, key=lambda p: p.value)
        if running_max is None or best.value > running_max.value:
            running_max = best


def _flag_outliers(points: list[Point], factor: float, neighbours: int, flags: dict[int, list[str]]) -> None:
    ordered = sorted((p for p in points if p.date is not None), key=lambda p: (p.date, p.observation_id))
    for i, p in enumerate(ordered):
        around = ordered[max(0, i - neighbours):i] + ordered[i + 1:i + 1 + neighbours]
        if len(around) < 2:
            continue
        middle = statistics.median(q.value for q in around)
        if middle <= 0:
            continue
        if p.value > middle * factor or p.value < middle / factor:
            flags.setdefault(p.observation_id, []).append(
                f"far from its neighbours: {p.value:,.0f} against a median of {middle:,.0f}"
            )


def reconcile(
    points: list[Point],
    *,
    cumulative: bool,
    window_days: int = 3,
    tolerance: float = 0.02,
    outlier_factor: float = 3.0,
    neighbours: int = 3,
) -> Reconciliation:
    """Reconcile the figures of one indicator at one place (points from any number of sources)."""
    if window_days < 1:
        raise ValueError("window_days must be at least 1")
    windows = build_windows(points, window_days)
    _mark_disputes(windows, tolerance)
    flags: dict[int, list[str]] = {}
    if cumulative:
        _flag_cumulative_decreases(windows, tolerance, flags)
    _flag_outliers(points, outlier_factor, neighbours, flags)
    headline = None
    for w in reversed(windows):
        if w.headline is not None:
            headline = Headline(point=w.headline, sources=len(w.sources), low=w.low, high=w.high, disputed=w.disputed, window=w)
            break
    return Reconciliation(windows=windows, undated=[p for p in points if p.date is None], flags=flags, headline=headline)
