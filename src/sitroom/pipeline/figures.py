"""Figures: numbers that state a quantity of something, with unit, indicator, date of fact and place.

A number becomes a figure when a unit noun (data/lexicons/units.json) follows it within a few modifier
words ("2,000 peacekeeping troops", "90,000 ethnic Armenian residents", "a thousand of them children",
"60 percent", "1,500 tons"). So years, durations ("six-week war", "in a year"), ordinals and most
incidental numbers never become figures; numbers inside dates and times are skipped outright.

- indicator: rules of data/lexicons/indicator_keywords.json for the unit's class; in the figure's
  sentence the nearest "strong" keyword (a verb: returned, evacuated, deployed ...) wins, else the nearest
  "weak" one (a noun: refugees, aid ...), else the class default, else "other". A percentage is kept only
  as a share: of the population (population.share) or "N percent of ..." (other).
- date_of_fact: a day-precision date in the same sentence (not one after "since"/"from"); else, when the
  sentence states a running total ("so far", "already", "to date", a present perfect), the publication
  date (None when unknown); else None.
- place: the place mention (ctx.places) of the same sentence nearest after the number, else before it.
- span: from the qualifier (or number) to the end of the unit noun phrase and the verb that follows it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import islice

from .context import Context, Token
from .lexicon import alternation, lexicon, trie_alternation
from .schema import Figure, Mention, Provenance

STAGE = "figures"
VERSION = "1"

_MAX_MODIFIERS = 3
_MAX_TAIL_WORDS = 7
_DATE_BEFORE = 80
# a date after "that"/"which" belongs to a relative clause ("the agreement that stopped the war on November 10")
_RELATIVE_CLAUSE = re.compile(r"(?i)\b(?:that|which|when|когда|котор\w+)\b")
_PAST_DAY = re.compile(r"(?i)\b(?:over|during|in) the (?:past|last) (?:day|24 hours)|за (?:прошедшие|минувшие|последние) сутки")
_DATE_AFTER = 15
_WORD = re.compile(r"%|[^\W_]+(?:[-'][^\W_]+)*|[^\s\w]", re.UNICODE)
_STOP_WORDS = frozenset(
    "the a an of in on at to and or for with from by that which who is as than into about this these those their its "
    "his her our your after before during since until per each every last next first "
    "в на из и с по для от к о у за при что как это".split()
)
_PASS_WORDS = frozenset({"of them", "of whom", "из них", "of those", "among them", "среди них", "of its", "of their", "of the", "of our"})
_AUXILIARIES = frozenset("were was are is have has had been being be already reportedly получили".split())
_AND = frozenset({"and", "or", "и", "или", "և", "və"})
_TAIL_STOP = re.compile(r"[,.](?!\d)|[;:!?()\"\n]|\s(?:and|but|while|which|who|whereas|making|а|но|и)\s", re.IGNORECASE)
_RUNNING_TOTAL = re.compile(
    r"(?i)(?<!\w)(?:so far|already|to date|thus far|as of now|by now|in total|уже|на сегодняшний день|к настоящему времени|"
    r"на данный момент|всего|արդեն|artıq|indiyədək)(?!\w)|(?<!\w)(?:have|has)\s+(?:already\s+|now\s+)?(?:been\s+)?\w+(?:ed|en|t)(?!\w)"
)
_TOTAL_OF = re.compile(r"(?i)(?<!\w)(?:number|total|count|число|количество|общее число)(?:\s+of)?(?!\w)")
_PREVIOUS_FIGURE_REACH = 400
# a population stated as a number: "an estimated population of 145,000", "put the population at 120,000",
# "население составляло около 150 тысяч"
_POPULATION_BEFORE = re.compile(
    r"(?i)(?<!\w)(?:population|населени[ея])\s+(?:of|at|was|is|stood at|estimated at|numbered|составля\w+|было|в)\s+"
    r"(?:an estimated\s+|about\s+|some\s+|around\s+|roughly\s+|nearly\s+)?$"
)
_OF_TOTAL = re.compile(r"\d\s+(?:из|of|out of)\s+$", re.IGNORECASE)
_HEADLINE_LINES = 5
_HEADLINE_REACH = 1500
_HEADLINE_MAX_WORDS = 25
_RATE_WINDOW = 40
_SHARE_WINDOW = 40
_SINCE = re.compile(r"(?i)(?:since|from|с|со|after|until|till|до)\s*$")
_VERB_BEFORE = re.compile(r"(?<!\w)(\w{3,}(?:ed|en)|sent|lost|fled|brought|built|left|held|made|found|kept)\s+(?:a total of\s+|an?\s+)?$")
_HEAD_TOKENS = 14
# What the words before a figure can end with for _VERB_BEFORE to match (a cheap first test).
_VERB_ENDINGS = ("ed", "en", "sent", "lost", "brought", "built", "left", "held", "made", "found", "kept", "of", "a", "an")


@dataclass(frozen=True, slots=True)
class _Unit:
    unit: str
    cls: str


@dataclass(frozen=True, slots=True)
class _Head:
    unit: _Unit
    head_start: int
    phrase_end: int


@cache
def _unit_tables() -> tuple[dict[str, _Unit], list[tuple[str, _Unit, bool, str]], int]:
    """(en word or phrase -> unit, [(stem, unit, exact)] for other languages, longest en phrase in words)."""
    words: dict[str, _Unit] = {}
    stems: list[tuple[str, _Unit, bool, str]] = []
    for entry in lexicon("units")["entries"]:
        unit = _Unit(entry["unit"], entry["class"])
        for form in entry["en"]:
            words.setdefault(form.lower(), unit)
        for lang in ("ru", "hy", "az"):
            for stem in entry.get(lang, []):
                exact = stem.endswith("$")
                stems.append((stem.rstrip("$").lower(), unit, exact, lang))
    stems.sort(key=lambda s: -len(s[0]))
    longest = max(len(w.split()) for w in words)
    return words, stems, longest


@cache
def _context_words() -> tuple[frozenset[str], tuple[str, ...], re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(duration words, duration stems, distance follower, rate follower, currency before, inherit cue)."""
    data = lexicon("units")
    durations = frozenset(data["duration_words"]["en"])
    stems = tuple(w for lang in ("ru", "hy", "az") for w in data["duration_words"][lang])
    distance = re.compile(rf"\s*(?:{trie_alternation(data['distance_followers'])})(?!\w)", re.IGNORECASE)
    rate = re.compile(rf"(?<!\w)(?:{trie_alternation(data['rate_followers'])})(?!\w)", re.IGNORECASE)
    currency = re.compile(rf"(?<!\w)(?:{trie_alternation(data['currencies_before'])})\s*$", re.IGNORECASE)
    cues = lexicon("indicator_keywords")["inherit_cues"]
    inherit = re.compile(rf"(?<!\w)(?:{trie_alternation(cues)})(?!\w)", re.IGNORECASE)
    return durations, stems, distance, rate, currency, inherit


