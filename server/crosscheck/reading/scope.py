"""Scope of each figure: what it counts, where, its status, and whether it stands inside a direct quote.

Works on a page's figures in reading order because counting words are often anaphoric ("10,000 of those",
"as many as 8,000 were there"): such a figure takes what the figure before it counts."""
from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from ..model import Figure, Page
from .context import StoryContext
from .dates import dateline
from .lexicon import NAME_PARTICLES as _NAME_PARTICLES, PlaceMatch, load_table, places, trie
from .quotes import inside, quote_spans

WORD = re.compile(r"\[?[\w][\w'’.-]*\]?|[^\w\s]")


@dataclass
class Lex:
    stop: frozenset
    classes: dict          # surface noun (lowercase) -> class name
    multi_classes: list    # multi-word surfaces, longest first
    group_nouns: frozenset
    ranks: frozenset
    descriptive: frozenset
    casualty: dict
    status_patterns: list  # (status, compiled regex)
    planned: re.Pattern    # the planned cues, and those that make an amount planned or expected
    planned_after: re.Pattern   # a time to come after an amount: "next year"
    any_status: re.Pattern  # any status cue: a window without one needs no per-status scan
    before_patterns: re.Pattern
    toll_words: dict
    non_locative_heads: frozenset
    locatives: frozenset
    region_words: frozenset
    unknown_place: re.Pattern
    not_places: frozenset
    subject_country: re.Pattern
    participles: frozenset      # irregular participles and "worth": they end a noun phrase
    not_amount_nouns: frozenset # "tens of", "short of", "in lieu of": no noun an amount measures
    works_at: re.Pattern        # "analysts at" right before a name: an employer, not a place
    case_nouns: frozenset       # "cases", "infections": counted of a disease on an outbreak page
    not_diseases: frozenset     # words before "cases" that name no disease ("court cases", "more cases")
    placeless_units: frozenset  # a specification's units ("hp", "GHz"): the story's place does not hold for it
    country_nouns: frozenset    # "household", "exports": a country's adjective on them places the figure there
    region_adjectives: dict     # "European" -> "Europe": a region's adjective does the same
    region_adjective: re.Pattern
    released: re.Pattern        # "released", "freed", "swapped": captives set free are no longer captured
    charge_nouns: frozenset     # "five counts": a count of charges, never of people captured
    national: re.Pattern        # "nationally", "across the country": the figure is the home country's
    national_before: re.Pattern  # "the national average of" right before the figure


_ADV = r"(?:\s+(?:currently|now|already|still|reportedly|allegedly|mostly|all))*"


def _cue_atoms(cue: str) -> list[str]:
    """A status cue of the data file as regex pieces: "deaths?" -> d e a t h s?, "hospitali[sz]ed", a space is
    any whitespace, " {ADV}" adverbs ("are {ADV} in": "are still in"). Nothing else is special."""
    if re.search(r"[\\.^$*+(){}|]", cue.replace(" {ADV}", "")) or cue.count("[") != cue.count("]"):
        raise ValueError(f"status cue {cue!r} in scope.json: only '?', '[...]' and ' {{ADV}}' are special")
    atoms: list[str] = []
    i = 0
    while i < len(cue):
        ch = cue[i]
        if cue.startswith(" {ADV}", i):
            atoms.append(_ADV)
            i += 6
        elif ch == " ":
            atoms.append(r"\s+")
            i += 1
        elif ch == "[":
            j = cue.index("]", i)
            atoms.append(cue[i:j + 1])
            i = j + 1
        elif ch == "?" and atoms:
            atoms[-1] = "(?:%s)?" % atoms[-1] if len(atoms[-1]) > 1 and atoms[-1][0] != "[" else atoms[-1] + "?"
            i += 1
        else:
            atoms.append(re.escape(ch))
            i += 1
    return atoms


def _cue_pattern(cues, tail: str = r"(?![\w-])") -> re.Pattern:
    """Any of the cues (_cue_atoms) as whole words, any case; `tail` what must follow ("\\s+\\Z": the figure)."""
    return re.compile(r"(?<![\w-])(?:%s)%s" % ("|".join("".join(_cue_atoms(c)) for c in cues), tail), re.I)


@lru_cache(maxsize=None)
def lex() -> Lex:
    t = load_table("scope.json")
    classes = {}
    for cls, words in t["noun_classes"].items():
        for w in words:
            classes[w.lower()] = cls
    # (each status's cues in their order: which one matches matters; any_status, for yes/no only, is the trie
    # of all of them: under re.I the engine would try all 190 at every position)
    status_patterns = []
    all_cues = []
    for status, cues in t["status_cues"].items():
        if status == "planned":
            cues = cues + t["count_planned_cues"]["cues"]      # (the amounts' cues are status_cues' alone)
        body = "|".join("".join(_cue_atoms(c)) for c in cues)
        all_cues.extend(cues)
        status_patterns.append((status, re.compile(r"(?<![\w-])(?:%s)(?![\w-])" % body, re.I)))
    return Lex(
        stop=frozenset(t["np_stopwords"]), classes=classes,
        multi_classes=sorted((w for w in classes if " " in w), key=len, reverse=True),
        group_nouns=frozenset(t["group_nouns"]), ranks=frozenset(t["military_ranks"]),
        descriptive=frozenset(t["descriptive_adjectives"]),
        casualty=t["casualty_adjectives"], status_patterns=status_patterns,
        # (as a trie: only whether a cue is there matters, and the engine tries a branch or two per position)
        planned=re.compile(r"(?<![\w-])(?:%s)(?![\w-])" % trie(
            _cue_atoms(c) for c in t["status_cues"]["planned"] + t["amount_planned_cues"]), re.I),
        planned_after=re.compile(r"(?<![\w-])(?:%s)(?![\w-])" % "|".join(t["amount_planned_after"]), re.I),
        any_status=re.compile(r"(?<![\w-])(?:%s)(?![\w-])" % trie(_cue_atoms(c) for c in all_cues), re.I),
        before_patterns=re.compile(r"\b(?:the |a |an |its |their )?(?:%s)\s+$" % "|".join(
            re.escape(p) for p in t["counted_patterns_before"]), re.I),
        toll_words=t["toll_words"], non_locative_heads=frozenset(t["non_locative_heads"]),
        locatives=frozenset(t["locative_prepositions"]),
        region_words=frozenset(load_table("places.json")["region_words"]),
        unknown_place=re.compile(t["unknown_place_pattern"]),
        not_places=frozenset(t["not_places"]),
        subject_country=re.compile(r"\s+(?:%s)\b" % "|".join(t["subject_country_verbs"])),
        participles=frozenset(t.get("participles", ())),
        not_amount_nouns=frozenset(t.get("not_amount_nouns", ())),
        case_nouns=frozenset(t.get("case_nouns", ())), not_diseases=frozenset(t.get("not_diseases", ())),
        placeless_units=frozenset(t["placeless_units"]["units"]),
        country_nouns=frozenset(t["country_adjective_nouns"]["words"]),
        region_adjectives=t["country_adjective_nouns"]["region_adjectives"],
        region_adjective=re.compile(r"\b(?:%s)\b" % "|".join(t["country_adjective_nouns"]["region_adjectives"])),
        charge_nouns=frozenset(t["charge_nouns"]["words"]),
        released=_cue_pattern(t["release_cues"]["words"]),
        national=_cue_pattern(t["national_cues"]["sentence"]),
        national_before=_cue_pattern(t["national_cues"]["before_figure"], r"\s+\Z"),
        works_at=re.compile(r"\b(?:%s)\s+at\Z" % "|".join(map(re.escape, t.get("employee_nouns", ()))) or r"(?!x)x", re.I))


