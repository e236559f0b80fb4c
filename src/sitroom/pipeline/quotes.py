"""The quotes stage: quoted words and who said them.

Needs: ctx.clean (quote marks folded to '"'), ctx.text (to tell an opening “ from a closing ”),
ctx.people, ctx.organizations. Adds: ctx.quotes (text = the quoted words, span inside the marks).

Quotations may run over several paragraphs (inner paragraphs open without a mark, or re-open with
one; the quotation ends at the closing mark); one never closed ends with its paragraph. Single
marks ('We will rebuild,' he said) count as well as double ones, apostrophes do not. Russian
direct speech introduced by a dash is a quotation too. Quoted names ('a "center for humanitarian
reaction"'), one-word scare quotes and two-word phrases not attributed in their sentence are not
quotations.

The speaker is found after the quotation ('," Harutyunyan wrote', '," said he',
'ARMENPRESS reports Putin as saying'), before it ('Putin said: "', 'According to X, he "'), or is
the last speaker named (for "he said", "the president said", continued quotations, and short quoted
phrases inside a sentence about the speaker). An unnamed official ("an official there told") speaks
for the organisation named in that sentence or the one before; a platform after the verb ("wrote on
Facebook") is not a speaker.

Names and attribution verbs are looked up in the document's word index (lexicons.word_index), not
scanned for with one regex per name.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from .clean import fold
from .context import Context
from .entities import surname_map
from .lexicons import WORD_RE, Tok, load_data, source_text, tokens, word_index
from .schema import Provenance, Quote

STAGE = "quotes"
VERSION = "1"

_OPENERS = "“„«‘"
_CLOSERS = "”»’"
_MAX_QUOTE = 6000
_MIN_WORDS = 3
_MAX_UNATTRIBUTED_PHRASE = 6
# a two-word quotation counts only when its sentence names the speaker and it ends the clause
# ('had "left voluntarily".'); mid-sentence two-word phrases are scare quotes or names
_MIN_PARTIAL_WORDS = 2
# a quoted phrase shorter than this inside a sentence needs an attribution of its own
_MID_SENTENCE_PHRASE = 8
_SAME_SENTENCE_RULES = frozenset(
    {"before", "before_pronoun", "unnamed", "subject", "subject_pronoun", "according_to", "after", "after_pronoun", "reported_as_saying", "statement"}
)

@dataclass(slots=True)
class _Span:
    start: int  # first quoted character
    end: int  # one past the last quoted character
    open_mark: int  # offset of the opening mark (or dash)
    close_mark: int  # offset of the closing mark (or of the attribution dash)
    dash: bool = False
    speaker: str | None = None  # known from the layout (an interview answer)


@dataclass(slots=True)
class _Anchor:
    start: int
    end: int
    name: str  # the speaker's full name (person) or the organisation name


# --- finding the quotations ---------------------------------------------------------------------


def find_quotations(text: str, original: str) -> list[_Span]:
    """Quoted stretches of `text`, pairing marks; `original` (same length) tells curly directions."""
    out: list[_Span] = []
    open_at: int | None = None
    open_char = ""
    for m in re.finditer(r'"', text):
        pos = m.start()
        ch = original[pos]
        direction = _direction(text, pos, ch)
        if open_at is None:
            if direction != "close":
                open_at, open_char = pos, ch
            continue
        if pos - open_at > _MAX_QUOTE:
            open_at, open_char = (pos, ch) if direction != "close" else (None, "")
            continue
        if open_char == "«" and ch not in "«»":
            continue  # „nested“ or "nested" marks inside « »: only » closes
        closes = direction == "close" or (open_char == "„" and ch == "“") or (direction == "either")
        if direction == "open" and not (open_char == "„" and ch == "“"):
            end = _unclosed_end(text, open_at, pos)
            if end is not None:
                out.append(_trimmed(text, open_at, end))  # never closed: it ended with its paragraph
            elif _paragraph_start(text, pos):
                continue  # a continued quotation re-opened at the start of its next paragraph
            open_at, open_char = pos, ch  # an unclosed mark before: start again here
            continue
        if closes:
            out.append(_trimmed(text, open_at, pos))
            open_at, open_char = None, ""
    if open_at is not None:
        end = text.find("\n", open_at)
        out.append(_trimmed(text, open_at, len(text) if end < 0 else end))
    if "'" in text:
        doubles = [(s.open_mark, s.close_mark) for s in out]
        out.extend(s for s in _single_quoted(text, original) if not any(a < s.open_mark < b for a, b in doubles))
    out.extend(_dash_speech(text))
    out.sort(key=lambda s: s.start)
    return out


def _direction(text: str, pos: int, ch: str) -> str:
    """'open', 'close' or 'either' for the quote mark at `pos`."""
    if ch in _OPENERS and ch != "“":
        return "open"
    if ch in _CLOSERS:
        return "close"
    before = text[pos - 1] if pos else "\n"
    after = text[pos + 1] if pos + 1 < len(text) else "\n"
    if ch == "“":  # an opener in English, a closer after „ (handled by the caller)
        return "open"
    if before.isspace() or before in "([-:/" or not before:
        return "open" if not after.isspace() else "close"
    if after.isspace() or after in ".,;:!?)-" or not after:
        return "close"
    return "either"


# single quotation marks (British style: 'We will rebuild,' he said): an opening mark after a space
# or bracket and before a letter; a closing mark after a letter or punctuation and before a space,
# punctuation or the end of the line. An apostrophe inside a word ("Russia's") is neither.
_SINGLE_OPEN_BEFORE = frozenset(" \t\n\r([—–-")
_SINGLE_CLOSE_AFTER = frozenset(" \t\n\r.,;:!?)]—–-")


def _single_marks(text: str) -> tuple[list[int], list[int]]:
    """(opening, closing) single quotation marks of `text`: an opening mark after a space or bracket
    and before a letter or digit; a closing mark after a non-space and before a space, punctuation
    or the end. An apostrophe inside a word ("Russia's") is neither."""
    opens: list[int] = []
    closes: list[int] = []
    pos = text.find("'")
    n = len(text)
    while pos >= 0:
        before = text[pos - 1] if pos else "\n"
        after = text[pos + 1] if pos + 1 < n else "\n"
        if before in _SINGLE_OPEN_BEFORE and after.isalnum():
            opens.append(pos)
        elif not before.isspace() and before != "'" and after in _SINGLE_CLOSE_AFTER:
            closes.append(pos)
        pos = text.find("'", pos + 1)
    return opens, closes


def _single_quoted(text: str, original: str) -> list[_Span]:
    """Quotations in single marks, paired within a paragraph. A closing-shaped mark after an 's'
    ("the refugees' needs") is a possessive when a later mark after punctuation closes the
    quotation in the same paragraph."""
    out: list[_Span] = []
    opens, closes = _single_marks(text)
    if not closes:
        return out
    after = 0
    for start in opens:
        if start < after or original[start] == "’":
            continue  # inside the last quotation, or an apostrophe ('’90s')
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        i = bisect_right(closes, start)
        candidates = [c for c in closes[i:] if c < line_end]
        if not candidates:
            continue
        close = candidates[0]
        if text[close - 1] == "s":
            later = next((c for c in candidates[1:] if text[c - 1] in ".,!?;:"), None)
            close = later if later is not None else close
        out.append(_trimmed(text, start, close))
        after = close + 1
    return out


def _unclosed_end(text: str, open_at: int, pos: int) -> int | None:
    """The end of the paragraph of a quotation opened at `open_at` and never closed before the next
    opening mark at `pos`, when the paragraph after it does not continue the quotation (a
    continued paragraph opens with a quote mark); None when the quotation may still be open."""
    end = text.find("\n", open_at, pos)
    if end < 0:
        return None
    following = text[end : pos + 1].lstrip()
    return None if following.startswith('"') else end


def _paragraph_start(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    return not text[line_start:pos].strip()


def _trimmed(text: str, open_mark: int, close_mark: int) -> _Span:
    start, end = open_mark + 1, close_mark
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return _Span(start, end, open_mark, close_mark)


@cache
def _dash_speech_pattern() -> re.Pattern[str]:
    verbs = load_data("lexicons/attribution_verbs.json")["verbs"]["ru"]
    alternation = "|".join(re.escape(v) for v in sorted(verbs, key=len, reverse=True))
    return re.compile(rf"(?m)^[ \t]*-[ \t]+(?P<q>[^\n]+?),?[ \t]+-[ \t]+(?=(?:{alternation})\b)")


def _dash_speech(text: str) -> list[_Span]:
    """Russian direct speech: a paragraph opening with a dash, the words, then ', - сказал X'."""
    out = []
    for m in _dash_speech_pattern().finditer(text):
        if '"' in m.group("q"):
            continue
        out.append(_Span(m.start("q"), m.end("q"), m.start("q") - 2, m.end() - 2, dash=True))
    return out


def _is_quotation(text: str, span: _Span, org_spans: list[tuple[int, int]]) -> bool:
    """Not a quoted name, title or scare quote."""
    words = text[span.start : span.end].split()
    if len(words) < _MIN_PARTIAL_WORDS:
        return False
    if not span.dash and _TITLE_CUE.search(text, max(0, span.open_mark - 30), span.open_mark):
        return False  # 'a report titled "..."', 'an operation codenamed "..."', 'Read more: "..."'

    if any(span.start <= s and e <= span.end + 1 for s, e in org_spans) and len(words) <= 8:
        return False
    letters = [w for w in words if w[:1].isalpha()]
    if len(words) <= 6 and letters and all(w[:1].isupper() for w in letters if len(w) > 3):
        return False  # 'Operation "Iron Fist"', a film or report title
    return True


# words that introduce the title or name of something, not someone's words
_TITLE_CUE = re.compile(
    r"(?i)(?:\b(?:titled|entitled|headlined|headline|codenamed|code-named|dubbed|known\s+as|under\s+the\s+(?:title|name|slogan|motto))"
    r"|^[ \t]*(?:read\s+more|related|see\s+also|also\s+read|more\s+on\s+this)|\bназванием|\bпод\s+лозунгом)[ \t]*[:,]?[ \t]*$",
    re.M,
)


@cache
def _interview_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(question line, answer line, 'Name: words' line) of an interview transcript."""
    data = load_data("lexicons/attribution_verbs.json")
    q = "|".join(re.escape(w) for w in sorted(data["interview_questions"], key=len, reverse=True))
    a = "|".join(re.escape(w) for w in sorted(data["interview_answers"], key=len, reverse=True))
    sep = r"(?:[ \t]*:(?:\*\*)?|[ \t][-–—])[ \t]+"  # 'Q:', '**Q**:', '**Q:**', 'Q -'
    question = re.compile(rf"(?m)^[ \t]*(?:\*\*)?(?:{q})(?:\*\*)?{sep}\S")
    answer = re.compile(rf"(?m)^[ \t]*(?:\*\*)?(?:{a})(?:\*\*)?{sep}(?P<q>[^\n]*\S)")
    named = re.compile(r"(?m)^[ \t]*(?:\*\*)?(?P<name>[A-ZА-ЯЁ][\w'’-]+(?:[ \t][A-ZА-ЯЁ][\w'’-]+)?)(?:\*\*)?[ \t]*:[ \t]+(?P<q>[^\n]*\S)")
    return question, answer, named


