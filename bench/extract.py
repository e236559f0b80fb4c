"""Throughput of the extraction pipeline on one core, compared with spaCy's bare English tokenizer.

Builds N news-length documents by recombining paragraphs of the project's own test reports
(tests/pipeline/corpus/reports; never the shared dev texts), runs `extract_text` over each, and prints
documents/s, words/s, the ratio of the pipeline's time to `spacy.blank("en")` tokenising the same texts
(target <= 5) and peak memory (target <= 500 MB).

Honest measurement: the process is pinned to one core; both sides get the same texts and a warm-up
(regexes compiled, lexicons and spaCy loaded) before timing; the tokenizer is timed as `nlp.tokenizer`
over the texts. Times are CPU seconds of this process (time.process_time), which other load on a shared
machine does not inflate; wall-clock seconds are printed alongside. Peak memory is the process's maximum
resident set (pipeline and spaCy together).

    .venv/bin/python bench/extract.py [--documents 2000] [--seed 7]
"""

from __future__ import annotations

import argparse
import os
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


def pin_to_one_core() -> int | None:
    """Run this process on a single core (the last one it may use); the core's number, or None where the
    platform cannot pin."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    core = max(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return core


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--warmup", type=int, default=20, help="documents run before timing, on both sides")
    args = parser.parse_args(argv)

    core = pin_to_one_core()

    import spacy

    from sitroom.pipeline import extract_text

    texts = documents(args.documents, args.seed)
    words = sum(len(t.split()) for t in texts)
    nlp = spacy.blank("en")
    for text in texts[: args.warmup]:  # lexicons loaded, regexes compiled, as in a long-running process
        extract_text(text)
        nlp.tokenizer(text)

    figures = 0
    pipeline_cpu, pipeline_wall = time.process_time(), time.perf_counter()
    for text in texts:
        figures += len(extract_text(text).figures)
    pipeline_cpu, pipeline_wall = time.process_time() - pipeline_cpu, time.perf_counter() - pipeline_wall

    tokenizer_cpu, tokenizer_wall = time.process_time(), time.perf_counter()
    for text in texts:
        nlp.tokenizer(text)
    tokenizer_cpu, tokenizer_wall = time.process_time() - tokenizer_cpu, time.perf_counter() - tokenizer_wall

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
    ratio = pipeline_cpu / tokenizer_cpu
    print(f"documents          {len(texts)} ({words:,} words, {figures:,} figures), core {core}")
    print(
        f"pipeline           {pipeline_cpu:.2f} s CPU ({pipeline_wall:.2f} s wall)  "
        f"{len(texts) / pipeline_cpu:,.0f} documents/s  {words / pipeline_cpu:,.0f} words/s"
    )
    print(
        f"spaCy tokenizer    {tokenizer_cpu:.2f} s CPU ({tokenizer_wall:.2f} s wall)  "
        f"{len(texts) / tokenizer_cpu:,.0f} documents/s  {words / tokenizer_cpu:,.0f} words/s"
    )
    print(f"ratio              {ratio:.2f} (target <= {TARGET_RATIO})  {'ok' if ratio <= TARGET_RATIO else 'ABOVE TARGET'}")
    print(f"peak memory        {peak_mb:.0f} MB (target <= {TARGET_MEMORY_MB})  {'ok' if peak_mb <= TARGET_MEMORY_MB else 'ABOVE TARGET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
