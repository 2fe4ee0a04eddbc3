"""Words around a number, from figures.json: units, currency signs, bound words (qualifiers) and trend verbs."""
from __future__ import annotations

import re

from .numerals import _DATA, _TOKEN_RE

_CUR_PREFIX = _DATA["currency_prefixes"]
_CUR_SPACED = set(_DATA["currency_prefix_spaced"])
_CUR_LETTERS = {k: v for k, v in _DATA["currency_letters_before_scale"].items() if k != "about"}
_TREND_BLOCK = set(_DATA["trend_blockers"])
_PREFIX_UNITS = {k: tuple(v) for k, v in _DATA["prefix_units"].items()}
_TREND_NOT_COUNTS = {tuple(w.split()) for w in _DATA["trend_not_for_counts"]}
_PRODUCT_PREFIXES = frozenset(_DATA["product_prefixes"]["prefixes"])


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

_CUR_ITEMS = {}
for _pre, _code in sorted(_CUR_PREFIX.items(), key=lambda kv: len(kv[0]), reverse=True):
    _CUR_ITEMS.setdefault(_pre[0], []).append((_pre, _code))
