"""Figures in one sentence: every number with its bound (qualifier), range, unit, kind and trend.

    find_quantities("About 10,000 North Korean troops ...")  ->  [Quantity(low=10000, qualifier="approx", ...)]

The words that drive the rules (number words, scales, qualifiers, trend verbs, units, currencies, the
context words that make a number a non-figure) live in data/figures.json. Everything here is a single
left-to-right pass over tokens with bounded look-around, so run time is linear in the sentence length;
every regular expression is compiled once and has no nested unbounded quantifiers.

Conventions (measured on NewsQuant and the seed articles):
  - years, dates, clock times, ordinals, scores ("2-1"), phone numbers, names holding numbers ("FTSE 100",
    "Hwasong-19", "G20", "iPhone 11 Pro") and page counters ("8274 views") are not figures;
  - bare vague words ("hundreds", "dozens", "several") are not figures, but "several hundred" (300-900) and
    "tens of millions" (10M-100M) are ranges;
  - nearly/almost are up_to; a range's qualifier is "range" even after "closer to";
  - the trend goes to the figure right after a direction verb ("rose 8%" -> up) and to an "or" restatement
    of it ("up 0.25 points, or 0.01%"), not to the level it reached ("... to 6,327.80").
"""
from __future__ import annotations

import json
import re
from bisect import bisect_left
from pathlib import Path

from .lexicon import _trie
from ..model import Quantity

__all__ = ["find_quantities", "page_uses_thousands_dot"]

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
_MONTHS = set(_DATA["months"])
_WEEKDAYS = set(_DATA["weekdays"])
_YEAR_PREP = set(_DATA["year_prepositions"])
_YEAR_NOUNS = frozenset(_DATA.get("year_nouns", ()))
_NOT_NAMES = set(_DATA["capitalized_not_names"])
_NAME_SUFFIX = set(_DATA["name_suffixes"])
_NON_FIG_AFTER = set(_DATA["non_figure_after"])
_SCORE_WORDS = set(_DATA["score_words"])
_ONE_BEFORE = set(_DATA["one_blockers_before"])
_ONE_AFTER = set(_DATA["one_blockers_after"])
_CUR_PREFIX = _DATA["currency_prefixes"]
_CUR_SPACED = set(_DATA["currency_prefix_spaced"])
_CUR_LETTERS = {k: v for k, v in _DATA["currency_letters_before_scale"].items() if k != "about"}
_TREND_BLOCK = set(_DATA["trend_blockers"])
_PREFIX_UNITS = {k: tuple(v) for k, v in _DATA["prefix_units"].items()}
_TREND_NOT_COUNTS = {tuple(w.split()) for w in _DATA["trend_not_for_counts"]}
_INDEX_NAMES = set(_DATA["index_names"])
_DESIGNATIONS = frozenset(_DATA["designations"]["tokens"])
_PRODUCT_PREFIXES = frozenset(_DATA["product_prefixes"]["prefixes"])
_DESIGNATION_NOUNS = frozenset(_DATA["designation_nouns"]["words"])
_CALL_VERBS = frozenset(_DATA["phone_calls"]["verbs"])
_NOT_CALLED_NOUNS = frozenset(_DATA["phone_calls"]["not_nouns"])
_EMERGENCY_NUMBERS = frozenset(_DATA["phone_calls"]["emergency_numbers"])
_CALL_WORDS = frozenset(_DATA["phone_calls"]["call_words"])
_POINT_UNIT = _DATA["fraction_points"]["unit"]
_FRACTION_POINT_RE = re.compile(r"[ \u00a0-]+(?:%s)(?![\w-])" % "|".join(
    r"[ \u00a0-]+".join(map(re.escape, p.split())) for p in sorted(_DATA["fraction_points"]["nouns"], key=len, reverse=True)),
    re.I)
_TIMES_COMPOUNDS = frozenset(_DATA["times_compounds"]["words"])
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


# -- phrase regexes -------------------------------------------------------------------------------------------
def _alt(phrases):
    out = []
    for p in sorted(set(phrases), key=len, reverse=True):
        out.append(r"[ \u00a0\-]".join(re.escape(w) for w in p.split(" ")))
    return "|".join(out)


def _unit_table():
    ci, cs, att = {}, {}, {}
    attached_only = set(_DATA["attached_only_units"])
    u = _DATA["units"]
    for kind, key in (("percent", "percent"), ("money", "money"), ("duration", "duration"), ("other", "age"),
                      ("measure", "measure"), ("other", "other")):
        for phrase, unit in u[key].items():
            (att if phrase in attached_only else ci)[phrase.lower()] = (unit, kind)
    for kind, key in (("money", "money_cased"), ("measure", "measure_cased")):
        for phrase, unit in u[key].items():
            cs[phrase] = (unit, kind)
    return ci, cs, att


_UNIT_CI, _UNIT_CS, _UNIT_ATT = _unit_table()
_UNIT_CI_RE = re.compile(r"(?:[ \u00a0\u2009\u202f]|-)?(" + _alt(_UNIT_CI) + r")(?![^\W_])", re.I)
_UNIT_CS_RE = re.compile(r"(?:[ \u00a0\u2009\u202f]|-)?(" + _alt(_UNIT_CS) + r")(?![^\W_])")
_UNIT_ATT_RE = re.compile(r"(" + _alt(_UNIT_ATT) + r")(?![^\W_])", re.I)
_UNIT_KEYS_LOWER = {k.lower(): v for k, v in _UNIT_CI.items()}

_QUALS = {}
for _q, _ps in _DATA["qualifiers"].items():
    for _p in _ps:
        _QUALS[_p] = _q
_POSTQ = _DATA["postfix_qualifiers"]
_POSTQ_RE = re.compile(r"(?:[ \u00a0]|-)?(" + _alt([k for k in _POSTQ if k != "+"]) + r")(?![\w])|(\+)", re.I)

_TREND = {}
for _d, _ps in _DATA["trend"].items():
    if _d in ("up", "down"):
        for _p in _ps:
            _TREND[_p] = _d
_FILLERS = _alt(_DATA["trend"]["fillers"])
# verbs of a change that name no direction: "going from 220 to 226ppi", "changed from 3 to 4"
_CHANGE_FROM = frozenset(_DATA["trend"]["change_verbs"])


def _tok_table(phrases):
    """Phrases keyed by their lower-case token tuples, for look-ups that walk back over tokens."""
    out = {}
    for p, v in phrases.items():
        out[tuple(m.group(0).lower() for m in _TOKEN_RE.finditer(p))] = v
    return out, max(len(k) for k in out)


_QUAL_TOK, _QUAL_MAX = _tok_table(_QUALS)
# bound words that are verbs of a subject: a bound only after a plural or a tally ("toll passes 2,000")
_SUBJECT_BOUNDS = frozenset(_DATA["subject_bounds"]["words"])
_TALLY_NOUNS = frozenset(_DATA["subject_bounds"]["tally_nouns"])
_NOT_A_SUBJECT = frozenset(_DATA["subject_bounds"]["not_plural_subjects"])
# bound words that may not stand before a name's number: "Top 5" is a title like "Route 66", not a bound
_NAME_QUALS = frozenset(_QUALS) - {"top"}
_TREND_TOK, _TREND_MAX = _tok_table(_TREND)
_FILL_TOK, _FILL_MAX = _tok_table({f: True for f in _DATA["trend"]["fillers"]})
_BY_OBJECT = _DATA["trend"]["by_object"]
_BY_VERB_TOK, _BY_VERB_MAX = _tok_table({p: d for d in ("up", "down") for p in _BY_OBJECT[d]})
_BY_OBJECT_MAX = _BY_OBJECT["max_object_words"]
_BY_OBJECT_STOPS = frozenset(_BY_OBJECT["stops"])
_OR_RE = re.compile(r"^[ \u00a0]*(?:[^\W\d_]+[ \u00a0]+){0,2},?[ \u00a0]*or[ \u00a0]+$", re.I)
_OF_RE = re.compile(r"[ \u00a0]of(?= )", re.I)
_PAREN_RE = re.compile(r"^[ \u00a0]*\([ \u00a0]*$")
_TO_RE = re.compile(r"^[ \u00a0]+to[ \u00a0]+$", re.I)
_AMPM_RE = re.compile(r"[ \u00a0]?(?:a|p)\.?m\.?(?![^\W\d_])", re.I)
_HALF_RE = re.compile(r"[ \u00a0-]and[ \u00a0-]a[ \u00a0-]half(?![\w-])", re.I)     # (also "two-and-a-half")

