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
from itertools import islice

from .context import Context
from .dates import DateMention, find_mentions, find_times, full_date
from .lexicon import lexicon, trie_alternation

STAGE = "metadata"
VERSION = "1"

_HEAD_LINES = 12
_TITLE_MAX = 200
_LINE = re.compile(r"[^\n]+")
_PLACE = (
    r"[A-ZА-ЯЁԱ-ՖƏÜÖÇŞĞİ][\w'’.-]*(?:[ /][A-ZА-ЯЁԱ-ՖƏÜÖÇŞĞİ][\w'’.-]*){0,3}"
    r"(?: (?:district|region|province|rayonu|район|района|область|marz))?"
)
_DATELINE_PAREN = re.compile(rf"^\s*{_PLACE}(?:,\s*{_PLACE})?(?:\s*\({_PLACE}\)(?=\s*\())?\s*\(([^()]{{2,80}})\)\s*(?:[-–—]\s*(.{{0,40}}))?")
# "MOSCOW, Nov 28 (Caucasus Wire) -", "MOSCOW/STEPANAKERT, 10.10.2020 (Eurasia Newswire) -"
_DATELINE_DATE_PAREN = re.compile(rf"^\s*{_PLACE},\s+([^()]{{4,30}}?)\s*\(([^()]{{2,60}})\)\s*[-–—]")
# "GORIS - 26 August 2022 - (Syunik Observer) The last families ..."
_DATELINE_DASHES = re.compile(rf"^\s*{_PLACE}\s+[-–—]\s+([^()\n]{{4,30}}?)\s+[-–—]\s+\(([^()]{{2,60}})\)")
# "YEREVAN, NOVEMBER 26, ...", and Interfax's "Москва. 10 октября. ИНТЕРФАКС - ..." (a date must follow)
_DATELINE_PLACE = re.compile(rf"^\s*{_PLACE}(?:,\s*{_PLACE})?[,.]\s+")
_OUTLET_AFTER_DATE = re.compile(r"^(?:\s*(?:թ\.|г\.))?\s*[,.]?\s*(?:[-–—/]\s*)?/?\s*([^\s,./][^,/\n]{0,40}?)\s*/?\s*(?:[.:/։]|\s[-–—]\s|$)")
_QUOTED = re.compile(r"[«\"][^»\"]*[»\"]")
_SEGMENTS = re.compile(r"\s+\|\s+|\s{3,}")
_DOMAIN = re.compile(r"^[\w-]+\.(?:info|az|am|ru|com|net|org|ge|tr|news)$", re.IGNORECASE)
_TITLE_OUTLET = re.compile(r"\s+[|]\s+([^|]{2,40})$")
_MAX_DATE_LINE_WORDS = 3
_MASTHEAD_LINES = 6
_MASTHEAD_WORDS = 5
_NON_LATIN = re.compile(r"[\u0400-\u04ff\u0530-\u058f]")
_QUOTE_MARKS = "«»\"“”„'"
_JOINERS = frozenset({"of", "the", "and", "for", "on", "in", "de", "la", "du", "und", "für", "и", "в", "по"})
_RANGE_DASH = re.compile(r"\s*(?:[-–—]|to|до|по)\s*")
_POST_HEAD = re.compile(r"(?m)^[ \t]*[^\n]{4,30}?\d{1,2}:\d{2}[ \t]*$")
_HEADER_SEGMENTS = re.compile(r"\s+\|\s+|\s{3,}|\s+[›>»]\s+|\s+[-–—]\s+")
_BYLINE = re.compile(r"^(?:By|От|Автор:?)\s+[^|]{3,60}\|\s*\S")
# "By Tomas Novak, Caucasus Monitor": the outlet after a comma (it must read as an outlet, not a title or town)
_BYLINE_WORD = re.compile(r"^(?:By|От|Автор:?)\s+")
_BYLINE_COMMA = re.compile(r"^(?:By|От|Автор:?)\s+[^|,]{3,40},\s*([^|,]{2,60}?)\s*$")
_PRESS_SERVICE = re.compile(
    r"(?i:press (?:service|office)|information (?:service|department)|пресс-служб[аыи]|информационн\w+ служб\w+)\s+"
    r"(?:of\s+)?(?:the\s+)?([A-ZА-ЯЁ][^.,;\n]{3,70})\s*$"
)
_NOTE_AFTER = re.compile(r"\s*\([^()]*\)\s*$")
_STATEMENT_OF = re.compile(
    r"^(?:joint\s+|совместное\s+)?(?:statement|press release|news release|communiqu[eé]|information|заявление|сообщение|пресс-релиз)"
    r"\s+(?:of|by|from)?\s*(?:the\s+)?(\S.{2,160})$",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"\s*\(([A-ZА-ЯЁ]{2,8})\)\s*$")


