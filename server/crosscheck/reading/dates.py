"""Time expressions that date a claim ("on Monday", "last Sunday", "the previous day", "November 4") and
their resolution against a reference day (the publication date, or the date of an enclosing statement)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from .lexicon import caseless_in

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"])}
MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
              "oct": 10, "nov": 11, "dec": 12}
_MONTH = r"(?:%s)" % "|".join(list(MONTHS) + [a + r"\.?" for a in MONTH_ABBR])
_WEEKDAY = r"(?:%s)" % "|".join(WEEKDAYS)

CUE = re.compile(
    r"(?P<same>\b(?:on )?the same day\b|\bthat day\b)"
    r"|(?P<prev>\bthe (?:previous|preceding|prior) day\b|\bthe day before\b|\ba day earlier\b)"
    r"|(?P<yesterday>\byesterday\b)"
    r"|(?P<today>\btoday\b|\btonight\b|\bthis (?:morning|afternoon|evening)\b|\bearlier today\b)"
    r"|(?P<weekday>\b(?:(?P<rel>last|this|on|earlier on|late on|early on|late|early) \[?)?(?:(?:last|this)\] )?"
    r"(?P<wd>" + _WEEKDAY + r")\b(?! (?:" + _MONTH + r"|\d)))"
    r"|(?P<md>\b(?P<md_month>" + _MONTH + r") (?P<md_day>\d{1,2})(?:st|nd|rd|th)?\b(?:,? (?P<md_year>(?:19|20)\d\d)\b)?)"
    r"|(?P<dm>\b(?P<dm_day>\d{1,2})(?:st|nd|rd|th)? (?:of )?(?P<dm_month>" + _MONTH + r")\b(?:,? (?P<dm_year>(?:19|20)\d\d)\b)?)"
    # a month alone ("estimated in March that ..."): the claim was not made on the day of publication
    r"|(?P<mo>\bin (?:(?P<mo_part>early|mid|late)[ -])?(?P<mo_month>(?-i:[A-Z])[a-z]+)\b(?! \d{1,2}\b)(?:,? (?P<mo_year>(?:19|20)\d\d)\b)?)",
    re.I)
_MONTH_PART_DAY = {"early": 1, "mid": 15, "late": 20}


@dataclass(frozen=True)
class TimeCue:
    start: int
    end: int
    kind: str            # same | prev | yesterday | today | weekday | date | month ("in March": its first day)
    weekday: int | None = None
    last: bool = False
    month: int | None = None
    day: int | None = None
    year: int | None = None


def find_cues(text: str) -> list[TimeCue]:
    return list(_find_cues(text))


# every cue holds one of these (case aside): most sentences hold none, and the full pattern need not run
_CUE_HINT_WORDS = ("day", "tonight", "morning", "afternoon", "evening", "jan", "feb", "mar", "apr", "may", "jun",
                   "jul", "aug", "sep", "oct", "nov", "dec")
_CUE_HINT = re.compile("(?i)" + "|".join(_CUE_HINT_WORDS))


# ... and, as a whole word, one of these
_CUE_WORDS = frozenset(["day", "yesterday", "today", "tonight", "morning", "afternoon", "evening", *WEEKDAYS, *MONTHS,
                        *MONTH_ABBR])
_LETTERS = re.compile(r"[a-z]+")


@lru_cache(maxsize=4096)
def _find_cues(text: str) -> tuple[TimeCue, ...]:
    hint = caseless_in(text, _CUE_HINT_WORDS)
    if hint is False or hint is None and not _CUE_HINT.search(text):
        return ()
    if hint and _CUE_WORDS.isdisjoint(_LETTERS.findall(text.lower())):
        return ()           # "market", "decided", "may": the letters, not the words
    return _scan_cues(text)


def _scan_cues(text: str) -> tuple[TimeCue, ...]:
    cues = []
    for m in CUE.finditer(text):
        kind = m.lastgroup if m.lastgroup in ("same", "prev", "yesterday", "today") else None
        if m.group("weekday"):
            rel = (m.group("rel") or "").lower()
            last = rel == "last" or "[last]" in m.group(0).lower() or m.group(0).lower().startswith("last")
            cues.append(TimeCue(m.start(), m.end(), "weekday", WEEKDAYS.index(m.group("wd").lower()), last))
        elif m.group("md") or m.group("dm"):
            p = "md" if m.group("md") else "dm"
            month = _month_number(m.group(p + "_month"))
            day = int(m.group(p + "_day"))
            year = int(m.group(p + "_year")) if m.group(p + "_year") else None
            if month and 1 <= day <= 31:
                cues.append(TimeCue(m.start(), m.end(), "date", month=month, day=day, year=year))
        elif m.group("mo"):
            month = MONTHS.get(m.group("mo_month").lower())
            if month:        # (the first day of the month, or its middle or end for "mid" and "late")
                day = _MONTH_PART_DAY.get((m.group("mo_part") or "early").lower(), 1)
                year = int(m.group("mo_year")) if m.group("mo_year") else None
                cues.append(TimeCue(m.start(), m.end(), "month", month=month, day=day, year=year))
        elif kind:
            cues.append(TimeCue(m.start(), m.end(), kind))
    return tuple(cues)


def _month_number(word: str) -> int | None:
    w = word.lower().rstrip(".")
    return MONTHS.get(w) or MONTH_ABBR.get(w)


def resolve(cue: TimeCue, reference: date | None, previous: date | None = None) -> date | None:
    """The day a cue names, counted back from `reference` (claims are made on or before it)."""
    if cue.kind == "same":
        return previous or reference
    if reference is None:
        if cue.kind in ("date", "month") and cue.year:
            return _safe_date(cue.year, cue.month, cue.day)
        return None
    if cue.kind == "today":
        return reference
    if cue.kind in ("prev", "yesterday"):
        return reference - timedelta(days=1)
    if cue.kind == "weekday":
        back = (reference.weekday() - cue.weekday) % 7
        if cue.last and back == 0:
            back = 7
        return reference - timedelta(days=back)
    if cue.kind in ("date", "month"):
        year = cue.year or reference.year
        d = _safe_date(year, cue.month, cue.day)
        if d and not cue.year and d > reference + timedelta(days=1):
            d = _safe_date(year - 1, cue.month, cue.day)
        return d
    return None


def _safe_date(y, m, d) -> date | None:
    try:
        return date(y, m, d)
    except (TypeError, ValueError):
        return None


DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z .'/-]{1,40}?),\s*(?:(?P<country>[A-Z][A-Za-z .'-]{1,30}?),\s*)?(?P<date>(?:\d{1,2} )?" + _MONTH +
    r"(?: \d{1,2})?(?:,? \d{4})?)\s*(?:\([^)]{1,40}\))?\s*[-–—]", re.I)


_BARE_DATELINE = re.compile(r"^\s*(?P<place>[A-Z][A-Z .'/-]{2,40}?)(?:,\s*[A-Z][A-Za-z .'-]{1,30})?\s*(?:\([^)]{1,40}\))?\s*(?:[–—-]|:)\s+(?=[A-Z\"“])")


def dateline(text: str) -> tuple[str, date | None, int] | None:
    """'SEOUL, November 5 (AJP) -' -> ('SEOUL', date or None, end offset); 'DRAVENIK, Kestria, March 2 -'
    -> ('DRAVENIK, Kestria', ...). The date needs a year to stand alone; without one the caller completes
    it from the publication date."""
    m = DATELINE.match(text)
    if not m:
        bare = _BARE_DATELINE.match(text)      # "PORT HALDEN — The council ..." (no date)
        return (bare.group("place").title(), None, bare.end()) if bare else None
    if m.group("country"):
        return f"{m.group('place')}, {m.group('country')}", _dateline_day(m), m.end()
    return m.group("place"), _dateline_day(m), m.end()


def _dateline_day(m) -> date | None:
    cues = find_cues(m.group("date"))
    day = None
    if cues and cues[0].kind == "date":
        c = cues[0]
        day = _safe_date(c.year, c.month, c.day) if c.year else None
    return day
