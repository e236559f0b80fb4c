"""The events stage: dated happenings found by trigger words (data/lexicons/event_triggers.json).

Needs: ctx.clean, ctx.sentences, ctx.dates (P1's resolved date tokens), ctx.info.published,
ctx.places, ctx.people, ctx.organizations, ctx.quotes. Adds: ctx.events.

One event per kind per clause (a later clause after "since/after/while" or with a subject of its
own may hold another), one event for one happening named by two kinds; its span is the trigger's
clause. The date is the date written in the trigger's clause, else the nearest one in the sentence
not cut off by "after/before/since/while", a relative clause or a clause of another subject; "the
same day", "the following day", "накануне" count from the last date told; in a feed (dated posts,
or a live blog's time heads) an undated sentence takes its post's day. A sentence without a date
that reports speech, is the lead of the story, is quoted or gives a time of day takes the story's
date (the first relative date resolved in the text, else the publication date), unless it gives a
vague time of its own ("earlier this week"). Planned, negated and discussed happenings, states,
running totals and lists of links are skipped; a later undated mention of a happening told ("the
talks", "also visited") is not a new event. Statements count only with a date of their own; a
verb of speech ("said", "заявил") only with the day of the speaking written next to it and when its
sentence tells no happening of its own (it is then that happening's source); a document titled as a
statement ("Statement of the Ministry ...") is one of its publication day. A relative clause after the
trigger's noun dates it ("the fighting, which began on 27 September"); a happening reported in the
past perfect, told as recurring, or as a count of posts with no day stays undated or is dropped.

Speed: every expression is run only on the sentences that hold one of its anchors, literals read
off the expression itself and found with one scan of the lower-cased document.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from re import _constants as _C  # type: ignore[attr-defined]
from re import _parser as _regex_parser  # type: ignore[attr-defined]

from .context import Context, Token
from .lexicon import trie_alternation
from .lexicons import load_data, sentences, source_text
from .schema import Event, Provenance

STAGE = "events"
VERSION = "2"

_CLAUSE_CUT = re.compile(r"(?<!\d),|,(?!\d)|[;:()]|\s-\s|\"")  # not the comma of "1,500" or "3,5"


@dataclass(frozen=True, slots=True)
class _Rules:
    kinds: tuple[str, ...]
    # every expression: (kind, the expression for lower-cased text, the same for text as written)
    triggers: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...]
    unanchored: frozenset[int]  # expressions without a literal every match holds: tried everywhere
    anchor_scan: re.Pattern[str]  # every anchor at every position, the longest one in group 1
    anchored: dict[str, frozenset[int]]  # the expressions of an anchor and of the shorter ones it begins with
    facility: re.Pattern[str]
    future: re.Pattern[str]
    negation: re.Pattern[str]
    barriers: re.Pattern[str]
    anaphoric: re.Pattern[str]
    reporting: re.Pattern[str]
    needs_facility: re.Pattern[str]
    running_total: re.Pattern[str]
    vague_time: re.Pattern[str]
    state: re.Pattern[str]
    period_start: re.Pattern[str]
    period_after: re.Pattern[str]
    day_before: re.Pattern[str]
    topic: re.Pattern[str]
    speech: re.Pattern[str]
    spoken: frozenset[int]  # the expressions of the verbs of speech
    # any of "the same day", "the following day", a vague time, a time of day (one search)
    dating_lower: re.Pattern[str]
    dating_written: re.Pattern[str]


_NUMBER = re.compile(r"\d|(?<!\w)(?:one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|thousands?|"
                     r"один|два|две|три|четыре|пять|десят\w*|сот\w*|тысяч\w*)(?!\w)", re.I)


@cache
def _rules() -> _Rules:
    data = load_data("lexicons/event_triggers.json")
    # a window "[^.;]{0,40}" may cross the point of a decimal number ("cleared 2.6 ha"); the
    # expressions are written in lower case: on lower-cased text they run without re.I, which
    # Python's engine matches markedly faster
    triggers = tuple(
        (kind, re.compile(source), re.compile(source, re.I))
        for kind, patterns in data["kinds"].items()
        for source in (p.replace("[^.;]", r"(?:[^.;]|(?<=\d)\.(?=\d))") for p in patterns)
    )
    anchors: dict[str, set[int]] = {}
    unanchored = set()
    for number, (_kind, lower, _written) in enumerate(triggers):
        found = _anchors(lower.pattern)
        if not found:
            unanchored.add(number)
        for anchor in found or ():
            anchors.setdefault(anchor, set()).add(number)
    anchored = {a: frozenset(n for b, numbers in anchors.items() if a.startswith(b) for n in numbers) for a in anchors}
    shifted_day = re.sub(r"\?P<\w+>", "?:", _SHIFTED_DAY.pattern)  # its names are not needed here
    dating = "|".join(f"(?:{p})" for p in (_SAME_DAY.pattern, shifted_day, data["vague_time"], _TIME_OF_DAY.pattern))
    return _Rules(
        kinds=tuple(data["kinds"]),
        triggers=triggers,
        unanchored=frozenset(unanchored),
        anchor_scan=re.compile(f"(?=({trie_alternation(list(anchors))}))"),
        anchored=anchored,
        facility=re.compile(data["facility_nouns"], re.I),
        future=re.compile(data["future"], re.I),
        negation=re.compile(data["negation"], re.I),
        barriers=re.compile(data["barriers"], re.I),
        anaphoric=re.compile(data["anaphoric"], re.I),
        reporting=re.compile(data["reporting"], re.I),
        needs_facility=re.compile(data["other_needs_facility"], re.I),
        running_total=re.compile(data["running_total"], re.I),
        vague_time=re.compile(data["vague_time"], re.I),
        state=re.compile(data["state"], re.I),
        period_start=re.compile(data["period_start"], re.I),
        period_after=re.compile(data["period_after"], re.I),
        day_before=re.compile(data["post_day_before"], re.I),
        topic=re.compile(data["topic"], re.I),
        speech=re.compile(data["speech"], re.I),
        spoken=frozenset(
            n for n, (kind, lower, _w) in enumerate(triggers) if kind == "statement" and any(lower.fullmatch(v) for v in ("said", "заявил"))
        ),
        dating_lower=re.compile(dating),
        dating_written=re.compile(dating, re.I),
    )


def _anchors(pattern: str) -> set[str] | None:
    """Literals of which every match of `pattern` holds one (the longest such set found in its
    top-level sequence), or None. A sentence without any of them need not be tried."""
    best: set[str] | None = None
    items = list(_regex_parser.parse(pattern))
    for i, (op, _av) in enumerate(items):
        if op not in (_C.LITERAL, _C.SUBPATTERN, _C.BRANCH):
            continue
        found = _prefixes(items[i:])
        if found and min(map(len, found)) >= 3 and (best is None or min(map(len, found)) > min(map(len, best))):
            best = found
    return best


def _prefixes(sequence: list[tuple[object, object]]) -> set[str] | None:
    """The literals one of which starts every match of a parsed sequence, or None."""
    literal = ""
    for op, av in sequence:
        if op is _C.LITERAL:
            literal += chr(av)  # type: ignore[call-overload]
            continue
        if not literal and op is _C.SUBPATTERN:
            return _prefixes(list(av[3]))  # type: ignore[index]
        if not literal and op is _C.BRANCH:
            out: set[str] = set()
            for alternative in av[1]:  # type: ignore[index]
                found = _prefixes(list(alternative))
                if not found:
                    return None
                out |= found
            return out
        break
    return {literal} if literal else None


def run(ctx: Context) -> None:
    """Add ctx.events."""
    text = source_text(ctx)
    rules = _rules()
    story = _story_date(ctx)
    quotes = [q.span for q in ctx.quotes]
    spans = _mend_abbreviations(text, sentences(ctx))
    lead = _lead_sentence(text, spans)
    posts = _post_dates(ctx, text)
    # a cheap test first, one scan of the document for the anchors of all expressions: the
    # expressions each sentence may match; only those run, on that sentence
    low_text = text.lower()
    if len(low_text) != len(text):
        low_text = None  # a letter whose lower case is longer ("İ"): offsets would shift
    candidates: dict[int, set[int]] = {}
    if low_text is None:
        candidates = {i: set(range(len(rules.triggers))) for i in range(len(spans))}
    else:
        starts = [s for s, _ in spans]
        for m in rules.anchor_scan.finditer(low_text):
            i = bisect_right(starts, m.start()) - 1
            if i >= 0 and m.start() < spans[i][1]:
                candidates.setdefault(i, set(rules.unanchored)).update(rules.anchored[m.group(1)])
    date_starts = sorted(d.start for d in ctx.dates)
    low = low_text if low_text is not None else text.lower()
    links = bool(_BRACKET_AT_LINE_END.search(text)) or any(head in low for head in _LINKS_HEADS)  # links may be there
    if ctx.info.published is not None:
        for s, e in spans[:3]:
            title = _DOCUMENT_STATEMENT.match(text, s, e)
            if title and _headline(text[s:e], 0):
                start, end = _strip(text, s, e)
                ctx.events.append(_document_statement(ctx, text, start, end))
                break
    titled = list(ctx.events)
    for index in sorted(candidates):
        s, e = spans[index]
        if candidates[index] <= rules.spoken and bisect_left(date_starts, s) == bisect_left(date_starts, e):
            continue  # only a verb of speech, and no day to date it
        sentence = text[s:e]
        if _headline(sentence, index):
            continue
        if index <= 2 and _headline(sentence, 0) and not any(s <= d.start < e for d in ctx.dates):
            continue  # an undated title line near the top ("ICRC facilitates transfer of patients")
        if links and _link_line(text, s):
            continue  # "Read also: — A school opened in Fuzuli (18.07.2022)": titles of other stories
        post = _post_date(posts, s)
        dateless: bool | None = None  # whether nothing in the sentence can date a trigger
        here: list[tuple[int, Event]] = []  # (trigger start, event) of this sentence
        for kind, found in _matches(rules, candidates[index], text, low_text, s, e):
            first: int | None = None
            first_clause_end = e
            for m in found:
                if kind == "statement" and rules.speech.fullmatch(text, m.start(), m.end()) and not _speech_dated(ctx.dates, date_starts, text, s, m.start(), m.end()):
                    continue  # "said" with no day next to it: no statement (a cheap test before the clause work)
                if (
                    first is not None
                    and m.start() < first_clause_end
                    and not rules.barriers.search(text, first, m.start())
                    and not _NEW_CLAUSE.search(text, first, m.start())
                ):
                    continue  # one event per kind per clause
                if _needs_date(rules, kind, text, m.start(), m.end()):
                    if dateless is None:
                        dateless = _dateless(rules, text, low_text, s, e, post is not None, date_starts)
                    if dateless:
                        continue  # background ("the wounded were taken to hospital")
                event = _event(ctx, text, rules, kind, s, e, m.start(), m.end(), story, quotes, lead == (s, e), post)
                if event is None:
                    continue
                if first is not None and any(old.date == event.date for t, old in here if not _telling(rules, text, t, old)):
                    continue  # a second trigger of the happening already told
                if first is None:
                    first = m.start()
                    first_clause_end = _clause(text, s, e, m.start(), m.end())[1]
                if event.date is not None and any(
                    old.date == event.date and _overlap(old.span, event.span) and not _telling(rules, text, t, old) for t, old in here
                ):
                    continue  # one happening named twice ("escorted a convoy of buses carrying refugees")
                here.append((m.start(), event))
                if not _already_told(ctx.events, event, text):
                    ctx.events.append(event)
        if len(here) > 1:
            _drop_telling(ctx.events, here, rules, text)
    if titled and any(
        event is not titled[0] and event.date == titled[0].date and _STATEMENT_NOUN.search(event.text) for event in ctx.events
    ):
        ctx.events.remove(titled[0])  # "... said in a joint statement today": the statement told in the text


# the title of a document that is itself a statement: "Statement of the Ministry of Foreign Affairs"
_DOCUMENT_STATEMENT = re.compile(
    r"\s*(?:(?:joint |press )?statement (?:of|by)\b|press release\b|(?:совместное )?заявление\b|информационное сообщение\b"
    r"|сообщение (?:пресс-службы|министерства)\b)",
    re.I,
)


_STATEMENT_NOUN = re.compile(r"\bstatement\b|(?<!\w)(?:заявлени|сообщени)", re.I)


def _document_statement(ctx: Context, text: str, start: int, end: int) -> Event:
    """The statement a document is, dated by its publication."""
    return Event(
        kind="statement",
        what=" ".join(ctx.text[start:end].split())[:160],
        date=ctx.info.published,
        span=(start, end),
        text=ctx.text[start:end],
        time=None,
        places=[],
        actors=_names_in(text[start:end], [o.name for o in ctx.organizations]),
        provenance=Provenance(STAGE, VERSION, "title:statement", _OWN_DATE),
    )


def _speech_dated(dates: list[Token], date_starts: list[int], text: str, s: int, t0: int, t1: int) -> bool:
    """Whether a day is written next to the verb of speech text[t0:t1] (see _spoken_on)."""
    i = bisect_left(date_starts, max(s, t0 - 80))
    while i < len(date_starts) and date_starts[i] < t1 + 80:
        if _spoken_on(text, dates[i], s, t0, t1):
            return True
        i += 1
    return False


def _drop_telling(found: list[Event], here: list[tuple[int, Event]], rules: _Rules, text: str) -> None:
    """A dated "said" whose sentence tells a happening of its own is the source of that happening,
    not a statement to list ("the ministry said on Thursday that aid was delivered")."""
    if all(event.kind == "statement" for _t, event in here):
        return
    for t0, event in here:
        if _telling(rules, text, t0, event):
            for i, old in enumerate(found):
                if old is event:
                    del found[i]
                    break


def _telling(rules: _Rules, text: str, t0: int, event: Event) -> bool:
    """Whether the event is a statement told by a verb of speech ("said on Thursday")."""
    return event.kind == "statement" and bool(rules.speech.match(text, t0))


def _matches(
    rules: _Rules, numbers: set[int], text: str, low_text: str | None, s: int, e: int
) -> list[tuple[str, list[re.Match[str]]]]:
    """(kind, its matches in text[s:e] from left to right, none overlapping) for each kind in
    lexicon order; at one position the expression listed first wins."""
    by_kind: dict[str, list[list[re.Match[str]]]] = {}
    for number in sorted(numbers):  # lexicon order: kinds in order, expressions in order
        kind, lower, written = rules.triggers[number]
        found = list(lower.finditer(low_text, s, e) if low_text is not None else written.finditer(text, s, e))
        if found:
            by_kind.setdefault(kind, []).append(found)
    out = []
    for kind, lists in by_kind.items():
        if len(lists) == 1:
            out.append((kind, lists[0]))
            continue
        kept: list[re.Match[str]] = []
        # a stable sort by position keeps the expression listed first ahead at one position
        for m in sorted((m for found in lists for m in found), key=lambda m: m.start()):
            if not kept or m.start() >= kept[-1].end():
                kept.append(m)
        out.append((kind, kept))
    return out


# ", and Yerevan returned ...": a clause with a subject of its own
_NEW_CLAUSE = re.compile(r",\s+(?:and|but|while|whereas|и|а)\s+(?:[A-ZА-ЯЁ][\w-]*\s+){1,3}")


def _dateless(rules: _Rules, text: str, low_text: str | None, s: int, e: int, in_post: bool, date_starts: list[int]) -> bool:
    """Whether nothing in the sentence text[s:e] can date a happening: no date, no post of a feed,
    no "the same day", vague time or time of day."""
    if in_post or bisect_left(date_starts, s) != bisect_left(date_starts, e):
        return False
    dating = rules.dating_lower.search(low_text, s, e) if low_text is not None else rules.dating_written.search(text, s, e)
    return dating is None


def _needs_date(rules: _Rules, kind: str, text: str, t0: int, t1: int) -> bool:
    """Deliveries, incidents and other happenings (but the opening of a facility) count only with
    a time of their own."""
    return kind in ("aid_delivery", "incident") or (kind == "other" and not rules.needs_facility.search(text, t0, t1))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


_ABBREVIATION_END = re.compile(r"(?<!\w)(?:No|Nos|Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Maj|Capt|Sgt|Prof|Rev|Fr|vs|approx|№|им|ул|г|д|с|пос)\.$")


def _mend_abbreviations(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences joined back where a split fell after an abbreviation ("Kindergarten No. 2 in ...")."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and _ABBREVIATION_END.search(text, max(0, out[-1][1] - 8), out[-1][1]) and "\n" not in text[out[-1][1] : s]:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _event(
    ctx: Context,
    text: str,
    rules: _Rules,
    kind: str,
    s: int,
    e: int,
    t0: int,
    t1: int,
    story: dt.date | None,
    quotes: list[tuple[int, int]],
    is_lead: bool,
    post_head: tuple[int, dt.date] | None = None,
) -> Event | None:
    """The event of one trigger, or None when the clause says it is planned, negated or not one."""
    c0, c1 = _clause(text, s, e, t0, t1)
    for b in rules.barriers.finditer(text, c0, t0):
        c0 = b.start()  # "... 67 patients since the corridor was closed": the trigger's own clause
    head = text[c0:t0]
    if rules.future.search(head) or rules.future.search(text[t0:t1]) or rules.negation.search(head):
        return None
    if any(not _MEANS.search(head, m.end()) for m in rules.topic.finditer(head)):
        return None  # "discussed the evacuation of patients": a subject of talks (not "discussed it in phone calls")
    if rules.state.search(text, max(c0, t0 - 30), t0):
        return None  # a state, not a happening: "are now deployed"
    if kind == "negotiation" and _STALLED.match(text, t1, c1) and not any(c0 <= d.start < c1 for d in ctx.dates):
        return None  # "talks ... have stalled": the state of the talks, no round held
    if _FUTURE_AFTER.match(text, t1, c1):
        return None  # "the meeting is scheduled for next week", "встреча запланирована на ..."
    if _NEGATED_AFTER.match(text, t1, c1):
        return None  # "нарушений ... не зафиксировано", "violations were not recorded"
    if _SNAPSHOT.search(text, s, t0):
        return None  # "as of 4 December, 312 people live in ...": a state at a date
    if _appositive(text, s, e, c0, c1, t0, t1):
        return None  # "Russian peacekeepers, deployed in the region since 2020, ...": a description of a noun
    relative = _RELATIVE_HEAD.search(text, max(c0, t0 - 40), t0)
    if _CAUSE_HEAD.search(text, max(c0, t0 - 20), t0):
        return None  # "thanks to talks with both sides, the fire stopped": the talks are the cause told
    clause = text[c0:c1]
    facility_trigger = kind == "other" and not _needs_date(rules, kind, text, t0, t1)
    if facility_trigger:
        if not (rules.facility.search(text, c0, t0) or rules.facility.search(text, t1, min(e, c1 + 60))):
            return None
    if kind == "other" and re.search(r"\b(?:is|are) being\b", clause, re.I):
        return None
    in_quote = any(a <= t0 < b for a, b in quotes)
    date_tok, has_date = _date_for(ctx.dates, text, rules, s, e, c0, c1, t0)
    if date_tok is None and not has_date:
        date_tok = _date_of_its_own(ctx.dates, text, rules, s, e, c0, c1, t0)
        has_date = date_tok is not None
    shift = 0  # days from the date told before: "the following day" +1, "the day before" -1
    told_before = False  # dated by "the same day", "the following day": the last date told
    if date_tok is None and not has_date:
        shifted = _SHIFTED_DAY.search(text, s, e)
        if shifted or _SAME_DAY.search(text, s, e):
            date_tok = _date_before(ctx.dates, s, text=text)  # "The same day, the ICRC facilitated ...": the last date told
            has_date = told_before = date_tok is not None
            shift = (1 if shifted.group("after") or shifted.group("after_ru") else -1) if shifted else 0
    if relative and not (date_tok is not None and c0 <= date_tok.start < c1):
        return None  # "villages that were shelled": background inside a relative clause
    if date_tok is not None and _RANGE_BEFORE.search(text, max(s, date_tok.start - 40), date_tok.start):
        date_tok = None  # "from 18 to 27 January", "с 1 по 4 декабря": a period, its day not given
    if date_tok is None and not has_date and _period_in(ctx.dates, text, rules, c0, c1):
        has_date = True  # "since Monday", "с 20 сентября": an ongoing happening, its day not given
    post_day: dt.date | None = None
    if post_head is not None:
        # a feed of dated posts (Telegram, live blog): "today" and undated sentences are the post's day
        post_start, post = post_head
        if date_tok is None and not has_date:
            told = _date_before(ctx.dates, s, post_start)  # "Yesterday they met. An agreement was reached."
            if rules.day_before.search(text, s, e):
                post_day = post - dt.timedelta(days=1)
            elif told is not None and told.start > text.find("\n", post_start) and "\n" not in text[told.end : s]:
                # a sentence after a dated one of the same paragraph of the post
                post_day = _post_day(ctx.text, told, post)
            else:
                post_day = post
        elif date_tok is not None:
            post_day = _post_day(ctx.text, date_tok, post, keep=None)
    # "read out shortly after 3 a.m.": a time of day with no date is of the story's day
    timed = date_tok is None and not has_date and story is not None and bool(_TIME_OF_DAY.search(text, c0, c1))
    own_date = timed or date_tok is not None and (told_before or c0 < date_tok.end and date_tok.start < c1)
    if kind == "statement" and rules.speech.fullmatch(text, t0, t1):
        if not _spoken_on(text, date_tok, s, t0, t1):
            return None  # "said that the village was shelled on Tuesday": the day of what is told, not of the telling
        if _TOLD_BEFORE.search(text, c0, t0):
            return None  # "Об этом в четверг сообщили в ...": the source of the sentence before
        own_date = True  # "On Tuesday, the ministry said": the day opens the sentence of the speaking
    if kind in ("statement", "ceasefire_reference") and (in_quote or not own_date):
        return None
    needs_date = _needs_date(rules, kind, text, t0, t1)
    if (needs_date or kind == "ceasefire_agreement") and date_tok is not None and date_tok.extra.get("precision") == "year":
        return None  # "3,800 people were killed in the 2020 war", "the 2020 ceasefire deal": a year dates no single happening
    if not own_date and _SHORT_PARTICIPLE.fullmatch(text, t0, t1) and not _WAS.search(text, max(c0, t0 - 12), t0):
        return None  # "дороги открыты", "развернут госпиталь": a state, not its beginning
    if kind == "deployment" and date_tok is None and not has_date and post_day is None and _POSTS.search(text, t0, t1):
        return None  # "its peacekeepers had set up 23 observation posts": a count of posts, not the day they were set up
    if (date_tok is None or not isinstance(date_tok.value, dt.date)) and _RECURRING.search(text, c0, c1):
        return None  # "the gas supply was interrupted several times": many happenings, none of a day
    if kind == "incident" and date_tok is None and _TOLL.search(text, t0, t1) and _NUMBER.search(_masked(text, c0, c1, ctx.dates)):
        return None  # "223 people had been killed, and more than 800 were wounded": a toll, no happening of a day
    if kind == "deployment" and _STRENGTH.search(text, c0, c1):
        return None  # "has set up 23 posts and brought its strength to 1,960": a total reached
    # "the toll of Monday evening's explosion has risen to 73": the happening named with its day is no total
    named_day = date_tok is not None and date_tok.end <= t0 and bool(_POSSESSIVE_DAY.match(text, date_tok.end, t0))
    if needs_date and not named_day and _running_total(rules, _masked(text, c0, c1, ctx.dates)):
        return None  # a count over a period ("12 complaints over the past month"), not a happening
    undated = date_tok is None or not isinstance(date_tok.value, dt.date)  # no day: none, or a year
    if undated and kind != "deployment" and _running_total(rules, _TOTAL_ADDENDUM.sub("", _masked(text, s, e, ctx.dates))):
        return None  # running totals and background ("700 tons have been delivered so far")
    if date_tok is None and kind in _VIOLENCE and _period_in(ctx.dates, text, rules, c0, c1) and _NUMBER.search(_masked(text, c0, c1, ctx.dates)):
        return None  # "404 servicemen killed since 27 September": a toll over a period
    if needs_date and not has_date and post_day is None and not rules.vague_time.search(text, s, e) and not _TIME_OF_DAY.search(text, c0, c1):
        return None  # background ("the wounded were taken to hospital"), unless "last week" dates it
    if post_day is None and (date_tok is None or not isinstance(date_tok.value, dt.date)) and _title_line(text, s, e):
        return None  # "Monthly incident summary: January 2023": a heading, not a happening
    if post_day is not None:
        date = post_day
    elif has_date:
        date = date_tok.value if date_tok is not None else None
        if shift and isinstance(date, dt.date):
            date += dt.timedelta(days=shift)
    else:
        # "..., the ministry said": a happening reported undated is of the story's day, unless the
        # sentence gives it a vague time of its own ("earlier this week")
        reported = bool(rules.reporting.search(text, s, e))
        vague = bool(rules.vague_time.search(text, c0, c1))
        if reported and not in_quote and not is_lead and _PLUPERFECT.search(text, max(c0, t0 - 20), t1):
            vague = True  # "said ... 2,570 residents had been evacuated": before the telling, its day not given
        date = story if (reported or in_quote or is_lead or timed) and not vague else None
    time = None
    if date_tok is not None:
        time = date_tok.extra.get("time")
    if time is None:
        tm = re.search(r"\b(?:from|at|since|с|в)\s+(\d{1,2}[.:]\d{2})\b", text[c0:c1])
        time = tm.group(1) if tm else None
    start, end = min(c0, date_tok.start) if date_tok and s <= date_tok.start < e else c0, c1
    if date_tok is not None and s <= date_tok.start < e:
        end = max(end, date_tok.end)
    start, end = _strip(text, start, end)
    sentence = text[s:e]
    return Event(
        kind="ceasefire_agreement" if kind == "ceasefire_reference" else kind,
        what=" ".join(ctx.text[start:end].split())[:160],
        date=date if isinstance(date, dt.date) else None,
        span=(start, end),
        text=ctx.text[start:end],
        time=time,
        places=_names_in(sentence, [m.name for m in ctx.places]),
        actors=_names_in(sentence, [p.name for p in ctx.people], surnames=True)
        + _names_in(sentence, [o.name for o in ctx.organizations]),
        provenance=Provenance(STAGE, VERSION, f"trigger:{kind}", _OWN_DATE if has_date else 0.5),
    )


# "said on Thursday", "told reporters on Monday", "said in a statement Thursday", "заявил в понедельник"
_SPOKEN_AFTER = re.compile(
    r"\s*(?:(?:reporters|journalists|the press|the media|lawmakers|parliament|журналистам|агентству|корреспонденту|[A-ZА-ЯЁ][\w.-]*)\s+)?"
    r"(?:(?:in|at|during) (?:a |an |the |its |his |her |their )?(?:[\w-]+ ){0,3}?"
    r"(?:statement|address|interview|briefing|post|bulletin|conference|speech|message|session|call|update|comments?|remarks)\s+)?"
    r"(?:(?:earlier|late|later|early)\s+)?",
)
# "в среду заявил", "Захарова в четверг призвала"
_SPEAKER_BETWEEN = re.compile(r"\s*,?\s*(?:[^\s,.;:()\"«»“”]+\s+){1,6}")
_SPOKEN_BEFORE = re.compile(r"\s*(?:(?:вечером|утром|днем|днём|также|же|also|late|earlier)\s+)?")


_POSTS = re.compile(r"\b(?:set up|established|opened)\b[^.;]*\bposts\b|(?<!\w)(?:выставил|развернул|установил)\w*[^.;]*(?:пост|пункт)", re.I)
_RECURRING = re.compile(
    r"\b(?:several|many|numerous|three|four|five) times\b|\btwice\b|\brepeatedly\b|\bon (?:several|many|numerous) occasions\b"
    r"|(?<!\w)(?:неоднократно|несколько раз|дважды|многократно)(?!\w)",
    re.I,
)
_SHORT_PARTICIPLE = re.compile(r"(?:открыт|развернут|размещен|закрыт|перекрыт|заблокирован)[аоы]?", re.I)
_WAS = re.compile(r"(?<!\w)(?:был[аио]?|были)\s+$", re.I)
_TOLL = re.compile(r"\b(?:killed|wounded|injured|hurt)\b|(?<!\w)(?:погиб|ранен)", re.I)
_PARTICIPLE = re.compile(r"[a-z]+ed\b")
_AGENT_OR_PERIOD = re.compile(r"[a-z]+ed\s+(?:[\w-]+\s+){0,3}?(?:by|since)\b")


def _appositive(text: str, s: int, e: int, c0: int, c1: int, t0: int, t1: int) -> bool:
    """Whether the trigger opens a participle phrase set off by commas after a noun: "churches,
    damaged by shelling in October, must be protected"."""
    return (
        s < c0 - 1 < c1 < e
        and text[c0 - 1] == ","
        and text[c0 - 2].isalpha()
        and text[c1] == ","
        and not text[c0:t0].strip()
        and bool(_PARTICIPLE.match(text, t0, t1))
        and bool(_AGENT_OR_PERIOD.match(text, t0, c1))
    )