_DASH_LINE = re.compile(r"(?m)^[ \t]*-[ \t]+(?P<q>[^\n]*\S)")


def _dash_dialogue(ctx: Context, text: str) -> list[_Span]:
    """The answers of an interview written as dash dialogue ('— question?' / '— answer'), each a
    quotation of the person named before the first question."""
    lines = [m for m in _DASH_LINE.finditer(text) if not _dash_speech_pattern().match(text, m.start())]
    questions = [m for m in lines if m.group("q").endswith("?")]
    if len(questions) < 2 or len(lines) - len(questions) < 2:
        return []
    before = [p for p in ctx.people if p.span[0] < questions[0].start()]
    if not before:
        return []
    interviewee = before[-1].name
    out = []
    for prev, m in zip(lines, lines[1:], strict=False):
        if prev.group("q").endswith("?") and not m.group("q").endswith("?") and len(m.group("q").split()) >= 2:
            out.append(_Span(m.start("q"), m.end("q"), m.start("q") - 2, m.end("q"), speaker=interviewee))
    return out


def _interview(ctx: Context, text: str) -> list[_Span]:
    """The answers of an interview ('Q: ...' / 'A: ...', or 'Surname: ...' lines), each a quotation
    of the interviewee: the person the answer line names, else the last person named before the
    first question."""
    if not ctx.people:
        return []
    if "?\n" in text:
        dialogue = _dash_dialogue(ctx, text)
        if dialogue:
            return dialogue
    if ":" not in text:
        return []
    question, answer, named = _interview_patterns()
    first_q = question.search(text)
    surnames = surname_map(ctx.people)
    out: list[_Span] = []
    if first_q:
        before = [p for p in ctx.people if p.span[0] < first_q.start()]
        interviewee = (before[-1] if before else ctx.people[0]).name
        for m in answer.finditer(text, first_q.start()):
            out.append(_Span(m.start("q"), m.end("q"), m.start("q") - 1, m.end("q"), speaker=interviewee))
        if not out:
            out.extend(_unlabelled_answers(text, question, first_q.start(), interviewee))
    # an answer line may be labelled with the interviewee's initials ('AV:' for Andrei Volkov)
    labels = {**{_initials(p.name): p.name for p in ctx.people if len(p.name.split()) > 1}, **surnames}
    heads = {h.lower() for h in _LINE_LABEL.findall(text)}
    if not any(h in labels or h.rsplit(None, 1)[-1] in labels for h in heads):
        return out  # no line opens with a known name and a colon
    lines = [m for m in named.finditer(text) if m.group("name").lower() in labels or m.group("name").split()[-1].lower() in labels]
    if len(lines) >= 2 or (lines and first_q):
        for m in lines:
            if len(m.group("q").split()) >= _MIN_WORDS and '"' not in m.group("q")[:1] and not m.group("q").endswith("?"):
                who = labels.get(m.group("name").lower()) or labels[m.group("name").split()[-1].lower()]
                out.append(_Span(m.start("q"), m.end("q"), m.start("q") - 1, m.end("q"), speaker=who))
    return out


