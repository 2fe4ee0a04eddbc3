"""Scope of each figure: what it counts, where, its status, and whether it stands inside a direct quote.

Works on a page's figures in reading order because counting words are often anaphoric ("10,000 of those",
"as many as 8,000 were there"): such a figure takes what the figure before it counts."""
from __future__ import annotations

import bisect
import re
from collections import Counter

from ..model import Figure, Page
from .clauses import REACH, _TAIL, _previous_sibling, excluded_spans, figure_window, is_modifier
from .context import StoryContext
from .counted import (_NUMBER_AND_NOUN, _PROTEST, _Raw, _casualty_after, _counted_raw, _is_people_like,
                      _military_demonyms, _page_disease, _sentence_demonym, _subject_country_demonym)
from .lexicon import places
from .quotes import inside, quote_spans
from .scope_words import lex
from .status import _CASUALTY_STATUSES, _NEW_VERB_CLAUSE, _planned_in, _status_in
from .where import (_IN_THE_CAPITAL, _THE_COUNTRY, _WIDE_RE, _Elsewhere, _country_before, _country_by_adjective,
                    _lede_place, _place_in, _region_before, _the_state_near, _told_elsewhere)


def apply_scope(page: Page, figures: list[Figure], story: StoryContext) -> None:
    """Fill counted, location, status and quoted on every figure of a page, in place."""
    lx = lex()
    block_quotes = {}
    by_sentence: dict[int, list[Figure]] = {}
    for f in figures:
        by_sentence.setdefault(f.sentence.index, []).append(f)
    raws: list[_Raw] = []
    for f in figures:
        block = page.blocks[f.sentence.block]
        if f.sentence.block not in block_quotes:
            block_quotes[f.sentence.block] = quote_spans(block.text)
        pos_in_block = f.start - block.start
        f.quoted = block.kind == "quote" or inside(block_quotes[f.sentence.block], pos_in_block) is not None
        raws.append(_counted_raw(f))

    # demonyms the page counts most: "North Koreans" -> "North Korean troops"
    by_demonym: dict[str, Counter] = {}
    for r in raws:
        if r.demonym and r.head:
            by_demonym.setdefault(r.demonym, Counter())[r.counted] += 1
    dominant_military = _military_demonyms(page)

    previous_count: Figure | None = None
    modifiers = {id(f) for f in figures if is_modifier(f, by_sentence[f.sentence.index])}
    for f, r in zip(figures, raws):
        q = f.quantity
        if r.counted and not r.head and r.demonym:        # bare demonym plural
            counts = by_demonym.get(r.demonym)
            if counts:
                r.counted = counts.most_common(1)[0][0]
            elif dominant_military.get(r.demonym):          # the page is about that side's forces
                r.counted = f"{r.demonym} troops"
            r.head = r.counted.split()[-1]
        if r.counted is None and q.kind != "count":
            prev = _previous_sibling(f, by_sentence[f.sentence.index])
            if prev is not None and prev.counted and re.fullmatch(
                    r"(?:\s+(?:in|on|at|for)\s+(?:[A-Z][a-z]+|the\s+\w+)(?:\s+\d{4})?)?"    # "to 2.3% in April from 3.2%"
                    r"(?:\s+from\s+(?:a|the)\s+(?:year|month|quarter|week)\s+(?:earlier|before|ago))?"   # "rose 4.1%
                    r"\s*(?:,\s*)?(?:to|from|or|and|up from|down from)\s+(?:a|an|about|around)?\s*(?:record\s+)?"
                    r"|\s*\(\s*",                                             # from a year earlier to a record $435,300"
                    f.sentence.text[prev.quantity.end:q.start]):
                r.counted = prev.counted          # "the budget rose 3.5% to $4.2 billion"
                r.head = prev.extra.get("head", r.head)
        if q.kind == "count" and r.head == "others" and r.counted == "others":
            # "12 people died and 30 others were injured", "The five companies join nine others": the same
            # people or things as the count before it in the sentence
            if previous_count is not None and previous_count.sentence is f.sentence:
                r.counted = r.head = None
            else:
                m = None
                for m in _NUMBER_AND_NOUN.finditer(f.sentence.text, 0, q.start):
                    pass
                if m is not None and m.group(1) != "others":
                    r.counted, r.head = m.group(1), m.group(1).split()[-1]
        if r.counted is None and q.kind == "count" and previous_count is not None and \
                not _casualty_after(f.sentence.text, q.end):
            r.counted = previous_count.counted
            r.anaphoric = True
        if r.counted and not r.demonym and q.kind == "count" and _is_people_like(r.head):
            demonym = _sentence_demonym(f, figures, raws) or _subject_country_demonym(f)
            if demonym is None and dominant_military and r.head != "people" and \
                    (r.head in lx.classes.values() or r.head in lx.group_nouns or r.head in lx.ranks):
                # (the side whose forces the page counts: its soldiers, units and ranks, not people in general:
                # "1,200 people were killed, Israeli officials said")
                demonym = dominant_military.most_common(1)[0][0]
            if demonym:
                r.counted = f"{demonym} {r.head}"
                r.demonym = demonym
        f.counted = r.counted
        if q.kind != "count" and r.head:
            f.extra["head"] = r.head            # measures of amounts match on the head noun ("budget")
        if q.kind == "count" and f.counted and id(f) not in modifiers:
            previous_count = f

    last_location = None
    # a page about a protest counts its crowd in every sentence ("120,000 people took part")
    protest_page = bool(page.blocks) and page.blocks[0].kind == "headline" and \
        _PROTEST().search(" ".join(b.text for b in page.blocks[:2])) is not None
    excluded_by_sentence = {i: excluded_spans(fs[0].sentence.text) for i, fs in by_sentence.items()}
    spans_by_sentence = {i: [(g.quantity.start, g.quantity.end) for g in fs] for i, fs in by_sentence.items()}
    for f, r in zip(figures, raws):
        i = f.sentence.index
        _place_and_status(f, r, by_sentence[i], last_location, id(f) in modifiers, excluded_by_sentence[i],
                          spans_by_sentence[i])
        if f.location:
            last_location = f.location
        if f.counted is None and f.quantity.kind == "count" and f.status in _CASUALTY_STATUSES:
            f.counted = "people"      # "earthquake kills at least 37": a toll counts people
        if f.counted == "people" and f.status == "in_place" and (protest_page or _PROTEST().search(f.sentence.text)):
            f.counted = "protesters"  # "1.2 million people marched": a crowd at a protest
        elif protest_page and f.quantity.kind == "count" and f.status == "other" and id(f) not in modifiers and \
                f.counted in ("people", "protesters") and \
                not _NOT_A_CROWD.search(f.sentence.text, max(0, f.quantity.start - _TAIL), f.quantity.start):
            # another count of the crowd: "ministry counts 312,000", "the interior ministry's count was 312,000"
            f.counted, f.status = "protesters", "in_place"
    # bare "cases" on a page about one outbreak are that disease's cases ("The measles outbreak ... has grown to
    # 481 cases" beside another outlet's "505 measles cases")
    bare = [f for f in figures if f.counted in lx.case_nouns]
    if bare:
        disease = _page_disease(page)
        if disease:
            for f in bare:
                f.counted = f"{disease} {f.counted}"
    # "in the capital": the capital of the country the page is about
    for f in figures:
        if f.location is None and "capital" in f.sentence.text and _IN_THE_CAPITAL.search(f.sentence.text) and \
                story.capital and \
                _IN_THE_CAPITAL.search(f.sentence.text, max(0, f.quantity.start - 60), f.quantity.end + 60):
            f.location = story.capital
    # the page's other estimates of the same crowd or toll are at the same place: "Tens of thousands marched
    # through Lisbon" ... "police put the figure at 35,000"
    # (only when the page places them all in one place)
    placed: dict[tuple, set] = {}
    elsewhere = _Elsewhere()
    for f in figures:
        if f.location and f.quantity.kind == "count" and f.counted and f.status not in (None, "other"):
            placed.setdefault((f.counted, f.status), set()).add(f.location)
    for f in figures:
        if f.location is None and f.quantity.kind == "count" and f.status not in (None, "other") and \
                not elsewhere(f.sentence):
            where = placed.get((f.counted, f.status))
            if where and len(where) == 1:
                f.location = next(iter(where))
    # the story's place holds for a figure that names none: the lede says where the story happens ("Floods in
    # eastern Libya ...", "Dubai's flagship carrier ..."); without one, the dateline says where its events are
    # (the deaths of a flood datelined DERNA), but not where a company's or a government's figures are
    # ... a figure the sentence sets in the whole country is the home country's ("Nationally, dealers sold"); and
    # a specification ("355 horsepower") happens nowhere, nor does a study's sample ("one study in 496 girls")
    lede_place = dateline_place = None
    for f in figures:
        if f.location is None and "country" in f.sentence.text and _THE_COUNTRY.search(
                f.sentence.text, max(0, f.quantity.start - 80), f.quantity.end + 25):
            # "the country had admitted 1.4 million refugees": the country named last, else the page's own
            country = _country_before(page.text, f.sentence.start + f.quantity.start) or story.home_country
            if country:
                f.location = country
                continue
        if f.location is None and "state" in f.sentence.text and _the_state_near(f):
            # "young people in the state who have used meth": the region named last, else the story's
            region = _region_before(page.text, f.sentence.start + f.quantity.start, story) or story.story_region
            if region:
                f.location = region
                continue
        if f.location is None and story.home_country and (
                lx.national.search(f.sentence.text) or
                lx.national_before.search(f.sentence.text, max(0, f.quantity.start - 40), f.quantity.start)):
            f.location = story.home_country
            continue
        if f.location is None and elsewhere(f.sentence) and _WIDE_RE.search(f.sentence.text):
            f.extra["wide"] = True         # (the measure key: the story's country, not its region)
        if f.location is not None or elsewhere(f.sentence) or _told_elsewhere(f, figures, page, elsewhere) or \
                f.quantity.unit in lx.placeless_units or lx.research.search(f.sentence.text):
            continue         # (a study's sample is where the study says: research_findings)
        if lede_place is None:
            lede_place = _lede_place(page, story) or ""
            dateline_place = story.dateline.city if story.dateline else ""
        if lede_place:
            f.location = lede_place
        elif dateline_place and f.quantity.kind == "count" and (f.status not in (None, "other") or
                                                                 _counts_people(f.counted)):
            f.location = dateline_place
        else:
            continue
        f.extra["story_place"] = True      # (the measure key writes it at the story's level)


