"""What a figure counts: the noun phrase by it, its demonym and head noun, what an amount measures."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..model import Figure, Page
from .clauses import REACH, _TAIL
from .lexicon import load_table, places
from .scope_words import WORD, lex


def _tokens(text: str, start: int, limit: int = 12):
    out = []
    for m in WORD.finditer(text, start):
        out.append((m.start(), m.end(), m.group(0)))
        if len(out) >= limit:
            break
    return out


def noun_phrase(text: str, pos: int) -> tuple[str, int] | None:
    """The noun phrase that starts at `pos` ("North Korean military officers are" -> "North Korean
    military officers"). Brackets are stripped; stops at function words, verbs and punctuation."""
    lx = lex()
    words, end = [], pos
    toks = _tokens(text, pos)
    for i, (s, e, w) in enumerate(toks):
        bare = w.strip("[]'’")
        full_stop = bare.endswith(".") and bare.count(".") == 1
        if full_stop:
            bare = bare[:-1]             # sentence-final period, not an abbreviation
        low = bare.lower()
        if not bare or not (bare[0].isalnum()) or bare[0].isdigit():
            break
        if not words and low.endswith("ed") and i + 1 < len(toks) and toks[i + 1][2].lower() == "by":
            break                        # "the 970 counted by the UNHCR": a participle, not the noun
        if low in ("and", "or") and _coordinated_modifier(words, toks[i + 1:i + 3]):
            words.append(low)            # "current and former customers": two words before one noun
            continue
        if low in lx.stop:
            break
        if words and not bare[0].isupper() and (low.endswith("ing") or low.endswith("ed") or low in lx.casualty or
                                                 low in lx.participles and not (low == "worth" and words[-1] == "net")):
            break  # "protesters killed", "cocaine hidden in", "cocaine worth": a participle ends the phrase
        words.append(bare)
        end = e
        if w.endswith("]") or full_stop and bare[-1:].islower() and i + 1 < len(toks) and toks[i + 1][2][:1].isupper():
            break                        # (a full stop before a capital ends the phrase: "40 people. Another 100
            #                              are missing"; not an abbreviation's: "1 tsp. olive oil")
        if len(words) >= 5:
            break
    while words and words[-1] in ("and", "or"):
        words.pop()                      # the second modifier did not come after all
    if not words:
        return None
    return " ".join(words), end


def _coordinated_modifier(words: list[str], nxt) -> bool:
    """Whether "<word> and|or" joins a second modifier of the same noun ("current and former customers",
    "dead or injured passengers"): one lowercase word before, not a plural noun, and after it a lowercase word
    followed by another word of the phrase ("soldiers and civilians were" stays "soldiers")."""
    if len(words) != 1 or not words[0].islower() or words[0].endswith("s") or len(nxt) < 2 or \
            words[0] in lex().classes:
        return False
    stop = lex().stop
    (_, _, second), (_, _, third) = nxt
    return second.isalpha() and second.islower() and second not in stop and \
        third.isalpha() and third.islower() and third not in stop


def canonical_counted(np: str) -> tuple[str, str | None, str]:
    """(counted, demonym, head) for a noun phrase: the demonym it names and its head noun mapped to its class."""
    lx = lex()
    pl = places()
    words = np.split()
    while words and words[0].lower() in ("the", "a", "an", "their", "its", "his", "her", "our"):
        words = words[1:]
    np = " ".join(words)
    demonym = None
    for s, e, d in pl.demonyms(np):
        if demonym is None or len(d) > len(demonym):
            demonym = d
    d = _bare_demonyms().get(np)
    if d is not None:
        return np, d, ""     # a bare demonym plural: "North Koreans"
    low = np.lower()
    head = None
    for multi in lx.multi_classes:
        if low.endswith(multi):
            head = lx.classes[multi]
            break
    modifiers = []
    if head is None:
        last = words[-1] if words else np
        head = lx.classes.get(last.lower(), last if last[:1].isupper() and last not in pl.demonym_country else last.lower())
        if head == last.lower() or head == last:
            # a compound keeps its noun modifiers ("relief camps", "rescue workers"), not descriptions
            taken = set((demonym or "").split())
            before_head = words[:-1][-2:]
            while len(before_head) < min(4, len(words) - 1) and before_head[0][:1].isupper() and \
                    words[-2 - len(before_head)][:1].isupper():
                before_head = words[-2 - len(before_head):-1]      # a whole name: "New York City hospitals"
            # (a description word stays when it begins a name: "New York City", not "new vehicles")
            modifiers = [w for i, w in enumerate(before_head) if w not in taken and not w.endswith(("'s", "’s")) and
                         w.lower() not in lx.stop and (w.lower() not in lx.descriptive or w[:1].isupper() and
                                                       i + 1 < len(before_head) and before_head[i + 1][:1].isupper())]
            modifiers = [w if w[:1].isupper() and w not in pl.demonym_country else w.lower() for w in modifiers]
    if demonym and head.lower() in (demonym.lower() + "s", demonym.lower()):
        return np, demonym, ""   # a bare demonym plural: "North Koreans"
    if head.lower() in lx.casualty:
        return "people", demonym, "people"
    head_words = " ".join([*modifiers, head]) if modifiers else head
    counted = f"{demonym} {head_words}" if demonym and demonym != head else head_words
    return counted, demonym, head


def _is_people_like(head: str) -> bool:
    lx = lex()
    return head in lx.classes.values() or head in lx.group_nouns or head in lx.ranks


@lru_cache(maxsize=None)
def _bare_demonyms() -> dict:
    """A people named by its demonym alone ("North Koreans", "Chinese") -> the demonym."""
    out: dict = {}
    for d in places().demonym_country:
        out.setdefault(d + "s", d)
        if d.endswith(("ese", "ish", "ss")):
            out.setdefault(d, d)
    return out


@dataclass
class _Raw:
    counted: str | None = None
    demonym: str | None = None
    head: str = ""
    anaphoric: bool = False
    np_end: int | None = None
    present: bool = False       # a crowd verb right after the figure: the people counted were there


def _page_disease(page: Page) -> str | None:
    """The one word the page puts before "outbreak", "epidemic" or "cases" ("measles", "cholera"), when it puts
    only one there (descriptions like "new" or "confirmed" aside)."""
    lx = lex()
    found = set()
    for m in _DISEASE_BEFORE.finditer(page.text[:20000]):
        word = m.group(1).lower()
        if word not in lx.stop and word not in lx.descriptive and word not in lx.not_diseases and \
                m.group(1) not in places().canonical and m.group(1) not in places().demonym_country:
            found.add(word)
    return found.pop() if len(found) == 1 else None


_DISEASE_BEFORE = re.compile(r"\b([A-Za-z][a-z]+(?:-\d+)?)\s+(?:outbreak|epidemic|pandemic|cases|infections)\b")


def _casualty_after(text: str, end: int) -> bool:
    """A casualty word right after a count: "nearly 1,000 dead or missing" are people, whatever the figure
    before counted."""
    m = _NEXT_LOWER_WORD.match(text, end)
    return m is not None and m.group(1) in lex().casualty


_NEXT_LOWER_WORD = re.compile(r"\s+([a-z]+)\b")


def _counted_raw(f: Figure) -> _Raw:
    lx = lex()
    text = f.sentence.text
    q = f.quantity
    after = q.unit_end if q.unit_end is not None else q.end
    rest = text[after:]
    raw = _Raw()
    m = re.match(r"\s*\(([^)]{2,60})\)", rest)
    if m:                                               # "11.000 (North Koreans)"
        np = noun_phrase(text, after + m.start(1))
        if np:
            raw.counted, raw.demonym, raw.head = canonical_counted(np[0])
            return raw
    m = re.match(r"\s+of\s+(?:the\s+)?", rest)
    if m:
        tail = rest[m.end():]
        if re.match(r"(whom|which|them|those|these)\b", tail):
            m2 = re.match(r"\w+\s+(?:are|were|is|was)\s+", tail)   # "three of whom are generals"
            if m2:
                np = noun_phrase(text, after + m.end() + m2.end())
                if np:
                    raw.counted, raw.demonym, raw.head = canonical_counted(np[0])
            return raw
        if q.kind in ("count", "measure"):
            np = noun_phrase(text, after + m.end())      # "11,000 of [North Korean troops]", "hundred km2 of X"
            if np and (tail.startswith("[") or q.kind == "measure" or m.group(0).strip() == "of" and
                       q.qualifier == "range" and not any(c.isdigit() for c in text[q.start:q.end]) or
                       m.group(0).rstrip().endswith("the") and any(c.isdigit() for c in text[q.start:q.end])):
                # (and a vague crowd: "tens of thousands of people", and a part of a counted whole in digits:
                # "320 of the cases"; not "one of the victims")
                raw.counted, raw.demonym, raw.head = canonical_counted(np[0])
                return raw
    if q.kind == "count":
        m = re.match(r"\s+(?:(?:more|additional|extra|fewer|new)\s+(?!than\b))?", rest)   # "200 more officers"
        np = noun_phrase(text, after + (m.end() if m else 0))
        if np and np[0].split()[0].lower() not in lx.stop:
            raw.counted, raw.demonym, raw.head = canonical_counted(np[0])
            raw.np_end = np[1]
            origin = re.match(r"\s+from\s+((?:the\s+)?[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*)", text[np[1]:])
            if origin and not raw.demonym:             # "soldiers from North Korea"
                country = places().canonical.get(origin.group(1).removeprefix("the ").strip())
                demonym = places().country_demonym.get(country[0]) if country else None
                if demonym:
                    raw.demonym = demonym
                    raw.counted = f"{demonym} {raw.head}"
            return raw
    base = max(0, q.start - REACH)
    before = text[base:q.start]
    m = lx.before_patterns.search(before.rstrip() + " ")
    if m is None:
        # "the number of North Korean soldiers transferred to Russia is now about 12.000", "increased the total
        # of commercial providers to 14"
        m = _COUNT_OF_BEFORE.search(before)
        if m:
            np = noun_phrase(text, base + m.end())
            if np:
                raw.counted, raw.demonym, raw.head = canonical_counted(np[0])
                return raw
    else:
        phrase = m.group(0).strip().lower()
        for word, counted in lx.toll_words.items() if q.kind == "count" else ():   # ("turnout of 67%": a rate)
            if phrase.endswith(word + " of"):
                raw.counted, raw.head = counted, counted
                return raw
        np_start = re.search(r"\bnumber of\s+", before, re.I)
        if np_start and np_start.start() >= m.start():
            np = noun_phrase(text, base + np_start.end())
            if np:
                raw.counted, raw.demonym, raw.head = canonical_counted(np[0])
    if q.kind == "count":
        for pattern, counted in _toll_words_before():
            if pattern.search(before):
                raw.counted, raw.head = counted, counted
                return raw
    if q.kind != "count":
        _amount_counted(text, q, after, before, raw, base)
    elif (verb := _PEOPLE_VERB().match(text, after)) is not None:
        raw.counted, raw.head = "people", "people"    # "police say 15,000 marched"
        raw.present = _PROTEST().search(verb.group(0)) is not None   # "Tens of thousands rally in Lisbon"
    elif _CROWD_DRAWN.search(text, max(0, q.value_start - _TAIL), q.value_start) or \
            _CROWD_PUT_AT.search(text, max(0, q.value_start - _TAIL), q.value_start):
        raw.counted, raw.head, raw.present = "people", "people", True   # "Lisbon housing march draws 35,000"
    elif _COUNT_REACHED.search(text, max(0, q.value_start - _TAIL), q.value_start):
        # "Cholera cases top 5,000", "arrivals reached 1,200": the subject (qualifier words included)
        _amount_counted(text, q, after, text[base:q.value_start], raw, base)
    return raw


# a noun that names a count, with what it counts after "of", earlier in the figure's clause
_COUNT_OF_BEFORE = re.compile(r"\b(?:number|total|tally)\s+of\s+", re.I)


@lru_cache(maxsize=None)
def _toll_words_before() -> tuple:
    """("death toll" within 40 characters before the figure, what it counts), in the table's order."""
    return tuple((re.compile(r"\b%s\b[^.]{0,40}$" % re.escape(word), re.I), counted)
                 for word, counted in lex().toll_words.items())


@lru_cache(maxsize=None)
def _PROTEST() -> re.Pattern:
    # ("March" with a capital is the month, unless it begins the text: "in March", "March 4")
    return re.compile(r"\b(?!(?-i:March)\b(?<!^March))(?:%s)\b" % "|".join(
        map(re.escape, load_table("scope.json")["protest_cues"])), re.I)


@lru_cache(maxsize=None)
def _PEOPLE_VERB() -> re.Pattern:
    verbs = "|".join(re.escape(v).replace("\\ ", r"\s+") for v in load_table("scope.json")["people_verbs"])
    return re.compile(r"\s+(?:have\s+|had\s+|have\s+been\s+)?(?:%s)\b" % verbs, re.I)


_AMOUNT_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|its|their|his|her|this|that|our|total|annual|next\s+year's|this\s+year's)\s+|^\s*|[,;:—–]\s+|"
    # a subordinate clause's subject, a common noun: "until wages rise by 10%", "as oil prices fell 3%" (not "if you
    # are", "when someone has", "while Britain said")
    r"\b(?:as|after|when|while|until|unless|because|before)\s+(?=(?!(?:we|you|i|he|she|they|it|someone|anyone|"
    r"everyone|people|there|this|that)\b)(?-i:[a-z]))|"
    r"(?-i:(?!(?:It|That|There|What|Here|He|She|Who|Let|Where|This)['’])[A-Z][\w.-]*)['’]s\s+)"   # an owner:
    # "Japan's Nikkei share average plunged" (not "It's")
    r"(?-i:[A-Z][a-z]+(?:ish|ian|ese|an|ch|i)\s+)?"        # a demonym: "British consumer price inflation"
    r"((?:[\w'-]+\s+){0,2}[\w'-]+?)\s+(?:(?:of|at|to|by|was|is|were|are|will|would|has|have|had|be|"
    r"rose|fell|rises|falls|increased|decreased|grew|dropped|climbed|reached|stood|hit|totall?ed|amounted|"
    r"came|put|set|valued|worth|estimated|up|down|tops?|topped|surpass(?:ed|es)?|exceed(?:ed|s)?|stands?|"
    r"reach(?:es)?|hits|totals?|amounts?|comes|grows?|drops?|climbs?|narrow(?:s|ed)?|widen(?:s|ed)?|shr[ai]nk|"
    r"fall|rise|drop|climb|grow|increase|decrease|ease[sd]?|slow(?:s|ed)?|accelerate[sd]?|edged|dipped|jumped|"
    r"surged|slipped|soared|plunged|tumbled|rebounded)\s+){1,3}"
    r"(?:[\w-]+\s+)?$", re.I)