# ---------------------------------------------------------------- clause windows

_DASH_PAIR = re.compile(r"\s[-–—]\s[^-–—]{3,200}?\s[-–—]\s")
_RELATIVE = re.compile(r",\s(?:which|who|where|whose)\b[^,;]*(?:,|$)")
_CLAUSE_BREAK = re.compile(r";|:\s|,\s(?:but|and|while|whereas|although|though|after|when|amid|because|"
                           r"as(?!\s+(?:many|much|few|high|low|well|large|long|of|part)\b))\b|\sbut\s|"
                           r"\band\sthat\s|(?<![A-Z])[.!?]\s")


_PART_OF = re.compile(r"\s+of\s+(?:them|whom|which|those|these)\b")
_LIST_GAP = re.compile(r"^\s+(?:[a-z][\w'-]*\s+){0,3}(?:and|or)\s+\Z|^\s+(?:[a-z][\w'-]*\s+){0,2}[a-z][\w'-]*,\s+\Z")
_MODIFIER_GAP = re.compile(r"^\s+[\w'-]+(?:\s+[\w'-]+){0,2}\s(?:in|across|at|among)\s+(?:the\s+|some\s+|about\s+|nearly\s+|over\s+)?$")


def is_modifier(f: Figure, siblings: list[Figure]) -> bool:
    """A figure inside another figure's phrase ("106 protesters in 21 cities") only qualifies it."""
    g = _previous_sibling(f, siblings)
    return g is not None and bool(_MODIFIER_GAP.search(f.sentence.text[g.quantity.end:f.quantity.start]))


def _previous_sibling(f: Figure, siblings: list[Figure]) -> Figure | None:
    i = siblings.index(f) if len(siblings) < 64 else next(k for k, g in enumerate(siblings) if g is f)
    return siblings[i - 1] if i > 0 else None


def excluded_spans(text: str) -> list[tuple[int, int]]:
    """Asides that a figure outside them must not take its place or status from."""
    spans = [(m.start(), m.end()) for m in _DASH_PAIR.finditer(text)]
    spans += [(m.start(), m.end()) for m in _RELATIVE.finditer(text)]
    return sorted(spans)


# the text before a figure that the end-anchored patterns look at: none of them spans more, and searching
# the whole sentence from its start would try every position
_TAIL = 120
REACH = 240   # no clause of a real sentence runs further from its figure; bounds work on hostile text


def figure_window(text: str, start: int, end: int, excluded, others) -> tuple[list, list]:
    """Ranges of text before and after a figure that belong to its clause, with asides cut out.
    `others` are the spans of the sentence's other figures: a clause stops at the next figure."""
    lo, hi = max(0, start - REACH), min(len(text), end + REACH)
    for s, e in excluded:
        if s <= start and end <= e:      # the figure sits inside an aside: its clause is the aside
            lo, hi = max(s, lo), min(e, hi)
            excluded = [x for x in excluded if x != (s, e)]
            break
    after_end = hi
    for m in _CLAUSE_BREAK.finditer(text, end, hi):
        if not any(s <= m.start() < e for s, e in excluded):
            after_end = m.start()
            break
    listed_end = end
    for s, e in others:
        if s > after_end:
            break
        if end <= s < after_end and not any(xs <= s < xe for xs, xe in excluded):
            if _MODIFIER_GAP.search(text[end:s]):
                continue   # "106 protesters in 21 cities have been killed": the clause goes on
            if _LIST_GAP.search(text[listed_end:s]) and not lex().any_status.search(text, listed_end, s) and \
                    not _PART_OF.match(text, e):
                listed_end = e
                continue   # "800 rescuers and 60 vehicles have been sent": one verb for the whole list
                # (not "1,700 people nationwide, 800 of them in Sindh": a part of the first)
            after_end = s
            break
    before_start = lo
    for m in _CLAUSE_BREAK.finditer(text, lo, start):
        if not any(s <= m.start() < e for s, e in excluded):
            before_start = m.end()

    def cut(a, b):
        parts, pos = [], a
        for s, e in excluded:
            if e <= a or s >= b:
                continue
            if s > pos:
                parts.append((pos, s))
            pos = max(pos, e)
        if pos < b:
            parts.append((pos, b))
        return parts
    return cut(before_start, start), cut(end, after_end)


# ---------------------------------------------------------------- counted

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


# ---------------------------------------------------------------- places

def _locative(text: str, p) -> bool:
    lx = lex()
    if _MEDIA_NAME_NEXT.match(text, p.end):
        return False  # "leaked to the New York Times": a newspaper's name, not where
    if p.name in places().body_names:
        # a body of the solar system is where a figure is when the sentence names it as a place: after a
        # preposition ("the surface of Europa", "on Mars"), as an owner ("Titan's crust"), as its subject
        return bool(_BODY_AS_PLACE_BEFORE.search(text, max(0, p.start - 20), p.start) or
                    text.startswith(("'s", "’s"), p.end) or not text[:p.start].strip())
    after = text[p.end:p.end + 30]
    if _possessive_not_region().match(after):
        return False  # "Russia's war" names a party, not a place
    if re.match(r"['’]s?\s+[A-Z]", after):
        return False  # "Russia's Kursk region": the place is the next name
    nxt = re.match(r"\s+([a-z]+)", after)
    if nxt and nxt.group(1) in _event_nouns():
        return True   # "the Paris march", "the Hatay earthquake": where it happened
    if " of" in text[max(0, p.start - 4):p.start] and any(
            m.start(1) == p.start for m in places().described_place.finditer(text, max(0, p.start - 60), p.end)):
        return True   # "in the northern city of Kunduz", "the restive province of Balochistan"
    words = [w for _, _, w in _tokens_back(text, p.start, 7)]
    allowed_between = _between_locative_and_place()
    for i, w in enumerate(words):
        low = w.lower().strip("[]")
        if low in lx.locatives:
            before = words[i + 1].lower() if i + 1 < len(words) else ""
            return before not in lx.non_locative_heads
        if low in allowed_between or w[:1].isupper() or low.endswith("-occupied") or low.endswith("'s"):
            continue
        return False
    return False


