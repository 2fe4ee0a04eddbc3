"""What a figure was understood as, in a reader's words: numbers as a reader writes them ('27.53 billion dollars',
'11,000', '40%'), the interval a bound means, and the parts of a measure key ('North Korean troops', 'in Kursk
region', 'in place') that two figures share when they are compared. The card, the summaries and the command
line all use these words, so that they say the same thing."""
from __future__ import annotations

import re

from datetime import date
from functools import lru_cache

from .measure import KeyParts, key_parts

SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
# the common words for the common currencies; others by CLDR's English name ('Kenyan shillings')
CURRENCY_WORDS = {"USD": ("dollar", "dollars"), "EUR": ("euro", "euros"), "GBP": ("pound", "pounds")}
BOUNDS = {"approx": "about", "more_than": "more than", "at_least": "at least", "up_to": "up to",
          "less_than": "less than"}
STATUS_WORDS = {"in_place": "in place", "planned": "planned", "training": "in training", "killed": "killed",
                "wounded": "wounded", "casualties": "casualties", "captured": "captured", "missing": "missing"}
# a count whose key names only what happened ('killed') counts people
EVENT_ONLY = {"killed", "injured", "missing", "displaced", "arrested", "affected", "wounded", "captured"}
KIND_NOUN = {"count": "count of", "money": "amount of", "percent": "percentage for", "measure": "measure of",
             "duration": "duration of"}
# a key that names only its unit: what it is of was not found
UNIT_ONLY = {"percent": "an unnamed quantity", "": "money"}
SMALL_WORDS = {"of", "and", "the", "in", "on", "de", "al"}
BAND = 0.10            # compare.BAND: "about 10,000" is compared as 9,000-11,000


def number(x: float) -> str:
    """11,000; 27.53 billion; 5.1; 0.25: whole millions and up in words, at most two decimals."""
    a = abs(x)
    for size, word in SCALES:
        if a >= size:
            q = x / size
            if abs(round(q, 2) * size - x) < 0.5:        # no digit is lost in words
                return f"{q:,.2f}".rstrip("0").rstrip(".") + " " + word
    if float(x).is_integer():
        return f"{x:,.0f}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


@lru_cache(maxsize=256)
def _currency(code: str) -> tuple[str, str] | None:
    if code in CURRENCY_WORDS:
        return CURRENCY_WORDS[code]
    if len(code) != 3 or not code.isupper():
        return None
    try:
        from babel.numbers import get_currency_name
        one, many = get_currency_name(code, count=1, locale="en"), get_currency_name(code, count=2, locale="en")
    except Exception:  # noqa: BLE001 - an unknown code is shown as it is
        return None
    return (one, many) if many != code else None


def unit_words(unit: str | None, plural: bool = True) -> str:
    """A unit as words after a number: 'dollars', 'Kenyan shillings', 'km', 'days'; '' for plain counts."""
    if not unit or unit == "%":
        return ""
    cur = _currency(unit)
    if cur:
        return cur[1] if plural else cur[0]
    if unit in _WRITTEN_SHORT:
        return _WRITTEN_SHORT[unit][plural]
    if plural and re.fullmatch(r"[a-z][a-z ]*[a-z]", unit) and (len(unit) > 3 or unit in ("day", "ton", "lap")):
        # the word a number counts, before 'per' or 'of', or last: 'hectares', 'barrels per day', 'cubic feet'
        head, per, rest = (re.split(r"( per | of )", unit, maxsplit=1) + ["", ""])[:3]
        words = head.split(" ")
        last = words[-1]
        words[-1] = _IRREGULAR.get(last) or (last if last.endswith("s") else last + "s")
        return " ".join(words) + (per + rest if per else "")
    return unit


_IRREGULAR = {"foot": "feet", "century": "centuries", "inch": "inches"}
# units written in their short form ('lb-ft', not 'foot pound-force')
# (singular, plural)
_WRITTEN_SHORT = {"foot pound-force": ("lb-ft", "lb-ft"), "newton metre": ("Nm", "Nm"), "mi": ("mile", "miles")}


def amount(x: float, unit: str | None) -> str:
    """A number with its unit: '27.53 billion dollars', '40%', '10 km', '11,000'."""
    n = number(x)
    if unit == "%":
        return n + "%"
    words = unit_words(unit, plural=abs(x) != 1)
    return f"{n} {words}" if words else n


def value_words(low: float, high: float | None, qualifier: str, unit: str | None = None) -> str:
    """The value as the figure gives it, with its bound: 'more than 10,000', '40,000–50,000', 'about 5.1%'."""
    if high is not None and high != low:
        core = f"{_bare(low, unit)}–{amount(high, unit)}"
    else:
        core = amount(low, unit)
    bound = BOUNDS.get(qualifier)
    return f"{bound} {core}" if bound else core


