"""A stable key for the quantity a figure reports, so that the same quantity shares a key on any page:
what is counted, where, in what status, and when when the text dates it to another year
("north-korean-troops@kursk-region:in_place", "people@pakistan:killed.y2022"). Keys use only URL-safe
characters: letters, digits and - @ : ."""
from __future__ import annotations

import re
from collections import Counter

from ..reading.lexicon import places
from ..model import Figure, Page

_YEAR = re.compile(r"(?<![\d$€£.,-])((?:19|20)\d\d)(?![\d%])")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def measure_key(f: Figure, scope_place: str | None = None, current_year: int | None = None) -> str:
    """`scope_place` stands in for a place the text does not give (the country the page is about), so a
    death toll in one story is not matched with every death toll anywhere; a year other than the page's
    own (the 2022 floods) keeps past events apart."""
    q = f.quantity
    what = (f.extra.get("head") if q.kind != "count" else None) or f.counted or \
        (q.unit if q.kind != "count" else None) or q.kind
    if q.kind == "money" and q.unit:
        what = f"{what} ({q.unit})" if f.counted else q.unit
    where = f.location or scope_place or "anywhere"
    key = f"{slug(what) or q.kind}@{slug(where) or 'anywhere'}:{f.status or 'other'}"
    years = {int(y) for y in _YEAR.findall(f.sentence.text)} - {current_year}
    if years:
        key += ".y" + "-".join(str(y) for y in sorted(years))
    if not f.counted and not f.extra.get("head"):
        # nothing says what this figure counts: it must not be matched with every other bare percentage;
        # only the same words around it (wire copy repeated by outlets) name the same quantity
        key += ".c-" + _context_slug(f)
    return key


def _context_slug(f: Figure) -> str:
    text = f.sentence.text
    q = f.quantity
    before = re.findall(r"[A-Za-z]{3,}", text[max(0, q.start - 60):q.start])[-3:]
    after = re.findall(r"[A-Za-z]{3,}", text[q.end:q.end + 60])[:3]
    return slug(" ".join(before + after))[:60] or "x"


def assign_measures(figures: list[Figure], page: Page | None = None) -> None:
    scope_place = None
    if page is not None and any(f.location is None for f in figures):
        from ..reading.pipeline import page_country
        country = page_country(page) or None
        scope_place = _story_region(page, country) or country
    year = page.published.year if page is not None and page.published else None
    for f in figures:
        f.measure = measure_key(f, scope_place, year)


def _story_region(page: Page, country: str | None) -> str | None:
    """The region a story is about, in the page's country: the one region (not a country, capital or city)
    its headline names ("Sindh flood toll climbs to 74"), else the only one its text names, or the one it
    names most (at least twice).
    Unplaced figures are that region's, on every page that tells the same story."""
    from ..reading.pipeline import page_places          # (the pipeline imports this module)
    pl = places()

    def regions(found):
        # a known region of the page's country, or a "<Name> province" the table does not know (a known place
        # with no country is a continent or a sea)
        return [p.name for p in found if not p.is_country and p.name not in pl.capitals and p.name not in pl.cities
                and (p.country is not None and (country is None or p.country == country) or
                     p.country is None and p.name not in pl.canonical)]
    if page.blocks and page.blocks[0].kind == "headline":
        named = set(regions(pl.find(page.blocks[0].text)))
        if len(named) == 1:
            return named.pop()
    counts = Counter(regions(page_places(page))).most_common(2)
    if counts and (len(counts) == 1 or counts[0][1] >= 2 and counts[0][1] > counts[1][1]):
        return counts[0][0]
    return None
