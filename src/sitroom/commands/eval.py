"""`sitroom eval DIR [--json] [--verbose] [--fail-under]`: score the pipeline against reports with gold
answers (DIR/reports + DIR/gold, like the shared dev set). No database."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sitroom.errors import InputError

HELP = "score the extraction pipeline against a folder of reports/ and gold/ answers"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", metavar="DIR", help="a folder with reports/ and gold/")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--verbose", "-v", action="store_true", help="list misses and false positives per document")
    parser.add_argument("--fail-under", action="store_true", help="exit 1 when a score is below its target")


def run(args: argparse.Namespace) -> int:
    from sitroom.pipeline.evaluate import CATEGORIES, TARGETS, evaluate_folder, find_cases

    folder = Path(args.folder)
    if not find_cases(folder):
        raise InputError(f"{folder}: no reports with gold answers (expected {folder}/reports/NAME.txt and {folder}/gold/NAME.json)")
    evaluation = evaluate_folder(folder)
    if args.json:
        json.dump(evaluation.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        if args.verbose:
            _print_details(evaluation)
        totals = evaluation.totals()
        print(f"{len(evaluation.documents)} documents")
        print(f"{'category':<14} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn  target")
        for category in CATEGORIES:
            c = totals[category]
            target = TARGETS.get(category)
            mark = "" if target is None else f"{target:.2f} {'ok' if c.f1 + 1e-9 >= target else 'BELOW'}"
            print(f"{category:<14} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} {c.tp:4d}{c.fp:4d}{c.fn:4d}  {mark}")
        accuracy = evaluation.indicator_accuracy
        target = TARGETS["indicator"]
        print(f"{'indicator acc':<14} {accuracy:6.3f}{'':>24}{target:.2f} {'ok' if accuracy + 1e-9 >= target else 'BELOW'}")
        print(f"date_of_fact accuracy among matched figures {evaluation.date_of_fact_accuracy:.3f}")
        meta = evaluation.metadata_accuracy()
        print("metadata       " + "  ".join(f"{k} {v:.2f}" for k, v in meta.items()))
    if args.fail_under and evaluation.below_targets():
        for category, (score, target) in evaluation.below_targets().items():
            print(f"sitroom eval: {category} {score:.3f} is below the target {target:.2f}", file=sys.stderr)
        return 1
    return 0


def _print_details(evaluation) -> None:  # type: ignore[no-untyped-def]
    for doc in evaluation.documents:
        lines = []
        for key, (got, want) in doc.metadata.items():
            if (got or None) != (want or None):
                lines.append(f"  metadata {key}: got {got!r}, gold {want!r}")
        for category, items in doc.misses.items():
            lines.extend(f"  MISS {category}: {item}" for item in items)
        for category, items in doc.false_positives.items():
            lines.extend(f"  EXTRA {category}: {item}" for item in items)
        lines.extend(f"  INDICATOR {item}" for item in doc.wrong_indicators)
        print(f"== {doc.name}" + ("" if lines else "  (all matched)"))
        for line in lines:
            print(line)
