"""Reference data of the pipeline's stages, read once from `sitroom/data/` and cached.

Every loader returns plain Python data (or compiled regexes built from it); callers must not mutate it.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any, TypeVar

_T = TypeVar("_T")


def _read_json(*parts: str) -> Any:
    path = resources.files("sitroom").joinpath("data", *parts)
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


@cache
def lexicon(name: str) -> Any:
    """The parsed `data/lexicons/<name>.json`."""
    return _read_json("lexicons", f"{name}.json")


@cache
def indicator_codes() -> frozenset[str]:
    """The codes of the indicator catalogue (`data/indicators.json`)."""
    return frozenset(item["code"] for item in _read_json("indicators.json"))


@cache
def month_names() -> dict[str, int]:
    """Every month name form of every language (lower case) -> month number."""
    table: dict[str, int] = {}
    for forms in lexicon("months")["months"].values():
        table.update(forms)
    return table


@cache
def weekday_names() -> dict[str, int]:
    """Every weekday name form (lower case) -> 0 (Monday) .. 6 (Sunday)."""
    table: dict[str, int] = {}
    for forms in lexicon("months")["weekdays"].values():
        table.update(forms)
    return table


def alternation(words: list[str] | set[str] | frozenset[str]) -> str:
    """A regex alternation of `words`, longest first so that a longer form wins over its prefix."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def trie_alternation(words: list[str] | set[str] | frozenset[str] | dict[str, object]) -> str:
    """The same alternation as `alternation(words)`, factored into a prefix tree: "jan(?:uary)?" instead
    of "january|jan". At each position Python's regex engine then follows one branch per character instead
    of trying every word, which makes patterns built on long word lists many times faster. As in
    `alternation`, a longer word is tried before its prefix."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict[str, dict]) -> str:
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a word ends here: the longer words through this node are optional
        return ("(?:" + body + ")" if len(branches) == 1 and len(body) > 1 else body) + "?"
    return body


def last_text_cache(func: Callable[..., _T]) -> Callable[..., _T]:
    """Keep `func`'s result for the last text it was called with (the same str object, and equal further
    arguments), so that several stages scanning the same document text pay for one scan. The result is
    shared: callers must not mutate it."""
    last: list[tuple[str, tuple[Any, ...], _T] | None] = [None]

    @functools.wraps(func)
    def wrapper(text: str, *args: Any) -> _T:
        entry = last[0]  # read once: another thread may replace it, never half-way
        if entry is not None and entry[0] is text and entry[1] == args:
            return entry[2]
        result = func(text, *args)
        last[0] = (text, args, result)
        return result

    return wrapper


_DIGIT_RUN = re.compile(r"\d+")


@last_text_cache
def digit_runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every run of digits. Patterns that begin with "(?<!\\w)" and a digit can only match
    at a run's start, so trying them there (pattern.match) finds what finditer over the whole text finds,
    without Python's engine trying them at every character."""
    return [m.span() for m in _DIGIT_RUN.finditer(text)]


@cache
def trigger_vocabulary() -> frozenset[str]:
    """Lower-case words near which the date and number patterns are tried: month and weekday names,
    the last words of relative dates ("yesterday", "month"), "ago", and number words of every language."""
    data = lexicon("months")
    words = set(month_names()) | set(weekday_names()) | {"ago"}
    words |= {w.split()[0] for w in weekday_names()} | {w.split()[-1] for w in weekday_names()}
    for phrase in list(data["relative_days"]) + list(data["relative_months"]):
        words.add(phrase.split()[-1])
    numbers = lexicon("numbers")
    for table in numbers.values():
        if isinstance(table, dict) and "units" in table:
            words |= set(table["units"]) | set(table["scales"])
    return frozenset(w.lower() for w in words)


@cache
def _trigger_word_pattern() -> re.Pattern[str]:
    shortest = min(len(w) for w in trigger_vocabulary())
    return re.compile(rf"[^\W\d_]{{{shortest},}}")


@cache
def _trigger_word_regex() -> re.Pattern[str]:
    """The vocabulary's words (those made of letters only, the only ones a run of letters can equal) as one
    prefix-tree pattern bounded by non-letters: the regex engine skips the many other words in C."""
    words = [w for w in trigger_vocabulary() if _LETTERS.fullmatch(w)]
    return re.compile(rf"(?<![^\W\d_])(?:{trie_alternation(words)})(?![^\W\d_])")


_LETTERS = re.compile(r"[^\W\d_]+")


@last_text_cache
def trigger_words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, lower-case word) of every word of `text` (a run of letters) in `trigger_vocabulary()`:
    one pass over the words of a document shared by the dates and numbers stages."""
    low = text.lower()
    if len(low) == len(text):  # lower-casing kept every offset (nearly always)
        return [(m.start(), m.end(), m.group()) for m in _trigger_word_regex().finditer(low)]
    vocabulary = trigger_vocabulary()
    found = []
    for m in _trigger_word_pattern().finditer(text):
        word = m.group().lower()
        if word in vocabulary:
            found.append((m.start(), m.end(), word))
    return found