@lru_cache(maxsize=8192)
def _is_duration(word: str) -> bool:
    durations, stems, *_ = _context_words()
    if word in durations:
        return True
    return not word.isascii() and any(word == st[:-1] if st.endswith("$") else word.startswith(st) for st in stems)


@cache
def _indicator_rules() -> tuple[list[tuple[str, frozenset[str], re.Pattern[str] | None, re.Pattern[str] | None]], dict[str, str]]:
    data = lexicon("indicator_keywords")
    rules = []
    for rule in data["rules"]:
        rules.append((rule["indicator"], frozenset(rule["classes"]), _keyword_regex(rule["strong"]), _keyword_regex(rule["weak"])))
    return rules, dict(data["default"])


@cache
def _classes_of_indicator() -> dict[str, frozenset[str]]:
    """Indicator -> the unit classes its rules apply to: a part of a total in tons ("110 tons, including
    4,000 food parcels") takes the total's indicator only when that indicator fits the part's unit."""
    out: dict[str, frozenset[str]] = {}
    for rule in lexicon("indicator_keywords")["rules"]:
        out[rule["indicator"]] = out.get(rule["indicator"], frozenset()) | frozenset(rule["classes"])
    return out


def _keyword_regex(stems: list[str]) -> re.Pattern[str] | None:
    if not stems:
        return None
    alt = "|".join(re.escape(s) for s in sorted(stems, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alt})", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Hit:
    """A keyword of one indicator rule found in the document (lower-case text offsets)."""

    start: int
    end: int
    order: int  # the rule's position in the lexicon: the first rule wins a tie, as in a scan rule by rule
    indicator: str
    classes: frozenset[str]
    pattern: re.Pattern[str]


@cache
def _keyword_tables() -> tuple[dict[bool, dict[str, list[tuple[int, str, frozenset[str], re.Pattern[str]]]]], re.Pattern[str], re.Pattern[str]]:
    """For each tier (strong True / weak False): the first two letters of a keyword -> the rules with a
    keyword starting so, each (order, indicator, classes, its keywords as one lower-case pattern); and
    one pattern finding every word start where some keyword begins (after a non-word character, and at 0)."""
    data = lexicon("indicator_keywords")
    tiers: dict[bool, dict[str, list[tuple[int, str, frozenset[str], re.Pattern[str]]]]] = {True: {}, False: {}}
    every: set[str] = set()
    for order, rule in enumerate(data["rules"]):
        for strong in (True, False):
            stems = [stem.lower() for stem in rule["strong" if strong else "weak"]]
            if not stems:
                continue
            every.update(stems)
            entry = (order, rule["indicator"], frozenset(rule["classes"]), re.compile(alternation(stems)))
            for prefix in sorted({stem[:2] for stem in stems}):
                tiers[strong].setdefault(prefix, []).append(entry)
    trie = trie_alternation(every)
    return tiers, re.compile(rf"[^\w](?=(?:{trie}))"), re.compile(rf"(?:{trie})")


def _keyword_hits(ctx: Context, scope: tuple[int, int]) -> dict[bool, tuple[list[int], list[_Hit]]] | None:
    """Every keyword of every rule in clean[scope] (a sentence), by tier (strong True / weak False), sorted
    by start: found once a sentence instead of once a rule and figure, and only in sentences that have a
    figure. None when lower-casing would move offsets (then `_nearest_keyword` scans as before)."""
    memo = ctx.memo.setdefault("keyword_hits", {})
    if scope in memo:
        return memo[scope]
    if "low" not in ctx.memo:
        low = ctx.clean.lower()
        ctx.memo["low"] = low if len(low) == len(ctx.clean) else None
    low = ctx.memo["low"]
    found: dict[bool, tuple[list[int], list[_Hit]]] | None = None
    if low is not None:
        tiers, finder, at_start = _keyword_tables()
        # As in a scan of the sentence alone, a keyword may start at the sentence's first character.
        starts = [m.end() for m in finder.finditer(low, scope[0], scope[1])]
        if at_start.match(low, scope[0], scope[1]):
            starts.insert(0, scope[0])
        found = {}
        for strong, by_prefix in tiers.items():
            hits = []
            for start in starts:
                for order, indicator, classes, pattern in by_prefix.get(low[start : start + 2], ()):
                    m = pattern.match(low, start)
                    if m is not None:
                        hits.append(_Hit(start, m.end(), order, indicator, classes, pattern))
            found[strong] = ([h.start for h in hits], hits)
    memo[scope] = found
    return found


@dataclass(slots=True)
class _Lookups:
    """Per-document sorted views for bisecting instead of scanning every date or place per number."""

    date_starts: list[int]
    date_ends: list[int]
    places: list[Mention]
    place_starts: list[int]
    sentence_ends: list[int]


def _lookups(ctx: Context) -> _Lookups:
    found = ctx.memo.get("figure_lookups")
    if found is None:
        places = sorted(ctx.places, key=lambda p: p.span[0])
        found = _Lookups(
            [d.start for d in ctx.dates],
            [d.end for d in ctx.dates],
            places,
            [p.span[0] for p in places],
            [s[1] for s in ctx.sentences],
        )
        ctx.memo["figure_lookups"] = found
    return found


def run(ctx: Context) -> None:
    """Add a Figure to `ctx.figures` for every number token that states a quantity."""
    for token in ctx.numbers:
        figure = _figure(ctx, token)
        if figure is not None:
            ctx.figures.append(figure)


