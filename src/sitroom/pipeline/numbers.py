"""Numbers in the clean text, in digits or words, with their qualifier.

Adds to `ctx.numbers` one `Token(kind="number", start, end, value, extra)` per number, sorted by start:
- `value`: int when whole, else float; scale words are applied ("53 thousand" -> 53000, "1.2 million",
  "пяти тысяч" -> 5000). A range ("5-7 thousand", "from 5 to 7") has the lower bound as value.
- `extra["qualifier"]`: about | at least | more than | less than | up to | estimated | range | None, from
  the words right before the number ("some", "nearly", "an estimated", "более", "около", "не менее" ...);
  "range" for a range with no other qualifier.
- `extra["words"]`: True when written in words ("five thousand", "a thousand").
- `extra["range"]`: (lo, hi) or None.
- `extra["qualifier_start"]`: where the qualifier starts (== start when there is none).
Separators: "2,000" and "90 000" are thousands; "1.5" and (Russian) "1,5" are decimals. Times of day
("13.00" after "from", "18:16") and ordinals ("23rd") are not numbers. Whether a number states a quantity
(not a year, a duration or a date) is decided by the figures stage.
Word tables and qualifiers live in `data/lexicons/numbers.json`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .context import Context, Token
from .dates import find_times
from .lexicon import digit_runs, lexicon, trie_alternation, trigger_words

STAGE = "numbers"
VERSION = "1"

_QUALIFIER_WINDOW = 40
_DIGITS = (
    r"(?<![\w.,/:])"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?"
    r"|\d{1,3}(?: \d{3})+(?![\d])(?:,\d+)?"
    r"|\d+(?:[.,]\d+)?)"
)


@dataclass(slots=True)
class _Piece:
    start: int
    end: int
    value: float
    words: bool


@cache
def _tables(language: str | None = None) -> tuple[dict[str, float], dict[str, float], frozenset[str]]:
    data = lexicon("numbers")
    units: dict[str, float] = {}
    scales: dict[str, float] = {}
    extra = (language,) if language in {"hy", "az"} else ()
    for lang in ("en", "ru", *extra):
        units.update(data[lang]["units"])
        scales.update(data[lang]["scales"])
    plural_vague = frozenset({"thousands", "hundreds", "тысячи"})
    return units, scales, plural_vague


@cache
def _regexes(language: str | None = None) -> dict[str, re.Pattern[str]]:
    units, scales, _ = _tables(language)
    scale_alt = trie_alternation(scales)
    word_alt = trie_alternation(set(units) | set(scales))
    qualifiers = lexicon("numbers")["qualifiers"]
    qual_alt = trie_alternation({q for forms in qualifiers.values() for q in forms})
    return {
        "digits": re.compile(
            _DIGITS + rf"(?:[\s-]*(?P<scale>{scale_alt})\.?)?(?![^\W_])", re.IGNORECASE
        ),
        "words": re.compile(
            rf"(?<![\w-])(?:(?:a|one)\s+(?=(?:hundred|thousand|million|billion|dozen)\b))?"
            rf"(?:{word_alt})(?:(?:\s+and\s+|\s+|-)(?:{word_alt}))*(?![\w])",
            re.IGNORECASE,
        ),
        "word": re.compile(rf"(?:{word_alt}|a|one)", re.IGNORECASE),
        "range_link": re.compile(r"\s*(?:-|to|or|до|или|and)\s*$", re.IGNORECASE),
        "qualifier": re.compile(rf"(?:^|[^\w])({qual_alt})\s*$", re.IGNORECASE),
        "postfix": re.compile(rf"({trie_alternation(_postfix_of())})(?!\w)", re.IGNORECASE),
    }


@cache
def _postfix_of() -> dict[str, str]:
    table: dict[str, str] = {}
    for qualifier, forms in lexicon("numbers")["postfix_qualifiers"].items():
        for form in forms:
            table[form.lower()] = qualifier
    return table


@cache
def _qualifier_of() -> dict[str, str]:
    table: dict[str, str] = {}
    for qualifier, forms in lexicon("numbers")["qualifiers"].items():
        for form in forms:
            table[form.lower()] = qualifier
    return table


def find_numbers(clean: str, language: str | None = None) -> list[Token]:
    """Every number of `clean` as a number token (see the module docstring), sorted by start.
    `language` adds that language's number words (hy, az) to the English and Russian ones."""
    times = find_times(clean)
    pieces = _digit_pieces(clean, language) + _word_pieces(clean, language)
    pieces = [p for p in pieces if not any(s < p.end and p.start < e for s, e, _ in times)]
    pieces.sort(key=lambda p: (p.start, -(p.end - p.start)))
    kept: list[_Piece] = []
    for piece in pieces:
        if kept and piece.start < kept[-1].end:
            continue
        kept.append(piece)
    return _tokens(clean, kept, language)


def _digit_pieces(clean: str, language: str | None) -> list[_Piece]:
    _, scales, _ = _tables(language)
    pieces = []
    digits = _regexes(language)["digits"]
    done = 0
    # The pattern starts with a look-behind excluding word characters and a digit: it can only match
    # where a run of digits starts, so it is tried there instead of at every character.
    for start, _ in digit_runs(clean):
        if start < done:
            continue
        m = digits.match(clean, start)
        if m is None:
            continue
        done = m.end()
        raw = m.group("num")
        value = _parse_digits(raw)
        if value is None:
            continue
        if m.group("scale"):
            value *= scales[m.group("scale").lower()]
        pieces.append(_Piece(m.start(), m.end(), value, False))
    return pieces


