"""Attribution and claim dates on small pages: a table of cases kept in cases/attribution.json."""
import html
import json
from datetime import date
from pathlib import Path

import pytest

from crosscheck.reading.pipeline import extract, page_from_html, page_from_text

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


def test_a_quotation_over_paragraphs_after_a_colon_is_the_speakers():
    """'X said in a statement: "...' opens a quotation that runs on over the next paragraphs (each opening with a
    quotation mark, the last closing it): every figure in it is X's, not the outlet's nor an earlier speaker's."""
    paragraphs = [
        "Jose Mourinho agrees deal to replace Mauricio Pochettino as Tottenham manager",
        'The 56-year-old said after his appointment: "I am excited to be joining a club with such a great heritage.',
        '"The quality in both the squad and the academy excites me. Working with these players is what has '
        'attracted me."',
        'Tottenham said in a statement: "Jose is one of the world\'s most accomplished managers having won 25 senior '
        'trophies.',
        '"He is renowned for his tactical prowess and has managed FC Porto, Inter Milan and Chelsea.',
        '"He has won a domestic title in a record four different countries and is one of only three managers to '
        'have won it twice."']
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs[1:])
    head = f"<h1>{html.escape(paragraphs[0])}</h1>"
    page = page_from_html(f"<html><body><article>{head}{body}</article></body></html>",
                          url="https://news.example/mourinho", published=date(2019, 11, 20), outlet="Test Outlet")
    figures = extract(page)
    for words in ("25", "four", "three"):
        assert figure_named(figures, words).claimant.name == "Tottenham", words


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


def test_a_surname_after_a_title_is_a_persons():
    """'Mr. Trump recounted', 'Gov. Holcomb said': the page never gives the full name, and the claimant is still a
    person, not a body named 'Trump'."""
    page = page_from_text("Trade talks stall\n“My people had $20 billion done,” Mr. Trump recounted on Monday.\n"
                          "Gov. Holcomb said 5,000 teachers had come to the Statehouse.",
                          published=date(2019, 11, 20), outlet="Test Outlet")
    figures = extract(page)
    assert (figure_named(figures, "$20 billion").claimant.name, figure_named(figures, "$20 billion").claimant.kind) \
        == ("Trump", "person")
    assert (figure_named(figures, "5,000").claimant.name, figure_named(figures, "5,000").claimant.kind) \
        == ("Holcomb", "person")
