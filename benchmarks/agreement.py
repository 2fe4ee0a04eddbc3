"""How far two blind labellers agree, and how far Crosscheck agrees with each, on the pages of the real-text key
that a second labelling covers (fixtures/realtext/second-pass.json): per split, per field.

    .venv/bin/python benchmarks/agreement.py [--json]

Two labellers' agreement is the ceiling a rule can be held to; the same agreement on both splits says that the
splits' labels follow the conventions alike, so a gap between the system's dev and eval scores is the system's.
Fields are compared as benchmarks/keys.py scores them (evaluate.same_label, evaluate.field_value); the system's
claim_date, as there, over the figures whose label has a date, the two labellers' over every figure. Exits 0 when ../shared is absent.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, os.environ.get("CROSSCHECK_SRC") or str(ROOT / "server"))

from crosscheck import evaluate as ev  # noqa: E402

KEY = ROOT / "fixtures" / "realtext.gold.json"
SECOND = ROOT / "fixtures" / "realtext" / "second-pass.json"
BENCH = ROOT.parent / "shared" / "data" / "article-extraction-benchmark"
FIELDS = ("counted_head", "count_kind", "location", "location_compatible", "status", "claimant",
          "claimant_lenient", "party", "claim_date")


def _system_agreement(key: dict, pages: list[str], labels: dict) -> dict:
    """Per field, the share of figures whose system value agrees with `labels` (figure id -> labels)."""
    sub = dict(key, sources=[dict(s, path=str((KEY.parent / s["path"]).resolve()))
                             for s in key["sources"] if s["id"] in pages],
               figures=[dict(f, **{k: v for k, v in labels[f["id"]].items() if k != "id"})
                        for f in key["figures"] if f["source"] in pages],
               non_figures=[n for n in key.get("non_figures", []) if n["source"] in pages])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "key.json"
        path.write_text(json.dumps(sub))
        result = ev.evaluate(path)
    fields = {name: result["fields"][name]["accuracy"] for name in FIELDS}
    return fields | {"matched": result["detection"]["tp"]}


def agreement() -> dict:
    key = json.loads(KEY.read_text())
    second = json.loads(SECOND.read_text())
    gold = {f["id"]: f for f in key["figures"]}
    split_of = {s["id"]: s["split"] for s in key["sources"]}
    labels = {a["id"]: a for a in second["labels"]}
    out = {}
    for split in ("dev", "eval"):
        pages = [p for p in second["pages"] if split_of[p] == split]
        ids = [i for i in labels if gold[i]["source"] in pages]
        out[split] = {
            "pages": len(pages), "figures": len(ids),
            "key~second": {name: round(sum(ev.same_label(name, gold[i], labels[i]) for i in ids) / len(ids), 3)
                           for name in FIELDS},
            "system~key": _system_agreement(key, pages, {i: {} for i in ids}),
            "system~second": _system_agreement(key, pages, labels),
        }
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not BENCH.exists():
        print("../shared/data/article-extraction-benchmark is absent: nothing to score")
        return 0
    out = agreement()
    if args.json:
        print(json.dumps(out, indent=1))
        return 0
    cols = ("key~second", "system~key", "system~second")
    for split, row in out.items():
        print(f"{split}: {row['pages']} pages, {row['figures']} figures "
              f"({row['system~key']['matched']} found by the system)")
        print(f"  {'field':<20}" + "".join(f"{c:>15}" for c in cols))
        for name in FIELDS:
            print(f"  {name:<20}" + "".join(f"{row[c][name]:>15.3f}" for c in cols))
    return 0


if __name__ == "__main__":
    sys.exit(main())