_CUR_ITEMS = {}
for _pre, _code in sorted(_CUR_PREFIX.items(), key=lambda kv: len(kv[0]), reverse=True):
    _CUR_ITEMS.setdefault(_pre[0], []).append((_pre, _code))

_M_METRE_NEXT = {"tall", "high", "long", "wide", "deep", "away", "above", "below", "from", "of", "in", "across",
                 "under", "to", "and", "or", "per", "depth", "height", "length", "distance", "radius", "up", "down",
                 "into", "off", "below", "sprint", "race", "hurdles", "freestyle", "backstroke", "butterfly"}


class _Amt:
    __slots__ = ("value", "vs", "ve", "j", "digits", "is_int", "grouped", "scale", "word", "cur", "cs", "neg",
                 "raw", "dot3", "hi", "vague", "span", "conn")

    def __init__(self):
        self.value = 0.0
        self.vs = self.ve = self.j = 0
        self.digits = False
        self.is_int = True
        self.grouped = False
        self.scale = None
        self.word = None
        self.cur = None
        self.cs = None
        self.neg = False
        self.raw = ""
        self.dot3 = False
        self.hi = None
        self.vague = False
        self.span = None          # (unit, kind) of a spelled amount that holds its unit: "a quarter-point"
        self.conn = None          # how a range's second end is joined to the first: "to", "dash", "from" ...


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


_PAGE_DOT3_RE = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d.,]*\d)(?![ \u00a0]?(?:%|per ?cent|thousand|million|billion|trillion|bn|mn|m\b|k\b))", re.I)
_PAGE_DOT3_HINT = re.compile(r"\d\.\d\d\d")
_PAGE_DEC_RE = re.compile(r"(?<![\d.,])\d+\.(?:\d{1,2}|\d{4,})(?![\d.])")


def page_uses_thousands_dot(texts: list[str]) -> bool:
    """True when a page writes thousands with a dot ("11.000", "11.000-12.000") and has no ordinary English
    decimal ("2.5"): evidence from the whole page decides how to read each "11.000" on it."""
    texts = [t for t in texts or () if t and "." in t]      # both kinds of evidence hold a dot
    if not _PAGE_DOT3_HINT.search("\n".join(texts)):
        return False      # (one scan of the page for what every "11.000" holds: most pages have none)
    evidence = any(not (m.start() > 0 and t[m.start() - 1] in "$€£¥") for t in texts for m in _PAGE_DOT3_RE.finditer(t))
    if not evidence:
        return False
    for t in texts:
        for m in _PAGE_DEC_RE.finditer(t):
            s = m.start()
            if s > 0 and t[s - 1] == ":":
                continue
            return False            # an ordinary decimal
    return True