# the label of a transcript line: 'Andrei Volkov:', '**AV**:'
_LINE_LABEL = re.compile(r"(?m)^[ \t]*(?:\*\*)?([^\W\d_][\w'’-]*(?:[ \t][^\W\d_][\w'’-]*)?)(?:\*\*)?[ \t]*:")


def _unlabelled_answers(text: str, question: re.Pattern[str], start: int, interviewee: str) -> list[_Span]:
    """A briefing transcript labels only its questions: the paragraphs between one question and
    the next are the answer (the last answer is its first paragraph), when they carry no label."""
    out = []
    questions = list(question.finditer(text, start))
    for i, q in enumerate(questions):
        line_end = text.find("\n", q.start())
        if line_end < 0:
            break
        if i + 1 < len(questions):
            stop = questions[i + 1].start()
        else:
            paragraph = re.search(r"\S[^\n]*", text[line_end:])
            stop = line_end + paragraph.end() if paragraph else line_end
        body_start = line_end + len(text[line_end:stop]) - len(text[line_end:stop].lstrip())
        body_end = body_start + len(text[body_start:stop].rstrip())
        body = text[body_start:body_end]
        if len(body.split()) < _MIN_WORDS or _LINE_LABEL.match(body) or body.startswith(('"', "«", "“")):
            continue
        out.append(_Span(body_start, body_end, body_start - 1, body_end, speaker=interviewee))
    return out


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper()).lower()


# --- speakers ----------------------------------------------------------------------------------


@cache
def _verbs() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(attribution verb, pronoun or description of a speaker, 'X ... Y as saying')."""
    data = load_data("lexicons/attribution_verbs.json")
    verbs = sorted({v for words in data["verbs"].values() for v in words}, key=len, reverse=True)
    verb = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(v) for v in verbs) + r")(?!\w)", re.I)
    refs = sorted({*(w for words in data["pronouns"].values() for w in words), *data["descriptions"]}, key=len, reverse=True)
    parts = []
    for r in refs:
        if r.startswith("the "):
            # "the spokeswoman", "the ICRC spokeswoman", "the Russian minister", "the ministry's spokesman"
            parts.append(r"the\s+(?:(?-i:[A-Z][\w.'’-]*)\s+){0,3}" + re.escape(r[4:]))
        else:
            parts.append(re.escape(r))
    ref = re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.I)
    as_saying = re.compile(r"(?:quoted|quotes|reports|reported|cited|cites|quoting)\s+(?P<who>.{1,60}?)\s+as\s+saying", re.I)
    return verb, ref, as_saying


# '"...," the statement read', '», — говорится в заявлении': the statement speaks for its author
_STATEMENT = re.compile(
    r"[\s,]*(?:-\s*)?(?:(?:the|a|an|its|his|her|their)\s+(?:[\w'’.-]+\s+){0,4}?"
    r"(?:statement|communiqu[eé]|press release|release|message|post|letter|readout|note)\s+(?:read|reads|said|says|stated|added|noted|continued|went on)"
    r"|говорится\s+в\s+(?:\w+\s+)?(?:заявлении|сообщении|документе|пресс-релизе|релизе|обращении|публикации))(?!\w)",
    re.I,
)
_BODY_WORD = re.compile(r"\bthe\s+(?:(?-i:[A-Z][\w'’-]*)\s+){0,3}(ministry|contingent|agency|committee|cent(?:er|re)|service|mission|office|organi[sz]ation|department|government|army|delegation|command)\b", re.I)
# the addressee of "told": '"...," a resident told AFP', 'Aliyev told Anadolu Agency: "..."'
_TOLD = re.compile(r"(?i:\btold|\btelling|\bсообщил\w*\s+(?:агентству|изданию|газете|журналистам))\s+(?:the\s+)?$")
# where words were published, after the verb: 'Pashinyan wrote on Facebook:', 'said in a Telegram post'
_MEDIUM = re.compile(r"(?i)\b(?:on|via|in)\s+(?:(?:the|its|his|her|their|a|an)\s+)?$")
# the words before an outlet that was told something (the addressee, never the speaker)
_ADDRESSEE = re.compile(
    r"(?i)(?:\btold|\btells|\btelling|(?:speaking|spoke|talking|talked)\s+to|interview\s+with|"
    r"\b(?:сообщил|заявил|рассказал|пояснил|сказал|подтвердил|уточнил)[аи]?|интервью)\s+(?:the\s+)?$"
)
_MEDIA_KEYS = frozenset(
    "tass ria interfax sputnik armenpress apa azertac trend cgtn xinhua reuters afp ap bbc rferl anadolu".split()
)


def _outlet_names(ctx: Context) -> set[str]:
    """Lower-case names of the document's organisations that are news outlets."""
    known = _known_outlets()
    source = (ctx.info.source or "").lower()
    # a body with its own lexicon key (a ministry that also publishes releases) is not an outlet here
    return {
        o.name.lower()
        for o in ctx.organizations
        if o.key in _MEDIA_KEYS or (o.key is None and (o.name.lower() in known or o.name.lower() == source))
    }


@cache
def _known_outlets() -> frozenset[str]:
    return frozenset(n.lower() for n in load_data("lexicons/outlets.json")["outlets"])


_ACCORDING_TO_HIM = re.compile(r"(?i)(?:according\s+to\s+(?:him|her)|in\s+(?:his|her)\s+words|по\s+(?:его|ее|её)\s+словам)\W*$")
# the sentence after a quotation that names who said it: 'Об этом заявил ...', 'This was stated by ...'
_THIS_WAS_SAID = re.compile(r"[\s.,»\"-]*(?:Об\s+этом|Как\s+(?:сообщил|заявил)\w*|This\s+was\s+(?:said|stated|announced)\s+by)\s", re.I)
# an apposition or participle clause between commas: ", an adviser to President Aliyev, "
_APPOSITION = re.compile(r"\s*,[^,.;:!?\"\n]{1,140},\s*$")
# a relative clause or apposition between a subject and its verb: "Kemal Yurdakul, who heads the centre, said"
_INSERT = re.compile(r"^\s*,\s*(?:who|which|whose|the|a|an|its|his|her|один|одна|котор\w+)\b[^.;:!?\n\"]{0,140},\s*$", re.I)


