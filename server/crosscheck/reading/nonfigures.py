"""Quantities that are no figure claims. The scanner (figures.find_quantities) reads every number the way
NewsQuant's annotators mark quantities, ages, time frames, "one of" and vague amounts included; a reader is
shown only the numbers somebody claims. Between the scanner and a page's figures, this step says which of a
sentence's quantities are no claims, and why.

    why_not_a_figure("Noel, 31, is charged with five counts", q)  ->  "age"

The words live in data/nonfigures.json, one key per rule with the rule in words; the vague amounts are the
scanner's own (figures.json numbers.vague_ranges). Each check looks at a few words around the number only.
"""
from __future__ import annotations

import re

from ..model import Quantity
from .lexicon import load_table

__all__ = ["names_a_product", "refers_back", "why_not_a_figure"]

_D = load_table("nonfigures.json")
_AGE = _D["age"]
_FRAME = _D["time_frame"]
_ONE = _D["one"]
_SOURCES = _D["anonymous_sources"]

_WORD = re.compile(r"[^\W_]+(?:['’][^\W\d_]+)?")
_WINDOW = 80         # characters looked at on each side of a number
_SP = r"[\s\u00a0]"


def _words_before(s: str, start: int, n: int) -> list[str]:
    """The last n words before `start`, lower case, nearest last (punctuation between them is skipped)."""
    # (half the window first: with more than n words in it, the last n are whole and the same)
    found = _WORD.findall(s, max(0, start - _WINDOW // 2), start)
    if len(found) <= n and start > _WINDOW // 2:
        found = _WORD.findall(s, max(0, start - _WINDOW), start)
    return [w.lower() for w in found[-n:]]


def _words_after(s: str, end: int, n: int) -> list[str]:
    found = _WORD.findall(s, end, end + _WINDOW // 2)
    if len(found) <= n:
        found = _WORD.findall(s, end, end + _WINDOW)
    return [w.lower() for w in found[:n]]


def _words(phrases) -> str:
    """An alternation of phrases whose words may be joined by spaces or a hyphen."""
    return "|".join(r"[\s\u00a0-]+".join(map(re.escape, p.split())) for p in sorted(phrases, key=len, reverse=True))


# "the two countries": a determiner right before a small number word
_BACK_REFERENCE = re.compile(r"(?<![\w-])(?:%s)%s+$" % (_words(_D["back_reference"]["determiners"]), _SP), re.I)
_SMALL_WORDS = frozenset(_D["back_reference"]["small_words"])

_AGE_UNITS = frozenset(_AGE["units"])
_AGE_WORDS = frozenset(_AGE["words_before"])
_AFTER_NAME = re.compile(r"[A-Z][\w'’.-]*,[ \u00a0]*$")     # "Noel, " right before the number
_COMMA_NEXT = re.compile(r"[ \u00a0]*,")
_PERSON_NOUNS = frozenset(_AGE["person_nouns"])
_AFTER_COMMA = re.compile(r",[ \u00a0]*$")
_SELF_AGE = re.compile(r"(?<![\w'’])(?:%s)[ \u00a0]+$" % "|".join(re.escape(w).replace(r"\ ", "[ \u00a0]+") for w in _AGE["self_words"]),
                       re.I)
_CLAUSE_END = re.compile(r"[ \u00a0]*(?:[,;.!?)]|$|and\b|but\b|now\b)")
_TURNING = frozenset(_AGE["turning_words"])
# ... and no noun after it: 'will turn 36 in March' (not 'turned 40 homes into shelters')
_NO_NOUN_NEXT = re.compile(r"[ \u00a0]*(?:[,;.!?)]|$|(?:in|on|this|next|last|and|but|when|before|after)\b)")
_WAS_AGE = re.compile(r"(?<![\w-])(?:%s)[ \u00a0]+$" % _words(_AGE["was_before"]), re.I)

_ANCHOR = re.compile(r"%s+(?:%s)(?![\w-])" % (_SP, _words(_FRAME["anchors_after"])), re.I)
_ANCHOR_AT_END = re.compile(r"%s+(?:%s)%s*[,;:.)]" % (_SP, _words(_FRAME["anchor_at_clause_end"]), _SP), re.I)
_FRAME_BEFORE = frozenset(_FRAME["frame_words_before"])
_LENGTH_BEFORE = frozenset(_FRAME["length_words_before"])
_DESCRIPTOR_NOUNS = frozenset(_FRAME["descriptor_nouns"])
_DASHES = "-\u2010\u2011\u2013"
# a superlative, up to six words that are no verb, then "in"/"for" (and a qualifier) right before a duration
_RECORD_FRAME = re.compile(r"\b(?:%s)(?:%s+(?!(?:%s)\b)[\w'’-]+){0,6}%s+(?:in|for)(?:%s+(?:nearly|almost|about|over|some|"
                           r"more%s+than))?%s+$" % (
                               "|".join(w for w in load_table("measures.json")["superlatives"] if w != "first"), _SP,
                               "|".join(_FRAME["record_frame"]["no_verb_between"]), _SP, _SP, _SP, _SP), re.I)

_NUMBERS = load_table("figures.json")["numbers"]
_VAGUE = frozenset(_NUMBERS["vague_ranges"])

_ONE_PHRASES = [(words, words.index("one")) for words in (p.replace("-", " ").split() for p in _ONE["set_phrases"])]
_ONE_COUNTED_BY = frozenset(_ONE["count_words_before"])
_TALLY_AFTER = frozenset(_ONE["tally_nouns_after"])
_STATUS_AFTER = frozenset(_ONE["status_words_after"])
_OF_NEXT = re.compile(r"%s+of(?![\w-])" % _SP, re.I)

_SYMBOL_BEFORE = frozenset(_D["symbol"]["words_before"])
_SOURCE_NOUNS = frozenset(_SOURCES["nouns"])
_SOURCE_VERBS = frozenset(_SOURCES["verbs_right_after"])
# the source noun, up to three words, then a phrase that marks an unnamed source ("people briefed on")
_SOURCE_PHRASE = re.compile(r"(?:%s+[\w'’-]+){1,4}?%s+(?:%s)(?![\w-])" % (_SP, _SP, _words(_SOURCES["phrases_after"])),
                            re.I)
_SUPERLATIVES = frozenset(_D["selection"]["superlatives"])
_ENUMERATED = frozenset(_D["enumeration"]["numbers"])
# what is counted, then the things: names after a colon or a dash ("two senators: Susan Pryor and Mark Ellison",
# "two states - Egypt and Jordan -"; the first a name, not "two versions: the 50 and the 55"), anything in brackets
# ("three times (for the box, for the service, for each film)"), or names after a comma right after a short noun
# phrase ("two smaller firms, Orbit Works and Helion Labs,"; not "two dances for judges Len Goodman, Bruno ...")
_ITEM = r"[^\s,;:.()\[\]\u2013\u2014][^,;:.()\[\]\u2013\u2014]{0,50}?"
_NAME = r"[A-Z][^,;:.()\[\]\u2013\u2014]{0,50}?"
_NAMES = r"{name}(?:{sp}*,{sp}*{item})*{sp}*,?{sp}+(?:and|or){sp}+{item}".format(name=_NAME, item=_ITEM, sp=_SP)
_ENUMERATION = re.compile(
    r"(?:{sp}+(?:\([^()]{{1,60}}\)|[\w'’-]+)){{0,{most}}}?{sp}*(?::|[\u2013\u2014]|{sp}-){sp}*{names}"
    r"(?={sp}*(?:[,.;:!?)\u2013\u2014]|{sp}-{sp}|$))"
    r"|(?:{sp}+[\w'’-]+){{0,{most}}}?{sp}*\({sp}*{item}(?:{sp}*,{sp}*{item})+{sp}*\)"
    r"|(?:{sp}+(?!(?:{prep}){sp})[\w'’-]+){{1,5}}?,{sp}+{comma_names}"
    r"(?={sp}*(?:[,.;)\u2013\u2014]|$|(?:for|to|in|at|on|as|from|with)\b))".format(
        sp=_SP, most=_D["enumeration"]["most_words_between"], names=_NAMES, item=_ITEM,
        prep="|".join(_D["enumeration"]["prepositions"]),
        comma_names=_NAMES.replace(_ITEM, _NAME)))

_SIZE_UNITS = frozenset(_D["designation"]["size_units"])
_TEST_RANGE_UNITS = frozenset(_D["designation"]["test_range_units"])
# a product's name: a capital then lower case ("MacBook", "Glock"), or "iPad"; not "TVs", "OLED"; a year or a
# chip's name may stand between ("15-inch 2016 MacBook Pro", "15-inch i9 MacBook Pro")
_PRODUCT_NAME = re.compile(r"(?:[\s\u00a0]+[\w-]*\d[\w-]*){0,2}[\s\u00a0]+(?:[A-Z][a-z]|i[A-Z][a-z])")
# where a size names a model the page named it for: before a model noun, or alone at a clause's end
_MODEL_NEXT = re.compile(r"[\s\u00a0]+(?:%s)(?![\w-])|[\s\u00a0]*(?:[,.;:!?)]|$)" % "|".join(
    _D["designation"]["model_nouns"]))
# "four-cylinder", "4-door", "10-speed": a number glued to a design noun names a type
_TYPE_NOUN = re.compile(r"[-\u2010\u2011](?:%s)(?![\w-])" % "|".join(_D["designation"]["type_nouns"]), re.I)
_LIST_MARKER = re.compile(r"\d{1,2}[.)][\s\u00a0]")

_LABEL_DETERMINERS = frozenset(_D["label"]["determiners"])
_LABEL_WORDS = _D["label"]["longest"]
_QUOTE_PAIRS = {"\u201c": "\u201d", '"': '"', "\u2018": "\u2019"}


_LETTER_IN_BRACKETS = re.compile(r"\([a-z]\)")
_OWN_ITEMS = re.compile(r"(?:%s+[\w-]+){0,2}%s+(?:%s)(?![\w-])" % (_SP, _SP, _words(_D["own_items"]["nouns"])), re.I)
_ITEMS_OPENER = re.compile(r"^[\s\u201c\"']*(?:%s)%s+$" % (_words(_D["own_items"]["openers"]), _SP), re.I)


def _in_address(sentence: str, q: Quantity) -> bool:
    """A number inside a web or e-mail address (the address rule)."""
    start = max(sentence.rfind(" ", 0, q.start), sentence.rfind("\n", 0, q.start)) + 1
    token = sentence[start:q.start]
    return "://" in token or token.startswith("www.") or "@" in token and "." in token


def why_not_a_figure(sentence: str, q: Quantity) -> str | None:
    """Why the quantity q of `sentence` is no figure claim ("age", "time frame", "vague", "one", ...), or None
    when it is one."""
    value = sentence[q.value_start:q.value_end]
    low = value.lower()
    if sentence[q.start:q.end].lower() in _SMALL_WORDS and sentence[q.end:q.end + 1] not in _DASHES and \
            _BACK_REFERENCE.search(sentence, max(0, q.start - 12), q.start):
        return "back reference"      # (not "the four-time winner": glued to the word it counts)
    if q.kind == "measure" and _is_designation(sentence, q) or _TYPE_NOUN.match(sentence, q.value_end) or \
            _LETTER_IN_BRACKETS.match(sentence, q.value_end):
        return "designation"
    if _in_address(sentence, q):
        return "address"
    bare = q.high is None and q.unit is None and q.kind == "count"
    if q.unit is None and q.kind == "count" and _is_reference(sentence, q):
        return "reference"
    if bare and q.start == 0 and _LIST_MARKER.match(sentence):
        return "list marker"
    if bare and _OWN_ITEMS.match(sentence, q.value_end) and (
            not sentence[:q.start].strip(" \u201c\"'\u2018*") or _ITEMS_OPENER.search(sentence, 0, q.start)):
        return "own items"
    if low in _ENUMERATED and q.high is None and _is_enumeration(sentence, q):
        return "enumeration"
    if not (bare or low == "one" or q.kind == "duration" or q.unit in _AGE_UNITS or low in _VAGUE):
        return None          # (the checks below need a bare count, a duration, an age's unit, "one" or a vague word)
    before = _words_before(sentence, q.start, 3)
    prev = before[-1] if before else ""
    if q.unit in _AGE_UNITS or bare and _is_age(sentence, q, value, prev):
        return "age"
    if q.kind == "duration" and _is_time_frame(sentence, q, prev):
        return "time frame"
    if low in _VAGUE or low in _OR_A_FEW and _is_or_a_few(sentence, q):
        return "vague"
    if low == "one" and q.qualifier == "exact" and q.high is None and _in_one_phrase(sentence, q, before):
        return "one"         # "at one point" (read as one point), "no one", "the number one buyer"
    if not bare:
        return None
    if prev in _SYMBOL_BEFORE:
        return "symbol"
    if q.low <= _DISCOURSE["most"] and q.qualifier in ("exact", "at_least") and \
            any(w in _DISCOURSE_NOUNS for w in _words_after(sentence, q.end, 2)[:2]):
        return "discourse"   # "There are two things you need to know", "at least one common strategy"
    if low == "one" and q.qualifier == "exact":
        return None if _one_is_counted(sentence, q, before) else "one"
    if not any(c.isdigit() for c in value):
        after = _words_after(sentence, q.end, 2)
        if after and after[0] in _SUPERLATIVES:
            return "selection"
        if after and after[0] in _SOURCE_NOUNS and q.low <= _SOURCES["largest"] and (
                (len(after) > 1 and after[1] in _SOURCE_VERBS) or _SOURCE_PHRASE.match(sentence, q.end)):
            return "unnamed sources"
        if _in_quoted_label(sentence, q):
            return "label"
    return None


_DISCOURSE = _D["discourse"]
_DISCOURSE_NOUNS = frozenset(_DISCOURSE["nouns"])
_OR_A_FEW = frozenset(_D["vague"]["or_a_few"]["numbers"])
_OR_A_FEW_BEFORE = re.compile(r"\b(?:[Aa]n?)\s+[a-z]+\s+or\s+\Z")
_OR_A_FEW_NEXT = frozenset(_D["vague"]["or_a_few"]["not_a_noun_next"])


_REF_LIST = r"\d{1,3}(?:[ \u00a0]*[,\u2013-][ \u00a0]*\d{1,3})*"
_REFERENCE = re.compile("|".join(re.escape(b[0]) + "[ \u00a0]*" + _REF_LIST + "[ \u00a0]*" + re.escape(b[1])
                                 for b in _D["reference"]["brackets"]))
_REF_VALUE = re.compile(_REF_LIST)
_REFERENCE_AFTER = re.compile(r"[\w.,;:!?%\"\u201d\u2019']")


def _is_enumeration(sentence: str, q: Quantity) -> bool:
    """Two or three things named right after their number, not a toll's (the enumeration rule)."""
    m = _ENUMERATION.match(sentence, q.end)
    if m is None:
        return False
    return not any(w.lower() in _STATUS_AFTER for w in _WORD.findall(sentence, max(0, q.start - _WINDOW // 2), m.end()))


def _is_reference(sentence: str, q: Quantity) -> bool:
    """'(4)', '(10, 11)', '[2]' after a word: a reference marker (the reference rule)."""
    opening = max(sentence.rfind("(", max(0, q.start - 20), q.start), sentence.rfind("[", max(0, q.start - 20), q.start))
    if opening < 1 or not _REF_VALUE.fullmatch(sentence, q.value_start, q.value_end):
        return False
    m = _REFERENCE.match(sentence, opening)
    before = opening - 1 if sentence[opening - 1] not in " \u00a0" else opening - 2
    return bool(m) and m.end() >= q.end and before >= 0 and bool(_REFERENCE_AFTER.match(sentence, before))


def _is_or_a_few(sentence: str, q: Quantity) -> bool:
    """'a day or two', 'an app or two to check' (nonfigures.json vague.or_a_few)."""
    if not _OR_A_FEW_BEFORE.search(sentence, max(0, q.start - 30), q.start):
        return False
    after = _words_after(sentence, q.end, 1)
    return not after or after[0] in _OR_A_FEW_NEXT or not sentence[q.end:q.end + 2].strip()[:1].isalpha()


def _is_designation(sentence: str, q: Quantity) -> bool:
    """A size glued to its unit before a product's name ("16-inch MacBook Pro"), or an acceleration test's
    speed range ("0-60 mph")."""
    if q.unit in _TEST_RANGE_UNITS:
        return q.low == 0 and q.high is not None
    return _glued_size(sentence, q) and bool(_PRODUCT_NAME.match(sentence, q.end))


def _glued_size(sentence: str, q: Quantity) -> bool:
    return q.unit in _SIZE_UNITS and q.high is None and q.end > q.value_end and not sentence[q.value_end].isspace()


def names_a_product(figures) -> list:
    """The page's sizes that stand for a model it named by that size (the designation rule): after "the 16-inch
    MacBook Pro", "the 16-inch base" and "13-inch models" name models too (the figures of a page, in text
    order; a size that names a product was dropped before and is looked for in its sentence)."""
    glued = [f for f in figures if f.quantity.kind == "measure" and _glued_size(f.sentence.text, f.quantity)]
    sizes = {(f.quantity.low, f.quantity.unit) for f in glued if _PRODUCT_NAME.match(f.sentence.text, f.quantity.end)}
    return [f for f in glued if (f.quantity.low, f.quantity.unit) in sizes and
            _MODEL_NEXT.match(f.sentence.text, f.quantity.end)]


def _is_age(sentence: str, q: Quantity, value: str, prev: str) -> bool:
    if not (q.qualifier == "exact" and value.isdigit() and 0 < q.low <= _AGE["oldest"]):
        return False
    if prev in _AGE_WORDS:
        return True          # "people age 12 and older"
    if (prev in _TURNING or _WAS_AGE.search(sentence, max(0, q.start - 20), q.start)) and \
            _NO_NOUN_NEXT.match(sentence, q.end):
        return True          # "will turn 36 in March", "offending since he was 13", "as young as 6"
    if _SELF_AGE.search(sentence, max(0, q.start - 8), q.start) and _CLAUSE_END.match(sentence, q.end):
        return True          # "I'm 74 and was tempted"
    # "Noel, 31, is charged", "convicting Webb, 51, of kidnapping", "The former star, 42, was voted off"
    return bool(_AFTER_NAME.search(sentence, max(0, q.start - 40), q.start) or
                prev in _PERSON_NOUNS and _AFTER_COMMA.search(sentence, max(0, q.start - 4), q.start)) and \
        bool(_COMMA_NEXT.match(sentence, q.end))


def _is_time_frame(sentence: str, q: Quantity, prev: str) -> bool:
    if prev in _FRAME_BEFORE:
        return True          # "in the past two months", "each of the next two years", "within two weeks"
    if prev in ("in", "for", "nearly", "almost", "about", "over", "some") and \
            _RECORD_FRAME.search(sentence, max(0, q.start - 80), q.start):
        return True          # "its lowest rate in nearly three decades"
    if (_ANCHOR.match(sentence, q.end) or _ANCHOR_AT_END.match(sentence, q.end)) and prev not in _LENGTH_BEFORE:
        return True          # "18 years after", "two months later", "ago", "since" (not "for 10 minutes before")
    # "a three-hour recorded interview", "the 12-month average": a length glued to the thing it describes
    if q.value_end < len(sentence) and sentence[q.value_end] in _DASHES:
        return any(w in _DESCRIPTOR_NOUNS for w in _words_after(sentence, q.end, 2))
    return False


def _one_is_counted(sentence: str, q: Quantity, before: list[str]) -> bool:
    """Whether a bare "one" counts something (see nonfigures.json "one")."""
    if before and before[-1] in _ONE_COUNTED_BY:
        return True          # "only one title", "including one woman"
    if _OF_NEXT.match(sentence, q.end):
        return False         # "one of the largest", "one of two people"
    after = _words_after(sentence, q.end, _ONE["status_window"])
    if after and after[0].removesuffix("s") in _TALLY_AFTER:
        return True          # "one count of", "one death"
    return any(w in _STATUS_AFTER for w in after)     # "one woman was found dead"


def _in_one_phrase(sentence: str, q: Quantity, before: list[str]) -> bool:
    """The "one" at q is the "one" of a set phrase ("at one point", "no one", "one or more")."""
    around = [*before, "one", *_words_after(sentence, q.value_end, 3)]
    for phrase, at in _ONE_PHRASES:
        i = len(before) - at
        if i >= 0 and around[i:i + len(phrase)] == phrase:
            return True
    return False


def _in_quoted_label(sentence: str, q: Quantity) -> bool:
    """The number sits in a quotation of a few words opened right after a determiner: 'the “one country, two
    systems” formula'."""
    lo = max(0, q.start - 40)
    opened = max(sentence.rfind(c, lo, q.start) for c in _QUOTE_PAIRS)
    if opened < 0:
        return False
    close = sentence.find(_QUOTE_PAIRS[sentence[opened]], q.end, q.end + 60)
    if close < 0 or len(sentence[opened + 1:close].split()) > _LABEL_WORDS:
        return False
    prev = _words_before(sentence, opened, 1)
    return bool(prev) and prev[0] in _LABEL_DETERMINERS and not sentence[opened - 1:opened].isalnum()


# "The 14 companies currently in the program", "These 11 had until Nov. 1", "five of the 10 Democrats": a
# determiner (and up to two words that describe) right before a count the page has already given
_DEFINITE_BEFORE = re.compile(r"(?<![\w-])(?i:%s)(?:%s+(?:%s)){0,2}%s+$" % (
    _words(_D["back_reference"]["page_determiners"]), _SP, _words(_D["back_reference"]["describing_words"]), _SP))


def refers_back(figures) -> list:
    """The page's counts that name again, after 'the' or 'these', a count it gave before: they refer back to
    things already counted and are nobody's new claim (the figures of a page, in text order)."""
    seen: set[float] = set()
    out = []
    for f in figures:
        q = f.quantity
        if q.kind != "count" or q.high is not None or q.qualifier != "exact":
            continue
        if q.low in seen and _DEFINITE_BEFORE.search(f.sentence.text, max(0, q.start - 40), q.start):
            out.append(f)
        seen.add(q.low)
    return out


# ------------------------------------------------------------------------------ game statistics

_GAME = _D["game_statistics"]
_SPORTS_URL_WORDS = frozenset(_GAME["url_words"])
_URL_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_NUMBER_WORDS = "|".join([*_NUMBERS["units"], *_NUMBERS["tens"]])
_NUMBER = r"(?:\d+|%s)" % _NUMBER_WORDS
_RUN = r"(?:%s)" % _words(_GAME["run_words"])
_LEAGUE = r"(?-i:[A-Z]{2,5})"       # 'NBA', 'NHL': capitals, whatever the pattern's flags
_STATS = _words(_GAME["stat_nouns"])
_OWNER = r"(?:his|her|their|its|the|[A-Z][\w.'’-]*['’]s?)"
# the noun a number counts, after at most one run word or a league's name: 'nine straight points', '17 NBA seasons'
_STAT_AFTER = re.compile(r"(?:%s+|-)(?:(?:%s|%s)%s+)?(?:%s)(?![\w-])" % (_SP, _RUN, _LEAGUE, _SP, _STATS), re.I)
_TELLING = re.compile(r"\d%s+(?:%s%s+)?(?:%s)(?![\w-])" % (_SP, _RUN, _SP, _words(_GAME["telling_nouns"])), re.I)
# ... and after a number word ('two wickets', 'six fours'): looked for from the noun back, and only on pages that
# hold a telling noun at all (a number word is tried at every position of a page otherwise)
_TELLING_WORDS = tuple(w.lower() for w in _GAME["telling_nouns"])
_NUMBER_WORD_BEFORE = re.compile(r"(?<![\w-])(?:%s)%s+(?:%s%s+)?\Z" % (_NUMBER_WORDS, _SP, _RUN, _SP), re.I)


def _telling_nouns(text: str) -> set[str]:
    """The telling nouns that follow a number in the text ('11 rebounds', 'two wickets')."""
    found = {m.group(0).split()[-1].lower() for m in _TELLING.finditer(text)}
    if len(found) >= 2:
        return found
    low = text[:_TELLING_REACH].lower()
    for word in _TELLING_WORDS:          # (a scan for each word is cheaper than one pattern of them all)
        i = low.find(word)
        while i >= 0:
            end = i + len(word)
            if _whole_word(low, i, end) and _NUMBER_WORD_BEFORE.search(low, max(0, i - 40), i):
                found.add(word.split()[-1])
                break
            i = low.find(word, end)
    return found


_TELLING_REACH = 12000   # characters: a sports report tells itself in its first paragraphs


def _whole_word(low: str, start: int, end: int) -> bool:
    return (start == 0 or not (low[start - 1].isalnum() or low[start - 1] == "-")) and \
        (end == len(low) or not (low[end].isalnum() or low[end] == "-"))
# 'N of his season-high M points', 'Seven of LeBron's assists', 'half of its four chances'
_PART_OF = re.compile(r"%s+of%s+(?:%s%s+)?(?:%s%s+)?(?:%s%s+)?(?:%s)(?![\w-])" % (
    _SP, _SP, _OWNER, _SP, _RUN, _SP, _NUMBER, _SP, _STATS), re.I)
# ... and the M: 'seven victories out of eight'
_OUT_OF_BEFORE = re.compile(r"(?:%s)%s+(?:out%s+)?of%s+$" % (_STATS, _SP, _SP, _SP), re.I)
_OF_PASSING = re.compile(r"-of-\d")
_OF_BEFORE = re.compile(r"\d-of-$")
_RECORD_NOUNS = _words(_GAME["record_nouns"])
_RECORD_VERBS = _words(_GAME["record_verbs"])
# 'lost four of five', 'won 12 of their last 13': the N, then the M
_RECORD_VERB_BEFORE = re.compile(r"(?<![\w-])(?:%s)(?:%s+(?:all|only|just))?%s+$" % (_RECORD_VERBS, _SP, _SP), re.I)
_OF_M = re.compile(r"%s+of%s+(?:(?:their|his|her|its|the)%s+)?(?:(?:last|previous|past)%s+)?%s(?![\w-])" % (
    _SP, _SP, _SP, _SP, _NUMBER), re.I)
_RECORD_M_BEFORE = re.compile(r"(?<![\w-])(?:%s)(?:%s+(?:all|only|just))?%s+%s%s+of%s+(?:(?:their|his|her|its|the)%s+)?"
                              r"(?:(?:last|previous|past)%s+)?$" % (_RECORD_VERBS, _SP, _SP, _NUMBER, _SP, _SP, _SP, _SP),
                              re.I)
# 'six consecutive games', 'last 10 games', 'all previous 15 meetings', 'an 11-game losing streak'
_RUN_RECORD = re.compile(r"(?:%s+|-)%s%s+(?:%s)(?![\w-])" % (_SP, _RUN, _SP, _RECORD_NOUNS), re.I)
_RECORD_AFTER = re.compile(r"(?:%s+|-)(?:%s)(?![\w-])" % (_SP, _RECORD_NOUNS), re.I)
_RECORD_BEFORE = re.compile(r"(?<![\w-])(?:last|previous|past|all)%s+$" % _SP, re.I)
_STREAK_AFTER = re.compile(r"(?:%s+|-)(?:%s)(?:%s+|-)(?:(?:winning|losing|unbeaten|winless|scoring)%s+)?(?:%s)(?![\w-])" % (
    _SP, _RECORD_NOUNS, _SP, _SP, _words(_GAME["streak_words"])), re.I)
_CLOCK_AFTER = re.compile(r"%s+(?:%s)(?![\w-])" % (_SP, _words(_GAME["clock_after"])), re.I)
_DASH_PAIR = re.compile(r"\d{1,3}%s*[%s]%s*\d{1,3}" % (_SP, _DASHES, _SP))
_SCORE_FOLLOWERS = frozenset(_GAME["score_followers"])
# a number whose noun is left out: its clause ends, or a preposition follows
_ELIDED_NEXT = re.compile(r"%s*(?:[,.;:!?)\u2013\u2014]|$)|%s+(?:%s)%s" % (_SP, _SP, _words(_GAME["elision_followers"]), _SP))
_A_NUMBER = re.compile(r"(?<![\w.,-])%s(?![\w-])" % _NUMBER, re.I)
_CRICKET = _GAME["cricket"]
# a side's score or a bowler's figures, wickets for runs: the N ('4 for 112'), then the M
_WICKETS_FOR_AFTER = re.compile(r"%s+(?:wickets?%s+)?for%s+\d{1,3}(?![\w-]|[.,]\d)" % (_SP, _SP, _SP), re.I)
_WICKETS_FOR_BEFORE = re.compile(r"(?<![\w,.-])(?:\d{1,2}|no)%s+(?:wickets?%s+)?for%s+$" % (_SP, _SP, _SP), re.I)
# a batsman's score: 'out for 47', 'removed Williamson for 52', 'not out 88', 'is on 34'
_DISMISSED_FOR_BEFORE = re.compile(r"(?<![\w-])(?:%s)(?![\w-])[^.;,]{0,40}?%sfor%s+$" % (
    _words(_CRICKET["dismissal_words"]), _SP, _SP), re.I)
_BATTING_BEFORE = re.compile(r"(?<![\w-])(?:%s)%s+$" % (_words(_CRICKET["batting_before"]), _SP), re.I)
_RACE = _GAME["race_events"]
_EVENT_AFTER = re.compile(r"%s+(?:%s)(?![\w-])" % (_SP, _words(_RACE["event_words"])), re.I)
# a race named by its distance and event: '50 metres butterfly', '400m hurdles' (two of them tell a sports report)
_RACE_TELLING = re.compile(r"\d%s*(?:m|metres|meters|km|kilometres|kilometers|miles?)%s+(%s)(?![\w-])" % (
    _SP, _SP, _words(_RACE["event_words"])), re.I)
# two or more set scores in a row: 'won 6-3, 6-4', '4-6, 7-6 (5), 6-2'
# (no lookbehind first: the pattern then starts with a digit, which the scan jumps to; the edge is tested after)
_SET_SCORES = re.compile(r"[0-7]%s?[-–][0-7](?:%s*\(\d{1,2}\))?,%s*[0-7]%s?[-–][0-7](?![\w.-])" % (
    _SP, _SP, _SP, _SP))
# a time a win or a finish took: 'won 6-3, 6-4 in 71 minutes', 'won the 100 metres butterfly in 57.8 seconds'
_RESULT_TIME_BEFORE = re.compile(r"(?<![\w-])(?:%s)(?![\w-])[^.;]{0,60}?%sin%s+$" % (
    _words(_RACE["result_verbs"]), _SP, _SP), re.I)


def sports_report(url: str | None, text: str) -> bool:
    """Whether a page is a sports report (the game_statistics rule): its address names a sport's section,
    league or outlet, or its text counts two kinds of game statistics ('11 rebounds', '14 carries'), names two
    kinds of race by distance ('50 metres butterfly', '400m hurdles') or gives a match's set scores ('6-3, 6-4')."""
    if url:
        address = url.lower().split("?")[0].split("#")[0].split("//", 1)[-1]
        host = address.split("/", 1)[0]
        if any(part in host for part in _GAME["host_parts"]) or \
                any(w in _SPORTS_URL_WORDS for w in _URL_WORD.findall(address)):
            return True
    if any(m.start() == 0 or not (text[m.start() - 1].isalnum() or text[m.start() - 1] in ".,-")
           for m in _SET_SCORES.finditer(text)):
        return True          # 'won 6-3, 6-4': a match's sets
    return len(_telling_nouns(text) | {m.group(1).lower() for m in _RACE_TELLING.finditer(text)}) >= 2


def game_statistic(sentence: str, q: Quantity) -> bool:
    """Whether q of a sports report's sentence is a game statistic, a result or the game clock (the
    game_statistics rule)."""
    back = max(0, q.start - _WINDOW)       # (the words before the number are looked for within the window)
    if q.kind == "duration":
        # 'with 55 seconds left'; 'won 6-3, 6-4 in 71 minutes'
        return bool(_CLOCK_AFTER.match(sentence, q.end) or _RESULT_TIME_BEFORE.search(sentence, back, q.start))
    if q.kind not in ("count", "measure", "other") or q.low is None:
        return False
    if q.kind == "measure":
        if _EVENT_AFTER.match(sentence, q.end):
            return True          # 'the 100 metres butterfly': the event's name
    elif q.high is None and q.unit is None and (
            q.low <= 10 and _WICKETS_FOR_AFTER.match(sentence, q.end) or
            _WICKETS_FOR_BEFORE.search(sentence, back, q.start) or
            _DISMISSED_FOR_BEFORE.search(sentence, back, q.start) or _BATTING_BEFORE.search(sentence, back, q.start)):
        return True              # cricket: '4 for 112', 'out for 47', 'not out 88'

    if q.high is not None:
        # a score or a win-loss record: two small whole numbers joined by a dash that count nothing
        if not _DASH_PAIR.fullmatch(sentence, q.value_start, q.value_end) or q.high >= 200 or q.unit:
            return False
        rest = sentence[q.end:q.end + 2].lstrip()
        if not rest or rest[0] in ",;.)(":
            return True
        after = _words_after(sentence, q.end, 1)
        return bool(after) and after[0] in _SCORE_FOLLOWERS
    end, start = q.value_end, q.start
    if q.unit is None and q.kind == "count" and q.end == end and _ELIDED_NEXT.match(sentence, end) and \
            any(m.start() != start and _STAT_AFTER.match(sentence, m.end()) for m in _A_NUMBER.finditer(sentence)):
        return True          # 'Gallinari added 25 points, and Noel had 15': the noun is the other number's
    if _STAT_AFTER.match(sentence, end) or _PART_OF.match(sentence, q.end) or _OUT_OF_BEFORE.search(sentence, back, start):
        return True
    if _OF_PASSING.match(sentence, end) or _OF_BEFORE.search(sentence, back, start):
        return True          # '20-of-24 passing'
    if _RECORD_VERB_BEFORE.search(sentence, back, start) and _OF_M.match(sentence, q.end) or \
            _RECORD_M_BEFORE.search(sentence, back, start):
        return True
    return bool(_RUN_RECORD.match(sentence, end) or _STREAK_AFTER.match(sentence, end) or
                _RECORD_AFTER.match(sentence, end) and _RECORD_BEFORE.search(sentence, back, start))
