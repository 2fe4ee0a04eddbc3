"""A stable key for the quantity a figure reports, so that the same quantity shares a key on any page:
what is counted, where, in what status, and when when the text dates it to another year
("north-korean-troops@kursk-region:in_place", "people@pakistan:killed.y2022"). Keys use only URL-safe
characters: letters, digits and - @ : ."""
from __future__ import annotations

import re

from ..reading.context import StoryContext
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
    # a place the figure takes from its story (scope: the lede's place) is written at the story's level in the
    # key, so that outlets that set the same story in a city or in its region still share it
    where = (None if f.extra.get("story_place") else f.location) or scope_place or "anywhere"
    # (an amount's status says whether it was planned or expected; outlets word the same budget both ways, "proposed"
    # and "presented", so the key keeps statuses for counts only)
    status = (f.status or "other") if q.kind == "count" else "other"
    key = f"{slug(what) or q.kind}@{slug(where) or 'anywhere'}:{status}"
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


def assign_measures(figures: list[Figure], page: Page | None = None, story: StoryContext | None = None) -> None:
    """Every figure's measure key. An unplaced figure takes the story's region, else its home country."""
    scope_place = None
    if page is not None and any(f.location is None or f.extra.get("story_place") for f in figures):
        story = story or StoryContext(page)
        scope_place = story.story_region or story.home_country
    year = page.published.year if page is not None and page.published else None
    for f in figures:
        f.measure = measure_key(f, scope_place, year)
