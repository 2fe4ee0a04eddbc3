"""NewsQuant benchmark for crosscheck.reading.figures.find_quantities.

    .venv/bin/python benchmarks/newsquant.py [--out system.jsonl] [--errors]

Runs find_quantities over ../shared/data/newsquant-dev/NewsQuant-dev.json, writes the JSONL the scorer reads
({"index": i, "figures": [{"value": {"low", "high"}, "qualifier", "trend", "unit"}]}), scores it with
../shared/tools/newsquant_score.py (loaded by path) and prints the result. --errors lists, sentence by
sentence, the gold values missed and the system values that match nothing. Exits 0 when the data are absent.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data" / "newsquant-dev" / "NewsQuant-dev.json"
SCORER = SHARED / "tools" / "newsquant_score.py"

sys.path.insert(0, str(ROOT / "server"))
from crosscheck.reading.figures import find_quantities  # noqa: E402


def load_scorer():
    spec = importlib.util.spec_from_file_location("newsquant_score", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


_FIRST_NUM = re.compile(r"\d[\d,]*(?:\.\d+)?")
_FROM = re.compile(r"\bfrom\b", re.I)


def written_order(sentence, q):
    """NewsQuant writes a range from its first level to its second ("fell from $2,415 to $2,315" is
    2415-2315, and "narrowed to 138,285 from 212,577" is 212577-138285); a Quantity keeps low <= high, so the
    numeral the span's value starts with tells which end came first (none when the first end is spelled:
    "five per cent to 20 per cent" keeps its order), and a "from" after it puts that end second."""
    if q.high is None or q.high == q.low:
        return q.low, q.high
    m = _FIRST_NUM.match(sentence, q.value_start, q.value_end)
    if m:
        try:
            first = float(m.group(0).replace(",", ""))
        except ValueError:
            return q.low, q.high
        first_is_high = first and abs(first - q.high) < abs(first - q.low) and first != q.low
        if first_is_high != bool(_FROM.search(sentence, m.end(), q.end)):
            return q.high, q.low
    return q.low, q.high


_NEARLY = re.compile(r"\b(?:nearly|almost)\b", re.I)


def newsquant_qualifier(sentence, q):
    """The qualifier as NewsQuant's change reads it: 'nearly 70kg', 'almost half' are up_to in the contract
    (just under the value), but NewsQuant's '<' is a bound ('less than', 'up to'), and its annotators read
    'nearly' and 'almost' as no bound (none of the three in the development half is '<'): approximate."""
    if q.qualifier == "up_to" and _NEARLY.search(sentence, q.start, q.value_start):
        return "approx"
    return q.qualifier


def system_figures(items):
    system = {}
    for i, item in enumerate(items):
        figs = []
        for q in find_quantities(item["text"]):
            lo, hi = written_order(item["text"], q)
            figs.append({"value": {"low": lo, "high": hi}, "qualifier": newsquant_qualifier(item["text"], q),
                         "trend": q.trend, "unit": q.unit, "text": item["text"][q.start:q.end]})
        system[i] = figs
    return system


def run():
    if not DATA.exists() or not SCORER.exists():
        return None
    items = json.loads(DATA.read_text(encoding="utf-8"))
    system = system_figures(items)
    return load_scorer().score_newsquant(items, system), items, system


def errors(items, system, scorer):
    for i, item in enumerate(items):
        golds = [(scorer.nq_value(q["value"], False), q["change"]) for q in item["quantities"]]
        tags = [(scorer.nq_tag(f, False), f["text"]) for f in system.get(i, [])]
        miss = [g for g in golds if not any(scorer.nq_close(g[0], t["value"]) for t, _ in tags)]
        extra = [(t["value"], x) for t, x in tags if not any(scorer.nq_close(g[0], t["value"]) for g in golds)]
        badch = [(g, t["change"], x) for g in golds for t, x in tags
                 if scorer.nq_close(g[0], t["value"]) and t["change"] != g[1]]
        if miss or extra or badch:
            print(f"[{i}] {item['text']}")
            for g in miss:
                print(f"    MISS {g[0]} {g[1]}")
            for v, x in extra:
                print(f"    EXTRA {v} {x!r}")
            for g, c, x in badch:
                print(f"    CHANGE gold {g[0]} {g[1]} sys {c} {x!r}")


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", help="write the system JSONL here")
    ap.add_argument("--errors", action="store_true")
    args = ap.parse_args(argv)
    res = run()
    if res is None:
        print(f"NewsQuant data not found at {DATA}; nothing to do")
        return 0
    result, items, system = res
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            for i in range(len(items)):
                figs = [{k: v for k, v in f.items() if k != "text"} for f in system[i]]
                fh.write(json.dumps({"index": i, "figures": figs}) + "\n")
    if args.errors:
        errors(items, system, load_scorer())
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