def _figure(ctx: Context, token: Token) -> Figure | None:
    if (_inside_date(ctx, token) and not _count_like_a_year(ctx, token)) or _in_headline(ctx, token) or _part_of_total(ctx.clean, token.start):
        return None
    if _repeated_from_summary_box(ctx, token):
        return None
    if _VAGUE_BEFORE.search(ctx.clean, max(0, token.start - 12), token.start) and _BARE_SCALE.fullmatch(ctx.clean[token.start : token.end]):
        return None  # "several hundred people", "несколько тысяч человек": no number given
    if _YEAR_NUMBER.fullmatch(ctx.clean[token.start : token.end]) and _IN_YEAR.search(ctx.clean, max(0, token.start - 8), token.start):
        return None  # "In 2010 people began to return": a year, whatever follows
    if ctx.clean[token.start - 1 : token.start] == "-" and _MODEL_NAME.search(ctx.clean, max(0, token.start - 6), token.start):
        return None  # "two Il-76 aircraft", "Ми-8", "T-72": the number names a model
    _, _, distance, rate, currency, _ = _context_words()
    sentence = _sentence_of(ctx, token.start)
    head = _head(ctx.clean, token.end, sentence[1], ctx.info.language)
    before = ctx.clean[max(sentence[0], token.start - 8) : token.start]
    if before.rstrip()[-1:].lower() in _currency_endings() and currency.search(before):
        head = _Head(_Unit("money", "money"), token.start, token.end)
    if token.extra.get("words") and _NO_ONE.search(ctx.clean, max(0, token.start - 4), token.start):
        return None  # "no one was killed"
    if head is not None and _compound_adjective(ctx.clean, token.end):
        return None  # "five-storey buildings", "a 44-day war", "65-year-old": part of a modifier
    cell: tuple[str | None, int] | None = None
    population = head is None and _population_figure(ctx, token, sentence)
    if population:
        head = _Head(_unit_named("people"), token.start, token.end)  # "put the population at 120,000"
    if head is None:
        head = _head_before(ctx, token, sentence) or _implied_head(ctx, token, sentence) or _casualty_head(ctx.clean, token, sentence)
    if head is None:
        found = _cell_head(ctx, token) or _label_head(ctx, token)
        if found is not None:
            head, cell = found[0], (found[1], found[2])
    if head is None:
        return None
    unit = head.unit
    if unit.cls == "length" and distance.match(ctx.clean, head.phrase_end):
        return None  # "20 kilometres from the city" is a distance, not a quantity of road
    end = _span_end(ctx.clean, head.phrase_end, sentence[1]) if cell is None else head.phrase_end
    start = min(token.extra.get("qualifier_start", token.start), token.start)
    if population:
        indicator, rule, confidence = "other", "other:population", 0.7  # a population is a stock, not a movement
    elif cell is not None:
        start = min(start, cell[1])
        indicator, rule, confidence = (cell[0], f"{cell[0]}:cell", 0.75) if cell[0] else _indicator(ctx, token, unit, sentence, end)
    elif rate.search(ctx.clean[head.phrase_end : min(end + 12, head.phrase_end + _RATE_WINDOW)]):
        indicator, rule, confidence = "other", "rate", 0.6
    else:
        indicator, rule, confidence = _indicator(ctx, token, unit, sentence, end)
    if indicator is None:
        return None
    if token.value == 1 and _ONE_OF.match(ctx.clean, token.end) and not indicator.startswith("casualties"):
        return None  # "one of the new residents", "one of its convoys": a member, not a count (but "one of its soldiers was killed")
    return Figure(
        value=token.value,
        qualifier=token.extra.get("qualifier"),
        unit=unit.unit,
        indicator=indicator,
        what=_what(ctx, token, end),
        date_of_fact=_date_of_fact(ctx, token, sentence),
        place=_place(ctx, token, sentence),
        span=(start, end),
        text=ctx.text[start:end],
        provenance=Provenance(STAGE, VERSION, f"number+{unit.cls}:{rule}", confidence),
    )


_MODEL_NAME = re.compile(r"(?<![^\W\d_])[^\W\d_]{1,4}-$")
_NO_ONE = re.compile(r"(?i)(?<!\w)(?:no|ни)\s$")
_COMPOUND = re.compile(r"-[^\W\d_]")
_CASUALTY_AFTER = re.compile(
    r"(?i)(?:killed|died|dead|injured|wounded|hurt|perished|погиб\w*|ранен\w*|ранил\w*|убит\w*|скончал\w*|пострадал\w*|"
    r"զոհ\w*|վիրավոր\w*|həlak\w*|yaralan\w*)(?!\w)"
)
_CASUALTY_BEFORE = re.compile(r"(?i)(?<!\w)(?:killed|injured|wounded|погибли|погибло|ранены|ранено|убиты|пострадали)\s+$")
_AFTER_BARE = re.compile(r"\s*(?:$|[,;:.!?)\n]|(?:and|or|in|on|at|и|в|на|others?|more|people)(?!\w))", re.IGNORECASE)
_RU_PARTICIPLE = re.compile(r"[а-яё]+(?:ены|ено|ана|аны|яны|ыты|иты|ются|утся|ятся|атся)$")
_CELL_SPLIT = re.compile(r"\s*\|\s*|\t+\s*| {2,}")
_LABEL = re.compile(r"^[\s•·*▪►\-–—]*(?P<label>[^\W\d_][^:\n\d]{1,60}?)\s*(?::|\s[–—-])\s*$")
_TABLE_REACH = 15


def _compound_adjective(clean: str, end: int) -> bool:
    return clean[end : end + 1] == "-" and _COMPOUND.match(clean, end) is not None


def _casualty_head(clean: str, token: Token, sentence: tuple[int, int]) -> _Head | None:
    """A number with no noun that is killed or injured: "трое ранены", "45 из них погибли", "five were
    killed", "... and injured 9"."""
    pos = token.end
    for _ in range(4):
        m = _WORD.match(clean, pos + 1) if clean[pos : pos + 1] == " " else None
        if m is None:
            break
        low = m.group().lower()
        if _CASUALTY_AFTER.fullmatch(low):
            return _Head(_unit_named("people"), token.start, m.end())
        nxt = _WORD.match(clean, m.end() + 1) if clean[m.end() : m.end() + 1] == " " else None
        if nxt is not None and f"{low} {nxt.group().lower()}" in _PASS_WORDS:
            pos = nxt.end()
            continue
        if low in _AUXILIARIES or low in {"more", "others", "other", "people", "человек", "also", "также", "тоже"}:
            pos = m.end()
            continue
        break
    start = token.extra.get("qualifier_start", token.start)
    if _CASUALTY_BEFORE.search(clean, max(sentence[0], start - 14), start) and _AFTER_BARE.match(clean, token.end):
        if not (1900 <= token.value <= 2100):
            return _Head(_unit_named("people"), token.start, token.end)
    return None