def _anchors(ctx: Context, text: str) -> list[_Anchor]:
    """Every occurrence of a known person (full name or surname, Russian case endings allowed) or
    organisation, in text order."""
    toks = tokens(text)
    person_forms: dict[str, str] = {}
    for full in dict.fromkeys(p.name for p in ctx.people):
        person_forms.setdefault(full, full)
        surname = full.split()[-1]
        person_forms.setdefault(surname, full)
        if surname.endswith(("ова", "ева", "ёва", "ина", "ына")):
            person_forms.setdefault(surname[:-1], full)  # Захарова: Захаровой, Захарову
    # a feature calls people by their given name once introduced ('Elif Kaya, 34, ...' then
    # '"...," Elif said'): a given name shared by nobody else stands for the full name
    given: dict[str, set[str]] = {}
    for full in dict.fromkeys(p.name for p in ctx.people):
        words = full.split()
        if len(words) > 1 and words[0][:1].isupper() and len(words[0]) > 2:
            given.setdefault(words[0], set()).add(full)
    for first, fulls in given.items():
        if len(fulls) == 1 and first not in person_forms:
            person_forms[first] = next(iter(fulls))
    out = _occurrences(text, toks, person_forms, ignore_case=False, endings=_RU_ENDINGS)
    org_forms = {fold(o.name).lower(): o.name for o in reversed(ctx.organizations)}  # as in the folded text
    outlets = _outlet_names(ctx)
    for a in _occurrences(text, toks, org_forms, ignore_case=True, endings=()):
        if a.name.lower() in outlets and _ADDRESSEE.search(text, max(0, a.start - 40), a.start):
            continue  # "сообщил ТАСС", "told Reuters", "speaking to RFE/RL": the outlet was told
        out.append(a)
    out.sort(key=lambda a: (a.start, -a.end))
    return out


_RU_ENDINGS = ("ом", "ым", "ой", "а", "у", "е", "ի", "ը", "ն")  # Russian cases; Armenian genitive and articles


def _occurrences(text: str, toks: list[Tok], forms: dict[str, str], *, ignore_case: bool, endings: tuple[str, ...]) -> list[_Anchor]:
    """Whole-word occurrences of the `forms` (form -> name), longest form first at each place; a
    form may take one of `endings`. Candidates come from the document's word list (a dictionary
    lookup per word), so the cost does not grow with the number of names."""
    by_first: dict[str, list[tuple[int, str]]] = {}
    for form in sorted(forms, key=len, reverse=True):
        first = WORD_RE.search(form)
        if first is not None:
            key = first.group().lower() if ignore_case else first.group()
            by_first.setdefault(key, []).append((first.start(), form))
    out: list[_Anchor] = []
    if not by_first:
        return out
    index = word_index(text)
    # (token, rank of the form among those of its first word, offset of that word in the form, form)
    cands: list[tuple[int, int, int, str]] = []
    for key, entries in by_first.items():
        low = key.lower()
        hits = [*index.get(low, ())]
        for ending in endings:
            hits.extend(index.get(low + ending, ()))
        for i in hits:
            cands.extend((i, rank, offset, form) for rank, (offset, form) in enumerate(entries))
    cands.sort()
    covered = -1
    done_token = -1
    for i, _, offset, form in cands:
        if i == done_token:
            continue  # a longer form already matched at this word
        start = toks[i].start - offset
        if start < covered or start < 0 or (start and _is_word_char(text[start - 1])):
            continue
        end = start + len(form)
        got = text[start:end]
        if (got.lower() != form) if ignore_case else (got != form):
            continue
        for ending in ("", *endings):
            if text.startswith(ending, end) and not _is_word_char(text[end + len(ending) : end + len(ending) + 1]):
                out.append(_Anchor(start, end + len(ending), forms[form]))
                covered = end + len(ending)
                done_token = i
                break
    return out


def _is_word_char(ch: str) -> bool:
    return bool(ch) and (ch.isalnum() or ch == "_")


@cache
def _verb_words() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """(one-word attribution verbs, first word -> second words of two-word ones), lower case."""
    data = load_data("lexicons/attribution_verbs.json")
    single: set[str] = set()
    pairs: dict[str, set[str]] = {}
    for v in (v for words in data["verbs"].values() for v in words):
        words = v.lower().split()
        if len(words) == 1:
            single.add(words[0])
        else:
            pairs.setdefault(words[0], set()).add(words[1])
    return frozenset(single), {k: frozenset(v) for k, v in pairs.items()}


def _verb_hits(text: str) -> list[tuple[int, int]]:
    """(start, end) of every attribution verb of `text`, from the shared word list of the document
    (one dictionary lookup per word instead of a regex of all verbs tried at every position)."""
    single, pairs = _verb_words()
    toks = tokens(text)
    index = word_index(text)
    found = [i for w in index.keys() & (single | pairs.keys()) for i in index[w]]
    found.sort()
    out = []
    for i in found:
        t = toks[i]
        if i and text[t.start].isupper() and text[toks[i - 1].end : t.start] in (" ", "\u00a0"):
            continue  # "Caucasus Field Notes", "Press Reports": a word of a name, not a verb
        if t.low in single:
            out.append((t.start, t.end))
        elif t.low in pairs and i + 1 < len(toks):
            nxt = toks[i + 1]
            if nxt.low in pairs[t.low] and text[t.end : nxt.start].isspace():
                out.append((t.start, nxt.end))
    return out


def _in(anchors: list[_Anchor], start: int, end: int) -> list[_Anchor]:
    """The anchors inside [start, end) (anchors are sorted by start)."""
    i = bisect_left(anchors, start, key=lambda a: a.start)
    out = []
    for a in anchors[i:]:
        if a.start >= end:
            break
        if a.end <= end:
            out.append(a)
    return out


