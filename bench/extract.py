"""Throughput of the extraction pipeline on one core, compared with spaCy's bare English tokenizer.

Builds N news-length documents by recombining paragraphs of the project's own test reports
(tests/pipeline/corpus/reports; never the shared dev texts), runs `extract_text` over each, and prints
documents/s, words/s, the ratio of the pipeline's time to `spacy.blank("en")` tokenising the same texts
(target <= 5) and peak memory (target <= 500 MB).

    .venv/bin/python bench/extract.py [--documents 2000] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "pipeline" / "corpus" / "reports"
TARGET_RATIO = 5.0
TARGET_MEMORY_MB = 500
WORDS_PER_DOCUMENT = (350, 900)


def paragraphs() -> list[str]:
    """Paragraphs of the project's own test reports (plain text ones)."""
    found = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        found.extend(p.strip() for p in text.split("\n\n") if len(p.split()) >= 5)
    if not found:
        sys.exit(f"no reports found under {CORPUS}")
    return found


def documents(count: int, seed: int) -> list[str]:
    """`count` documents of news length: a headline, a dateline paragraph and recombined paragraphs."""
    rng = random.Random(seed)
    pool = paragraphs()
    docs = []
    for _ in range(count):
        target = rng.randint(*WORDS_PER_DOCUMENT)
        parts = [rng.choice(pool).split("\n")[0][:120]]
        words = 0
        while words < target:
            paragraph = rng.choice(pool)
            parts.append(paragraph)
            words += len(paragraph.split())
        docs.append("\n\n".join(parts))
    return docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    from sitroom.pipeline import extract_text

    texts = documents(args.documents, args.seed)
    words = sum(len(t.split()) for t in texts)
    extract_text(texts[0])  # load lexicons and compile regexes once, as a long-running process would

    started = time.perf_counter()
    figures = 0
    for text in texts:
        figures += len(extract_text(text).figures)
    pipeline_seconds = time.perf_counter() - started

    import spacy

    nlp = spacy.blank("en")
    started = time.perf_counter()
    for text in texts:
        nlp.tokenizer(text)
    tokenizer_seconds = time.perf_counter() - started

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
    ratio = pipeline_seconds / tokenizer_seconds
    print(f"documents          {len(texts)} ({words:,} words, {figures:,} figures)")
    print(f"pipeline           {pipeline_seconds:.2f} s  {len(texts) / pipeline_seconds:,.0f} documents/s  {words / pipeline_seconds:,.0f} words/s")
    print(f"spaCy tokenizer    {tokenizer_seconds:.2f} s  {words / tokenizer_seconds:,.0f} words/s")
    print(f"ratio              {ratio:.2f} (target <= {TARGET_RATIO})  {'ok' if ratio <= TARGET_RATIO else 'ABOVE TARGET'}")
    print(f"peak memory        {peak_mb:.0f} MB (target <= {TARGET_MEMORY_MB})  {'ok' if peak_mb <= TARGET_MEMORY_MB else 'ABOVE TARGET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
