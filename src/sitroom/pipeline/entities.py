"""The entities stage: organisations and people.

Needs: ctx.clean, ctx.info.source, ctx.places. Adds: ctx.organizations (one Mention per distinct
name, key = lexicon key or None) and ctx.people (one PersonMention per person, by full name).

Organisations come from the lexicon (data/lexicons/organisations.json, en + ru in every case), from
patterns ("Ministry of X", "X Ministry", capitalised "... Rescue Center"), from photo credits
("/CFP"), from the outlet named by the metadata stage, and from short quoted names
('a "center for humanitarian reaction"').
People come from titles ("Russian President Vladimir Putin", "генерал-лейтенант Рустам Мурадов"),
appositions ("Arayik Harutyunyan, the president of ..., said") and known given names. A later
surname alone ("Putin") is the same person; a first name with an age ("63-летняя Анаит") is a person.

Speed: every pattern is tried only where it can start, at cue words (titles, given names, surname
endings, head nouns) looked up in the document's word index, instead of at every character.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from .context import Context
from .lexicons import WORD_RE, PhraseIndex, Tok, load_data, source_text, tokens, word_index
from .schema import Mention, PersonMention, Provenance

STAGE = "entities"
VERSION = "1"

_UP = "A-ZÀ-ÖØ-ÞĀ-ŽƏ"  # Ə: Azerbaijani Latin
_LOW = "a-zß-öø-ÿā-žıə"
# One word of a Latin-script name: "Pashinyan", "Ter-Petrosyan", "O'Brien", "McDonald".
_CAP = rf"[{_UP}][{_LOW}]+(?:[-'’][{_UP}]?[{_LOW}]+)*(?:[{_UP}][{_LOW}]+)?"
_CYR_CAP = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ]?[а-яё]+)?"
_INITIALS = rf"(?:[{_UP}]\.\s?){{1,2}}"
_CYR_INITIALS = r"(?:[А-ЯЁ]\.\s?){1,2}"


# --- reference data ----------------------------------------------------------------------------


@cache
def _org_data() -> dict:
    return load_data("lexicons/organisations.json")


@cache
def _titles() -> dict:
    return load_data("lexicons/titles.json")


@cache
def org_index() -> PhraseIndex:
    """The organisation lexicon as one phrase index (acronyms case-sensitive, Russian inflected)."""
    phrases = []
    for body in _org_data()["bodies"]:
        for lang, names in body["names"].items():
            for name in names:
                letters = re.sub(r"[^\w]", "", name)
                acronym = len(letters) <= 6 and letters.isupper()
                phrase = PhraseIndex.make(name, body["key"], lang=lang, case_sensitive=True, inflect=not acronym)
                if phrase is not None:
                    phrases.append(phrase)
    return PhraseIndex(phrases)


@cache
def _not_name_words() -> frozenset[str]:
    return frozenset(_titles()["not_name_words"])


@cache
def _first_names() -> frozenset[str]:
    data = load_data("lexicons/first_names.json")
    return frozenset(data["en"]) | frozenset(data["ru"])


@cache
def _ru_first_name_forms() -> dict[str, tuple[str, str]]:
    """Inflected Russian given name -> (nominative, case ending of the surname to undo)."""
    out: dict[str, tuple[str, str]] = {}
    for name in load_data("lexicons/first_names.json")["ru"]:
        out[name] = (name, "")
        if name.endswith(("ий", "ей", "ай")):
            stem = name[:-1]
            for ending, case in (("я", "gen"), ("ю", "dat"), ("ем", "ins"), ("е", "pre")):
                out[stem + ending] = (name, case)
            if name.endswith("ий"):
                out[stem + "и"] = (name, "pre")
        elif name.endswith("ь"):
            stem = name[:-1]
            for ending, case in (("я", "gen"), ("ю", "dat"), ("ем", "ins"), ("е", "pre")):
                out[stem + ending] = (name, case)
        elif name.endswith("ия"):
            # Мария: Марии, Марию, Марией (the surname declines the feminine way: Захаровой)
            stem = name[:-1]
            for ending, case in (("и", "fem"), ("ю", "fem_acc"), ("ей", "fem")):
                out[stem + ending] = (name, case)
        elif name.endswith("а"):
            # Анна: Анны, Анне, Анну, Анной; Ольга: Ольги
            stem = name[:-1]
            gen = "и" if stem[-1:] in "кгхжшчщ" else "ы"
            for ending, case in ((gen, "fem"), ("е", "fem"), ("у", "fem_acc"), ("ой", "fem")):
                out[stem + ending] = (name, case)
        else:
            for ending, case in (("а", "gen"), ("у", "dat"), ("ом", "ins"), ("е", "pre")):
                out[name + ending] = (name, case)
    return out


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


@cache
def _person_patterns() -> tuple[re.Pattern[str], re.Pattern[str], _GivenName, re.Pattern[str]]:
    """(title before a name, apposition after a name, given name + surname, Russian title + name)."""
    t = _titles()
    titles = _alternation(t["titles"]["en"])
    mods = _alternation(t["modifiers"])
    nats = _alternation(t["nationalities"])
    name = rf"(?:{_INITIALS})?{_CAP}(?:\s+{_CAP}){{0,2}}"
    of_part = rf"(?:\s+(?:of|to|for|at|in)\s+(?:the\s+)?(?:[{_UP}][\w'’.-]*)(?:\s+(?:and\s+)?[{_UP}][\w'’.-]*)*)"
    role = (
        rf"(?:(?:{nats})(?:'s|’s)?\s+|(?:its|his|her|their|the|former)\s+)?"
        rf"(?:(?i:{mods})\s+){{0,4}}(?i:{titles})\b\.?{of_part}{{0,3}}"
    )
    before = re.compile(rf"(?<![\w'’-])(?P<role>{role})\s+(?P<name>{name})\b")
    ru_titles = _alternation(t["titles"]["ru"])
    ru_name = rf"(?:{_CYR_INITIALS})?{_CYR_CAP}(?:\s+{_CYR_CAP}){{0,1}}"
    ru_before = re.compile(
        rf"(?<![\w-])(?P<role>(?i:(?:{ru_titles})[а-яё]{{0,3}})(?:\s+[а-яё-]+(?:ого|ой|ых|ии|ки|ции|ства|ента|стра|ы)){{0,4}}"
        rf"(?:\s+(?:[А-ЯЁ]{{2,}}|[А-ЯЁ][а-яё]+(?:ии|ана|ции|ской)))"
        rf"{{0,2}})\s+(?P<name>{ru_name})\b"
    )
    appos = re.compile(
        rf"(?P<name>{_CAP}\s+{_CAP}(?:\s+{_CAP})?),\s+(?:the\s+|a\s+|an\s+)?"
        rf"(?P<role>(?:[\w'’-]+\s+){{0,4}}?(?i:{titles})\b[^,;.()\"“”]{{0,90}}?)(?=\s*[,;.)])"
    )
    return before, appos, _GivenName(), ru_before


class _GivenName:
    """A known given name and a surname, or any capitalised word before a surname of a typical
    shape of the region ("Zara Amiryan", "Saida Karimova", "Рамиль Азизов"); matched like a regex
    (group "name" for Latin script, "ru" for Cyrillic). The given name is looked up in a set rather
    than written into the pattern: an alternation of a thousand names is slow at every try."""

    def __init__(self) -> None:
        suffixes = _alternation(load_data("lexicons/first_names.json")["surname_endings"])
        self.first_names = _first_names()
        self.ru_first_names = frozenset(_ru_first_name_forms())
        self.latin_known = re.compile(rf"\b(?P<name>(?P<first>{_CAP})[ \t]+{_CAP}(?:[ \t]+{_CAP})?)\b")
        self.latin_shaped = re.compile(rf"\b(?P<name>{_CAP}[ \t]+[{_UP}][{_LOW}]+(?:{suffixes}))\b")
        self.ru_known = re.compile(rf"(?<![\w])(?P<ru>(?P<first>[А-ЯЁ][а-яё]+)[ \t]+{_CYR_CAP})(?![\w])")
        self.ru_shaped = re.compile(rf"(?<![\w])(?P<ru>[А-ЯЁ][а-яё]+[ \t]+[А-ЯЁ][а-яё]+(?i:{suffixes}))(?![\w])")
        # Armenian script: a surname in -յան, written without the article it may take ('Բաղդասարյանը')
        self.hy_shaped = re.compile(r"(?<![\w])(?P<name>[Ա-Ֆ][ա-և]+[ \t]+[Ա-Ֆ][ա-և]+(?<!ութ)յանց?)(?:ը|ն|ի)?(?![\w])")

    def match(self, text: str, pos: int, endpos: int) -> re.Match[str] | None:
        """The first of the four shapes that matches at `pos` (in that order)."""
        m = self.latin_known.match(text, pos, endpos)
        if m and (m.group("first") in self.first_names or m.group("first").split("-")[0] in self.first_names):
            return m
        m = self.latin_shaped.match(text, pos, endpos)
        if m:
            return m
        m = self.ru_known.match(text, pos, endpos)
        if m and m.group("first") in self.ru_first_names:
            return m
        return self.ru_shaped.match(text, pos, endpos) or self.hy_shaped.match(text, pos, endpos)


# --- organisations -----------------------------------------------------------------------------


@cache
def _org_patterns() -> tuple[re.Pattern[str], ...]:
    data = _org_data()
    heads = _alternation(data["heads"])
    word = rf"(?:[{_UP}][\w'’-]*|[A-Z]{{2,}})"
    sp = r"[ \t\u00a0]+"  # names never run over a line break
    link = rf"(?:{sp}(?:of|for|and|on|de|the|of{sp}the|for{sp}the|&){sp}|{sp})"
    tail = rf"(?:{sp}(?:of|for|on){sp}(?:the{sp})?{word}(?:(?:{sp}(?:and|&){sp}|{sp}(?:of|for){sp}(?:the{sp})?|{sp}){word}){{0,5}})?"
    # "and the" starts a second body ("Ministry of Internal Affairs and the State Border Service")
    ministry_of = re.compile(
        rf"\b(?:{_alternation(data['of_heads'])}){sp}of{sp}(?:the{sp})?{word}(?:(?:{sp}(?:and|&){sp}|{sp}(?:for|of){sp}(?:the{sp})?|{sp}){word})*"
    )
    x_ministry = re.compile(rf"\b(?:{word}(?:'s|’s)?{sp}){{1,3}}Ministry\b")
    headed = re.compile(rf"\b{word}(?:{link}{word}){{0,5}}{sp}(?:{heads})\b{tail}")
    credit = re.compile(r"(?<=\s)/\s?(?P<name>[A-Z][A-Za-z]{1,20}(?:\s[A-Z][A-Za-z]+)?)\b(?=\s*$)", re.M)
    quoted_heads = _alternation(data["quoted_heads"])
    quoted = re.compile(
        rf"[\"“«](?P<name>(?:[\w-]+\s+){{0,4}}(?:{quoted_heads})(?:\s+(?:for|of|on)\s+[\w-]+(?:\s+[\w-]+){{0,3}})?)[.,]?[\"”»]"
    )
    ru_heads = _alternation(data["ru_heads"])
    # the owner: a country, or an acronym ("МЧС России", "непризнанной НКР"), then "по делам беженцев"
    ru_owner = (
        r"(?:[ \t]+(?:России|РФ|Российской[ \t]+Федерации|Армении|Азербайджана|Турции|Ирана|Грузии|Нагорного[ \t]+Карабаха|Арцаха"
        r"|[А-ЯЁ]{2,6}(?![\w-])(?:[ \t]+(?:России|РФ|Армении|Азербайджана))?)"
        r"(?:[ \t]+по[ \t]+делам[ \t]+[а-яё]+)?)"
    )
    ru_city_heads = _alternation(data["ru_city_heads"])
    ru_adj = r"(?:ого|ый|ая|ой|ое|ий|ей|ую|ых|ым)"
    ru_genitives = r"(?:ым|ой|ого|им|ам|ами|ях|ий|ия|ии|ов|ей|ых|ям|ию|ства|ций|ции|ний|ния|ны|ры|ты|ки|ти)"
    ru_tail = rf"(?:{ru_owner}|(?:[ \t]+(?:по|при|с)[ \t]+)?(?:[ \t]+[а-яё]+{ru_genitives}(?![а-яё])){{1,3}}{ru_owner}?)"
    ru_body = re.compile(
        rf"(?<![\w-])(?:[А-ЯЁа-яё]+(?:ого|ый|ая|ой|ое|ий|ей)[ \t]+)?(?i:{ru_heads})[а-яё]{{0,3}}{ru_tail}"
        # a capitalised adjective, then up to two more, before the head: "Государственной пограничной службы"
        rf"|(?<![\w-])[А-ЯЁ][а-яё]+{ru_adj}(?:[ \t]+[а-яё]+{ru_adj}){{0,2}}[ \t]+(?i:{ru_heads})[а-яё]{{0,3}}(?:{ru_tail})?(?![\w-])"
        # a national adjective before the head says whose it is: "российского Минобороны"
        rf"|(?<![\w-])(?i:российск|армянск|азербайджанск|турецк|иранск|грузинск)[а-яё]{{1,3}}[ \t]+(?i:{ru_heads})[а-яё]{{0,3}}(?![\w-])"
        # a city's own body: "мэрии Гориса", "администрация Лачина"
        rf"|(?<![\w-])(?i:{ru_city_heads})[ \t]+[А-ЯЁ][а-яё]+(?:-[А-ЯЁ]?[а-яё]+)?(?![\w-])"
    )
    place_body = re.compile(rf"\b(?P<name>{_CAP}(?:[ \t]{_CAP})?[ \t]+(?:{_alternation(data['place_bodies'])}))\b")
    return ministry_of, x_ministry, headed, credit, quoted, ru_body, place_body


# "(Reuters) -" after a dateline: the outlet credited
_WIRE_CREDIT = re.compile(r"\((?P<name>[A-Z][\w.'’&-]*(?:[ \t][A-Z][\w.'’&-]*){0,3})\)[ \t]*[-–—]")
# "the HALO Trust (HALO)", "Детский фонд ООН (ЮНИСЕФ)": a name and the acronym it defines
_ACRONYM_DEF = re.compile(
    r"(?P<long>(?:[A-ZА-ЯЁ][\w'’-]*[ \t]+(?:(?:of|for|and|the|on|in|по|при|и|де)[ \t]+)*){1,8}[A-ZА-ЯЁ]?[\w'’-]+)[ \t]*\((?P<acr>[A-ZА-ЯЁ][A-ZА-ЯЁa-z]{1,7})\)"
)


_ACRONYM_PARENS = re.compile(r"\([A-ZА-ЯЁ][A-ZА-ЯЁa-z]{1,7}\)")


@cache
def _head_words() -> frozenset[str]:
    """Lower-case last words of the English head nouns ("centre", "office")."""
    return frozenset(h.split()[-1].lower() for h in _org_data()["heads"])


@cache
def _of_head_words() -> frozenset[str]:
    """Lower-case heads of "X of the Y" names ("ministry", "office")."""
    return frozenset(h.lower() for h in _org_data()["of_heads"])


@cache
def _place_body_words() -> frozenset[str]:
    """Lower-case first words of the bodies named after a place ("municipality", "city")."""
    return frozenset(b.split()[0].lower() for b in _org_data()["place_bodies"])


def _windows_of(text: str, offsets: list[int], before: int, after: int) -> list[tuple[int, int]]:
    """Merged stretches of text around sorted offsets."""
    out: list[tuple[int, int]] = []
    for pos in offsets:
        lo, hi = max(0, pos - before), min(len(text), pos + after)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _initials_fit(long: str, acr: str) -> bool:
    """Whether the acronym's letters are, in order, initials of the name's words ("Humanitarian
    Country Team" HCT, "International Committee of the Red Cross" ICRC)."""
    initials = "".join(w[0] for w in re.findall(r"[\w'’]+", long) if w[0].isupper())
    letters = [c for c in acr if c.isupper()]
    i = 0
    for ch in initials:
        if i < len(letters) and ch == letters[i]:
            i += 1
    return len(letters) >= 2 and i == len(letters)


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    name: str
    key: str | None
    rule: str


def find_organisations(ctx: Context) -> list[_Found]:
    """Organisation names in the text, non-overlapping, in text order."""
    text = source_text(ctx)
    found: list[_Found] = []
    for hit in org_index().find(text, tokens(text)):
        found.append(_Found(hit.start, hit.end, ctx.text[hit.start : hit.end], hit.phrase.key, "lexicon"))
    ministry_of, x_ministry, headed, credit, quoted, ru_body, place_body = _org_patterns()
    not_names = frozenset(_org_data()["not_names"])
    toks, index = tokens(text), word_index(text)
    # each pattern is tried only where it can start: at or before a head word the document has
    heads_here = _cue_words(text)[_RU_HEAD]
    ru_starts = {toks[j].start for i in _indexes(index, heads_here) for j in range(max(0, i - 3), i + 1)}
    for m in _match_from(ru_body, text, [(0, len(text))], sorted(ru_starts)):
        if m.group().endswith(("ведомства", "ведомств")) or re.fullmatch(r"[а-яё-]+\s+министерства", m.group()):
            continue  # "пресс-служба ведомства", "в пресс-службе министерства": refers back, names no body
        found.append(_Found(m.start(), m.end(), ctx.text[m.start() : m.end()], None, "ru_body"))
    head_starts = sorted(
        {toks[j].start for i in _indexes(index, _head_words()) for j in range(max(0, i - 20), i) if text[toks[j].start].isupper()}
    )
    ministries = [i for i in index.get("ministry", ()) if text[toks[i].start] == "M"]
    ministry_starts = sorted({toks[j].start for i in ministries for j in range(max(0, i - 6), i) if text[toks[j].start].isupper()})
    for rule, pattern, starts in (
        ("ministry_of", ministry_of, [toks[i].start for i in _indexes(index, _of_head_words()) if text[toks[i].start].isupper()]),
        ("x_ministry", x_ministry, ministry_starts),
        ("headed", headed, head_starts),
    ):
        for m in _match_from(pattern, text, [(0, len(text))], starts):
            start, end = _trim_leading(text, m.start(), m.end(), not_names)
            if end - start < 4 or " " not in text[start:end].strip() or "  " in text[start:end]:
                continue  # a double space: a run of menu items ("Home  Politics  Society"), not a name
            found.append(_Found(start, end, ctx.text[start:end], None, rule))
    if "(" in text:
        for m in _WIRE_CREDIT.finditer(text):
            name = m.group("name")
            if not any(ch.isdigit() for ch in name) and name.split()[0] not in not_names:
                found.append(_Found(m.start("name"), m.end("name"), name, None, "wire_credit"))
        defined = _windows_of(text, [m.start() for m in _ACRONYM_PARENS.finditer(text)], 300, 12)
        for m in _finditer(_ACRONYM_DEF, text, defined):
            acr = m.group("acr")
            start = m.start("long")
            while True:  # drop sentence openers before the name: "The", "In", ...
                first = re.match(r"[\w'’]+[ \t]+", text[start : m.end("long")])
                if not first or first.group().split()[0] not in not_names:
                    break
                start += first.end()
            if _initials_fit(text[start : m.end("long")], acr):
                found.append(_Found(m.start("acr"), m.end("acr"), acr, None, "acronym"))
                found.append(_Found(start, m.end("long"), ctx.text[start : m.end("long")], None, "acronym_definition"))
    place_words = {w.lower() for p in ctx.places for w in p.name.split()}
    body_starts = sorted(
        {toks[j].start for i in _indexes(index, _place_body_words()) for j in range(max(0, i - 4), i) if text[toks[j].start].isupper()}
    )
    for m in _match_from(place_body, text, [(0, len(text))], body_starts):
        # "Kapan municipality": the body of a place the document names
        first = m.group("name").split()[0]
        if first.lower() in place_words and first not in not_names:
            found.append(_Found(m.start("name"), m.end("name"), ctx.text[m.start("name") : m.end("name")], None, "place_body"))
    for m in credit.finditer(text) if "/" in text else ():
        if _person_credit(m.group("name")):
            continue  # "Photo: Outlet / Hasmik Avanesyan": the photographer, a person
        if not text[m.start() - 1 : m.start()].strip() and "@" not in m.group("name"):
            found.append(_Found(m.start("name"), m.end("name"), m.group("name"), None, "photo_credit"))
    for m in quoted.finditer(text):
        found.append(_Found(m.start("name"), m.end("name"), m.group("name"), None, "quoted_name"))
    if _AZERBAIJANI_HEAD_CUE.search(text):
        for m in _AZERBAIJANI_BODY.finditer(text):
            start, end = _trim_leading(text, m.start(), m.end(), not_names)
            found.append(_Found(start, end, ctx.text[start:end], None, "az_body"))
    if _ARMENIAN_HEAD_CUE.search(text):
        for m in _ARMENIAN_BODY.finditer(text):
            found.append(_Found(m.start(), m.end(), ctx.text[m.start() : m.end()], None, "hy_body"))
    if ctx.info.source:
        # "Bulletin (unofficial English translation)": the outlet without the note after it
        for part in re.split(r"\s*/\s*", re.sub(r"\s*\([^)]*\)\s*$", "", ctx.info.source)):
            pos = text.find(part) if part else -1
            if pos >= 0:
                found.append(_Found(pos, pos + len(part), part, None, "source"))
    return _longest_first(found, ctx)


# an Azerbaijani body: capitalised words ending in a head noun in any case ('Fövqəladə Hallar
# Nazirliyinin', 'Minalardan Təmizləmə Agentliyi')
_AZERBAIJANI_HEADS = r"(?:Nazirliy|Agentliy|Xidmət|Komitə|Mərkəz|Təşkilat|İdarə|Şura)"
_AZERBAIJANI_HEAD_CUE = re.compile(_AZERBAIJANI_HEADS)
_AZERBAIJANI_BODY = re.compile(
    rf"(?<![\w-])(?:[A-ZƏÇŞĞÖÜİ][\wəçşğöüı]+[ \t]+){{1,6}}{_AZERBAIJANI_HEADS}[\wəçşğöüı]*(?![\w-])"
)
# an Armenian body: an owner in the genitive ('Հայաստանի', 'Արցախի Հանրապետության'), up to four
# words of its field, and a head noun in any case ('նախարարությունը', 'ծառայությունից')
_ARMENIAN_HEADS = r"(?:նախարարություն|ծառայություն|կոմիտե|կենտրոն|գրասենյակ|վարչություն|գործակալություն|տեսչություն)"
_ARMENIAN_HEAD_CUE = re.compile(_ARMENIAN_HEADS)
_ARMENIAN_BODY = re.compile(
    rf"(?<![\w-])[Ա-Ֆ][ա-և]+ի(?:[ \t]+[Ա-Ֆ][ա-և]+(?:յան|ության))?(?:[ \t]+[ա-և]+){{0,4}}?[ \t]+{_ARMENIAN_HEADS}(?!ն?եր)[ա-և]{{0,4}}(?![\w-])"  # not a plural ('կենտրոններ')
)


def _person_credit(name: str) -> bool:
    """Whether a credit after a slash names a person (a known given name, or two words the second
    of which has a surname ending)."""
    words = name.split()
    ends = _prefilter_sets()[2]
    return len(words) == 2 and (words[0] in _all_first_names() or words[1].lower().endswith(ends))


def _trim_leading(text: str, start: int, end: int, not_names: frozenset[str]) -> tuple[int, int]:
    """Drop sentence openers, possessive owners and "Staff of the" before an organisation name:
    "An Interdepartmental ... Center" -> "Interdepartmental ... Center"."""
    while True:
        m = re.match(r"([\w]+)(?:'s|’s)?(?:[ \t\u00a0]+of(?:[ \t\u00a0]+the)?)?[ \t\u00a0]+", text[start:end])
        if not m or (m.group(1) not in not_names and not m.group(0).rstrip().endswith(("'s", "’s"))):
            return start, end
        start += m.end()


def _longest_first(found: list[_Found], ctx: Context) -> list[_Found]:
    """Non-overlapping names, longer ones winning, that are not place names."""
    place_spans = {m.span for m in ctx.places}
    found.sort(key=lambda f: (-(f.end - f.start), f.start))
    taken: list[_Found] = []
    for f in found:
        if (f.start, f.end) in place_spans:
            continue
        if any(f.start < t.end and t.start < f.end for t in taken):
            continue
        taken.append(f)
    taken.sort(key=lambda f: f.start)
    return taken


# --- people -------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Person:
    name: str
    role: str | None
    start: int
    end: int
    rule: str


def find_people(ctx: Context, org_spans: list[tuple[int, int]]) -> list[_Person]:
    """Person mentions (full or titled names) in text order; may repeat a person."""
    text = source_text(ctx)
    org_names = {text[s:e].lower() for s, e in org_spans}
    before, appos, given, ru_before = _person_patterns()
    doc_places, gazetteer_words = {m.name.lower() for m in ctx.places}, _gazetteer_words()
    out: list[_Person] = []

    def is_place(word: str) -> bool:
        low = word.lower()
        return low in doc_places or low in gazetteer_words

    def add(name: str, role: str | None, start: int, rule: str) -> None:
        words = name.split()
        if any(w in _not_name_words() or (is_place(w) and not (i == 0 and w in first_names)) for i, w in enumerate(words)):
            # keep the part after an excluded word ("President Vladimir Putin" matched from "Prime")
            return
        end = start + len(name)
        if name.lower() in org_names or any(s <= start < e or s < end <= e for s, e in org_spans):
            return
        out.append(_Person(name, role, start, end, rule))

    toks = tokens(text)
    index = word_index(text)
    title_words = _prefilter_sets()[0]
    first_names = _all_first_names()
    # the person patterns are tried only where they can start, near a title word or a name-like
    # word found in the document's word index: the regexes are costly where they start at every
    # position, dictionary lookups are cheap
    near_title = _windows(toks, _indexes(index, title_words), 40, 120)
    ru_title_hits = _indexes(index, _cue_words(text)[_RU_TITLE])
    near_ru_title = _windows(toks, ru_title_hits, 10, 200)
    role_starts = [toks[i].start for i in _indexes(index, _role_start_words())]
    name_starts = _name_starts(text, toks, index)
    for m in _match_from(before, text, near_title, role_starts):
        name, role = m.group("name"), m.group("role")
        tail = role.rsplit(None, 1)
        swallowed = (
            len(tail) == 2
            and len(name.split()) == 1
            and tail[1][:1].isupper()
            and tail[0].rsplit(None, 1)[-1][:1].isupper()
            and tail[1].lower() not in title_words
            and tail[1] not in _not_name_words()
            and not is_place(tail[1])
        )
        if len(tail) == 2 and (tail[1] in _first_names() or swallowed):
            # "President of Russia Vladimir Putin", "Representative in Armenia Kavita Belani": the
            # of-part swallowed the given name (after a place, a capitalised word starts the name)
            name, role = f"{tail[1]} {name}", tail[0]
        words = name.split()
        # "Minister of Defense of the Russian Federation" must not yield a one-word person
        if len(words) == 1 and not _looks_like_surname(words[0]):
            continue
        between = text[m.end("role") : m.start("name")]
        if "\n" in between or (role.endswith(".") and len(role.rsplit(None, 1)[-1]) > 5):
            continue  # "... the co-chairs.\n\nWithin hours": a sentence ended after the title
        last_role = role.rsplit(None, 1)[-1]
        if len(words) == 1 and last_role[:1].isupper() and last_role.lower() not in title_words:
            continue  # "a spokesperson in New York": the one word ends a longer proper name

        add(name, _clean_role(role), m.end("name") - len(name), "title")
    for m in appos.finditer(text):
        add(m.group("name"), _clean_role(m.group("role")), m.start("name"), "apposition")
    given_names = _all_first_names()

    def given_first(m: re.Match[str]) -> bool:
        # "Азербайджана Эльчин Гулиев", "Armenia Anahit Sargsyan": when the second word is a known
        # given name, the name starts there
        words = m.group(0).split()
        return words[0] in given_names or len(words) < 2 or words[1] not in given_names

    for m in _match_from(given, text, [(0, len(text))], name_starts, given_first):
        if "name" in m.re.groupindex:
            add(m.group("name"), None, m.start("name"), "given_name")
        else:
            add(_ru_nominative(m.group("ru")), None, m.start("ru"), "given_name")
    # a title starts at its cue word, or at the word before a hyphen ("пресс-секретарь", "генерал-майор")
    ru_title_starts = sorted(
        {toks[j].start for i in ru_title_hits for j in (i - 1, i) if j == i or (j >= 0 and text[toks[j].end : toks[i].start] == "-")}
    )
    for m in _match_from(ru_before, text, near_ru_title, ru_title_starts):
        name, role = m.group("name"), m.group("role")
        tail = role.rsplit(None, 1)
        if len(tail) == 2 and tail[1] in _ru_first_name_forms():
            name, role = f"{tail[1]} {name}", tail[0]
        if len(_name_words(name)) < 2:
            continue  # "лидеры России": a lone capitalised word after a title is rarely a person
        add(_ru_nominative(name), _clean_role(role), m.end("name") - len(name), "title")
    if _AGE_CUE.search(text):
        for m in _AGED.finditer(text):
            name = m.group("name") or m.group("name2")
            if name in given_names:
                add(name, m.group("age") or m.group("age2"), m.start("name") if m.group("name") else m.start("name2"), "aged")
        # a full name with an age in commas is a person whatever the given name: "Elif Kaya, 34, runs"
        for m in _aged_full_name().finditer(text):
            if not any(p.start <= m.start("name") < p.end for p in out):
                add(m.group("name"), m.group("age"), m.start("name"), "aged")
    if "said " in text or "says " in text or "added " in text:
        # '," said Ruth Okafor, who heads ...': a full name after the verb of a quotation
        for m in _match_from(_SAID_NAME, text, [(0, len(text))], [toks[i].start for i in _indexes(index, ("said", "says", "added"))]):
            if not any(p.start <= m.start("name") < p.end for p in out):
                add(m.group("name"), None, m.start("name"), "said_name")
    if _KIN_CUE.search(text):
        # "His wife, Gayane, nodded", "her neighbour Vardan": a relative named by the given name
        for m in _kin_named().finditer(text):
            if m.group("name") in given_names and not any(p.start <= m.start("name") < p.end for p in out):
                add(m.group("name"), m.group("kin"), m.start("name"), "kin")
    credits = _credit_spans(text)
    if credits:
        out = [p for p in out if not any(s <= p.start < e for s, e in credits)]
    out = [p for p in out if _person_shaped(p.name)]
    out.sort(key=lambda p: p.start)
    return out


# reporting, editing, photo and interviewer credits and press contact lines name staff, not people of
# the story ("(Reporting by X; Editing by Y)", "Photo: Outlet / X", "Беседовала X", "X, ICRC Baku, tel: ...")
_CREDIT = re.compile(
    r"\b(?:[Rr]eporting|[Ee]diting|[Ww]riting|[Aa]dditional reporting|[Cc]ompiled|[Pp]hotos?|[Tt]ext|[Ii]nterview(?:ed)?)"
    r"(?:\s+by|:)[^\n]{0,120}"
    r"|(?<![\w-])(?:Беседовал[аи]?|Записал[аи]?|Фото|Текст|Автор|Подготовил[аи]?)[:\s][^\n]{0,80}"
)
# a press contact line ("X, ICRC Baku, tel: ..."): the whole line when the cue is near its start
_CONTACT = re.compile(r"\b(?:tel|Tel|phone|Phone|тел)\.?:")


_CREDIT_CUES = (
    "reporting", "editing", "writing", "additional", "compiled", "photo", "text", "interview",
    "беседовал", "записал", "фото", "текст", "автор", "подготовил",
)  # fmt: skip


def _credit_spans(text: str) -> list[tuple[int, int]]:
    toks, index = tokens(text), word_index(text)
    cues = sorted(toks[i].start for i in _indexes(index, _cue_words(text)[_CREDIT_CUE]))
    spans = [m.span() for m in _match_from(_CREDIT, text, [(0, len(text))], cues)]
    contact_starts = [toks[i].start for i in _indexes(index, ("tel", "phone", "тел"))]
    for m in _match_from(_CONTACT, text, [(0, len(text))], contact_starts):
        line = text.rfind("\n", 0, m.start()) + 1
        if m.start() - line <= 80:
            end = text.find("\n", m.end())
            spans.append((line, len(text) if end < 0 else end))
    return spans


_KIN_CUE = re.compile(r"(?i)\b(?:wife|husband|son|daughter|mother|father|neighbou?r|brother|sister|grand(?:son|daughter|mother|father))\b")


@cache
def _kin_named() -> re.Pattern[str]:
    kin = r"wife|husband|son|daughter|mother|father|neighbou?r|brother|sister|grand(?:son|daughter|mother|father)"
    return re.compile(rf"(?i:\b(?:his|her|their|my|\w+'s|\w+’s)\s+(?P<kin>{kin}))(?:,)?[ \t]+(?P<name>[{_UP}][{_LOW}]+)(?=[,.;:]|[ \t]+[a-z])")


_SAID_NAME = re.compile(rf"(?:said|says|added)[ \t]+(?P<name>{_CAP}[ \t]+{_CAP})(?=[ \t]*[,.;]|[ \t]+(?:on|in|at|who)\b)")


@cache
def _aged_full_name() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'’-])(?P<name>{_CAP}[ \t]+{_CAP}),[ \t]+(?P<age>\d{{1,3}}),")


_AGE_CUE = re.compile(r"\d[-‑–](?:летн|year-old)|, \d{1,3},")
# a person given by first name with an age: "63-летняя Анаит", "a 70-year-old Lusine", "Anahit, 63,"
_AGED = re.compile(
    r"(?P<age>\b\d{1,3}[-‑–](?:летн(?:ий|яя|его|ей|юю|им)|year-old))[ \t]+(?P<name>[A-ZА-ЯЁ][a-zа-яё]+)\b"
    r"|\b(?P<name2>[A-ZА-ЯЁ][a-zа-яё]+),[ \t]+(?P<age2>\d{1,3}),"
)


_PATRONYMIC = re.compile(r"^(?:[А-ЯЁ][а-яё]+(?:ович|евич|ич|овна|евна|ична|инична)|[A-Z][a-z]+(?:ovich|evich|ovna|evna))$")
# Azerbaijani/Turkish case endings on a capitalised word ("Agentliyinin") are not surname endings
_AZ_CASE = ("inin", "ının", "unun", "ünün", "nın", "nin", "ında", "ində", "dan", "dən")


def _person_shaped(name: str) -> bool:
    words = name.split()
    if not words:
        return False
    first, last = words[0], words[-1]
    if first in _titles_nationalities():
        return False  # "Albanian Christian", "Armenian Ivanov": an adjective, not a given name
    if first not in _first_names() and len(words) >= 2:
        if last.endswith(_AZ_CASE):
            return False
        if len(first) > 5 and first.endswith(("ian", "ean", "ese", "ish", "ic")):
            return False  # "Albanian Christian", "Caucasian Armenian": adjectives of origin
    return True


@cache
def _titles_nationalities() -> frozenset[str]:
    return frozenset(_titles()["nationalities"])


@cache
def _prefilter_sets() -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    """(lower-case words of English titles, 6-letter stems of Russian titles, surname endings)."""
    t = _titles()
    words = {w.lower() for title in t["titles"]["en"] for w in re.findall(r"[^\W\d_]+", title)}
    stems = {title.lower()[:6] for title in t["titles"]["ru"]}
    stems |= {w.lower()[:6] for title in t["titles"]["ru"] for w in title.split()}
    ends = tuple(e.lower() for e in load_data("lexicons/first_names.json")["surname_endings"])
    return frozenset(words), frozenset(stems), ends


@cache
def _all_first_names() -> frozenset[str]:
    """Given names as written, English and Russian, Russian ones in every case."""
    return _first_names() | frozenset(_ru_first_name_forms())


@cache
def _first_name_words() -> frozenset[str]:
    """The first word (lower case) of every given name in every form."""
    return frozenset(m.group().lower() for n in _all_first_names() if (m := WORD_RE.search(n)))


@cache
def _role_start_words() -> frozenset[str]:
    """Lower-case words with which a title before a name may begin ("Russian", "the", "deputy",
    "president"): the only places where the title pattern is tried."""
    t = _titles()
    phrases = [*t["titles"]["en"], *t["modifiers"], *t["nationalities"], "its", "his", "her", "their", "the", "former"]
    return frozenset(m.group().lower() for p in phrases if (m := WORD_RE.search(p)))


def _indexes(index: dict[str, list[int]], words: Iterable[str]) -> list[int]:
    """Sorted token indexes of the document's occurrences of `words` (lower case)."""
    out: list[int] = []
    for w in words:
        hits = index.get(w)
        if hits:
            out.extend(hits)
    out.sort()
    return out


# what a word may cue (bits), remembered across documents: most words cue nothing, and one
# dictionary lookup per distinct word replaces five prefix and suffix tests
_GIVEN, _SURNAME, _RU_HEAD, _CREDIT_CUE, _RU_TITLE = 1, 2, 4, 8, 16
_CUE_CACHE: dict[str, int] = {}
_CUE_CACHE_SIZE = 200_000


def _cue_of(word: str) -> int:
    _, ru_title_stems, surname_ends = _prefilter_sets()
    cue = 0
    if word in _first_name_words():
        cue |= _GIVEN
    if word.endswith(surname_ends):
        cue |= _SURNAME
    if word.startswith(_ru_head_prefixes()):
        cue |= _RU_HEAD
    if word.startswith(_CREDIT_CUES):
        cue |= _CREDIT_CUE
    if word[:6] in ru_title_stems:
        cue |= _RU_TITLE
    return cue


def _cue_words(text: str) -> dict[int, list[str]]:
    """The document's distinct words (lower case) by the cue they give."""
    return _cue_words_of(text)


@lru_cache(maxsize=4)
def _cue_words_of(text: str) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {_GIVEN: [], _SURNAME: [], _RU_HEAD: [], _CREDIT_CUE: [], _RU_TITLE: []}
    cache = _CUE_CACHE
    for word in word_index(text):
        cue = cache.get(word)
        if cue is None:
            if len(cache) >= _CUE_CACHE_SIZE:
                cache.clear()
            cue = cache[word] = _cue_of(word)
        if cue:
            for bit, words in out.items():
                if cue & bit:
                    words.append(word)
    return out


@cache
def _ru_head_prefixes() -> tuple[str, ...]:
    return tuple(_org_data()["ru_heads"]) + tuple(_org_data()["ru_city_heads"])


def _name_starts(text: str, toks: list[Tok], index: dict[str, list[int]]) -> list[int]:
    """Offsets where a 'given name + surname' may start: at a capitalised given name, or up to four
    words before a capitalised word with a surname ending."""
    cues = _cue_words(text)
    starts: set[int] = set()
    for word in cues[_GIVEN]:
        # not the second half of a hyphenated or apostrophised name ("Jean-Pierre", "D'Artagnan")
        starts.update(
            toks[i].start for i in index[word] if text[toks[i].start].isupper() and (toks[i].start == 0 or text[toks[i].start - 1] not in "-'’‐")
        )
    for word in cues[_SURNAME]:
        for i in index[word]:
            if text[toks[i].start].isupper():
                starts.update(toks[j].start for j in range(max(0, i - 4), i))
    return sorted(starts)


def _match_from(
    pattern: re.Pattern[str] | _GivenName,
    text: str,
    windows: list[tuple[int, int]],
    starts: list[int],
    accept: Callable[[re.Match[str]], bool] | None = None,
) -> Iterator[re.Match[str]]:
    """What pattern.finditer over the windows finds, for a pattern that can only match from one of
    `starts` (sorted offsets): matches tried there only, left to right, never overlapping; a match
    that `accept` refuses is passed over (a later start may match instead)."""
    for lo, hi in windows:
        while lo > 0 and text[lo - 1].isalnum():
            lo -= 1
        hi = min(hi, len(text))
        last = lo
        for k in range(bisect_left(starts, lo), len(starts)):
            pos = starts[k]
            if pos >= hi:
                break
            if pos < last:
                continue
            m = pattern.match(text, pos, hi)
            if m and (accept is None or accept(m)):
                last = max(m.end(), pos + 1)
                yield m


def _windows(toks: list[Tok], hits: list[int], before: int, after: int) -> list[tuple[int, int]]:
    """Merged stretches of text around the tokens of sorted indexes `hits`."""
    out: list[tuple[int, int]] = []
    for i in hits:
        t = toks[i]
        lo, hi = max(0, t.start - before), t.end + after
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _finditer(pattern: re.Pattern[str], text: str, windows: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """pattern.finditer over the windows only (a match may not cross a window's end)."""
    for lo, hi in windows:
        # start at a word boundary so that a window never begins inside a word
        while lo > 0 and text[lo - 1].isalnum():
            lo -= 1
        yield from pattern.finditer(text, lo, min(hi, len(text)))


@cache
def _gazetteer_words() -> frozenset[str]:
    """Every single-word place name (lower case), which is never taken as part of a person name."""
    from .places import gazetteer

    words: set[str] = set()
    for entry in gazetteer().values():
        for names in entry["names"].values():
            words |= {n.lower() for n in names if " " not in n}
    return frozenset(words)


def _looks_like_surname(word: str) -> bool:
    return word not in _not_name_words() and len(word) > 2


def _clean_role(role: str) -> str | None:
    role = re.sub(r"^(?:its|his|her|their|the)\s+", "", role.strip(), flags=re.I).strip(" ,")
    return role or None


_RU_SURNAME_UNDO = {
    "gen": (("ого", "ий"), ("ова", "ов"), ("ева", "ев"), ("ёва", "ёв"), ("ина", "ин"), ("ына", "ын"), ("а", "")),
    "dat": (("ому", "ий"), ("ову", "ов"), ("еву", "ев"), ("ину", "ин"), ("у", "")),
    "ins": (("ым", ""), ("им", "ий"), ("ом", ""), ("ем", "")),
    "pre": (("ом", "ий"), ("е", "")),
    # feminine: Захаровой, Ивановой, Лавровской -> Захарова, Иванова, Лавровская (Мкртчян does not decline)
    "fem": (("овой", "ова"), ("евой", "ева"), ("ёвой", "ёва"), ("иной", "ина"), ("ыной", "ына"), ("ской", "ская"), ("цкой", "цкая")),
    "fem_acc": (("ову", "ова"), ("еву", "ева"), ("ёву", "ёва"), ("ину", "ина"), ("ыну", "ына"), ("скую", "ская"), ("цкую", "цкая")),
}


def _ru_nominative(name: str) -> str:
    """ "Владимира Путина" -> "Владимир Путин": the case of a known given name tells which ending
    to take off the surname (Armenian -ян and Russian -ов/-ин surnames decline like nouns)."""
    words = name.split()
    if len(words) < 2:
        return name
    nominative, case = _ru_first_name_forms().get(words[0], (words[0], ""))
    if not case:
        return name
    surname = words[-1]
    for ending, replacement in _RU_SURNAME_UNDO[case]:
        if surname.endswith(ending) and len(surname) - len(ending) >= 3:
            surname = surname[: len(surname) - len(ending)] + replacement
            break
    return " ".join([nominative, *words[1:-1], surname])


def merge_people(found: list[_Person]) -> list[PersonMention]:
    """One PersonMention per person: surnames and initials resolve to the full name written
    elsewhere in the document; the first role given wins."""
    # "Сергей Николаевич" (given name + patronymic, the polite address) is the person written in full
    # elsewhere ("Сергей Котов"); alone it names no one new
    fulls = [p for p in found if len(p.name.split()) >= 2 and not _PATRONYMIC.match(p.name.split()[-1])]
    kept: list[_Person] = []
    for p in found:
        words = p.name.split()
        if len(words) == 2 and _PATRONYMIC.match(words[1]):
            target = next((f for f in fulls if f.name.split()[0] == words[0]), None)
            if target is not None and p.role and not target.role:
                kept.append(_Person(target.name, p.role, target.start, target.end, target.rule))
            continue
        kept.append(p)
    found = kept
    full: dict[str, _Person] = {}
    roles: dict[str, str] = {}
    order: list[str] = []
    for p in found:
        if len(_name_words(p.name)) >= 2:
            key = p.name
            if key not in full:
                full[key] = p
                order.append(key)
            if p.role and key not in roles:
                roles[key] = p.role
    by_surname = {_name_words(k)[-1]: k for k in reversed(order)}
    singles: dict[str, _Person] = {}
    for p in found:
        words = _name_words(p.name)
        if len(words) >= 2 and p.name in full:
            continue
        target = by_surname.get(words[-1]) or by_surname.get(words[-1][:-1]) if words else None
        if target:
            if p.role and target not in roles:
                roles[target] = p.role
        elif (p.role or p.rule == "aged") and words and p.name not in singles:
            singles[p.name] = p
    people = [
        PersonMention(
            name=k,
            role=roles.get(k),
            span=(full[k].start, full[k].end),
            provenance=Provenance(STAGE, VERSION, full[k].rule, 0.8),
        )
        for k in order
    ]
    for name, p in singles.items():
        people.append(PersonMention(name=name, role=p.role, span=(p.start, p.end), provenance=Provenance(STAGE, VERSION, p.rule, 0.6)))
    people.sort(key=lambda pm: pm.span[0])
    return people


def _name_words(name: str) -> list[str]:
    return [w for w in re.split(r"[\s.]+", name) if len(w) > 1]


def surname_map(people: list[PersonMention]) -> dict[str, str]:
    """Surname (and the full name itself, lower case) -> full name of the person."""
    out: dict[str, str] = {}
    for p in people:
        words = _name_words(p.name)
        if not words:
            continue
        out.setdefault(words[-1].lower(), p.name)
        out[p.name.lower()] = p.name
    return out


# --- the stage ----------------------------------------------------------------------------------


def run(ctx: Context) -> None:
    """Add ctx.organizations and ctx.people."""
    orgs = find_organisations(ctx)
    seen: set[str] = set()
    for f in orgs:
        ident = f.name.lower()
        if ident in seen:
            continue
        seen.add(ident)
        ctx.organizations.append(
            Mention(name=f.name, span=(f.start, f.end), key=f.key, provenance=Provenance(STAGE, VERSION, f.rule, 0.8))
        )
    found = find_people(ctx, [(f.start, f.end) for f in orgs])
    ctx.people.extend(merge_people(found))