def _parse_digits(raw: str) -> float | None:
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", raw):
        return float(raw.replace(",", ""))
    if " " in raw:
        return float(raw.replace(" ", "").replace(",", "."))
    if "," in raw:  # a comma not followed by three digits is a decimal comma ("1,5")
        return float(raw.replace(",", "."))
    try:
        return float(raw)
    except ValueError:
        return None


def _word_pieces(clean: str, language: str | None) -> list[_Piece]:
    units, scales, vague = _tables(language)
    rx = _regexes(language)
    pieces = []
    for m in _word_matches(rx["words"], clean, set(units) | set(scales)):
        words = [w.lower() for w in rx["word"].findall(m.group())]
        if all(w in vague or w in {"a", "one"} for w in words) and not any(w == "one" for w in words):
            # "thousands of refugees" is no figure, but "более тысячи детей" is "more than a thousand".
            if not (words == ["тысячи"] and _qualifier(clean, m.start())[0]):
                continue
        value = _words_value(words, units, scales)
        if value is None:
            continue
        pieces.append(_Piece(m.start(), m.end(), value, True))
    return pieces


_WINDOW_BEFORE = 8
_WINDOW_AFTER = 60


def _word_matches(pattern: re.Pattern[str], clean: str, vocabulary: set[str]) -> list[re.Match[str]]:
    """Matches of the number-word pattern, tried only around words of `vocabulary`: the pattern starts
    with a long alternation that Python would otherwise try at every character."""
    windows: list[tuple[int, int]] = []
    size = len(clean)
    for word_start, word_end, word in trigger_words(clean):
        if word not in vocabulary:
            continue
        start, end = max(0, word_start - _WINDOW_BEFORE), min(size, word_end + _WINDOW_AFTER)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return [m for start, end in windows for m in pattern.finditer(clean, start, end)]


def _words_value(words: list[str], units: dict[str, float], scales: dict[str, float]) -> float | None:
    total = 0.0
    current = 0.0
    seen = False
    for word in words:
        if word in {"a", "one"} and word not in units:
            current += 1
        elif word in units:
            current += units[word]
        elif word in scales:
            scale = scales[word]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
        else:
            continue
        seen = True
    return total + current if seen else None


def _tokens(clean: str, pieces: list[_Piece], language: str | None) -> list[Token]:
    rx = _regexes(language)
    tokens: list[Token] = []
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        low = high = piece.value
        end = piece.end
        # A range: "5-7 thousand", "from 5 to 7", "от 5 до 7 тысяч": the scale of the second end applies to both.
        if index + 1 < len(pieces):
            nxt = pieces[index + 1]
            gap = clean[piece.end : nxt.start]
            if len(gap) <= 5 and rx["range_link"].fullmatch(" " + gap) and nxt.value > piece.value:
                high = nxt.value
                if piece.value < 1000 <= nxt.value and not _has_scale(clean, piece):
                    low = piece.value * _scale_of(nxt.value, piece.value)
                end = nxt.end
                index += 1
        qualifier, q_start = _qualifier(clean, piece.start)
        postfix = rx["postfix"].match(clean, end)
        if postfix and qualifier is None:
            qualifier = _postfix_of()[postfix.group(1).lower()]
            end = postfix.end()
        if qualifier is None and end != piece.end:
            qualifier = "range"  # the corpus convention: a range is its lower bound, qualified "range"
        tokens.append(
            Token(
                kind="number",
                start=piece.start,
                end=end,
                value=_plain(low),
                extra={
                    "qualifier": qualifier,
                    "words": piece.words,
                    "range": (_plain(low), _plain(high)) if end != piece.end else None,
                    "qualifier_start": q_start,
                },
            )
        )
        index += 1
    return tokens


def _has_scale(clean: str, piece: _Piece) -> bool:
    return any(ch.isalpha() for ch in clean[piece.start : piece.end]) and not piece.words


def _scale_of(high: float, low: float) -> float:
    """The scale word that made `high` big, applied to a bare lower end ("5-7 thousand")."""
    for scale in (1e9, 1e6, 1e3):
        if high >= scale and low * scale <= high:
            return scale
    return 1


@cache
def _qualifier_endings() -> frozenset[str]:
    """The last two letters (lower case) of every qualifier form, also as "I"/"ı" fold under IGNORECASE."""
    endings = set()
    for form in _qualifier_of():
        endings.add(form.lower()[-2:])
        endings.add(form.upper().lower()[-2:])
    return frozenset(endings)


def _qualifier(clean: str, start: int) -> tuple[str | None, int]:
    window_start = max(0, start - _QUALIFIER_WINDOW)
    before = clean[window_start:start]
    ending = before.rstrip()[-2:].lower()
    if len(ending) == 2 and ending not in _qualifier_endings():  # cheap test: no qualifier ends here
        return None, start
    m = _regexes()["qualifier"].search(before)
    if not m:
        return None, start
    return _qualifier_of()[m.group(1).lower()], window_start + m.start(1)


def _plain(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def run(ctx: Context) -> None:
    """Set `ctx.numbers`."""
    ctx.numbers = find_numbers(ctx.clean, ctx.info.language)
