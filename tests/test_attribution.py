"""Attribution and claim dates on small pages: a table of cases kept in cases/attribution.json."""
import json
from datetime import date
from pathlib import Path

import pytest

from crosscheck.reading.pipeline import extract, page_from_text

CASES = json.loads((Path(__file__).parent / "cases" / "attribution.json").read_text())["cases"]


def figure_named(figures, words):
    found = [f for f in figures if f.text == words]
    assert found, f"no figure {words!r} among {[f.text for f in figures]}"
    return found[0]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_claimant_and_date(case):
    page = page_from_text("\n".join(case["lines"]), published=date.fromisoformat(case["published"]),
                          outlet="Test Outlet")
    f = figure_named(extract(page), case["figure"])
    if case["claimant"] is None:
        assert f.claimant.kind == "outlet" and f.claimant.name == "Test Outlet"
    else:
        assert f.claimant.name == case["claimant"]
        assert f.claimant.party == case["party"]
    assert (f.claim_date.isoformat() if f.claim_date else None) == case["claim_date"]


def test_name_patterns_match_as_their_plain_word_boundary_forms():
    """words().named_body/named_body_of and the full-name pattern check the boundary after the first capital
    (for speed); they must find exactly what the plain "\\b[A-Z]..." forms find."""
    import random
    import re

    from crosscheck.reading.lexicon import load_table
    from crosscheck.reading.speakers import FULL_NAME
    from crosscheck.reading.statements import words
    t = load_table("attribution.json")
    org = "|".join(sorted((re.escape(w.lower().capitalize()) for w in t["org_words"]), key=len, reverse=True))
    plain = {
        words().named_body: r"\b((?:[A-Z][\w'-]+[^\S\n]+){1,4}(?:%s))\b" % org,
        words().named_body_of: r"\b((?:[A-Z][\w'’-]+[^\S\n]+(?:of[^\S\n]+(?:the[^\S\n]+)?)?){1,5}(?:%s))\b" % org,
        FULL_NAME: r"\b([A-Z][a-z]+(?:[^\S\n]+[A-Z]\.)?(?:[^\S\n]+[A-Z][a-z'’-]+(?:[A-Z][a-z'’-]+)?){1,4})\b",
    }
    pieces = ["Port", "Halden", "Ministry", "of", "the", "Interior", "Union", "Diane", "Okafor", "J.", "O'Neil", "McKinley",
              "x", "xPort", "_Ana", "3", "said", "\n", ",", "’s", "Red", "Crescent", "Authority"]
    rng = random.Random(5)
    for fast, slow in plain.items():
        slow = re.compile(slow)
        for _ in range(1500):
            text = " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 9))).replace(" \n ", "\n")
            assert [(m.span(), m.group(1)) for m in fast.finditer(text)] == \
                [(m.span(), m.group(1)) for m in slow.finditer(text)], text