# a verb the figure reader takes as a bound ("topped $3 trillion": more than)
_VERB_AS_BOUND = re.compile(r"(?:tops?|topped|surpass(?:ed|es)?|exceed(?:ed|s)?|pass(?:ed|es)?|crossed|crosses)", re.I)
# the bound words that may stand between "of" and an amount: "a budget of about $5 billion"
_OF_BOUND = r"(?:about|around|some|nearly|almost|more\s+than|over|at\s+least|up\s+to|roughly|just)?\s*$"
_AMOUNT_OF = re.compile(r"\b(?:a|an|the|its|their|his|her|this|that)\s+((?:[\w'-]+\s+){0,2}[\w'-]+)\s+of\s+"
                        + _OF_BOUND, re.I)
# a plural or mass noun without an article before "of <amount>"
_BARE_AMOUNT_OF = re.compile(r"(?<![\w'-])([a-z][a-z'-]+)\s+of\s+" + _OF_BOUND)
# a party's or candidate's share: "put Labour on 38%, the Conservatives on 26% and Reform UK on 15%"
_ON_SHARE = re.compile(r"(?:\b(?:put|puts|had|has|with)\s+|,\s+|\band\s+)((?:the\s+)?(?:[A-Z][\w'’-]*\s+){0,2}[A-Z][\w'’-]*)"
                       r"\s+(?:on|at)\s+(?:about\s+|around\s+|some\s+)?\Z")