_BODY_AS_PLACE_BEFORE = re.compile(r"(?<![\w-])(?:of|on|to|from|at|around|orbiting|across|beneath|below|above|near|"
                                   r"toward|towards|into|onto|in|In|On|From)\s+(?:the\s+)?\Z")
# the words that end a newspaper's or a broadcaster's name after a place: "the New York Times", "the Washington Post"
_MEDIA_NAME_NEXT = re.compile(r"\s+(?:Times|Post|Journal|Herald|Tribune|Gazette|Chronicle|Telegraph|Examiner|Observer|"
                              r"Globe|Inquirer|Standard|Star|Daily|News|Press|Radio|TV|Television|Argus|Courier|"
                              r"Dispatch|Register|Bulletin)\b")


@lru_cache(maxsize=None)
def _event_nouns() -> frozenset:
    return frozenset(load_table("scope.json").get("event_nouns", ()))


@lru_cache(maxsize=None)
def _bare_demonyms() -> dict:
    """A people named by its demonym alone ("North Koreans", "Chinese") -> the demonym."""
    out: dict = {}
    for d in places().demonym_country:
        out.setdefault(d + "s", d)
        if d.endswith(("ese", "ish", "ss")):
            out.setdefault(d, d)
    return out


@lru_cache(maxsize=None)
def _between_locative_and_place() -> frozenset:
    return frozenset({"the", "a", "of", "border", "northern", "southern", "eastern", "western", "central",
                      "north", "south", "east", "west", "occupied", "frontline", "front", "line", "neighbouring",
                      "neighboring", "nearby", "rural", "coastal", "remote", "war-torn", "northeastern",
                      "northwestern", "southeastern", "southwestern",
                      # "in the city of Karachi", "in the port of Algeciras", "on the island of Lampedusa"
                      "city", "port", "town", "village", "island", "outskirts"} | lex().region_words)


@lru_cache(maxsize=None)
def _possessive_not_region() -> re.Pattern:
    return re.compile(r"['’]s?\s+(?![A-Z])(?!(?:%s)\b)" % "|".join(map(re.escape, lex().region_words)))


@lru_cache(maxsize=None)
def _org_word_next() -> re.Pattern:
    return re.compile(r"\s+(?:%s)\b" % "|".join(map(re.escape, load_table("attribution.json")["org_words"])))


def _tokens_back(text: str, pos: int, limit: int):
    toks = list(WORD.finditer(text, max(0, pos - 80), pos))
    return [(m.start(), m.end(), m.group(0)) for m in reversed(toks)][:limit]


def _country_by_adjective(text: str, ranges, q) -> str | None:
    """The country whose adjective sits on a thing of it in the figure's clause ("the average US household",
    "Chinese exports"; scope.json country_adjective_nouns), or whose people a share is of ("70 percent of
    Americans"); None when none does."""
    lx = lex()
    pl = places()
    for a, b in ranges:
        if q is not None and q.kind == "percent":
            share = _SHARE_OF_PEOPLE.match(text, q.end, b)
            if share and share.group(1) in pl.demonym_country:
                return pl.demonym_country[share.group(1)]       # "70 percent of Americans"
        for m in itertools.chain(pl.demonym_pattern.finditer(text, a, b), lx.region_adjective.finditer(text, a, b)):
            country = pl.demonym_country.get(m.group(0)) or lx.region_adjectives.get(m.group(0))
            if country is None:
                continue
            noun = _NEXT_WORDS.match(text, m.end())
            if noun and any(w.lower() in lx.country_nouns for w in noun.group(1).split()):
                return country
    return None


_SHARE_OF_PEOPLE = re.compile(r"[ \u00a0]+of[ \u00a0]+(?:all[ \u00a0]+)?([A-Z][a-z]+)s\b")
_NEXT_WORDS = re.compile(r"[ \u00a0]+((?:[a-z][\w-]*[ \u00a0]+)?[A-Za-z][\w-]*)")     # the noun, maybe after a word


def _place_in(text: str, ranges, prefer_last: bool):
    found = []
    lx = lex()
    for a, b in ranges:
        known = places().find(text[a:b])
        for p in known:
            found.append((a + p.start, p))
    found = [(pos, p) for pos, p in found if _locative(text, _shift(p, pos))]
    for a, b in ranges:     # a name the gazetteer does not know: "near Gaziantep", "in the city of Izmir"
        for m in lx.unknown_place.finditer(text, a, b):
            name = m.group(1)
            if name.split()[0] in lx.not_places or any(pos <= m.start(1) < pos + (p.end - p.start) for pos, p in found):
                continue
            if places().canonical.get(name) or name in places().demonym_country:
                continue
            if re.match(r"['’]s\s+[A-Z]", text[m.end(1):]):
                continue   # "Kestria's Orvel province": the place is the next name
            if _OWNER_AFTER_UNKNOWN.match(text, m.end(1)):
                continue   # "a stake in Kylie Jenner's company", "in Jenner's portfolio": a person's
            if _org_word_next().match(text, m.end(1)):
                continue
            if lx.works_at.search(text, max(0, m.start() - 30), m.start() + 2):
                continue   # "analysts at Nomura said": an employer
            found.append((m.start(1), PlaceMatch(0, len(name), name, None, False)))
    found.sort(key=lambda x: x[0])
    if not found:
        return None
    return (found[-1] if prefer_last else found[0])[1]



# a name the gazetteer does not know that owns something is a person's or a company's: an unknown place rarely
# owns anything in a news sentence ("a stake in Kylie Jenner's cosmetics company"); a known one may ("in Gaza's
# hospitals")
_OWNER_AFTER_UNKNOWN = re.compile(r"['’]s?\s+[a-z]")


def _shift(p, pos):
    return replace(p, start=pos, end=pos + (p.end - p.start))


# ---------------------------------------------------------------- status