def _line_of(clean: str, offset: int) -> tuple[int, int]:
    start = clean.rfind("\n", 0, offset) + 1
    end = clean.find("\n", offset)
    return start, end if end >= 0 else len(clean)


def _cells(clean: str, line: tuple[int, int]) -> list[tuple[int, int]]:
    """The cells of a table row: text between pipes, tabs or runs of two or more spaces."""
    cells = []
    pos = line[0]
    for m in _CELL_SPLIT.finditer(clean, line[0], line[1]):
        if m.start() > pos:
            cells.append((pos, m.start()))
        pos = m.end()
    if pos < line[1] and clean[pos:line[1]].strip():
        cells.append((pos, line[1]))
    return [(a, b) for a, b in cells if clean[a:b].strip()]


def _cell_head(ctx: Context, token: Token) -> tuple[_Head, str | None, int] | None:
    """A number alone in a cell of a plain-text table ("Aghdam | 12 | 340", whitespace-aligned columns):
    the unit and indicator come from its column's header, else from the caption line above the header."""
    clean = ctx.clean
    line = _line_of(clean, token.start)
    if "|" not in clean[line[0] : line[1]] and "  " not in clean[line[0] : line[1]] and "\t" not in clean[line[0] : line[1]]:
        return None
    cells = _cells(clean, line)
    column = next((i for i, (a, b) in enumerate(cells) if a <= token.start and token.end <= b), None)
    if column is None or column == 0 or len(cells) < 2:
        return None
    a, b = cells[column]
    if clean[a:b].strip() != clean[token.start : token.end].strip() and not clean[a:b].strip().startswith(clean[token.start : token.end]):
        return None
    header = None
    caption = None
    pos = line[0]
    for _ in range(_TABLE_REACH):
        if pos == 0:
            break
        above = _line_of(clean, pos - 1)
        text = clean[above[0] : above[1]]
        if not text.strip():
            break
        above_cells = _cells(clean, above)
        if len(above_cells) != len(cells):
            if header is not None:
                caption = above
            break
        if not any(ch.isdigit() for ch in text):
            header = above_cells
        pos = above[0]
    if header is None:
        return None
    h_start, h_end = header[column]
    unit = _unit_in(clean, h_start, h_end, ctx.info.language)
    indicator = None
    people = _Unit("people", "people")
    for strong in (True, False):
        for scope in ((h_start, h_end), caption):
            if scope is None or indicator is not None:
                continue
            probe = unit or people
            indicator = _nearest_keyword_scan(clean, scope, scope[0], probe, strong=strong)
            if indicator is not None and unit is None:
                unit = people
    if unit is None:
        return None
    return _Head(unit, token.start, token.end), indicator, token.start


def _label_head(ctx: Context, token: Token) -> tuple[_Head, str | None, int] | None:
    """A number after a label on its own line ("Returns: 1,250", "• Houses restored – 340"): the unit of
    the label's noun, else people when the label names what happened to people."""
    clean = ctx.clean
    line = _line_of(clean, token.start)
    start = min(token.extra.get("qualifier_start", token.start), token.start)
    m = _LABEL.match(clean[line[0] : start])
    if m is None or not _AFTER_BARE.match(clean, token.end):
        return None
    l_start, l_end = line[0] + m.start("label"), line[0] + m.end("label")
    unit = _unit_in(clean, l_start, l_end, ctx.info.language)
    indicator = None
    for strong in (True, False):
        if indicator is None:
            indicator = _nearest_keyword_scan(clean, (l_start, l_end), l_end, unit or _Unit("people", "people"), strong=strong)
    if unit is None and indicator is not None and indicator != "other":
        unit = _Unit("people", "people")
    if unit is None:
        return None
    return _Head(unit, token.start, token.end), indicator, l_start


def _unit_in(clean: str, start: int, end: int, language: str | None) -> _Unit | None:
    words, _, _ = _unit_tables()
    lows = [m.group().lower() for m in _WORD.finditer(clean, start, end)]
    for size in (3, 2, 1):
        for i in range(len(lows) - size + 1):
            phrase = " ".join(lows[i : i + size])
            if phrase in words:
                return words[phrase]
    _, stems, _ = _unit_tables()
    for low in lows:
        found = _stem_unit(low, stems, language)
        if found is not None:
            return found
    return None


def _part_of_total(clean: str, start: int) -> bool:
    """"14 of 20": the 20 is the whole, not a figure of its own."""
    return clean[max(0, start - 16) : start].rstrip()[-2:].lower() in _OF_ENDINGS and _OF_TOTAL.search(clean, max(0, start - 16), start) is not None


_OF_ENDINGS = frozenset({"of", "из"})


@cache
def _currency_endings() -> frozenset[str]:
    """Last characters of the currency signs and codes written before an amount (a cheap first test)."""
    return frozenset(c for form in lexicon("units")["currencies_before"] for c in (form[-1].lower(), form[-1].upper().lower()))


def _in_headline(ctx: Context, token: Token) -> bool:
    """Headline figures repeat the body's (often rounded) and are not annotated twice. A headline is one
    of the first lines of the text that is short and does not end like a sentence of the body."""
    if token.start > _HEADLINE_REACH:
        return False
    line_start = ctx.clean.rfind("\n", 0, token.start) + 1
    lines_before = [ln for ln in ctx.clean[:line_start].split("\n") if ln.strip()]
    if len(lines_before) >= _HEADLINE_LINES:
        return False
    line_end = ctx.clean.find("\n", token.start)
    line = ctx.clean[line_start : line_end if line_end >= 0 else len(ctx.clean)].strip()
    return len(line.split()) <= _HEADLINE_MAX_WORDS and not line.endswith((".", "։", '"', ":"))