# a number and the plural noun it counts, figure or not: "The five companies", "14 miners"
_NUMBER_AND_NOUN = re.compile(r"\b(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens)\s+"
                              r"((?:[a-z][\w-]*\s+)?[a-z][\w-]*s)\b")
# what a source shows, puts or keeps at an amount: "figures showed unemployment at 3.8 percent", "kept rates at 5%"
_SHOWN_AT = re.compile(r"\b(?:show(?:s|ed)?|put(?:s)?|kept|keeps?|held|holds?|left|leaves|peg(?:s|ged)|estimated?|estimates|"
                       r"forecast(?:s)?|projected|projects|saw|sees)\s+(?:the\s+|its\s+|their\s+)?"
                       r"((?:[a-z][\w-]*\s+)?[a-z][\w-]*)\s+at\s+(?:about\s+|around\s+|some\s+|nearly\s+|roughly\s+)?\Z")
# a target a subject is cut, raised or brought to: "cut (the) deficit to 4.5%"
_CUT_TO = re.compile(r"\b(?:cut|cuts|cutting|reduce[sd]?|reducing|lower(?:s|ed|ing)?|raise[sd]?|raising|"
                     r"narrow(?:s|ed|ing)?|trim(?:s|med|ming)?|bring(?:s|ing)?|brought)\s+(?:the\s+|its\s+|their\s+)?"
                     r"((?:[a-z]+\s+)?[a-z]+)\s+(?:down\s+)?(?:to|by)\s+(?:[a-z]+\s+){0,2}\Z")