class _Speakers:
    """Resolves speakers and remembers the last one named."""

    def __init__(self, ctx: Context, text: str, spans: list[_Span]):
        self.text = text
        self.anchors = _anchors(ctx, text)
        self.surnames = surname_map(ctx.people)
        for a in self.anchors:  # given names standing for a full name (see _anchors)
            self.surnames.setdefault(text[a.start : a.end].lower(), a.name)
        self.org_names = [o.name for o in ctx.organizations]
        self.outlets = _outlet_names(ctx)
        self.spans = spans
        self.place_words = {w.lower() for p in ctx.places for w in p.name.split()}
        self._timeline: list[tuple[int, str]] | None = None
        self._opens = [sp.open_mark for sp in spans]
        self._close_of = {sp.open_mark: sp.close_mark for sp in spans}

    @property
    def timeline(self) -> list[tuple[int, str]]:
        if self._timeline is None:
            self._timeline = self._named_subjects()
        return self._timeline

    def _named_subjects(self) -> list[tuple[int, str]]:
        """(offset, speaker) for every attribution verb outside quotations with a named subject
        next to it ("Dmitry Polyanskiy stated", "said Putin")."""
        out: list[tuple[int, str]] = []
        marks = sorted((s.open_mark, s.close_mark) for s in self.spans)
        opens = [a for a, _ in marks]
        reach = list(accumulate((b for _, b in marks), max))  # the furthest close of the first k
        text = self.text
        for start, end in _verb_hits(text):
            i = bisect_right(opens, start) - 1
            if i >= 0 and reach[i] >= start:
                continue  # inside a quotation
            if re.search(r"(?i)\b(?:he|she|they|он|она|они)\s+$", text[max(0, start - 6) : start]):
                continue  # "He recalled that Putin held talks": the speaker stays who it was
            near = [
                a
                for a in _in(self.anchors, start - 70, end + 70)
                if self._same_clause(a, start, end)
                and not (a.start > end and re.search(r"(?i)\b(?:that|что)\b", text[end : a.start]))
                and not (a.start > end and _TOLD.search(text, start, a.start))
                and not (a.start > end and a.start - end > 40 and a.name in self.org_names)
            ]
            if not near:
                near = [a for a in _in(self.anchors, start - 200, start) if _INSERT.match(text, a.end, start)]
            if near:
                persons = [a for a in near if a.name not in self.org_names]
                persons = self._subjects(persons, start) or persons
                best = min(persons or near, key=lambda a: abs(a.start - start))
                out.append((start, best.name))
        return out

    def _subjects(self, persons: list[_Anchor], verb: int) -> list[_Anchor]:
        """The persons before `verb` joined to it directly or across an apposition or relative clause."""
        return [a for a in persons if a.end <= verb and (not self.text[a.end : verb].strip() or _APPOSITION.match(self.text, a.end, verb))]

    def _same_clause(self, anchor: _Anchor, start: int, end: int) -> bool:
        lo, hi = (anchor.end, start) if anchor.end <= start else (end, anchor.start)
        return not re.search(r'[.;:!?\n"]', self.text[lo:hi])

    def last_before(self, pos: int, quoted: list[tuple[int, str]]) -> str | None:
        """The last speaker named before `pos` (by attribution or by an earlier quotation)."""
        best: tuple[int, str] | None = None
        for offset, name in [*self.timeline, *quoted]:
            if offset < pos and (best is None or offset >= best[0]):
                best = (offset, name)
        if best:
            return best[1]
        # nobody has spoken yet: the last person named
        named = [a for a in self.anchors if a.end <= pos and a.name not in self.org_names]
        return named[-1].name if named else None

    def referent(self, pos: int, quoted: list[tuple[int, str]]) -> str | None:
        """Who 'he' or 'she' at `pos` refers to: a person named after the sentence of the last
        speaker, in this paragraph or the one before ('Others, like his neighbour Vardan, locked
        the door. "Why burn it?" he asked'), else the last speaker."""
        best: tuple[int, str] | None = None
        for offset, name in [*self.timeline, *quoted]:
            if offset < pos and (best is None or offset >= best[0]):
                best = (offset, name)
        if best is None:
            return self.last_before(pos, quoted)
        close = self._close_of.get(best[0], best[0])
        lo = max(_sentence_end(self.text, close + 1), _previous_paragraph(self.text, pos))
        for a in reversed(_in(self.anchors, lo, pos)):
            if a.name in self.org_names or self._inside_quotation(a.start):
                continue
            if _NOT_A_NEW_TOPIC.search(self.text, _sentence_start(self.text, a.start), a.start):
                continue  # "He recalled that Putin held talks": Putin is what he spoke about
            return a.name
        said = self.text[_sentence_start(self.text, best[0]) : _sentence_end(self.text, best[0])]
        if best[1] in self.org_names and not _unnamed_pattern().search(said):
            # 'he' is a person, not the body last quoted (unless 'an official' of it spoke): the
            # last person named ('Как рассказал ТАСС руководитель группы Андрей Колесников')
            for a in reversed(_in(self.anchors, 0, lo)):
                if a.name not in self.org_names and not self._inside_quotation(a.start):
                    return a.name
        return best[1]

    def _inside_quotation(self, pos: int) -> bool:
        i = bisect_right(self._opens, pos) - 1
        return i >= 0 and self.spans[i].close_mark > pos

    def resolve(self, span: _Span, prev_end: int, quoted: list[tuple[int, str]]) -> tuple[str | None, str]:
        """(speaker, rule) of one quotation."""
        if span.speaker:
            return span.speaker, "interview"
        text = self.text
        verb, ref, as_saying = _verbs()
        last = self.last_before(span.open_mark, quoted)
        # after the closing mark, to the end of the sentence
        after_end = _sentence_end(text, span.close_mark + 1)
        if text[span.end - 1 : span.end] == "." and text[span.close_mark + 1 : span.close_mark + 3].strip()[:1].isupper():
            after_end = span.close_mark + 1  # '"... restored." He added:': a new sentence, not an attribution
        after = (span.close_mark + 1, after_end)
        window = text[after[0] : after[1]]
        m = as_saying.search(window)
        if m:
            who = _in(self.anchors, after[0] + m.start("who"), after[0] + m.end("who"))
            if who:
                return who[-1].name, "reported_as_saying"
        st = _STATEMENT.match(window)
        if st:
            # '"...," the statement read': the body (or person) whose statement it is
            who = _in(self.anchors, after[0], after[0] + st.end())
            if who:
                return who[0].name, "statement"
            r = ref.search(window, 0, st.end())
            if r and not _BODY_WORD.match(window, r.start()):
                return last, "statement"  # "the president's statement said"
            return self._statement_author(span.open_mark) or self._last_org(span.open_mark, publisher=True) or last, "statement"
        v = verb.search(window)
        if v and v.start() < 60:
            near = [
                a
                for a in _in(self.anchors, after[0], after[1])
                if a.start - after[0] < v.end() + 110 and not _TOLD.search(text, after[0], a.start)
            ]
            people_first = sorted(near, key=lambda a: (a.name in self.org_names, a.start))
            head = window[: v.start()]
            r = ref.search(window, 0, v.end() + 25)
            if r:
                # "the ICRC spokeswoman": a name inside the description only qualifies it
                r0, r1 = after[0] + r.start(), after[0] + r.end()
                near = [a for a in near if not (r0 <= a.start and a.end < r1)]
                people_first = [a for a in people_first if a in near]
            # "the ICRC spokeswoman Ana Ruiz said", "the ministry's spokesman, Vagif Dargahli, said": a
            # title before the name, never a name after the verb
            titled = r is not None and any(
                a.name not in self.org_names
                and 0 <= a.start - (after[0] + r.end()) < 45
                and not re.search(r"[;.]", text[after[0] + r.end() : a.start])
                and (a.start < after[0] + v.start() or r.start() > v.end() or not re.search(r"[,]", text[after[0] + r.end() : a.start]))
                for a in near
            )
            if r and not titled and (not near or r.end() <= near[0].start - after[0]):
                body = _BODY_WORD.match(window, r.start())
                if body:
                    return self._body(span.open_mark, body.group(1)), "after_pronoun"
                return self.referent(span.open_mark, quoted), "after_pronoun"
            if not [a for a in people_first if a.name not in self.org_names]:
                body = self._unnamed(window[: v.end() + 40], span.open_mark, span.open_mark)
                if body:
                    return body, "unnamed"
                described = _described_after(window, v.start(), v.end())
                if described:
                    return described, "described"
            if people_first:
                return people_first[0].name, "after"
            cap = re.search(r"\b([A-ZА-ЯЁ][a-zа-яё]{2,}(?:-[A-ZА-ЯЁ][a-zа-яё]+)?)\b", window[: v.end() + 30])
            if (
                cap
                and cap.group(1).lower() not in self.surnames
                and re.search(r"(?i)\bthe\s+$", window[: cap.start()])
                and cap.end() <= v.start()
                and not window[cap.end() : v.start()].strip()
            ):
                return self.referent(span.open_mark, quoted), "after_pronoun"  # "the Defender said": a title
            if (
                cap
                and self._may_be_speaker(cap.group(1))
                and not _TOLD.search(window, 0, cap.start())
                and not (cap.start() > v.end() and re.search(r"(?i)\b(?:that|что)\b", window[v.end() : cap.start()]))
            ):
                return self._unknown_name(cap.group(1), span.open_mark), "after_unknown"
            if not head.strip(" ,-") and last:
                return last, "after_last"
        # before the opening mark, in the same sentence (but after the previous quotation)
        start = max(_sentence_start(text, span.open_mark), prev_end)
        before = text[start : span.open_mark]
        acc = re.search(r"(?:according to|по словам|по данным|ըստ)\s+", before, re.I)
        if acc:
            who = _in(self.anchors, start + acc.end(), span.open_mark)
            if who:
                return who[0].name, "according_to"
        if _ACCORDING_TO_HIM.search(before) and not _THIS_WAS_SAID.match(text, span.close_mark + 1):
            him = self.referent(start, quoted)  # 'По его словам, «...»', 'According to her, "..."'
            if him:
                return him, "according_to"
        vb = list(verb.finditer(before))
        if vb:
            cut = start + vb[-1].start()
            pronoun = _PRONOUN_SUBJECT.search(before, 0, vb[-1].start())
            if pronoun:
                # "He added that a UNESCO mission had been invited": names after the verb are its object
                return self.referent(start + pronoun.start(), quoted), "before_pronoun"
            body = self._unnamed(before[: vb[-1].start()], start, span.open_mark)
            if body:
                return body, "unnamed"
            described = _described_subject(before, vb[-1].start())
            if described and not [a for a in _in(self.anchors, start + described[0], cut) if a.name not in self.org_names]:
                # 'The drivers, sleeping in their cabs, said they would wait "as long as necessary"'
                return described[1], "described"
            near = [
                a
                for a in _in(self.anchors, start, span.open_mark)
                if (self._same_clause(a, cut, cut + 1) or a.end <= cut)
                and not _TOLD.search(text, start, a.start)
                and not (a.start > cut and _MEDIUM.search(text, cut, a.start))
            ]
            r = list(ref.finditer(before))
            if r and start + r[-1].start() > cut and self._subjects([a for a in near if a.name not in self.org_names], cut):
                r = []  # 'Pashinyan said the government would "do everything"': the clause's subject is not the speaker
            if r and (not near or start + r[-1].start() >= near[-1].end):
                body = _BODY_WORD.match(before, r[-1].start())
                if not body:
                    return (self.referent(start + r[-1].start(), quoted) if _is_pronoun(r[-1].group()) else last), "before_pronoun"
                who = self._body(span.open_mark, body.group(1))
                orgs = [a for a in near if a.name in self.org_names]
                # "A UN spokesperson ... told reporters the organisation hoped": the body named
                return (who or (orgs[-1].name if orgs else None)), "before_pronoun"
            if near:
                # "Nikol Pashinyan wrote on Facebook:", "Maria Lopez of the IFRC said": the person
                persons = [a for a in near if a.name not in self.org_names]
                # "Hikmet Hajiyev, an adviser to President Ilham Aliyev, wrote": the subject, not the
                # person inside its apposition
                persons = self._subjects(persons, cut) or persons
                return (persons or near)[-1].name, "before"
            # an unknown name right before the verb, or before an insert ('Pashinyan, speaking in parliament, said')
            subj = re.search(r"([A-ZА-ЯЁ][a-zа-яё]{2,}(?:-[A-ZА-ЯЁ][a-zа-яё]+)?)(?:\s*,[^,.;:!?\"\n]{1,100},)?\s+$", before[: vb[-1].start()])
            if subj and self._may_be_speaker(subj.group(1)):
                return self._unknown_name(subj.group(1), span.open_mark), "before_unknown"
        if before.strip():
            # a quoted phrase inside a sentence about someone: the sentence's subject
            subj = ref.match(before.lstrip())
            named = _in(self.anchors, start, span.open_mark)
            people = [a for a in named if a.name not in self.org_names]
            if subj and last:
                return (self.referent(start, quoted) if _is_pronoun(subj.group()) else last), "subject_pronoun"
            if people and people[0].start - start < 30:
                return people[0].name, "subject"
            if named and not people and named[0].start - start < 30 and re.match(r"[\s,]*(?:(?:the|a|an)\s+[^,.;:]{1,60},\s*)?[a-zа-яё]", text[named[0].end : span.open_mark]):
                # 'UNHCR, the UN refugee agency, gave a rounder number: "..."': the body is the subject
                return named[0].name, "subject"
        # 'По его словам, «...». Об этом заявил министр Сергей Шойгу': the next sentence names him
        then = _THIS_WAS_SAID.match(text, span.close_mark + 1)
        if then:
            who = [a for a in _in(self.anchors, then.end(), _sentence_end(text, then.end())) if a.name not in self.org_names]
            if who:
                return who[0].name, "said_next"
        # the sentence before ending in ':' or naming a speaker
        if last:
            return last, "last_speaker"
        return None, "none"

    def _unnamed(self, words: str, sentence_start: int, pos: int) -> str | None:
        """The organisation of an unnamed official ("an official there", "a ministry spokesman")
        in `words`: the last one named in this sentence or the one before."""
        if not _unnamed_pattern().search(words):
            return None
        lo = _sentence_start(self.text, max(0, sentence_start - 2))
        for a in reversed(_in(self.anchors, lo, pos)):
            if a.name in self.org_names:
                return a.name
        return None

    def _unknown_name(self, word: str, pos: int) -> str:
        """A speaker's name given as one word: the full name when the text wrote it in full before
        ('Elif Kaya, 34, runs a bakery' ... '," Elif said')."""
        if word.lower() in self.surnames:
            return self.surnames[word.lower()]
        text, toks = self.text, tokens(self.text)
        for i in word_index(text).get(word.lower(), ()):
            t = toks[i]
            if t.start >= pos or text[t.start : t.end] != word:
                continue
            for j, after in ((i + 1, True), (i - 1, False)):
                if not 0 <= j < len(toks):
                    continue
                o = toks[j]
                gap = text[t.end : o.start] if after else text[o.end : t.start]
                other = text[o.start : o.end]
                if (
                    gap.isspace()
                    and "\n" not in gap
                    and other[:1].isupper()
                    and other.lower() not in _NOT_SPEAKERS
                    and other not in _not_name_words()
                    and other.lower() not in self.place_words
                ):
                    return f"{word} {other}" if after else f"{other} {word}"
        return word

    def _may_be_speaker(self, word: str) -> bool:
        """Whether a capitalised word not known as a name may be a speaker's surname (not a place,
        an organisation, a sentence opener or a pronoun)."""
        low = word.lower()
        if low in self.surnames:
            return True
        if low in _NOT_SPEAKERS or low in self.place_words or word in _nationalities():
            return False
        return not any(low in o.lower().split() for o in self.org_names)

    def _last_org(self, pos: int, *, publisher: bool = False) -> str | None:
        """The last organisation named before `pos` (with `publisher`, not a news outlet: an
        agency reporting a ministry's release is not its author)."""
        for a in reversed(self.anchors):
            if a.start < pos and a.name in self.org_names and not (publisher and a.name.lower() in self.outlets):
                return a.name
        return None

    def _statement_author(self, pos: int) -> str | None:
        """The body whose statement is quoted: the last 'statement of/by X (and Y)' or 'X's
        statement' before `pos` ('Joint statement by UNICEF and WHO' -> 'UNICEF and WHO')."""
        for m in reversed(list(_STATEMENT_OF.finditer(self.text, 0, pos))):
            if self._inside_quotation(m.start()):
                continue
            if m.group("of"):
                authors = [a for a in _in(self.anchors, m.end(), m.end() + 200) if a.name in self.org_names]
                if authors and not self.text[m.end() : authors[0].start].strip(" \t"):
                    joint = [authors[0]]
                    for a in authors[1:]:
                        if not re.fullmatch(r"\s+(?:and|и|&)\s+(?:the\s+)?", self.text[joint[-1].end : a.start]):
                            break
                        joint.append(a)
                    return " and ".join(a.name for a in joint)
            else:
                authors = [a for a in _in(self.anchors, max(0, m.start() - 120), m.start()) if a.name in self.org_names]
                if authors and re.fullmatch(r"(?:'s|’s)?\s+(?:(?:joint|official|written|press)\s+)?", self.text[authors[-1].end : m.start()]):
                    return authors[-1].name
        return None

    def _body(self, pos: int, word: str) -> str | None:
        """The last organisation named before `pos` whose name has `word` ("the ministry")."""
        word = word.lower()[:5]
        for a in reversed(self.anchors):
            if a.start < pos and a.name in self.org_names and word in a.name.lower():
                return a.name
        return None