# what ends another figure's clause between a status word and this figure: "14 people were arrested and |
# three officers were injured"
_OTHER_CLAUSE = re.compile(r"\b(?:and|but|while|whereas)\b|;")
_CASUALTY_STATUSES = frozenset({"killed", "wounded", "missing", "captured", "casualties"})
# a coordinated clause with a verb of its own: "... and forced", ", forces" (not "and 30", "and another")
_NEW_VERB_CLAUSE = re.compile(r"\band\s+(?!(?:about|some|nearly|more|less|fewer|at|up|over|almost|around|the|a|an|"
                              r"another|other|its|their|his|her|at\s+least)\b)[a-z]+(?:ed|es|s)\b(?!\s+by\b)")
# a coordinated verb right after "and": "infected 4,500 people and killed 120" (not "police and gendarmes had
# been deployed", nouns joined by "and")
_AND_VERB_BEFORE = re.compile(r"\b(?:and|but)\s+(?:(?:also|then|later)\s+)?\Z")
# another figure's own noun, right after it: "109 deaths as of Monday, up from 3,900 cases"
_FIGURE_NOUN_GAP = re.compile(r"\s*\Z")


def _status_in(text: str, before, after, others=(), own_noun: bool = False) -> tuple[str, int] | None:
    """The status word nearest the figure in its clause, and its distance. A word before the figure does not
    count when it belongs to another, earlier figure: in a clause joined to this one by 'and' ("14 people were
    arrested and three officers injured"), or right after that figure when this one has its own noun ("109
    deaths, up from 3,900 cases"; but "15,000 marched, organisers claim 100,000" shares the verb)."""
    best = None
    # most windows hold no status word at all: one scan for any of them, the per-status scans only where one is
    lx = lex()
    after = [(a, b) for a, b in after if lx.any_status.search(text, a, b)]
    before = [(a, b) for a, b in before if lx.any_status.search(text, a, b)]
    if not after and not before:
        return None
    for status, pat in lx.status_patterns:
        for a, b in after:
            for m in pat.finditer(text, a, b):
                d = m.start() - a
                if best is None or d < best[1]:
                    if m.group(0)[-1:] == "s" and any(a < e <= m.start() and _FIGURE_NOUN_GAP.match(text, e, m.start())
                                                      for _, e in others):
                        continue   # "26 cases and 11 deaths": the next figure's noun
                    if _AND_VERB_BEFORE.search(text, a, m.start()) and any(m.end() <= s2 <= m.end() + 40 for s2, _ in others):
                        continue   # "infected 4,500 people and killed 120": the next figure's own verb
                    best = (status, d)
        for a, b in before:
            for m in pat.finditer(text, a, b):
                d = b - m.end()
                if best is None or d < best[1]:
                    owner = max((e for _, e in others if a <= e <= m.start()), default=None)
                    if owner is not None and (_OTHER_CLAUSE.search(text, m.end(), b) or
                                              own_noun and _FIGURE_NOUN_GAP.match(text, owner, m.start()) and
                                              m.group(0)[-1:] == "s"):     # a noun ("deaths"), not "killed"
                        continue
                    # the verb's own object comes first: "killed at least 12 people and forced more than
                    # 300,000 to flee" (but "killed 12 civilians and 30 soldiers" shares it)
                    taken = max((e for s2, e in others if m.end() <= s2 and e <= b), default=None)
                    if taken is not None and _NEW_VERB_CLAUSE.search(text, taken, b):
                        continue
                    best = (status, d)
    return best


def _planned_in(text: str, start: int, end: int, before, after) -> bool:
    """A planned, promised or expected cue right before an amount, in its clause ("is set to raise up to", "plans
    to spend a total of", "forecast another"), or a time to come right after it ("5.4% of GDP next year")."""
    lx = lex()
    near = [(max(a, start - _PLANNED_BEFORE), b) for a, b in before if b > start - _PLANNED_BEFORE]
    return any(lx.planned.search(text, a, b) for a, b in near) or \
        any(lx.planned_after.search(text, a, min(b, end + _PLANNED_AFTER)) for a, b in after if a < end + _PLANNED_AFTER)


_PLANNED_BEFORE = 45     # characters: the verb phrase that governs the amount, not an earlier clause's
_PLANNED_AFTER = 40


# ---------------------------------------------------------------- the step

@dataclass
class _Raw:
    counted: str | None = None
    demonym: str | None = None
    head: str = ""
    anaphoric: bool = False
    np_end: int | None = None
    present: bool = False       # a crowd verb right after the figure: the people counted were there