_TOLD_BEFORE = re.compile(r"(?<!\w)(?:об этом|о том)(?!\w)|\b(?:this|these figures) (?:was|were)\b", re.I)


def _spoken_on(text: str, date: Token | None, s: int, t0: int, t1: int) -> bool:
    """Whether `date` is the day of the speaking told by the verb text[t0:t1]: written next to it,
    or opening the sentence with only the speaker between ("Во вторник премьер-министр заявил")."""
    if date is None or not isinstance(date.value, dt.date):
        return False
    if date.start >= t1:
        return bool(_SPOKEN_AFTER.fullmatch(text, t1, date.start))
    if date.end > t0:
        return False
    if _SPOKEN_BEFORE.fullmatch(text, date.end, t0):
        return True
    return not text[s : date.start].strip() and bool(_SPEAKER_BETWEEN.fullmatch(text, date.end, t0))


_PLUPERFECT = re.compile(r"\bhad (?:been |already )?\w+(?:ed|en|t)\b", re.I)
_STALLED = re.compile(
    r"[^.;]{0,60}?(?:\b(?:stalled|deadlocked|at an impasse|in limbo)\b|(?<!\w)(?:зашли в тупик|заморожен|буксуют)\w*)", re.I
)
_FUTURE_AFTER = re.compile(
    r"[^.;]{0,40}?(?:\b(?:is|are|was|were) (?:scheduled|planned|due|expected) (?:for|to|on|in|next)\b|\bwill (?:take place|be held|begin|start)\b"
    r"|\b(?:could|may|might) (?:begin|start|resume|take place)\b|(?<!\w)(?:может|могут) (?:начаться|состояться|возобновиться)"
    r"|(?<!\w)(?:запланирован|намечен|состоится|пройдет|пройдёт|ожидается|начнется|начнётся)\w*)",
    re.I,
)
_NEGATED_AFTER = re.compile(
    r"[^.;]{0,40}?(?:(?<!\w)не (?:был[оаи]? )?(?:зафиксирован|выявлен|отмечен|поступ|зарегистрирован)\w*"
    r"|\b(?:was|were|has been|have been) not (?:recorded|registered|reported|observed)\b)",
    re.I,
)
_SAME_DAY = re.compile(
    r"\b(?:the same day|that same day|on the same day|later that day|that day|the same evening|the same morning)\b"
    r"|(?<!\w)(?:в тот же день|в этот же день|в тот день|тогда же|в тот же вечер)(?!\w)",
    re.I,
)


