"""crosscheck.reading.lexicon.alternation: the one-regex word lists every rule table compiles to must find exactly what
the plain "longest|...|shortest" alternation between word boundaries finds (its trie form is only faster)."""
from __future__ import annotations

import random
import re

import pytest

from crosscheck.reading.lexicon import alternation, caseless_prefilter, has_caseless

WORDS = ["Kursk", "Kursk region", "Kyiv", "Ky", "U.S.", "U.S. Army", "al-Qaeda", "New York", "New York City",
         "York", "Ö", "Łódź", "said", "says", "say", "A", "-x"]

TEXTS = [
    "Kursk", "Kursk region fighting", "in the Kursk region.", "Kursky", "xKursk", "-Kursk", "Kursk-based",
    "Kyiv and Ky and Kyi", "the U.S. said", "U.S. Army units", "U.S.Army", "al-Qaeda's", "bal-Qaeda",
    "New York City's mayor said", "New Yorker", "New York, York", "Ö Łódź", "she says, he said, they say",
    "A", "a A b", "x-x -x", "", "Kursk\nregion", "\u00a0Kyiv", "_Kyiv", "1Kyiv",
]


def plain(words, flags=0) -> re.Pattern:
    body = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(r"(?<![\w-])(?:%s)(?![\w-])" % body, flags)


def spans(pat: re.Pattern, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pat.finditer(text)]


@pytest.mark.parametrize("flags", [0, re.I])
@pytest.mark.parametrize("text", TEXTS)
def test_same_matches_as_plain_alternation(text, flags):
    assert spans(alternation(WORDS, flags), text) == spans(plain(WORDS, flags), text)


def test_same_matches_on_random_text():
    rng = random.Random(7)
    pieces = WORDS + [" ", "-", ".", "'s", "x", "_", "\n", "1", "K", "Y"]
    pat, ref = alternation(WORDS), plain(WORDS)
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert spans(pat, text) == spans(ref, text), text


def test_search_from_a_position_sees_the_character_before():
    # scope and attribution search windows of a sentence: the boundary is the sentence's, not the window's
    pat = alternation(["Kyiv"])
    assert pat.search("xKyiv", 1) is None
    assert pat.search("in Kyiv", 3).span() == (3, 7)


def test_unbounded_alternation_finds_substrings():
    pat = alternation(["ad", "share"], boundary=False)
    assert [m.group(0) for m in pat.finditer("header shareBar")] == ["ad", "share"]


def test_empty_list_matches_nothing():
    assert alternation([]).search("anything") is None


PHRASES = ["according to", "as reported by", "Citing", "data from", "kelvin", "is", "sources"]


@pytest.mark.parametrize("text,found", [
    ("no phrase here", False),
    ("ACCORDING TO the ministry", True),
    ("Data From the agency", True),
    ("\u201cAccording to\u201d officials", True),        # curly quotes: not ASCII, still prefiltered
    ("\u212aelvin scale", True),                         # the Kelvin sign is "k" under re.I
    ("\u0130S it", True),                                # dotted capital I is "i" under re.I
    ("cla\u017fsic", False),
    ("\u017fources say", True),                          # long s is "s" under re.I
    ("accordingto", False),
    ("", False),
])
def test_caseless_prefilter_table(text, found):
    pre = caseless_prefilter(PHRASES)
    assert (alternation(PHRASES, re.I).search(text) is not None) == found
    assert has_caseless(pre, text) or not found


def test_caseless_prefilter_never_misses_a_match():
    rng = random.Random(11)
    pieces = PHRASES + [w.upper() for w in PHRASES] + [" ", "-", "\u2019", "\u0130", "\u0131", "\u017f",
                                                       "\u212a", "\u00c9", "x", "S", "K", "i"]
    pre, full = caseless_prefilter(PHRASES), alternation(PHRASES, re.I)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        if full.search(text):
            assert has_caseless(pre, text), text


def test_no_prefilter_for_words_beyond_ascii():
    assert caseless_prefilter(["según", "according to"]) is None
    assert has_caseless(None, "anything")


def test_generic_region_pattern_matches_as_its_plain_form():
    """Places.generic_region checks the boundary after the first capital (for speed): the same matches as the
    plain "(?<![\\w-])((?:[A-Z][\\w'-]+ ){0,2}[A-Z][\\w'-]+) region" form."""
    from crosscheck.reading.lexicon import places
    pl = places()
    region = "|".join(re.escape(w) for w in sorted(pl.region_words, key=len, reverse=True))
    plain_form = re.compile(r"(?<![\w-])((?:[A-Z][\w'-]+ ){0,2}[A-Z][\w'-]+) ((?i:%s))(?![\w-])" % region)
    pieces = ["Orvel", "Kursk", "New", "x", "-", "province", "Region", "area", "O'Neil", "the", "3", "_", "Ab",
              "x-Orvel", "Orvel-province", "xOrvel", "areas"]
    rng = random.Random(9)
    for _ in range(3000):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 7)))
        assert [(m.span(), m.groups()) for m in pl.generic_region.finditer(text)] == \
            [(m.span(), m.groups()) for m in plain_form.finditer(text)], text


def test_caseless_in_agrees_with_re_ignorecase():
    from crosscheck.reading.lexicon import caseless_in
    words = ("day", "sep", "kin")
    pattern = re.compile("(?i)" + "|".join(words))
    pieces = ["Day", "DAY", "d", "ay", "SEP", "\u017fep", "\u212ain", "kIn", "\u0130", "\u00e9", "x", " "]
    rng = random.Random(17)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        got = caseless_in(text, words)
        assert got is None or got == (pattern.search(text) is not None), text
    assert caseless_in("Sunday", words) is True and caseless_in("none", words) is False
    assert caseless_in("\u212ain", words) is None      # the Kelvin sign: only the regex can say