@dataclass(frozen=True)
class _AreaRules:
    units: frozenset            # the area units ("hectare", "acre", "km2")
    verb: re.Pattern            # "burned (more than) " right before the area
    measured: dict              # verb -> what it measures ("burned" -> "burned area")
    growth: re.Pattern          # "grows to (about) " right before the area
    subject: re.Pattern         # the subject that grew ("fire", "floods")
    grown: dict                 # subject -> what it measures ("fire" -> "burned area")


def _right_before(words) -> re.Pattern:
    """Any of `words` (spaces match any whitespace), then an optional bound, then the figure."""
    alts = "|".join(sorted((re.escape(w).replace("\\ ", r"\s+") for w in words), key=len, reverse=True))
    return re.compile(r"\b(%s)\s+(?:(?:an\s+estimated|about|around|some|nearly|almost|more\s+than|over|at\s+least|"
                      r"roughly|up\s+to)\s+)?\Z" % (alts or r"(?!x)x"), re.I)


@lru_cache(maxsize=None)
def _area_rules() -> _AreaRules:
    t = load_table("scope.json")
    measured = {k.lower(): v for k, v in t.get("area_verbs", {}).items()}
    growth = t.get("area_growth", {"verbs": [], "subjects": {}})
    grown = {k.lower(): v for k, v in growth["subjects"].items()}
    return _AreaRules(frozenset(t.get("area_units", ())), _right_before(measured), measured,
                      _right_before(growth["verbs"]),
                      re.compile(r"\b(%s)\b" % ("|".join(map(re.escape, grown)) or r"(?!x)x"), re.I), grown)