def _place_and_status(f: Figure, raw: _Raw, siblings: list[Figure], last_location, modifier: bool,
                      excluded, spans) -> None:
    text = f.sentence.text
    q = f.quantity
    others = _neighbours(spans, q.start, q.end)
    before, after = figure_window(text, q.start, q.end, excluded, others)
    frame = None
    for frame in _REPORTING_FRAME.finditer(text, max(0, q.start - REACH), q.start):
        pass
    # where the claim was made is not where its figure is: "told a briefing in Geneva that 200,000 crossed..."
    # (the speaker's own place stays: "authorities in Beijing announced that two ...")
    place_before = [r for a, b in before for r in ((a, min(b, frame.start())), (max(a, frame.end()), b))
                    if r[1] > r[0]] if frame else before
    place = _place_in(text, after, prefer_last=False) or _place_in(text, place_before, prefer_last=True)
    if place is not None and place.name in places().body_names and raw.head and (
            raw.head.lower() in places().body_organisation_nouns or _is_people_like(raw.head)):
        place = None        # "14 companies may bid to deliver payloads to the lunar surface": not on the moon
    reported_there = False         # the place is where the count was recorded, not where people were sent
    if place is None and _PLACE_COUNT_WORD.search(text, max(0, q.start - 80), q.start):
        # "followed by Spain with 11,324", "Italy recorded the highest number of deaths, with 18,010": the
        # country whose count it is
        for p in places().find(text[max(0, q.start - 80):q.start]):
            if p.is_country and _PLACE_WITH.match(text, max(0, q.start - 80) + p.end, q.start):
                place = p
            elif _PLACE_REPORTS.match(text, max(0, q.start - 80) + p.end, q.start) and \
                    _PLACE_AS_SUBJECT.search(text, max(0, q.start - 120), max(0, q.start - 80) + p.start):
                place = p          # "Gaines County has reported 315 cases", "Blantyre district accounts for"
                reported_there = True
    if place is None:
        place = _coordinated_place(f, siblings, excluded, spans)
    aside = next(((s, e) for s, e in excluded if s <= q.start and q.end <= e), None)
    if place is None and aside and re.match(r"\W*where\b", text[aside[0]:aside[1]]):
        place = _place_in(text, [(0, aside[0])], prefer_last=True)   # "in the Kursk region - where ..."
    counting = q.kind == "count" and not modifier        # only counts have a deployment or casualty status
    status = _status_in(text, before, after, others, own_noun=bool(raw.head)) if counting else None
    if status and status[0] == "captured" and ((raw.counted or "").rpartition(" ")[2] in lex().charge_nouns or
                                               any(lex().released.search(text, a, b) for a, b in before + after)):
        # "two hostages were released in a prisoner swap"; "is charged with five counts": charges, not people
        status = ("other", status[1])
    if place is None and after and re.match(r"\s*(?:\w+\s+){0,2}there\b", text[after[0][0]:after[0][1]]):
        f.location = last_location                      # "as many as 8,000 were there"
    else:
        f.location = place.name if place else _country_by_adjective(text, before + after, q)
    if f.location is None or status is None and counting:
        parent = _including_parent(f, siblings)
        if parent is None and _SAME_FIGURE_AGAIN.search(text, max(0, q.start - _TAIL), q.start):
            parent = _previous_sibling(f, siblings)      # "..., while police put the figure at 35,000"
            if parent is not None and not raw.anaphoric and parent.counted != f.counted:
                parent = None
        if parent is not None:
            f.location = f.location or parent.location
            if status is None and parent.status:
                status = (parent.status, 0)
    if modifier:
        f.status = "other"
    elif q.kind != "count":
        # amounts, shares and durations have no deployment or casualty status, but may be planned or expected
        # ("is set to raise up to $12.9bn", "plans to spend $2.6 billion", "winds forecast to gust to 55 mph")
        f.status = "planned" if _planned_in(text, q.start, q.end, before, after) else "other"
    elif status:
        f.status = status[0]
    elif q.kind == "count" and q.low >= 1 and f.location and not reported_there and \
            f.location not in places().body_names and (raw.demonym or _is_people_like(raw.head) or raw.anaphoric):
        f.status = "in_place"     # "10,000 North Korean troops in Russia" (not a share: "about half of them")
    elif q.kind == "count" and (raw.head == "protesters" or raw.present):
        f.status = "in_place"     # a crowd count counts people who were there
    elif _WILL_BEFORE.search(text, max(0, q.start - 40), q.start) or _WILL_AFTER.match(text, q.end):
        f.status = "planned"      # "Nauru will take up to 1,200 asylum seekers", "60,000 bank staff will walk off"
    else:
        f.status = "other"