@cache
def _outlet_lookup() -> dict[str, str]:
    return {name.lower(): name for name in lexicon("outlets")["outlets"]}


@cache
def _outlet_regex() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)({trie_alternation(lexicon('outlets')['outlets'])})(?!\w)", re.IGNORECASE)


def run(ctx: Context) -> None:
    """Fill `ctx.info.title`, `.source` and `.published` where the caller left them empty."""
    # only the head of the report is read: stop after its first non-empty lines
    lines = list(islice(((m.start(), m.end()) for m in _LINE.finditer(ctx.clean) if not m.group().isspace()), _HEAD_LINES))
    published, source = _from_datelines(ctx, lines)
    feed = _feed_date(ctx)
    if feed is not None and (published is None or feed > published):
        published = feed
    if published is None:
        published = _from_date_lines(ctx, lines)
    if source is None:
        source = _header_outlet(ctx, lines)
    if source is None:
        source = _outlet_line(ctx, lines)
    if source is None:
        source = _issuer(ctx, lines)
    if source is not None and len(source) > 2 and source[0] in _QUOTE_MARKS and source[-1] in _QUOTE_MARKS:
        source = source[1:-1].strip() or None  # «Արցախ Լուր»
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
        dashes = _DATELINE_DASHES.match(line)
        if dashes and _looks_like_outlet(dashes.group(2)):
            mentions = find_mentions(dashes.group(1))
            if mentions and mentions[0].month is not None:
                return _dateline_date(ctx, mentions[0]), _as_written(ctx, start + dashes.start(2), start + dashes.end(2))
        paren = _DATELINE_PAREN.match(line)
        if paren:
            found = _paren_dateline(ctx, start, paren)
            if found is not None:
                return found
        place = _DATELINE_PLACE.match(line)
        if not place:
            continue
        if "(" in line:
            found = _date_paren_dateline(ctx, start, line)
            if found is not None:
                return found
        rest_at = place.end()
        mentions = find_mentions(line[rest_at : rest_at + 60])
        if not mentions or mentions[0].start != 0 or mentions[0].month is None:
            continue
        date = _dateline_date(ctx, mentions[0])
        after = rest_at + mentions[0].end
        # a time may follow the date: "Баку, 9 июня 2021, 10:47"
        times = [t for t in find_times(line[after:]) if t[0] <= 3]
        if times:
            after += times[0][1]
        outlet = _OUTLET_AFTER_DATE.match(line[after:])
        source = None
        if outlet and (_looks_like_outlet(outlet.group(1)) or _slashed_name(outlet)):
            source = _as_written(ctx, start + after + outlet.start(1), start + after + outlet.end(1))
        elif not line[after:].strip(" .,") or not outlet:
            # "Caucasus Monitor, 1 December 2020": a masthead name, not a place, before the date
            head = line[: place.end()].strip().rstrip(",.").strip()
            if _has_media_word(head) or head.lower() in _outlet_lookup():
                source = _as_written(ctx, start, start + len(head) + (len(line) - len(line.lstrip())))
        return date, source
    return None, None


def _slashed_name(outlet: re.Match[str]) -> bool:
    """ "/Кавказский вестник/": a name between slashes after the date is the outlet, also where only its
    first word is capitalised (Cyrillic, Armenian and Azerbaijani names)."""
    before = outlet.string[: outlet.start(1)]
    after = outlet.string[outlet.end(1) :].lstrip()
    return "/" in before and after.startswith("/") and _name_like(outlet.group(1).strip())


def _date_paren_dateline(ctx: Context, start: int, line: str) -> tuple[dt.date | None, str | None] | None:
    """ "MOSCOW, Nov 28 (Caucasus Wire) -": a date between the place and the outlet in brackets."""
    m = _DATELINE_DATE_PAREN.match(line)
    if not m or not _looks_like_outlet(m.group(2)):
        return None
    mentions = find_mentions(m.group(1))
    if not mentions or mentions[0].month is None:
        return None
    return _dateline_date(ctx, mentions[0]), _as_written(ctx, start + m.start(2), start + m.end(2))


