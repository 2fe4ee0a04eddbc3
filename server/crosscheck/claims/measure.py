"""A stable key for the quantity a figure reports, so that the same quantity shares a key on any page: what is
counted (a count's kind and subject, reading/kinds.py; an amount's noun and unit), where, in what status, and when
when the text dates it to another year or it is the value before a change ("north-korean-troops@kursk-region:in_place",
"killed@pakistan:killed.y2022", "spending-usd@kenya:other", "spending-usd@kenya:other.yprior"). Keys use only
URL-safe characters: letters, digits and - @ : ."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from ..reading.context import StoryContext
from ..reading.kinds import EVENT_STATUS, Clauses, count_kind, subject
from ..reading.lexicon import load_table, places
from ..model import Figure, Page, Quantity, Sentence
from .geo import within
from .units import dimension, in_base

_YEAR = re.compile(r"(?<![\d$€£.,-])((?:19|20)\d\d)(?![\d%])")
# "1972's Toulouse Street", "2008's “Fearless”": a work of that year, named by it; no year of the figure's
_YEAR_OF_A_WORK = re.compile(r"['’]s\s+[\"“‘']?[A-Z]")
# another clause begins: "to achieve the $40-50 billion in purchases touted in October, he would have to eliminate
# the tariffs put in place since 2018"
_NEW_CLAUSE = re.compile(r";|,\s+(?:he|she|it|they|we|I)\s")
_CLAUSE_CUT = re.compile(r"[,;]\s(?!when\b)")     # (", when": "in 2011, when about 60,000 marched" is of 2011)
# the words between the value after a change and the value before it, with no other number or clause between
# them ("rises to $4.2 billion from", "a 12-point lead over the Conservatives, down from"; not "$4.35 billion once
# $150 million in borrowing is counted, up from")
_CHANGE_GAP = re.compile(r"(?:(?!\b(?:is|are|was|were|be|been)\b)[^\d;:!?]){1,60}")


@dataclass(frozen=True)
class KeyWords:
    heads: dict            # an amount's head noun -> the name keys give it ('cost', 'budget' -> 'spending')
    verbs: re.Pattern      # a verb that names the amount right after it in its clause ('paid the agency nearly')
    verb_head: dict        # ... and the name it gives ('paid' -> 'spending')
    per_unit: re.Pattern   # the price of one thing after an amount ('$13 a share'), which no verb names as spent
    things: dict           # a noun of things counted -> the name keys give them ('firms' -> 'companies')
    earlier: re.Pattern    # a change's 'from' right before an amount: its value before the change
    compared_since: re.Pattern   # a superlative's 'since' right before a year: the time it is compared with
    spec_units: frozenset        # a machine's specification ('hp', 'newton metre'): its name does not say whose


@lru_cache(maxsize=None)
def key_words() -> KeyWords:
    t = load_table("measures.json")
    trend = load_table("figures.json")["trend"]
    verb_head = {v: name for name, verbs in t["spending_verbs"].items() for v in verbs}
    verbs = "|".join(sorted(verb_head, key=len, reverse=True))
    units = "|".join(sorted(t["per_unit"], key=len, reverse=True))
    changes = "|".join(re.escape(w) for w in sorted(trend["up"] + trend["down"], key=len, reverse=True))
    superlatives = "|".join(sorted(t["superlatives"], key=len, reverse=True))
    return KeyWords(spec_units=frozenset(load_table("scope.json")["placeless_units"]["units"]),
                    heads={w: name for name, words in t["amount_heads"].items() for w in words},
                    # (no clause break, other number or currency sign between the verb and the amount)
                    verbs=re.compile(r"(?<![\w-])(%s)\b[^,;:.!?()\d$€£¥₹]{0,40}\Z" % verbs, re.I),
                    verb_head=verb_head,
                    per_unit=re.compile(r"\s*(?:/\s*|(?:a|an|per)\s+)(?:%s)\b" % units, re.I),
                    things={w: name for name, words in t["same_things"].items() for w in words},
                    # (a decimal point is no sentence's end: "fell to 2.3% in April from 3.2%")
                    earlier=re.compile(r"(?<![\w-])(?:%s)\b(?:[^;:.!?]|\.\d){0,60}?(?<![\w-])from\s+"
                                       r"(?:(?:a|an|the)\s+)?\Z" % changes, re.I),
                    compared_since=re.compile(r"(?<![\w-])(?:%s)\b[^,.;:!?]{0,60}?\bsince\b(?:[^,.;:\d]{0,40}\s)?\Z"
                                              % superlatives, re.I))


@lru_cache(maxsize=4096)
def slug(text: str) -> str:
    return _NOT_SLUG.sub("-", text.lower()).strip("-")


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


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
        return _same_things(subject) if subject else subject
    return f"{subject} {kind}" if subject else kind


def _same_things(subject: str) -> str:
    """A subject of things by the one name keys give its noun ('14 firms' and '14 companies')."""
    rest, _, noun = subject.rpartition(" ")
    name = key_words().things.get(noun.lower())
    return f"{rest} {name}".lstrip() if name else subject


def singular(word: str) -> str:
    """A noun's singular, by its ending: outlets write one amount's noun either way ('15% tariffs', 'a 15 percent
    tariff')."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes", "zes")):
        return word[:-2]
    return word[:-1]


def amount_name(f: Figure) -> str | None:
    """What an amount is of, in its key: its head noun (or what scope found it counts) in the singular and by the
    name keys give the heads that name one amount ('budget', 'cost' -> 'spending'). For money, a spending verb
    right before it names it, when no noun does or the noun is the verb's subject, who spent it ('cost the state
    roughly $449,000', 'the state has spent $3.2 million'); not the price of one thing ('$13 a share')."""
    named = f.extra.get("head") or f.counted
    kw = key_words()
    q, text = f.quantity, f.sentence.text
    if q.kind == "money" and not kw.per_unit.match(text, q.end):
        window = max(0, q.start - 60)
        m = kw.verbs.search(text[window:q.start])
        if m and (not named or re.search(r"(?<![\w-])%s(?![\w-])" % re.escape(named.rpartition(" ")[2]),
                                         text[:window + m.start()])):
            return kw.verb_head[m.group(1).lower()]
    if named:
        rest, _, noun = named.rpartition(" ")
        noun = noun.lower()
        return f"{rest} {kw.heads.get(noun) or singular(noun)}".lstrip()
    return None


def key_years(f: Figure, current_year: int | None, after: int = -1) -> list[int]:
    """The years of the figure's sentence other than the page's own, which date it apart from the figures of this
    year (the 2022 floods' toll). Not a year that names a work ("1972's Toulouse Street"); nor a year after the
    figure in another clause, or the one a superlative compares it with ("a crowd of more than 100,000, the city's
    largest since 2011"; but "the deadliest quake since 1978, when a tremor killed 2,000" dates the figure after
    it, and "27,000 migrants have died since 2014" counts since then); nor a year that follows an earlier figure
    of the sentence (which ends at `after`) and is cut from this one by a comma: it dates that figure ("join nine
    others selected in November 2018, bringing the total to 14")."""
    text = f.sentence.text
    end = f.quantity.end
    compared = key_words().compared_since
    years = set()
    for start, stop, year in _years_in(text):
        if year == current_year or year in years or _YEAR_OF_A_WORK.match(text, stop):
            continue
        if 0 <= after <= start and stop <= f.quantity.start and _CLAUSE_CUT.search(text, stop, f.quantity.start):
            continue
        if start > end and (_NEW_CLAUSE.search(text, end, start) or
                            compared.search(text[max(end, start - 90):start])):
            continue
        years.add(year)
    return sorted(years)


@lru_cache(maxsize=256)
def _years_in(text: str) -> tuple[tuple[int, int, int], ...]:
    """The years a sentence names, as (start, end, year): read once for all its figures."""
    if "19" not in text and "20" not in text:
        return ()
    return tuple((m.start(), m.end(), int(m.group(1))) for m in _YEAR.finditer(text))


# a crowd is counted by those present: a crowd count with no cue of presence is the same count
PRESENT_KINDS = frozenset({"protesters"})
# ... and counts of cases, jobs, votes and things have none: "481 people in Texas" who caught measles and "481
# measles cases" are one count (scope reads people named with a place as present there)
NO_PRESENCE_KINDS = frozenset({"cases", "jobs", "voters", "things"})


def key_status(kind: str | None, status: str | None) -> str:
    """The status part of a key: a kind that tells what happened to people is its own status ('135,000 people
    living in relief camps' and '120,000 moved to relief camps' are both displaced), but a plan stays a plan."""
    if kind in EVENT_STATUS and status not in ("planned", "training", "casualties"):
        return EVENT_STATUS[kind]
    if kind in PRESENT_KINDS and status in (None, "other"):
        return "in_place"
    if kind in NO_PRESENCE_KINDS and status == "in_place":
        return "other"
    return status or "other"


class KeyParts(NamedTuple):
    what: str          # "north-korean-troops"
    where: str         # "kursk-region", "anywhere"
    status: str        # "in_place"
    years: str         # ".y2022" or ""
    context: str       # ".c-<words around it>" or ""
    value: str = ""    # ".v14": one of several values a page gives under one key (by_value)


def key_parts(key: str) -> KeyParts:
    what, _, rest = key.partition("@")
    where, _, rest = rest.partition(":")
    status, _, suffix = rest.partition(".")
    years = context = value = ""
    if suffix:
        for part in ("." + suffix).split(".")[1:]:
            if part.startswith("y"):
                years += "." + part
            elif part.startswith("c-"):
                context += "." + part
            elif part.startswith("v"):
                value += "." + part
    return KeyParts(what, where, status, years, context, value)


def same_but_place(a: KeyParts, b: KeyParts) -> bool:
    """Whether two keys agree but for their place, and one of them has none ("anywhere")."""
    return a.where != b.where and "anywhere" in (a.where, b.where) and \
        (a.what, a.status, a.years, a.context, a.value) == (b.what, b.status, b.years, b.context, b.value)


def same_but_time(a: KeyParts, b: KeyParts) -> bool:
    """Whether two keys are of one quantity at two times: they agree but for the years that date them (a year's
    value, the value before a change)."""
    return a.years != b.years and \
        (a.what, a.where, a.status, a.context, a.value) == (b.what, b.where, b.status, b.context, b.value)


def owned(subject: str | None) -> bool:
    """Whether a subject names an owner: a capitalised word that is neither a people nor a place ('Facebook'
    users, 'Northwind' contractors; not 'North Korean' troops, whose count depends on where they are)."""
    if not subject:
        return False
    pl = places()
    words = [w for w in subject.split() if w[:1].isupper()]
    return bool(words) and not pl.demonyms(subject) and not any(w in pl.canonical for w in words)


def measure_key(f: Figure, scope_place: str | None = None, current_year: int | None = None,
                name: str | None = None, after: int = -1) -> str:
    """A figure with no location is where what it counts names ('300 Derna residents'), else `scope_place` stands
    in (the region or country the page is about), so a death toll in one story is not matched with every death
    toll anywhere; a year other than the page's own (the 2022 floods) keeps past events apart. `name` is what
    an amount is of (amount_names), when the caller knows it."""
    # a place the figure takes from its story (scope: the lede's place) is written at the story's level in the
    # key, so that outlets that set the same story in a city or in its region still share it
    where = (None if f.extra.get("story_place") else f.location) or f.extra.get("counted_place") or scope_place \
        or "anywhere"
    return key_at(f, where, key_years(f, current_year, after), name)


def key_at(f: Figure, where: str, years: list[int], name: str | None = None) -> str:
    """The figure's key at a place, dated to these years."""
    q = f.quantity
    kind = f.extra.get("count_kind")
    if q.kind == "count":
        what = count_name(kind, f.extra.get("subject")) if kind else f.counted
        # (a share written as a fraction, "about half", of nothing named is as unnamed as a bare percentage)
        named = bool(what) and not (kind == "percent" and not f.extra.get("subject"))
        status = key_status(kind, f.status)
    else:
        what = name or amount_name(f)
        named = bool(what)
        what = what or dimension(q.unit) or q.unit      # (unnamed: by its dimension, as a named amount)
        # (an amount's status says whether it was planned or expected; outlets word the same budget both ways,
        # "proposed" and "presented", so the key keeps statuses for counts only)
        status = "other"
    if q.kind == "money" and q.unit:
        what = f"{what} ({q.unit})" if named else q.unit
    elif q.kind != "count" and q.unit and named:
        # (an amount's unit is part of what it is, by the dimension it measures when another unit converts to
        # it: 'range-length' in miles and in kilometres, compared as one (claims/units.py); 'the average' in
        # percent and in calories never)
        measured = dimension(q.unit) or q.unit
        if slug(measured) and slug(measured) not in slug(what).split("-"):
            what = f"{what} ({measured})"
    key = f"{slug(what or q.kind) or q.kind}@{slug(where) or 'anywhere'}:{status}"
    if years:
        key += ".y" + "-".join(map(str, years))
    if q.kind != "count" and _earlier(f):
        # an amount's value before a change is another time's ("total spending rises from $4.06 billion in the
        # current year", "up from $38,373 a year ago"; a company's revenue a year earlier is another quantity);
        # a count's is not ("the toll rose from 37 to 112" is one toll)
        key += ".yprior"
    if not named or q.unit in key_words().spec_units:
        # nothing says what this figure counts: it must not be matched with every other bare percentage;
        # only the same words around it (wire copy repeated by outlets) name the same quantity. Nor does a
        # specification's name say whose it is: two cars' "torque" are two quantities
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


def stored_figure(key: str, sentence: str, text: str, kind: str, unit: str | None, low: float, trend: str | None,
                  counted: str | None, location: str | None, status: str | None) -> Figure:
    """A stored report's figure rebuilt from what the store keeps of it (its sentence, its words, what scope
    found, its key as `measure`): a count with its count_kind and subject, an amount with the head its key named."""
    start = max(0, sentence.find(text))
    f = Figure(sentence=Sentence(sentence, 0, len(sentence), 0, 0),
               quantity=Quantity(start, start + len(text), start, start + len(text), low, unit=unit, kind=kind,
                                 trend=trend),
               counted=counted, location=location, status=status, measure=key)
    count = count_kind(f, Clauses([f]))
    f.extra["count_kind"] = count
    f.extra["subject"] = subject(f, count)
    old = key_parts(key)
    if kind != "count" and not old.context:
        what = old.what.removesuffix("-" + slug(unit)) if kind == "money" and unit else old.what
        f.extra["head"] = what.replace("-", " ")
    return f


def rekeyed(figures: list[Figure], current_year: int | None) -> list[str]:
    """The keys this version makes for the stored figures of one page (stored_figure, with their claimants and
    claim dates): the place of each stored key stays (the page's story context is not kept); its years are read
    again from its sentence when the page's year is known, else they stay; values are told apart as by_value
    tells them."""
    names = amount_names(figures)
    afters = _previous_ends(figures)
    keys = []
    for f in figures:
        old = key_parts(f.measure)
        years = key_years(f, current_year, afters[id(f)]) if current_year else \
            [int(y) for y in re.findall(r"\d{4}", old.years)]
        keys.append(key_at(f, old.where, years, names.get(id(f))))
    return by_value(figures, keys)


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
    names = amount_names(figures)
    afters = _previous_ends(figures)
    abroad: dict[str, str | None] = {}
    for f in figures:
        # a figure of another event, of everywhere or of several places ("died across six states") is not the
        # story region's: it is keyed at the story's country
        place = (story.home_country or scope_place) if f.extra.get("wide") and story is not None else scope_place
        if f.extra.get("story_place") and story is not None:
            # a story set in another country than its dateline's (a Kyiv dateline, a story about Russia's Kursk
            # region) is keyed at the level of that country's region it is about
            entry = places().canonical.get(f.location or "")
            country = entry[1] if entry else None
            if country and country != story.home_country:
                if country not in abroad:
                    abroad[country] = story.region_in(country) or country
                place = abroad[country]
        f.measure = measure_key(f, place, year, names.get(id(f)), afters[id(f)])
    if page is not None:
        _headlines_as_body(figures, page)
    for f, key in zip(figures, by_value(figures, [f.measure for f in figures])):
        f.measure = key


VALUE_CLOSE = 0.011      # relative: two values of one key within this are one value ('$129' and '$129.99')


def by_value(figures: list[Figure], keys: list[str]) -> list[str]:
    """The keys, each figure's own value added to a key under which one claimant gives two or more values on
    one day in status 'other' ('companies@united-states:other.v14'). A source does not give two values of one
    quantity at once: that key names several quantities ('five new companies', 'all 14 companies', 'eight
    proposals' all read as companies), and which of them another outlet's figure is cannot be told, so each is
    compared with the same value only (claims/align.py joins keys that differ in this part only when their
    values are close). Two claimants' values under one key are their estimates of one quantity ('62 homes, the
    minister said, while the mayor put it at over 100'), and a toll, a crowd or a plan keeps one key as it
    changes; a key told with its words ('.c-') names one quantity already."""
    values: dict[tuple, list[float]] = {}
    for f, key in zip(figures, keys):
        parts = key_parts(key)
        if parts.status != "other" or parts.context:
            continue
        said = values.setdefault((key, f.claimant.name if f.claimant else None, f.claim_date), [])
        # (in the dimension's base unit: '1,200 miles (1,931 kilometres)' is one value)
        low = f.quantity.low or 0.0
        low = in_base(low, f.quantity.unit) or low
        if not any(abs(low - v) <= VALUE_CLOSE * max(abs(low), abs(v)) for v in said):
            said.append(low)
    split = {key for (key, _, _), said in values.items() if len(said) > 1}
    if not split:
        return keys
    return [f"{key}.v{_value_slug(f.quantity.low or 0.0)}" if key in split else key for f, key in zip(figures, keys)]


def _value_slug(x: float) -> str:
    """A value as key characters: '14', '2p5' for 2.5, 'm3' for -3."""
    text = f"{abs(x):.6f}".rstrip("0").rstrip(".")
    return ("m" if x < 0 else "") + text.replace(".", "p")


def _headlines_as_body(figures: list[Figure], page: Page) -> None:
    """A headline count that the body gives again, the same value (or the body's rounded) of the same thing in the
    same status, is that body count: its key is the body's, whose place is the more precise ('Floods kill 58 in
    Pakistan' over '58 people in Sindh province'), so that one quantity has one key on the page."""
    blocks = page.blocks
    body = [g for g in figures if g.quantity.kind == "count" and blocks[g.sentence.block].kind != "headline"]
    for f in figures:
        if f.quantity.kind != "count" or blocks[f.sentence.block].kind != "headline":
            continue
        mine = key_parts(f.measure)
        for g in body:
            theirs = key_parts(g.measure)
            if _same_or_rounded(f.quantity, g.quantity) and \
                    (mine.what, mine.status, mine.years, mine.context) == \
                    (theirs.what, theirs.status, theirs.years, theirs.context) and \
                    _places_agree(f, g):
                f.measure = g.measure
                break


def _same_or_rounded(headline: Quantity, body: Quantity) -> bool:
    """Whether a headline's value is the body's, or the body's rounded ('More than 100' over 'at least 106':
    within a tenth, with a qualifier that says it is not exact)."""
    if (headline.low, headline.high) == (body.low, body.high):
        return True
    return headline.high is None and body.high is None and headline.qualifier != "exact" and \
        bool(headline.low) and abs(body.low - headline.low) <= 0.1 * headline.low


def _places_agree(f: Figure, g: Figure) -> bool:
    """Whether two figures' places may be one: the same, one unknown, or one inside the other."""
    a, b = f.location, g.location
    return a is None or b is None or a == b or within(a, b) or within(b, a)


def _previous_ends(figures: list[Figure]) -> dict[int, int]:
    """Where the figure before each one ends in their shared sentence (-1 for a sentence's first), by id."""
    out: dict[int, int] = {}
    previous: Figure | None = None
    for f in figures:
        same = previous is not None and previous.sentence.text == f.sentence.text and \
            previous.quantity.end <= f.quantity.start
        out[id(f)] = previous.quantity.end if same else -1
        previous = f
    return out


def amount_names(figures: list[Figure]) -> dict[int, str | None]:
    """What each amount of a page is of (amount_name), by id(figure). An amount no word names is what the page
    names the same value elsewhere ('South Dakota spends $449K' in the headline, the campaign's cost in the
    body), when it names it one way; the value before a change is of what the value after it is ('spending rises
    to $4.2 billion from $4.06 billion')."""
    names = {id(f): amount_name(f) for f in figures if f.quantity.kind != "count"}
    by_value: dict[tuple, set] = {}
    for f in figures:
        if names.get(id(f)):
            by_value.setdefault(_value(f), set()).add(names[id(f)])
    previous: Figure | None = None
    for f in figures:
        if id(f) in names and names[id(f)] is None:
            same = by_value.get(_value(f), ())
            if len(same) == 1:
                names[id(f)] = next(iter(same))
            elif previous is not None and previous.sentence.text == f.sentence.text and names.get(id(previous)) and \
                    _value(previous)[:2] == _value(f)[:2] and _earlier(f) and \
                    _CHANGE_GAP.fullmatch(f.sentence.text, previous.quantity.end, f.quantity.start):
                names[id(f)] = names[id(previous)]
        previous = f
    return names


def _earlier(f: Figure) -> bool:
    """Whether an amount is the value before a change ("rises to $4.2 billion from $4.06 billion", "up from")."""
    q = f.quantity
    window = f.sentence.text[max(0, q.start - 90):q.start]
    # (the pattern ends in 'from' and an article at most: most amounts have no 'from' right before them)
    return "from" in window[-12:].lower() and key_words().earlier.search(window) is not None


def _value(f: Figure) -> tuple:
    q = f.quantity
    return q.kind, q.unit, q.low, q.high
