"""The story context: what every figure of a page shares, worked out once per page and read by every step
(scope, attribution, measure, align): the dateline, the country the story is set in, the places it names, the
region it is about, the day it was published and the names it is told with.

Each part is computed the first time a step asks for it: most pages need only some of them."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache

from .dates import MONTHS, WEEKDAYS, dateline
from .lexicon import PlaceMatch, load_table, places
from .nonfigures import sports_report
from ..model import Page

# places are looked for in the first characters of the text: a story sets its scene early, and the scan stays
# bounded on huge pages
PLACES_IN = 20000
MAX_NAMES = 60            # names a story is told with, at most: the ones the page repeats most


@dataclass(frozen=True)
class Dateline:
    place: str               # as written: "SEOUL", "DRAVENIK, Kestria"
    day: date | None         # the day it gives, when it gives a whole date
    city: str                # its first part, titled: "Seoul"
    country: str | None      # the country it names or lies in


class StoryContext:
    def __init__(self, page: Page):
        self.page = page

    @cached_property
    def dateline(self) -> Dateline | None:
        """The dateline of the first paragraphs ("SEOUL, Nov. 5 (AJP) -", "DERNA, Libya (Reuters) -")."""
        for b in [b for b in self.page.blocks if b.kind == "paragraph"][:4]:
            dl = dateline(b.text)
            if dl:
                # "BERLIN --": the place alone; "CAIRO/GAZA": filed from two places, the story's is the one the
                # page names most (the first on a tie)
                filed = dl[0].split("/")
                if len(filed) > 1:
                    text = self.page.text[:PLACES_IN]
                    filed = sorted(filed, key=lambda x: -text.count(x.strip(" -–—").split(",")[0].title()))
                parts = [x.strip(" -–—") for x in filed[0].split(",")]
                at = b.text.upper().find(dl[0].upper())
                state = places().abbreviation_pattern.match(b.text, at + len(dl[0])) if at >= 0 else None
                if state and len(parts) == 1:
                    parts.append(state.group(1))       # "SANTA FE, N.M. (AP)": the state's abbreviation
                return Dateline(dl[0], dl[1], parts[0].title(), _dateline_country(parts))
        return None

    @cached_property
    def places(self) -> list[PlaceMatch]:
        """The places the page names (lexicon.Places.find), in text order."""
        return places().find(self.page.text[:PLACES_IN], home=self.dateline.country if self.dateline else None)

    @cached_property
    def home_country(self) -> str | None:
        """The country the story is set in: its dateline's, else the one the page names most. A dateline of a city
        alone that only GeoNames knows sets it when the page names no country more often ('GENEVA (Reuters)' over
        a story of Congo's refugees is where a briefing was held)."""
        counts = Counter(p.country for p in self.places if p.country)
        dl = self.dateline
        if dl and dl.country and ("," in dl.place or dl.city in places().canonical or
                                  counts[dl.country] >= max(counts.values(), default=0)):
            return dl.country
        return counts.most_common(1)[0][0] if counts else None

    @cached_property
    def published(self) -> date | None:
        """The day the page was published: as the page or its caller gives it, else its dateline's."""
        return self.page.published or (self.dateline.day if self.dateline else None)

    @cached_property
    def capital(self) -> str | None:
        """The capital of the home country ("in the capital")."""
        country = self.home_country
        return next((c for c, k in places().capital_country.items() if k == country), None) if country else None

    def regions(self, found: list[PlaceMatch] | None = None, country: str | None = None) -> list[str]:
        """Regions of a country (default: the home country) among `found` (default: the page's places): known
        regions that are not countries, capitals or cities, and '<Name> province' names the table does not know
        (a known place with no country is a continent or a sea)."""
        pl = places()
        country = country or self.home_country
        return [p.name for p in (self.places if found is None else found)
                if not p.is_country and p.name not in pl.capitals and p.name not in pl.cities
                and p.name not in pl.body_names
                and (p.country is not None and (country is None or p.country == country) or
                     p.country is None and p.name not in pl.canonical)]

    @cached_property
    def story_region(self) -> str | None:
        """The region the story is about, in the home country (region_in)."""
        return self.region_in(self.home_country)

    def region_in(self, country: str | None) -> str | None:
        """The region of a country the story is about: the one region of it its headline names ("Sindh flood toll
        climbs to 74"), else the one its text names most (at least twice), or the only one it names, if the lede
        names it."""
        blocks = self.page.blocks
        if blocks and blocks[0].kind == "headline":
            named = set(self.regions(places().find(blocks[0].text), country))
            if len(named) == 1:
                return named.pop()
        counts = Counter(self.regions(None, country)).most_common(2)
        if counts and counts[0][1] >= 2 and (len(counts) == 1 or counts[0][1] > counts[1][1]):
            return counts[0][0]
        if len(counts) == 1 and counts[0][0] in self._lede_text:
            return counts[0][0]    # named once, but in the lede: "... in the Kursk region, officials said"
        return None

    @cached_property
    def sports_report(self) -> bool:
        """Whether the page is a sports report, whose game statistics are no claims (nonfigures.sports_report)."""
        return sports_report(self.page.url, self.page.text[:PLACES_IN])

    @cached_property
    def names(self) -> tuple[str, ...]:
        """The names the story is told with (story_names)."""
        return story_names(self.page.text[:PLACES_IN])

    @cached_property
    def _lede_text(self) -> str:
        """The headline and the first paragraphs (a region named once elsewhere is a detail, not the story's)."""
        return " ".join(b.text for b in self.page.blocks[:4])


_CAPITALISED = re.compile(r"\b[A-Z][\w\u2019'&.-]*[A-Za-z0-9]")
_IN_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_JOINERS = frozenset("\u2019'&.-")
# words that open sentences (attribution.json's not_first_names), months and weekdays are no names
_NOT_NAMES = frozenset([*MONTHS, *WEEKDAYS, *load_table("attribution.json")["not_first_names"]])


@lru_cache(maxsize=8)
def story_names(text: str) -> tuple[str, ...]:
    """The names a text is told with, lower-cased, the most repeated first (at most MAX_NAMES): words of three
    letters or more written with a capital at least twice and never in lower case (a sentence's first word is
    a word the text also writes in lower case, or one that opens sentences: 'The', 'However'), no month or weekday.
    Two outlets' stories of one event name the same people, places, bodies and products ('Stadia', 'Google',
    'Premiere') whatever their words and numbers; stories of two events share few (claims/align.py). Cached by
    text: align and the claim set read the same page's."""
    counts: Counter = Counter()
    for word, n in Counter(w.lower() for w in _CAPITALISED.findall(text)).items():
        counts[word[:-2] if word.endswith(("'s", "\u2019s")) else word] += n
    names = [w for w, n in counts.items() if n >= 2 and len(w) >= 3 and w not in _NOT_NAMES
             and not _in_lower_case(text, w)]
    return tuple(sorted(names, key=lambda w: (-counts[w], w))[:MAX_NAMES])


def _in_lower_case(text: str, word: str) -> bool:
    """Whether the text writes the (lower-case) word as a word of its own somewhere (str.find, not a pattern per
    word: the hot path reads every page's names)."""
    i, n, end = text.find(word), len(word), len(text)
    while i >= 0:
        after = text[i + n] if i + n < end else " "
        if (i == 0 or text[i - 1] not in _IN_WORD and text[i - 1] not in _JOINERS) and \
                (after not in _IN_WORD or after in _JOINERS):
            return True
        i = text.find(word, i + 1)
    return False


def _dateline_country(parts: list[str]) -> str | None:
    """The country of a dateline's parts: a capital ("SEOUL"), a country or demonym in it ("DRAVENIK,
    Kestria"), a known city or region ("KARACHI", "TUGUEGARAO": the most populous of its name), else its second
    part as written."""
    pl = places()
    first = parts[0].title()
    if first in pl.capital_country:
        return pl.capital_country[first]
    country = pl.country_of(", ".join(parts).title())
    if country:
        return country
    country = pl.country(first, parts[1] if len(parts) > 1 else None)      # "SANTA FE, N.M."
    if country:
        return country
    return parts[1] if len(parts) > 1 else None