def _dateline_date(ctx: Context, mention: DateMention) -> dt.date | None:
    """The date of a dateline; a day and month without a year ("BAKU, Dec 3") take the year of the
    copyright line ("(c) Kura Newswire 2021"), which wires print under the story."""
    date = full_date(mention)
    if date is not None or mention.precision != "day" or mention.relative or mention.year is not None:
        return date
    year = _copyright_year(ctx.text)  # the copyright line is masked in ctx.clean
    if year is None or mention.month is None or mention.day is None:
        return None
    try:
        return dt.date(year, mention.month, mention.day)
    except ValueError:
        return None


_COPYRIGHT_YEAR = re.compile(r"(?im)^[ \t]*(?:\(c\)|©|copyright)[^\n]{0,60}?(?<!\d)((?:19|20)\d{2})(?!\d)")


def _copyright_year(clean: str) -> int | None:
    m = _COPYRIGHT_YEAR.search(clean)
    return int(m.group(1)) if m else None


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
    if _has_media_word(paren.group(0)[: paren.start(1)].strip(" (")):
        return None  # "Transcaucasian News Service (TNS) - translated ...": a masthead, not a dateline
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
        segments = _SEGMENTS.split(ctx.clean[start:end])
        # "Reporting period: 25 September - 1 October 2023 | Issued: 2 October 2023": the issue date
        segments.sort(key=lambda segment: _ISSUE_LABEL.match(segment) is None)
        for segment in segments:
            date = _date_only(segment)
            if date is not None:
                return date
    return None


_BY_AUTHOR = re.compile(r"(?i)\s+(?:by|от|автор:?)\s+\S[^\d|]{2,60}$")
_UPDATED = re.compile(r"(?i)\b(?:updated|обновлено|yenilənib)\b")
_ISSUE_LABEL = re.compile(r"(?i)\s*(?:issued|published|released|date|dated|опубликовано|дата)\b")


def _date_only(segment: str) -> dt.date | None:
    segment = _BY_AUTHOR.sub("", segment)  # "Posted on 3 October 2023 by Anna Petrosyan"
    # a weekday before the full date names the same day: "Saturday 14 November 2020 18:42"
    mentions = [m for m in find_mentions(segment) if m.precision == "day" and not (m.relative or "").startswith("weekday")]
    if len(mentions) == 2 and _RANGE_DASH.fullmatch(segment[mentions[0].end : mentions[1].start]):
        # a period: "Reporting period: 29 September - 5 October 2023" is published at its end
        segment = segment[: mentions[0].start] + " " * (mentions[0].end - mentions[0].start) + segment[mentions[0].end :]
        mentions = mentions[1:]
    if len(mentions) == 2 and _UPDATED.search(segment[mentions[0].end : mentions[1].start]):
        mentions = mentions[:1]  # published, then updated: the publication date
        segment = segment[: mentions[0].end]
    if len(mentions) != 1:
        return None
    date = full_date(mentions[0])
    if date is None:
        return None
    rest = segment[: mentions[0].start] + " " + segment[mentions[0].end :]
    for t_start, t_end, _ in find_times(rest):
        rest = rest[:t_start] + " " * (t_end - t_start) + rest[t_end:]
    words = [w for w in re.findall(r"[^\W\d_]+", rest) if len(w) > 1 and w.lower() not in _DATE_LABEL_WORDS]
    return date if len(words) <= _MAX_DATE_LINE_WORDS else None


# words that label a publication date and do not make its line a sentence ("Last updated on ... at ...")
_DATE_LABEL_WORDS = frozenset(
    "last updated update on at posted published released issued date of publication опубликовано обновлено дата публикации в".split()
)


def _feed_date(ctx: Context) -> dt.date | None:
    """A feed of dated posts (Telegram channel, blog): two or more lines holding only a full date and a
    time ("11.02.2021 09:15", "17 марта 2021, 10:02"); the document is as recent as its latest post."""
    if ctx.clean.count(":") < 2:
        return None
    dates = []
    for m in _POST_HEAD.finditer(ctx.clean):
        date = _date_only(m.group())
        if date is not None:
            dates.append(date)
    if len(dates) < 2 and len(_TIME_LINE.findall(ctx.clean)) >= 2:
        # posts under day headers: "14 December 2022" on its own line, then "09:12", "11:40", ...
        dates = [d for d in (_date_only(m.group()) for m in _DAY_LINE.finditer(ctx.clean)) if d is not None]
    return max(dates) if len(dates) >= 2 else None