@lru_cache(maxsize=None)
def _amount_nouns() -> frozenset:
    return frozenset(load_table("scope.json").get("amount_nouns", ()))


@lru_cache(maxsize=None)
def _percent_bases() -> frozenset:
    return frozenset(load_table("scope.json")["percent_bases"])


# the subject before a place phrase: "[Average rents] in the capital have risen 38%"
_SUBJECT_BEFORE_PLACE = re.compile(r"(?:^|[,;:]\s+|\b(?:the|a|an|its|their)\s+)((?:[\w'-]+\s+){0,2}[\w'-]+)\s+"
                                   r"(?:in|at|across|among|on|of)\s+\Z", re.I)
# a crowd an event drew: "march draws 35,000", "the rally attracted some 20,000"
_CROWD_DRAWN = re.compile(r"\b(?:draws?|drew|drawing|attract(?:s|ed|ing)?|brought\s+out|brings\s+out)\s+"
                          r"(?:[a-z]+\s+){0,2}\Z")
# an estimate of a crowd: "put the Paris march at 61,500", "estimated the crowd at 20,000"
_CROWD_PUT_AT = re.compile(r"\b(?:put|puts|estimated?|estimates|counted|counts|placed?)\s+(?:the\s+|its\s+)?(?:[\w-]+\s+)?"
                           r"(?:march|marches|rally|crowd|crowds|protest|demonstration|turnout|attendance)\s+"
                           r"(?:[\w-]+\s+){0,3}?at\s+(?:[a-z]+\s+){0,2}\Z", re.I)
