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

import re
from bisect import bisect_left

from .amounts import _AmountReader
from .lexicon import _trie
from .numerals import (N, P, W, _DASHES, _DATA, _MULTIPLICATIVE, _NUMBER_WORDS, _RATIOS, _SCALE_ATTACHED, _SCALE_WORDS,
                       _SPANS, _TENS_W, _UNITS_W, _VAGUE_FIRST, _VULGAR)
from .units import (_BY_OBJECT_MAX, _BY_OBJECT_STOPS, _BY_VERB_MAX, _BY_VERB_TOK, _CHANGE_FROM, _CUR_ITEMS, _CUR_PREFIX,
                    _FILL_MAX, _FILL_TOK, _NAME_QUALS, _NOT_A_SUBJECT, _POSTQ, _POSTQ_RE, _PREFIX_UNITS, _QUALS,
                    _QUAL_MAX, _QUAL_TOK, _SUBJECT_BOUNDS, _TALLY_NOUNS, _TREND, _TREND_BLOCK, _TREND_MAX,
                    _TREND_NOT_COUNTS, _TREND_TOK)
from ..model import Quantity

__all__ = ["find_quantities", "page_uses_thousands_dot"]

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
_INDEX_NAMES = set(_DATA["index_names"])
_VERSION_NAMES = frozenset(_DATA["version_names"]["names"])
_DESIGNATIONS = frozenset(_DATA["designations"]["tokens"])
_DESIGNATION_NOUNS = frozenset(_DATA["designation_nouns"]["words"])
_CALL_VERBS = frozenset(_DATA["phone_calls"]["verbs"])
_NOT_CALLED_NOUNS = frozenset(_DATA["phone_calls"]["not_nouns"])
_EMERGENCY_NUMBERS = frozenset(_DATA["phone_calls"]["emergency_numbers"])
_CALL_WORDS = frozenset(_DATA["phone_calls"]["call_words"])
_TIMES_COMPOUNDS = frozenset(_DATA["times_compounds"]["words"])

_OR_RE = re.compile(r"^[ \u00a0]*(?:[^\W\d_]+[ \u00a0]+){0,2},?[ \u00a0]*or[ \u00a0]+$", re.I)
_OF_RE = re.compile(r"[ \u00a0]of(?= )", re.I)
_PAREN_RE = re.compile(r"^[ \u00a0]*\([ \u00a0]*$")
_TO_RE = re.compile(r"^[ \u00a0]+to[ \u00a0]+$", re.I)
_AMPM_RE = re.compile(r"[ \u00a0]?(?:a|p)\.?m\.?(?![^\W\d_])", re.I)


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


class _Scanner(_AmountReader):
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

    @staticmethod
    def _version_name(word: str) -> bool:
        """An acronym in capitals ('USB', 'HDMI') or a name that takes a version (figures.json version_names)."""
        return word.lower() in _VERSION_NAMES or 2 <= len(word) <= 6 and word.isupper() and word.isalpha()

    def _capitalised_before(self, i) -> bool:
        """A capitalised word right before number token i that can name a thing (not a month, a weekday, a
        number word or a qualifier)."""
        p = i - 1
        if p < 0 or not self.gap1(p, i) or self.k[p] != W:
            return False
        low = self.low[p]
        return any(c.isupper() for c in self.t[p]) and low not in _NOT_NAMES and low not in _NUMBER_WORDS and \
            low not in _MONTHS and low not in _WEEKDAYS and low not in _NAME_QUALS

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
        if not a.is_int and not a.grouped and not a.scale and unit is None and a.value < 100 and i > 0 and \
                self.gap1(i - 1, i) and self.k[i - 1] == W and self._version_name(self.t[i - 1]):
            return True       # a version: "USB 3.2 type C ones", "Bluetooth 5.0" (figures.json version_names)
        if a.scale and unit is None and a.j == i + 2 and self.adj(i, i + 1) and len(self.t[i + 1]) == 1 and \
                self.t[i + 1].isupper() and self._capitalised_before(i):
            return True       # a capital letter glued after a name's number: "SLS Block 1B", "Radeon 5500M", "NBA 2K"
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
        if self._capitalised_before(i):
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
        if b is None and unit is None and a.cur is None and not a.scale and not a.vague and \
                (a.is_int or self.word(a.j) == "out") and \
                not (a.digits and self.is_name(j, a, None)):      # ("Photo 2 of 8": a place in a series)
            # (a rating has half points: "4.5 out of 5")
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
