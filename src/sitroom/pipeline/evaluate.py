"""Scores the pipeline against a folder of reports with gold answers (`reports/NAME.txt` + `gold/NAME.json`,
the shape of /work/shared/dev; see its README).

Matching, one gold item to at most one extracted item (greedy, in text order):
- figures: equal value and overlapping spans (the gold "text" fragment is located in the document text;
  whitespace and typographic quotes may differ). Among matched figures, the share with the gold
  indicator is the indicator accuracy.
- events: overlapping spans and equal dates (both null is equal).
- places, organizations, people: names compared case-insensitively with typographic variants folded; a
  shorter name inside a longer one counts when it is at least NAME_COVER of the longer's length
  ("Pashinyan" ~ "Nikol Pashinyan" yes; "UN" ~ "UN Security Council" no).
- quotes: the speakers' last words are equal and the quoted texts start the same (first QUOTE_PREFIX
  characters, or all of the shorter one).
Counts are summed over documents (micro-average) before precision, recall and F1.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .clean import fold
from .schema import ExtractedDocument

# The targets of `sitroom eval --fail-under` (F1, except indicator: accuracy over matched figures).
TARGETS: dict[str, float] = {
    "figures": 0.90,
    "indicator": 0.85,
    "events": 0.75,
    "places": 0.90,
    "people": 0.85,
    "quotes": 0.85,
}
CATEGORIES = ("figures", "events", "places", "organizations", "people", "quotes")
NAME_COVER = 0.5
QUOTE_PREFIX = 40
REPORT_SUFFIXES = (".txt", ".md", ".html", ".htm")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class DocumentScore:
    name: str
    counts: dict[str, Counts] = field(default_factory=lambda: {c: Counts() for c in CATEGORIES})
    indicator_right: int = 0
    indicator_matched: int = 0
    date_right: int = 0  # date_of_fact equal to gold's among matched figures (not a target)
    wrong_dates: list[str] = field(default_factory=list)
    misses: dict[str, list[str]] = field(default_factory=lambda: {c: [] for c in CATEGORIES})
    false_positives: dict[str, list[str]] = field(default_factory=lambda: {c: [] for c in CATEGORIES})
    wrong_indicators: list[str] = field(default_factory=list)
    metadata: dict[str, tuple[Any, Any]] = field(default_factory=dict)


@dataclass
class Evaluation:
    documents: list[DocumentScore]

    def totals(self) -> dict[str, Counts]:
        totals = {c: Counts() for c in CATEGORIES}
        for doc in self.documents:
            for category, counts in doc.counts.items():
                totals[category].add(counts)
        return totals

    @property
    def date_of_fact_accuracy(self) -> float:
        """Share of matched figures whose date_of_fact equals gold's (both null counts as equal)."""
        matched = sum(d.indicator_matched for d in self.documents)
        return sum(d.date_right for d in self.documents) / matched if matched else 1.0

    @property
    def indicator_accuracy(self) -> float:
        matched = sum(d.indicator_matched for d in self.documents)
        return sum(d.indicator_right for d in self.documents) / matched if matched else 1.0

    def metadata_accuracy(self) -> dict[str, float]:
        result = {}
        for key in ("published", "source", "language"):
            pairs = [d.metadata[key] for d in self.documents if key in d.metadata]
            result[key] = sum(1 for got, want in pairs if _same_meta(got, want)) / len(pairs) if pairs else 1.0
        return result

    def scores(self) -> dict[str, float]:
        """The figure compared with each target: F1 per category, indicator accuracy."""
        totals = self.totals()
        result = {c: totals[c].f1 for c in CATEGORIES}
        result["indicator"] = self.indicator_accuracy
        return result

    def below_targets(self, targets: dict[str, float] = TARGETS) -> dict[str, tuple[float, float]]:
        """{category: (score, target)} for every target not reached."""
        scores = self.scores()
        return {k: (scores[k], t) for k, t in targets.items() if scores[k] + 1e-9 < t}

    def to_json(self) -> dict[str, Any]:
        totals = self.totals()
        return {
            "categories": {
                c: {"precision": n.precision, "recall": n.recall, "f1": n.f1, "tp": n.tp, "fp": n.fp, "fn": n.fn}
                for c, n in totals.items()
            },
            "indicator_accuracy": self.indicator_accuracy,
            "metadata_accuracy": self.metadata_accuracy(),
            "targets": TARGETS,
            "below_targets": {k: {"score": s, "target": t} for k, (s, t) in self.below_targets().items()},
            "documents": [
                {"name": d.name, "misses": d.misses, "false_positives": d.false_positives, "wrong_indicators": d.wrong_indicators}
                for d in self.documents
            ],
        }