def _date_before(dates: list[Token], pos: int, since: int = 0, text: str = "") -> Token | None:
    """The last day written before `pos` (and from `since` on); with `text`, not one that opens a
    period ("since 10 November": the day of no happening told)."""
    period_start = _rules().period_start
    for d in reversed(dates):
        if since <= d.start and d.end <= pos and isinstance(d.value, dt.date):
            if text and period_start.search(text, max(0, d.start - 12), d.start):
                continue
            return d
    return None


def _post_day(text: str, token: Token, post: dt.date, keep: dt.date | None | str = "value") -> dt.date | None:
    """The day a date written in a post means: "today" the post's day, "yesterday" the day before,
    else the date as resolved (or `keep`)."""
    written = text[token.start : token.end].lower()
    if written.startswith(_TODAY):
        return post
    if written.startswith(_YESTERDAY):
        return post - dt.timedelta(days=1)
    if keep == "value":
        return token.value if isinstance(token.value, dt.date) else None
    return keep if isinstance(keep, dt.date) else None


_SHIFTED_DAY = re.compile(
    r"\b(?P<after>the following day|the next day|a day later|next morning|the following morning)\b"
    r"|\b(?:the day before|the previous day|the evening before)\b|(?<!\w)(?P<after_ru>на следующий день|на другой день)(?!\w)"
    r"|(?<!\w)(?:накануне)(?!\w)",
    re.I,
)
# ", which opened to traffic on Friday": a date inside a relative clause is that clause's
_RELATIVE_CLAUSE = re.compile(r",\s*(?:which|who|where|которы\w*|где)\b", re.I)
# ", bringing the total to 23": the total is told by the way, the happening is not a running total
_TOTAL_ADDENDUM = re.compile(r",\s*(?:bringing|raising|taking|pushing) (?:the|its|their) (?:total|number|tally|count)\b[^.;]*", re.I)
# "с 21:40 до 23:15 зафиксировано ...": a time of day dates a happening to the story's day
_TIME_OF_DAY = re.compile(
    r"(?<![\d.:])\d{1,2}:\d{2}(?![\d:])(?:\s*[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.m\."
    r"|(?<!\w)(?:at|from|until|by|after|before|с|до|в|около|после)\s+\d{1,2}\.\d{2}(?![\d.])",  # not "12.50 ha"
    re.I,
)
_STRENGTH = re.compile(
    r"\b(?:brought|bringing|raised|raising|increased|increasing) (?:its|their|the) (?:strength|number|total|tally)\b"
    r"|\b(?:in total|a total of|so far)\b|(?<!\w)(?:всего|в общей сложности|довел\w* численность)(?!\w)",
    re.I,
)
_POSSESSIVE_DAY = re.compile(r"(?:\s+(?:morning|afternoon|evening|night))?['’]s\s+(?:[\w-]+\s+){0,2}$", re.I)
_CAUSE_HEAD = re.compile(r"\b(?:thanks to|due to|owing to)\s+$|(?<!\w)благодаря\s+$", re.I)
_SNAPSHOT = re.compile(r"\b(?:as of|as at)\b|(?<!\w)по состоянию на(?!\w)", re.I)
_RELATIVE_HEAD = re.compile(
    r"\b(?:that|which)\s+(?:were|was|had been|have been|has been|are|is)\s+$"
    r"|(?<!said )(?<!says )(?<!stated )(?<!reported )(?<!announced )(?<!noted )(?<!added )(?<!confirmed )(?<!told )"
    r"(?<!believes )(?<!clear )(?<!hoped )(?<!hopes )\b(?:that|which)\s+$|(?<!\w)котор\w+\s+(?:\w+\s+)?$",
    re.I,
)
_RANGE_BEFORE = re.compile(
    r"(?:\b(?:from|between)\s+\d{1,2}(?:\s+\w+)?\s+(?:to|and|until)|(?<!\w)с\s+\d{1,2}(?:\s+\w+)?\s+(?:по|до)|\d\s*[-–]\s*)\s*$",
    re.I,
)
_TODAY = ("today", "сегодня", "this morning", "this afternoon", "this evening", "tonight", "այսօր", "bu gün")
_YESTERDAY = ("yesterday", "вчера", "last night", "երեկ", "dünən")
_POST_LINE_REST = re.compile(r"[\s\d:.,|/–—-]*(?:[ap]\.?m\.?|utc|gmt|мск)?[\s\d:.,|/–—-]*", re.I)


