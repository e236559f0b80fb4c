"""Shape and consistency of the project's own test corpus and of the held-out corpus (pure pytest, no Django).

Run: .venv/bin/pytest tests/pipeline/test_corpus_gold.py (or with -p no:django --noconftest,
since tests/conftest.py sets up Django)
"""
import datetime as dt
import json
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
CORPUS2 = HERE / "corpus2"
HOLDOUT = HERE / "holdout"
HOLDOUT2 = HERE / "holdout2"
CORPUS4 = HERE / "corpus4"
FOLDERS = {"corpus": CORPUS, "corpus2": CORPUS2, "holdout": HOLDOUT, "holdout2": HOLDOUT2, "corpus4": CORPUS4}
INDICATORS = Path(__file__).resolve().parents[2] / "src" / "sitroom" / "data" / "indicators.json"

EVENT_KINDS = {"ceasefire_agreement", "hostilities", "incident", "meeting", "negotiation", "deployment",
               "evacuation", "aid_delivery", "visit", "statement", "other"}
QUALIFIERS = {None, "about", "estimated", "at least", "more than", "up to", "range", "less than"}
LANGUAGES = {"en", "ru", "hy", "az"}



def reports_in(folder):
    return sorted(p for p in (folder / "reports").iterdir() if p.suffix in {".txt", ".html", ".md"})


REPORTS = reports_in(CORPUS)
CORPUS2_REPORTS = reports_in(CORPUS2)
HOLDOUT_REPORTS = reports_in(HOLDOUT)
HOLDOUT2_REPORTS = reports_in(HOLDOUT2)
CORPUS4_REPORTS = reports_in(CORPUS4)
ALL_REPORTS = ([(CORPUS, r) for r in REPORTS] + [(CORPUS2, r) for r in CORPUS2_REPORTS]
               + [(HOLDOUT, r) for r in HOLDOUT_REPORTS] + [(HOLDOUT2, r) for r in HOLDOUT2_REPORTS]
               + [(CORPUS4, r) for r in CORPUS4_REPORTS])


def codes():
    return {i["code"] for i in json.loads(INDICATORS.read_text(encoding="utf-8"))}


def iso_or_null(value):
    if value is None:
        return True
    try:
        return dt.date.fromisoformat(value).isoformat() == value
    except (TypeError, ValueError):
        return False


def test_corpus_size_and_mix():
    assert len(REPORTS) >= 28
    langs = [json.loads((CORPUS / "gold" / f"{r.stem}.json").read_text(encoding="utf-8"))["language"] for r in REPORTS]
    assert langs.count("ru") >= 8 and langs.count("hy") >= 2 and langs.count("az") >= 2


def test_holdout_size_and_mix():
    assert len(HOLDOUT_REPORTS) >= 24
    langs = [json.loads((HOLDOUT / "gold" / f"{r.stem}.json").read_text(encoding="utf-8"))["language"]
             for r in HOLDOUT_REPORTS]
    assert langs.count("en") >= 15 and langs.count("ru") >= 6 and langs.count("hy") + langs.count("az") >= 3
    kinds = {e["kind"] for r in HOLDOUT_REPORTS
             for e in json.loads((HOLDOUT / "gold" / f"{r.stem}.json").read_text(encoding="utf-8"))["events"]}
    assert kinds == EVENT_KINDS


def test_holdout2_size_and_mix():
    golds = [json.loads((HOLDOUT2 / "gold" / f"{r.stem}.json").read_text(encoding="utf-8")) for r in HOLDOUT2_REPORTS]
    assert len(golds) >= 22
    langs = [g["language"] for g in golds]
    assert langs.count("en") >= 14 and langs.count("ru") >= 5 and langs.count("hy") >= 2 and langs.count("az") >= 1
    assert {e["kind"] for g in golds for e in g["events"]} == EVENT_KINDS
    # every report is annotated with at least one figure or event
    assert all(g["figures"] or g["events"] for g in golds)


def test_corpus4_size():
    golds = [json.loads((CORPUS4 / "gold" / f"{r.stem}.json").read_text(encoding="utf-8")) for r in CORPUS4_REPORTS]
    assert len(golds) >= 20
    assert all(g["figures"] or g["events"] for g in golds)


@pytest.mark.parametrize("folder", list(FOLDERS.values()), ids=list(FOLDERS))
def test_every_gold_has_a_report(folder):
    stems = {r.stem for r in reports_in(folder)}
    for g in (folder / "gold").glob("*.json"):
        assert g.stem in stems, g.name


@pytest.mark.parametrize("folder,report", ALL_REPORTS, ids=lambda x: x.name)
def test_gold(folder, report):
    text = report.read_text(encoding="utf-8")
    gold = json.loads((folder / "gold" / f"{report.stem}.json").read_text(encoding="utf-8"))
    assert list(gold) == ["published", "source", "language", "figures", "events", "places",
                          "organizations", "people", "quotes", "notes"]
    assert iso_or_null(gold["published"])
    assert gold["source"] is None or isinstance(gold["source"], str)
    assert gold["language"] in LANGUAGES
    catalogue = codes()
    for f in gold["figures"]:
        assert list(f) == ["value", "qualifier", "unit", "indicator", "what", "text", "date_of_fact"], f
        assert isinstance(f["value"], (int, float)) and not isinstance(f["value"], bool), f
        assert f["qualifier"] in QUALIFIERS, f
        assert isinstance(f["unit"], str) and f["unit"], f
        assert f["indicator"] in catalogue, f
        assert isinstance(f["what"], str) and f["what"], f
        assert f["text"] in text, f["text"]
        assert iso_or_null(f["date_of_fact"]), f
    for e in gold["events"]:
        assert list(e) == ["what", "kind", "date", "text"], e
        assert e["kind"] in EVENT_KINDS, e
        assert e["text"] in text, e["text"]
        assert iso_or_null(e["date"]), e
    lower = text.lower()
    for name in gold["places"] + gold["organizations"]:
        assert isinstance(name, str) and name.lower() in lower, name
    for p in gold["people"]:
        assert list(p) == ["name", "role"], p
        assert p["name"].lower() in lower, p
    for q in gold["quotes"]:
        assert list(q) == ["speaker", "text"], q
        assert len(q["text"]) <= 60 and q["text"] in text, q
    assert isinstance(gold["notes"], str) and gold["notes"]