def apply_scope(page: Page, figures: list[Figure], story: StoryContext) -> None:
    """Fill counted, location, status and quoted on every figure of a page, in place."""
    lx = lex()
    block_quotes = {}
    by_sentence: dict[int, list[Figure]] = {}
    for f in figures:
        by_sentence.setdefault(f.sentence.index, []).append(f)
    raws: list[_Raw] = []
    for f in figures:
        block = page.blocks[f.sentence.block]
        if f.sentence.block not in block_quotes:
            block_quotes[f.sentence.block] = quote_spans(block.text)
        pos_in_block = f.start - block.start
        f.quoted = block.kind == "quote" or inside(block_quotes[f.sentence.block], pos_in_block) is not None
        raws.append(_counted_raw(f))

    # demonyms the page counts most: "North Koreans" -> "North Korean troops"
    by_demonym: dict[str, Counter] = {}
    for r in raws:
        if r.demonym and r.head:
            by_demonym.setdefault(r.demonym, Counter())[r.counted] += 1
    dominant_military = _military_demonyms(page)

    previous_count: Figure | None = None
    modifiers = {id(f) for f in figures if is_modifier(f, by_sentence[f.sentence.index])}
    for f, r in zip(figures, raws):
        q = f.quantity
        if r.counted and not r.head and r.demonym:        # bare demonym plural
            counts = by_demonym.get(r.demonym)
            if counts:
                r.counted = counts.most_common(1)[0][0]
            elif dominant_military.get(r.demonym):          # the page is about that side's forces
                r.counted = f"{r.demonym} troops"
            r.head = r.counted.split()[-1]
        if r.counted is None and q.kind != "count":
            prev = _previous_sibling(f, by_sentence[f.sentence.index])
            if prev is not None and prev.counted and re.fullmatch(
                    r"(?:\s+(?:in|on|at|for)\s+(?:[A-Z][a-z]+|the\s+\w+)(?:\s+\d{4})?)?"    # "to 2.3% in April from 3.2%"
                    r"(?:\s+from\s+(?:a|the)\s+(?:year|month|quarter|week)\s+(?:earlier|before|ago))?"   # "rose 4.1%
                    r"\s*(?:,\s*)?(?:to|from|or|and|up from|down from)\s+(?:a|an|about|around)?\s*(?:record\s+)?"
                    r"|\s*\(\s*",                                             # from a year earlier to a record $435,300"
                    f.sentence.text[prev.quantity.end:q.start]):
                r.counted = prev.counted          # "the budget rose 3.5% to $4.2 billion"
                r.head = prev.extra.get("head", r.head)
        if q.kind == "count" and r.head == "others" and r.counted == "others":
            # "12 people died and 30 others were injured", "The five companies join nine others": the same
            # people or things as the count before it in the sentence
            if previous_count is not None and previous_count.sentence is f.sentence:
                r.counted = r.head = None
            else:
                m = None
                for m in _NUMBER_AND_NOUN.finditer(f.sentence.text, 0, q.start):
                    pass
                if m is not None and m.group(1) != "others":
                    r.counted, r.head = m.group(1), m.group(1).split()[-1]
        if r.counted is None and q.kind == "count" and previous_count is not None and \
                not _casualty_after(f.sentence.text, q.end):
            r.counted = previous_count.counted
            r.anaphoric = True
        if r.counted and not r.demonym and q.kind == "count" and _is_people_like(r.head):
            demonym = _sentence_demonym(f, figures, raws) or _subject_country_demonym(f)
            if demonym is None and dominant_military and r.head != "people" and \
                    (r.head in lx.classes.values() or r.head in lx.group_nouns or r.head in lx.ranks):
                # (the side whose forces the page counts: its soldiers, units and ranks, not people in general:
                # "1,200 people were killed, Israeli officials said")
                demonym = dominant_military.most_common(1)[0][0]
            if demonym:
                r.counted = f"{demonym} {r.head}"
                r.demonym = demonym
        f.counted = r.counted
        if q.kind != "count" and r.head:
            f.extra["head"] = r.head            # measures of amounts match on the head noun ("budget")
        if q.kind == "count" and f.counted and id(f) not in modifiers:
            previous_count = f

    last_location = None
    # a page about a protest counts its crowd in every sentence ("120,000 people took part")
    protest_page = bool(page.blocks) and page.blocks[0].kind == "headline" and \
        _PROTEST().search(" ".join(b.text for b in page.blocks[:2])) is not None
    excluded_by_sentence = {i: excluded_spans(fs[0].sentence.text) for i, fs in by_sentence.items()}
    spans_by_sentence = {i: [(g.quantity.start, g.quantity.end) for g in fs] for i, fs in by_sentence.items()}
    for f, r in zip(figures, raws):
        i = f.sentence.index
        _place_and_status(f, r, by_sentence[i], last_location, id(f) in modifiers, excluded_by_sentence[i],
                          spans_by_sentence[i])
        if f.location:
            last_location = f.location
        if f.counted is None and f.quantity.kind == "count" and f.status in _CASUALTY_STATUSES:
            f.counted = "people"      # "earthquake kills at least 37": a toll counts people
        if f.counted == "people" and f.status == "in_place" and (protest_page or _PROTEST().search(f.sentence.text)):
            f.counted = "protesters"  # "1.2 million people marched": a crowd at a protest
        elif protest_page and f.quantity.kind == "count" and f.status == "other" and id(f) not in modifiers and \
                f.counted in ("people", "protesters") and \
                not _NOT_A_CROWD.search(f.sentence.text, max(0, f.quantity.start - _TAIL), f.quantity.start):
            # another count of the crowd: "ministry counts 312,000", "the interior ministry's count was 312,000"
            f.counted, f.status = "protesters", "in_place"
    # bare "cases" on a page about one outbreak are that disease's cases ("The measles outbreak ... has grown to
    # 481 cases" beside another outlet's "505 measles cases")
    bare = [f for f in figures if f.counted in lx.case_nouns]
    if bare:
        disease = _page_disease(page)
        if disease:
            for f in bare:
                f.counted = f"{disease} {f.counted}"
    # "in the capital": the capital of the country the page is about
    for f in figures:
        if f.location is None and "capital" in f.sentence.text and _IN_THE_CAPITAL.search(f.sentence.text) and \
                story.capital and \
                _IN_THE_CAPITAL.search(f.sentence.text, max(0, f.quantity.start - 60), f.quantity.end + 60):
            f.location = story.capital
    # the page's other estimates of the same crowd or toll are at the same place: "Tens of thousands marched
    # through Lisbon" ... "police put the figure at 35,000"
    # (only when the page places them all in one place)
    placed: dict[tuple, set] = {}
    elsewhere = _Elsewhere()
    for f in figures:
        if f.location and f.quantity.kind == "count" and f.counted and f.status not in (None, "other"):
            placed.setdefault((f.counted, f.status), set()).add(f.location)
    for f in figures:
        if f.location is None and f.quantity.kind == "count" and f.status not in (None, "other") and \
                not elsewhere(f.sentence):
            where = placed.get((f.counted, f.status))
            if where and len(where) == 1:
                f.location = next(iter(where))
    # the story's place holds for a figure that names none: the lede says where the story happens ("Floods in
    # eastern Libya ...", "Dubai's flagship carrier ..."); without one, the dateline says where its events are
    # (the deaths of a flood datelined DERNA), but not where a company's or a government's figures are
    # ... a figure the sentence sets in the whole country is the home country's ("Nationally, dealers sold"); and
    # a specification ("355 horsepower") happens nowhere
    lede_place = dateline_place = None
    for f in figures:
        if f.location is None and "country" in f.sentence.text and _THE_COUNTRY.search(
                f.sentence.text, max(0, f.quantity.start - 80), f.quantity.end + 25):
            # "the country had admitted 1.4 million refugees": the country named last, else the page's own
            country = _country_before(page.text, f.sentence.start + f.quantity.start) or story.home_country
            if country:
                f.location = country
                continue
        if f.location is None and "state" in f.sentence.text and _the_state_near(f):
            # "young people in the state who have used meth": the region named last, else the story's
            region = _region_before(page.text, f.sentence.start + f.quantity.start, story) or story.story_region
            if region:
                f.location = region
                continue
        if f.location is None and story.home_country and (
                lx.national.search(f.sentence.text) or
                lx.national_before.search(f.sentence.text, max(0, f.quantity.start - 40), f.quantity.start)):
            f.location = story.home_country
            continue
        if f.location is None and elsewhere(f.sentence) and _WIDE_RE.search(f.sentence.text):
            f.extra["wide"] = True         # (the measure key: the story's country, not its region)
        if f.location is not None or elsewhere(f.sentence) or _told_elsewhere(f, figures, page, elsewhere) or \
                f.quantity.unit in lx.placeless_units:
            continue
        if lede_place is None:
            lede_place = _lede_place(page, story) or ""
            dateline_place = story.dateline.city if story.dateline else ""
        if lede_place:
            f.location = lede_place
        elif dateline_place and f.quantity.kind == "count" and (f.status not in (None, "other") or
                                                                 f.counted in ("people", "protesters")):
            f.location = dateline_place
        else:
            continue
        f.extra["story_place"] = True      # (the measure key writes it at the story's level)


