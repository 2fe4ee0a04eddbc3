"""A page's figures matched with the same quantities on other pages of its story, where their keys differ.

The measure key is built from one page's words, and outlets word the same quantity differently: one names the
thing ('a 2.0-liter engine'), another only its unit ('2-liter'); one sets a product's price in its dateline's
country, another nowhere. Those keys never meet. Here a figure whose key the claim set does not hold takes the
key of the same quantity on a page of the same story, by compatibility (issue 12):

- Two figures are the same quantity when their keys agree, or when they have the same kind and unit, values
  within 1% of each other (the same number written two ways: '$129' and '$129.99', '2-liter' and '2.0-liter'),
  the same status and years in their keys, and their keys differ only where one of them is weak: in what they
  count when one names nothing (a key made from the words around it, '.c-'), or when the value is distinctive
  on either and the same on both (one sum of €50 million named 'aid' by one outlet and 'the fund' by another;
  a price of $9.99 and $10), or when they are counts of one head noun ('nine US companies', 'the nine CLPS
  companies'), but never when the two name different countries ('North Korean troops', 'Russian troops'); in
  where when one has no place of its own (the page's country or 'anywhere' stood in); in the years when one
  gives none and the value is distinctive and the same ('$2.6 billion through November 2028' and '$2.6bn').
- Two pages tell the same story when they were published within a week of each other and such matches join
  at least two different values, one of them distinctive (not a small whole number: 275 horsepower, $2.6
  billion, 15.6 inches) and the same on both (within 0.2%: an air quality index of 218 is not a screen's 220
  pixels per inch). One shared value is a coincidence; five companies and three contracts are in every story.
  Pages told with the same names (reading/context.story_names: at least NAME_SHARE of the names of the one with
  fewer, two at least) need less: two values joined, or one distinctive value the same on both ('Stadia' and
  'Google' on both, $129.99 and $129, three months free: one launch).
- A key of the page moves when at least half of its figures match the one stored key (a toll that rose from 37
  to 112 matches the stored 112 once): figures that only share a key by a misreading stay where they are.

This is a reading of the claim set, done when a page is annotated: a figure is compared with the claims of every
stored key of its quantity, and is shown under one of them (its own when the claim set has it, else the stored
key most of its matches have), so the API and the extension give one key per quantity. The claim set keeps each
page's own keys: what it holds does not depend on the order pages came in (ingests running at once end as a
replay in any order does)."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from ..model import Figure, Page
from ..reading.context import StoryContext
from ..reading.lexicon import places
from .measure import key_parts, slug
from .store import ClaimStore, ReportRow
from .units import convert

TOLERANCE = 0.011          # relative: '$129' and '$129.99' are one price, '$10' and '$9.99' one fee
SAME = 0.002               # relative: a distinctive value two pages of one story both give
WINDOW = timedelta(days=7)  # pages of one story are published within days of each other
MIN_SHARED = 2             # values two pages share before they are taken for one story
MAX_STORY_SOURCES = 20     # pages read as the same story's, of each kind: most values, most names in common
MAX_ASKS = 60              # distinctive values of one page looked up (bounds work on a page of tables)
NAME_SHARE = 0.3           # share of story names two pages have in common, of the page with fewer, for one story


@dataclass(frozen=True)
class Keyed:
    """What matching needs of a figure, from a page or from a stored report."""
    key: str
    kind: str
    unit: str | None
    low: float
    weak_place: bool          # no place of its own: the key's place is a stand-in

    @classmethod
    def of_figure(cls, f: Figure) -> "Keyed":
        return cls(f.measure, f.quantity.kind, f.quantity.unit, f.quantity.low, _weak_place(f.location, f.measure))

    @classmethod
    def of_report(cls, r: ReportRow) -> "Keyed":
        return cls(r.measure, r.kind, r.unit, r.value_low, _weak_place(r.location, r.measure))


def _weak_place(location: str | None, key: str) -> bool:
    """A key whose place the figure does not give: none, or one the key writes otherwise (the story's or the
    page's country standing in)."""
    where = key_parts(key).where
    return location is None or where == "anywhere" or slug(location) != where


def close(a: float, b: float) -> bool:
    return abs(a - b) <= TOLERANCE * max(abs(a), abs(b))


def same_value(a: float, b: float) -> bool:
    return abs(a - b) <= SAME * max(abs(a), abs(b))


def same_quantity(a: Keyed, b: Keyed) -> bool:
    """Whether two figures of one story are the same quantity (the module's rule)."""
    if a.key == b.key:
        return True
    theirs = convert(b.low, b.unit, a.unit)      # (another unit of one dimension: '300 miles' and '483 km')
    if a.kind != b.kind or theirs is None or not a.low or not theirs or not close(a.low, theirs):
        return False
    b = replace(b, unit=a.unit, low=theirs)
    pa, pb = key_parts(a.key), key_parts(b.key)
    one_sum = one_value(a, b)       # (one sum named two ways, or dated by one outlet only)
    if pa.status != pb.status or pa.years != pb.years and not ((not pa.years or not pb.years) and one_sum):
        return False
    if pa.what != pb.what and (_other_countries(pa.what, pb.what) or
                               not (pa.context or pb.context or one_sum or _one_head(a, pa.what, pb.what))):
        return False
    return pa.where == pb.where or a.weak_place or b.weak_place


def _one_head(a: Keyed, what_a: str, what_b: str) -> bool:
    """Whether two counts name one thing with other modifiers: the same head noun ('us-companies' and
    'clps-companies', 'companies'). Counts only: an amount's head is its unit or a generic word ('budget')."""
    return a.kind == "count" and what_a.rpartition("-")[2] == what_b.rpartition("-")[2]


def _other_countries(what_a: str, what_b: str) -> bool:
    """Whether two keys' what name different countries ('north-korean-troops', 'russian-troops')."""
    a, b = _countries_named(what_a), _countries_named(what_b)
    return bool(a) and bool(b) and not a & b


@lru_cache(maxsize=4096)
def _countries_named(what: str) -> frozenset:
    words = what.split("-")
    table = _country_slugs()
    return frozenset(table[w] for n in (1, 2, 3) for i in range(len(words) - n + 1)
                     if (w := "-".join(words[i:i + n])) in table)


@lru_cache(maxsize=None)
def _country_slugs() -> dict:
    """A country's name or demonym as a key writes it -> the country ('north-korean', 'us', 'america')."""
    pl = places()
    table = {slug(name): country for name, (_, country, is_country) in pl.canonical.items() if is_country}
    table.update({slug(d): country for d, country in pl.demonym_country.items()})
    return table


def one_value(a: Keyed, b: Keyed) -> bool:
    """Whether two figures give one distinctive value: the same on both, distinctive on either ('$9.99', '$10')."""
    return (distinctive(a) or distinctive(b)) and same_value(a.low, b.low)


def distinctive(k: Keyed) -> bool:
    """A value two unrelated stories rarely share: not a small whole number ('three companies', '20%')."""
    return k.low >= 100 or k.low != int(k.low)


def _matches(page: list[Keyed], stored: dict[int, list[Keyed]]) -> dict[int, list[list[Keyed]]]:
    """For each stored page, for each figure of the page (in order), the stored figures of the same quantity."""
    return {source_id: [[b for b in theirs if same_quantity(a, b)] for a in page]
            for source_id, theirs in stored.items()}


def _story(page: list[Keyed], matches: dict[int, list[list[Keyed]]], named: set[int]) -> set[int]:
    out = set()
    for source_id, per_figure in matches.items():
        shared, strong = set(), False
        for a, found in zip(page, per_figure):
            if found:
                shared.add(round(a.low, 6))
                strong = strong or any(one_value(a, b) for b in found)
        enough = len(shared) >= MIN_SHARED
        if enough and strong or source_id in named and (enough or strong):
            out.add(source_id)
    return out


def same_story(page: list[Keyed], stored: dict[int, list[Keyed]], named: set[int] = frozenset()) -> set[int]:
    """The stored pages that tell the page's story: at least MIN_SHARED values joined by same_quantity, one of
    them distinctive and the same on both; of the pages told with the same names (`named`), those with
    MIN_SHARED values joined or one distinctive value the same on both."""
    return _story(page, _matches(page, stored), named)


def told_together(mine: int, theirs: int, shared: int) -> bool:
    """Whether two pages with `mine` and `theirs` story names, `shared` of them in common, are told with the
    same names."""
    return shared >= max(2, NAME_SHARE * min(mine, theirs))


@dataclass
class Alignment:
    """What align found: the key each of the page's keys is shown under (when it moves), and for each shown key
    the other keys the claim set holds its quantity under (compared with it as its own)."""
    shown: dict[str, str]
    twins: dict[str, tuple[str, ...]]

    def apply(self, figures: list[Figure]) -> None:
        for f in figures:
            f.measure = self.shown.get(f.measure, f.measure)


NOTHING = Alignment({}, {})


def align(page: Page, figures: list[Figure], store: ClaimStore, own_key: str | None = None) -> Alignment:
    """The stored keys of the same quantities on pages of the page's story (the module's rules). A figure whose
    key the claim set does not hold is shown under the stored key most of its matches have (the smallest of those
    that tie); figures of one key on the page move together. Neither the figures nor the claim set are changed
    (Alignment.apply shows the figures under their keys): the claim set keeps each page's own keys, whatever
    order pages came in."""
    if not figures:
        return NOTHING
    mine = [Keyed.of_figure(f) for f in figures]
    asks = sorted({(k.kind, k.unit, k.low) for k in mine if distinctive(k)})[:MAX_ASKS]
    published = page.published
    since, until = (published - WINDOW, published + WINDOW) if isinstance(published, date) else (None, None)
    own = {k for k in (own_key, page.url) if k}
    names = StoryContext(page).names
    named = {source_id for source_id, shared, theirs in store.sources_with_names(
        names, since=since, until=until, exclude=own, limit=MAX_STORY_SOURCES)
        if told_together(len(names), theirs, shared)}
    candidates = set(named)
    if asks:
        candidates.update(store.sources_with_values(asks, TOLERANCE, since=since, until=until, exclude=own,
                                                    limit=MAX_STORY_SOURCES))
    if not candidates:
        return NOTHING
    by_source: dict[int, list[Keyed]] = defaultdict(list)
    for r in store.reports_for_sources(candidates):
        by_source[r.source_id].append(Keyed.of_report(r))
    matches = _matches(mine, by_source)
    story = sorted(_story(mine, matches, named))
    if not story:
        return NOTHING
    # the stored keys each key of the page matches, by how many of its figures match them
    votes: dict[str, Counter] = defaultdict(Counter)
    matching: Counter = Counter()
    for i, k in enumerate(mine):
        keys = {b.key for s in story for b in matches[s][i]}
        votes[k.key].update(keys)
        matching[k.key] += bool(keys)
    sizes = Counter(k.key for k in mine)
    # half of a key's figures at least must match: figures that only share a key by a misreading stay apart
    matched = [key for key, counted in votes.items() if counted and 2 * matching[key] >= sizes[key]]
    held = {k for k, m in store.measures_many(matched).items() if m is not None} if matched else set()
    target: dict[str, str] = {}
    for key in matched:
        counted = votes[key]
        top = max(counted.values())
        target[key] = key if key in held else min(k for k, n in counted.items() if n == top)
    # two keys of the page are two quantities: never shown as one key, nor as a key the page itself has
    uses = Counter(v for k, v in target.items() if v != k)
    out = Alignment({}, {})
    for key, new in target.items():
        if new != key and (uses[new] > 1 or new in sizes):
            continue
        out.twins[new] = tuple(sorted(k for k in votes[key] if k != new))
        if new != key:
            out.shown[key] = new
    return out
