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
from .lexicon import alternation, lexicon

STAGE = "metadata"
VERSION = "1"

_HEAD_LINES = 12
_TITLE_MAX = 200
_LINE = re.compile(r"[^\n]+")
_LABEL = re.compile(
    r"(?i)\b(?:published|updated|posted|date|last updated|опубликовано|обновлено|дата|հրապարակվել է|yayımlanıb|tarix)\b:?"
)
_DATELINE_PAREN = re.compile(r"^\s*[A-ZА-ЯЁԱ-Ֆ][\w .'’-]{1,40}?\s*\(([^()]{2,80}?)\s+[-–—]\s+([^()]{4,40})\)")
_DATELINE_PLACE = re.compile(r"^\s*([A-ZА-ЯЁԱ-Ֆ][A-ZА-ЯЁԱ-Ֆ .'-]{1,30}),\s+")
_OUTLET_AFTER_DATE = re.compile(r"^\s*[,.]?\s*(?:[-–—/]\s*)?/?\s*([^\s,./][^,/\n]{0,40}?)\s*/?\s*[.:/]")


@cache
def _outlet_lookup() -> dict[str, str]:
    return {name.lower(): name for name in lexicon("outlets")["outlets"]}


@cache
def _outlet_regex() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)({alternation(lexicon('outlets')['outlets'])})(?!\w)", re.IGNORECASE)


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
    for start, end in lines:
        line = ctx.clean[start:end]
        paren = _DATELINE_PAREN.match(line)
        if paren and (mentions := find_mentions(paren.group(2))):
            return full_date(mentions[0]), _as_written(ctx, start + paren.start(1), start + paren.end(1))
        place = _DATELINE_PLACE.match(line)
        if not place:
            continue
        rest_at = place.end()
        mentions = find_mentions(line[rest_at : rest_at + 60])
        if not mentions or mentions[0].start != 0 or mentions[0].month is None:
            continue
        date = full_date(mentions[0])
        after = rest_at + mentions[0].end
        outlet = _OUTLET_AFTER_DATE.match(line[after:])
        source = None
        if outlet and _looks_like_outlet(outlet.group(1)):
            source = _as_written(ctx, start + after + outlet.start(1), start + after + outlet.end(1))
        return date, source
    return None, None


def _looks_like_outlet(name: str) -> bool:
    name = name.strip()
    if not name or len(name.split()) > 5:
        return False
    return name.lower() in _outlet_lookup() or name.isupper() or bool(_outlet_regex().fullmatch(name))


def _from_date_lines(ctx: Context, lines: list[tuple[int, int]]) -> dt.date | None:
    """A line that holds a full date and nothing else but a time, a label and separators."""
    for start, end in lines[:8]:
        line = ctx.clean[start:end]
        mentions = [m for m in find_mentions(line) if m.precision == "day"]
        if len(mentions) != 1:
            continue
        date = full_date(mentions[0])
        if date is None:
            continue
        rest = line[: mentions[0].start] + " " + line[mentions[0].end :]
        for t_start, t_end, _ in find_times(rest):
            rest = rest[:t_start] + " " * (t_end - t_start) + rest[t_end:]
        rest = _LABEL.sub(" ", rest)
        if sum(ch.isalpha() for ch in rest) <= 3:
            return date
    return None


def _outlet_line(ctx: Context, lines: list[tuple[int, int]]) -> str | None:
    """A known outlet, or a short all-capitals name, alone on one of the first lines."""
    for index, (start, end) in enumerate(lines[:4]):
        line = ctx.clean[start:end].strip()
        if line.lower() in _outlet_lookup():
            return line
        words = line.split()
        if index > 0 and 1 <= len(words) <= 2 and line.isupper() and len(line) <= 20 and not find_mentions(line):
            return line
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