def _repeated_from_summary_box(ctx: Context, token: Token) -> bool:
    """A figure of a "KEY FIGURES" box that the body states again (written the same way) is annotated
    once, in the body; a box figure stated nowhere else stays."""
    boxes = ctx.memo.get("summary_boxes")
    if boxes is None:
        boxes = ctx.memo["summary_boxes"] = [(m.end(), _box_end(ctx.clean, m.end())) for m in _SUMMARY_BOX.finditer(ctx.clean)]
    for start, end in boxes:
        if start <= token.start < end:
            written = ctx.clean[token.start : token.end]
            return re.search(rf"(?<![\d.,]){re.escape(written)}(?![\d]|[.,]\d)", ctx.clean[end:]) is not None
    return False


def _box_end(clean: str, start: int) -> int:
    """The end of a box: the first blank line after its first item."""
    first = re.search(r"\S", clean[start:])
    if first is None:
        return len(clean)
    blank = clean.find("\n\n", start + first.start())
    return blank if blank >= 0 else len(clean)


_SUMMARY_BOX = re.compile(
    r"(?im)^[ \t]*(?:key figures|key numbers|in numbers|at a glance|figures at a glance|ключевые цифры|в цифрах|основные цифры)[ \t]*:?[ \t]*$"
)


def _implied_head(ctx: Context, token: Token, sentence: tuple[int, int]) -> _Head | None:
    """"Of them, 11,200 are living in ...": a number followed by a verb takes the unit of the figure
    just before it; so does the earlier value a figure is compared with ("52 violations, up from 49")."""
    if _COMPARED_WITH.search(ctx.clean, max(sentence[0], token.start - 24), token.start):
        previous = _previous_figure(ctx, token)
        if previous is not None and previous.span[0] >= sentence[0]:
            return _Head(_unit_named(previous.unit), token.start, token.end)
    nxt = _WORD.match(ctx.clean, token.end + 1) if token.end + 1 < len(ctx.clean) else None
    if nxt is not None:
        after = _WORD.match(ctx.clean, nxt.end() + 1)
        if after is not None and f"{nxt.group().lower()} {after.group().lower()}" in _MEMBER_OF:
            # "38 of them with burns", "18 из них": a part of the group just counted
            previous = _previous_figure(ctx, token)
            if previous is not None and previous.unit in _GROUP_UNITS and token.value != 1:
                return _Head(_unit_named(previous.unit), token.start, after.end())
        if after is not None and f"{nxt.group().lower()} {after.group().lower()}" in _PASS_WORDS:
            nxt = _WORD.match(ctx.clean, after.end() + 1)  # "Some 8,600 of them are still housed"
    ends = _CLAUSE_END.match(ctx.clean, token.end) is not None
    if (
        (ends or (nxt is not None and nxt.group().lower() in _ELLIPTIC_FOLLOWERS))
        and token.extra.get("qualifier")
        and token.value >= _ELLIPTIC_MIN
    ):
        # "more than 20,000 on a single day", "an estimated 45,000 with relatives": a hedged count whose
        # noun was given with the figure just before it
        previous = _previous_figure(ctx, token)
        if previous is not None and previous.unit == "people":
            return _Head(_unit_named(previous.unit), token.start, token.end)
    if not nxt or (nxt.group().lower() not in _AUXILIARIES and not _RU_PARTICIPLE.fullmatch(nxt.group().lower())):
        return None
    previous = _previous_figure(ctx, token)
    if previous is None:
        return None
    return _Head(_unit_named(previous.unit), token.start, token.end)


_COMPARED_WITH = re.compile(
    r"(?i)(?<!\w)(?:(?:up|down|rising|falling|increase|decrease|rise|drop)\s+from|compared (?:with|to)|against|"
    r"по сравнению с|против)\s+(?:about\s+|some\s+|около\s+)?$"
)


_TO_NUMBER = re.compile(r"(?i)(?<!\w)(?:to|до)\s+(?:about\s+|some\s+|около\s+)?$")
_MEMBER_OF = frozenset({"of them", "of whom", "из них", "among them", "среди них"})
_GROUP_UNITS = frozenset({"people", "troops", "children", "families"})
_ELLIPTIC_FOLLOWERS = frozenset({"on", "with", "in", "at", "a", "per", "each", "have", "had", "were", "are"})
_ELLIPTIC_MIN = 100
_CLAUSE_END = re.compile(r"\s*[.;!?]")


def _unit_named(unit: str) -> _Unit:
    words, stems, _ = _unit_tables()
    for candidate in list(words.values()) + [s[1] for s in stems]:
        if candidate.unit == unit:
            return candidate
    return _Unit(unit, "other")


def _previous_figure(ctx: Context, token: Token) -> Figure | None:
    if not ctx.figures:
        return None
    last = ctx.figures[-1]
    return last if 0 <= token.start - last.span[0] <= _PREVIOUS_FIGURE_REACH else None


def _inside_date(ctx: Context, token: Token) -> bool:
    # Date tokens are sorted and do not overlap, so their ends are sorted too.
    lookups = _lookups(ctx)
    index = bisect.bisect_right(lookups.date_ends, token.start)
    return index < len(lookups.date_starts) and lookups.date_starts[index] < token.end


_YEAR_BEFORE = re.compile(
    r"(?i)(?<!\w)(?:in|since|by|until|till|from|of|to|before|after|the|early|late|mid|в|с|до|по|к|после|от|за)\s+$"
)


_ONE_OF = re.compile(r"\s+(?:of|из)\s")
_VAGUE_BEFORE = re.compile(r"(?i)(?<!\w)(?:several|a few|few|many|несколько|нескольких|много)\s+$")
_BARE_SCALE = re.compile(r"(?i)hundreds?|thousands?|сот(?:ен|ни)|тысяч[аи]?")
_YEAR_NUMBER = re.compile(r"(?:19|20)\d{2}")
_IN_YEAR = re.compile(r"(?i)(?<!\w)(?:in|since|until|till|before|after|в|с|до|после)\s+$")