_THE_COUNTRY = re.compile(r"\bthe\s+country\b(?!['’]s)", re.I)     # (not 'the country's largest utility')


# "in the state", "across the province": the state as a place, after a preposition (not "the state's largest
# utility", "the state assembly", "the state of emergency")
_THE_STATE = re.compile(r"\b(?:in|across|throughout|around|outside|of|to|from|within)\s+the\s+(?:state|province)\b"
                        r"(?!['’]s|\s+of\b|[ -](?:assembly|legislature|parliament|senate|house|government|department|"
                        r"agency|police|media|television|broadcaster|news|budget|capital|border|line|level)\b)")


def _the_state_near(f: Figure) -> bool:
    """Whether the figure's clause says 'in the state' near it (no comma or semicolon between them)."""
    text, q = f.sentence.text, f.quantity
    for m in _THE_STATE.finditer(text, max(0, q.start - 80), q.end + 25):
        between = text[m.end():q.start] if m.end() <= q.start else text[q.end:m.start()]
        if not re.search(r"[,;]", between):
            return True
    return False


def _region_before(text: str, pos: int, story: StoryContext, reach: int = 400) -> str | None:
    """The region of the home country the text names last before `pos` (a state, a province; no city)."""
    regions = story.regions(places().find(text[max(0, pos - reach):pos]))
    return regions[-1] if regions else None


def _country_before(text: str, pos: int, reach: int = 400) -> str | None:
    """The country the text names last before `pos`, by name or by its adjective ("the Jordanian government")."""
    window = text[max(0, pos - reach):pos]
    pl = places()
    best = max(((p.start, p.country) for p in pl.find(window) if p.is_country),
               default=None)
    for start, _, word in pl.demonyms(window):
        country = pl.demonym_country.get(word)
        if country and (best is None or start > best[0]):
            best = (start, country)
    return best[1] if best else None


def _told_elsewhere(f: Figure, figures: list[Figure], page: Page, elsewhere) -> bool:
    """A headline figure that rounds a figure of the body which the body places away from the story's land
    ("UN counts nearly 1,000 dead or missing" for "1,012 people had died or disappeared at sea")."""
    if page.blocks[f.sentence.block].kind != "headline":
        return False
    low = f.quantity.low
    return any(g is not f and g.location is None and g.status == f.status and g.counted == f.counted and
               page.blocks[g.sentence.block].kind != "headline" and abs(g.quantity.low - low) <= 0.1 * low and
               elsewhere(g.sentence) for g in figures)


def _lede_place(page: Page, story: StoryContext) -> str | None:
    """The place the story happens in: the first place its lede names as one (the paragraph of its dateline, else
    its first paragraph of some length; after the dateline), else the dateline's place when the lede or the
    headline names it too, else the headline's place; else a known place the lede or the headline names as the
    owner of what the story is about, or a region or city it names otherwise."""
    # (the caption test last: it is the slowest of the three)
    paragraphs = [b for b in page.blocks[:8] if b.kind == "paragraph"]
    lede = None
    if story.dateline:
        lede = next((b.text for b in paragraphs if dateline(b.text) and not _PHOTO_CAPTION.search(b.text)), None)
    if lede is None:
        lede = next((b.text for b in paragraphs if len(b.text.split()) >= 15 and not _PHOTO_CAPTION.search(b.text)),
                    None)
    texts = []
    if lede:
        dl = dateline(lede)
        texts.append(lede[dl[2]:] if dl else lede)
    texts += [b.text for b in page.blocks[:2] if b.kind == "headline"]
    # (where an organisation sits is not where its story is: "researchers at NASA's Goddard Space Flight
    # Center in Greenbelt, Maryland")
    # (nor is where a show is held: "on display this week at the Los Angeles Auto Show")
    firsts = [_exhibition_name().sub(lambda m: " " * len(m.group(0)), _org_seat().sub(
        lambda m: " " * len(m.group(0)), _SENTENCE_END.split(text, 1)[0])) for text in texts]
    for i, first in enumerate(firsts):
        place = _place_in(first, [(0, len(first))], prefer_last=False)
        # (a name the gazetteer does not know is trusted in the lede's running text, or with a region word
        # ("Orvel province"): a headline capitalises names of events and titles too, "in Davis Cup Finals")
        if place is not None and place.name in places().body_names:
            continue       # (a space story's figures are mostly of agencies and companies on Earth)
        if place is not None and (place.name in places().canonical or place.name.split()[-1] in lex().region_words
                                  or i == 0 and lede and _trusted_unknown(first, place.name)):
            return place.name
        if i == 0 and story.dateline and any(story.dateline.city in t for t in texts):
            return story.dateline.city    # "DERNA, Libya - Floods swept through the city ... upstream of Derna"
    pl = places()
    for first in firsts:
        for p in pl.find(first):
            if p.name in pl.body_names:
                continue
            if _OWNER_AFTER.match(first, p.end):
                # the owner of what the story is about ("South Dakota's meth campaign", "Dubai's flagship
                # carrier"), not of who speaks or fights ("Seoul's spy agency", "Russia's war")
                if not _speaker_words().match(first, p.end):
                    return p.name
            elif not p.is_country and p.country and p.name not in pl.capitals and \
                    not _org_word_next().match(first, p.end):
                # a region or city named otherwise ("South Dakota is on meth"); a country or a capital named so
                # acts as its government ("North Korea has decided to send ...", "Beijing is pressing for ...")
                return p.name
    # a country's adjective on a thing of it: "U.S. employers added 128,000 jobs", "British inflation fell"
    country = _country_by_adjective(firsts[0], [(0, len(firsts[0]))], None) if firsts else None
    if country:
        return country
    if lede:
        return _big_city_modifier(firsts[0], story)
    return None