_TIME_HEAD = re.compile(r"^[ \t]*\d{1,2}:\d{2}(?:[ \t]+\w{2,12})?[ \t]*$", re.M)


def _post_dates(ctx: Context, text: str) -> list[tuple[int, dt.date]]:
    """(line start, date) of every line that holds only a date (and a time): the heads of the posts of
    a feed. Two or more make a feed; a single dateline does not."""
    out: list[tuple[int, dt.date]] = []
    for d in ctx.dates:
        if not isinstance(d.value, dt.date):
            continue
        line_start = text.rfind("\n", 0, d.start) + 1
        line_end = text.find("\n", d.end)
        line_end = len(text) if line_end < 0 else line_end
        if line_end - line_start > 60:
            continue
        if _POST_LINE_REST.fullmatch(text[line_start : d.start]) and _POST_LINE_REST.fullmatch(text[d.end : line_end]):
            out.append((line_start, d.value))
    days = out if len(out) >= 2 else []
    # a live blog heads its entries with the time only ("16:40"): they are of the day of the dated
    # head above them, else of the date written above the first entry (the page's "Last updated:
    # ..."), else of the publication
    times = [m.start() for m in _TIME_HEAD.finditer(text)]
    if len(times) < 2:
        return days
    heads = list(days)
    page = _date_before(ctx.dates, times[0])
    for start in times:
        head = _post_date(days, start)
        day = head[1] if head else page.value if page is not None else ctx.info.published
        if isinstance(day, dt.date):
            heads.append((start, day))
    return sorted(heads)


