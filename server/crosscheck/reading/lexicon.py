"""The data tables that drive the rules (places, claimants, reporting words, scope cues), loaded once.

Everything here is read from the JSON files in crosscheck/data; code elsewhere asks questions of these
objects instead of keeping its own word lists."""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path


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


class Places:
    def __init__(self, table: dict):
        self.canonical: dict[str, tuple[str, str | None, bool]] = {}
        self.demonym_country: dict[str, str] = {}
        self.capital_country: dict[str, str] = {}
        self.country_demonym: dict[str, str] = {}
        for c in table["countries"]:
            for alias in [c["name"], *c["aliases"]]:
                self.canonical[alias] = (c["name"], c["name"], True)
            for d in c["demonyms"]:
                self.demonym_country.setdefault(d, c["name"])
            if c["demonyms"]:
                self.country_demonym[c["name"]] = c["demonyms"][0]
            if c["capital"]:
                self.capital_country[c["capital"]] = c["name"]
        for c in table["countries"]:       # capitals are places too (and metonyms for governments)
            if c["capital"] and c["capital"] not in self.canonical:
                self.canonical[c["capital"]] = (c["capital"], c["name"], False)
        self.capitals = {c["capital"] for c in table["countries"] if c["capital"]}
        self.cities: set[str] = set()
        for r in table["regions"]:
            for alias in [r["name"], *r["aliases"]]:
                self.canonical[alias] = (r["name"], r["country"], False)
            if r.get("kind") == "city":
                self.cities.add(r["name"])
        # Names that are also plain words or demonyms must not read as places on their own.
        for ambiguous in ("US", "U.S.", "the North", "North Korean"):
            self.canonical.pop(ambiguous, None)
        self.region_words = table["region_words"]
        self.name_prefixes = frozenset(table.get("place_name_prefixes", ()))
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

    def find(self, text: str) -> list[PlaceMatch]:
        found: list[PlaceMatch] = []
        for m in self.pattern.finditer(text):
            name, country, is_country = self.canonical[m.group(0)]
            end = m.end()
            # "Kursk area", "Hatay province": a known place followed by a region word stays that place
            tail = self.region_tail.match(text, end)
            if tail and not is_country:
                end = tail.end()          # "Kursk area", "Sindh province": the canonical name stays
            found.append(PlaceMatch(m.start(), end, name, country, is_country))
        # a generic "<Name> province" needs a region word: most texts hold none, and then one scan is enough
        generic = self.generic_region.finditer(text) if self.any_region_word.search(text) else ()
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
            if not head[0].isupper() or head.split()[0] in ("The", "A", "An", "This", "That"):
                continue
            if head in self.demonym_country or head.split("-")[0] in self.demonym_country:
                # "Russian border area", "Russian-occupied territory" are not place names
                continue
            found.append(PlaceMatch(start, m.end(), text[start:m.end()], None, False))
        found.sort(key=lambda p: p.start)
        return found

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
