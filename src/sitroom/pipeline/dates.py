"""Dates and times of day in the clean text, resolved to calendar dates where the text allows it.

Adds to `ctx.dates` one `Token(kind="date", start, end, value, extra)` per date mention, sorted by start:

- `value`: a `datetime.date` when the day is known (precision "day") and the year can be fixed, else None.
  Month-, year- and part-precision mentions ("November 2020", "in 2020", "late September") keep
  `value=None`; their parts are in `extra`.
- `extra["precision"]`: "day" | "month" | "year" | "part" (part = "early/mid/late <month>").
- `extra["time"]`: a time of day written in the same sentence after the date ("from 13.00"), as written,
  or None.
- `extra["relative"]`: True for mentions resolved against the reference date ("on Sunday", "yesterday",
  "today", "last month", "в среду", "вчера").
- `extra["text"]`: the mention as written; `extra["year"|"month"|"day"]`: the parts known (ints or None).

Resolution. The reference date is the publication date (`ctx.info.published`), else the latest full
date (day, month and year) written in the text; it is stored in `ctx.reference_date`.
- A weekday ("on Sunday") is the most recent such weekday on or before the reference date ("last
  Sunday": strictly before; "next Sunday": strictly after).
- "today"/"yesterday"/"N days ago" count from the reference date.
- A day and month with no year ("November 10") takes the year of the reference date, or the year before
  when that would put it more than a month after the reference date. With no reference date it stays None
  (a text that never states a year gives no year).
Month names come from `data/lexicons/months.json` (en, ru, hy, az); everything is compiled regexes,
dateparser is not needed for these forms.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from .context import Context, Token
from .lexicon import (
    digit_runs,
    last_text_cache,
    lexicon,
    month_names,
    trie_alternation,
    trigger_words,
    weekday_names,
)

STAGE = "dates"
VERSION = "1"

# A no-year date more than this many days after the reference date belongs to the year before.
_YEAR_ROLLBACK_DAYS = 31
_ORDINAL = r"(?:st|nd|rd|th|-?го|-?е|-ին|-ի|-?ci|-?cü|-?cı|-?cu)?"
_YEAR_SUFFIX = r"(?:\s*(?:года|году|г\.|թ\.|-ci il|-cı il|il))?"


@dataclass(slots=True)
class DateMention:
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    precision: str
    relative: str | None = None  # "weekday:<n>:<last|next|>" | "days:<n>" | "months:<n>"
    part: str | None = None


@cache
def _regexes() -> dict[str, re.Pattern[str]]:
    months = trie_alternation(month_names())
    weekdays = trie_alternation(weekday_names())
    data = lexicon("months")
    rel_days = trie_alternation(data["relative_days"])
    rel_months = trie_alternation(data["relative_months"])
    parts = trie_alternation(data["parts"])
    flags = re.IGNORECASE
    return {
        # 2023-10-03, and the date of a timestamp "2023-10-03T12:00:00+04:00"
        "iso": re.compile(r"(?<![\w.])((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})(?!(?!T\d{2}:)\w)"),
        # 04.03.2021, 04/03/2021 and 04-03-2021 (day first; one separator throughout)
        "numeric": re.compile(r"(?<![\w.])(\d{1,2})([./-])(\d{1,2})\2((?:19|20)\d{2})(?![\w]|-\d)"),
        "ymd": re.compile(rf"(?<!\w)((?:19|20)\d{{2}})\s*(?:թվականի|թ\.?|г\.|года|-ci ilin|-cı ilin|il)?,?\s+({months})\.?\s+(\d{{1,2}}){_ORDINAL}(?!\w)", flags),
        "dmy": re.compile(
            rf"(?<![\w.])(\d{{1,2}}){_ORDINAL}\s*(?:of\s+)?({months})\.?(?:,?\s+((?:19|20)\d{{2}}){_YEAR_SUFFIX})?(?![\w])",
            flags,
        ),
        "mdy": re.compile(rf"(?<!\w)({months})\.?\s+(\d{{1,2}}){_ORDINAL}(?:,?\s+((?:19|20)\d{{2}}))?(?![\w])", flags),
        "part": re.compile(rf"(?<!\w)({parts})[\s-]+({months})(?:\.?,?\s+((?:19|20)\d{{2}}){_YEAR_SUFFIX})?(?!\w)", flags),
        "my": re.compile(rf"(?<!\w)({months})\.?,?\s+((?:19|20)\d{{2}}){_YEAR_SUFFIX}(?![\w])", flags),
        "month_alone": re.compile(rf"(?<!\w)(?:in|since|until|by|during|в|с|до)\s+({months})(?![\w])", flags),
        "year": re.compile(
            r"(?<![\w.,])((?:19|20)\d{2})(?:\s*(?:года|году|год|г\.|թ\.|-ci il|-cı il))?(?![\w%])"
            r"(?!\s+(?:people|persons|civilians|refugees|troops|tons|tonnes|children|houses|residents|человек|тонн))",
            flags,
        ),
        "weekday": re.compile(rf"(?<!\w)(?:(on|last|this|next|past|в|во|прошлую|прошлый|в прошлую|в прошлый)\s+)?({weekdays})(?!\w)", flags),
        "rel_days": re.compile(rf"(?<!\w)({rel_days})(?!\w)", flags),
        "days_ago": re.compile(r"(?<!\w)(\d{1,2}|two|three|four|five|six|seven|ten)\s+days\s+ago(?!\w)", flags),
        "rel_months": re.compile(rf"(?<!\w)({rel_months})(?!\w)", flags),
        "monthday": re.compile(r"(\d{1,2})(?:st|nd|rd|th)(?=\s*(?:[,.;:)]|$)|\s+(?:and|or|when|as|after|before|at|in|to|with|but)\b)"),
        "time": re.compile(r"(?<![\w.:])(?P<h>[01]?\d|2[0-3])(?P<sep>[:.])(?P<m>[0-5]\d)(?![\w:]|\.\d)"),
        "time_pre": re.compile(r"(?<!\w)(?:from|at|until|till|by|since|after|before|as of|с|в|до|к|после|около|ժամը)\s+$", flags),
        "time_post": re.compile(
            r"\s*(?:hours|hrs|h\b|local time|GMT|UTC|Moscow time|a\.m\.|p\.m\.|am\b|pm\b|ч\b|часов|по московскому)", flags
        ),
    }


_SHORT_EN_MONTHS = {"may", "mar", "jan", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "feb", "apr", "sept", "march"}
_WORD_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10}


@last_text_cache
def find_times(clean: str) -> list[tuple[int, int, str]]:
    """Times of day (start, end, as written "13.00"/"18:16"). A dotted time needs a cue ("from 13.00",
    "13.00 local time") because "1.50" is more often a decimal; a colon time needs none.
    The list is shared with later callers for the same text: do not change it."""
    rx = _regexes()
    found = []
    for m in _at_runs(rx["time"], clean, _short_run_before(":.")):
        if m.group("sep") == "." and not (
            rx["time_pre"].search(clean, max(0, m.start() - 12), m.start()) or rx["time_post"].match(clean, m.end())
        ):
            continue
        found.append((m.start(), m.end(), m.group()))
    return found


def find_mentions(clean: str) -> list[DateMention]:
    """Every date mention in `clean`, unresolved, non-overlapping, sorted by start."""
    rx = _regexes()
    months = month_names()
    found: list[DateMention] = []

    def month_of(word: str) -> int:
        return months[word.lower().rstrip(".")]

    for m in _at_runs(rx["iso"], clean, _year_run_before("-")):
        found.append(DateMention(m.start(), m.end(), int(m[1]), int(m[2]), int(m[3]), "day"))
    for m in _at_runs(rx["numeric"], clean, _short_run_before("./-")):
        if m[2] != "-" or (1 <= int(m[3]) <= 12 and 1 <= int(m[1]) <= 31):
            found.append(DateMention(m.start(), m.end(), int(m[4]), int(m[3]), int(m[1]), "day"))
    windows = _windows(clean)
    for m in _in_windows(rx["ymd"], clean, windows["month"]):
        found.append(DateMention(m.start(), m.end(), int(m[1]), month_of(m[2]), int(m[3]), "day"))
    for m in _in_windows(rx["dmy"], clean, windows["month"]):
        found.append(DateMention(m.start(), m.end(), _int(m[3]), month_of(m[2]), int(m[1]), "day"))
    for m in _in_windows(rx["mdy"], clean, windows["month"]):
        if _ambiguous_english_month(m[1]):
            continue
        found.append(DateMention(m.start(), m.end(), _int(m[3]), month_of(m[1]), int(m[2]), "day"))
    for m in _in_windows(rx["part"], clean, windows["month"]):
        if _ambiguous_english_month(m[2]):
            continue
        part = lexicon("months")["parts"][m[1].lower()]
        found.append(DateMention(m.start(), m.end(), _int(m[3]), month_of(m[2]), None, "part", part=part))
    for m in _in_windows(rx["my"], clean, windows["month"]):
        if _ambiguous_english_month(m[1]):
            continue
        found.append(DateMention(m.start(), m.end(), int(m[2]), month_of(m[1]), None, "month"))
    for m in _in_windows(rx["month_alone"], clean, windows["month"]):
        if _ambiguous_english_month(m[1]):
            continue
        found.append(DateMention(m.start(1), m.end(), None, month_of(m[1]), None, "month"))
    for m in _at_runs(rx["year"], clean, _year_run_before(None)):
        found.append(DateMention(m.start(1), m.end(), int(m[1]), None, None, "year"))
    found.extend(_relative_mentions(clean, windows["relative"]))
    for m in _at_runs(rx["monthday"], clean, _short_run_before("snrt")):
        # "arrived on the 9th", "since the 12th": a day of the month of the reference date
        if _MONTHDAY_BEFORE.search(clean, max(0, m.start() - 12), m.start()) and 1 <= int(m[1]) <= 31:
            found.append(DateMention(m.start() - 4, m.end(), None, None, None, "day", relative=f"monthday:{int(m[1])}"))  # from "the"
    return _without_overlaps(found)


_MONTHDAY_BEFORE = re.compile(r"(?i)(?<!\w)(?:on|since|by|until|till|from|of) the $")


_WINDOW_REACH = 32


def _at_runs(pattern: re.Pattern[str], clean: str, worth: Callable[[str, int, int], bool]) -> list[re.Match[str]]:
    """What `pattern.finditer(clean)` finds, for a pattern that starts with a look-behind excluding word
    characters and then a digit: such a match can only start where a run of digits starts. `worth(clean,
    start, end)` is a cheap necessary condition on the run (its length, the character after it)."""
    found: list[re.Match[str]] = []
    done = 0
    for start, end in digit_runs(clean):
        if start < done or not worth(clean, start, end):
            continue
        m = pattern.match(clean, start)
        if m is not None:
            found.append(m)
            done = m.end()
    return found


@cache
def _short_run_before(followers: str) -> Callable[[str, int, int], bool]:
    """A run of one or two digits followed by one of `followers` (an hour, a day of a numeric date)."""

    def worth(clean: str, start: int, end: int) -> bool:
        return end - start <= 2 and clean[end : end + 1] in followers and end < len(clean)

    return worth


@cache
def _year_run_before(follower: str | None) -> Callable[[str, int, int], bool]:
    """A run of four digits starting 19 or 20 (a year), followed by `follower` when one is given."""

    def worth(clean: str, start: int, end: int) -> bool:
        return end - start == 4 and clean[start : start + 2] in ("19", "20") and (follower is None or clean[end : end + 1] == follower)

    return worth


@cache
def _trigger_words() -> tuple[frozenset[str], frozenset[str]]:
    """(month words, words that end a relative date phrase): where date patterns are worth trying."""
    data = lexicon("months")
    relative = set(weekday_names())
    for phrase in list(data["relative_days"]) + list(data["relative_months"]):
        relative.add(phrase.split()[-1])
    relative.add("ago")
    words = {w.split()[-1] for w in relative} | {w.split()[0] for w in weekday_names()}
    return frozenset(month_names()), frozenset(words)


def _windows(clean: str) -> dict[str, list[tuple[int, int]]]:
    """Stretches of `clean` around month names and relative-date words. Running the date regexes only
    there keeps this stage fast: the regexes start with long alternations Python cannot skip through."""
    months, relative = _trigger_words()
    found: dict[str, list[tuple[int, int]]] = {"month": [], "relative": []}
    size = len(clean)
    for word_start, word_end, word in trigger_words(clean):
        kind = "month" if word in months else "relative" if word in relative else None
        if kind is None:
            continue
        start, end = max(0, word_start - _WINDOW_REACH), min(size, word_end + _WINDOW_REACH)
        spans = found[kind]
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return found


def _in_windows(pattern: re.Pattern[str], clean: str, windows: list[tuple[int, int]]) -> list[re.Match[str]]:
    return [m for start, end in windows for m in pattern.finditer(clean, start, end)]


def _relative_mentions(clean: str, windows: list[tuple[int, int]]) -> list[DateMention]:
    rx = _regexes()
    data = lexicon("months")
    weekdays = weekday_names()
    found = []
    for m in _in_windows(rx["weekday"], clean, windows):
        word = m[2]
        # English weekday names are capitalised; a lower-case "sunday" is rare and "bazar" (az) is a noun too.
        if word[0].islower() and word.isascii():
            continue
        if word.lower() == "bazar" and not m[1]:
            continue
        mode = (m[1] or "").lower()
        direction = "last" if ("last" in mode or "past" in mode or "прошл" in mode) else "next" if mode == "next" else ""
        found.append(
            DateMention(m.start(), m.end(), None, None, None, "day", relative=f"weekday:{weekdays[word.lower()]}:{direction}")
        )
    for m in _in_windows(rx["rel_days"], clean, windows):
        found.append(DateMention(m.start(), m.end(), None, None, None, "day", relative=f"days:{data['relative_days'][m[1].lower()]}"))
    for m in _in_windows(rx["days_ago"], clean, windows):
        count = int(m[1]) if m[1].isdigit() else _WORD_NUMBERS[m[1].lower()]
        found.append(DateMention(m.start(), m.end(), None, None, None, "day", relative=f"days:{-count}"))
    for m in _in_windows(rx["rel_months"], clean, windows):
        found.append(DateMention(m.start(), m.end(), None, None, None, "month", relative=f"months:{data['relative_months'][m[1].lower()]}"))
    return found


def _ambiguous_english_month(word: str) -> bool:
    """"may", "march" ... in lower case are a verb or noun more often than a month."""
    return word.lower().rstrip(".") in _SHORT_EN_MONTHS and word[0].islower()


def _int(group: str | None) -> int | None:
    return int(group) if group else None


def _without_overlaps(mentions: list[DateMention]) -> list[DateMention]:
    mentions.sort(key=lambda d: (d.start, -(d.end - d.start)))
    kept: list[DateMention] = []
    for mention in mentions:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


def full_date(mention: DateMention) -> dt.date | None:
    """The date of a mention that gives day, month and year itself, else None."""
    if mention.precision != "day" or mention.relative or None in (mention.year, mention.month, mention.day):
        return None
    return _safe_date(mention.year, mention.month, mention.day)  # type: ignore[arg-type]


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def resolve(mention: DateMention, reference: dt.date | None) -> dt.date | None:
    """The calendar date of a day-precision mention, using `reference` for relative and no-year ones."""
    if mention.precision != "day":
        return None
    if mention.relative:
        if reference is None:
            return None
        kind, _, rest = mention.relative.partition(":")
        if kind == "days":
            return reference + dt.timedelta(days=int(rest))
        if kind == "monthday":  # the latest such day not after the reference date
            day = int(rest)
            if day <= reference.day:
                return _safe_date(reference.year, reference.month, day)
            previous = reference.replace(day=1) - dt.timedelta(days=1)
            return _safe_date(previous.year, previous.month, day)
        weekday_text, _, direction = rest.partition(":")
        back = (reference.weekday() - int(weekday_text)) % 7
        if direction == "last" and back == 0:
            back = 7
        if direction == "next":
            ahead = (int(weekday_text) - reference.weekday()) % 7 or 7
            return reference + dt.timedelta(days=ahead)
        return reference - dt.timedelta(days=back)
    if mention.year is not None:
        return full_date(mention)
    if reference is None or mention.month is None or mention.day is None:
        return None
    candidate = _safe_date(reference.year, mention.month, mention.day)
    if candidate and (candidate - reference).days > _YEAR_ROLLBACK_DAYS:
        candidate = _safe_date(reference.year - 1, mention.month, mention.day)
    return candidate


def run(ctx: Context) -> None:
    """Add resolved date tokens to `ctx.dates` and set `ctx.reference_date`."""
    mentions = find_mentions(ctx.clean)
    absolute = [d for d in (full_date(m) for m in mentions) if d]
    ctx.reference_date = ctx.info.published or (max(absolute) if absolute else None)
    times = find_times(ctx.clean)
    posts = post_heads(ctx.clean, mentions)
    ctx.memo["post_dates"] = posts
    post_starts = [p[0] for p in posts]
    for mention in mentions:
        reference = ctx.reference_date
        post = None
        if posts:
            # a feed of dated posts (Telegram, live blog): "today"/"yesterday"/weekdays count from the post's day
            i = bisect.bisect_right(post_starts, mention.start) - 1
            post = posts[i][1] if i >= 0 else None
            if post is not None and mention.relative:
                reference = post
        value = resolve(mention, reference)
        month = mention.month
        year = mention.year
        if mention.relative and mention.relative.startswith("months:") and ctx.reference_date:
            shifted = ctx.reference_date.year * 12 + ctx.reference_date.month - 1 + int(mention.relative.split(":")[1])
            year, month = divmod(shifted, 12)
            month += 1
        if value is not None:
            year, month = value.year, value.month
        ctx.dates.append(
            Token(
                kind="date",
                start=mention.start,
                end=mention.end,
                value=value,
                extra={
                    "precision": mention.precision,
                    "time": _time_after(mention, times, ctx),
                    "relative": mention.relative is not None,
                    "text": ctx.text[mention.start : mention.end],
                    "year": year,
                    "month": month,
                    "day": value.day if value else mention.day,
                    "part": mention.part,
                    "post": post,
                },
            )
        )


_POST_REST = re.compile(r"[\s\d:.,|/–—-]*(?:[ap]\.?m\.?|utc|gmt|мск)?[\s\d:.,|/–—-]*", re.IGNORECASE)
_POST_LINE_MAX = 60


def post_heads(clean: str, mentions: list[DateMention]) -> list[tuple[int, dt.date]]:
    """(line start, date) of every line holding only a full date (and a time): the heads of the posts of
    a feed (Telegram channel, live blog). Two or more make a feed; a single dateline does not. Stored in
    `ctx.memo["post_dates"]` for later stages (events, figures)."""
    out: list[tuple[int, dt.date]] = []
    for mention in mentions:
        if mention.precision != "day" or mention.year is None or mention.relative:
            continue
        line_start = clean.rfind("\n", 0, mention.start) + 1
        line_end = clean.find("\n", mention.end)
        line_end = len(clean) if line_end < 0 else line_end
        if line_end - line_start > _POST_LINE_MAX:
            continue
        if _POST_REST.fullmatch(clean, line_start, mention.start) and _POST_REST.fullmatch(clean, mention.end, line_end):
            value = full_date(mention)
            if value is not None:
                out.append((line_start, value))
    return out if len(out) >= 2 else []


def _time_after(mention: DateMention, times: list[tuple[int, int, str]], ctx: Context) -> str | None:
    """A time of day written after the mention in the same sentence (or right before it)."""
    sentence_end = next((e for s, e in ctx.sentences if s <= mention.start < e), mention.end + 200)
    for start, end, text in times:
        if mention.end <= start < sentence_end or (0 <= mention.start - end <= 3):
            return text
    return None