# a count that a future verb governs: its object ("will take up to 1,200") or its subject ("30,000 students from 26
# countries will track the satellite")
_WILL_BEFORE = re.compile(r"\b(?:will|'ll|’ll)\s+(?:[a-z]+\s+)?(?:up\s+to\s+|about\s+|around\s+|some\s+|another\s+|"
                          r"an?\s+(?:extra|further|additional)\s+)?\Z")
_WILL_AFTER = re.compile(r"(?:(?!\band\b|\bor\b|\bbut\b)[^,;:.!?\"“”]){0,50}?\b(?:will|'ll|’ll)\s+(?!not\b|have\s+been\b)")


def _coordinated_place(f: Figure, siblings: list[Figure], excluded, spans):
    """The place after the next figure when the two are joined by 'and' in one clause: "Nearly 100 civilians have
    been killed and 200 wounded in three nights of airstrikes near Jalalabad" (both are there)."""
    text, q = f.sentence.text, f.quantity
    g = next((g for g in siblings if g.quantity.start > q.end), None)
    if g is None or not _COORDINATED.fullmatch(text, q.end, g.quantity.start):
        return None
    _, after = figure_window(text, g.quantity.start, g.quantity.end, excluded,
                             _neighbours(spans, g.quantity.start, g.quantity.end))
    return _place_in(text, after, prefer_last=False)


