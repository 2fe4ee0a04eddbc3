import json
from datetime import date
from pathlib import Path

import pytest

from crosscheck.reading.dates import dateline, find_cues, resolve

CASES = json.loads((Path(__file__).parent / "cases" / "dates.json").read_text())["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["text"] for c in CASES])
def test_cue_resolves(case):
    ref = date.fromisoformat(case["reference"]) if case["reference"] else None
    cues = find_cues(case["text"])
    got = resolve(cues[0], ref) if cues else None
    assert (got.isoformat() if got else None) == case["expected"]


def test_same_day_takes_the_previous_statement_date():
    cue = find_cues("On the same day, Zelensky said")[0]
    assert resolve(cue, date(2024, 11, 5), previous=date(2024, 11, 4)) == date(2024, 11, 4)


@pytest.mark.parametrize("text, place, day", [
    ("SEOUL, November 5 (AJP) - About 10,000 troops", "SEOUL", None),
    ("Kiev, 5 November 2024 (dpa/MIA) - Some 11,000", "Kiev", date(2024, 11, 5)),
    ("ANKARA, Feb 7, 2023 (Reuters) — The death toll", "ANKARA", date(2023, 2, 7)),
    ("SEOUL/KYIV, Nov 5 (Reuters) - North Korean soldiers", "SEOUL/KYIV", None),     # filed from two places
    ("WASHINGTON/SEOUL (AP) — The Pentagon said", "Washington/Seoul", None),
])
def test_dateline(text, place, day):
    got = dateline(text)
    assert got is not None and got[0] == place and got[1] == day


@pytest.mark.parametrize("text", ["Posted : November 5, 2024", "The ministry said on Monday", ""])
def test_no_dateline(text):
    assert dateline(text) is None


def test_cue_prefilters_never_drop_a_cue():
    """dates._find_cues skips the full pattern for text without a day or month word (two cheap checks); on
    any text it must give what the full pattern gives."""
    import random

    from crosscheck.reading.dates import _find_cues, _scan_cues
    pieces = ["on", "Monday", "MONDAY", "last", "[last]", "the", "same", "day", "days", "previous", "yesterday",
              "today's", "tonight", "this", "morning", "March", "mar", "Sept.", "sept", "4", "21st", "of", "2024",
              "in", "mid-March", "late", "June", "may", "May", "market", "decided", "x", "_day", "2day", ",", "-",
              "\u0130", "\u017fept", "\u212a", "\u00e9March", "Dec"]
    rng = random.Random(13)
    for _ in range(5000):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        assert _find_cues.__wrapped__(text) == _scan_cues(text), text


def test_a_bare_datelines_end_keeps_the_ledes_first_letter():
    """'WASHINGTON (AP) — U.S. employers ...': the lede begins at its first letter, which the dateline does not take."""
    from crosscheck.reading.dates import dateline
    text = "WASHINGTON (AP) — U.S. employers added 128,000 jobs in October."
    place, day, end = dateline(text)
    assert (place, day, text[end:end + 4]) == ("Washington", None, "U.S.")
