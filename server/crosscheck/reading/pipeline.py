"""The figures of a page, step by step: page -> sentences -> figures -> scope -> kinds -> attribution -> measure."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from time import perf_counter

from ..claims.measure import assign_measures
from ..model import Block, Figure, Page
from .attribution import attribute
from .context import StoryContext
from .figures import find_quantities, page_uses_thousands_dot
from .kinds import classify
from .lexicon import load_table
from .nonfigures import game_statistic, names_a_product, refers_back, why_not_a_figure
from .page import load_page, parse_html, parse_text
from .scope import apply_scope
from .sentences import split_page

def lap(timings: dict | None, step: str, t0: float) -> float:
    """Add the seconds since t0 to timings[step]; returns now (a no-op without timings)."""
    if timings is None:
        return t0
    t1 = perf_counter()
    timings[step] = timings.get(step, 0.0) + t1 - t0
    return t1


# figures read on one page at most (real articles have a few hundred): some steps compare a figure with the
# others of its page, so a wall of numbers must not make a page's time grow without bound
MAX_FIGURES = 2000


def extract(page: Page, *, timings: dict | None = None) -> list[Figure]:
    """The page's figures. `timings`, when given, gets the seconds of each step (sentences, figures, scope,
    attribution, measure) added to it."""
    t0 = perf_counter() if timings is not None else 0.0
    sentences = split_page(page)
    t0 = lap(timings, "sentences", t0)
    thousands_dot = page_uses_thousands_dot([s.text for s in sentences])
    figures: list[Figure] = []
    not_claims: set[int] = set()       # ids of the figures nonfigures.py says nobody claims
    story = StoryContext(page)
    for s in sentences:
        if len(figures) >= MAX_FIGURES:
            page.truncated = True          # the rest of the page is not read: the response says so
            break
        dropped_end = -1        # end of the sentence's last non-claim
        for q in find_quantities(s.text, thousands_dot=thousands_dot, claims=True):
            if q.kind == "money" and q.unit in _SHARED_CURRENCIES:
                q.unit = _SHARED_CURRENCIES[q.unit].get(story.home_country or "", q.unit)   # rupees in a Pakistani story
            figures.append(Figure(sentence=s, quantity=q))
            # an age, a time frame, "one of", a vague amount ...; or the conversion of one: "0-60 mph (97 kph)"
            if why_not_a_figure(s.text, q) or story.sports_report and game_statistic(s.text, q) or dropped_end >= 0 and _CONVERSION.fullmatch(s.text, dropped_end, q.start) \
                    and s.text.startswith(")", q.end):
                not_claims.add(id(figures[-1]))
                dropped_end = q.end
    if len(figures) > MAX_FIGURES:
        del figures[MAX_FIGURES:]
    not_claims.update(id(f) for f in refers_back(figures))
    not_claims.update(id(f) for f in names_a_product(figures))
    t0 = lap(timings, "figures", t0)
    if not figures:        # the later steps only fill in figures (one page in fourteen has none)
        return figures
    apply_scope(page, figures, story)
    classify(figures)
    t0 = lap(timings, "scope", t0)
    # dropped after scope: the words of a non-claim still tell where the story is ("tens of thousands marched
    # in Lisbon") and what its neighbours count, as they did before nonfigures.py
    if not_claims:
        figures = [f for f in figures if id(f) not in not_claims]
        if not figures:
            return figures
    attribute(page, sentences, figures, story)
    t0 = lap(timings, "attribution", t0)
    assign_measures(figures, page, story)
    lap(timings, "measure", t0)
    return figures


_CONVERSION = re.compile(r"[\s\u00a0]*\([\s\u00a0]*")      # between a number and its conversion
_SHARED_CURRENCIES = {code: by_country for code, by_country in load_table("figures.json")["currency_by_country"].items()
                      if code != "about"}


def read_page(path: str | Path, *, url: str | None = None, published: date | None = None,
              outlet: str | None = None) -> Page:
    """A page from a file, with what a manifest or the command line knows overriding what the page says."""
    page = load_page(path, url=url)
    return with_metadata(page, url=url, published=published, outlet=outlet)


def page_from_html(html: str | bytes, *, url: str | None = None, published: date | None = None,
                   outlet: str | None = None, timings: dict | None = None) -> Page:
    return with_metadata(parse_html(html, url=url, timings=timings), url=url, published=published, outlet=outlet)


def page_from_text(text: str, *, url: str | None = None, published: date | None = None,
                   outlet: str | None = None) -> Page:
    return with_metadata(parse_text(text, url=url), url=url, published=published, outlet=outlet)


def with_metadata(page: Page, *, url=None, published=None, outlet=None) -> Page:
    if url:
        page.url = url
    if published:
        page.published = published
    if outlet:
        page.outlet = outlet
    return bound_text(page)


MAX_TEXT = 300_000     # characters of article text read at most (the longest of 181 real articles has 54,000)


def bound_text(page: Page, limit: int = MAX_TEXT) -> Page:
    """The page cut to its first `limit` characters of text, at a block end (or, inside one huge block, at
    whitespace), with `truncated` set: reading time grows with the text, and the server has a time budget."""
    if len(page.text) <= limit:
        return page
    blocks = [b for b in page.blocks if b.end <= limit]
    nxt = page.blocks[len(blocks)] if len(blocks) < len(page.blocks) else None
    if nxt is not None and nxt.start < limit:
        cut = page.text.rfind(" ", nxt.start, limit)
        cut = cut if cut > nxt.start else limit
        if page.text[nxt.start:cut].strip():
            blocks.append(Block(kind=nxt.kind, text=page.text[nxt.start:cut], start=nxt.start, end=cut))
    page.text = page.text[:blocks[-1].end] if blocks else ""
    page.blocks = blocks
    page.truncated = True
    return page
