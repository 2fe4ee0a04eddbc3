"""Figures of one quantity share a measure key across outlets and wording; the built-in claim set ships
inside the package."""
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from crosscheck.reading.pipeline import extract, page_from_text

ROOT = Path(__file__).resolve().parents[1]

SAME_QUANTITY = [
    "About 10,000 North Korean troops are in the Kursk region.",
    "Some 10,000 North Korean soldiers have arrived in the Russian border area of Kursk.",
    "As many as 10,000 North Korean forces have been deployed to Kursk Oblast.",
    "North Korean troops keep arriving. There are already 10,000 North Koreans in the Kursk area.",
    "10,000 North Korean servicemen are currently in Kursk.",
]


def measure_of(sentence):
    figures = extract(page_from_text("Headline\n" + sentence))
    assert figures, sentence
    return figures[0].measure


def test_wording_does_not_change_the_measure():
    keys = {measure_of(s) for s in SAME_QUANTITY}
    assert keys == {"north-korean-troops@kursk-region:in_place"}


@pytest.mark.parametrize("sentence", [
    "About 10,000 North Korean troops are in Russia.",              # a containing place
    "North Korea plans to send 10,000 troops to Kursk.",            # planned, not in place
    "About 10,000 Russian troops are in the Kursk region.",          # another side's forces
    "About 10,000 North Korean troops were killed in the Kursk region.",
])
def test_other_quantities_get_other_measures(sentence):
    assert measure_of(sentence) != "north-korean-troops@kursk-region:in_place"


def test_seed_fixtures_are_the_builtin_claim_set():
    """One copy of the seed pages: the package ships them (a wheel needs real files), the fixtures link to them."""
    builtin = ROOT / "server" / "crosscheck" / "builtin"
    for name in ("ajp", "mia", "aljazeera", "vijesti", "bss"):
        assert (ROOT / "fixtures" / "pages" / f"{name}.html").resolve() == (builtin / "pages" / f"{name}.html").resolve()
    assert (ROOT / "fixtures" / "sources.json").resolve() == (builtin / "sources.json").resolve()


def test_wheel_ships_the_builtin_claim_set_and_data(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                           "-w", str(tmp_path), str(ROOT)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    wheel = next(tmp_path.glob("crosscheck-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("crosscheck/builtin/sources.json", "crosscheck/builtin/pages/ajp.html",
                   "crosscheck/data/claimants.json", "crosscheck/data/figures.json", "crosscheck/data/places.json"):
        assert needed in names
