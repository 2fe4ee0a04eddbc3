"""What kind of thing a figure counts, from a small taxonomy (fixtures/realtext/CONVENTIONS.md `count_kind`, after
GDELT's count types): people by what happened to them (killed, injured, missing, displaced, arrested, affected),
groups (protesters, troops, cases, jobs, voters, people), things; and money, percent, measure, duration, other for
amounts. Differently worded figures of one quantity meet by their kind: '58 people were killed', '58 flood deaths'
and '40 bodies recovered' are all killed.

Beside the kind, the figure's subject: who or what it counts beyond its kind, the words that tell which ones
('North Korean' troops, 'measles' cases, 'relief camps'); None when the kind says it all ('people killed').

Worked out after scope, from what it found (counted, status, location) and the words of the figure's clause; the
words are data (data/count_kinds.json)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..model import Figure
from .clauses import excluded_spans, figure_window
from .lexicon import alternation, load_table, places
from .scope_words import lex
# (_status_in: the status a figure's own clause gives it, the one scope reads first)
from .status import _status_in

AMOUNT_KINDS = frozenset({"money", "percent", "measure", "duration", "other"})
# kinds that tell what happened to people: a figure of one is the kind's own status in its measure
EVENT_STATUS = {"killed": "killed", "injured": "wounded", "missing": "missing", "arrested": "captured",
                "displaced": "in_place", "affected": "other"}


@dataclass(frozen=True)
class KindWords:
    status_kinds: dict          # casualty status -> kind
    nouns: dict                 # head noun (lowercase) -> kind
    plain: dict                 # kind -> nouns that say no more than the kind ('workers' laid off are jobs)
    multi_nouns: dict           # the nouns of more than one word by their last word, longest first
    cues: re.Pattern            # any kind's cue; the cue -> kind in cue_kind
    cue_kind: dict
    people: frozenset           # nouns of people (lowercase)
    people_suffix: re.Pattern   # ... and the compounds that end in one ('firemen', 'schoolgirls')
    generic: frozenset          # nouns that say no more than 'people'
    not_subject: frozenset      # words that are no part of a subject
    legal_before: frozenset     # words before 'cases' that make them cases at law ('court cases')
    legal_after: re.Pattern     # ... and words after them ('cases against')
    severity: re.Pattern        # a severity word in the figure's own phrase: no comma or clause between
    severity_word: dict         # severity word -> its subject


@lru_cache(maxsize=None)
def words() -> KindWords:
    t = load_table("count_kinds.json")
    nouns, cue_kind = {}, {}
    for kind, entry in t["kinds"].items():
        for n in entry["nouns"]:
            nouns.setdefault(n.lower(), kind)
        for c in entry["cues"]:
            cue_kind.setdefault(c.lower(), kind)
    severity = {k.lower(): v for k, v in t["severity"].items()}
    return KindWords(status_kinds=t["status_kinds"], nouns=nouns,
                     plain={kind: frozenset(entry.get("plain", ())) for kind, entry in t["kinds"].items()},
                     multi_nouns=_by_last_word(n for n in nouns if " " in n),
                     cues=alternation(cue_kind, re.I), cue_kind=cue_kind,
                     people=frozenset(w.lower() for w in t["people"]),
                     people_suffix=re.compile(r"(?!(?:%s)$)\w{2,}(?:%s)$" % (
                         "|".join(t["people_suffixes"]["not_people"]), "|".join(t["people_suffixes"]["suffixes"]))),
                     generic=frozenset(w.lower() for w in t["generic_people"]),
                     not_subject=frozenset(w.lower() for w in t["not_subject"]),
                     legal_before=frozenset(t["legal_cases"]["before"]),
                     legal_after=re.compile(r"\s+(?:%s)\b" % "|".join(map(re.escape, t["legal_cases"]["after"]))),
                     severity=re.compile(r"[^,;:.!?]{0,40}?(?<![\w-])(%s)(?![\w-])" % "|".join(
                         map(re.escape, sorted(severity, key=len, reverse=True))), re.I),
                     severity_word=severity)


def _by_last_word(phrases) -> dict:
    out: dict = {}
    for p in sorted(phrases, key=len, reverse=True):
        out.setdefault(p.rsplit(" ", 1)[-1], []).append(p)
    return out


@lru_cache(maxsize=4096)
def head_noun(counted: str) -> str:
    """The head noun of what a figure counts, lowercase: its last word, or a noun of the data of two words
    ('service members', 'job cuts')."""
    low = counted.lower()
    last = low.rsplit(" ", 1)[-1]
    for multi in words().multi_nouns.get(last, ()):
        if low.endswith(multi) and (len(low) == len(multi) or low[-len(multi) - 1] == " "):
            return multi
    return last


def _of_people(counted: str | None, head: str) -> bool:
    """Whether a count is of people: its noun is a noun of people or a people ('Indians', 'North Koreans')."""
    if counted is None:
        return True          # a bare number scope could not name: its status or clause may still tell
    w = words()
    if head in w.people or w.nouns.get(head) in EVENT_STATUS or w.nouns.get(head) in ("protesters", "troops", "voters") \
            or w.people_suffix.match(head):
        return True
    last = counted.rsplit(" ", 1)[-1]
    return last in _bare_demonyms()


@lru_cache(maxsize=None)
def _bare_demonyms() -> frozenset:
    """A people named by its demonym in the plural ('Indians', 'North Koreans'; one word of it is enough)."""
    return frozenset(d.rsplit(" ", 1)[-1] + "s" for d in places().demonym_country)


def _nearest_cue(text: str, before, after) -> tuple[int, str] | None:
    """(distance, kind) of the cue nearest the figure in these ranges of its sentence."""
    w = words()
    best = None
    for a, b in after:
        m = w.cues.search(text, a, b)
        if m and (best is None or m.start() - a < best[0]):
            best = (m.start() - a, w.cue_kind[m.group(0).lower()])
    for a, b in before:
        for m in w.cues.finditer(text, a, b):
            d = b - m.end()
            if best is None or d < best[0]:
                best = (d, w.cue_kind[m.group(0).lower()])
    return best


class Clauses:
    """The clause windows of a page's figures (clauses.figure_window), with each sentence's asides worked out once
    and only for the figures that need them."""

    def __init__(self, figures: list[Figure]):
        self.by_sentence: dict[int, list[Figure]] = {}
        for f in figures:
            self.by_sentence.setdefault(f.sentence.index, []).append(f)
        self._excluded: dict[int, list] = {}

    def window(self, f: Figure, to_next_figure: bool) -> tuple[list, list]:
        """(before, after) ranges of the figure's clause; after stops at the next figure when `to_next_figure`."""
        i, q = f.sentence.index, f.quantity
        if i not in self._excluded:
            self._excluded[i] = excluded_spans(f.sentence.text)
        others = self.spans(f) if to_next_figure else ()
        return figure_window(f.sentence.text, q.start, q.end, self._excluded[i], others)

    def spans(self, f: Figure) -> list[tuple[int, int]]:
        """The spans of the other figures of its sentence."""
        return [(g.quantity.start, g.quantity.end) for g in self.by_sentence[f.sentence.index] if g is not f]


