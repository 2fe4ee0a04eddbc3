"""What a rule change changes: every figure's fields on every page we have, saved and diffed.

    .venv/bin/python benchmarks/figure_diff.py --save before.json
    ... change a rule ...
    .venv/bin/python benchmarks/figure_diff.py --diff before.json [--field location] [--limit 200]

Reads the fixture pages of every manifest in fixtures/, the 181 pages of
../shared/data/article-extraction-benchmark (when present) and the items of the Lee corpus (when
benchmarks/lee_corpus.py has fetched them), but those of the real-text and Lee keys' evaluation splits
(--with-eval reads them too), and records for each figure its words, place in the
text and the fields a rule can change (value, qualifier, kind, unit, counted, count kind, subject, location,
status, claimant, claim date, quoted, measure). --diff prints each changed, added or dropped figure with its
sentence, and a count of changes by field. CROSSCHECK_SRC=<checkout>/server reads with another checkout's code.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, os.environ.get("CROSSCHECK_SRC") or str(ROOT / "server"))

from crosscheck.manifest import load_manifest  # noqa: E402
from crosscheck.reading.pipeline import extract, page_from_html, read_page  # noqa: E402

import lee_corpus  # noqa: E402

BENCH = ROOT.parent / "shared" / "data" / "article-extraction-benchmark"
FIELDS = ("value", "qualifier", "kind", "unit", "counted", "count_kind", "subject", "location", "status", "claimant",
          "claim_date", "quoted", "measure")


def figure_fields(f) -> dict:
    q = f.quantity
    return {"value": [q.low, q.high], "qualifier": q.qualifier, "kind": q.kind, "unit": q.unit,
            "counted": f.counted, "count_kind": f.extra.get("count_kind"), "subject": f.extra.get("subject"),
            "location": f.location, "status": f.status,
            "claimant": None if f.claimant is None or f.claimant.kind == "outlet" else f.claimant.name,
            "claim_date": f.claim_date.isoformat() if f.claim_date else None, "quoted": f.quoted,
            "measure": f.measure}


def eval_pages() -> set[str]:
    """Ids of the pages of the real-text and Lee keys' evaluation splits: no rule is developed on them, so their
    figures are left out unless asked for."""
    out = set()
    for name in ("realtext.gold.json", "lee.gold.json"):
        key = ROOT / "fixtures" / name
        if key.exists():
            sources = json.loads(key.read_text(encoding="utf-8"))["sources"]
            out |= {s["id"] for s in sources if s.get("split") == "eval"}
    return out


def pages(with_eval: bool = False):
    """(name, page) for every page we can read: fixture manifests first, then the benchmark pages."""
    hidden = set() if with_eval else eval_pages()
    seen = set()
    for manifest in sorted((ROOT / "fixtures").glob("*.json")):
        try:
            sources, _ = load_manifest(manifest)
        except Exception:  # noqa: BLE001 - not a manifest
            continue
        for s in sources:
            if s.path.resolve() in seen or not s.path.exists() or s.path.name[:12] in hidden or s.id in hidden:
                continue
            seen.add(s.path.resolve())
            yield f"{manifest.stem}/{s.id}", read_page(s.path, url=s.url, published=s.published, outlet=s.outlet)
    if BENCH.exists():
        truth = json.loads((BENCH / "ground-truth.json").read_text(encoding="utf-8"))
        for key in sorted(truth):
            if key[:12] in hidden:
                continue
            html = gzip.decompress((BENCH / "html" / f"{key}.html.gz").read_bytes())
            yield f"bench/{key[:12]}", page_from_html(html, url=truth[key]["url"])
    if lee_corpus.available():      # every item of the Lee corpus, labelled or not, but its key's eval split
        for path in sorted(lee_corpus.PAGES.glob("lee-*.html")):
            if path.resolve() not in seen and path.stem not in hidden:
                yield f"lee/{path.stem}", read_page(path, outlet="ABC")


def snapshot(with_eval: bool = False) -> dict:
    out = {}
    for name, page in pages(with_eval):
        out[name] = [{"text": f.text, "start": f.start, "sentence": f.sentence.text, **figure_fields(f)}
                     for f in extract(page)]
    return out


def diff(before: dict, after: dict, only: str | None = None, limit: int = 200) -> Counter:
    changes: Counter = Counter()
    shown = 0
    for name in sorted(set(before) | set(after)):
        old = {(f["start"], f["text"]): f for f in before.get(name, [])}
        new = {(f["start"], f["text"]): f for f in after.get(name, [])}
        for key in sorted(set(old) | set(new)):
            a, b = old.get(key), new.get(key)
            if a is None or b is None:
                changes["added" if a is None else "dropped"] += 1
                if only is None and shown < limit:
                    f = a or b
                    print(f"{name}  {'+' if a is None else '-'} {f['text']!r}   | {f['sentence'][:160]}")
                    shown += 1
                continue
            fields = [k for k in FIELDS if a.get(k) != b.get(k) and (only is None or k == only)]
            for k in fields:
                changes[k] += 1
            if fields and shown < limit:
                print(f"{name}  {a['text']!r}   | {a['sentence'][:160]}")
                for k in fields:
                    print(f"      {k}: {a.get(k)!r} -> {b.get(k)!r}")
                shown += 1
    return changes


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--save", type=Path, help="write every figure's fields to this file")
    g.add_argument("--diff", type=Path, help="compare with a file --save wrote")
    ap.add_argument("--field", help="show only changes of this field")
    ap.add_argument("--limit", type=int, default=200, help="figures printed at most")
    ap.add_argument("--with-eval", action="store_true",
                    help="also read the real-text key's evaluation split (left out: no rule is developed on it)")
    args = ap.parse_args(argv)
    now = snapshot(args.with_eval)
    if args.save:
        args.save.write_text(json.dumps(now), encoding="utf-8")
        print(f"{sum(map(len, now.values()))} figures on {len(now)} pages -> {args.save}")
        return 0
    changes = diff(json.loads(args.diff.read_text(encoding="utf-8")), now, args.field, args.limit)
    total = sum(map(len, now.values()))
    print(f"\n{total} figures on {len(now)} pages; changed: " +
          (", ".join(f"{k} {n}" for k, n in changes.most_common()) or "nothing"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