class _Scanner:
    def __init__(self, s: str, tdot, claims=False):
        self.s = s
        self.tdot = tdot
        self.claims = claims      # also read the claim_only amounts (figures.json)
        self.k, self.t, self.st, self.en = _tokenize(s)
        self.low = [x.lower() for x in self.t]
        self.n = len(self.t)

    # ---- helpers ---------------------------------------------------------------------------------------
    def adj(self, a, b):
        """Tokens a and b touch (no space between)."""
        return 0 <= a < self.n and 0 <= b < self.n and self.en[a] == self.st[b]

    def gap1(self, a, b):
        """Tokens a and b are separated by at most one space."""
        return 0 <= a < self.n and 0 <= b < self.n and self.st[b] - self.en[a] <= 1 and \
            all(c in _SPACES for c in self.s[self.en[a]:self.st[b]])

    def word(self, i):
        return self.low[i] if 0 <= i < self.n and self.k[i] == W else None

    def is_dash(self, i):
        return 0 <= i < self.n and self.k[i] == P and self.t[i] in _DASHES

    def tok_at(self, pos, j):
        """Index of the first token at or after char pos, searching from j."""
        while j < self.n and self.st[j] < pos:
            j += 1
        return j

    # ---- currency prefix ------------------------------------------------------------------------------
    def currency(self, i):
        if i >= self.n:
            return None
        s, p = self.s, self.st[i]
        if self.k[i] == N:
            return None
        for pre, code in _CUR_ITEMS.get(s[p], ()):
            if not s.startswith(pre, p):
                continue
            if pre[0].isalpha() and p > 0 and (s[p - 1].isalnum()):
                continue
            e = p + len(pre)
            if e < len(s) and s[e] in _SPACES and pre in _CUR_SPACED:
                e += 1
            if e < len(s) and (s[e].isdigit() or (s[e] == "." and e + 1 < len(s) and s[e + 1].isdigit())):
                j = self.tok_at(e, i)
                if j < self.n and self.k[j] == N and self.st[j] == e:
                    if pre in _PRODUCT_PREFIXES and len(self.t[j]) == 1 and self.scale_word_after(j) is None:
                        return None       # "PS4 Pro": a console, not pounds
                    return code, j
            # "$ 5" style with the code written as a word before a word number is not handled
        code = _CUR_LETTERS.get(self.t[i])
        if code and i + 1 < self.n and self.k[i + 1] == N and self.adj(i, i + 1) and \
                not (p > 0 and s[p - 1].isalnum()) and self.scale_word_after(i + 1) is not None:
            return code, i + 1      # "R100 million", "N50 billion"
        return None

    def scale_word_after(self, j):
        """The scale word right after number token j ("2.7m", "5 million"), or None."""
        nj = j + 1
        if nj >= self.n or self.k[nj] != W or not self.gap1(j, nj):
            return None
        w = self.low[nj]
        return w if w in _SCALE_WORDS or (self.adj(j, nj) and w in _SCALE_ATTACHED) else None

    # ---- amounts ----------------------------------------------------------------------------------------
    def amount(self, i):
        if i >= self.n:
            return None
        k = self.k[i]
        if k == N:
            return self.digit_amount(i)
        if k == W:
            return self.word_amount(i)
        if self.t[i] in _DASHES and i + 1 < self.n and self.k[i + 1] == N and self.adj(i, i + 1) and \
                (i == 0 or self.st[i] > self.en[i - 1] or self.word(i - 1) == "minus"):
            a = self.digit_amount(i + 1)
            if a:
                a.value, a.neg, a.vs = -a.value, True, self.st[i]
            return a
        return None

    def digit_amount(self, i):
        r = _parse_digits(self.t[i], self.tdot)
        if r is None:
            return None
        a = _Amt()
        a.value, a.is_int, a.grouped, a.dot3 = r
        a.digits, a.raw = True, self.t[i]
        a.vs, a.ve, a.j = self.st[i], self.en[i], i + 1
        if a.dot3:
            self.resolve_dot3(a, i)
        # "10 000", "10\u202f000"
        if a.is_int and not a.grouped and len(self.t[i]) <= 3 and "." not in self.t[i]:
            j, groups = i + 1, 0
            while j < self.n and groups < 4 and self.k[j] == N and len(self.t[j]) == 3 and self.t[j].isdigit() \
                    and self.st[j] - self.en[j - 1] == 1 and self.s[self.en[j - 1]] in _SPACES:
                nxt = j + 1
                if nxt < self.n and self.k[nxt] == N and self.st[nxt] - self.en[j] == 1 and len(self.t[nxt]) != 3:
                    break
                a.value = a.value * 1000 + float(self.t[j])
                a.grouped, a.ve, a.j = True, self.en[j], j + 1
                j += 1
                groups += 1
        if a.is_int and not a.grouped:
            self.mixed_fraction(a)
        self.scale_after(a)
        return a

    def mixed_fraction(self, a):
        """A whole number and a fraction after one space: "2 ½ inches", "2 1/2 inches"."""
        j = a.j
        if j >= self.n or self.k[j] != N or not self.gap1(j - 1, j) or self.st[j] == self.en[j - 1]:
            return
        t = self.t[j]
        if len(t) == 1 and t in _VULGAR:
            a.value += _VULGAR[t]
            a.is_int, a.ve, a.j = False, self.en[j], j + 1
        elif t.isdigit() and j + 2 < self.n and self.t[j + 1] in ("/", "\u2044") and self.t[j + 2].isdigit() and \
                self.adj(j, j + 1) and self.adj(j + 1, j + 2) and 0 < int(t) < int(self.t[j + 2]) <= 16 and \
                not (j + 3 < self.n and self.t[j + 3] in "/\u2044-." and self.adj(j + 2, j + 3)):
            a.value += int(t) / int(self.t[j + 2])
            a.is_int, a.ve, a.j = False, self.en[j + 2], j + 3

    def resolve_dot3(self, a, i):
        """'11.000': eleven thousand or eleven point zero."""
        thousands = self.tdot
        if thousands is None:
            nxt = self.s[self.en[i]:self.en[i] + 12]
            if re.match(r"[ \u00a0-]?(?:thousand|million|billion|trillion|bn|mn|mln|tn|m|k|b)(?![^\W_])", nxt, re.I) \
                    or self.unit_match(self.en[i], money_ok=False) is not None:
                thousands = False
            else:
                prev = self.s[max(0, self.st[i] - 1):self.st[i]]
                thousands = self.t[i].endswith("0") and prev not in ("$", "€", "£", "¥")
        if thousands:
            a.value = float(self.t[i].replace(".", ""))
            a.is_int, a.grouped = True, True
        a.dot3 = False

    def scale_after(self, a):
        j = a.j
        if j >= self.n:
            return
        s = self.s
        # attached letters: "2.7m", "$13.6M", "1mil", "5bn"
        if self.k[j] == W and self.st[j] == a.ve:
            w = self.low[j]
            mult = _SCALE_WORDS.get(w) or _SCALE_ATTACHED.get(w)
            if w == "m" and mult and not self.m_is_million(a, j):
                return
            if mult:
                a.value *= mult
                a.scale, a.ve, a.j = mult, self.en[j], j + 1
            return
        # hyphen: "12-thousand"
        if self.is_dash(j) and self.adj(j - 1, j) and j + 1 < self.n and self.adj(j, j + 1):
            w = self.word(j + 1)
            if w in ("thousand", "million", "billion", "trillion"):
                a.value *= _SCALE_W[w]
                a.scale, a.ve, a.j = _SCALE_W[w], self.en[j + 1], j + 2
            return
        if not self.gap1(j - 1, j):
            return
        if self.k[j] == W:
            w = self.low[j]
            if w == "hundred":
                a.value *= 100
                a.ve, a.j, a.scale = self.en[j], j + 1, 100.0
                j += 1
                w = self.word(j) if self.gap1(j - 1, j) else None
                if w in ("thousand", "million", "billion"):
                    a.value *= _SCALE_W[w]
                    a.scale, a.ve, a.j = _SCALE_W[w] * 100, self.en[j], j + 1
                return
            mult = _SCALE_WORDS.get(w) or _SCALE_SPACED_CASED.get(self.t[j])
            if mult:
                if w in ("thousands", "millions") and self.word(j + 1) == "of":
                    pass
                a.value *= mult
                a.scale, a.ve, a.j = mult, self.en[j], j + 1

    def m_is_million(self, a, j):
        if a.cur:
            return True
        nj = j + 1
        if nj >= self.n:
            return False
        if self.k[nj] == W and self.gap1(j, nj):
            w = self.low[nj]
            if w in _M_METRE_NEXT:
                return False
            return True
        return False

    def word_amount(self, i):
        w = self.low[i]
        # vague ranges: "tens of millions", "several hundred"; plain quantities also "thousands" (figures.json)
        for L in (3, 2, 1):
            if i + L <= self.n:
                key = tuple(self.low[i:i + L])
                if key in _VAGUE and all(self.k[x] == W for x in range(i, i + L)) or \
                        L == 1 and not self.claims and w in _VAGUE_PLURALS:
                    lo, hi = _VAGUE[key] if L > 1 else _VAGUE_PLURALS[w]
                    a = _Amt()
                    a.value, a.hi, a.vague, a.word = float(lo), None if hi is None else float(hi), True, w
                    a.vs, a.ve, a.j, a.is_int = self.st[i], self.en[i + L - 1], i + L, True
                    return a
        if w in _MULTIPLICATIVE or self.claims and w in _RATIOS and self.ratio_follows(i):
            a = _Amt()
            a.value, a.word, a.vs, a.ve, a.j = float(_MULTIPLICATIVE.get(w) or _RATIOS[w]), w, self.st[i], self.en[i], i + 1
            a.scale = -1.0  # marks "fold": "twice as much", "more than triple that figure"
            return a
        if w in ("a", "an"):
            nj = i + 1
            nw = self.word(nj)
            if nw is None or not self.gap1(i, nj):
                return None
            if nw in ("hundred", "thousand", "million", "billion", "trillion", "dozen"):
                a = self.word_number(nj, lead_one=True)
                if a:
                    a.vs = self.st[i]
                return a
            if nw in _FRACTIONS and not nw.endswith("s") and self.word(i - 1) not in _FRACTION_BLOCK:
                if self.word(nj + 1) == "of":
                    a = _Amt()
                    a.value, a.word, a.vs, a.ve, a.j, a.is_int = 1.0 / _FRACTIONS[nw], nw, self.st[i], self.en[nj], nj + 1, False
                    self.of_a_scale(a)
                    return a
                a = self.spelled(i, self.en[nj], 1.0 / _FRACTIONS[nw], spans=False)   # "a quarter-point"
                if a:
                    return a
            return self.spelled(i, self.en[i], 1.0, points=False)     # "more than a decade"
        if w == "half":
            pw = self.word(i - 1)
            nw = self.word(i + 1)
            if pw in _FRACTION_BLOCK or pw in ("and", "a") or self.is_dash(i + 1) or self.is_dash(i - 1):
                return None
            if nw in ("a", "an") and self.gap1(i, i + 1) and self.gap1(i + 1, i + 2):
                if self.word(i + 2) in ("thousand", "million", "billion", "trillion", "dozen"):
                    a = self.word_number(i + 2, lead_one=True)       # "half a million", "half a dozen"
                    if a:
                        a.value, a.vs, a.is_int = a.value / 2, self.st[i], False
                        return a
                a = self.spelled(i, self.en[i + 1], 0.5)      # "half a point", "over half a century"
                if a:
                    return a
            if nw in ("of", "a", "an", "the") or pw in _QUALS:
                a = _Amt()
                a.value, a.word, a.vs, a.ve, a.j, a.is_int = 0.5, w, self.st[i], self.en[i], i + 1, False
                return a
            return None
        if w in _UNITS_W or w in _TENS_W:
            return self.word_number(i)
        return None

    def of_a_scale(self, a):
        """A share of a scale word: "a quarter of a million", "two-thirds of a billion dollars"."""
        j = a.j
        w = self.word(j + 2)
        if w in _SCALE_W and self.word(j) == "of" and self.word(j + 1) in ("a", "an") and self.gap1(j - 1, j) and \
                self.gap1(j, j + 1) and self.gap1(j + 1, j + 2):
            a.value *= _SCALE_W[w]
            a.scale, a.ve, a.j = _SCALE_W[w], self.en[j + 2], j + 3

    def ratio_follows(self, i):
        """A comparison follows the ratio word at i: "twice the rate", "triple that figure", "twice as much"
        (not "scored twice as the Wild beat the Sabres")."""
        nw = self.word(i + 1)
        if nw not in _RATIO_NEXT or not self.gap1(i, i + 1):
            return False
        return nw != "as" or self.word(i + 2) is not None and self.t[i + 2].islower() and \
            self.low[i + 2] not in _CLAUSE_OPENERS

    def spelled(self, i, pos, share, points=True, spans=True):
        """An amount written as words that hold its unit, from token i, the words going on at pos: a share of
        a point ("a quarter-point", "half a point": a rate's move); for claims also, after a bound, a span of time
        ("more than a decade", "nearly a quarter century"). None when neither follows."""
        m = _FRACTION_POINT_RE.match(self.s, pos) if points else None
        if m:
            value, unit, kind = share, _POINT_UNIT, "percent"
        else:
            m = _SPAN_RE.match(self.s, pos) if spans and self.claims else None
            if m is None or not self.phrase_before(i, _QUAL_TOK, _QUAL_MAX):
                return None
            value, unit = _SPANS[tuple(re.split(r"[ \u00a0-]", m.group(1).lower()))]
            value, kind = value * share, "duration"
        a = _Amt()
        a.value, a.word, a.vs, a.ve, a.is_int = value, self.low[i], self.st[i], m.end(), value == int(value)
        a.j, a.span = self.tok_at(m.end(), i + 1), (unit, kind)
        return a

    def word_number(self, i, lead_one=False):
        total, cur, last = 0.0, 0.0, None
        j, end, used = i, None, 0
        scale = None
        while j < self.n and self.k[j] == W:
            w = self.low[j]
            if w in _UNITS_W:
                if last in ("unit", "teen"):
                    break
                if last == "tens" and _UNITS_W[w] >= 10:
                    break
                if last == "tens" and not (self.is_dash(j - 1) or self.gap1(j - 1, j)):
                    break
                cur += _UNITS_W[w]
                last = "unit" if _UNITS_W[w] < 10 else "teen"
            elif w in _TENS_W:
                if last in ("unit", "teen", "tens"):
                    break
                cur += _TENS_W[w]
                last = "tens"
            elif w == "hundred":
                if last == "hundred" or (last is None and not lead_one):
                    break
                cur = (cur or 1.0) * 100
                last = "hundred"
                scale = 100.0
            elif w in _SCALE_W:
                if last is None and not lead_one:
                    break
                if last == "scale" and cur == 0:
                    break
                total += (cur or 1.0) * _SCALE_W[w]
                cur = 0.0
                last = "scale"
                scale = _SCALE_W[w]
            elif w == "dozen":
                if last not in (None, "unit", "teen") or (last is None and not lead_one):
                    break
                cur = (cur or 1.0) * 12
                last = "dozen"
            elif w == "and" and last in ("hundred", "scale") and self.word(j + 1) in (set(_UNITS_W) | set(_TENS_W)):
                j += 1
                continue
            else:
                break
            end = j
            used += 1
            # continue only across one space or a hyphen between words
            nj = j + 1
            if nj < self.n and self.is_dash(nj) and self.adj(j, nj) and self.adj(nj, nj + 1) and \
                    self.word(nj + 1) in _NUMBER_WORDS and last == "tens":
                j = nj + 1
                continue
            if nj < self.n and self.gap1(j, nj):
                j = nj
                continue
            break
        if end is None:
            return None
        a = _Amt()
        a.value = total + cur
        a.word = self.low[i]
        # a fraction: "three quarters of the vote"; glued by a hyphen it needs no "of": "two-thirds", "one-tenth"
        fj = end + 1
        glued = self.is_dash(fj) and self.adj(end, fj) and self.adj(fj, fj + 1)
        fw = self.word(fj + 1 if glued else fj)
        if fw in _FRACTIONS and total == 0 and 1 <= cur < 10 and self.word(i - 1) not in _FRACTION_BLOCK and (
                glued or self.gap1(end, fj) and self.word(fj + 1) == "of"):
            fj += glued
            a.value = cur / _FRACTIONS[fw]
            a.is_int = False
            a.vs, a.ve, a.j = self.st[i], self.en[fj], fj + 1
            self.of_a_scale(a)
            return a
        a.vs, a.ve, a.j = self.st[i], self.en[end], end + 1
        a.scale = scale if scale and scale >= 1000 else None
        # "two and a half"
        m = _HALF_RE.match(self.s, a.ve)
        if m:
            a.value += 0.5
            a.is_int = False
            a.ve = m.end()
            a.j = self.tok_at(a.ve, a.j)
            w = self.word(a.j)
            if w in _SCALE_W and a.scale is None and self.gap1(a.j - 1, a.j):     # "one and a half million"
                a.value *= _SCALE_W[w]
                a.scale, a.ve, a.j = _SCALE_W[w], self.en[a.j], a.j + 1
        return a

    # ---- units ------------------------------------------------------------------------------------------
    def unit_match(self, pos, money_ok=True):
        """(unit, kind, end) of a unit written at pos (after a number), or None."""
        s = self.s
        best = None
        m = _UNIT_ATT_RE.match(s, pos)
        if m:
            best = (_UNIT_ATT[m.group(1).lower()], m.end())
        for rx, table, lower in ((_UNIT_CI_RE, _UNIT_KEYS_LOWER, True), (_UNIT_CS_RE, _UNIT_CS, False)):
            m = rx.match(s, pos)
            if m:
                key = re.sub(r"[ \u00a0\-]", " ", m.group(1))
                key = key.lower() if lower else key
                val = table.get(key) or table.get(m.group(1).lower() if lower else m.group(1))
                if val is None:
                    continue
                if best is None or m.end() > best[1]:
                    best = (val, m.end())
        if best is None:
            return None
        (unit, kind), end = best
        if kind == "money" and not money_ok:
            return None
        return unit, kind, end

    # ---- context checks ---------------------------------------------------------------------------------
    def month_at(self, i):
        if 0 <= i < self.n and self.k[i] == W and self.t[i][0].isupper() and self.low[i] in _MONTHS:
            return True
        return False

    def skip_date_or_time(self, i, a):
        """Index after a date/time that starts or continues at number token i, or None."""
        s, t = self.s, self.t
        nj = i + 1
        # clock: 11:38, 4:39, 11:38:02
        if nj + 1 < self.n and t[nj] == ":" and self.adj(i, nj) and self.k[nj + 1] == N and self.adj(nj, nj + 1):
            j = nj + 2
            while j + 1 < self.n and t[j] == ":" and self.adj(j - 1, j) and self.k[j + 1] == N:
                j += 2
            m = _AMPM_RE.match(s, self.en[j - 1])
            if m:
                j = self.tok_at(m.end(), j)
            return j
        if i > 0 and t[i - 1] == ":" and self.adj(i - 1, i) and i > 1 and self.k[i - 2] == N:
            return i + 1
        # a year cut to two digits after an apostrophe: "in '19", "the class of ’08" (not a quotation: "'10 points'")
        if len(t[i]) == 2 and i > 1 and t[i - 1] in "'\u2019" and self.adj(i - 1, i) and \
                self.gap1(i - 2, i - 1) and self.low[i - 2] in _YEAR_PREP:
            return i + 1
        m = _AMPM_RE.match(s, a.ve)
        if m and a.value <= 24 and not a.scale:
            return self.tok_at(m.end(), i + 1)
        if not a.is_int or a.grouped or a.scale or a.value > 31 or a.value < 1:
            return None
        # "October 3", "Aug. 14", "Oct 18th, 2024"
        p = i - 1
        if p >= 0 and t[p] == "." and self.adj(p - 1, p):
            p -= 1
        if self.month_at(p) or (p >= 0 and self.low[p] in _MONTHS and len(self.low[p]) > 3 and self.low[p] != "may"
                                and self.low[p] != "march"):
            return self.after_day(i)
        # "9 May", "06 January 2025", "18th of October"
        j = i + 1
        if j < self.n and self.k[j] == W and self.low[j] in ("st", "nd", "rd", "th") and self.adj(i, j):
            j += 1
        if self.word(j) == "of":
            j += 1
        if self.month_at(j):
            j += 1
            if j < self.n and t[j] == "." and self.adj(j - 1, j):
                j += 1
            if j < self.n and t[j] == ",":
                j += 1
            if j < self.n and self.k[j] == N and len(t[j]) == 4 and t[j].isdigit():
                j += 1
            return j
        return None

    def skip_phone(self, i, a):
        """Index after a phone number, an account or id number: "+44 20 7542 0100", "(555) 013-2290",
        "0800 112 400", "No. 00908396". A number written with a leading zero is never a count."""
        t = self.t[i]
        lead_zero = len(t) >= 2 and t[0] == "0" and t[1].isdigit()
        plus = i > 0 and self.t[i - 1] == "+" and self.adj(i - 1, i)
        paren = i > 0 and self.t[i - 1] == "(" and i + 2 < self.n and self.t[i + 1] == ")" and len(t) == 3 and \
            self.k[i + 2] == N and self.st[i + 2] - self.en[i + 1] <= 1
        if not (lead_zero or plus or paren):
            return None
        j, digits = i, 0
        while j < self.n and digits <= 20:
            if self.k[j] == N:
                digits += len(self.t[j])
                j += 1
            elif self.t[j] in "()-." and j + 1 < self.n:
                j += 1
            else:
                break
            if j < self.n and self.st[j] - self.en[j - 1] > 1:
                break
        return max(j, i + 1)

    def after_day(self, i):
        t = self.t
        j = i + 1
        if j < self.n and self.k[j] == W and self.low[j] in ("st", "nd", "rd", "th") and self.adj(i, j):
            j += 1
        k = j
        if k < self.n and t[k] == ",":
            k += 1
        if k < self.n and self.k[k] == N and len(t[k]) == 4 and t[k].isdigit():
            return k + 1
        return j

    def is_name(self, i, a, unit):
        """A number that is part of a name: "FTSE 100", "Hwasong-19", "G20", "iPhone 11 Pro", "Model 3s"."""
        if a.cur or not a.digits:
            return False
        s = self.s
        vs = a.vs
        # letters glued before: G20, M50, X-Pro3 (currency prefixes were taken before)
        if vs > 0 and (s[vs - 1].isalpha()):
            return True
        if vs > 1 and s[vs - 1] in _DASHES and s[vs - 2].isalpha() and not a.neg:
            p = i - 2
            if p >= 0 and self.k[p] == W and any(c.isupper() for c in self.t[p]) and \
                    self.low[p] not in _NUMBER_WORDS and (self.low[p] not in _NOT_NAMES or len(self.t[p]) == 1):
                return True      # (one capital letter too, the article's: "the A-10 Warthog")
        if not a.is_int or a.grouped or a.scale or unit is not None:
            return False
        # the abbreviation of number: "No. 10", "the no. 1 seed" (not "she said no. 5 people died")
        if i > 1 and self.t[i - 1] == "." and self.low[i - 2] == "no" and self.adj(i - 2, i - 1) and \
                self.gap1(i - 1, i) and (self.t[i - 2] == "No" or self.word(i - 3) in ("the", "a")):
            return True
        # a capitalised word right before: "FTSE 100", "Route 66", "Game 7", "S&P 500"
        p = i - 1
        if p >= 0 and self.gap1(p, i) and self.k[p] == W and (self.low[p] in _INDEX_NAMES or
                                                               self.low[p] in _DESIGNATION_NOUNS):
            return True       # (in lower case too: "rebels in area 55", "on page 5")
        if p >= 0 and self.gap1(p, i) and self.k[p] == W:
            tw = self.t[p]
            if any(c.isupper() for c in tw) and self.low[p] not in _NOT_NAMES and self.low[p] not in _NUMBER_WORDS \
                    and self.low[p] not in _MONTHS and self.low[p] not in _WEEKDAYS and self.low[p] not in _NAME_QUALS:
                return True
        # a product word right after: "737 Max", "11 Pro"
        nj = a.j
        if nj < self.n and self.k[nj] == W and self.gap1(nj - 1, nj) and self.t[nj] in _NAME_SUFFIX:
            return True
        return False

    def series_end(self, j):
        """After a name's number, the end of "of <number>": "Image 1 of 5" is a place in a series."""
        if self.word(j) == "of" and self.gap1(j - 1, j) and j + 1 < self.n and self.k[j + 1] == N and \
                self.gap1(j, j + 1):
            return j + 2
        return j

    def dash_chain_end(self, j):
        """The token after numbers chained to the one before j by glued dashes ("350-900", "16-2")."""
        while self.is_dash(j) and self.adj(j - 1, j) and j + 1 < self.n and self.k[j + 1] == N and self.adj(j, j + 1):
            j += 2
        return j

    def is_phone_call(self, i, a):
        """'called 911.', 'dial 999 and ...', '911 calls': a phone number (see figures.json phone_calls)."""
        nw = self.word(a.j) if self.gap1(a.j - 1, a.j) else None
        if self.t[i] in _EMERGENCY_NUMBERS and nw in _CALL_WORDS:
            return True
        return self.word(i - 1) in _CALL_VERBS and self.gap1(i - 1, i) and (
            a.j >= self.n or self.k[a.j] == P or nw in _NOT_CALLED_NOUNS)

    def verb_before_object(self, by_at):
        """The direction of a change verb before its object and the "by" (or "to") at token by_at: "cut rates
        by", "raised its forecast by", "increased the number of troops by" (figures.json trend.by_object)."""
        p = by_at
        for _ in range(_BY_OBJECT_MAX + 1):
            r = self.phrase_before(p, _BY_VERB_TOK, _BY_VERB_MAX)
            if r is None:
                r = self.phrase_before(p, _TREND_TOK, _TREND_MAX)
                if r and tuple(self.low[p - r[0]:p]) in _TREND_NOT_COUNTS:
                    return None          # "lost the match by 3 points": a margin
            if r:
                return r[1]
            w = self.word(p - 1)
            if w is None or w in _BY_OBJECT_STOPS or not self.gap1(p - 1, p):
                return None
            p -= 1
            if self.is_dash(p - 1) and self.adj(p - 1, p) and self.word(p - 2) is not None and self.adj(p - 2, p - 1):
                p -= 2       # "its full-year forecast"
        return None

    def phrase_before(self, t, table, maxlen):
        """(length, value) of the longest phrase of the table written right before token t, or None."""
        for L in range(min(maxlen, t), 0, -1):
            key = tuple(self.low[t - L:t])
            if key in table:
                ok = True
                for x in range(t - L, t):
                    g = self.s[self.en[x]:self.st[x + 1]] if x + 1 < self.n else ""
                    if len(g) > 2 or any(c not in _SPACES and c not in _DASHES for c in g):
                        ok = False
                        break
                    if x + 1 < t and g == "" and self.k[x] != P and self.k[x + 1] != P:
                        ok = False
                        break
                if ok:
                    return L, table[key]
        return None

    def plural_subject(self, i):
        """Token i is a plural noun that can be the subject of 'top' ("cases", "Deaths")."""
        w = self.word(i)
        return w is not None and w.endswith("s") and not w.endswith("ss") and len(w) > 1 and \
            w not in _NOT_A_SUBJECT and not self.t[i].isupper()       # ("Party’s" is "party", "’", "s")

    # ---- one figure ---------------------------------------------------------------------------------------
    def figure(self, i):
        """(Quantity or None, next token index)."""
        cur = self.currency(i)
        cstart = None
        j = i
        if cur:
            cstart = self.st[i]
            j = cur[1]
        # sign word: "minus 5", "minus-130"
        neg = False
        margin = None
        if self.word(j) == "minus" and j + 1 < self.n:
            nj = j + 1
            if self.is_dash(nj) and self.adj(j, nj):
                nj += 1
            if nj < self.n and self.k[nj] == N:
                if self.word(j - 1) == "or" and self.word(j - 2) == "plus":
                    margin = ("up_to", self.st[j - 2])     # "plus or minus 2 points": a margin, not -2
                else:
                    neg = True
                    cstart = cstart if cstart is not None else self.st[j]
                j = nj
        if self.k[j] == W and self.word(j) == "sub" and j + 2 < self.n and self.is_dash(j + 1) and \
                self.k[j + 2] == N and self.adj(j, j + 1) and self.adj(j + 1, j + 2):
            a = self.digit_amount(j + 2)
            if a is None:
                return None, j + 3
            a.vs = self.st[j + 2]
            return self.finish(i, j + 2, a, None, None, qual_override=("less_than", self.st[j]))
        if not cur and self.k[j] == N and j + 1 < self.n and self.k[j + 1] == W and self.adj(j, j + 1) and \
                self.t[j] + self.low[j + 1] in _DESIGNATIONS:
            return None, j + 2        # "4K", "1080p": a display standard, not an amount
        a = self.amount(j)
        if a is None:
            return None, i + 1
        if cur:
            a.cur, a.cs = cur[0], cstart
            if a.digits and a.scale is None:
                self.scale_after_currency(a)
        if neg:
            a.value, a.neg = -a.value, True
        if a.digits:
            first = j if self.k[j] == N else j + 1
            # "1/2", "1⁄32", "24/7", "10/12/2024"
            if a.j < self.n and self.t[a.j] in ("/", "\u2044") and self.adj(a.j - 1, a.j) and a.j + 1 < self.n \
                    and self.k[a.j + 1] == N and self.adj(a.j, a.j + 1) and not a.scale:
                den_t = self.t[a.j + 1]
                if a.j + 2 < self.n and self.t[a.j + 2] in ("/", "\u2044", "-", ".") and self.adj(a.j + 1, a.j + 2) \
                        and a.j + 3 < self.n and self.k[a.j + 3] == N:
                    return None, a.j + 4
                if den_t.isdigit() and a.is_int and 0 < a.value < float(den_t) <= 10000 and not a.grouped:
                    a.value = a.value / float(den_t)
                    a.is_int, a.ve, a.j = False, self.en[a.j + 1], a.j + 2
                else:
                    return None, a.j + 2
            skip = self.skip_phone(first, a)
            if skip is not None:
                return None, skip
            skip = self.skip_date_or_time(first, a)
            if skip is not None:
                return None, max(skip, first + 1)
            # ordinals and glued letters that are neither a scale nor a unit: "18th", "3s", "1990s"
            if a.j < self.n and self.k[a.j] == W and self.adj(a.j - 1, a.j):
                if self.low[a.j] in ("st", "nd", "rd", "th"):
                    return None, a.j + 1
                glued = self.unit_match(a.ve)
                if glued is None:
                    return None, a.j + 1
                # a glued "m" is metres before a word of length or place ("828m tall", "the 100m sprint"), else
                # millions ("2.7m viewers"); at a clause end ("rose to 2.5m.") it could be either, and a capital
                # "M" is no metre ("Radeon Pro 5300M or 5500M"): no figure
                if glued[0] == "m" and glued[2] == self.en[a.j] and (self.t[a.j] == "M" or self.word(a.j + 1) is None):
                    return None, a.j + 1
        return self.finish(i, j, a, cur, cstart, qual_override=margin)

    def scale_after_currency(self, a):
        # "$13.6M": the scale check ran before the currency was known
        j = a.j
        if j < self.n and self.k[j] == W and self.st[j] == a.ve and self.low[j] == "m":
            a.value *= 1e6
            a.scale, a.ve, a.j = 1e6, self.en[j], j + 1

    def finish(self, i, j, a, cur, cstart, qual_override=None):
        s = self.s
        unit = kind = None
        uend = None
        b = None
        if a.digits and not a.cur and a.vs > 0 and s[a.vs - 1].isalpha():
            return None, self.dash_chain_end(a.j)     # "G20", "A350-900": a name and its variant
        # ---- range ----
        if not a.vague:
            ua = (*a.span, a.ve) if a.span else self.unit_match(a.ve) if not (a.cur and a.scale) else None
            if a.digits and not a.cur and self.is_year(j, a, ua[0] if ua else None):
                if self.is_dash(a.j) and self.adj(a.j - 1, a.j) and a.j + 1 < self.n and self.k[a.j + 1] == N \
                        and self.adj(a.j, a.j + 1) and len(self.t[a.j + 1]) in (2, 4):
                    return None, self.dash_chain_end(a.j)  # "2025-26", "2019-2020", "2019-08-31"
                return None, a.j
            if not a.digits and a.word and self.word_compound(a, ua):
                return None, a.j
            b, unit_info = self.range_end(i, j, a, ua)
            if b == "skip":
                return None, unit_info
            if b is None:
                if ua:
                    unit, kind, uend = ua
            else:
                if unit_info:
                    unit, kind, uend = unit_info
        else:
            ua = self.unit_match(a.ve)
            if ua is None:  # "tens of millions of dollars"
                m = _OF_RE.match(s, a.ve)
                if m:
                    ua = self.unit_match(m.end())
            if ua:
                unit, kind, uend = ua
        if b is None and unit is None and a.cur is None and a.is_int and not a.scale and not a.vague and \
                not (a.digits and self.is_name(j, a, None)):      # ("Photo 2 of 8": a place in a series)
            whole = self.share_of(a)
            if whole is not None:      # "one in five adults": a share
                a.value, a.is_int, a.ve, a.j = a.value / whole.value, False, whole.ve, whole.j
            elif self.hyphen_in(a.j):
                return None, a.j + 4   # "a 3-in-1 charger": a kind of product
        last = b if b is not None else a
        if b is not None and unit is None:
            ua = self.unit_match(b.ve)
            if ua:
                unit, kind, uend = ua
        code = a.cur or (b.cur if b is not None else None)
        if code:
            if unit is None or kind != "money":
                if unit is not None and kind not in ("money",):
                    pass
                unit, kind = code, "money"
        if a.scale == -1.0 and unit is None:
            unit, kind = "times", "other"
        if unit == "times" and a.digits and a.is_int and a.value > 100 and uend == a.ve + 1:
            return None, a.j + 1      # "777x jets", "737X": a model; a glued multiplier is small ("10x")
        # ---- non-figures by context ----
        if b is None and a.digits and not code:
            nxt = a.j
            # "8274 views", "17 comment(s)"
            if nxt < self.n and self.word(nxt) in _NON_FIG_AFTER and self.gap1(nxt - 1, nxt):
                return None, nxt + 1
            if self.is_name(j, a, unit):
                return None, self.series_end(a.j)
            if unit is None and self.is_phone_call(j, a):
                return None, a.j
            # a lone small integer in parentheses after a name: "Dak Prescott (4)"
            if j > 0 and self.t[j - 1] == "(" and a.j < self.n and self.t[a.j] == ")" and a.is_int and unit is None \
                    and (a.value < 100 or self.word(j - 2) in _NON_FIG_AFTER):
                return None, a.j + 1
            if self.is_year(j, a, unit):
                return None, a.j
        if a.word and not a.digits and self.capitalised_name(j, a):
            return None, a.j
        # "the two countries": a reference back to things already named, not a figure
        if a.word and not a.digits and b is None and not a.scale and not a.vague and unit is None and \
                self.word(j - 1) in ("the", "these", "those") and a.value < 10 and self.gap1(j - 1, j) and \
                not self.times_compound(a):
            return None, a.j
        if a.word == "one" and b is None and not a.scale and a.value == 1 and unit is None and not code:
            if not self.one_is_figure(j, a):
                return None, a.j
        # ---- qualifier and span ----
        start = a.vs if cstart is None else min(cstart, a.vs)
        value_start = a.vs
        end = last.ve
        if uend is not None and uend > end:
            end = uend
        qual = "exact"
        span_word = False
        if qual_override:
            qual, start = qual_override[0], min(start, qual_override[1])
        else:
            t0 = bisect_left(self.st, start)
            pw = self.word(t0 - 1)
            if b is not None and pw in ("between", "from") and self.gap1(t0 - 1, t0):
                t0 -= 1  # "between 40,000 and 50,000", "from $750,000 to $1 million"
                start = self.st[t0]
                span_word = True
            elif pw in _PREFIX_UNITS and unit is None and self.gap1(t0 - 1, t0):
                t0 -= 1  # "magnitude 6.8"
                start = self.st[t0]
                unit, kind = _PREFIX_UNITS[pw]
            r = self.phrase_before(t0, _QUAL_TOK, _QUAL_MAX)
            if r and r[1] == "more_than" and kind == "duration" and self.low[t0 - 1] == "over" and \
                    self.word(t0 - r[0] - 1) != "for":
                r = None  # "homes over four years": a span of time, not a bound
            if r and r[0] == 1 and self.low[t0 - 1] in _SUBJECT_BOUNDS and not (
                    self.plural_subject(t0 - 2) or self.word(t0 - 2) in _TALLY_NOUNS):
                r = None  # "the top 10", "the party's top 10": a rank; "the Senate passed 12 bills": a verb;
                #           "cases top 5,000", "toll passes 2,000": a bound
            if r:
                qual, start = r[1], self.st[t0 - r[0]]
        if b is None and not a.vague:
            m = _POSTQ_RE.match(s, end)
            if m:
                key = (m.group(1) or m.group(2)).lower()
                key = re.sub(r"[ \u00a0\-]+", " ", key)
                if key in _POSTQ and (key not in ("plus", "odd") or s[end:end + 1] in "-"):   # "40-odd", "60-plus"
                    qual = _POSTQ[key]
                    end = m.end()
        if b is not None or a.hi is not None:
            qual = "range"        # ("dozens", a vague amount with one value, keeps its bound)
        # ---- trend ----
        trend = None
        p = bisect_left(self.st, start)
        if span_word and start == self.st[p]:
            p += 1  # the direction verb sits before the range, not before "between"/"from"
        by_at = None
        for _ in range(6):
            r = self.phrase_before(p, _TREND_TOK, _TREND_MAX)
            if r:
                trend = r[1]
                if r[0] == 1 and self.low[p - 1] in ("up", "down") and self.word(p - 2) in _TREND_BLOCK:
                    trend = None
                # "lost 500 tanks", "added 200 jobs": a count lost or added, not a level that moved
                if kind in (None, "count") and tuple(self.low[p - r[0]:p]) in _TREND_NOT_COUNTS:
                    trend = None
                break
            r = self.phrase_before(p, _FILL_TOK, _FILL_MAX)
            if not r:
                break
            p -= r[0]
            if r[0] == 1 and self.low[p] == "by":
                by_at = p
        if trend is None and by_at is not None:
            trend = self.verb_before_object(by_at)
        if b is not None and b.conn == "from":
            trend = None       # a change from one level to another is one range, as "from X to Y" is
        # ---- values ----
        lo = a.value
        hi = a.hi
        if b is not None:
            lo, hi = a.value, b.value
            if hi < lo:
                lo, hi = hi, lo
        if kind is None:
            kind = "count"
        if kind == "other" and unit in ("year of age", "month of age", "week of age", "day of age"):
            kind = "other"
        q = Quantity(start=start, end=end, value_start=value_start, value_end=last.ve, low=lo, high=hi,
                     qualifier=qual, trend=trend, kind=kind, unit=unit, unit_end=uend)
        nj = self.tok_at(end, last.j)
        return q, max(nj, i + 1)

    def changed_from(self, f: int) -> bool:
        """Whether a change verb comes right before the "from" at token f, with at most two words between
        ("increased from", "jumped as well from", "going from"): what follows is a level before a change."""
        for k in range(f - 1, max(-1, f - 4), -1):
            w = self.word(k)
            if w is None:
                return False
            if w in _TREND or w in _CHANGE_FROM:
                return True
        return False

    def range_end(self, i, j, a, ua):
        """Second amount of a range after a ("11,000-12,000", "11 to 12,000", "between 5% and 6%")."""
        s = self.s
        pos = ua[2] if ua else a.ve
        k = self.tok_at(pos, a.j)
        if k >= self.n:
            return None, None
        conn = noun = None
        prev_w = self.word(j - 1) if not a.cur else self.word(self.tok_at(a.cs, i) - 1)
        if self.t[k] in _DASHES:
            if self.word(k + 1) == "to" and self.is_dash(k + 2):
                conn, k2 = "to", k + 3
            elif self.word(k + 1) == "to" and self.adj(k - 1, k) and not self.adj(k, k + 1):
                conn, k2 = "to", k + 2     # a suspended hyphen: "a 25- to 30-metre vessel"
            else:
                conn, k2 = "dash", k + 1
        elif self.low[k] == "to":
            conn, k2 = "to", k + 1
            if self.is_dash(k2) and self.adj(k, k2):
                k2 += 1
        elif self.low[k] == "and" and prev_w == "between":
            conn, k2 = "and", k + 1
        elif self.low[k] == "up" and self.word(k + 1) == "to" and prev_w == "from":
            conn, k2 = "to", k + 2      # "from 450 sq ft up to 900 sq ft"
        elif self.t[k] == "/" and a.cur and self.adj(k - 1, k):
            conn, k2 = "slash", k + 1
        elif prev_w == "to" and not self.claims and (self.low[k] == "from" or self.word(k + 1) == "from" and
                                                      self.word(k) is not None and self.gap1(k, k + 1)):
            # plain quantities: a change written "to X from Y" is one range from Y to X, as NewsQuant marks
            # "from X to Y" ("rose to 5.2% from 4.9%", "narrowed to 138,285 lots from 212,577 lots": a noun
            # between must come again after Y)
            noun = None if self.low[k] == "from" else self.low[k]
            conn, k2 = "from", k + 1 + (noun is not None)
            to_at = self.tok_at(a.vs if a.cs is None else a.cs, i) - 1
            if not self.gap1(k2 - 1, k2) or self.verb_before_object(to_at) is None:
                return None, None
        else:
            return None, None
        if k2 >= self.n:
            return None, None
        cur = self.currency(k2)
        j2 = cur[1] if cur else k2
        if conn == "slash" and not cur:
            return None, None
        if conn == "to" and ((prev_w == "by" and (a.cur or ua or a.scale)) or a.scale == -1.0):
            return None, None
        if conn == "to" and prev_w in _TREND:
            return None, None   # "fell 0.3 percentage points to 2.1%": a change, then a level
        if conn == "to" and self.claims and prev_w == "from" and a.value != 0 and \
                self.changed_from(j - 1 if not a.cur else self.tok_at(a.cs, i) - 1):
            # claims: "scores increased from 1061 to 1128" are the levels before and after (a span from zero is
            # no change: "goes from zero to 60 mph")
            return None, None
        b = self.amount(j2)
        if b is None or b.vague or noun is not None and self.word(b.j) != noun:
            return None, None
        b.conn = conn
        if cur:
            b.cur, b.cs = cur[0], self.st[k2]
            if b.digits and b.scale is None:
                self.scale_after_currency(b)
        if b.digits and (self.skip_date_or_time(j2, b) is not None or self.unit_glued_bad(b)):
            return None, None
        if conn == "dash" and self.is_dash(b.j) and self.adj(b.j - 1, b.j) and b.j + 1 < self.n and \
                self.k[b.j + 1] == N and self.adj(b.j, b.j + 1):
            # a chain of numbers joined by dashes: a phone number, an id, a date
            e = b.j
            while self.is_dash(e) and e + 1 < self.n and self.k[e + 1] == N and self.adj(e - 1, e) and self.adj(e, e + 1):
                e += 2
            return "skip", e
        ub = self.unit_match(b.ve) if not (b.cur and b.scale) else None
        if a.cur and b.digits is False:
            return None, None
        if (a.cur is None) != (b.cur is None):
            if a.cur and not b.cur and ub is None and conn in ("to", "and", "dash") and a.scale is None:
                pass           # "$5 to 10 million", "$40-50 billion", "$500-600 a month": one currency for both
            elif b.cur and not a.cur and ua is None:
                pass
            else:
                return None, None
        if ua and ub and ua[1] != ub[1]:
            return None, None
        if ua and not ub and not a.cur and not (prev_w == "from" and conn == "to"):
            return None, None
        from_before = prev_w == "from"
        # scores and descending pairs joined by a dash: "2-1", "89-89", "1995-96"
        if conn == "dash":
            if a.digits and b.digits and a.is_int and b.is_int and not a.grouped and not b.grouped and \
                    not a.cur and not ua and not ub and (b.value <= a.value or self.word(b.j) in _SCORE_WORDS) \
                    and (a.value <= 200 and b.value <= 200 or self.adj(k - 1, k) and self.adj(k, j2)):
                return "skip", b.j     # (glued, any size: "787-9" is a model, "300-120" a vote)
            if not (a.value < b.value or a.scale or b.scale):
                return None, None
            if not a.digits and b.digits:
                return None, None
        # scale propagation: "four to five thousand", "33-35 billion", "11 to 12,000"
        if conn == "from":
            pass
        elif b.scale and b.scale > 0 and not a.scale and not a.grouped:      # (also "$40-50 billion")
            base = b.value / b.scale
            if a.value <= base * 10 or (a.value < 1000 and a.value * b.scale <= b.value):
                if a.value <= base * 10:
                    a.value *= b.scale
                    a.scale = b.scale
        elif b.grouped and b.value >= 1000 and not a.grouped and not a.scale and a.is_int and a.value < 1000 \
                and a.value * 1000 <= b.value and a.value * 1000 * 10 >= b.value and conn == "to":
            a.value *= 1000
        if conn == "to" and not from_before and a.value > b.value and not (ua or ub):
            return None, None
        if conn == "to" and prev_w == "by" and b.value > 5 * a.value:
            return None, None   # "climbed by 300 to 4,500": a change, then the level (not "by 2 to 3 percent")
        if conn == "to" and not from_before and a.value > b.value and not (ua and ub and ua[0] == ub[0]):
            return None, None
        b.j = b.j
        unit_info = ub or ua
        if a.cur and not b.cur:
            b.cur = a.cur
        return b, (ub if ub else ua)

    def share_of(self, a):
        """The whole of a share written 'N in M' or 'N out of M' ('one in five adults', '9 out of 10 dentists'),
        for plain quantities also 'N of M' ('one of four mission concepts', as NewsQuant marks it), or None.
        Not a count of a unit ('2 in 10 minutes') nor a whole no larger than the part."""
        j = a.j
        w = self.word(j)
        glued = self.hyphen_in(j)            # "a 1-in-3 chance", "one-in-five"
        if glued:
            k = j + 3
        elif w == "in" or w == "of" and not self.claims:
            k = j + 1
        elif w == "out" and self.word(j + 1) == "of" and self.gap1(j, j + 1):
            k = j + 2
        else:
            return None
        if not (glued or self.gap1(j - 1, j) and self.gap1(k - 1, k)) or k >= self.n or not (
                self.k[k] == N or self.low[k] in _UNITS_W or self.low[k] in _TENS_W):
            return None
        whole = self.amount(k)
        if whole is None or not whole.is_int or whole.scale or whole.value <= a.value or \
                self.unit_match(whole.ve) is not None or whole.digits and (
                    self.skip_date_or_time(k, whole) is not None or self.is_year(k, whole, None)):
            return None
        return whole

    def hyphen_in(self, j):
        """Tokens from j are "-in-" and a number, all glued: the middle of "1-in-3"."""
        return self.is_dash(j) and self.word(j + 1) == "in" and self.is_dash(j + 2) and j + 3 < self.n and \
            (self.k[j + 3] == N or self.low[j + 3] in _UNITS_W or self.low[j + 3] in _TENS_W) and \
            self.adj(j - 1, j) and self.adj(j, j + 1) and self.adj(j + 1, j + 2) and self.adj(j + 2, j + 3)

    def word_compound(self, a, ua):
        """'three-bed apartment': a number word glued to a noun is an adjective, not a figure (but 'four-cylinder'
        with a unit, 'five-year-old' with an age, are figures). Glued to a unit of time before the noun it
        describes ('a five-year $700,000 award', 'its three-year growth forecast') it is no plain quantity
        either, as NewsQuant marks them; claims keep it ('a five-year prison term')."""
        s = self.s
        if a.ve >= len(s) or s[a.ve] not in _DASHES or a.ve + 1 >= len(s) or not s[a.ve + 1].isalpha() or \
                self.hyphen_in(a.j):
            return False
        if ua is None:
            return not self.times_compound(a)
        return not self.claims and ua[1] == "duration" and self.describes_next(ua[2])

    def describes_next(self, pos):
        """The words ending at pos stand before a noun or an amount they describe, not at a clause end."""
        j = self.tok_at(pos, 0)
        return j < self.n and self.st[j] > pos and self.gap1(j - 1, j) and (
            self.k[j] == N or self.t[j] in _CUR_ITEMS or self.k[j] == W and self.t[j].islower())

    def times_compound(self, a):
        """'a four-time winner', 'the two-time champion': a count of times, not an adjective."""
        return a.value >= 2 and self.is_dash(a.j) and self.adj(a.j - 1, a.j) and self.word(a.j + 1) in _TIMES_COMPOUNDS

    def capitalised_name(self, j, a):
        """'Kick Six', 'BBC One', 'Formula One', 'Take-Two': a capitalised number word after a capitalised word
        (by a space or a hyphen); 'the Six-Day War': one glued to a capitalised word before another."""
        if not self.t[j][:1].isupper() or j == 0:
            return False
        p = j - 1
        if self.is_dash(p) and self.adj(p, j) and self.adj(p - 1, p):
            p -= 1
        elif not self.gap1(p, j):
            return False
        if self.k[p] == W and self.t[p][:1].isupper() and self.low[p] not in _NOT_NAMES and \
                self.low[p] not in _NAME_QUALS:
            return True
        e = a.j if a.j < self.n and self.adj(a.j - 1, a.j) else self.tok_at(a.ve, a.j)
        return self.is_dash(e) and self.adj(e - 1, e) and self.adj(e, e + 1) and self.k[e + 1] == W and \
            self.t[e + 1][:1].isupper() and e + 2 < self.n and self.gap1(e + 1, e + 2) and \
            self.k[e + 2] == W and self.t[e + 2][:1].isupper()

    def unit_glued_bad(self, b):
        j = b.j
        return j < self.n and self.k[j] == W and self.adj(j - 1, j) and (
            self.low[j] in ("st", "nd", "rd", "th") or self.unit_match(b.ve) is None)

    def is_year(self, j, a, unit):
        if not (a.digits and a.is_int and not a.grouped and not a.scale and not a.neg and unit is None):
            return False
        raw = self.t[j] if self.k[j] == N else ""
        if len(raw) != 4 or not (1000 <= a.value <= 2099):
            return False
        pw = self.word(j - 1)
        if pw is not None and pw in _QUALS.keys() or (j > 1 and " ".join(self.low[j - 2:j]) in _QUALS):
            nw = self.word(a.j)
            if nw in _YEAR_NOUNS and 1900 <= a.value <= 2035:
                return True         # "37% below 1990 levels": the levels of a year
            if not (1900 <= a.value <= 2035) or (nw is not None and nw not in _NOT_NAMES and self.t[a.j].islower()):
                return False
            return True
        if 1950 <= a.value <= 2035:
            return True
        nw = self.word(a.j)
        if nw is not None and self.t[a.j].islower() and nw not in _NOT_NAMES and nw not in _YEAR_PREP and \
                (pw is None or pw not in _YEAR_PREP) and self.gap1(a.j - 1, a.j):
            return False
        return True

    def one_is_figure(self, j, a):
        pw = self.word(j - 1)
        nj = a.j
        nw = self.word(nj)
        if pw in _ONE_BEFORE:
            return False
        if nw is None or not self.gap1(nj - 1, nj):
            return False
        if nw == "of":
            return True
        if nw in _ONE_AFTER:
            return False
        return True

    def carry(self, prev, q):
        """A restatement takes the bound and direction of the figure it restates: "up 0.25 points, or 0.01%",
        "more than 7.5 million Danish crowns (US $1.1 million)"; a share price reached after a move takes the
        move's direction: "rose 18 sen to RM23.50"."""
        between = self.s[prev.end:q.start]
        if q.trend is None and prev.trend and _OR_RE.match(between or "x"):
            q.trend = prev.trend
        elif _PAREN_RE.match(between or "x"):
            if q.trend is None and prev.trend:
                q.trend = prev.trend
            if q.qualifier == "exact" and prev.qualifier not in ("exact", "range") and q.high is None:
                q.qualifier = prev.qualifier
        elif q.trend is None and prev.trend and q.kind == "money" and _TO_RE.match(between or "x") and \
                not any(c.isalpha() for c in self.s[q.value_start:q.value_end]):
            q.trend = prev.trend

    def scan(self):
        out = []
        i = 0
        while i < self.n:
            k = self.k[i]
            # a punctuation token starts a figure only as a currency sign ("$", "€") or a minus sign
            if k == N or (k == P and (self.t[i] in _CUR_ITEMS or self.t[i] in _DASHES)) or (k == W and (self.low[i] in _NUMBER_WORDS or self.low[i] in _MULTIPLICATIVE or
                                                self.claims and self.low[i] in _RATIOS or
                                                self.low[i] in _VAGUE_FIRST or
                                                self.low[i] in ("a", "an", "half", "minus", "sub") or self.t[i] in _CUR_PREFIX
                                                or (self.t[i][:1].isupper() and len(self.t[i]) <= 3))):
                try:
                    q, nj = self.figure(i)
                except (ValueError, OverflowError, ZeroDivisionError, IndexError):
                    q, nj = None, i + 1
                if q is not None:
                    if out:
                        self.carry(out[-1], q)
                    out.append(q)
                i = max(nj, i + 1)
            else:
                i += 1
        return out


