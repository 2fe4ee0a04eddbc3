"""Scope on small pages: counted, location, status, quoted. The table lives in cases/scope.json."""
import json
from pathlib import Path

import pytest

from crosscheck.pipeline import extract, page_from_text
from crosscheck.scope import canonical_counted, noun_phrase

CASES = json.loads((Path(__file__).parent / "cases" / "scope.json").read_text())["cases"]
FIELDS = ("counted", "location", "status", "quoted")


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_scope(case):
    figures = extract(page_from_text("Headline\n" + "\n".join(case["lines"])))
    found = [f for f in figures if f.text == case["figure"]]
    assert found, f"no figure {case['figure']!r} among {[f.text for f in figures]}"
    f = found[0]
    for field in FIELDS:
        if field in case:
            assert getattr(f, field) == case[field], field


@pytest.mark.parametrize("np, counted", [
    ("North Korean military officers", "North Korean officers"),
    ("soldiers", "troops"),
    ("North Koreans", "North Koreans"),
    ("the Syrian refugees", "Syrian refugees"),
    ("injured", "people"),
])
def test_canonical_counted(np, counted):
    assert canonical_counted(np)[0] == counted


def test_noun_phrase_stops_at_verbs_and_function_words():
    text = "10,000 North Korean soldiers have moved to Kursk"
    assert noun_phrase(text, 7)[0] == "North Korean soldiers"