# 'Statement of the Ministry ...', 'Joint statement by UNICEF and WHO', 'the ministry's statement'
_STATEMENT_OF = re.compile(
    r"(?i)\b(?:joint\s+)?(?:statement|press\s+release|communiqu[eé]|заявление|сообщение)(?:\s+(?P<of>of|by|from)(?:\s+the)?\s+)?"
)


@cache
def _not_name_words() -> frozenset[str]:
    data = load_data("lexicons/titles.json")
    titles = [t for words in data["titles"].values() for t in words] if isinstance(data["titles"], dict) else data["titles"]
    return frozenset([*data["not_name_words"], *data["modifiers"], *data["nationalities"], *(t for t in titles if " " not in t)])


@cache
def _pronouns() -> frozenset[str]:
    data = load_data("lexicons/attribution_verbs.json")["pronouns"]
    return frozenset(w for words in data.values() for w in words)


def _is_pronoun(word: str) -> bool:
    return word.lower() in _pronouns()


# a sentence that goes on about the last speaker, or a clause of what was said: the names in it
# are not who 'he' is next
_NOT_A_NEW_TOPIC = re.compile(r"(?i)(?<!\w)(?:he|she|они|он|она|that|что)(?!\w)")
# a pronoun subject right before the attribution verb: 'He added that ...', 'Она подчеркнула'
_PRONOUN_SUBJECT = re.compile(r"(?i)(?<!\w)(?:he|she|они|он|она)\s+(?:(?:also|later|then|again|further|также|тоже|затем)\s+)?$")


