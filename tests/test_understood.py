"""What the card says a figure was understood as (issue 15): values in a reader's words, the interval a bound
means, the measure a figure was filed under and what another source's figure must share to be compared."""
from pathlib import Path

import pytest

from crosscheck.claims import words

ROOT = Path(__file__).resolve().parents[1]
AJP = (ROOT / "fixtures" / "pages" / "ajp.html").read_text(encoding="utf-8")

VALUES = [
    # (low, high, qualifier, unit) -> as the page gives it, and as the comparison weighs it
    ((27.53e9, None, "exact", "USD"), "27.53 billion dollars", "27.53 billion dollars"),
    ((11000, None, "exact", None), "11,000", "11,000"),
    ((40, None, "exact", "%"), "40%", "40%"),
    ((10000, None, "more_than", None), "more than 10,000", "at least 10,000"),
    ((8000, None, "up_to", None), "up to 8,000", "at most 8,000"),
    ((3000, 9000, "range", None), "3,000–9,000", "3,000–9,000"),
    ((11000, None, "approx", None), "about 11,000", "9,900–12,100"),
    ((1, 1.5, "range", "%"), "1–1.5%", "1–1.5%"),
    ((4.29e12, None, "exact", "KES"), "4.29 trillion Kenyan shillings", "4.29 trillion Kenyan shillings"),
    ((1e12, None, "at_least", "KES"), "at least 1 trillion Kenyan shillings", "at least 1 trillion Kenyan shillings"),
    ((1, None, "exact", "USD"), "1 dollar", "1 dollar"),
    ((3, None, "exact", "day"), "3 days", "3 days"),
    ((10, None, "exact", "km"), "10 km", "10 km"),
    ((5.1, None, "approx", "%"), "about 5.1%", "4.59–5.61%"),
    ((2_800_000_001, None, "exact", None), "2,800,000,001", "2,800,000,001"),     # not a round scale: every digit
]


@pytest.mark.parametrize("args, given, weighed", VALUES, ids=[v[1] for v in VALUES])
def test_values_as_a_reader_writes_them(args, given, weighed):
    assert words.value_words(*args) == given
    assert words.interval_words(*args) == weighed


KEYS = [
    ("north-korean-troops@kursk-region:in_place", dict(counted="North Korean troops", location="Kursk region"),
     ["North Korean troops", "in Kursk region", "in place"]),
    ("killed@pakistan:killed.y2022", {}, ["people killed", "in Pakistan", "dated 2022"]),
    ("spending-usd@kenya:other.yprior", {}, ["spending in dollars", "in Kenya", "the value before a change"]),
    ("usd@kenya:other.c-kenya-previous-imf", {}, ["money in dollars", "in Kenya", "told with: kenya previous imf"]),
    ("companies@united-states:other.v14", {}, ["companies", "in United States", "the value 14 only"]),
    ("tariff@china:other.v2p5", {}, ["tariff", "in China", "the value 2.5 only"]),
    ("protesters@anywhere:in_place", {}, ["protesters", "no place named", "in place"]),
]


@pytest.mark.parametrize("key, fields, parts", KEYS, ids=[k[0] for k in KEYS])
def test_a_measure_key_in_words(key, fields, parts):
    assert words.key_words(key, **fields) == parts


def test_would_match_names_the_kind_and_the_parts():
    parts = ["North Korean troops", "in Kursk region", "in place"]
    assert words.would_match("count", parts) == \
        "another source's count of North Korean troops, in Kursk region, in place"
    assert words.would_match("money", ["spending in dollars", "in Kenya"]).startswith("another source's amount of")


def test_every_annotated_figure_says_what_it_was_understood_as(service):
    response = service.annotate(html=AJP, url="https://example.org/ajp-copy")
    by_text = {f.text: f for f in response.figures}
    f = by_text["more than 10,000"]
    u = f.understood
    assert (u.value, u.compared_as) == ("more than 10,000", "at least 10,000")
    assert (u.counts, u.where, u.status, u.when) == ("North Korean troops", "Kursk region", "in place", "4 Nov 2024")
    assert u.claimant.startswith("US State Department")
    assert u.filed_under == ["North Korean troops", "in Kursk region", "in place"]
    assert u.would_match == "another source's count of North Korean troops, in Kursk region, in place"
    # why the others were compared: every one shares the measure's parts
    c = f.comparison
    assert c.matched_on == u.filed_under
    assert c.others and all(o.matched_on == u.filed_under and o.measure == f.measure for o in c.others)
    assert {o.value_text for o in c.others} >= {"about 8,000", "11,000", "10,000"}
    for fig in response.figures:
        assert fig.understood and fig.understood.value and fig.understood.would_match.startswith("another source's")


def test_a_unique_figure_says_what_would_match_it(service):
    html = ("<h1>Budget</h1><p>NAIROBI, June 12 (Wire) - Kenya's Treasury said on Thursday it would spend "
            "$27.53 billion next year, and that about 40% of it would go to debt.</p>")
    response = service.annotate(html=html, url="https://example.org/budget")
    money = next(f for f in response.figures if f.unit == "USD")
    assert money.comparison.verdict == "unique" and money.comparison.matched_on == []
    assert money.understood.value == "27.53 billion dollars"
    assert "27,530,000,000" not in money.comparison.summary
    assert money.understood.would_match.startswith("another source's amount of")
    assert "in dollars" in money.understood.would_match and "Kenya" in money.understood.would_match


def test_summaries_write_numbers_as_a_reader_does(service):
    page = ("<h1>Results</h1><p>CUPERTINO, May 2 (Wire) - Orchard Computer said on Thursday its quarterly revenue "
            "was $27.53 billion.</p>")
    other = ("<h1>Results</h1><p>CUPERTINO, May 2 (Wire) - Orchard Computer said on Thursday its quarterly revenue "
             "was $26 billion.</p>")
    service.add_source(url="https://example.org/other", html=other)
    response = service.annotate(html=page, url="https://example.org/page")
    money = next(f for f in response.figures if f.unit == "USD")
    assert money.comparison.verdict != "unique", money.comparison
    assert "26 billion dollars" in money.comparison.summary and "26,000,000,000" not in money.comparison.summary
    assert money.comparison.others[0].value_text == "26 billion dollars"
