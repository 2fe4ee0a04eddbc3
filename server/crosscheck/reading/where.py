"""Where a figure is: the place its sentence names as where, and the story's place for figures that name none."""
from __future__ import annotations

import itertools
import re
from dataclasses import replace
from functools import lru_cache

from ..model import Figure, Page
from .context import StoryContext
from .dates import dateline
from .lexicon import NAME_PARTICLES as _NAME_PARTICLES, PlaceMatch, load_table, places
from .scope_words import WORD, lex


# ---------------------------------------------------------------- places a sentence names

def _locative(text: str, p) -> bool:
    lx = lex()
    if _MEDIA_NAME_NEXT.match(text, p.end):
        return False  # "leaked to the New York Times": a newspaper's name, not where
    if in_club_name(text, p.start, p.end):
        return False  # "a move to Real Madrid": a club's name
    if p.name in places().body_names:
        # a body of the solar system is where a figure is when the sentence names it as a place: after a
        # preposition ("the surface of Europa", "on Mars"), as an owner ("Titan's crust"), as its subject
        if _NEXT_NAME_OWNED.match(text, p.end):
            return False        # "flybys of Jupiter's Europa": the next name is the body meant
        return bool(_BODY_AS_PLACE_BEFORE.search(text, max(0, p.start - 36), p.start) or
                    text.startswith(("'s", "’s"), p.end) or not text[:p.start].strip())
    after = text[p.end:p.end + 30]
    if _possessive_not_region().match(after):
        # "Russia's war" names a party, not a place; a place written with its type word owns what lies in it
        # ("Marin County's cell sites", "Sindh province's schools")
        return _with_type_word(text[p.start:p.end])
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


_NEXT_NAME_OWNED = re.compile(r"['’]s[ \u00a0]+[A-Z]")
_BODY_AS_PLACE_BEFORE = re.compile(r"(?<![\w-])(?:of|on|over|to|from|at|around|orbiting|across|beneath|below|above|near|"
                                   r"toward|towards|into|onto|in|In|On|From)\s+(?:the\s+)?(?:[A-Z][a-z]+['’]s\s+)?\Z")
# the words that end a newspaper's or a broadcaster's name after a place: "the New York Times", "the Washington Post"
_MEDIA_NAME_NEXT = re.compile(r"\s+(?:Times|Post|Journal|Herald|Tribune|Gazette|Chronicle|Telegraph|Examiner|Observer|"
                              r"Globe|Inquirer|Standard|Star|Daily|News|Press|Radio|TV|Television|Argus|Courier|"
                              r"Dispatch|Register|Bulletin)\b")


@lru_cache(maxsize=None)
def _club_words() -> tuple[re.Pattern, re.Pattern]:
    clubs = load_table("scope.json")["club_names"]

    def words(key: str) -> str:
        return "|".join(map(re.escape, sorted(clubs[key], key=len, reverse=True)))
    return (re.compile(r"(?<![\w'’-])(?:%s)[ \u00a0]+$" % words("before")),
            re.compile(r"[ \u00a0]+(?:%s)(?![\w'’-])" % words("after")))


def in_club_name(text: str, start: int, end: int) -> bool:
    """Whether the place named at text[start:end] is part of a sports club's name (scope.json club_names)."""
    before, after = _club_words()
    return bool(before.search(text, max(0, start - 12), start) or after.match(text, end))


@lru_cache(maxsize=None)
def _not_a_place_next() -> re.Pattern:
    return re.compile(load_table("scope.json")["unknown_place_not_before"]["pattern"])


@lru_cache(maxsize=None)
def _event_nouns() -> frozenset:
    return frozenset(load_table("scope.json").get("event_nouns", ()))


@lru_cache(maxsize=None)
def _between_locative_and_place() -> frozenset:
    return frozenset({"the", "a", "of", "border", "northern", "southern", "eastern", "western", "central",
                      "north", "south", "east", "west", "occupied", "frontline", "front", "line", "neighbouring",
                      "neighboring", "nearby", "rural", "coastal", "remote", "war-torn", "northeastern",
                      "northwestern", "southeastern", "southwestern", "north-eastern", "north-western",
                      "south-eastern", "south-western", "north-east", "north-west", "south-east", "south-west",
                      # "in both Queensland and Victoria"
                      "both", "either",
                      # "in the city of Karachi", "in the port of Algeciras", "on the island of Lampedusa"
                      "city", "port", "town", "village", "island", "outskirts"} | lex().region_words)


@lru_cache(maxsize=None)
def _possessive_not_region() -> re.Pattern:
    return re.compile(r"['’]s?\s+(?![A-Z])(?!(?:%s)\b)" % "|".join(map(re.escape, lex().region_words)))


@lru_cache(maxsize=None)
def _org_word_next() -> re.Pattern:
    return re.compile(r"\s+(?:%s)\b" % "|".join(map(re.escape, load_table("attribution.json")["org_words"])))


def _with_type_word(name: str) -> bool:
    """Whether a place is written with its type word ('Marin County', 'Hunan province')."""
    return name.rpartition(" ")[2].lower() in lex().region_words


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
            if _OWNER_AFTER.match(text, m.end(1)):
                continue   # "a stake in Kylie Jenner's company", "in Jenner's portfolio": a person's
            if _org_word_next().match(text, m.end(1)) or _not_a_place_next().match(text, m.end(1)):
                continue      # (nor is a title, 'in Red Dead Redemption 2', nor a modifier, 'in World Cup-style')
            if lx.works_at.search(text, max(0, m.start() - 30), m.start() + 2):
                continue   # "analysts at Nomura said": an employer
            found.append((m.start(1), PlaceMatch(0, len(name), name, None, False)))
    for a, b in ranges:     # a named facility: "at the Woomera Detention Centre", "at Kandahar airport"
        for m in lx.facility_place.finditer(text, a, b):
            name = m.group(1)
            # (the facility holds the place the gazetteer found in its name: "Kandahar airport" over "Kandahar")
            found = [(pos, p) for pos, p in found if not m.start(1) <= pos < m.end(1)]
            found.append((m.start(1), PlaceMatch(0, len(name), name, None, False)))
    found.sort(key=lambda x: x[0])
    if not found:
        return None
    return (found[-1] if prefer_last else found[0])[1]

# a name that owns the words after it ("Dubai's flagship carrier"); one the gazetteer does not know is a person's or
# a company's: an unknown place rarely owns anything in a news sentence ("a stake in Kylie Jenner's cosmetics
# company"); a known one may ("in Gaza's hospitals")
_OWNER_AFTER = re.compile(r"['’]s?\s+[a-z]")


def _shift(p, pos):
    return replace(p, start=pos, end=pos + (p.end - p.start))


# ---------------------------------------------------------------- the story's place, for figures that name none

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
            elif not p.is_country and (p.country or _with_type_word(p.name)) and \
                    p.name not in pl.capitals and not _org_word_next().match(first, p.end) and \
                    not in_club_name(first, p.start, p.end):
                # a region or city named otherwise ("South Dakota is on meth", "Hunan province remained on high
                # alert": a region written with its type word is one, country known or not); a country or a capital
                # named so acts as its government ("North Korea has decided to send ...", "Beijing is pressing for")
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