def _count_like_a_year(ctx: Context, token: Token) -> bool:
    """ "1960 военнослужащих", "2010 mines": a bare number in the years' range followed by a counted noun
    is a quantity, unless a preposition or article introduces it as a year ("in 2020 people fled")."""
    lookups = _lookups(ctx)
    index = bisect.bisect_right(lookups.date_ends, token.start)
    date = ctx.dates[index] if index < len(ctx.dates) else None
    if date is None or (date.start, date.end) != (token.start, token.end) or date.extra.get("precision") != "year":
        return False
    if _YEAR_BEFORE.search(ctx.clean, max(0, token.start - 10), token.start):
        return False
    sentence = _sentence_of(ctx, token.start)
    head = _head(ctx.clean, token.end, sentence[1], ctx.info.language)
    return head is not None and head.head_start - token.end <= 1 and head.unit.cls not in ("time", "duration", "money")


def _sentence_of(ctx: Context, offset: int) -> tuple[int, int]:
    index = bisect.bisect_right(ctx.sentences, (offset, len(ctx.clean) + 1)) - 1
    if index >= 0 and ctx.sentences[index][0] <= offset < ctx.sentences[index][1]:
        return ctx.sentences[index]
    return max(0, offset - 200), min(len(ctx.clean), offset + 200)


def _head(clean: str, after: int, limit: int, language: str | None = None) -> _Head | None:
    """The unit noun after a number: skips up to three modifiers ("and" between modifiers too), "of them",
    "of 20", auxiliaries and dashes; stops at punctuation, function words, durations and other numbers."""
    words, stems, longest = _unit_tables()
    # Words are read only as far as needed (the head is most often the first or second word).
    found = islice(_WORD.finditer(clean, after, limit), _HEAD_TOKENS)
    tokens: list[tuple[int, int, str]] = []
    lows: list[str] = []
    modifiers = 0
    index = 0
    while True:
        while len(tokens) <= index + longest:
            m = next(found, None)
            if m is None:
                break
            word = m.group()
            tokens.append((m.start(), m.end(), word))
            lows.append(word.lower())
        if index >= len(tokens):
            break
        start, end, word = tokens[index]
        low = lows[index]
        for size in range(min(longest, len(tokens) - index), 0, -1):
            phrase = low if size == 1 else " ".join(lows[index : index + size])
            if phrase in words:
                return _Head(words[phrase], start, tokens[index + size - 1][1])
        stem_unit = _stem_unit(low, stems, language)
        if stem_unit is not None:
            return _Head(stem_unit, start, end)
        nxt = tokens[index + 1][2] if index + 1 < len(tokens) else ""
        pair = f"{low} {lows[index + 1] if nxt else ''}"
        if pair in _PASS_WORDS:
            index += 2
            continue
        if low in {"of", "из", "out"} and nxt[:1].isdigit():  # "14 of 20 bakeries", "14 из 20"
            index += 2
            continue
        if low in _AUXILIARIES or word == "-":
            index += 1
            continue
        if low in _AND and nxt[:1].isdigit():  # "60 Turkish and 60 Russian military personnel"
            index += 2
            continue
        if low in _AND and modifiers and nxt:
            index += 1
            continue
        if not word[0].isalpha() or low in _STOP_WORDS or _is_duration(low):
            return None
        modifiers += 1
        if modifiers > _MAX_MODIFIERS:
            return None
        index += 1
    return None


def _population_figure(ctx: Context, token: Token, sentence: tuple[int, int]) -> bool:
    start = token.extra.get("qualifier_start", token.start)
    return _POPULATION_BEFORE.search(ctx.clean, max(sentence[0], start - 40), start) is not None


def _head_before(ctx: Context, token: Token, sentence: tuple[int, int]) -> _Head | None:
    """For "the number of people who have returned ... to 15,000" and "has reached 3,100": the unit
    of "number/total of X" earlier in the sentence."""
    before = ctx.clean[sentence[0] : token.start]
    totals = list(_TOTAL_OF.finditer(before))
    for m in totals:
        head = _head(ctx.clean, sentence[0] + m.end(), token.start, ctx.info.language)
        if head is not None:
            return _Head(head.unit, token.start, token.end)
    if totals and _TO_NUMBER.search(before):
        # "..., bringing the total in their zone to 23": the total of what the figure before counted
        previous = _previous_figure(ctx, token)
        if previous is not None:
            return _Head(_unit_named(previous.unit), token.start, token.end)
    return None


def _stem_unit(word: str, stems: list[tuple[str, _Unit, bool, str]], language: str | None) -> _Unit | None:
    """The unit of a non-English word by stem. Azerbaijani stems apply only to Azerbaijani texts: in
    Latin script they would match English words ("ev" in "every")."""
    if word.isascii() and language != "az":
        return None
    return _stem_unit_of(word, language)


@lru_cache(maxsize=16384)
def _stem_unit_of(word: str, language: str | None) -> _Unit | None:
    _, stems, _ = _unit_tables()
    for stem, unit, exact, lang in stems:
        if lang == "az" and language != "az":
            continue
        if (word == stem) if exact else word.startswith(stem):
            return unit
    return None