def _big_city_modifier(text: str, story: StoryContext) -> str | None:
    """A big city (gazetteer.BIG_CITY people or more) the lede names as a modifier of what it tells of: "a
    kidnapped 8-year-old Fort Worth girl", "in his Manhattan cell". The gazetteer reads a package city only where
    the text uses its name as a place (after "in", before a comma and its region); a city of that size before a
    common noun is one. Not a capital (it stands for its government: "the Beijing leadership"), a name followed by
    an organisation's word ("Houston Police Department") or a person's name; only a city of the country the
    story is set in (a foreign city before a noun names a thing of its own: "the Paris agreement")."""
    pl = places()
    home = story.home_country
    if home is None:
        return None
    for m in _CAPITALISED_BEFORE_NOUN.finditer(text):
        name = m.group(1)
        if name in pl.big_cities and name not in pl.capitals and name not in pl.canonical and \
                not _org_word_next().match(text, m.end(1)):
            place = pl.city_place(name, home, text)
            if place and place[1] == home:
                return place[0]
    return None


# one to three capitalised words before a lowercase word: "Fort Worth girl", "Manhattan cell"
_CAPITALISED_BEFORE_NOUN = re.compile(r"(?<![\w'’-])((?:[A-Z][\w'’-]+ ){0,2}[A-Z][\w'’-]+) (?!(?:%s)\b)(?=[a-z])"
                                     % "|".join(sorted(_NAME_PARTICLES, key=len, reverse=True)))


@lru_cache(maxsize=None)
def _org_seat() -> re.Pattern:
    """An organisation's seat: "... Space Flight Center in Greenbelt, Maryland" (scope.json seat_words)."""
    return re.compile(r"\b(?:%s)\s+(?:in|at|near|outside)\s+[A-Z][\w.'-]*(?:[ -][A-Z][\w.'-]*)*"
                      r"(?:,\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*)?" % "|".join(load_table("scope.json")["seat_words"]))


@lru_cache(maxsize=None)
def _exhibition_name() -> re.Pattern:
    """The name of a show or a meeting held in a city, place and all: "Los Angeles Auto Show", "L.A. Auto Show"
    (scope.json exhibition_names)."""
    words = sorted(load_table("scope.json")["exhibition_names"]["words"], key=len, reverse=True)
    return re.compile(r"(?<![\w.'’-])(?:[A-Z][\w.'’-]*\s+){1,4}(?:%s)\b" % "|".join(map(re.escape, words)))


def _trusted_unknown(text: str, name: str) -> bool:
    """A name the gazetteer does not know is a place only when it owns nothing ("a stake in Kylie Jenner's
    company": a person)."""
    i = text.find(name)
    return i >= 0 and not re.match(r"['’]s?\b", text[i + len(name):])


# a photo caption among the first paragraphs is no lede: "In this Nov. 10 photograph, ... (AP Photo/...)"
_PHOTO_CAPTION = re.compile(r"\((?:(?:AP|Reuters|AFP|Getty|EPA)\s+)?(?:photo|credit)\b|\bPhoto:|\bFILE PHOTO\b|REUTERS/|"
                            r"Getty Images|\bIn this (?:[\w,.]+\s+){0,8}(?:photo|photograph|image|picture)\b", re.I)


_OWNER_AFTER = re.compile(r"['’]s?\s+[a-z]")


@lru_cache(maxsize=None)
def _speaker_words() -> re.Pattern:
    """Words after an owner that make it a speaker or a party ("Seoul's spy agency", "Russia's war"): the
    attribution step's bodies, spokespeople and the words of their names, and the heads that are no place."""
    t = load_table("attribution.json")
    words = {w.lower() for key in ("org_words", "spokesperson_words", "generic_bodies", "titles")
             for phrase in t[key] for w in phrase.split()}
    words |= set(load_table("scope.json")["owner_speaker_words"])
    words |= lex().non_locative_heads          # "Russia's war": a party, not a place
    return re.compile(r"['’]s?\s+(?:[a-z]+\s+){0,2}(?:%s)\b" % "|".join(sorted(map(re.escape, words), key=len, reverse=True)))


_SENTENCE_END = re.compile(r"(?<=[a-z0-9][.!?])\s+(?=[A-Z])")


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
_IN_THE_CAPITAL = re.compile(r"\b(?:in|across|around)\s+the\s+(?:[A-Z][a-z]+\s+)?capital\b")
# another event ("in 1978"), everywhere ("87 detained nationwide, 34 of them in Paris") or away from the story's
# land ("died at sea on the central Mediterranean route")
class _Elsewhere(dict):
    """Whether a sentence tells of another event, everywhere or away (_ELSEWHERE), asked once per sentence: a
    page's figures share their sentences."""
    def __call__(self, sentence) -> bool:
        found = self.get(sentence.index)
        if found is None:
            found = self[sentence.index] = _ELSEWHERE.search(sentence.text) is not None
        return found


# everywhere, away or several places at once ("died across six states", "fled to neighbouring countries")
_WIDE = (r"\b(?:nationwide|countrywide|worldwide|globally|(?:across|around)\s+the\s+(?:country|world|globe)|at\s+sea|"
         r"abroad|overseas|"
         r"(?:large\s+|many\s+|most\s+)?parts\s+of\s+the\s+(?:country|world)|much\s+of\s+the\s+(?:country|world)|"
         r"offshore|(?:across|in|to)\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many|multiple|all|"
         r"both|other|neighbou?ring)\s+(?:[a-z]+\s+)?(?:states|countries|provinces|regions|counties|districts|nations))\b")
_ELSEWHERE = re.compile(r"\b(?:in|since|of)\s+(?:19|20)\d\d\b|" + _WIDE, re.I)
_WIDE_RE = re.compile(_WIDE, re.I)


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
                 "widens", "shrinks", "doubled", "halved", "tripled", "rises",
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


