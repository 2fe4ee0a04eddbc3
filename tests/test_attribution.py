"""Attribution and claim dates on small pages: a table of cases kept in cases/attribution.json."""
import json
from datetime import date
from pathlib import Path

import pytest

from crosscheck.pipeline import extract, page_from_text

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