_TIME_LINE = re.compile(r"(?m)^[ \t]*\d{1,2}:\d{2}[ \t]*$")
_DAY_LINE = re.compile(r"(?m)^[ \t]*\d{1,2}[ \t.][^\n\d]{3,20}\d{4}[^\n\w]{0,4}$")


def _header_outlet(ctx: Context, lines: list[tuple[int, int]]) -> str | None:
    """The outlet or agency named in the header lines: a byline "By Name | Outlet | date", a channel name
    over its subscriber counter, "of the Press Service of the Ministry ...", a masthead (a short name
    with a media word: "Martuni Voice", "Кавказский обозреватель"), a line "Outlet | Section | date", or
    an agency name alone on the first line or under a press-release header."""
    head = lines[:_MASTHEAD_LINES]
    for index, (start, end) in enumerate(head):
        line = ctx.clean[start:end].strip()
        offset = start + (len(ctx.clean[start:end]) - len(ctx.clean[start:end].lstrip()))
        segments = _HEADER_SEGMENTS.split(line)
        if len(segments) >= 4:  # a menu
            continue
        comma_byline = _BYLINE_COMMA.match(line)
        if comma_byline:
            name = _cut_name(comma_byline.group(1))
            if _name_like(name) and (_has_media_word(name) or name.lower() in _outlet_lookup()):
                return name
            continue
        byline = _BYLINE.match(line)
        if byline:
            own = _cut_name(_BYLINE_WORD.sub("", segments[0]))
            if own != _BYLINE_WORD.sub("", segments[0]).strip().rstrip(".,:;") and _has_media_word(own):
                return own  # "By Highland Newswire staff | 10 Aug 2023"
            for segment in segments[1:]:
                segment = segment.strip()
                if segment and _name_like(segment) and not find_mentions(segment) and _looks_like_outlet(segment):
                    return _cut_name(segment)
            continue
        if _SERVICE_LINE.match(line):
            continue  # a bare "Press Service" names nobody; the line above or below it does
        service = _PRESS_SERVICE.search(line)
        if service:
            return _cut_name(service.group(1))
        below = ctx.clean[lines[index + 1][0] : lines[index + 1][1]].strip() if index + 1 < len(lines) else ""
        if _SERVICE_LINE.match(below) and _capitalised_name(line) and len(line.split()) > 1 and len(segments) == 1:
            return line  # "Government of the Republic of Armenia" over "Press Service"
        statement = _STATEMENT_OF.match(line) if index == 0 else None
        body = _name_head(statement.group(1).rstrip(".")) if statement else ""
        if body and (_has_org_word(body) or _known_names(body)) and _capitalised_name(body):
            return body  # "Statement of the Ministry of Foreign Affairs of ...", "Joint statement by UNICEF and WHO on ..."
        if index + 1 < len(lines) and _is_counter(ctx.clean[lines[index + 1][0] : lines[index + 1][1]]):
            # "Peacekeepers' Bulletin (unofficial English translation)": the channel's name
            return _NOTE_AFTER.sub("", _as_written(ctx, offset, offset + len(line))) or None
        if len(segments) > 1:
            # "28 September 2023 | OCHA": a known outlet beside the date
            known = next((s.strip() for s in segments if _outlet_regex().fullmatch(s.strip())), None)
            if known and any(_date_only(s) for s in segments):
                return known
        name = _cut_name(segments[0])
        if not name or not _name_like(name):
            continue
        if _outlet_regex().fullmatch(name):
            return name
        dated = len(segments) > 1 and any(_date_only(s) for s in segments[1:])
        if _has_media_word(name) and (dated or len(name.split()) <= _MASTHEAD_WORDS):
            return _ACRONYM.sub("", name).strip()
        after_header = index > 0 and ctx.clean[head[index - 1][0] : head[index - 1][1]].strip().lower() in _header_words()
        if (index == 0 or after_header) and len(segments) == 1 and _has_org_word(name):
            known = _ACRONYM.search(name)
            if known and _outlet_regex().fullmatch(known.group(1)):
                return known.group(1)
            return _ACRONYM.sub("", name).strip()
    return None


