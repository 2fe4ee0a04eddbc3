"""Clause windows: the text before and after a figure that belongs to its clause, asides cut out."""
from __future__ import annotations

import re

from ..model import Figure
from .scope_words import lex


_DASH_PAIR = re.compile(r"\s[-–—]\s[^-–—]{3,200}?\s[-–—]\s")
_RELATIVE = re.compile(r",\s(?:which|who|where|whose)\b[^,;]*(?:,|$)")
_CLAUSE_BREAK = re.compile(r";|:\s|,\s(?:but|and|while|whereas|although|though|after|when|amid|because|"
                           r"as(?!\s+(?:many|much|few|high|low|well|large|long|of|part)\b))\b|\sbut\s|"
                           r"\band\sthat\s|(?<![A-Z])[.!?]\s")


_PART_OF = re.compile(r"\s+of\s+(?:them|whom|which|those|these)\b")
# (a name may qualify the first noun: "Three US troops and five ...")
_LIST_GAP = re.compile(r"^\s+(?:[A-Za-z][\w'.-]*\s+){0,3}(?:and|or)\s+\Z|^\s+(?:[a-z][\w'-]*\s+){0,2}[a-z][\w'-]*,\s+\Z")
# another figure that a figure's noun includes: "21 people including 14 Australians were killed"
_INCLUDING_GAP = re.compile(r"\s+(?:[\w'-]+\s+){0,3}?[\w'-]+,?\s+(?:including|among\s+them|among\s+whom)\s+"
                            r"(?:at\s+least\s+|about\s+|some\s+|nearly\s+)?\Z")
_MODIFIER_GAP = re.compile(r"^\s+[\w'-]+(?:\s+[\w'-]+){0,2}\s(?:in|across|at|among)\s+(?:the\s+|some\s+|about\s+|nearly\s+|over\s+)?$")


def is_modifier(f: Figure, siblings: list[Figure]) -> bool:
    """A figure inside another figure's phrase ("106 protesters in 21 cities") only qualifies it."""
    g = _previous_sibling(f, siblings)
    return g is not None and bool(_MODIFIER_GAP.search(f.sentence.text[g.quantity.end:f.quantity.start]))


def _previous_sibling(f: Figure, siblings: list[Figure]) -> Figure | None:
    i = siblings.index(f) if len(siblings) < 64 else next(k for k, g in enumerate(siblings) if g is f)
    return siblings[i - 1] if i > 0 else None


def excluded_spans(text: str) -> list[tuple[int, int]]:
    """Asides that a figure outside them must not take its place or status from."""
    spans = [(m.start(), m.end()) for m in _DASH_PAIR.finditer(text)]
    spans += [(m.start(), m.end()) for m in _RELATIVE.finditer(text)]
    return sorted(spans)


# a parenthesis right after a figure or its noun (up to two words), holding no other parenthesis
_ASIDE_AFTER = re.compile(r"(?:[ \u00a0]+[\w-]+){0,2}[ \u00a0]*(\([^()]{1,120}\))")
_ASIDE_LEAD = 12     # characters: "(about 76 mm)", "(or roughly 4,000)"


# the text before a figure that the end-anchored patterns look at: none of them spans more, and searching
# the whole sentence from its start would try every position
_TAIL = 120
REACH = 240   # no clause of a real sentence runs further from its figure; bounds work on hostile text


def figure_window(text: str, start: int, end: int, excluded, others) -> tuple[list, list]:
    """Ranges of text before and after a figure that belong to its clause, with asides cut out.
    `others` are the spans of the sentence's other figures: a clause stops at the next figure."""
    lo, hi = max(0, start - REACH), min(len(text), end + REACH)
    aside = _ASIDE_AFTER.match(text, end)
    if aside and any(aside.start(1) < s <= aside.start(1) + _ASIDE_LEAD for s, _ in others):
        # "about 3 inches (76 millimeters) of rain in Orange County", "14 people (nine adults and five children)
        # in Tucson": the figure's clause runs on past the conversion or breakdown it opens (a parenthesis
        # that begins with another figure; not a remark of its own, "22 games (the addition of 10 titles ...)")
        excluded = sorted([*excluded, (aside.start(1), aside.end(1))])
    for s, e in excluded:
        if s <= start and end <= e:      # the figure sits inside an aside: its clause is the aside
            lo, hi = max(s, lo), min(e, hi)
            excluded = [x for x in excluded if x != (s, e)]
            break
    after_end = hi
    for m in _CLAUSE_BREAK.finditer(text, end, hi):
        if not any(s <= m.start() < e for s, e in excluded):
            after_end = m.start()
            break
    listed_end = end
    for s, e in others:
        if s > after_end:
            break
        if end <= s < after_end and not any(xs <= s < xe for xs, xe in excluded):
            if _MODIFIER_GAP.search(text[end:s]) or _INCLUDING_GAP.match(text, end, s):
                continue   # "106 protesters in 21 cities have been killed": the clause goes on
            if _LIST_GAP.search(text[listed_end:s]) and not lex().any_status.search(text, listed_end, s) and \
                    not _PART_OF.match(text, e):
                listed_end = e
                continue   # "800 rescuers and 60 vehicles have been sent": one verb for the whole list
                # (not "1,700 people nationwide, 800 of them in Sindh": a part of the first)
            after_end = s
            break
    before_start = lo
    for m in _CLAUSE_BREAK.finditer(text, lo, start):
        if not any(s <= m.start() < e for s, e in excluded):
            before_start = m.end()

    def cut(a, b):
        parts, pos = [], a
        for s, e in excluded:
            if e <= a or s >= b:
                continue
            if s > pos:
                parts.append((pos, s))
            pos = max(pos, e)
        if pos < b:
            parts.append((pos, b))
        return parts
    return cut(before_start, start), cut(end, after_end)