def _neighbours(spans: list, start: int, end: int) -> list:
    """The spans of the (up to eight) figures on each side of one in its sentence's sorted spans."""
    i = bisect.bisect_left(spans, (start, end))
    return spans[max(0, i - 8):i] + spans[i + 1:i + 9]


# between two figures of one clause joined by "and" (no comma, no place of the first's own)
_COORDINATED = re.compile(r"[^,;:.()]{0,60}?\band\s+(?:[a-z]+\s+){0,2}")


# a count on a protest page that is not its crowd: "a city of 1.9 million people", "home to 40,000"
_NOT_A_CROWD = re.compile(r"\b(?:of|to|population|inhabitants|residents|employs|employed|members?hip|holds?|"
                          r"capacity|seats|fits)\s+(?:[a-z]+\s+)?\Z", re.I)


# another estimate of the figure just given: "..., while police put the figure at 35,000", "police said 35,000"
_SAME_FIGURE_AGAIN = re.compile(r"\b(?:the\s+(?:[a-z]+\s+)?(?:figure|number|total|count|tally|toll|turnout|crowd|attendance)|"
                                r"(?:while|whereas|but)\s+(?:[\w'’-]+\s+){1,4}(?:said|say|says|estimated|put|counted|"
                                r"claimed|reported))\b[^,;]{0,30}\Z", re.I)


