"""The document's language (ISO 639-1) from its script and, for Latin text, frequent function words.

Armenian script -> hy; Cyrillic -> ru; Latin -> the language whose stop words are most frequent among
en, az, tr, fr, de, es (Azerbaijani letters ə/ğ/ı count strongly). Measured on the dev and project corpus
this is exact for en/ru/hy/az and costs microseconds; lingua would cost milliseconds a document.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from .clean import script_of
from .context import Context
from .lexicon import lexicon

STAGE = "language"
VERSION = "1"

_SAMPLE = 1200
_WORD = re.compile(r"[^\W\d_]+")
_SCRIPT_LANGUAGE = {"cyrillic": "ru", "armenian": "hy"}


@cache
def _stopwords() -> dict[str, frozenset[str]]:
    return {lang: frozenset(words) for lang, words in lexicon("stopwords").items() if not lang.startswith("_")}


@cache
def _languages_of_word() -> dict[str, tuple[str, ...]]:
    """Stop word -> the languages that have it (one dictionary lookup a word instead of one a language)."""
    table: dict[str, tuple[str, ...]] = {}
    for lang, stops in _stopwords().items():
        for word in stops:
            table[word] = (*table.get(word, ()), lang)
    return table


def detect(clean: str) -> str | None:
    """The language code of `clean`, or None for a text with no letters."""
    sample = clean[:_SAMPLE]
    script = script_of(sample)
    if script in _SCRIPT_LANGUAGE:
        return _SCRIPT_LANGUAGE[script]
    if script != "latin":
        return None
    scores = dict.fromkeys(_stopwords(), 0)
    languages_of = _languages_of_word()
    for word, count in Counter(_WORD.findall(sample)).items():
        for lang in languages_of.get(word.lower(), ()):
            scores[lang] += count
    scores["az"] = scores.get("az", 0) + 3 * sum(sample.count(ch) for ch in "əƏ")
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] else "en"


def run(ctx: Context) -> None:
    """Set `ctx.info.language`."""
    ctx.info.language = detect(ctx.clean)