# a count that a subject reached: its noun is the subject ("cases top 5,000", "Arrivals rose to 1,200")
_COUNT_REACHED = re.compile(r"\b(?:tops?|topped|surpass(?:ed|es)?|exceed(?:ed|s)?|reached|hit|rose\s+to|climbed\s+to|"
                            r"fell\s+to|dropped\s+to|stood\s+at|totall?ed)\s+(?:[a-z]+\s+){0,2}\Z")
_PLACE_PREPOSITIONS = frozenset({"in", "at", "across", "among", "on"})
_AMOUNT_VERBS = {"rose", "fell", "rises", "falls", "increased", "decreased", "grew", "dropped", "climbed", "reached",
                 "stood", "hit", "totalled", "totaled", "amounted", "came", "put", "set", "valued", "worth", "estimated",
                 "stands", "stand", "reaches", "hits", "totals", "amounts", "comes", "grows", "drops", "climbs", "fall",
                 "rise", "narrowed", "widened", "shrank", "tops", "topped", "exceeded", "surpassed", "drop", "climb",
                 "grow", "increase", "decrease", "ease", "eases", "eased", "slows", "slowed", "accelerated", "edged",
                 "dipped", "jumped", "surged", "slipped", "soared", "plunged", "tumbled", "rebounded", "narrows",
                 "widens", "doubled", "halved", "tripled",
                 # a change made to the amount: "The compensation was raised to", "the fine was cut to"
                 "raised", "cut", "lowered", "reduced", "boosted", "lifted", "trimmed", "slashed", "revised", "capped",
                 "contracted", "expanded", "declined", "gained", "lost", "advanced", "slid", "sank", "recovered",
                 "contracts", "expands", "declines", "gains", "advances", "slides", "sinks", "shrinks"}


