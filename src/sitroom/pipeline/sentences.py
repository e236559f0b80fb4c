"""Sentence spans over the clean text: (start, end) pairs into the document text, trimmed of spaces.

A sentence ends at '.', '!' or '?' (with closing quotes or brackets) followed by a space and an upper-case
letter, digit or opening quote, and at every line break that ends a paragraph or a heading. Common
abbreviations ("Lt.", "Gen.", "U.S.", "г.") and initials do not end a sentence.
"""

from __future__ import annotations

import re

from .context import Context

STAGE = "sentences"
VERSION = "1"

_BOUNDARY = re.compile(r"""[.!?…]+["')\]]*(?=\s+["'(\[]?[A-ZА-ЯЁԱ-Ֆ0-9])|։|\n""")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col maj capt sgt st no nos vs etc jr sr gov sen rep pres adm cmdr corp inc ltd co "
    "jan feb mar apr jun jul aug sep sept oct nov dec approx est dept min fig art para ch vol "
    "г гг ул им т тыс млн млрд руб см ст п пп д с ген".split()
)


def split(clean: str) -> list[tuple[int, int]]:
    """Sentence spans of `clean`, in order, each non-empty and without surrounding spaces."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(clean):
        if m.group().startswith(".") and _is_abbreviation(clean, m.start()):
            continue
        _add(spans, clean, start, m.end())
        start = m.end()
    _add(spans, clean, start, len(clean))
    return spans


def _is_abbreviation(clean: str, dot: int) -> bool:
    word_start = dot
    while word_start > 0 and (clean[word_start - 1].isalpha() or clean[word_start - 1] == "."):
        word_start -= 1
    word = clean[word_start:dot].lower().strip(".")
    if not word:
        return False
    if len(word) == 1 and word.isalpha():  # an initial: "V. Putin", "U.S."
        return True
    return word in _ABBREVIATIONS or "." in word


def _add(spans: list[tuple[int, int]], clean: str, start: int, end: int) -> None:
    while start < end and clean[start].isspace():
        start += 1
    while end > start and clean[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def run(ctx: Context) -> None:
    """Set `ctx.sentences`."""
    ctx.sentences = split(ctx.clean)
