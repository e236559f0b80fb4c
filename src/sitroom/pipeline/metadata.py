"""Title, outlet and publication date from the head of a report.

- title: the first meaningful line (not a date, an outlet name or masked boilerplate), cut at 200 chars.
- outlet (`source`): a dateline "YEREVAN (Pakistan Point News / Sputnik - 23rd November, 2020)", a
  dateline "YEREVAN, NOVEMBER 26, ARMENPRESS." / "MOSCOW, November 26. /TASS/." / "МОСКВА, 26 ноября -
  РИА Новости.", or a known outlet (data/lexicons/outlets.json) or an all-capitals name alone on a line
  near the top ("CGTN").
- published: the date of such a dateline, or a line near the top that holds nothing but a full date and
  maybe a time ("18:16, 26 November, 2021"). A date without a year ("December 11") gives no publication
  date, and neither does a date inside a sentence (a photo caption is not a publication date).
Values already given by the caller (ctx.info) are kept.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from .context import Context
from .dates import find_mentions, find_times, full_date
from .lexicon import lexicon, trie_alternation

STAGE = "metadata"
VERSION = "1"

_HEAD_LINES = 12
_TITLE_MAX = 200
_LINE = re.compile(r"[^\n]+")
_PLACE = r"[A-ZА-ЯЁԱ-Ֆ][\w'’.-]*(?:[ /][A-ZА-ЯЁԱ-Ֆ][\w'’.-]*){0,3}"
_DATELINE_PAREN = re.compile(rf"^\s*{_PLACE}(?:,\s*{_PLACE})?\s*\(([^()]{{2,80}})\)\s*(?:[-–—]\s*(.{{0,40}}))?")
_DATELINE_PLACE = re.compile(rf"^\s*{_PLACE}(?:,\s*{_PLACE})?,\s+")
_OUTLET_AFTER_DATE = re.compile(r"^\s*[,.]?\s*(?:[-–—/]\s*)?/?\s*([^\s,./][^,/\n]{0,40}?)\s*/?\s*(?:[.:/]|$)")
_QUOTED = re.compile(r"[«\"][^»\"]*[»\"]")
_SEGMENTS = re.compile(r"\s+\|\s+|\s{3,}")
_DOMAIN = re.compile(r"^[\w-]+\.(?:info|az|am|ru|com|net|org|ge|tr|news)$", re.IGNORECASE)
_TITLE_OUTLET = re.compile(r"\s+[|]\s+([^|]{2,40})$")
_MAX_DATE_LINE_WORDS = 3


@cache
def _outlet_lookup() -> dict[str, str]:
    return {name.lower(): name for name in lexicon("outlets")["outlets"]}


@cache
def _outlet_regex() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)({trie_alternation(lexicon('outlets')['outlets'])})(?!\w)", re.IGNORECASE)


def run(ctx: Context) -> None:
    """Fill `ctx.info.title`, `.source` and `.published` where the caller left them empty."""
    lines = [(m.start(), m.end()) for m in _LINE.finditer(ctx.clean) if m.group().strip()][:_HEAD_LINES]
    published, source = _from_datelines(ctx, lines)
    if published is None:
        published = _from_date_lines(ctx, lines)
    if source is None:
        source = _outlet_line(ctx, lines)
    if ctx.info.published is None:
        ctx.info.published = published
    if ctx.info.source is None:
        ctx.info.source = source
    if ctx.info.title is None:
        ctx.info.title = _title(ctx, lines)


def _from_datelines(ctx: Context, lines: list[tuple[int, int]]) -> tuple[dt.date | None, str | None]:
    """A dateline: "PLACE (Outlet - date)", "PLACE (Outlet) - date", "PLACE, date, Outlet." and kin."""
    for start, end in lines:
        line = ctx.clean[start:end]
        paren = _DATELINE_PAREN.match(line)
        if paren:
            found = _paren_dateline(ctx, start, paren)
            if found is not None:
                return found
        place = _DATELINE_PLACE.match(line)
        if not place:
            continue
        rest_at = place.end()
        mentions = find_mentions(line[rest_at : rest_at + 60])
        if not mentions or mentions[0].start != 0 or mentions[0].month is None:
            continue
        date = full_date(mentions[0])
        after = rest_at + mentions[0].end
        # a time may follow the date: "Баку, 9 июня 2021, 10:47"
        times = [t for t in find_times(line[after:]) if t[0] <= 3]
        if times:
            after += times[0][1]
        outlet = _OUTLET_AFTER_DATE.match(line[after:])
        source = None
        if outlet and _looks_like_outlet(outlet.group(1)):
            source = _as_written(ctx, start + after + outlet.start(1), start + after + outlet.end(1))
        return date, source
    return None, None


def _paren_dateline(ctx: Context, start: int, paren: re.Match[str]) -> tuple[dt.date | None, str | None] | None:
    content = paren.group(1)
    mentions = [m for m in find_mentions(content) if m.month is not None]
    if mentions:
        outlet_end = paren.start(1) + mentions[0].start
        outlet = ctx.clean[start + paren.start(1) : start + outlet_end].rstrip(" -,")
        source = outlet if _looks_like_outlet(outlet) else None
        return full_date(mentions[0]), ctx.text[start + paren.start(1) : start + paren.start(1) + len(source)].strip() if source else None
    if paren.group(2) is None or not _looks_like_outlet(content):
        return None
    after = find_mentions(paren.group(2))
    date = full_date(after[0]) if after and after[0].start == 0 else None
    return date, _as_written(ctx, start + paren.start(1), start + paren.end(1))


def _looks_like_outlet(name: str) -> bool:
    """A short proper name: a known outlet, or up to five capitalised words (quoted parts aside)."""
    name = name.strip()
    if not name or len(name.split()) > 5:
        return False
    if name.lower() in _outlet_lookup() or name.isupper() or _outlet_regex().fullmatch(name):
        return True
    words = _QUOTED.sub("", name).split()
    return all(w[0].isupper() or not w[0].isalpha() for w in words)


def _from_date_lines(ctx: Context, lines: list[tuple[int, int]]) -> dt.date | None:
    """A line (or a "|"-separated part of one) that holds a full date and at most a time and a short
    label: "18:16, 26 November, 2021", "Briefing notes, 1 December 2020", "(as of 28 September 2023)"."""
    for start, end in lines[:8]:
        for segment in _SEGMENTS.split(ctx.clean[start:end]):
            date = _date_only(segment)
            if date is not None:
                return date
    return None


def _date_only(segment: str) -> dt.date | None:
    mentions = [m for m in find_mentions(segment) if m.precision == "day"]
    if len(mentions) != 1:
        return None
    date = full_date(mentions[0])
    if date is None:
        return None
    rest = segment[: mentions[0].start] + " " + segment[mentions[0].end :]
    for t_start, t_end, _ in find_times(rest):
        rest = rest[:t_start] + " " * (t_end - t_start) + rest[t_end:]
    words = [w for w in re.findall(r"[^\W\d_]+", rest) if len(w) > 1]
    return date if len(words) <= _MAX_DATE_LINE_WORDS else None


def _outlet_line(ctx: Context, lines: list[tuple[int, int]]) -> str | None:
    """A known outlet, or a short all-capitals name, alone on one of the first lines."""
    for index, (start, end) in enumerate(lines[:4]):
        line = ctx.clean[start:end].strip()
        if line.lower() in _outlet_lookup():
            return line
        words = line.split()
        if index > 0 and len(words) == 1 and line.isupper() and len(line) <= 6 and not find_mentions(line):
            return line
        first_segment = _SEGMENTS.split(line)[0].strip()
        if _DOMAIN.match(first_segment):
            return first_segment
        title_outlet = _TITLE_OUTLET.search(line) if index == 0 else None
        if title_outlet and _looks_like_outlet(title_outlet.group(1)):
            return title_outlet.group(1).strip()
    return None


def _title(ctx: Context, lines: list[tuple[int, int]]) -> str | None:
    for start, end in lines:
        line = ctx.text[start:end].strip()
        cleaned = ctx.clean[start:end].strip()
        if len(cleaned) < 3 or cleaned.lower() in _outlet_lookup():
            continue
        mentions = find_mentions(cleaned)
        if mentions and sum(m.end - m.start for m in mentions) >= len(cleaned) * 0.5:
            continue
        return line[:_TITLE_MAX]
    return None


def _as_written(ctx: Context, start: int, end: int) -> str:
    return ctx.text[start:end].strip()