def _amount_counted(text: str, q, after: int, before: str, raw: _Raw, base: int = 0) -> None:
    """What an amount measures: "a $4.2 billion budget", "$150 million in borrowing", "the real cost at
    $4.35 billion", "spending rose 3.5%", "burned 10,000 hectares"."""
    areas = _area_rules()
    if q.kind == "measure" and q.unit in areas.units:
        m = areas.verb.search(text, max(0, q.start - 40), q.start)
        if m:
            raw.counted = raw.head = areas.measured[m.group(1).lower()]
            return
        if areas.growth.search(text, max(0, q.start - 40), q.start):      # "Park Fire grows to 350,000 acres"
            subject = areas.subject.search(text, max(0, q.start - 80), q.start)
            if subject:
                raw.counted = raw.head = areas.grown[subject.group(1).lower()]
                return
    m = re.match(r"\s+of\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+|our\s+)?", text[after:])
    if m and q.kind == "percent":          # "28.5% of primary school teachers", not "4.5% of GDP"
        np = noun_phrase(text, after + m.end())
        if np and np[0].lower() not in _percent_bases():
            _amount_np(raw, np[0])
            return
    if q.kind in ("money", "measure") and re.search(r"\b(?:a|an|the)\s+$", text[:q.start]):
        m = re.match(r"\s*\([^)]{1,40}\)\s*", text[after:])     # "a Sh4.29 trillion ($33.2 billion) budget"
        if m:
            np = noun_phrase(text, after + m.end())
            if np and np[0][:1].islower():
                _amount_np(raw, np[0])
                return
    m = _AMOUNT_OF.search(before)
    if m:                                  # "a deficit of 4.5%", "a budget of Sh4.29 trillion"
        words = [w for w in m.group(1).split() if w.lower() not in lex().stop]
        if words:
            _amount_np(raw, " ".join(words))
            return
    m = _BARE_AMOUNT_OF.search(before) if q.kind in ("money", "measure", "percent") else None
    if m and m.group(1) not in lex().stop and m.group(1) not in lex().not_amount_nouns:
        _amount_np(raw, m.group(1))        # "faces fines of up to A$50 million", "announced compensation of"
        return
    m = re.match(r"\s+(?:in|of)\s+(?!the\b)", text[after:])
    if m and q.kind == "money":
        np = noun_phrase(text, after + m.end())
        if np and not places().find(np[0]):       # "$150 million in borrowing", not "A$3.15 in Sydney trading"
            _amount_np(raw, np[0])
            return
    if q.kind == "percent":
        m = _ON_SHARE.search(text, max(0, q.start - _TAIL), q.start)
        if m and m.group(1) not in places().canonical:      # "put Labour on 38%, the Conservatives on 26%"
            _amount_np(raw, re.sub(r"^(?:the|The)\s+", "", m.group(1)))
            return
    m = _SHOWN_AT.search(text, max(0, q.start - _TAIL), q.start)
    if m and m.group(1).lower() not in lex().stop and m.group(1).split()[-1] not in lex().stop:
        _amount_np(raw, m.group(1))        # "figures showed unemployment at 3.8 percent", "kept rates at 5%"
        return
    m = _CUT_TO.search(text, max(0, q.start - _TAIL), q.start)
    if m and m.group(1).lower() not in lex().stop:       # "vows to cut deficit to 4.5pc"
        _amount_np(raw, m.group(1))
        return
    head_noun = re.match(r"[\s-]+([a-z]+)\b", text[after:])
    if re.search(r"\b(?:a|an|the|its|their|this|that)\s+(?:(?:record|total|combined|further|additional|new|initial|"
                 r"estimated|proposed|planned|annual|one-off|extra)\s+)?$", text[max(0, q.start - _TAIL):q.start]) or \
            head_noun and head_noun.group(1) in _amount_nouns():
        # the amount qualifies a noun: "a $4.2 billion budget", "a 3.5% increase", "a six-hour debate";
        # in a headline without the article: "unveils Sh4.29 trillion budget"
        m = re.match(r"[\s-]+", text[after:])
        np = noun_phrase(text, after + (m.end() if m else 0))
        if np and np[0][:1].islower():
            _amount_np(raw, np[0])
            return
    m = _subject_in_place_pattern().search(before)
    words = m.group(1).split() if m else []
    while words and words[0].lower() in ("the", "a", "an", "its", "their"):
        words.pop(0)
    if words and not any(w.lower() in lex().stop for w in words):
        # "The unemployment rate in Ohio rose to 4.5 percent", "Sales of new homes in the US rose 5%": the
        # subject before a named place, when the place leaves it more than three words from the verb
        if m.start(1) == 0 and base == 0 and not _proper_first_word(words[0]):
            words[0] = words[0].lower()
        _amount_np(raw, " ".join(words))
        return
    m = _AMOUNT_BEFORE.search(before)
    cut = text.rfind(" ", q.start, q.value_start) if m is None else -1
    if cut > q.start and _VERB_AS_BOUND.fullmatch(text, q.start, cut):
        before = text[base:cut + 1]       # the verb read as the bound: "market value topped $3 trillion"
        m = _AMOUNT_BEFORE.search(before)
    if m:
        words = m.group(1).split()
        word_start = m.start(1)
        pre = _SUBJECT_BEFORE_PLACE.search(before, max(0, m.start() - _TAIL), m.start())
        if pre and m.group(0)[:1].isalpha():
            pre_words = pre.group(1).split()
            while pre_words and pre_words[0].lower() in ("the", "a", "an", "its", "their"):
                pre_words.pop(0)
            if pre_words and not any(w.lower() in lex().stop for w in pre_words):
                words, word_start = pre_words, pre.start(1)   # "Average rents in the capital have risen"
        cut = next((i for i, w in enumerate(words) if i and w.lower() in _PLACE_PREPOSITIONS), None)
        if cut:
            words = words[:cut]                  # "Unemployment in Spain fell" -> "Unemployment"
        while words and (words[-1].lower() in lex().stop or words[-1].lower() in _AMOUNT_VERBS):
            words.pop()                          # "Unemployment rose" -> "Unemployment"
        if words and word_start == 0 and base == 0 and not _proper_first_word(words[0]):
            words[0] = words[0].lower()         # "Inflation rose ..." at the start of a sentence
        if words and words[-1].lower() not in lex().stop and not words[-1][:1].isdigit():
            _amount_np(raw, " ".join(w for w in words if w.lower() not in lex().stop))
        return
    m = _subject_of_pattern().search(before)
    if m and m.group(1).split()[-1].lower() not in lex().stop:
        # "Sales of previously owned homes fell 5.4%", "The median price of an existing home ... rose 4.1%"
        words = m.group(1).split()
        if m.start(1) == 0 and base == 0 and not _proper_first_word(words[0]):
            words[0] = words[0].lower()
        _amount_np(raw, " ".join(words))