def _post_date(posts: list[tuple[int, dt.date]], pos: int) -> tuple[int, dt.date] | None:
    """(start, date) of the post that `pos` belongs to."""
    i = bisect_right(posts, pos, key=lambda p: p[0]) - 1
    return posts[i] if i >= 0 else None


def _running_total(rules: _Rules, sentence: str) -> bool:
    """A sentence that counts up ("6 civilians had been killed since ...", "700 tons so far")."""
    return bool(rules.running_total.search(sentence) and _NUMBER.search(sentence))


def _masked(text: str, start: int, end: int, dates: list[Token]) -> str:
    """text[start:end] with the date phrases blanked (their digits are not counts)."""
    out = text[start:end]
    for d in dates:
        if d.start < end and start < d.end:
            a, b = max(d.start, start) - start, min(d.end, end) - start
            out = out[:a] + " " * (b - a) + out[b:]
    return out


def _clause(text: str, s: int, e: int, t0: int, t1: int) -> tuple[int, int]:
    """The clause around a trigger: from the last comma/semicolon/quote mark before it to the next
    one after it, within the sentence."""
    c0 = s
    for m in _CLAUSE_CUT.finditer(text, s, t0):
        c0 = m.end()
    m = _CLAUSE_CUT.search(text, t1, e)
    if m and m.group() == "(":
        aside = _SHORT_ASIDE.match(text, m.start(), e)
        if aside:  # "visited Khankendi (Stepanakert) on 1 October": a name in brackets does not end the clause
            m = _CLAUSE_CUT.search(text, aside.end(), e)
    c1 = m.start() if m else e
    return c0, c1


