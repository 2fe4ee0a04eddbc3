"""NewsQuant (development half) scored with the benchmark's own metric: value F1 >= 93, value+change F1 >= 90.
Skips when ../shared (the data and the scorer) is not beside the repository."""
import importlib.util
import json
from pathlib import Path

import pytest

from crosscheck.reading.figures import find_quantities

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DATA = SHARED / "data" / "newsquant-dev" / "NewsQuant-dev.json"
SCORER = SHARED / "tools" / "newsquant_score.py"
BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "newsquant.py"

pytestmark = pytest.mark.skipif(not (DATA.exists() and SCORER.exists()), reason="../shared NewsQuant data absent")


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def result():
    items = json.loads(DATA.read_text(encoding="utf-8"))
    system = _load("newsquant_bench", BENCH).system_figures(items)
    return _load("newsquant_score", SCORER).score_newsquant(items, system)


def test_value_f1(result):
    assert result["value"]["f1"] >= 93.0, result


def test_value_and_change_f1(result):
    assert result["value+change"]["f1"] >= 90.0, result


@pytest.mark.parametrize("sentence,order", [
    ("The price fell from $2,415 to $2,315 overnight.", (2415, 2315)),
    ("Rents rose from 1,200 to 1,450 euros.", (1200, 1450)),
    ("Trade could see a five per cent to 20 per cent rebound.", (5, 20)),     # a spelled first end keeps its order
    ("It will take between seven to 10 years.", (7, 10)),
    ("Volume narrowed to 138,285 lots from 212,577 lots.", (212577, 138285)),    # from the first level
    ("Unemployment rose to 5.2% from 4.9%.", (4.9, 5.2)),
])
def test_written_order(sentence, order):
    (q,) = find_quantities(sentence)
    assert _load("newsquant_bench", BENCH).written_order(sentence, q) == order


@pytest.mark.parametrize("sentence,qualifier", [
    ("The tuna weighed nearly 70kg.", "approx"),
    ("Almost half of them live abroad.", "approx"),
    ("As many as 8,000 were there.", "up_to"),
    ("The index fell below 4,000.", "less_than"),
])
def test_newsquant_qualifier(sentence, qualifier):
    (q,) = find_quantities(sentence)
    assert _load("newsquant_bench", BENCH).newsquant_qualifier(sentence, q) == qualifier