# a place that is the subject of its count: "<place>(, an aside,) (alone) has reported|recorded|accounts for N"
_PLACE_REPORTS = re.compile(r"(?:,[^,;]{1,60},)?\s+(?:alone\s+)?(?:has\s+|have\s+|had\s+)?(?:each\s+|also\s+|now\s+)?"
                            r"(?:reported|recorded|"
                            r"registered|confirmed|counted|logged|accounts?\s+for|accounted\s+for)\s+(?:about\s+|"
                            r"around\s+|some\s+|nearly\s+|almost\s+|more\s+than\s+|at\s+least\s+|over\s+)?\Z")
# ... and begins its clause
_PLACE_AS_SUBJECT = re.compile(r"(?:^|[.;:,—–]\s*|\b(?:and|while|but|that)\s+)(?:the\s+|The\s+)?\Z")
# a word one of the two needs (looked for first: most figures have none before them)
_PLACE_COUNT_WORD = re.compile(r"with|reported|recorded|registered|confirmed|counted|logged|account")
_PLACE_WITH = re.compile(r"(?:\s+(?:recorded|reported|registered|counted|confirmed|had|saw)\b[^,;]{0,50},?)?\s+with\s+"
                         r"(?:[a-z]+\s+){0,2}\Z")
_REPORTING_FRAME = re.compile(r"\b(?:said|says|told|tells|added|announced|reported|stated|wrote)\b[^,;\"“”]{0,80}?"
                              r"\bthat\s")


def _including_parent(f: Figure, siblings: list[Figure]) -> Figure | None:
    """The figure that this one is part of: "12,000 soldiers, including 500 officers, three of whom..."."""
    g = _previous_sibling(f, siblings)
    if g is None or g.quantity.kind != "count":
        return None
    between = f.sentence.text[g.quantity.end:f.quantity.start].lower()
    if g.status in _CASUALTY_STATUSES and _NEW_VERB_CLAUSE.search(between):
        return None        # "killed 40 people and damaged 3,000 homes": a clause of its own
    if re.search(r"\b(includ\w*|of whom|of which|among them|among whom|and)\b", between) or \
            re.match(r"\s*(?:of\s+)?(?:whom|which)", f.sentence.text[f.quantity.end:].lower()):
        return g if g.location or g.status else None
    return None


def _counts_people(counted: str | None) -> bool:
    """Whether a figure counts people at the dateline's place: 'people', 'protesters', or a nation's people
    ('nearly 150 Indians returned home', datelined NEW DELHI); not companies or other bodies."""
    if not counted:
        return False
    head = counted.split()[-1]
    return counted in ("people", "protesters") or head.endswith("s") and head[:-1] in places().demonym_country