_SHORT_ASIDE = re.compile(r"\([^()\n,;]{1,30}\)")


def _date_for(
    dates: list[Token], text: str, rules: _Rules, s: int, e: int, c0: int, c1: int, t0: int
) -> tuple[Token | None, bool]:
    """(date token, whether the sentence dates the trigger). A date in the trigger's clause wins;
    else the nearest date of the sentence that no "after/before/since" separates from it."""
    # a date that opens a period ("since 20 September", "с 20 сентября") is not the date of a happening
    in_sentence = [
        d
        for d in dates
        if s <= d.start < e
        and not rules.period_start.search(text, max(s, d.start - 12), d.start)
        and not rules.period_after.match(text[d.end : d.end + 12])
    ]
    in_clause = [
        d for d in in_sentence if c0 < d.end and d.start < c1 and not (d.start > t0 and rules.barriers.search(text, t0, d.start))
    ]
    if in_clause:
        return min(in_clause, key=lambda d: abs(d.start - t0)), True
    usable = []
    own_clause = False  # a date held off only by a clause of another subject still dates the sentence
    for d in in_sentence:
        lo, hi = (d.end, t0) if d.start < t0 else (t0, d.start)
        between = text[lo:hi]
        if rules.barriers.search(between) or _RELATIVE_CLAUSE.search(between):
            continue
        if d.start < t0 and _NEW_CLAUSE.search(between) and _NEW_CLAUSE.search(between).end() == len(between):
            own_clause = True
            continue  # "Baku handed over 2 servicemen on Saturday, and Yerevan returned ...": not Yerevan's day
        if d.start < t0 and re.search(r"\b(?:and|but|while|и|а)\s+(?:\w+\s+){0,3}?\w+(?:ed|ал|ил)\b", between):
            continue  # the date of another verb of the same sentence
        usable.append(d)
    if usable:
        return min(usable, key=lambda d: abs(d.start - t0)), True
    return None, own_clause