def count_kind(f: Figure, clauses: Clauses) -> str:
    """The figure's kind. A count of people in a casualty status is of that status's kind, unless its own words
    after it tell another thing that happened to them and no status (scope gives a figure of a list its parent's
    status: '486 people were injured ... and about 25 000 spent a night in tents'); else its noun's kind
    ('refugees', 'positions'); else, for people, the kind named by a cue after it, or else the cue nearest it in
    its clause ('300 people were evacuated', 'moved to 310 relief camps'), or people; anything else counted is
    things."""
    q = f.quantity
    if q.kind != "count":
        return q.kind if q.kind in AMOUNT_KINDS else "other"
    if 0 < q.low < 1 and q.high is None and "." not in f.sentence.text[q.value_start:q.value_end] and \
            _SHARE_OF.match(f.sentence.text, q.end):
        return "percent"         # a share written as a fraction: "about half of", "two-thirds of the staff"
    w = words()
    text = f.sentence.text
    head = head_noun(f.counted) if f.counted else ""
    person = _of_people(f.counted, head)
    if person and f.status in w.status_kinds:
        kind = w.status_kinds[f.status]
        before, own = clauses.window(f, to_next_figure=True)
        cue = _nearest_cue(text, (), own)
        if cue and cue[1] != kind and cue[1] in EVENT_STATUS and \
                _status_in(text, before, own, clauses.spans(f), bool(f.counted)) is None:
            return cue[1]        # no status word of its own: the status was its list's
        return kind
    if head == "cases" and _legal(f):
        return "things"
    if head in w.nouns:
        if w.nouns[head] == "jobs" and _protest_cue_after(text, clauses, f):
            return "protesters"  # "60,000 bank staff will walk off the job": staff on strike are a crowd
        return w.nouns[head]
    if person:
        # the words after a count say what happened to those it counts; words before may be the whole's it is a
        # part of ('410,000 people were affected, of whom about 96,000 remained in evacuation centres')
        cue = _nearest_cue(text, (), clauses.window(f, to_next_figure=True)[1]) or \
            _nearest_cue(text, *clauses.window(f, to_next_figure=False))
        if cue:
            return cue[1]
        if f.counted is None:
            return "people" if f.status == "in_place" else "things"
        return "people"
    return "things"


