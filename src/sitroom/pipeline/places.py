"""The places stage: names of the gazetteer found in the text, in every script and (Russian,
Armenian, Azerbaijani) grammatical case, kept only where the text uses them as places.

Needs: ctx.clean (or ctx.text). Adds: ctx.places, one Mention per distinct name (first use as a
place), key = gazetteer id.

A country name is a place only with a cue of place ("to Armenia", "in Russia", a caption location
"RUSSIA -"); otherwise it names a party ("thanked Russia", "Armenia and Azerbaijan have agreed").
Any name is dropped where it is part of a compound ("Azerbaijani-Karabakh"), of an organisation or
polity name ("Noginsk Rescue Center", "Nagorno-Karabakh Republic") or used attributively
("Karabakh Armenians", "Karabakh conflict").
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache

from .context import Context
from .lexicons import HYPHENS, Hit, PhraseIndex, Tok, load_data, source_text, tokens, word_forms
from .schema import Mention, Provenance

STAGE = "places"
VERSION = "1"


@cache
def _rules() -> dict[str, frozenset[str]]:
    """The cue word lists (data/lexicons/place_cues.json) as sets."""
    data = load_data("lexicons/place_cues.json")
    return {k: frozenset(w.lower() for w in v) for k, v in data.items() if not k.startswith("_")}


@cache
def gazetteer() -> dict[str, dict]:
    """The gazetteer by id, with the places abroad that reports name as venues (Geneva, ...)."""
    entries = [*load_data("gazetteer.json"), *load_data("lexicons/places_abroad.json")["places"]]
    return {entry["id"]: entry for entry in entries}


@cache
def place_index() -> PhraseIndex:
    """One index over every name of every place, all languages and their case forms."""
    phrases = []
    for pid, entry in gazetteer().items():
        for lang, names in entry.get("names", {}).items():
            for name in names:
                phrase = PhraseIndex.make(name, pid, lang=lang)
                if phrase is not None:
                    phrases.append(phrase)
    return PhraseIndex(phrases)


def run(ctx: Context) -> None:
    """Add to ctx.places one Mention per distinct place name used as a place."""
    text = source_text(ctx)
    seen: dict[tuple[str, str], int] = {}
    first_spelling: dict[tuple[str, str], str] = {}
    names_of: dict[str, list[str]] = {}  # gazetteer id -> lower-cased names listed so far
    adjectives = _adjective_lists(text)
    teasers = _teaser_spans(ctx.text)
    hits = place_hits(text)
    towns = {hit.phrase.key for hit, is_place in hits if is_place}
    for hit, is_place in hits:
        if is_place and _district_of_named_town(hit, towns):
            continue  # "Kəlbəcər, 6 oktyabr ... Kəlbəcər rayonunun": one place, the town's name
        for start, end, key in adjectives.get(hit.start, ()):
            ident = (key, "adjective:" + text[start:end].lower())
            if is_place and ident not in seen:
                seen[ident] = len(ctx.places)
                ctx.places.append(
                    Mention(name=ctx.text[start:end], span=(start, end), key=key, provenance=Provenance(STAGE, VERSION, "coordinated_adjective", 0.8))
                )
        if is_place and teasers and any(s <= hit.start < e for s, e in teasers):
            continue  # "Related: ...", "Читайте также: ...": other articles' places
        surface = ctx.text[hit.start : hit.end]
        # one entry per name of a place, as first written: "Степанакерт" then "Степанакерте" is one
        # name (its case forms), "YEREVAN" and "Yerevan" one; "Parukh" and "Farrukh" two
        ident = (hit.phrase.key, hit.phrase.name)
        plural = _PLURAL_AFTER.match(text, hit.end)
        if plural and is_place:
            # "the Aghdam, Fuzuli and Jabrayil districts": the last conjunct is written with the noun
            surface = ctx.text[hit.start : plural.end()]
            hit = dataclasses.replace(hit, end=plural.end())
            ident = (hit.phrase.key, hit.phrase.name + " +" + plural.group(1).lower())
        if is_place and any(hit.phrase.name.lower().startswith(n + " ") for n in names_of.get(hit.phrase.key, ())):
            continue  # "Dadivank", then "the Dadivank monastery": one name
        first_spelling.setdefault(ident, surface)
        if not is_place or ident in seen:
            continue
        name = surface
        earlier = first_spelling[ident]
        # names "as first written": a later caption "RUSSIA -" keeps the spelling "Russia"
        if earlier.lower() == surface.lower():
            name = earlier
        seen[ident] = len(ctx.places)
        names_of.setdefault(hit.phrase.key, []).append(hit.phrase.name.lower())
        ctx.places.append(
            Mention(
                name=name,
                span=(hit.start, hit.end),
                key=hit.phrase.key,
                provenance=Provenance(STAGE, VERSION, "gazetteer", 0.9),
            )
        )
    _unlisted_settlements(ctx, text, teasers)


# a settlement the gazetteer does not list, named right after its noun: "the village of Khnapat",
# "в селе Хнапат", "посёлок Мирный", "the town of Sisian"; or right before it: "Khnapat village",
# "Sarıcalı kəndində", "Խնապատ գյուղում". The nouns are found first (one scan), the name beside them then.
_SETTLEMENT_NOUN = re.compile(
    r"(?<![\w-])(?:(?P<en>village|town|settlement|hamlet)|(?P<ru>(?i:сел[аеоу]|селом|посел[оеё]к|посёлок|поселк[аеу]|посёлк[аеу]|деревн[еияю]|хутор[аеу]?))"
    r"|(?P<after>kənd(?:i|ində|inə|indən|inin)|qəsəbə(?:si|sində)|գյուղ(?:ում|ի|ից|ը)?))(?![\w-])"
)
_NAME_AFTER_EN = re.compile(r" of ([A-Z][a-z]+(?:[- ][A-Z][a-z]+)?)(?![\w-])")
_NAME_AFTER_RU = re.compile(r"\s+([А-ЯЁ][а-яё]+(?:[- ][А-ЯЁ][а-яё]+)?)(?![\w-])")
_NAME_BEFORE_EN = re.compile(r"(?<![\w-])(?:in|near|at|from|to|of|the) ([A-Z][a-z]+)[ \t]+$")
_NAME_BEFORE = re.compile(r"(?<![\w-])([A-ZƏÜÖÇŞĞİԱ-Ֆ][\wəüöçşğıա-ֆ]+)[ \t]+$")
_NOT_SETTLEMENT = frozenset({"The", "This", "That", "Our", "Their", "His", "Her", "Its", "One", "Each", "Every", "Another", "Same", "Which"})
# "Armenian village", "Russian town": a nationality, not a name
_NATIONALITY_END = ("ian", "ani", "ese", "ish", "ern")


def _unlisted_settlements(ctx: Context, text: str, teasers: list[tuple[int, int]]) -> None:
    taken = [p.span for p in ctx.places]
    known = {p.name.lower() for p in ctx.places}
    for noun in _SETTLEMENT_NOUN.finditer(text):
        if noun.group("ru"):
            name = _NAME_AFTER_RU.match(text, noun.end())
        elif noun.group("en"):
            name = _NAME_AFTER_EN.match(text, noun.end())
            if name is None and noun.group("en") == "village":
                name = _NAME_BEFORE_EN.search(text, max(0, noun.start() - 40), noun.start())
        else:
            name = _NAME_BEFORE.search(text, max(0, noun.start() - 40), noun.start())
        if name is None:
            continue
        start, end = name.span(1)
        surface = ctx.text[start:end]
        if surface in _NOT_SETTLEMENT or (surface.isascii() and surface.lower().endswith(_NATIONALITY_END)):
            continue
        if surface.lower() in known or any(s < end and start < e for s, e in taken):
            continue
        if (teasers and any(s <= start < e for s, e in teasers)) or place_index().starts(surface.lower()):
            continue  # another article's place; a gazetteer name the place rules kept out (an actor, a compound)
        known.add(surface.lower())
        taken.append((start, end))
        ctx.places.append(
            Mention(name=surface, span=(start, end), key="unlisted:" + surface.lower(), provenance=Provenance(STAGE, VERSION, "settlement_noun", 0.7))
        )


def _district_of_named_town(hit: Hit, towns: set[str]) -> bool:
    """An Azerbaijani district name ("Kəlbəcər rayonu") in a text that also names its town: Azerbaijani
    reports name the district after the town and mean one place (listed once, under the town)."""
    if not hit.phrase.name.endswith(" rayonu"):
        return False
    head = hit.phrase.name.rsplit(" ", 1)[0]
    return any(key in towns for key in _towns_of_district().get((hit.phrase.key, head), ()))


@cache
def _towns_of_district() -> dict[tuple[str, str], tuple[str, ...]]:
    """(district id, its name without the noun) -> ids of the places under it bearing that name."""
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    entries = gazetteer()
    for pid, entry in entries.items():
        parent = entry.get("parent")
        if parent not in entries:
            continue
        for names in entry.get("names", {}).values():
            for name in names:
                out[(parent, name)] = (*out.get((parent, name), ()), pid)
    return out


# a plural administrative noun after a name ends a coordination of names sharing it: "districts" (the
# administrative unit, part of the name: "Aghdam district") is written with the last name; "regions"
# and "provinces" only describe the names ("the Askeran and Martuni regions" names Martuni)
_PLURAL_AFTER = re.compile(r"[ \t]+(districts|rayonlarında|rayonlarının|rayonları|rayonlarda)\b")
# teaser lines and blocks of other articles: related links, "read also", tags
_TEASER = re.compile(
    r"^[ \t]*(?:Related(?: articles| stories| news)?:|Read (?:also|more):|See also:|Tags:|Կարդալ նաև|Կարդացեք նաև|Həmçinin oxuyun|Oxşar xəbərlər|Читайте также|Читайте нас|См\. также|Теги:|Ещё по теме|Похожие новости)[^\n]*"
    r"|^[ \t]*(?:RELATED ARTICLES|RELATED STORIES|MORE NEWS|READ MORE|ЧИТАЙТЕ ТАКЖЕ)[ \t]*\n(?:[ \t]*\S[^\n]*\n?)*",
    re.M,
)


def _teaser_spans(text: str) -> list[tuple[int, int]]:
    if not any(k in text for k in ("Related", "RELATED", "Read ", "READ", "See also", "Tags:", "Читайте", "ЧИТАЙТЕ", "См. также", "Теги:", "Ещё по теме", "Похожие", "MORE NEWS", "Կարդ", "oxuyun", "Oxşar")):
        return []
    return [m.span() for m in _TEASER.finditer(text)]


@cache
def _district_adjectives() -> dict[str, str]:
    """Russian adjective forms of district/province names ("агдамского" -> aghdam-district)."""
    out: dict[str, str] = {}
    for pid, entry in gazetteer().items():
        for name in entry.get("names", {}).get("ru", []):
            words = name.split()
            if len(words) == 2 and words[1].lower() in ("район", "область"):
                for form in word_forms(words[0]):
                    out.setdefault(form, pid)
    return out


_PLURAL_HEAD = frozenset({"районов", "районах", "районам", "районами", "районы", "областей", "областях", "областям", "областями", "области"})


def _adjective_lists(text: str) -> dict[int, list[tuple[int, int, str]]]:
    """Russian coordinated district adjectives sharing one plural noun ("Агдамского, Физулинского и
    Губадлинского районов"): by the start of the last conjunct, the spans and keys of the others."""
    out: dict[int, list[tuple[int, int, str]]] = {}
    if "район" not in text and "област" not in text:
        return out
    adjectives = _district_adjectives()
    toks = tokens(text)
    # only where a plural head follows (a set test a word, no call)
    for i in [j - 1 for j, tok in enumerate(toks) if tok.low in _PLURAL_HEAD and j >= 2]:
        if toks[i].low not in adjectives:
            continue
        found: list[tuple[int, int, str]] = []
        j = i - 1
        while j >= 0:
            gap = text[toks[j].end : toks[j + 1].start]
            if toks[j].low in ("и", "или") and gap == " ":
                j -= 1
                continue
            if gap not in (", ", " ") or toks[j].low not in adjectives or not text[toks[j].start].isupper():
                break
            found.append((toks[j].start, toks[j].end, adjectives[toks[j].low]))
            j -= 1
        if found:
            out[toks[i].start] = sorted(found)
    return out


def place_hits(text: str) -> list[tuple[Hit, bool]]:
    """Every gazetteer name in `text`, with whether that occurrence is used as a place."""
    toks = tokens(text)
    out: list[tuple[Hit, bool]] = []
    last: tuple[Hit, bool] | None = None
    for hit in place_index().find(text, toks):
        kind = gazetteer()[hit.phrase.key]["kind"]
        verdict = _is_place(text, toks, hit, kind)
        if verdict is None:  # a conjunct: decided like the conjunct before it
            verdict = bool(last and _coordinated(text, toks, last[0], hit) and last[1])
        out.append((hit, verdict))
        last = (hit, verdict)
    return out


def _coordinated(text: str, toks: list[Tok], prev: Hit, hit: Hit) -> bool:
    """Whether `hit` is the next conjunct after `prev` ("Armenia and Azerbaijan", "A, B and C")."""
    between = text[prev.end : hit.start].strip().lower()
    return between in (",", "and", "or", ", and", "и", ",") and prev.phrase.key != hit.phrase.key


def _is_place(text: str, toks: list[Tok], hit: Hit, kind: str) -> bool | None:
    """True/False for this occurrence; None for a country with no cue of its own that follows a
    conjunction (decided by its conjunct)."""
    rules = _rules()
    before = text[max(0, hit.start - 2) : hit.start]
    after = text[hit.end : hit.end + 2]
    if (before[-1:] in HYPHENS and before[:1].isalpha()) or (after[:1] in HYPHENS and after[1:2].isalpha()):
        if kind == "country" or not _route(text, toks, hit):
            return False  # part of a compound: "Azerbaijani-Karabakh", "Karabakh-based"
    if _in_outlet_slot(text, hit):
        return False  # "Laçın, 26 oktyabr 2022 / Qarabağ Xəbər /": the outlet's name
    following = _next_words(text, toks, hit.last, 4)
    if following and following[0].lower() in rules["attributive"]:
        # "the Martuni administration": a town's or village's local body is where it is; a country's or a
        # capital's administration is a party
        return kind in ("town", "village") and following[0].lower() in ("administration", "municipality", "mayor")
    if _heads_a_name(following, rules["name_heads"]):
        return False
    possessive = text[hit.end : hit.end + 2] in ("'s", "’s")
    prev = _prev_words(text, toks, hit.first, 3)
    if len(prev) > 1 and prev[0] in ("of", "the") and "republic" in prev[:3] and text[hit.start - 1 : hit.start] == " ":
        return False  # "President of the Republic of Artsakh": the polity
    if kind == "country":
        if _place_cue(text, toks, hit, prev, rules):
            return True
        if (prev and prev[0] in rules["geo_heads_before"]) or (following and following[0].lower() in rules["geo_heads_after"]):
            return True  # "на территории Азербайджана", "Հայաստանի տարածքում": the territory
        if _caption(text, hit):
            return True
        if following and following[0].lower() in rules["motion_after"] or (
            len(following) > 1 and following[0].lower() in ("է", "են", "էին", "էր") and following[1].lower() in rules["motion_after"]
        ):
            return True  # "Հայաստան է ժամանել" (arrived in Armenia): the destination in the nominative
        if possessive:
            # "Azerbaijan's mine action agency": the state; "Armenia's southern border", "Armenia's Syunik
            # province": the territory
            after = _POSSESSIVE_HEAD.match(text, hit.end + 2)
            return bool(after and (after.group(2).lower() in rules["geo_nouns"] or place_index().starts(after.group(2).lower())))

        if prev and prev[0] in ("and", "or", "и", "или") or text[max(0, hit.start - 3) : hit.start].rstrip().endswith(","):
            return None
        return False
    if prev and prev[0] in rules["actor_verbs"]:
        return False
    bodies = rules["genitive_of_bodies"]
    if prev and (prev[0] in bodies or (len(prev) > 1 and prev[1] in bodies and prev[0] not in rules["locative"])):
        return False  # "Армия обороны Карабаха", "власти Карабаха": a body named by its place
    if possessive and not (prev and prev[0] in rules["locative"]):
        return kind not in ("city",)  # "Moscow's assistance" is the government, "Karabakh's roads" a place
    if kind == "city" and not (prev and prev[0] in ("in", "at", "from", "в", "из")) and _subject_of_verb(text, toks, hit, rules):
        return False  # "Baku said", "Yerevan has called", "Both Baku and Yerevan say": the government
    return True


def _route(text: str, toks: list[Tok], hit: Hit) -> bool:
    """A name joined by a dash to another place name: a route or a stretch ("Horadiz–Aghband
    highway"), where both are places."""
    index = place_index()
    if hit.first > 0 and text[toks[hit.first - 1].end : hit.start] in HYPHENS and index.starts(toks[hit.first - 1].low):
        return text[toks[hit.first - 1].start : toks[hit.first - 1].end][:1].isupper()
    if hit.last + 1 < len(toks) and text[hit.end : toks[hit.last + 1].start] in HYPHENS and index.starts(toks[hit.last + 1].low):
        return text[toks[hit.last + 1].start : toks[hit.last + 1].end][:1].isupper()
    return False


def _subject_of_verb(text: str, toks: list[Tok], hit: Hit, rules: dict[str, frozenset[str]]) -> bool:
    """Whether a city name is the subject of a verb of speech or action: the next word (after an
    optional "and <City>") is such a verb or an auxiliary."""
    following = [w.lower() for w in _next_words(text, toks, hit.last, 4)]
    if len(following) >= 3 and following[0] in ("and", "и", "və") and place_index().starts(following[1]):
        following = following[2:]
    if not following:
        return False
    word = following[0]
    if word in rules["speech_verbs"] or word in rules["actor_verbs"]:
        return True
    if word not in rules["subject_auxiliaries"] or len(following) < 2 or following[1].endswith("ing"):
        return False
    if word in _VERB_AUXILIARIES:
        # "Yerevan has said", "Baku has repeatedly accused", "Baku was quick to": a verb or a stance after
        # the auxiliary; "Stepanakert was without power", "Goris was shelled" describe the place
        after = following[1:3]
        return any(w in rules["speech_verbs"] or w in rules["actor_verbs"] or w in rules["stances"] for w in after)
    return True


# the head after "'s", past up to one adjective: "Armenia's (southern) border"
_POSSESSIVE_HEAD = re.compile(r"\s+(?:([a-z]+(?:ern|ian|al|ed))\s+)?([^\W\d_]+)")
_VERB_AUXILIARIES = frozenset({"is", "was", "has", "have", "had", "will", "would", "does", "did"})


def _place_cue(text: str, toks: list[Tok], hit: Hit, prev: list[str], rules: dict[str, frozenset[str]]) -> bool:
    """A word before the name that makes it a location: a preposition of place or motion, a verb
    of travel, "territory of", a geographic "between", or a locative case ending."""
    words = [w for w in prev if w != "the"]
    if not words:
        return _inflected(text, hit)
    first = words[0]
    if first in rules["locative"]:
        if first == "to" and len(words) > 1 and words[1] in rules["not_place_to"]:
            return False
        return True
    if first == "of" and len(words) > 1 and words[1] in rules["geo_nouns"]:
        return True
    if first == "between":
        return any(w in rules["geo_nouns"] for w in words[1:])
    if first == "with" and _LINKING.search(text, max(0, hit.start - 90), hit.start):
        return True  # "the road linking Karabakh with Armenia": a geographic link
    return _inflected(text, hit)


# a verb of geographic link earlier in the clause makes "with <country>" a place
_LINKING = re.compile(r"(?i)\b(?:link|linking|links|linked|connect|connecting|connects|connected|joins|joining)\b[^.;:!?\n]*$")


def _inflected(text: str, hit: Hit) -> bool:
    """A Armenian or Azerbaijani case ending of place (in/from/to) on the name."""
    surface = text[hit.start : hit.end].lower()
    return surface.endswith(("ում", "ից", "da", "də", "dan", "dən", "ya", "yə", "ta", "tə", "tan", "tən"))


_OUTLET_SLOT_END = re.compile(r"[^\S\n]*[^\W\d_][^/\n\d]{0,30}/")


def _in_outlet_slot(text: str, hit: Hit) -> bool:
    """A name between the slashes of an agency dateline: "..., 12.08.2022 /Araz Xəbər/."""
    before = text[max(0, hit.start - 6) : hit.start].rstrip(" ")
    if not (before.endswith("/") and before[:-1].rstrip(" ")[-1:].isdigit()):
        return False  # the slot follows the date; "Geneva/Stepanakert/Baku" is a list of places
    return bool(_OUTLET_SLOT_END.match(text, hit.start)) or text[hit.end : hit.end + 2].lstrip(" ").startswith("/")


_CAPTION_AFTER = re.compile(r"[ \t]*(?:-{1,2}|—|–|\||\(|,(?=[^\n]{0,30}\d))")


def _caption(text: str, hit: Hit) -> bool:
    """A location that opens a line: a dateline "YEREVAN, ..." or a caption "RUSSIA - ..."."""
    line_start = text.rfind("\n", 0, hit.start) + 1
    if text[line_start : hit.start].strip():
        return False
    # a comma after the name makes a dateline only in capitals or before a date ("Москва, 10 октября"),
    # not in a sentence that opens with a list of parties ("Россия, Азербайджан и Армения договорились")
    m = _CAPTION_AFTER.match(text, hit.end)
    if m is None:
        return text[hit.start : hit.end].isupper() and text[hit.end : hit.end + 1] == ","
    return True


_CLAUSE_BREAK = re.compile("[.;:!?\n\"“”«»()]")


def _prev_words(text: str, toks: list[Tok], first: int, count: int) -> list[str]:
    """Up to `count` lower-cased words before token `first`, nearest first, stopping at sentence
    punctuation."""
    out: list[str] = []
    pos = toks[first].start
    for j in range(first - 1, max(-1, first - 1 - count), -1):
        gap = text[toks[j].end : pos]
        if gap != " " and _CLAUSE_BREAK.search(gap):
            break
        out.append(toks[j].low)
        pos = toks[j].start
    return out


def _next_words(text: str, toks: list[Tok], last: int, count: int) -> list[str]:
    """Up to `count` words after token `last` (as written), stopping at punctuation."""
    out: list[str] = []
    pos = toks[last].end
    for j in range(last + 1, min(len(toks), last + 1 + count)):
        gap = text[pos : toks[j].start]
        if gap != " " and ((gap.strip() and not (gap in HYPHENS and out)) or "\n" in gap):
            break  # punctuation, or the end of a line (a headline is not the head of a masthead below)
        out.append(text[toks[j].start : toks[j].end])
        pos = toks[j].end
    return out


def _heads_a_name(following: list[str], heads: frozenset[str]) -> bool:
    """Whether the capitalised words after a place name end in the head of an organisation or a
    polity: "Noginsk Rescue Center", "Nagorno-Karabakh Republic", "Yerevan State University"."""
    for word in following:
        if not word[:1].isupper():
            return False
        if word.lower() in heads:
            return True
    return False