# "clashes on the border, which broke out overnight into Tuesday": the relative clause dates its noun
_WHICH_BEGAN = re.compile(
    r",\s*(?:which|that)\s+(?:\w+\s+)?(?:began|broke out|erupted|started|flared up|took place|occurred|happened|was signed|were signed)\b", re.I
)
# "Since 12 December, when activists blocked the road": the day of the happening told in the when-clause
_WHEN_AFTER = re.compile(r"\s*,\s*(?:when|когда)\s+[^,;]*$", re.I)
# "discussed the situation in phone calls": the trigger is the means of the talks, not their subject
_MEANS = re.compile(r"\b(?:in|during|at|by|over)\s|(?<!\w)(?:в ходе|во время)\s", re.I)


def _date_of_its_own(dates: list[Token], text: str, rules: _Rules, s: int, e: int, c0: int, c1: int, t0: int) -> Token | None:
    """The day told of the trigger's noun in a clause of its own ("the fighting, which began on 27
    September"; "Since 12 December, when ... blocked the road"), or None."""
    lo = bisect_left(dates, s, key=lambda d: d.start)
    hi = bisect_left(dates, e, key=lambda d: d.start)
    if lo == hi:
        return None
    m = _WHICH_BEGAN.match(text, c1, e)
    if m:
        cut = _CLAUSE_CUT.search(text, m.end(), e)
        end = cut.start() if cut else e
        for d in dates[lo:hi]:
            if m.end() <= d.start < end and isinstance(d.value, dt.date):
                return d
    for d in dates[lo:hi]:
        if d.end <= c0 and isinstance(d.value, dt.date) and _WHEN_AFTER.match(text, d.end, t0):
            if rules.period_start.search(text, max(s, d.start - 12), d.start):
                return d
    return None


def _period_in(dates: list[Token], text: str, rules: _Rules, c0: int, c1: int) -> bool:
    """Whether the clause holds a date that opens a period ("since Monday")."""
    return any(
        c0 <= d.start < c1
        and (rules.period_start.search(text, max(c0, d.start - 12), d.start) or rules.period_after.match(text[d.end : d.end + 12]))
        for d in dates
    )