# (the words as a character trie: the same strings match, several times faster than a flat alternation)
# searched in the lowercased sentence: case-sensitive, and "\b" before a word checked after its first letter
# ("(?<!\w.)"), so the regex engine skips ahead to the words' first letters
_DIGIT = re.compile(r"[\d%s]" % "".join(_VULGAR))
_PREFILTER_WORDS = _NUMBER_WORDS | set(_MULTIPLICATIVE) | {
    "half", "halves", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenth", "tenths",
    "several", "tens", "hundreds", "thousands", "millions", "billions", "dozens", "zero", "nil"}
_MAYBE_NUMBER_WORD = re.compile(r"%s\b" % _trie(sorted(_PREFILTER_WORDS, key=len, reverse=True), r"(?<!\w.)"))
# for claims also a ratio word, or an article before a span's first word ("a decade", "a quarter century")
_MAYBE_CLAIM_WORD = re.compile(r"%s\b" % _trie(sorted(
    _PREFILTER_WORDS | set(_RATIOS) | {f"{art} {k[0]}" for k in _SPANS for art in ("a", "an")},
    key=len, reverse=True), r"(?<!\w.)"))


# pounds after a scale word are money ("give 120 million pounds"), unless they are pounds of something
_POUNDS_STERLING = re.compile(r"[\d.,\s]+(?:%s)\s+pounds?\b" % "|".join(
    sorted(map(re.escape, [*_SCALE_WORDS, *_SCALE_ATTACHED]), key=len, reverse=True)), re.I)
