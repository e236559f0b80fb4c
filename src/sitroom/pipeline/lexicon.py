"""Reference data of the pipeline's stages, read once from `sitroom/data/` and cached.

Every loader returns plain Python data (or compiled regexes built from it); callers must not mutate it.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any


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
