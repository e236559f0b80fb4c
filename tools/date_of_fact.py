"""date_of_fact checker: among figures matched to gold (equal value, overlapping span), how many carry
gold's date_of_fact. Prints the share per folder and, with --verbose, every disagreement.

    .venv/bin/python tools/date_of_fact.py tests/pipeline/corpus tests/pipeline/corpus2 --verbose

Tuning folders only: never run it on tests/pipeline/holdout2.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from sitroom.pipeline.evaluate import evaluate_folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    right = matched = 0
    for folder in args.folders:
        evaluation = evaluate_folder(folder)
        f_right = sum(d.date_right for d in evaluation.documents)
        f_matched = sum(d.indicator_matched for d in evaluation.documents)
        right, matched = right + f_right, matched + f_matched
        print(f"{folder}: date_of_fact {f_right}/{f_matched} = {evaluation.date_of_fact_accuracy:.3f}")
        if args.verbose:
            for doc in evaluation.documents:
                for line in doc.wrong_dates:
                    print(f"  {doc.name}: {line}")
    if len(args.folders) > 1 and matched:
        print(f"all: date_of_fact {right}/{matched} = {right / matched:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