def _cut_name(segment: str) -> str:
    """A name without a bracketed acronym after it, a 'Source:' label before it or a trailing 'live desk'."""
    name = _LABEL_PREFIX.sub("", segment.strip()).rstrip(".,:;")
    lowered = name.lower()
    for word in _desk_words():
        if lowered.endswith(" " + word):
            rest = name[: -len(word) - 1].rstrip()
            # "Highland Post live desk" is Highland Post; "Caucasus Live Desk" is the outlet's own name
            if _has_media_word(rest) or rest.lower() in _outlet_lookup():
                name = rest
            break
    return name


def _name_head(text: str) -> str:
    """The capitalised name that opens `text`: "Ministry of Foreign Affairs of Azerbaijan on the provocation
    of ..." gives "Ministry of Foreign Affairs of Azerbaijan" (cut before the first lower-case word that is
    no joining word, then joining words dropped from the end)."""
    words = text.split()
    kept: list[str] = []
    for word in words:
        if not (word[0].isupper() or word in _JOINERS or not word[0].isalpha()):
            break
        kept.append(word)
    while kept and kept[-1] in _JOINERS:
        kept.pop()
    return " ".join(kept).rstrip(",;:")


def _known_names(name: str) -> bool:
    """Every name in "UNICEF and WHO" is a known outlet or agency."""
    parts = [p.strip() for p in re.split(r",|\s+(?:and|и|və|եւ|և)\s+", name) if p.strip()]
    return bool(parts) and all(_outlet_regex().fullmatch(p) for p in parts)


def _capitalised_name(name: str) -> bool:
    """A long official name: every word capitalised but joining words, no digits ("Ministry of Foreign
    Affairs of the Republic of Armenia")."""
    words = name.split()
    return 0 < len(words) <= 12 and not any(c.isdigit() for c in name) and all(w[0].isupper() or w in _JOINERS for w in words)


def _name_like(name: str) -> bool:
    """A short proper name, not a sentence: no digits, at most seven words; in Latin script every
    word but small joining words capitalised (Cyrillic and Armenian names capitalise only the first)."""
    words = name.split()
    if not words or len(words) > 7 or any(c.isdigit() for c in name) or not (words[0][0].isupper() or words[0][0] in _QUOTE_MARKS):
        return False
    if any(ch in name for ch in "?!;"):
        return False
    if not _NON_LATIN.search(name):
        return all(w[0].isupper() or not w[0].isalpha() or w in _JOINERS for w in words)
    return len(words) <= 4 or all(w[0].isupper() or w.lower() in _JOINERS for w in words)


@cache
def _media_words() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon("outlets")["media_words"])


@cache
def _org_words() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon("outlets")["org_words"])


@cache
def _header_words() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon("outlets")["header_words"])


@cache
def _section_words() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon("outlets")["section_words"])


@cache
def _desk_words() -> tuple[str, ...]:
    return tuple(sorted(lexicon("outlets")["desk_words"], key=len, reverse=True))


@cache
def _counter_regex() -> re.Pattern[str]:
    words = trie_alternation(lexicon("outlets")["feed_words"])
    return re.compile(rf"\d[\d.,  ]*[KkMmКкМм]?\s*(?:{words})|^\s*(?:{words}):?\s*\d", re.IGNORECASE)


def _is_counter(line: str) -> bool:
    """ "12.4K subscribers": a short line; a sentence ("at 14:00, members of ...") is no counter."""
    return len(line.split()) <= _COUNTER_WORDS and _DIGIT.search(line) is not None and _counter_regex().search(line) is not None


_COUNTER_WORDS = 6


_DIGIT = re.compile(r"\d")


def _has_media_word(name: str) -> bool:
    parts = [p for p in re.split(r"[\s\-–]+", name.strip(_QUOTE_MARKS)) if p]
    media = _media_words()
    hits = sum(1 for p in parts if p.lower().strip(_QUOTE_MARKS) in media)
    return hits > 0 and len(parts) > hits


