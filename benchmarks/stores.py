"""The two stores side by side (issue 14): annotate latency and ingest rate on SQLite and on PostgreSQL holding
the same claim set (run.py's synthetic set of N claims, with anchors and the built-in set), one table and JSON.

    .venv/bin/python benchmarks/stores.py [--claims 1000000] [--repeat 3] [--json OUT]

The SQLite file is run.py's cached claim set; the PostgreSQL database is a copy of it (crosscheck migrate's
copy_claim_set, then ANALYZE) on a throwaway server on 127.0.0.1 (tests/postgres_server.py: initdb in a temporary
folder, fsync off, removed at the end), reached over TCP as a team's server would be, with the store's pool and
prepared statements. The pages are the fixture pages and the 181 pages of the extraction benchmark (when
../shared has them). Annotate: the median over pages of each page's median run (after one warm-up); the target
is PostgreSQL within 1.5x of SQLite. Ingest: pages/s through parse + extract + store.ingest, one thread."""
from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "server"))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))

from crosscheck.claims.store import open_store  # noqa: E402
from crosscheck.claims.transfer import copy_claim_set  # noqa: E402
from crosscheck.service import Crosscheck  # noqa: E402
from postgres_server import PostgresServer, server_binaries  # noqa: E402

import run  # noqa: E402

TARGET_RATIO = 1.5


def measure(target: str, docs, repeat: int) -> dict:
    """Annotate latency (total, and the comparison with the claim set: the store's part) and ingest rate."""
    store = open_store(target)
    try:
        rows = run.annotate_inprocess(Crosscheck(store), docs, repeat)
        counts = store.counts()
        size = store.size()
    finally:
        store.close()
    return {"counts": counts, "db_mb": round(size / 2 ** 20, 1),
            "annotate": run.summary([r["total"] for r in rows]),
            "compare": run.summary([r["compare"] for r in rows]),
            "first": run.summary([r["first"] for r in rows]),
            "ingest": run.ingest_rate(target, docs)}


def compare_stores(sqlite_path: Path, docs, repeat: int, log) -> dict:
    """The same claim set in both stores, measured one after the other on the same pages."""
    binaries = server_binaries()
    if binaries is None:
        log("PostgreSQL is not installed (make bench installs it): stores not compared")
        return {}
    work = run.RESULTS / "work"
    work.mkdir(parents=True, exist_ok=True)
    sqlite_copy = run.copy_db(sqlite_path, work / "stores.sqlite")
    server = PostgresServer(binaries).start()
    try:
        url = server.create_database("bench")
        t0 = time.perf_counter()
        source, target = open_store(sqlite_copy), open_store(url)
        counts = copy_claim_set(source, target)
        source.close()
        target.close()
        _analyze(url)
        log(f"  copied {counts['claims']:,} claims into PostgreSQL in {time.perf_counter() - t0:.0f} s")
        out = {}
        for name, where in (("sqlite", str(sqlite_copy)), ("postgres", url)):
            log(f"  {name}: annotate and ingest ...")
            out[name] = measure(where, docs, repeat)
    finally:
        server.stop()
        for suffix in ("", "-wal", "-shm"):
            Path(str(sqlite_copy) + suffix).unlink(missing_ok=True)
    s, p = out["sqlite"], out["postgres"]
    out["ratio"] = {"annotate_median": round(p["annotate"]["median"] / s["annotate"]["median"], 3),
                    "annotate_p95": round(p["annotate"]["p95"] / s["annotate"]["p95"], 3),
                    "compare_median": round(p["compare"]["median"] / s["compare"]["median"], 3),
                    "ingest": round(p["ingest"]["pages_per_s"] / s["ingest"]["pages_per_s"], 3)}
    out["target"] = {"name": f"PostgreSQL annotate within {TARGET_RATIO}x of SQLite (median)",
                     "met": out["ratio"]["annotate_median"] <= TARGET_RATIO}
    return out


def _analyze(url: str) -> None:
    """Planner statistics for the copied tables (as autovacuum would gather them after a while)."""
    import psycopg
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def table(res: dict, claims: int) -> list[str]:
    if not res:
        return []
    lines = [f"stores, {claims:,} claims   annotate median / p95 ms   compare median ms   first median ms   "
             "ingest pages/s   size MB"]
    for name in ("sqlite", "postgres"):
        r = res[name]
        lines.append(f"  {name:<10} {r['annotate']['median']:>22.1f} / {r['annotate']['p95']:<8.1f} "
                     f"{r['compare']['median']:>14.2f} {r['first']['median']:>17.1f} "
                     f"{r['ingest']['pages_per_s']:>16.1f} {r['db_mb']:>9.1f}")
    ratio = res["ratio"]
    lines.append(f"  PostgreSQL / SQLite: annotate {ratio['annotate_median']}x (p95 {ratio['annotate_p95']}x), "
                 f"compare {ratio['compare_median']}x, ingest rate {ratio['ingest']}x; "
                 f"target {res['target']['name']}: {'met' if res['target']['met'] else 'NOT met'}")
    return lines


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=1_000_000, help="synthetic claims in the set (default 1,000,000)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", type=Path, help="write here instead of benchmarks/results/stores-<timestamp>.json")
    args = ap.parse_args(argv)

    def log(msg):
        print(msg, file=sys.stderr, flush=True)

    docs = run.load_docs()
    db = run.claim_set(args.claims, run.anchors(docs), log)
    res = {"claims": args.claims, "pages": len(docs), **compare_stores(db, docs, args.repeat, log)}
    out = args.json or run.RESULTS / (datetime.now().strftime("stores-%Y%m%d-%H%M%S") + ".json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
    print("\n".join(table(res, args.claims)))
    print(f"\nJSON: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