_OF_AFTER = re.compile(r"\s+of\b")


def _tidy(x: float) -> float:
    return float(f"{x:.12g}")


def find_quantities(sentence: str, *, thousands_dot: bool | None = None, claims: bool = False) -> list[Quantity]:
    """Every figure in one sentence, in order, with offsets into the sentence.

    thousands_dot: True when the page writes "11.000" for eleven thousand (see page_uses_thousands_dot),
    False when a dot is always a decimal point, None to decide per number from its context.
    claims: also read the amounts news claims use that NewsQuant's annotators leave unmarked ("twice as much",
    "more than a decade": figures.json claim_only)."""
    if not sentence or not isinstance(sentence, str):
        return []
    if not _DIGIT.search(sentence) and not (_MAYBE_CLAIM_WORD if claims else _MAYBE_NUMBER_WORD).search(sentence.lower()):
        return []          # most sentences hold no numeral at all: skip the tokenizer
    try:
        found = _Scanner(sentence, thousands_dot, claims).scan()
        for q in found:   # 4.06 * 1e9 is 4059999999.9999995 in binary floating point
            q.low = _tidy(q.low)
            q.high = None if q.high is None else _tidy(q.high)
            if q.unit == "pound" and q.kind == "measure" and _POUNDS_STERLING.match(sentence, q.value_start, q.end) \
                    and not _OF_AFTER.match(sentence, q.end):
                q.kind, q.unit = "money", "GBP"     # "120 million pounds" to give; "2 million pounds of beef" weighs
        return found
    except RecursionError:  # pragma: no cover - nothing here recurses; kept as a guard for "never raises"
        return []
