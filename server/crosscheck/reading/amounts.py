"""One amount at a token: a numeral or number words with its fraction, scale, vague range, currency sign and unit."""
from __future__ import annotations

import re

from .numerals import (N, P, W, _CLAUSE_OPENERS, _DASHES, _FRACTIONS, _FRACTION_BLOCK, _FRACTION_POINT_RE,
                       _MULTIPLICATIVE, _NUMBER_WORDS, _POINT_UNIT, _RATIOS, _RATIO_NEXT, _SCALE_ATTACHED,
                       _SCALE_SPACED_CASED, _SCALE_W, _SCALE_WORDS, _SPACES, _SPANS, _SPAN_RE, _TENS_W, _UNITS_W,
                       _VAGUE, _VAGUE_PLURALS, _VULGAR, _parse_digits, _tokenize)
from .units import (_CUR_ITEMS, _CUR_LETTERS, _CUR_SPACED, _PRODUCT_PREFIXES, _QUALS, _QUAL_MAX, _QUAL_TOK, _UNIT_ATT,
                    _UNIT_ATT_RE, _UNIT_CI_RE, _UNIT_CS, _UNIT_CS_RE, _UNIT_KEYS_LOWER)

_HALF_RE = re.compile(r"[ \u00a0-]and[ \u00a0-]a[ \u00a0-]half(?![\w-])", re.I)     # (also "two-and-a-half")

_M_METRE_NEXT = {"tall", "high", "long", "wide", "deep", "away", "above", "below", "from", "of", "in", "across",
                 "under", "to", "and", "or", "per", "depth", "height", "length", "distance", "radius", "up", "down",
                 "into", "off", "sprint", "race", "hurdles", "freestyle", "backstroke", "butterfly"}


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


class _AmountReader:
    """The tokens of one sentence and the amounts written at them (figures._Scanner reads the figures)."""

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

    def scale_after_currency(self, a):
        # "$13.6M": the scale check ran before the currency was known
        j = a.j
        if j < self.n and self.k[j] == W and self.st[j] == a.ve and self.low[j] == "m":
            a.value *= 1e6
            a.scale, a.ve, a.j = 1e6, self.en[j], j + 1

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