def _indicator(
    ctx: Context, token: Token, unit: _Unit, sentence: tuple[int, int], span_end: int
) -> tuple[str | None, str, float]:
    """(indicator code, rule name, confidence). A strong keyword inside the figure's own words wins;
    then a part of a total just given ("of them", "including") takes the total's indicator; then the
    nearest strong keyword of the sentence, the nearest weak one, the previous sentence's, the class
    default."""
    rules, defaults = _indicator_rules()
    if unit.cls == "percent":
        # A share of people only when the words after it say so ("60 percent of the population").
        share = _nearest_keyword(ctx, (token.end, min(sentence[1], span_end + _SHARE_WINDOW)), token.start, unit, strong=True, scope=sentence)
        if share is None:
            # "..., and children about 30 per cent": the group named just before, in the same clause
            clause = max(sentence[0], token.start - _SHARE_WINDOW)
            cut = max(ctx.clean.rfind(mark, clause, token.start) for mark in ",;:(")
            share = _nearest_keyword(ctx, (max(clause, cut + 1), token.start), token.start, unit, strong=True, scope=sentence)
        return (share, f"{share}:share", 0.8) if share else ("other", "other:percent", 0.5)
    own = _nearest_keyword(ctx, (token.end, span_end), token.start, unit, strong=True, scope=sentence)
    if own is not None:
        return own, f"{own}:own", 0.9
    previous = _previous_figure(ctx, token)
    near = ctx.clean[max(sentence[0], token.start - 30) : span_end]
    if (
        previous is not None
        and previous.indicator != "other"
        and unit.cls in _classes_of_indicator().get(previous.indicator, ())
        and _context_words()[5].search(near)
    ):
        return previous.indicator, f"{previous.indicator}:part-of-previous", 0.7
    for strong, confidence in ((True, 0.85), (False, 0.65)):
        found = _nearest_keyword(ctx, sentence, token.start, unit, strong=strong, scope=sentence)
        if found is not None:
            return found, f"{found}:{'strong' if strong else 'weak'}", confidence
    earlier = bisect.bisect_right(_lookups(ctx).sentence_ends, sentence[0])  # sentences ending by this one's start
    if earlier:
        previous_sentence = ctx.sentences[earlier - 1]
        found = _nearest_keyword(ctx, previous_sentence, token.start, unit, strong=True, scope=previous_sentence)
        if found is not None and found != "other":  # an exception ('planned', 'held') stays in its sentence
            return found, f"{found}:previous-sentence", 0.55
    default = defaults.get(unit.cls, "other")
    return default, f"{default}:default", 0.5


def _nearest_keyword(
    ctx: Context, window: tuple[int, int], position: int, unit: _Unit, *, strong: bool, scope: tuple[int, int]
) -> str | None:
    """The indicator of the keyword nearest to `position` in clean[window] (inside clean[scope], the
    sentence), among rules for the unit's class (distance to the keyword's nearer end; a tie goes to the
    earlier rule)."""
    tiers = _keyword_hits(ctx, scope) if scope[0] <= window[0] and window[1] <= scope[1] else None
    if tiers is None:
        return _nearest_keyword_scan(ctx.clean, window, position, unit, strong=strong)
    starts, found = tiers[strong]
    low = ctx.memo["low"]
    best: tuple[int, int, str] | None = None
    for index in range(bisect.bisect_left(starts, window[0]), bisect.bisect_left(starts, window[1])):
        hit = found[index]
        if unit.cls not in hit.classes:
            continue
        end = hit.end
        if end > window[1]:  # the keyword runs past the window: its longest form that fits, if any
            m = hit.pattern.match(low, hit.start, window[1])
            if m is None:
                continue
            end = m.end()
        distance = min(abs(hit.start - position), abs(end - position))
        if best is None or (distance, hit.order) < best[:2]:
            best = (distance, hit.order, hit.indicator)
    return best[2] if best else None


def _nearest_keyword_scan(clean: str, window: tuple[int, int], position: int, unit: _Unit, *, strong: bool) -> str | None:
    """`_nearest_keyword` by scanning clean[window] with every rule's pattern."""
    rules, _ = _indicator_rules()
    text = clean[window[0] : window[1]]
    best: tuple[int, str] | None = None
    for indicator, classes, strong_re, weak_re in rules:
        pattern = strong_re if strong else weak_re
        if unit.cls not in classes or pattern is None:
            continue
        for m in pattern.finditer(text):
            at = window[0] + m.start()
            distance = min(abs(at - position), abs(window[0] + m.end() - position))
            if best is None or distance < best[0]:
                best = (distance, indicator)
    return best[1] if best else None


def _span_end(clean: str, phrase_end: int, limit: int) -> int:
    """End of the figure's span: the noun phrase, its "of ..." complement and the verb group after it."""
    stop = _TAIL_STOP.search(clean, phrase_end, limit)
    tail_limit = stop.start() if stop else max(phrase_end, limit)
    end = phrase_end
    for m in islice(_WORD.finditer(clean, phrase_end, tail_limit), _MAX_TAIL_WORDS):
        end = m.end()
    return end


def _what(ctx: Context, token: Token, end: int) -> str:
    """A short description: the noun phrase and what is said of it, without the number."""
    described = ctx.text[token.end : end].strip()
    before = ctx.clean[max(0, token.extra.get("qualifier_start", token.start) - 40) : token.extra.get("qualifier_start", token.start)]
    verb = _VERB_BEFORE.search(before) if before.rstrip().endswith(_VERB_ENDINGS) else None
    return f"{described} ({verb.group(1)})" if verb else described


def _date_of_fact(ctx: Context, token: Token, sentence: tuple[int, int]) -> dt.date | None:
    # A date counts when it is close to the figure: in the clause before it or right after its span
    # ("that stopped the war on November 10" further on dates something else).
    span_end = _span_end(ctx.clean, token.end, sentence[1])
    starts = _lookups(ctx).date_starts
    low = bisect.bisect_left(starts, max(sentence[0], token.start - _DATE_BEFORE))
    high = bisect.bisect_left(starts, min(sentence[1], span_end + _DATE_AFTER))
    candidates = [
        d
        for d in ctx.dates[low:high]
        if d.value is not None
        and not _SINCE.search(ctx.clean[max(sentence[0], d.start - 8) : d.start])
        and not (d.start > token.end and _RELATIVE_CLAUSE.search(ctx.clean, token.end, d.start))
        and not (d.end <= token.start and _DATELINE_GAP.match(ctx.clean, d.end, token.start))
    ]
    if candidates:
        return min(candidates, key=lambda d: abs(d.start - token.start)).value
    posts = ctx.memo.get("post_dates")
    post = None
    if posts:
        i = bisect.bisect_right(posts, token.start, key=lambda p: p[0]) - 1
        post = posts[i][1] if i >= 0 else None
    if _running_total(ctx, sentence):
        return post or ctx.info.published
    if _undated_period(ctx, sentence, low, high):
        return None  # "last week", "in June", "this spring", "would receive": no day to give
    # the date that the sentence's reporting verb carries ("the ministry said on Wednesday"), further off
    low = bisect.bisect_left(starts, sentence[0])
    high = bisect.bisect_left(starts, sentence[1])
    dated = [
        d
        for d in ctx.dates[low:high]
        if isinstance(d.value, dt.date)
        and not _SINCE.search(ctx.clean[max(sentence[0], d.start - 8) : d.start])
        and not (d.start > token.end and _RELATIVE_CLAUSE.search(ctx.clean, token.end, d.start))
        and not (d.end <= token.start and _DATELINE_GAP.match(ctx.clean, d.end, token.start))
    ]
    if dated:
        return min(dated, key=lambda d: abs(d.start - token.start)).value
    carried = _previous_sentence_date(ctx, sentence) if post is None else None
    if carried is not None:
        return carried
    # in a feed of dated posts, the post's day (the day before in a post on "the past day"); else the report's date
    if post is not None:
        line_start = posts[bisect.bisect_right(posts, token.start, key=lambda p: p[0]) - 1][0]
        if _PAST_DAY.search(ctx.clean, line_start, token.start):
            return post - dt.timedelta(days=1)
        return post
    return ctx.info.published