def _same_meta(got: Any, want: Any) -> bool:
    if got is None or want is None:
        return got is None and want is None
    return norm(str(got)) == norm(str(want))


def norm(text: str) -> str:
    """Text as compared: typographic variants folded, spaces collapsed, case folded."""
    return re.sub(r"\s+", " ", fold(text)).strip().casefold()


def names_match(a: str, b: str) -> bool:
    """Equal names, or the shorter inside the longer covering at least NAME_COVER of it."""
    a, b = norm(a), norm(b)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return bool(re.search(rf"(?<!\w){re.escape(short)}(?!\w)", long_)) and len(short) >= NAME_COVER * len(long_)


def last_name(name: str | None) -> str:
    words = norm(name or "").split()
    return words[-1] if words else ""


def quotes_match(speaker: str | None, text: str, gold_speaker: str | None, gold_text: str) -> bool:
    if not last_name(speaker) or last_name(speaker) != last_name(gold_speaker):
        return False
    a, b = norm(text).strip(" \"'"), norm(gold_text).strip(" \"'")
    size = min(len(a), len(b), QUOTE_PREFIX)
    return size > 0 and a[:size] == b[:size] and size >= min(len(b), 10)


def locate(text: str, fragment: str) -> tuple[int, int] | None:
    """The span of `fragment` in `text`: exact, else with typographic variants and spaces relaxed."""
    if not fragment:
        return None
    at = text.find(fragment)
    if at >= 0:
        return at, at + len(fragment)
    folded_text, folded_fragment = fold(text), fold(fragment)
    at = folded_text.find(folded_fragment)
    if at >= 0:
        return at, at + len(folded_fragment)
    words = folded_fragment.split()
    m = re.search(r"\s+".join(re.escape(w) for w in words), folded_text, re.IGNORECASE)
    return (m.start(), m.end()) if m else None


def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _greedy(gold: list[Any], found: list[Any], same: Callable[[Any, Any], bool]) -> tuple[list[tuple[Any, Any]], list[Any], list[Any]]:
    """(matched pairs, unmatched gold, unmatched found), each found item used once."""
    free = list(found)
    pairs, missed = [], []
    for item in gold:
        hit = next((f for f in free if same(item, f)), None)
        if hit is None:
            missed.append(item)
        else:
            free.remove(hit)
            pairs.append((item, hit))
    return pairs, missed, free


def score_document(name: str, text: str, doc: ExtractedDocument, gold: dict[str, Any]) -> DocumentScore:
    """Compare one extracted document with its gold answers."""
    score = DocumentScore(name)
    info = doc.document
    score.metadata = {
        "published": (info.published.isoformat() if info.published else None, gold.get("published")),
        "source": (info.source, gold.get("source")),
        "language": (info.language, gold.get("language")),
    }
    _score_figures(score, text, doc, gold.get("figures", []))
    _score_events(score, text, doc, gold.get("events", []))
    _score_names(score, "places", [m.name for m in doc.places], gold.get("places", []))
    _score_names(score, "organizations", [m.name for m in doc.organizations], gold.get("organizations", []))
    _score_names(score, "people", [p.name for p in doc.people], [p["name"] for p in gold.get("people", [])])
    _score_quotes(score, doc, gold.get("quotes", []))
    return score


def _record(score: DocumentScore, category: str, pairs: list[Any], missed: list[str], extra: list[str]) -> None:
    counts = score.counts[category]
    counts.tp += len(pairs)
    counts.fn += len(missed)
    counts.fp += len(extra)
    score.misses[category].extend(missed)
    score.false_positives[category].extend(extra)