def _has_org_word(name: str) -> bool:
    lowered = name.lower()
    return any(w in lowered for w in _org_words()) and len(name.split()) >= 2


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
        title_outlet = _TITLE_OUTLET.search(line) if index == 0 and line.count("|") < 3 else None
        if title_outlet and title_outlet.group(1).strip().lower() in _section_words():
            # "Caucasus Field Notes | Interviews": the outlet, then its section
            first = _SEGMENTS.split(line)[0].strip()
            return first if _name_like(first) and len(first.split()) <= _MASTHEAD_WORDS else None
        if title_outlet and _looks_like_outlet(title_outlet.group(1)):
            return title_outlet.group(1).strip()
    return None


_LABEL_PREFIX = re.compile(r"(?i)^(?:source|источник|mənbə|աղբյուր)\s*:\s*")
# "Yerevan /Armenpress/ - ...": a place, then the outlet between slashes, no date
_PLACE_SLASHED = re.compile(rf"^\s*{_PLACE}(?:,\s*{_PLACE})?\s*/([^/\n]{{2,40}})/\s*(?:[-–—.]|\d|$)")
_SOURCE_LABEL = re.compile(r"(?i)^\s*(?:source|источник|mənbə|աղբյուր)\s*:\s*(\S[^|\n]{1,60}?)\s*$")
_ISSUED_BY = re.compile(
    r"(?i)\b(?:(?:is|was|has been)\s+(?:produced|issued|prepared|compiled|published)|what was said)\s+by\s+(?:the\s+)?"
)
_TITLE_SUFFIX = re.compile(r"\s[-–—]\s+([^-–—]{2,40}?)\s*$")
_COPYRIGHT_NAME = re.compile(
    r"(?im)^[ \t]*(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?\s*)?"
    r"([^\W\d][^.\n|]{1,60}?)\s*(?:[.,|]\s*(?:all rights reserved|все права защищены|bütün hüquqlar)[^\n]*|\.)?[ \t]*$"
)
_ISSUER_SPAN = 2000
_TAIL_SPAN = 600
_LEAD_SPAN = 800  # the lead, where a wire credits its agency ("..., TASS reports")
_COPYRIGHT_SPAN = 1500  # the foot of the page
_TAIL_LINES = 4


@cache
def _reported_by() -> re.Pattern[str]:
    """ "..., TASS reports.", "..., передает корреспондент ТАСС": a known agency credited in the lead."""
    known = trie_alternation(lexicon("outlets")["outlets"])
    verbs = trie_alternation(lexicon("outlets")["dateline_suffixes"])
    return re.compile(
        rf"(?<!\w)(?P<a>{known}),?\s+(?:{verbs})\b|(?<!\w)(?:{verbs})(?:\s+(?:корреспондент|the)?\s*)?\s*(?P<b>{known})(?!\w)"
    )


_SERVICE_LINE = re.compile(r"(?i)^(?:press (?:service|office)(?: department)?|пресс-служба|mətbuat xidməti)$")
_CONTACT = re.compile(r"(?i)\b(?:for (?:further|more) information|please contact|media contacts?|контакты для прессы)\b[^\n]*?:\s*")
_CREDIT = re.compile(r"(?i)^(?:reporting|written|compiled) by\s+([^;,\n]{2,50}?)\s*(?:[;,]|$)")


def _signature(tail: list[str]) -> str | None:
    """The issuer signed under the text: "Source: Highland Post", "Press service of the Ministry of ...",
    "Пресс-служба МЧС России", "Press Service Department" over the ministry's name, "For further
    information, please contact: OCHA Regional Office", "Reporting by Highland Newswire; editing by ..."."""
    for index, line in enumerate(tail):
        label = _SOURCE_LABEL.match(line)
        if label and _name_like(label.group(1).rstrip(".")):
            return label.group(1).rstrip(".")
        service = _PRESS_SERVICE.search(line)
        if service and service.start() == 0 and not _SERVICE_LINE.match(line):
            return _cut_name(service.group(1))
        rest = line[len(_SERVICE_LINE.match(line).group()) :] if _SERVICE_LINE.match(line) else None
        if rest is not None and index + 1 < len(tail) and _has_org_word(tail[index + 1]) and _capitalised_name(tail[index + 1]):
            return tail[index + 1]
        contact = _CONTACT.search(line)
        if contact:
            known = _outlet_regex().match(line, contact.end())
            if contact.end() == len(line) and index + 1 < len(tail):
                known = _outlet_regex().search(tail[index + 1])  # the contact on the next line
            if known:
                return known.group(1)
        credit = _CREDIT.match(line)
        if credit and (_has_media_word(credit.group(1)) or credit.group(1).lower() in _outlet_lookup()):
            return credit.group(1)
    return None