def _place_and_status(f: Figure, raw: _Raw, siblings: list[Figure], last_location, modifier: bool,
                      excluded, spans) -> None:
    text = f.sentence.text
    q = f.quantity
    i = bisect.bisect_left(spans, (q.start, q.end))
    others = spans[max(0, i - 8):i] + spans[i + 1:i + 9]
    before, after = figure_window(text, q.start, q.end, excluded, others)
    frame = None
    for frame in _REPORTING_FRAME.finditer(text, max(0, q.start - REACH), q.start):
        pass
    # where the claim was made is not where its figure is: "told a briefing in Geneva that 200,000 crossed..."
    # (the speaker's own place stays: "authorities in Beijing announced that two ...")
    place_before = [r for a, b in before for r in ((a, min(b, frame.start())), (max(a, frame.end()), b))
                    if r[1] > r[0]] if frame else before
    place = _place_in(text, after, prefer_last=False) or _place_in(text, place_before, prefer_last=True)
    if place is not None and place.name in places().body_names and raw.head and (
            raw.head.lower() in places().body_organisation_nouns or _is_people_like(raw.head)):
        place = None        # "14 companies may bid to deliver payloads to the lunar surface": not on the moon
    reported_there = False         # the place is where the count was recorded, not where people were sent
    if place is None and _PLACE_COUNT_WORD.search(text, max(0, q.start - 80), q.start):
        # "followed by Spain with 11,324", "Italy recorded the highest number of deaths, with 18,010": the
        # country whose count it is
        for p in places().find(text[max(0, q.start - 80):q.start]):
            if p.is_country and _PLACE_WITH.match(text, max(0, q.start - 80) + p.end, q.start):
                place = p
            elif _PLACE_REPORTS.match(text, max(0, q.start - 80) + p.end, q.start) and \
                    _PLACE_AS_SUBJECT.search(text, max(0, q.start - 120), max(0, q.start - 80) + p.start):
                place = p          # "Gaines County has reported 315 cases", "Blantyre district accounts for"
                reported_there = True
    aside = next(((s, e) for s, e in excluded if s <= q.start and q.end <= e), None)
    if place is None and aside and re.match(r"\W*where\b", text[aside[0]:aside[1]]):
        place = _place_in(text, [(0, aside[0])], prefer_last=True)   # "in the Kursk region - where ..."
    counting = q.kind == "count" and not modifier        # only counts have a deployment or casualty status
    status = _status_in(text, before, after, others, own_noun=bool(raw.head)) if counting else None
    if status and status[0] == "captured" and ((raw.counted or "").rpartition(" ")[2] in lex().charge_nouns or
                                               any(lex().released.search(text, a, b) for a, b in before + after)):
        # "two hostages were released in a prisoner swap"; "is charged with five counts": charges, not people
        status = ("other", status[1])
    if place is None and after and re.match(r"\s*(?:\w+\s+){0,2}there\b", text[after[0][0]:after[0][1]]):
        f.location = last_location                      # "as many as 8,000 were there"
    else:
        f.location = place.name if place else _country_by_adjective(text, before + after, q)
    if f.location is None or status is None and counting:
        parent = _including_parent(f, siblings)
        if parent is None and _SAME_FIGURE_AGAIN.search(text, max(0, q.start - _TAIL), q.start):
            parent = _previous_sibling(f, siblings)      # "..., while police put the figure at 35,000"
            if parent is not None and not raw.anaphoric and parent.counted != f.counted:
                parent = None
        if parent is not None:
            f.location = f.location or parent.location
            if status is None and parent.status:
                status = (parent.status, 0)
    if modifier:
        f.status = "other"
    elif q.kind != "count":
        # amounts, shares and durations have no deployment or casualty status, but may be planned or expected
        # ("is set to raise up to $12.9bn", "plans to spend $2.6 billion", "winds forecast to gust to 55 mph")
        f.status = "planned" if _planned_in(text, q.start, q.end, before, after) else "other"
    elif status:
        f.status = status[0]
    elif q.kind == "count" and f.location and not reported_there and f.location not in places().body_names and \
            (raw.demonym or _is_people_like(raw.head) or raw.anaphoric):
        f.status = "in_place"     # "10,000 North Korean troops in Russia"
    elif q.kind == "count" and (raw.head == "protesters" or raw.present):
        f.status = "in_place"     # a crowd count counts people who were there
    else:
        f.status = "other"


# a count on a protest page that is not its crowd: "a city of 1.9 million people", "home to 40,000"
_NOT_A_CROWD = re.compile(r"\b(?:of|to|population|inhabitants|residents|employs|employed|members?hip|holds?|"
                          r"capacity|seats|fits)\s+(?:[a-z]+\s+)?\Z", re.I)


# another estimate of the figure just given: "..., while police put the figure at 35,000", "police said 35,000"
_SAME_FIGURE_AGAIN = re.compile(r"\b(?:the\s+(?:[a-z]+\s+)?(?:figure|number|total|count|tally|toll|turnout|crowd|attendance)|"
                                r"(?:while|whereas|but)\s+(?:[\w'’-]+\s+){1,4}(?:said|say|says|estimated|put|counted|"
                                r"claimed|reported))\b[^,;]{0,30}\Z", re.I)


# a place that is the subject of its count: "<place>(, an aside,) (alone) has reported|recorded|accounts for N"
_PLACE_REPORTS = re.compile(r"(?:,[^,;]{1,60},)?\s+(?:alone\s+)?(?:has\s+|have\s+|had\s+)?(?:reported|recorded|"
                            r"registered|confirmed|counted|logged|accounts?\s+for|accounted\s+for)\s+(?:about\s+|"
                            r"around\s+|some\s+|nearly\s+|almost\s+|more\s+than\s+|at\s+least\s+|over\s+)?\Z")
# ... and begins its clause
_PLACE_AS_SUBJECT = re.compile(r"(?:^|[.;:,—–]\s*|\b(?:and|while|but|that)\s+)(?:the\s+|The\s+)?\Z")
# a word one of the two needs (looked for first: most figures have none before them)
_PLACE_COUNT_WORD = re.compile(r"with|reported|recorded|registered|confirmed|counted|logged|account")
_PLACE_WITH = re.compile(r"(?:\s+(?:recorded|reported|registered|counted|confirmed|had|saw)\b[^,;]{0,50},?)?\s+with\s+"
                         r"(?:[a-z]+\s+){0,2}\Z")
_REPORTING_FRAME = re.compile(r"\b(?:said|says|told|tells|added|announced|reported|stated|wrote)\b[^,;\"“”]{0,80}?"
                              r"\bthat\s")


def _including_parent(f: Figure, siblings: list[Figure]) -> Figure | None:
    """The figure that this one is part of: "12,000 soldiers, including 500 officers, three of whom..."."""
    g = _previous_sibling(f, siblings)
    if g is None or g.quantity.kind != "count":
        return None
    between = f.sentence.text[g.quantity.end:f.quantity.start].lower()
    if g.status in _CASUALTY_STATUSES and _NEW_VERB_CLAUSE.search(between):
        return None        # "killed 40 people and damaged 3,000 homes": a clause of its own
    if re.search(r"\b(includ\w*|of whom|of which|among them|among whom|and)\b", between) or \
            re.match(r"\s*(?:of\s+)?(?:whom|which)", f.sentence.text[f.quantity.end:].lower()):
        return g if g.location or g.status else None
    return None
