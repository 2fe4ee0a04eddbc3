"""A stable key for the quantity a figure reports, so that the same quantity shares a key on any page: what is
counted (a count's kind and subject, reading/kinds.py; an amount's noun and unit), where, in what status, and when
when the text dates it to another year ("north-korean-troops@kursk-region:in_place", "killed@pakistan:killed.y2022",
"budget-usd@kenya:other"). Keys use only URL-safe characters: letters, digits and - @ : ."""
from __future__ import annotations

import re
from typing import NamedTuple

from ..reading.context import StoryContext
from ..reading.kinds import EVENT_STATUS, Clauses, count_kind, subject
from ..reading.lexicon import places
from ..model import Figure, Page, Quantity, Sentence

_YEAR = re.compile(r"(?<![\d$€£.,-])((?:19|20)\d\d)(?![\d%])")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def count_name(kind: str | None, subject: str | None) -> str | None:
    """What a count counts, in its key: its subject and kind ("north korean troops", "killed", "afghan civilians
    killed"); a count of people or things is named by its subject alone ("teachers", "relief camps")."""
    if kind in EVENT_STATUS:
        return f"{subject} {kind}" if subject else kind
    return count_base(kind, subject)


def count_base(kind: str | None, subject: str | None) -> str | None:
    """Whom a count counts, without what happened to them: the same for a count of North Korean troops in
    place, planned, killed or wounded, so that measures of one group are shown beside each other."""
    if kind in EVENT_STATUS or kind == "people":
        return subject or "people"
    if kind in (None, "things"):
        return subject
    return f"{subject} {kind}" if subject else kind


# a crowd is counted by those present: a crowd count with no cue of presence is the same count
PRESENT_KINDS = frozenset({"protesters"})


def key_status(kind: str | None, status: str | None) -> str:
    """The status part of a key: a kind that tells what happened to people is its own status ('135,000 people
    living in relief camps' and '120,000 moved to relief camps' are both displaced), but a plan stays a plan."""
    if kind in EVENT_STATUS and status not in ("planned", "training", "casualties"):
        return EVENT_STATUS[kind]
    if kind in PRESENT_KINDS and status in (None, "other"):
        return "in_place"
    return status or "other"


class KeyParts(NamedTuple):
    what: str          # "north-korean-troops"
    where: str         # "kursk-region", "anywhere"
    status: str        # "in_place"
    years: str         # ".y2022" or ""
    context: str       # ".c-<words around it>" or ""


def key_parts(key: str) -> KeyParts:
    what, _, rest = key.partition("@")
    where, _, rest = rest.partition(":")
    status, _, suffix = rest.partition(".")
    years = context = ""
    if suffix:
        for part in ("." + suffix).split(".")[1:]:
            if part.startswith("y"):
                years += "." + part
            elif part.startswith("c-"):
                context += "." + part
    return KeyParts(what, where, status, years, context)


def same_but_place(a: KeyParts, b: KeyParts) -> bool:
    """Whether two keys agree but for their place, and one of them has none ("anywhere")."""
    return a.where != b.where and "anywhere" in (a.where, b.where) and \
        (a.what, a.status, a.years, a.context) == (b.what, b.status, b.years, b.context)


def owned(subject: str | None) -> bool:
    """Whether a subject names an owner: a capitalised word that is neither a people nor a place ('Facebook'
    users, 'Northwind' contractors; not 'North Korean' troops, whose count depends on where they are)."""
    if not subject:
        return False
    pl = places()
    words = [w for w in subject.split() if w[:1].isupper()]
    return bool(words) and not pl.demonyms(subject) and not any(w in pl.canonical for w in words)


def measure_key(f: Figure, scope_place: str | None = None, current_year: int | None = None) -> str:
    """A figure with no location is where what it counts names ('300 Derna residents'), else `scope_place` stands
    in (the region or country the page is about), so a death toll in one story is not matched with every death
    toll anywhere; a year other than the page's own (the 2022 floods) keeps past events apart."""
    q = f.quantity
    kind = f.extra.get("count_kind")
    if q.kind == "count":
        what = count_name(kind, f.extra.get("subject")) if kind else f.counted
        named = bool(what)
        status = key_status(kind, f.status)
    else:
        what = f.extra.get("head") or f.counted or q.unit
        named = bool(f.extra.get("head") or f.counted)
    if q.kind == "money" and q.unit:
        what = f"{what} ({q.unit})" if f.counted else q.unit
    # a place the figure takes from its story (scope: the lede's place) is written at the story's level in the
    # key, so that outlets that set the same story in a city or in its region still share it
    where = (None if f.extra.get("story_place") else f.location) or f.extra.get("counted_place") or scope_place \
        or "anywhere"
    if q.kind != "count":
        # (an amount's status says whether it was planned or expected; outlets word the same budget both ways,
        # "proposed" and "presented", so the key keeps statuses for counts only)
        status = "other"
    key = f"{slug(what or q.kind) or q.kind}@{slug(where) or 'anywhere'}:{status}"
    years = {int(y) for y in _YEAR.findall(f.sentence.text)} - {current_year}
    if years:
        key += ".y" + "-".join(str(y) for y in sorted(years))
    if not named:
        # nothing says what this figure counts: it must not be matched with every other bare percentage;
        # only the same words around it (wire copy repeated by outlets) name the same quantity
        key += ".c-" + _context_slug(f)
    return key


def measure_what(f: Figure) -> str:
    """The measure's `what`, by which the measures of one thing are found: for a count, whom it counts without
    what happened to them (count_base); for an amount, its key's what."""
    if f.quantity.kind == "count":
        base = count_base(f.extra.get("count_kind"), f.extra.get("subject"))
        if base:
            return slug(base)
    return key_parts(f.measure).what


def rekeyed(key: str, sentence: str, text: str, counted: str | None, location: str | None, status: str | None,
            low: float, unit: str | None) -> tuple[str, Figure]:
    """A stored count's key as this version makes it, from what the store keeps of its figure (its sentence, its
    words, what scope found); the place and year of the stored key stay (the page's story context is not kept).
    Returns the key and the figure rebuilt, with its count_kind and subject."""
    start = max(0, sentence.find(text))
    f = Figure(sentence=Sentence(sentence, 0, len(sentence), 0, 0),
               quantity=Quantity(start, start + len(text), start, start + len(text), low, unit=unit),
               counted=counted, location=location, status=status)
    kind = count_kind(f, Clauses([f]))
    f.extra["count_kind"] = kind
    f.extra["subject"] = subject(f, kind)
    old = key_parts(key)
    what = count_name(kind, f.extra["subject"])
    new = f"{slug(what or 'count') or 'count'}@{old.where}:{key_status(kind, status)}{old.years}"
    f.measure = new + (old.context if not what else "")
    return f.measure, f


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
    abroad: dict[str, str | None] = {}
    for f in figures:
        place = scope_place
        if f.extra.get("story_place") and story is not None:
            # a story set in another country than its dateline's (a Kyiv dateline, a story about Russia's Kursk
            # region) is keyed at the level of that country's region it is about
            entry = places().canonical.get(f.location or "")
            country = entry[1] if entry else None
            if country and country != story.home_country:
                if country not in abroad:
                    abroad[country] = story.region_in(country) or country
                place = abroad[country]
        f.measure = measure_key(f, place, year)