@cache
def _nationalities() -> frozenset[str]:
    return frozenset(load_data("lexicons/titles.json")["nationalities"])


@cache
def _unnamed_pattern() -> re.Pattern[str]:
    words = load_data("lexicons/attribution_verbs.json")["unnamed_speakers"]
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(
        rf"(?i)\b(?:an?|one|another|некий|один\s+из)\s+(?:[\w'’-]+\s+){{0,3}}?(?:{alternation})\b"
        r"|(?i:\b(?:источник|источники|собеседник)\w*\s+(?:в|из|во)\s+)"
    )


@cache
def _description_pattern() -> re.Pattern[str]:
    """A person described, not named: 'one Yerevan-based aid official', 'Azerbaijani officials'."""
    nouns = load_data("lexicons/attribution_verbs.json")["speaker_nouns"]
    alternation = "|".join(re.escape(w) for w in sorted(nouns, key=len, reverse=True))
    modifier = r"(?:(?-i:[A-Z][\w'’]*(?:-\w+)*)|\w+(?:-\w+)+|aid|local|senior|foreign|military|government|ministry|health|border|security|humanitarian|elderly|young|older|other|unnamed)"
    return re.compile(
        rf"(?i)(?<![\w-])(?P<det>(?:an?|one|another|the|some|several|many|two|three|its)\s+)?(?P<d>(?:{modifier}\s+){{0,3}}(?:{alternation}))(?![\w-])"
    )


# '... said one driver, who gave his name only as Arman': the name the speaker gave
_NAMED_ONLY_AS = re.compile(
    r",?\s+(?:who\s+)?(?:gave|giving|identified|identifying)\s+(?:(?:him|her)self\s+)?(?:only\s+)?(?:(?:his|her|their)\s+(?:first\s+)?name\s+)?(?:only\s+)?(?:as\s+)?(?P<name>[A-Z][\w'’-]+)"
)
_FROM_PLACE = re.compile(r"\s+(?:from|in|of|at)\s+(?-i:[A-Z][\w'’-]+)(?:\s+(?-i:[A-Z][\w'’-]+))?\s+")
# what may stand between a described subject and its verb: auxiliaries and adverbs, or an
# apposition between commas
_SUBJECT_GAP = re.compile(r"^(?:\s+(?:\w+ly|have|has|had|also|later|then|again|on\s+\w+day))*\s*(?:,[^.;:!?\"\n]{1,110},\s*)?$")


def _described_subject(before: str, verb_start: int) -> tuple[int, str] | None:
    """(offset, description) of a described subject of the verb at `verb_start` of `before`."""
    best = None
    for m in _description_pattern().finditer(before, 0, verb_start):
        best = m
    if best is None or not _SUBJECT_GAP.match(before[best.end() : verb_start]):
        return None
    if re.search(r"(?i)\b(?:to|of|from|with|for|by|among|than|told|asked|and|or)\s+$", before[: best.start()]):
        return None  # an object or a second noun, not the subject
    return best.start(), best.group("d")