def _story_date(ctx: Context) -> dt.date | None:
    """The date of the story told: the first relative date resolved in the text ("on Sunday"),
    else the publication date."""
    period_start = _rules().period_start
    for d in ctx.dates:
        if d.extra.get("relative") and isinstance(d.value, dt.date):
            if period_start.search(ctx.text, max(0, d.start - 12), d.start) or ctx.text.startswith(("'s", "’s"), d.end):
                continue  # "since Monday" opens a period, "Monday's explosion" names one: not the day of the story
            return d.value
    return ctx.info.published


def _lead_sentence(text: str, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The first sentence of the story proper: long enough, not a headline or a photo caption."""
    for s, e in spans:
        sentence = text[s:e]
        words = sentence.split()
        if len(words) < 10 or _headline(sentence, 1):
            continue
        if re.search(r"\d{4}\.?\s*(?:/\S+)?\s*$", sentence):
            continue  # a caption ending in its date (and photo credit)
        if not re.search(r"[.!?]\"?$", sentence.strip()):
            continue
        return s, e
    return None


_LINKS_HEADS = ("read also", "see also", "also read", "related", "more news", "читайте также", "смотрите также", "по теме", "другие новости", "похожие новости")
_LINKS_HEAD = re.compile("(?:" + "|".join(_LINKS_HEADS) + r")(?: news| stories| articles)?\s*:?\s*$", re.I)
_DATED_LINK = re.compile(r"^\s*[—–•*-]?\s*\S.*\(\s*\d{1,2}[./]\d{1,2}[./]\d{2,4}\s*\)\s*$")


_BRACKET_AT_LINE_END = re.compile(r"\)[ \t\r]*(?:\n|$)")


def _link_line(text: str, pos: int) -> bool:
    """Whether `pos` is on a line of a list of links to other stories: a line ending in a date in
    brackets, or a line of the block under "Read also:"."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start : len(text) if end < 0 else end]
    if _DATED_LINK.match(line):
        return True
    for _ in range(12):  # a list of links is short
        if start == 0:
            return False
        prev_start = text.rfind("\n", 0, start - 1) + 1
        previous = text[prev_start : start - 1]
        if not previous.strip():
            return False  # a blank line ends the block
        if _LINKS_HEAD.match(previous.strip()):
            return True
        start = prev_start
    return False


def _title_line(text: str, s: int, e: int) -> bool:
    """A short line of its own without closing punctuation."""
    line = text[s:e].strip()
    if not line or line.endswith((".", "!", "?", '"', "»", "”", "։")) or "\n" in line:
        return False
    before = text[max(0, s - 1) : s]
    after = text[e : e + 1]
    return before in ("", "\n") and after in ("", "\n") and len(line.split()) <= 8


def _headline(sentence: str, index: int) -> bool:
    """A title line: Title Case words and no closing full stop."""
    stripped = sentence.strip()
    if stripped.endswith((".", "!", "?", '"', ":", "։")):
        return False
    words = [w for w in stripped.split() if w[:1].isalpha()]
    if not words:
        return True
    capitalised = sum(1 for w in words if w[:1].isupper())
    return index == 0 or capitalised / len(words) > 0.6


def _already_told(events: list[Event], new: Event, text: str) -> bool:
    """A second mention of the same happening: same kind and same date, or an undated mention of a
    kind already told that shares a participant or refers back ("the talks")."""
    for old in events:
        if old.kind != new.kind:
            if {old.kind, new.kind} <= _VIOLENCE and new.date is not None and old.date == new.date and not _same_line(old, new, text):
                return True  # "a clash" and "killed when its positions came under fire" on one day
            continue
        if new.date is not None and old.date == new.date:
            if new.kind in _DISTINCT_SAME_DAY and not _same_happening(old, new, text):
                continue  # "the same day, the ICRC facilitated the handover ...": another happening
            return True
        if new.date is None or new.provenance.confidence < _OWN_DATE:  # undated, or dated by the story only
            if _ALSO.search(new.text):
                return True  # "The deputies also visited the mosque": more of the visit told
            shared = set(old.actors) & set(new.actors)
            people_shared = [a for a in shared if " " in a]
            if people_shared and new.kind in ("meeting", "negotiation", "visit", "statement"):
                return True
            if _rules().anaphoric.search(text[max(0, new.span[0] - 30) : _trigger_pos(new, text)]):
                return True
    return False


def _same_line(old: Event, new: Event, text: str) -> bool:
    """Two clauses of one sentence: "shelling killed one civilian, while ... 2 were killed in Terter"."""
    return old.span[1] <= new.span[0] and not re.search(r"[.!?]\s|\n", text[old.span[1] : new.span[0]])


_OWN_DATE = 0.7  # the confidence of an event whose sentence dates it
_ALSO = re.compile(r"\b(?:also|too|as well)\b|(?<!\w)(?:также|тоже)(?!\w)", re.I)
_VIOLENCE = frozenset({"hostilities", "incident"})
# kinds of which one day often holds several different happenings (a unit arrives and posts are set
# up; patients are transferred and remains handed over; land is cleared and refugees return)
_DISTINCT_SAME_DAY = frozenset({"other", "deployment", "evacuation", "aid_delivery", "statement", "meeting"})
_OBJECT_WORD = re.compile(r"[^\W\d_]{4,}")


def _same_happening(old: Event, new: Event, text: str) -> bool:
    """Whether a second same-day mention of a kind refers back to the first one: an anaphoric
    head ("the convoy"), or most of its content words already used by the first."""
    if _rules().anaphoric.search(text[max(0, new.span[0] - 30) : new.span[0] + 1]):
        return True
    a = {w.lower()[:5] for w in _OBJECT_WORD.findall(old.text)}
    b = {w.lower()[:5] for w in _OBJECT_WORD.findall(new.text)}
    return bool(b) and len(a & b) / len(b) >= 0.5


def _trigger_pos(event: Event, text: str) -> int:
    m = re.search(r"\b(?:meeting|talks|negotiations|visit|agreement)\b", event.text, re.I)
    return event.span[0] + (m.start() if m else 0)


def _names_in(sentence: str, names: list[str], *, surnames: bool = False) -> list[str]:
    """The names (or, for people, their surnames) written in the sentence."""
    out = []
    low = sentence.lower()
    for name in names:
        probe = name.split()[-1] if surnames else name
        if probe.lower() in low and name not in out:
            out.append(name)
    return out


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:-\"'"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:-\"'."):
        end -= 1
    return start, end