def _protest_cue_after(text: str, clauses: Clauses, f: Figure) -> bool:
    cue = _nearest_cue(text, (), clauses.window(f, to_next_figure=True)[1])
    return bool(cue) and cue[1] == "protesters"


# a fraction of a whole: "half of", "half the space" (not "½ cup", "a drag coefficient of 0.24")
_SHARE_OF = re.compile(r"\s+(?:of|the)\b")
_CASES_AFTER = re.compile(r"\s+(?:[\w-]+\s+){0,2}?cases\b")


def _legal(f: Figure) -> bool:
    """Whether the cases a figure counts are cases at law ('court cases', 'two cases against Israel')."""
    w = words()
    if any(x.lower() in w.legal_before for x in f.counted.split()[:-1]):
        return True
    m = _CASES_AFTER.match(f.sentence.text, f.quantity.end)
    return m is not None and w.legal_after.match(f.sentence.text, m.end()) is not None


def _severity(f: Figure) -> str | None:
    """The severity word of an injured count's own phrase ('61 of them critically', '56 with serious injuries')."""
    q = f.quantity
    m = words().severity.match(f.sentence.text, q.end, q.end + 60)
    return words().severity_word[m.group(1).lower()] if m else None


def subject(f: Figure, kind: str) -> str | None:
    """Who or what the figure counts beyond its kind, without the place (the figure's location: 'Derna'
    residents, 'New York City' hospitals). For things, what is counted ('relief camps'). For people, what is
    counted without its kind's own nouns, nouns that say no more than 'people', status words, events ('flood'
    deaths) and descriptions ('new', 'confirmed'): 'North Korean' troops, 'protesters' arrested, 'Indian people';
    an injured count's severity ('61 of them critically')."""
    if not f.counted or kind in AMOUNT_KINDS:
        return None
    w = words()
    head = head_noun(f.counted)
    rest, _ = _without_places(f.counted, f.location)
    tokens = rest.split()
    n = len(head.split())
    if tokens[-n:] != f.counted.split()[-n:]:
        return f.counted if kind == "things" else None    # the noun was a place's name: scope's noun stays
    modifiers, noun = tokens[:-n], " ".join(tokens[-n:])
    if kind == "things":
        return " ".join([*modifiers, noun])
    casualty = lex().casualty
    kept = [x for x in modifiers if not (x.islower() and (
        x in w.not_subject or x in casualty or w.nouns.get(x) == kind or x in w.generic))]
    if head in w.generic:
        if kind == "people" and kept:
            kept.append("people")           # 'Indian people', 'long-time residents'
    elif w.nouns.get(head) != kind and head not in w.plain.get(kind, ()):
        kept.append(noun)                   # the noun tells which ones: 'protesters' arrested
    if kind == "injured":
        severity = _severity(f)
        if severity:
            kept.append(severity)
    return " ".join(kept) or None


_NAME_GOES_ON = re.compile(r" [A-Z]")
_A_WORD = re.compile(r"[A-Za-z]{3}")


def _without_places(counted: str, location: str | None) -> tuple[str, list[str]]:
    """What a figure counts with the names of places in it (its location's among them) blanked out, and the
    places it names."""
    # (not a place that begins a longer name the gazetteer does not know: 'New York' of 'New York City')
    found = [p for p in places().find(counted) if not _NAME_GOES_ON.match(counted, p.end)] \
        if not counted.islower() else []
    spans = [(p.start, p.end) for p in found]
    if location and location in counted:
        m = re.search(r"(?<![\w-])%s(?![\w-])" % re.escape(location), counted)     # not 'Iran' of 'Iranian'
        if m:
            spans.append(m.span())
    chars = list(counted)
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    return "".join(chars), [p.name for p in found]


def counted_place(f: Figure) -> str | None:
    """The place what a figure counts names ('300 Derna residents', '14 Texas counties'), for a figure scope
    found no place for in its sentence (a story's place scope gave it does not count)."""
    if f.location and not f.extra.get("story_place") or not f.counted or f.counted.islower():
        return None
    rest, named = _without_places(f.counted, None)
    # (not when it names nothing but the place: 'Napa County' counted is no count of Napa County's)
    return named[0] if named and _A_WORD.search(rest) else None


def classify(figures: list[Figure]) -> None:
    """count_kind and subject of every figure, in f.extra."""
    clauses = Clauses(figures)
    for f in figures:
        kind = count_kind(f, clauses)
        f.extra["count_kind"] = kind
        f.extra["subject"] = subject(f, kind)
        place = counted_place(f)
        if place:
            f.extra["counted_place"] = place