def _issuer(ctx: Context, lines: list[tuple[int, int]]) -> str | None:
    """Who issued a report that names itself outside a dateline: a "Source: Outlet" label in the header,
    "This update is produced by OCHA", "a summary of what was said by UNHCR spokesperson ...", a headline
    signed " - UNICEF", or the copyright line under a scraped page ("© 2023 Caucasus Herald.")."""
    for start, end in lines[:_MASTHEAD_LINES]:
        if ":" not in ctx.clean[start:end]:
            continue
        for segment in _SEGMENTS.split(ctx.clean[start:end]):
            label = _SOURCE_LABEL.match(segment)
            if label and _name_like(label.group(1).rstrip(".")):
                return label.group(1).rstrip(".")
    tail = [m.group().strip() for m in _LINE.finditer(ctx.clean[-_TAIL_SPAN:]) if not m.group().isspace()][-_TAIL_LINES:]
    signed = _signature(tail)
    if signed:
        return signed
    for start, end in lines:
        slashed = _PLACE_SLASHED.match(ctx.clean[start:end]) if "/" in ctx.clean[start:end] else None
        if slashed and _name_like(slashed.group(1).strip()):
            return _as_written(ctx, start + slashed.start(1), start + slashed.end(1))
    head = ctx.clean[:_ISSUER_SPAN]
    for m in _ISSUED_BY.finditer(head) if " by " in head else ():
        known = _outlet_regex().match(head, m.end())
        if known:
            return known.group(1)
    if lines:
        first = ctx.clean[lines[0][0] : lines[0][1]].strip()
        signed = _TITLE_SUFFIX.search(first)
        if signed and _outlet_regex().fullmatch(signed.group(1)):
            return signed.group(1)
    lead = ctx.clean[:_LEAD_SPAN].lower()
    credited = any(verb in lead for verb in lexicon("outlets")["dateline_suffixes"])
    reported = _reported_by().search(ctx.clean, 0, _LEAD_SPAN) if credited else None
    if reported:
        return reported.group("a") or reported.group("b")
    foot = max(0, len(ctx.text) - _COPYRIGHT_SPAN)
    marked = "©" in ctx.text[foot:] or "(c)" in ctx.text[foot:].lower() or "opyright" in ctx.text[foot:].lower()
    for m in _COPYRIGHT_NAME.finditer(ctx.text, foot) if marked else ():
        name = m.group(1).strip()
        if _name_like(name) and not find_mentions(name):
            return name
    return None


def _title(ctx: Context, lines: list[tuple[int, int]]) -> str | None:
    """The headline: the first line that is no date, outlet name, navigation menu ("Home | Society |
    Politics", "Главная / Новости / В мире") or navigation word ("Главная", "Show news feed"); without
    a Markdown "# " and a trailing " | Outlet". A dateline that opens the lead ("BAKU, November 28,
    KurInfo. ANAMA deminers have cleared ...") gives the lead's first sentence."""
    source = (ctx.info.source or "").casefold()
    single: str | None = None
    for start, end in lines:
        line = _MARKDOWN_HEADING.sub("", ctx.text[start:end].strip())
        cleaned = _MARKDOWN_HEADING.sub("", ctx.clean[start:end].strip())
        named = _ACRONYM.search(cleaned)
        own_name = source and (cleaned.casefold() == source or (named and named.group(1).casefold() == source))
        if len(cleaned) < 3 or cleaned.lower() in _outlet_lookup() or own_name or _is_navigation(cleaned):
            continue  # the outlet's own name or a menu over the headline
        if len(cleaned.split()) == 1:
            single = single or line  # "Close", "Print", "Caucasus": interface labels, a headline only if nothing else
            continue
        lead = _after_dateline(cleaned)
        if lead is not None:
            offset = len(line) - len(cleaned)  # the same text: clean keeps offsets
            rest = line[offset + lead :].strip(" \t-–—.,:/")
            if len(rest) < _LEAD_MIN:
                continue  # a dateline alone on its line
            return _first_sentence(rest)
        mentions = find_mentions(cleaned)
        if mentions and sum(m.end - m.start for m in mentions) >= len(cleaned) * 0.5:
            continue
        if mentions and _date_only(cleaned) is not None:
            continue  # "Опубликовано 02.10.2023 в 14:20": a date line
        suffix = _TITLE_OUTLET.search(line)
        if suffix and line.count("|") == 1 and _is_outlet_suffix(suffix.group(1).strip(), source):
            line = line[: suffix.start()].rstrip()  # "Stepanakert opens four shelters | Artsakh Herald"
        return _cut_title(line)
    return single