def _previous_sentence_date(ctx: Context, sentence: tuple[int, int]) -> dt.date | None:
    """The day the previous sentence of the same paragraph is about ("Another convoy arrived on
    Sunday. The cargo includes 3,200 food parcels ..."; "From 9 to 15 January ... In that period ...")."""
    key = ("previous_sentence_date", sentence)
    if key not in ctx.memo:
        ctx.memo[key] = _find_previous_sentence_date(ctx, sentence)
    return ctx.memo[key]


def _find_previous_sentence_date(ctx: Context, sentence: tuple[int, int]) -> dt.date | None:
    lookups = _lookups(ctx)
    index = bisect.bisect_right(lookups.sentence_ends, sentence[0]) - 1
    if index < 0:
        return None
    previous = ctx.sentences[index]
    if "\n\n" in ctx.clean[previous[1] : sentence[0] + 1] or "\n\n" in ctx.clean[previous[0] : previous[1]]:
        return None  # another paragraph
    starts = lookups.date_starts
    dated = [
        d
        for d in ctx.dates[bisect.bisect_left(starts, previous[0]) : bisect.bisect_left(starts, previous[1])]
        if isinstance(d.value, dt.date)
        and not _SINCE.search(ctx.clean[max(previous[0], d.start - 8) : d.start])
        and not ctx.clean.startswith(_SINCE_SUFFIXES, d.end)  # "դեկտեմբերի 12-ից" (since 12 December)
        and d.value != ctx.info.published
    ]
    return dated[-1].value if dated else None


_SINCE_SUFFIXES = ("-ից", "ից", "-dan", "-dən", "dan ", "dən ")
# between a dateline's date and the story: "BAKU, Dec 3 (Kura Newswire) - Two civilians ..."
_DATELINE_GAP = re.compile(r"[^.\n]{0,60}?(?:\)\s*-|\s-\s|/\.)")


def _undated_period(ctx: Context, sentence: tuple[int, int], low: int, high: int) -> bool:
    """Whether the sentence places its facts in a period with no day ("last week", "in June", "this
    spring", "за неделю") or in the future ("would receive", "plans to"): such figures take no date
    (the conventions of the gold notes), rather than the publication date."""
    key = ("undated_period", sentence)
    found = ctx.memo.get(key)
    if found is None:
        found = (_hinted(ctx, sentence, _PLAN_HINTS) and _PERIOD_OR_PLAN.search(ctx.clean, sentence[0], sentence[1]) is not None) or any(
            d.value is None and d.extra.get("precision") in ("month", "part") and not _SINCE.search(ctx.clean[max(sentence[0], d.start - 8) : d.start])
            for d in ctx.dates[low:high]
        )
        ctx.memo[key] = found
    return found


def _hinted(ctx: Context, sentence: tuple[int, int], hints: tuple[str, ...]) -> bool:
    """Whether the lower-cased sentence contains one of `hints` (substrings every match of the pattern
    that follows contains): a few substring scans in C instead of a regex tried at every character."""
    if "low" not in ctx.memo:
        low = ctx.clean.lower()
        ctx.memo["low"] = low if len(low) == len(ctx.clean) else None
    low = ctx.memo["low"]
    if low is None:
        return True
    part = low[sentence[0] : sentence[1]]
    return any(hint in part for hint in hints)


_PLAN_HINTS = (
    "week", "month", "spring", "summer", "autumn", "fall", "winter", "year", "will", "would", "plan", "aim", "due to",
    "expected to", "going to", "reporting period", "недел", "месяц", "будет", "будут", "планиру", "предстоит", "направится", "ранее в",
)
_TOTAL_HINTS = (
    "so far", "already", "to date", "thus far", "as of now", "by now", "in total", "уже", "на сегодняшний день",
    "к настоящему времени", "на данный момент", "всего", "արդեն", "artıq", "indiyədək", "have", "has",
)


_PERIOD_OR_PLAN = re.compile(
    r"(?i)(?<!\w)(?:(?:last|this|past|previous) (?:week|month|spring|summer|autumn|fall|winter)|earlier this (?:week|month|year)|"
    r"during the (?:past|last) (?:week|month)|in the (?:past|last) (?:week|month)|(?:during|over|in) the reporting period|"
    r"will|would|plans?|planned|aims?|is due to|are due to|is expected to|are expected to|going to|"
    r"за (?:прошлую |прошедшую |эту )?неделю|на (?:прошлой|этой) неделе|за (?:последний|прошлый) месяц|в этом месяце|"
    r"будет|будут|планиру\w*|предстоит|направится|ранее в)(?!\w)"
)


def _running_total(ctx: Context, sentence: tuple[int, int]) -> bool:
    key = ("running_total", sentence)
    found = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = _hinted(ctx, sentence, _TOTAL_HINTS) and _RUNNING_TOTAL.search(ctx.clean, sentence[0], sentence[1]) is not None
    return found


def _place(ctx: Context, token: Token, sentence: tuple[int, int]) -> str | None:
    """The place of the sentence nearest after the number (the first written of equals), else nearest before."""
    lookups = _lookups(ctx)
    low = bisect.bisect_left(lookups.place_starts, sentence[0])
    high = bisect.bisect_left(lookups.place_starts, sentence[1])
    first_after = bisect.bisect_left(lookups.place_starts, token.end, low, high)
    if first_after < high:
        return lookups.places[first_after].name
    best = None
    for place in lookups.places[low:high]:
        if place.span[1] <= token.start and (best is None or place.span[0] > best.span[0]):
            best = place
    return best.name if best else None
