"""`make soak`: the long, bounded versions of issue 6's reliability tests (the short ones run in `make test`).

    hostile   every named hostile page at full size (10 MB, 100,000 nested elements, one 1 MB line, 50,000
              numbers, backtracking strings ...) through the pipeline and over HTTP to `crosscheck serve`, and
              real pages mutated at random (../shared/data; skipped when absent)
    load      concurrent clients mixing annotate, ingest and claim queries for minutes: zero 5xx, the claim set
              equal to a sequential replay, server RSS flat
    kills     an ingesting process SIGKILLed hundreds of times, and `crosscheck serve` tens of times, mid-ingest:
              integrity_check ok, every page fully in or out

Each part asserts what its test asserts and prints its figures; the last line is a JSON summary (also written
with --json PATH). The defaults take about ten minutes; --quick runs a few minutes' worth.

    python benchmarks/soak.py [--quick] [--only hostile,load,kills] [--load-seconds 120] [--kills 200] ..."""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from crosscheck.claims.compare import compare_page  # noqa: E402
from crosscheck.service import Crosscheck  # noqa: E402
from crosscheck.claims.store_sqlite import SQLiteStore  # noqa: E402

BUDGET = 10.0


def template(tmp: Path) -> Path:
    path = tmp / "builtin.sqlite"
    store = SQLiteStore(path)
    Crosscheck(store).ensure_builtin()
    store.close()
    return path


def hostile(tmp: Path, tpl: Path, mutations: int) -> dict:
    import shutil
    import urllib.request

    from hostile_inputs import big_page, check_selectors, mutated_pages, named_cases
    from test_load import Server
    from crosscheck.reading.pipeline import extract, page_from_html

    db = tmp / "hostile.sqlite"
    shutil.copyfile(tpl, db)
    store = SQLiteStore(db)
    cases = list(named_cases(1.0)) + [("10-mb-page", big_page(10_000_000)),
                                      ("over-10-mib", big_page(10 * 1024 * 1024 + 1000))]
    worst = (0.0, "")
    n_direct = 0
    for name, data in cases + list(mutated_pages(mutations, seed=16)):
        t = time.perf_counter()
        page = page_from_html(data, url="https://hostile.example/p")
        figures = extract(page)
        compare_page(page, figures, store)
        elapsed = time.perf_counter() - t
        check_selectors(page, figures)
        assert elapsed < BUDGET, (name, elapsed)
        worst = max(worst, (elapsed, name))
        n_direct += 1
    store.close()
    print(f"[hostile] pipeline: {n_direct} pages, slowest {worst[1]} {worst[0]:.2f} s", flush=True)

    server = Server(db, tmp / "hostile-server.log")
    statuses: dict[int, int] = {}
    worst = (0.0, "")
    try:
        for name, data in cases:
            body = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
            req = urllib.request.Request(server.base + "/v1/annotate?url=https://hostile.example/p", data=body,
                                         method="POST", headers={"Content-Type": "text/html"})
            t = time.perf_counter()
            try:
                with urllib.request.urlopen(req, timeout=60) as r:
                    status, out = r.status, json.loads(r.read())
                    check_response(out)
            except urllib.error.HTTPError as e:
                status, out = e.code, json.loads(e.read())
                assert out["error"] and out["detail"]
            elapsed = time.perf_counter() - t
            assert status in (200, 400, 413, 503), (name, status, out)
            assert elapsed < BUDGET + 3, (name, elapsed)
            statuses[status] = statuses.get(status, 0) + 1
            worst = max(worst, (elapsed, name))
        assert server.get("/healthz")[0] == 200
    finally:
        server.stop()
    print(f"[hostile] http: {len(cases)} pages, statuses {statuses}, slowest {worst[1]} {worst[0]:.2f} s", flush=True)
    return {"pipeline_pages": n_direct, "http_pages": len(cases), "http_statuses": statuses}


def check_response(out: dict) -> None:
    from hostile_inputs import check_response_selectors
    check_response_selectors(out)


def load(tmp: Path, tpl: Path, seconds: float, clients: int) -> dict:
    from test_load import run_load
    load_db, replay_db = tmp / "load.sqlite", tmp / "replay.sqlite"
    shutil.copyfile(tpl, load_db)
    shutil.copyfile(tpl, replay_db)
    result = run_load(tmp, str(load_db), str(replay_db), duration=seconds, clients=clients)
    assert result["rss_growth_kb"] < 40 * 1024, result
    print(f"[load] {result}", flush=True)
    return result


def kills(tmp: Path, tpl: Path, n: int, serve_n: int) -> dict:
    from test_faults import kill_cycles, serve_kill_cycles
    t = time.perf_counter()
    a = kill_cycles(tmp, kills=n, seed=16)
    print(f"[kills] ingest loop: {a} in {time.perf_counter() - t:.0f} s", flush=True)
    t = time.perf_counter()
    served = tmp / "served.sqlite"
    shutil.copyfile(tpl, served)
    b = serve_kill_cycles(tmp, kills=serve_n, target=str(served), seed=17)
    print(f"[kills] crosscheck serve: {b} in {time.perf_counter() - t:.0f} s", flush=True)
    return {"ingest_loop": a, "serve": b}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="a few minutes instead of about ten")
    ap.add_argument("--only", default="hostile,load,kills")
    ap.add_argument("--load-seconds", type=float, default=None)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--kills", type=int, default=None)
    ap.add_argument("--serve-kills", type=int, default=None)
    ap.add_argument("--mutations", type=int, default=None)
    ap.add_argument("--json", help="also write the summary here")
    args = ap.parse_args(argv)
    q = args.quick
    seconds = args.load_seconds or (30.0 if q else 180.0)
    n_kills = args.kills or (40 if q else 250)
    n_serve = args.serve_kills or (5 if q else 25)
    n_mut = args.mutations or (60 if q else 300)
    parts = set(args.only.split(","))
    summary: dict = {}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="crosscheck-soak-") as d:
        tmp = Path(d)
        tpl = template(tmp)
        if "hostile" in parts:
            (tmp / "hostile").mkdir()
            summary["hostile"] = hostile(tmp / "hostile", tpl, n_mut)
        if "load" in parts:
            (tmp / "load").mkdir()
            summary["load"] = load(tmp / "load", tpl, seconds, args.clients)
        if "kills" in parts:
            (tmp / "kills").mkdir()
            summary["kills"] = kills(tmp / "kills", tpl, n_kills, n_serve)
    summary["seconds"] = round(time.perf_counter() - started, 1)
    summary["lost"] = 0          # every part asserts it: a lost or torn page fails the run
    line = json.dumps(summary, default=str)
    print(line)
    if args.json:
        Path(args.json).write_text(line + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