def _described_after(window: str, verb_start: int, verb_end: int) -> str | None:
    """A described speaker right after the verb ('," said one aid official') or right before it
    ('," a resident told AFP')."""
    m = _description_pattern().match(window, verb_end + 1)
    if m and m.group("det") and window[verb_end : verb_end + 1].isspace():
        named = _NAMED_ONLY_AS.match(window, m.end())
        return named.group("name") if named else m.group("d")
    for m in _description_pattern().finditer(window, 0, verb_start):
        rest = window[m.end() : verb_start]
        if m.group("det") and (not rest.strip() or _FROM_PLACE.fullmatch(rest)) and not window[: m.start()].strip(" ,-–—"):
            return m.group("d")  # '," a 70-year-old woman from Askeran told AFP
    return None


_NOT_SPEAKERS = frozenset(
    "the he she they it we this that these those there his her its their our a an and but in on at on for as "
    "according by officials reporters journalists residents sources witnesses police спустя он она они это "
    "мы вы как по в на".split()
)


_END = re.compile(r"[.!?։](?=\s|$)|\n")  # ։ the Armenian full stop
_ABBREV = re.compile(r"(?:\b[A-ZА-ЯЁ]|\b(?:Lt|Gen|Col|Maj|Capt|Sgt|Dr|Mr|Mrs|Ms|Prof|St|Adm|Brig|Rev|Sen|Gov|Amb|No|ген|г))$")


def _sentence_end(text: str, pos: int) -> int:
    """The end of the sentence from `pos`: a full stop that does not close an abbreviation or initial."""
    for m in _END.finditer(text, pos):
        if m.group() == "." and _ABBREV.search(text, max(0, m.start() - 6), m.start()):
            continue
        return m.start()
    return len(text)


def _previous_paragraph(text: str, pos: int) -> int:
    """The start of the paragraph before the one holding `pos`."""
    here = text.rfind("\n", 0, pos)
    while here > 0 and text[here - 1] in "\n \t":
        here -= 1
    return text.rfind("\n", 0, max(here, 0)) + 1 if here > 0 else 0


def _sentence_start(text: str, pos: int) -> int:
    line = text.rfind("\n", 0, pos) + 1
    stop = max(text.rfind(". ", 0, pos), text.rfind("? ", 0, pos), text.rfind("! ", 0, pos), text.rfind("։ ", 0, pos))
    return max(line, stop + 2 if stop >= 0 else 0)


# --- the stage ----------------------------------------------------------------------------------


def run(ctx: Context) -> None:
    """Add ctx.quotes, each with its speaker (full name or organisation) when one is found."""
    text = source_text(ctx)
    org_spans = _quoted_name_spans(ctx, text)
    spans = [s for s in find_quotations(text, ctx.text) if _is_quotation(text, s, org_spans)]
    answers = _interview(ctx, text)
    if answers:
        # a quotation inside an answer is the interviewee's words quoting someone: the answer stands
        spans = [s for s in spans if not any(a.open_mark <= s.start < a.close_mark for a in answers)]
        spans = sorted([*spans, *answers], key=lambda s: s.start)
    if not spans:
        return
    speakers = _Speakers(ctx, text, spans)
    quoted: list[tuple[int, str]] = []
    prev_end = 0
    head_end = _head_end(text)
    for span in spans:
        speaker, rule = speakers.resolve(span, prev_end, quoted)
        if len(text[span.start : span.end].split()) < _MIN_WORDS and not span.speaker and not _partial_quote(text, span, rule):
            continue
        if speaker is None and span.open_mark < head_end and _paragraph_start(text, span.open_mark):
            continue  # a headline in quotation marks, unattributed: the article's paraphrase
        if (
            rule == "last_speaker"
            and len(text[span.start : span.end].split()) < _MID_SENTENCE_PHRASE
            and text[_sentence_start(text, span.open_mark) : span.open_mark].strip()
        ):
            continue  # a phrase inside a sentence that names no speaker: a term, not the last speaker's words
        if speaker is None and len(text[span.start : span.end].split()) <= _MAX_UNATTRIBUTED_PHRASE:
            continue  # a short quoted phrase nobody is said to have spoken: a term or a title
        if speaker:
            quoted.append((span.open_mark, speaker))
        prev_end = span.close_mark + 1
        ctx.quotes.append(
            Quote(
                speaker=speaker,
                text=ctx.text[span.start : span.end],
                span=(span.start, span.end),
                provenance=Provenance(STAGE, VERSION, rule, 0.8 if rule in ("after", "before", "reported_as_saying") else 0.6),
            )
        )


def _partial_quote(text: str, span: _Span, rule: str) -> bool:
    """Whether a short quotation is a speaker's words: attributed within its sentence and ending
    its clause."""
    if span.dash:
        return True  # '— Обстановка спокойная, — сказал полковник': attributed by its layout
    words = text[span.start : span.end]
    if words[:1].isupper() and words.rstrip()[-1:] in ".!?" and rule != "none":
        return True  # a whole sentence of speech ('"Patrols continue."') after its speaker's words
    after = text[span.close_mark + 1 : span.close_mark + 3].lstrip(" ")
    if words[:1].isupper() and (words.rstrip()[-1:] in ",!?" or after[:1] == ",") and rule.startswith("after"):
        return True  # '"Nobody came," said Samvel', '«Дороги открыты», — сказал Песков': closed by its attribution
    if rule in _NAMED_SUBJECT_RULES and words[:1].islower() and not _NAMING_WORD.search(text, max(0, span.open_mark - 20), span.open_mark):
        return True  # 'Zakharova said Moscow was "extremely concerned" about': a named speaker's words
    return rule in _SAME_SENTENCE_RULES and (not after or after[0] in ".,;:!?)\n-–—")


# rules that found a named speaker as the subject of a verb of saying in the quotation's sentence
_NAMED_SUBJECT_RULES = frozenset({"before", "according_to"})
# a word before a quoted phrase that makes it a name or a term ('the so-called "grey zone"')
_NAMING_WORD = re.compile(r"(?i)\b(?:the|a|an|so-called|its|their|his|her|our|this|that|called|dubbed|named|termed|as|of)\s*$")


_LONG_LINE = re.compile(r"(?m)^[^\n]*?(?:\S+[ \t]+){14}\S")


def _head_end(text: str) -> int:
    """The end of the document head (title, kicker, date lines): the first line of 15 words or more."""
    m = _LONG_LINE.search(text, 0, 3000)
    return m.start() if m else 0


def _quoted_name_spans(ctx: Context, text: str) -> list[tuple[int, int]]:
    """Spans of organisations anywhere (a quoted organisation name is not a quotation)."""
    out = []
    for org in ctx.organizations:
        if org.provenance is not None and org.provenance.rule == "quoted_name":
            out.append(org.span)
    return out