_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
_MENU_SPLIT = re.compile(r"\s*[|/›»•·>]\s*|\s{2,}")
_MENU_SEGMENTS = 3
_MENU_SEGMENT_WORDS = 3
_LEAD_MIN = 20
_SENTENCE_END = re.compile(r"[.!?։](?=\s+[\"«“(]?[A-ZА-ЯЁԱ-ՖƏÜÖÇŞĞİ0-9])")


def _is_navigation(line: str) -> bool:
    """A menu ("Caspian Daily | Economy | Regions": three or more short segments), a navigation word
    alone ("Главная", "Новости", "Показать ленту новостей", "Home"), a document-kind header ("Press
    release") or a press-service masthead: page furniture, never the headline."""
    bare = line.strip(" .:>»›").lower()
    if bare in _navigation_words() or bare in _header_words() or _DOMAIN.match(bare):
        return True  # "Главная", "Press release", "report.info"
    service = _PRESS_SERVICE.search(line)
    if (service and line[: service.start()].lower().replace("the", " ").strip(" ,") in ("", "of", "from")) or _SERVICE_LINE.match(line):
        return True  # "Пресс-служба МЧС России" over the headline
    segments = [s for s in _MENU_SPLIT.split(line) if s.strip()]
    if len(segments) == 2 and segments[1].strip().lower() in _section_words() and len(segments[0].split()) <= _MASTHEAD_WORDS:
        return True  # "Южный вестник › Интервью": the site and its section
    return len(segments) >= _MENU_SEGMENTS and all(len(s.split()) <= _MENU_SEGMENT_WORDS for s in segments)


@cache
def _navigation_words() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon("outlets")["navigation_words"])


def _is_outlet_suffix(name: str, source: str) -> bool:
    return name.casefold() == source or name.lower() in _outlet_lookup() or (_has_media_word(name) and _name_like(name))


def _after_dateline(line: str) -> int | None:
    """Where the lead starts on a line that opens with a dateline ("BAKU, November 28, KurInfo. ...",
    "GORIS (Armenia) (AFP) - ...", "МОСКВА, 26 ноября - РИА Новости. ..."), or None."""
    for pattern in (_DATELINE_DASHES, _DATELINE_DATE_PAREN):
        m = pattern.match(line)
        if m:
            return m.end()
    paren = _DATELINE_PAREN.match(line)
    if paren and paren.group(2) is not None:
        return paren.start(2)
    slashed = _PLACE_SLASHED.match(line)
    if slashed:
        after = slashed.end(1) + 1
        mentions = find_mentions(line[after : after + 30])
        return after + mentions[0].end if mentions and mentions[0].start <= 1 else after
    place = _DATELINE_PLACE.match(line)
    if not place:
        return None
    rest_at = place.end()
    mentions = find_mentions(line[rest_at : rest_at + 60])
    if not mentions or mentions[0].start != 0 or mentions[0].month is None:
        return None
    after = rest_at + mentions[0].end
    times = [t for t in find_times(line[after:]) if t[0] <= 3]
    if times:
        after += times[0][1]
    outlet = _OUTLET_AFTER_DATE.match(line[after:])
    if outlet and (_looks_like_outlet(outlet.group(1)) or _slashed_name(outlet)):
        return after + outlet.end()
    return after


def _first_sentence(text: str) -> str:
    m = _SENTENCE_END.search(text, _LEAD_MIN)
    return _cut_title(text[: m.start() + 1] if m else text)


def _cut_title(text: str) -> str:
    """At most _TITLE_MAX characters, cut at a word boundary."""
    if len(text) <= _TITLE_MAX:
        return text
    cut = text[:_TITLE_MAX]
    space = cut.rfind(" ")
    return (cut[:space] if space > _TITLE_MAX // 2 else cut).rstrip(" ,;:-–—") + "…"


def _as_written(ctx: Context, start: int, end: int) -> str:
    return ctx.text[start:end].strip()