def _proper_first_word(word: str) -> bool:
    """A sentence's first word that keeps its capital in what a figure counts: a demonym ('Russian'), a place
    ('Texas measles cases top 500': the place is taken out of what is counted later, by its capital)."""
    pl = places()
    return word.lower() in pl.demonym_country or word in pl.demonym_country or word in pl.canonical


@lru_cache(maxsize=None)
def _subject_of_pattern() -> re.Pattern:
    """A subject '<noun> of <its complement>' right before the verb that moves an amount."""
    verbs = "|".join(sorted(map(re.escape, _AMOUNT_VERBS), key=len, reverse=True))
    return re.compile(r"(?:^\s*|\b(?:the|a|an|its|their)\s+)((?:[\w'-]+\s+)?[\w'-]+)\s+of\s+[^,;:.\d]{1,60}?\s+"
                      r"(?:(?:has|have|had|was|were|is|are)\s+)?(?:%s)\s+(?:by\s+|to\s+|about\s+|some\s+|nearly\s+)?$"
                      % verbs, re.I)


@lru_cache(maxsize=None)
def _subject_in_place_pattern() -> re.Pattern:
    """A subject, a named place ('in Ohio', 'in the US', 'across Southern California') and the verb that moves an
    amount, right before it."""
    verbs = "|".join(sorted(map(re.escape, _AMOUNT_VERBS), key=len, reverse=True))
    return re.compile(r"(?:^\s*|\b(?:the|a|an|its|their)\s+)((?:[\w'-]+\s+){0,2}[\w'-]+?)"
                      r"(?:\s+of\s+(?:[a-z][\w'-]*\s+){0,2}[a-z][\w'-]*)?"
                      r"\s+(?:in|at|across)\s+(?:the\s+)?(?-i:[A-Z][\w'’.-]*)(?:\s+(?-i:[A-Z][\w'’.-]*)){0,2}\s+"
                      r"(?:(?:has|have|had|was|were|is|are)\s+)?(?:%s)\s+(?:by\s+|to\s+|about\s+|some\s+|nearly\s+)?$"
                      % verbs, re.I)


def _amount_np(raw: _Raw, np: str) -> None:
    """An amount keeps its noun's modifiers: a "defence budget" is not a "health budget" (but not its owner:
    "Germany's economy" is the economy)."""
    counted, demonym, head = canonical_counted(np)
    words = [w for w in np.split() if w.lower() not in ("the", "a", "an", "its", "their", "this", "that")]
    while len(words) > 1 and words[0].endswith(("'s", "’s")):
        words = words[1:]
    raw.counted = " ".join(words[-3:]) if words else counted
    raw.demonym, raw.head = demonym, head


def _sentence_demonym(f: Figure, figures, raws) -> str | None:
    """The demonym of the nearest figure of the same sentence that names one (raws are filled in order)."""
    best = None
    for g, r in zip(figures, raws):
        if g is f or g.sentence.index != f.sentence.index or not r.demonym:
            continue
        d = abs(g.quantity.start - f.quantity.start)
        if best is None or d < best[0]:
            best = (d, r.demonym)
    return best[1] if best else None


_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|near|across|from|throughout|inside|outside|on)\s+(?:(?:the\s+)?[a-z]+\s+){0,2}\Z")


def _subject_country_demonym(f: Figure) -> str | None:
    """"North Korea was training 10,000 soldiers": the country whose forces they are."""
    text = f.sentence.text[:f.quantity.start]
    best = None
    for p in places().find(text):
        if p.is_country and lex().subject_country.match(text[p.end:]) and \
                not _LOCATIVE_BEFORE.search(text, max(0, p.start - 40), p.start):
            best = p      # (not "Floods in southern Pakistan have killed 74 people": where, not whose)
    return places().country_demonym.get(best.name) if best else None


def _military_demonyms(page: Page) -> Counter:
    """How often the page names each side's forces ("North Korean troops", "Ukrainian soldiers")."""
    lx = lex()
    nouns = set(lx.classes) | set(lx.group_nouns) | set(lx.ranks)
    counts: Counter = Counter()
    for s, e, d in places().demonyms(page.text):
        following = page.text[e:e + 40].split()
        for w in following[:3]:
            w = w.strip(".,;:'\"’”").lower()
            if w in nouns and lx.classes.get(w) != "people":
                counts[d] += 1
                break
    return counts