def _score_figures(score: DocumentScore, text: str, doc: ExtractedDocument, gold: list[dict[str, Any]]) -> None:
    located = [(g, locate(text, g.get("text", ""))) for g in gold]

    def same(item: tuple[dict[str, Any], tuple[int, int] | None], figure: Any) -> bool:
        g, span = item
        return _same_value(g.get("value"), figure.value) and _overlap(span, figure.span)

    pairs, missed, extra = _greedy(located, doc.figures, same)
    for (g, _), figure in pairs:
        score.indicator_matched += 1
        if g.get("indicator") == figure.indicator:
            score.indicator_right += 1
        else:
            score.wrong_indicators.append(f"{figure.value} {figure.text!r}: {figure.indicator} (gold {g.get('indicator')})")
        got_date = figure.date_of_fact.isoformat() if figure.date_of_fact else None
        if got_date == (g.get("date_of_fact") or None):
            score.date_right += 1
        else:
            score.wrong_dates.append(f"{figure.value} {figure.text!r}: {got_date} (gold {g.get('date_of_fact')})")
    _record(
        score,
        "figures",
        pairs,
        [f"{g.get('value')} {g.get('text')!r}" + ("" if span else " [fragment not found]") for g, span in missed],
        [f"{f.value} {f.unit} {f.indicator} {f.text!r}" for f in extra],
    )


def _same_value(a: Any, b: Any) -> bool:
    try:
        return abs(float(a) - float(b)) < 1e-9
    except (TypeError, ValueError):
        return False


def _score_events(score: DocumentScore, text: str, doc: ExtractedDocument, gold: list[dict[str, Any]]) -> None:
    located = [(g, locate(text, g.get("text", ""))) for g in gold]

    def same(item: tuple[dict[str, Any], tuple[int, int] | None], event: Any) -> bool:
        g, span = item
        date = event.date.isoformat() if event.date else None
        return _overlap(span, event.span) and date == g.get("date")

    pairs, missed, extra = _greedy(located, doc.events, same)
    _record(
        score,
        "events",
        pairs,
        [f"{g.get('kind')} {g.get('date')} {g.get('text')!r}" for g, _ in missed],
        [f"{e.kind} {e.date} {e.text!r}" for e in extra],
    )


def _score_names(score: DocumentScore, category: str, found: list[str], gold: list[str]) -> None:
    unique_found = _unique(found)
    pairs, missed, extra = _greedy(_unique(gold), unique_found, names_match)
    _record(score, category, pairs, missed, extra)


def _unique(names: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(norm(name), name)
    return list(seen.values())


def _score_quotes(score: DocumentScore, doc: ExtractedDocument, gold: list[dict[str, Any]]) -> None:
    def same(g: dict[str, Any], q: Any) -> bool:
        return quotes_match(q.speaker, q.text, g.get("speaker"), g.get("text", ""))

    pairs, missed, extra = _greedy(gold, doc.quotes, same)
    _record(
        score,
        "quotes",
        pairs,
        [f"{g.get('speaker')}: {g.get('text')!r}" for g in missed],
        [f"{q.speaker}: {q.text[:60]!r}" for q in extra],
    )


def find_cases(folder: Path) -> list[tuple[Path, Path]]:
    """(report, gold) pairs of `folder` (reports/ and gold/ with the same base names), sorted."""
    reports = folder / "reports"
    gold = folder / "gold"
    cases = []
    for report in sorted(reports.iterdir()) if reports.is_dir() else []:
        answer = gold / f"{report.stem}.json"
        if report.suffix.lower() in REPORT_SUFFIXES and answer.is_file():
            cases.append((report, answer))
    return cases


def evaluate_folder(folder: Path) -> Evaluation:
    """Run the pipeline over every report of `folder` that has a gold file, and score it."""
    from . import document_text, extract_text

    scores = []
    for report, answer in find_cases(folder):
        text, warnings = document_text(report.read_bytes(), filename=report.name)
        doc = extract_text(text, path=str(report))
        doc.warnings.extend(warnings)
        gold = json.loads(answer.read_text(encoding="utf-8"))
        scores.append(score_document(report.name, text, doc, gold))
    return Evaluation(scores)
