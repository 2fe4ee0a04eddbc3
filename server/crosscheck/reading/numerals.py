"""Numbers as written: a sentence's tokens, the tables of number words and scales, and a numeral's value."""
from __future__ import annotations

import json
import re
from pathlib import Path

_DATA = json.loads((Path(__file__).parents[1] / "data" / "figures.json").read_text(encoding="utf-8"))
_NUM = _DATA["numbers"]
_UNITS_W = _NUM["units"]
_TENS_W = _NUM["tens"]
_SCALE_W = _NUM["scales"]
_FRACTIONS = _NUM["fractions"]
_FRACTION_BLOCK = set(_NUM["fraction_blockers"])
_MULTIPLICATIVE = _NUM["multiplicative"]
_VAGUE = {tuple(k.split()): v for k, v in _NUM["vague_ranges"].items()}
_VAGUE_PLURALS = {k: v for k, v in _NUM["vague_plurals"].items() if k != "about"}
_VAGUE_FIRST = frozenset(k[0] for k in _VAGUE) | set(_VAGUE_PLURALS)
_SCALE_WORDS = _DATA["scales"]["words"]
_SCALE_ATTACHED = _DATA["scales"]["attached_only"]
_SCALE_SPACED_CASED = _DATA["scales"]["spaced_cased"]
_POINT_UNIT = _DATA["fraction_points"]["unit"]
_FRACTION_POINT_RE = re.compile(r"[ \u00a0-]+(?:%s)(?![\w-])" % "|".join(
    r"[ \u00a0-]+".join(map(re.escape, p.split())) for p in sorted(_DATA["fraction_points"]["nouns"], key=len, reverse=True)),
    re.I)
_RATIOS = _DATA["claim_only"]["ratios"]
_RATIO_NEXT = frozenset(_DATA["claim_only"]["ratio_next"])
_CLAUSE_OPENERS = frozenset(_DATA["claim_only"]["clause_openers"])
_SPANS = {tuple(re.split(r"[ -]", k)): v for k, v in _DATA["claim_only"]["spans"].items()}
_SPAN_RE = re.compile(r"[ \u00a0]+(%s)(?![\w-])" % "|".join(
    r"[ \u00a0-]".join(map(re.escape, k)) for k in sorted(_SPANS, key=lambda k: len(" ".join(k)), reverse=True)), re.I)
_NUMBER_WORDS = set(_UNITS_W) | set(_TENS_W) | {"hundred", "dozen"} | set(_SCALE_W)

_SPACES = " \u00a0\u2009\u202f"
_DASHES = "-\u2013\u2014\u2012\u2212"
_MAX_NUM_LEN = 40

# -- tokens -----------------------------------------------------------------------------------------------------
_VULGAR = {"\u00bd": 1 / 2, "\u00bc": 1 / 4, "\u00be": 3 / 4, "\u2153": 1 / 3, "\u2154": 2 / 3, "\u2155": 1 / 5,
           "\u2156": 2 / 5, "\u2157": 3 / 5, "\u2158": 4 / 5, "\u2159": 1 / 6, "\u215a": 5 / 6, "\u215b": 1 / 8,
           "\u215c": 3 / 8, "\u215d": 5 / 8, "\u215e": 7 / 8}     # "½", "2½ hours"
_TOKEN_RE = re.compile(r"(\d*[%s](?!\d))|(\d+(?:[.,]\d+)*)|((?<![\w.,])\.\d+)|([^\W\d_]+)|(\S)" % "".join(_VULGAR))
N, W, P = 0, 1, 2


_KIND_OF_GROUP = (None, N, N, N, W, P)     # the one group of _TOKEN_RE that matched -> token kind


def _tokenize(s: str):
    kinds, texts, starts, ends = [], [], [], []
    for m in _TOKEN_RE.finditer(s):
        kinds.append(_KIND_OF_GROUP[m.lastindex])
        texts.append(m.group())
        a, b = m.span()
        starts.append(a)
        ends.append(b)
    return kinds, texts, starts, ends


def _parse_digits(t: str, tdot):
    """Returns (value, is_int, grouped, dot3) or None when the token is not one number (a date, a version)."""
    if len(t) > _MAX_NUM_LEN:
        return None
    if t[-1] in _VULGAR:
        return (float(t[:-1]) if len(t) > 1 else 0.0) + _VULGAR[t[-1]], False, False, False
    if t.startswith("."):
        return float("0" + t), False, False, False
    if "," not in t and "." not in t:
        return float(t), True, False, False
    groups = re.split(r"[.,]", t)
    seps = [c for c in t if c in ".,"]
    first = groups[0]
    if all(c == "," for c in seps):
        if 1 <= len(first) <= 3 and all(len(g) == 3 for g in groups[1:]) and not (first == "0"):
            return float("".join(groups)), True, True, False
        if tdot and len(seps) == 1:
            return float(first + "." + groups[1]), False, False, False
        return None
    if all(c == "." for c in seps):
        if len(seps) == 1:
            if len(groups[1]) == 3 and first[0] != "0" and len(first) <= 3:
                # "11.000": thousands or a decimal, decided by the caller from the page and the context
                return float(first + "." + groups[1]), False, False, True
            return float(t), False, False, False
        if 1 <= len(first) <= 3 and all(len(g) == 3 for g in groups[1:]) and first[0] != "0" and tdot is not False:
            return float("".join(groups)), True, True, False
        return None
    # mixed separators
    last = seps[-1]
    body = seps[:-1]
    if last == "." and all(c == "," for c in body):          # 1,234.56
        if 1 <= len(first) <= 3 and all(len(g) == 3 for g in groups[1:-1]):
            return float("".join(groups[:-1]) + "." + groups[-1]), False, True, False
        return None
    if last == "," and all(c == "." for c in body):          # 1.234,56
        if 1 <= len(first) <= 3 and all(len(g) == 3 for g in groups[1:-1]):
            return float("".join(groups[:-1]) + "." + groups[-1]), False, True, False
        return None
    return None
