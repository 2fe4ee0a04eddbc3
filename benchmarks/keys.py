"""Every answer key's scores in one table: the seed key, our own keys, the real-text key's development split and
the Lee key's (when benchmarks/lee_corpus.py has fetched its pages; the evaluation splits only with --eval: no
rule is developed on them). `pairs` scores the measure keys each page
gets alone; `pairs_set` those it gets in a claim set that holds the pages before it (claims/align.py).

    .venv/bin/python benchmarks/keys.py [--eval] [--json]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, os.environ.get("CROSSCHECK_SRC") or str(ROOT / "server"))

from crosscheck.evaluate import evaluate  # noqa: E402

import lee_corpus  # noqa: E402

SHARED = ROOT.parent / "shared"
COLUMNS = ("P", "R", "counted", "counted_head", "count_kind", "location", "location_compatible", "status",
           "claimant", "claimant_lenient", "claim_date", "pairs", "pairs_set")


def scores(key: Path, split: str | None = None) -> dict:
    r = evaluate(key, split=split)
    row = {"P": r["detection"]["precision"], "R": r["detection"]["recall"], "pairs": r["measure_pairs"]["f1"]}
    row.update({k: r["fields"][k]["accuracy"] for k in COLUMNS if k in r["fields"]})
    if json.loads(key.read_text(encoding="utf-8")).get("score_pairs") is False:
        # (a key of unrelated items, each its own story: its measures say nothing of pairs across pages)
        row["pairs"] = None
        return row
    # the pairs a reader is shown: the pages ingested one after another into one claim set (claims/align.py)
    row["pairs_set"] = evaluate(key, split=split, claim_set=True)["measure_pairs"]["f1"]
    return row


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval", action="store_true", help="also score the real-text key's evaluation split")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    keys = [("seeds", ROOT / "fixtures" / "seeds.gold.json", None), ("more", ROOT / "fixtures" / "more.gold.json", None),
            ("extra", ROOT / "fixtures" / "extra.gold.json", None)]
    real = ROOT / "fixtures" / "realtext.gold.json"
    if (SHARED / "data" / "article-extraction-benchmark").exists():
        keys.append(("real dev", real, "dev"))
        if args.eval:
            keys.append(("real eval", real, "eval"))
    if lee_corpus.available():      # (benchmarks/lee_corpus.py fetches the pages)
        keys.append(("lee dev", ROOT / "fixtures" / "lee.gold.json", "dev"))
        if args.eval:
            keys.append(("lee eval", ROOT / "fixtures" / "lee.gold.json", "eval"))
    rows = {name: scores(path, split) for name, path, split in keys}
    if args.json:
        print(json.dumps(rows, indent=1))
        return 0
    print(f"{'key':<10}" + "".join(f"{c[:9]:>10}" for c in COLUMNS))
    for name, row in rows.items():
        print(f"{name:<10}" + "".join(f"{'-' if row.get(c) is None else format(row[c], '.3f'):>10}" for c in COLUMNS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
