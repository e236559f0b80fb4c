"""Cleaning that never changes length: `ctx.clean` is `ctx.text` with typographic variants folded one
character for one (curly quotes to straight, NBSP and other spaces to a space, dashes to '-') and page
furniture masked with spaces (newlines kept), so that every offset is the same in both.

What is masked: navigation and size-picker lines, "Read more", share/subscribe lines, accessibility
labels in another script, "This text available in ...", "(With input from agencies)", a caption line
repeated right after itself (the second copy), and everything after "You may also like" and similar
sidebar headings, and the bulleted list of other stories under "Read also:". The lists live in
`data/lexicons/boilerplate.json`.
"""

from __future__ import annotations

import re
from functools import cache

from .context import Context
from .lexicon import lexicon

STAGE = "clean"
VERSION = "1"

_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
        "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u2002": " ", "\u2003": " ",
        "\u2004": " ", "\u2005": " ", "\u2006": " ", "\u2008": " ", "\u3000": " ", "\t": " ", "\u200b": " ",
        "\ufeff": " ", "\u00ad": " ", "\ufffd": " ", "\u2060": " ",
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
        "\r": "\n", "\u2028": "\n", "\u2029": "\n", "\x0b": "\n", "\x0c": "\n", "\x85": "\n",
    }
)

_FOLD_CHARS = {chr(code): value for code, value in _FOLD.items()}
_FOLDED = re.compile("[" + re.escape("".join(_FOLD_CHARS)) + "]")
_LINE = re.compile(r"[^\n]*")


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], int]:
    data = lexicon("boilerplate")
    lines = re.compile(r"(?:" + "|".join(data["lines"]) + r")", re.IGNORECASE)
    cut = re.compile(r"(?:" + "|".join(data["cut_after"]) + r"):?", re.IGNORECASE)
    list_head = re.compile(r"(?:" + "|".join(data["list_after"]) + r")", re.IGNORECASE)
    return lines, cut, list_head, int(data["short_foreign_script_words"])


def fold(text: str) -> str:
    """`text` with typographic variants folded one character for one (same length)."""
    # Same result as text.translate(_FOLD); substituting only where such a character occurs is many
    # times faster than translate's per-character table lookups.
    return _FOLDED.sub(_fold_match, text)


def _fold_match(match: re.Match[str]) -> str:
    return _FOLD_CHARS[match.group()]


def run(ctx: Context) -> None:
    """Set `ctx.clean`: folded `ctx.text` with boilerplate masked."""
    folded = fold(ctx.text)
    ctx.clean = mask_boilerplate(folded)


# Runs, not single characters: summing the lengths of runs counts the same characters with far fewer
# match objects.
_SCRIPTS = {
    "latin": re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]+"),
    "cyrillic": re.compile(r"[\u0400-\u052f]+"),
    "armenian": re.compile(r"[\u0531-\u058f\ufb13-\ufb17]+"),
}
_LETTER = re.compile(r"[^\W\d_]+")
_BULLETS = "-•·*▪►"
_BOILERPLATE_LINE_MAX = 200  # longer lines are report text, never page furniture
_CUT_LINE_MAX = 40


def script_of(text: str) -> str:
    """The dominant script of `text`: 'latin', 'cyrillic', 'armenian', 'other', or 'none' (no letters)."""
    if text.isascii():  # the common case: only A-Z letters can occur
        return "latin" if _LETTER.search(text) else "none"
    counts = {name: sum(map(len, rx.findall(text))) for name, rx in _SCRIPTS.items()}
    best = max(counts, key=lambda k: counts[k])
    if counts[best]:
        letters = sum(map(len, _LETTER.findall(text)))
        return best if counts[best] * 2 >= letters - sum(counts.values()) else "other"
    return "other" if _LETTER.search(text) else "none"


def mask_boilerplate(folded: str) -> str:
    """`folded` with boilerplate lines and sidebar blocks replaced by spaces (newlines kept)."""
    line_re, cut_re, list_re, short_words = _patterns()
    doc_script = script_of(folded[:1500])
    blanks: list[tuple[int, int]] = []
    previous = ""
    other_stories = False  # inside the bulleted list under "Read also:"
    for match in _LINE.finditer(folded):
        start, end = match.span()
        if start == end:
            continue
        line = match.group().strip()
        if not line:
            continue
        if other_stories and line[0] in _BULLETS:
            blanks.append((start, end))
            continue
        other_stories = len(line) <= _CUT_LINE_MAX and list_re.fullmatch(line) is not None
        if other_stories:
            blanks.append((start, end))
            continue
        if line == previous and len(line) > 20:  # a photo caption repeated right after itself
            blanks.append((start, end))
            continue
        if len(line) > _BOILERPLATE_LINE_MAX:
            previous = line
            continue
        if len(line) <= _CUT_LINE_MAX and cut_re.fullmatch(line):
            blanks.append((start, len(folded)))
            break
        if (
            line_re.fullmatch(line)
            or _stray_foreign_label(line, doc_script, short_words)
        ):
            blanks.append((start, end))
            continue
        previous = line
    if not blanks:
        return folded
    parts = []
    at = 0
    for start, end in blanks:
        parts.append(folded[at:start])
        parts.append(_NOT_NEWLINE.sub(" ", folded[start:end]))
        at = end
    parts.append(folded[at:])
    return "".join(parts)


_NOT_NEWLINE = re.compile(r"[^\n]")


def _stray_foreign_label(line: str, doc_script: str, short_words: int) -> bool:
    """A short line in another script than the document's (interface labels of the site)."""
    if len(line.split()) > short_words or doc_script in {"none", "other"}:
        return False
    script = script_of(line)
    # A Latin line in a Cyrillic or Armenian text is often an outlet's name, which metadata needs.
    return script not in {"none", "latin", doc_script}
