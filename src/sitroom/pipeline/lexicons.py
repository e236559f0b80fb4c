"""Shared helpers of the recognition stages (places, entities, quotes, events): reference data loaded
once and cached, a word tokeniser, Russian/Armenian/Azerbaijani word forms and a phrase index that
finds multi-word names over tokens in one pass.

Nothing here knows about a particular report; every list lives in data files under data/.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from .context import Context

# A word: letters (any script), joined by apostrophes inside names (O'Brien) but NOT by hyphens:
# "Nagorno-Karabakh" is two tokens so that compounds like "Azerbaijani-Karabakh" can be recognised
# as compounds (the gap between tokens is kept and checked by the callers).
WORD_RE = re.compile(r"[^\W\d_]+")
HYPHENS = "-‐‑–"


@cache
def load_data(relative: str) -> Any:
    """The parsed JSON file `data/<relative>`; read once per process."""
    path = resources.files("sitroom") / "data" / relative
    return json.loads(path.read_text(encoding="utf-8"))


def source_text(ctx: Context) -> str:
    """The text to recognise in: the clean text when the clean stage ran, else the raw text.
    Both have the same length, so offsets are interchangeable."""
    return ctx.clean if ctx.clean and len(ctx.clean) == len(ctx.text) else ctx.text


_SENT_END = re.compile(r"(?<=[.!?…])[\"”»']?\s+(?=[\"“«A-ZА-ЯЁ0-9])|\n\s*\n|\n(?=[A-ZА-ЯЁ\"“«—–-])")


def sentences(ctx: Context) -> list[tuple[int, int]]:
    """The sentence spans of the document: P1's when the sentences stage ran, else a simple split
    (so the stages can be tested on a hand-built Context)."""
    if ctx.sentences:
        return ctx.sentences
    text = source_text(ctx)
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END.finditer(text):
        if text[start : m.start()].strip():
            spans.append(_trim(text, start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@dataclass(slots=True)
class Tok:
    start: int
    end: int
    low: str  # lower-cased word


def tokens(text: str) -> list[Tok]:
    """Every word of `text` with its offsets (computed once per text: places, entities and quotes
    all tokenise the same document; callers must not modify the list)."""
    return _tokens(text)


@lru_cache(maxsize=4)
def _tokens(text: str) -> list[Tok]:
    # Words of the lower-cased text, when lower-casing keeps every offset (it nearly always does):
    # one lower() for the document instead of one a word. Tok is not frozen: a frozen dataclass
    # costs twice as much to build, and tokens are built for every word of every report.
    low = text.lower()
    if len(low) == len(text):
        return [Tok(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(low)]
    return [Tok(m.start(), m.end(), m.group().lower()) for m in WORD_RE.finditer(text)]


def word_index(text: str) -> dict[str, list[int]]:
    """Lower-cased word -> the indexes in tokens(text) where it occurs (computed once per text, so
    that a stage can look up its few cue words instead of walking every word; callers must not
    modify it)."""
    return _word_index(text)


@lru_cache(maxsize=4)
def _word_index(text: str) -> dict[str, list[int]]:
    index: defaultdict[str, list[int]] = defaultdict(list)
    for i, t in enumerate(tokens(text)):
        index[t.low].append(i)
    return dict(index)


# --- word forms -------------------------------------------------------------------------------

_CYR = re.compile(r"[а-яё]")
_ARM = re.compile(r"[\u0531-\u058f]")
_RU_CONSONANT_END = re.compile(r"[бвгджзклмнпрстфхцчшщ]$")

# Armenian case endings and the article; Azerbaijani case endings (with vowel harmony and the
# buffer consonants n/y/s). Generated onto gazetteer/lexicon names rather than stripped from text,
# so a lookup stays one dictionary access.
_HY_SUFFIXES = ("ի", "ում", "ից", "ով", "ը", "ն", "ու", "ուց", "ում", "ի մոտ", "ին", "ից")
_AZ_SUFFIXES = (
    "da", "də", "ta", "tə", "dan", "dən", "tan", "tən", "a", "ə", "ya", "yə", "ı", "i", "u", "ü",
    "nı", "ni", "nu", "nü", "yı", "yi", "yu", "yü", "ın", "in", "un", "ün", "nın", "nin", "nun",
    "nün", "na", "nə", "nda", "ndə", "ndan", "ndən", "sı", "si", "su", "sü", "ndakı", "dakı", "dəki",
)


def ru_forms(word: str) -> set[str]:
    """The case forms of one Russian word of a proper name (noun or adjective), lower-cased.

    Rule-based (no morphological dictionary): good for the place and body names of this domain,
    e.g. степанакерт -> степанакерта/у/ом/е, шуша -> шуши/е/у/ой, армения -> армении/ю/ей,
    лачинский -> лачинского/ому/им/ом, российская -> российской/ую.
    """
    w = word.lower()
    forms = {w}
    if len(w) < 3:
        return forms
    if w.endswith(("ий", "ый", "ой")):
        stem = w[:-2]
        soft = w.endswith("ий") and stem[-1:] not in "кгхжшщч"
        forms |= {stem + e for e in ("ого", "ому", "ом", "ие", "их", "им", "ыми", "ими")}
        forms |= {stem + e for e in (("ий", "его", "ему", "ем", "им") if soft else ("ый", "ым"))}
        if w.endswith("ой"):
            forms |= {stem + "ым", stem + "ой"}
    elif w.endswith(("ая", "яя")):
        stem = w[:-2]
        forms |= {stem + e for e in ("ой", "ую", "ей", "юю", "ою")}
    elif w.endswith(("ое", "ее")):
        stem = w[:-2]
        forms |= {stem + e for e in ("ого", "ому", "ым", "ом", "его", "ему", "им", "ем")}
    elif w.endswith("ия"):
        stem = w[:-1]
        forms |= {stem + e for e in ("и", "ю", "ей", "ею")}
    elif w.endswith("я"):
        stem = w[:-1]
        forms |= {stem + e for e in ("и", "е", "ю", "ей", "ею")}
    elif w.endswith("а"):
        stem = w[:-1]
        hush = stem[-1:] in "кгхжшщч"
        forms |= {stem + e for e in ("и" if hush else "ы", "е", "у", "ой", "ою")}
    elif w.endswith("ье"):  # Подмосковье -> Подмосковья/ю/ем
        stem = w[:-1]
        forms |= {stem + e for e in ("я", "ю", "ем")}
    elif w.endswith("ь"):
        stem = w[:-1]
        forms |= {stem + e for e in ("я", "ю", "ем", "е", "и", "ью")}
    elif w.endswith("й"):
        stem = w[:-1]
        forms |= {stem + e for e in ("я", "ю", "ем", "е")}
    elif _RU_CONSONANT_END.search(w):
        hush = w[-1] in "жшщчц"
        forms |= {w + e for e in ("а", "у", "е", "ы", "ов", "ах", "ам")}
        forms.add(w + ("ем" if hush else "ом"))
    # words ending in -и, -о, -у, -е, -ы (Шуши, Ханкенди, Баку) do not decline
    return forms


_AZ_BACK = set("aıou")
_AZ_VOWELS = set("aıoueəiöü")


def _az_plural(w: str) -> set[str]:
    """Plural forms of an Azerbaijani noun with the 3rd person possessive (rayonu -> rayonları,
    rayonlarında; kəndi -> kəndləri): the last conjunct of "Ağdam, Füzuli və Cəbrayıl rayonlarında"."""
    if len(w) < 4 or w[-1] not in "ıiuü" or w[-2] in _AZ_VOWELS:
        return set()
    stem = w[:-1]
    vowels = [c for c in stem if c in _AZ_VOWELS]
    back = bool(vowels) and vowels[-1] in _AZ_BACK
    plural = stem + ("ları" if back else "ləri")
    cases = ("", "n", "nda", "ndə", "ndan", "ndən", "na", "nə", "nın", "nin", "ndakı", "ndəki")
    return {plural + c for c in cases if not c or (("ə" in c) != back) or c in ("n",)}


def word_forms(word: str, lang: str = "en") -> set[str]:
    """The forms under which one word of a name written in language `lang` may appear in running
    text, lower-cased (Latin names of other languages are taken as written)."""
    w = word.lower()
    if _CYR.search(w):
        return ru_forms(w)
    if _ARM.search(w):
        forms = {w} | {w + s for s in _HY_SUFFIXES if " " not in s}
        if w.endswith("ի"):
            forms |= {w[:-1] + "ու" + s for s in ("մ", "ց", "")}
        return forms
    if lang == "az":
        forms = {w} | {w + s for s in _AZ_SUFFIXES}
        forms |= _az_plural(w)
        if w[-1:] in "ıiuüaəeo":
            forms |= {w + "y" + s for s in ("a", "ə", "da", "də", "ı", "i")}
            forms |= {w + "n" + s for s in ("ın", "in", "da", "də", "dan", "dən")}
        return forms
    return {w}


# --- phrase index ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Phrase:
    """A name to find: one set of accepted lower-cased forms per word, which words must be
    capitalised in the text, and what it stands for."""

    words: tuple[frozenset[str], ...]
    capitalised: tuple[bool, ...]
    key: str
    name: str
    case_sensitive: bool = False


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    first: int  # index of the first token
    last: int  # index of the last token
    phrase: Phrase


class PhraseIndex:
    """Finds names (sequences of words with their inflected forms) in a token list, longest match
    first, in time linear in the number of tokens."""

    def __init__(self, phrases: Iterable[Phrase]):
        self._by_first: dict[str, list[Phrase]] = {}
        for phrase in phrases:
            for form in phrase.words[0]:
                self._by_first.setdefault(form, []).append(phrase)
        for bucket in self._by_first.values():
            bucket.sort(key=lambda p: -len(p.words))

    @staticmethod
    def make(
        name: str, key: str, *, lang: str = "en", case_sensitive: bool = False, inflect: bool = True
    ) -> Phrase | None:
        """A Phrase for `name` (None when it has no letters)."""
        words = WORD_RE.findall(name)
        if not words:
            return None
        return Phrase(
            words=tuple(frozenset(word_forms(w, lang) if inflect else {w.lower()}) for w in words),
            capitalised=tuple(w[:1].isupper() for w in words),
            key=key,
            name=name,
            case_sensitive=case_sensitive,
        )

    def starts(self, word: str) -> bool:
        """Whether some name begins with this lower-cased word form."""
        return word in self._by_first

    def find(self, text: str, toks: list[Tok]) -> Iterator[Hit]:
        """Non-overlapping hits, left to right, longest first at each position."""
        n = len(toks)
        by_first = self._by_first
        if toks is tokens(text):
            # only the words that begin some name, from the document's word index
            index = word_index(text)
            starts = sorted(i for w in index.keys() & by_first.keys() for i in index[w])
        else:
            starts = [i for i in range(n) if toks[i].low in by_first]
        after = 0
        for i in starts:
            if i < after:
                continue
            hit = self._match_at(text, toks, i, n)
            if hit is not None:
                yield hit
                after = hit.last + 1

    def _match_at(self, text: str, toks: list[Tok], i: int, n: int) -> Hit | None:
        bucket = self._by_first.get(toks[i].low)
        if not bucket:
            return None
        for phrase in bucket:
            size = len(phrase.words)
            if i + size > n:
                continue
            ok = True
            for k in range(size):
                tok = toks[i + k]
                if k and not _joins(text, toks[i + k - 1].end, tok.start):
                    ok = False
                    break
                if tok.low not in phrase.words[k]:
                    ok = False
                    break
                surface = text[tok.start : tok.end]
                if phrase.case_sensitive:
                    if not _same_case(surface, phrase, k):
                        ok = False
                        break
                elif phrase.capitalised[k] and not surface[:1].isupper():
                    ok = False
                    break
            if ok:
                last = toks[i + size - 1]
                return Hit(toks[i].start, last.end, i, i + size - 1, phrase)
        return None


def _joins(text: str, end: int, start: int) -> bool:
    """Whether two words are adjacent parts of one name: one space or one hyphen between them."""
    gap = text[end:start]
    return gap in (" ", "\u00a0") or (len(gap) == 1 and gap in HYPHENS)


@cache
def _name_words(name: str) -> list[str]:
    return WORD_RE.findall(name)


def _same_case(surface: str, phrase: Phrase, k: int) -> bool:
    """Whether `surface` is written in the case of the phrase's word k: an acronym (UN, TASS) only
    in capitals, a capitalised word capitalised."""
    word = _name_words(phrase.name)[k]
    if len(word) > 1 and word.isupper():
        return surface.isupper()
    return surface[:1].isupper() == word[:1].isupper() or surface.isupper()