def _bare(x: float, unit: str | None) -> str:
    """The low end of a range: its unit only when the scales differ ('1–1.5%', '900 million–1.2 billion')."""
    return number(x)


def interval_words(low: float, high: float | None, qualifier: str, unit: str | None = None) -> str:
    """What the comparison weighs the value as: 'at least 10,000' (more than), 'at most 8,000' (up to),
    '9,900–12,100' (about 11,000), '40,000–50,000' (a range), '11,000' (exact)."""
    if qualifier == "range" and high is not None:
        return f"{_bare(min(low, high), unit)}–{amount(max(low, high), unit)}"
    if qualifier == "approx":
        a, b = sorted((low - abs(low) * BAND, low + abs(low) * BAND))
        return f"{_bare(a, unit)}–{amount(b, unit)}"
    if qualifier in ("more_than", "at_least"):
        return "at least " + amount(low, unit)
    if qualifier in ("up_to", "less_than"):
        return "at most " + amount(low, unit)
    return amount(low, unit) if high is None else f"{_bare(low, unit)}–{amount(high, unit)}"


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@lru_cache(maxsize=1024)
def date_words(iso: str | None) -> str | None:
    """'2024-11-04' -> '4 Nov 2024' (the same in every locale)."""
    if not iso or len(iso) != 10:
        return None
    try:
        d = date.fromisoformat(iso)
    except ValueError:
        return None
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


# ---------------------------------------------------------------- what a measure key says

def _cased(slug_words: str, *texts: str | None) -> str:
    """A key's words with the capitals of the figure's own words ('north korean troops' -> 'North Korean
    troops'): keys are lower case, the reader's words are not."""
    known = {}
    for t in texts:
        for w in (t or "").split():
            known.setdefault(w.lower().strip(".,;:"), w.strip(".,;:"))
    return " ".join(known.get(w, w) for w in slug_words.split())


def what_words(parts: KeyParts, *, unit: str | None = None, counted: str | None = None, subject: str | None = None,
               location: str | None = None) -> str:
    """What the key counts or measures: 'North Korean troops', 'people killed', 'spending in dollars'."""
    words = parts.what.replace("-", " ").strip()
    tokens = words.split()
    money = ""
    if tokens and len(tokens[-1]) == 3 and _currency(tokens[-1].upper()):
        money = " in " + unit_words(tokens[-1].upper())
        tokens = tokens[:-1]
    words = " ".join(tokens)
    if words in UNIT_ONLY and (money or words):
        words = UNIT_ONLY[words]
    if words in EVENT_ONLY:
        words = "people " + words
    words = _cased(words, counted, subject, location) if words else ""
    return (words + money).strip() or (unit_words(unit) or "a figure")


def where_words(parts: KeyParts, location: str | None = None) -> str:
    if parts.where in ("", "anywhere"):
        return "no place named"
    words = _cased(parts.where.replace("-", " "), location)
    if words == words.lower():          # the story's place, not the figure's words: a place name's capitals
        words = " ".join(w if w in SMALL_WORDS else w.capitalize() for w in words.split())
    return "in " + words


def key_words(key: str, *, unit: str | None = None, counted: str | None = None, subject: str | None = None,
              location: str | None = None) -> list[str]:
    """A measure key as the parts two figures must share to be compared: what, where, status, and what dates
    or sets it apart ('in 2022', 'the value before a change', 'told with: revenue down from this year', 'the
    value 14 only')."""
    return list(_key_words(key, unit, counted, subject, location))


@lru_cache(maxsize=4096)
def _key_words(key: str, unit: str | None, counted: str | None, subject: str | None,
               location: str | None) -> tuple[str, ...]:
    """(key_words, cached: a page's figures share keys, and a page read again has them all)"""
    parts = key_parts(key)
    out = [what_words(parts, unit=unit, counted=counted, subject=subject, location=location),
           where_words(parts, location)]
    status = STATUS_WORDS.get(parts.status)
    if status and status not in out[0].split():
        out.append(status)
    for y in parts.years.split(".")[1:]:
        out.append("the value before a change" if y == "yprior" else f"dated {y[1:]}")
    for c in parts.context.split(".")[1:]:
        out.append("told with: " + c[2:].replace("-", " "))
    for v in parts.value.split(".")[1:]:
        # (measure.by_value: one of the values a source gave under one key)
        x = float(v[1:].replace("m", "-", 1).replace("p", "."))
        out.append(f"the value {number(x)} only")
    return tuple(out)


def would_match(kind: str, parts: list[str]) -> str:
    """'another source's count of North Korean troops, in Kursk region, in place'."""
    return f"another source's {KIND_NOUN.get(kind, 'figure for')} {', '.join(parts)}"
