"""Speed A/B of two checkouts on this machine: annotate time per page of the 181 benchmark pages, the two
checkouts' code run in alternating processes so that both see the same load.

    .venv/bin/python benchmarks/ab.py --base /path/to/other/checkout [--rounds 4]

Each round starts one process per checkout (PYTHONPATH=<checkout>/server), which builds an in-memory claim set
of the built-in seed pages, annotates every page once to warm up, then three more times, and reports each page's
fastest process time. The table gives, per checkout, the median over rounds of the median page (and of the mean
and the slowest page), and the ratio new/base. A speed rule of this project: no change may make the median more
than 10% slower. Exits 0 when ../shared is absent.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "data" / "article-extraction-benchmark"

CHILD = r"""
import gzip, json, sys, time
from pathlib import Path
from crosscheck.service import Crosscheck, builtin_manifest
try:
    from crosscheck.claims.store_sqlite import SQLiteStore
except ImportError:
    try:                       # a checkout from before the stores had a module each
        from crosscheck.claims.store import SQLiteStore
    except ImportError:        # a checkout from before the modules moved into wings
        from crosscheck.store import SQLiteStore
bench = Path(sys.argv[1])
svc = Crosscheck(SQLiteStore(":memory:"))
svc.ingest_manifest(builtin_manifest())
pages = [gzip.decompress(p.read_bytes()) for p in sorted((bench / "html").glob("*.html.gz"))]
for html in pages:
    svc.annotate(html=html)
best = [float("inf")] * len(pages)
for _ in range(3):
    for i, html in enumerate(pages):
        t = time.process_time()
        svc.annotate(html=html)
        best[i] = min(best[i], time.process_time() - t)
print(json.dumps(best))
"""


def run(checkout: Path) -> list[float]:
    env = dict(os.environ, PYTHONPATH=str(checkout / "server"))
    out = subprocess.run([sys.executable, "-c", CHILD, str(BENCH)], env=env, capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def summary(times: list[float]) -> dict:
    ms = [t * 1000 for t in times]
    return {"median": statistics.median(ms), "mean": statistics.fmean(ms), "max": max(ms)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=Path, required=True, help="the other checkout (its server/ is imported)")
    ap.add_argument("--rounds", type=int, default=4)
    args = ap.parse_args(argv)
    if not BENCH.exists():
        print("../shared/data/article-extraction-benchmark is absent: nothing to time")
        return 0
    rows = {"base": [], "new": []}
    for r in range(args.rounds):
        for name, checkout in (("base", args.base), ("new", ROOT)) if r % 2 == 0 else (("new", ROOT), ("base", args.base)):
            rows[name].append(summary(run(checkout)))
            print(f"round {r + 1} {name}: median {rows[name][-1]['median']:.2f} ms", file=sys.stderr)
    result = {name: {k: statistics.median(s[k] for s in runs) for k in ("median", "mean", "max")}
              for name, runs in rows.items()}
    print(f"{'':<6}{'median ms':>11}{'mean ms':>10}{'max ms':>10}")
    for name, s in result.items():
        print(f"{name:<6}{s['median']:>11.2f}{s['mean']:>10.2f}{s['max']:>10.1f}")
    print(f"new/base median {result['new']['median'] / result['base']['median']:.3f}, "
          f"mean {result['new']['mean'] / result['base']['mean']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
