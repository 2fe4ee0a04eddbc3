"""`make bench`: the performance benchmark of issue 5, one table on stdout and the numbers as JSON in
benchmarks/results/<timestamp>.json.

    .venv/bin/python benchmarks/run.py [--sizes 1000,10000,100000,1000000] [--quick] [--repeat 3]
                                       [--http-seconds 10] [--clients 12] [--workers N] [--no-http] [--json OUT]

1. annotate latency per page, in process (Crosscheck.annotate on the page's bytes, against a store with a
   synthetic 10k-claim set plus the built-in claim set) and over HTTP (a `crosscheck serve` subprocess on
   loopback, aiohttp client, the extension's JSON body), on the 5 fixture pages and the 181 pages of
   ../shared/data/article-extraction-benchmark: median, p95, max, and the median of each step (the median of
   3 runs after a warm-up run; the warm-up run itself is reported too, as the first visit of a page);
2. on the same pages in the same run: selectolax parse alone (the floor) and trafilatura.extract (the peer);
3. claim-set scale (synthetic sets from benchmarks/synthetic.py, cached in benchmarks/results/cache): annotate
   latency, ingest throughput (pages/s through the real pipeline and store, one thread), database size, and the
   RSS of a `crosscheck serve` subprocess after annotating every page;
4. HTTP throughput: N concurrent clients posting the median page for a bounded time to `crosscheck serve
   --workers W` (W = the machine's cores, at most 2, unless --workers says otherwise): requests/s, p50/p99,
   errors;
5. issue 14's stores (benchmarks/stores.py): annotate latency and ingest rate on SQLite and on PostgreSQL
   holding the same largest claim set (--no-stores skips it);
6. issue 13's feed load (benchmarks/feeds_load.py, in a process of its own): a refresh of 50 generated feeds with
   2,000 articles on loopback: articles/s, RSS growth, every article in, a second refresh adding nothing;
and the query plans of the store's per-annotate queries (no full scan of a large table), then the targets.
Exits 0 when the benchmark data are absent (fixture pages only).
"""
from __future__ import annotations

import argparse
import asyncio
import gzip
import hashlib
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from datetime import date, datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "server"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from crosscheck.claims.measure import measure_what  # noqa: E402
from crosscheck.reading.pipeline import extract, page_from_html  # noqa: E402
from crosscheck.service import Crosscheck, builtin_manifest  # noqa: E402
from crosscheck.claims.store import SCHEMA_VERSION, open_store  # noqa: E402
from crosscheck.claims.store_sqlite import SQLiteStore  # noqa: E402

import synthetic  # noqa: E402

BENCH = ROOT.parent / "shared" / "data" / "article-extraction-benchmark"
RESULTS = ROOT / "benchmarks" / "results"
CACHE = RESULTS / "cache"
STEPS = ("parse", "blocks", "sentences", "figures", "scope+attribution", "measure", "align", "response", "compare")
SIZES = (1_000, 10_000, 100_000, 1_000_000)


# ------------------------------------------------------------------------------------------ pages

class Doc:
    __slots__ = ("name", "group", "html", "url", "published", "outlet")

    def __init__(self, name, group, html, url, published=None, outlet=None):
        self.name, self.group, self.html, self.url = name, group, html, url
        self.published, self.outlet = published, outlet


def load_docs() -> list[Doc]:
    docs = []
    manifest = json.loads((ROOT / "fixtures" / "sources.json").read_text(encoding="utf-8"))
    for s in manifest["sources"]:
        docs.append(Doc(s["id"], "fixture", (ROOT / "fixtures" / s["path"]).read_bytes(), s["url"],
                        date.fromisoformat(s["published"]) if s.get("published") else None, s.get("outlet")))
    gt_path = BENCH / "ground-truth.json"
    truth = json.loads(gt_path.read_text(encoding="utf-8")) if gt_path.exists() else {}
    for f in sorted((BENCH / "html").glob("*.html.gz")) if (BENCH / "html").is_dir() else []:
        key = f.name[:-len(".html.gz")]
        url = truth.get(key, {}).get("url") or f"https://bench.test/{key}"
        docs.append(Doc(key[:12], "bench", gzip.decompress(f.read_bytes()), url))
    return docs


# ------------------------------------------------------------------------------------------ statistics

def pct(xs, q):
    xs = sorted(xs)
    if not xs:
        return None
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def summary(ms: list[float]) -> dict:
    if not ms:
        return {"n": 0}
    return {"n": len(ms), "median": round(statistics.median(ms), 3), "p95": round(pct(ms, 0.95), 3),
            "max": round(max(ms), 3)}


def load_average() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


# ------------------------------------------------------------------------------------------ claim sets

ANCHORS = 300        # measures of the real pages given 3 claims each in every synthetic set (900 claims)


def anchors(docs: list[Doc]) -> list[tuple]:
    """Measures the pages really produce (the fixture pages' first, then a fixed sample of the others):
    synthetic claims for them make the comparisons find other claims."""
    out = {}
    for d in docs:
        page = page_from_html(d.html, url=d.url, published=d.published, outlet=d.outlet)
        for f in extract(page):
            q = f.quantity
            out.setdefault(f.measure, (d.group != "fixture", f.measure, f.counted, f.location, f.status, q.kind, q.unit,
                                       measure_what(f)))
    chosen = sorted(out.values(), key=lambda a: (a[0], hashlib.sha256(a[1].encode()).hexdigest()))[:ANCHORS]
    return sorted(a[1:] for a in chosen)


def claim_set(n: int, anchor_list: list[tuple], log) -> Path:
    """A cached SQLite file: n synthetic claims + anchors + the built-in claim set (ingested for real)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(json.dumps(anchor_list).encode()).hexdigest()[:10]
    path = CACHE / f"claims-{n}-g{synthetic.GENERATOR_VERSION}-s{SCHEMA_VERSION}-{digest}.sqlite"
    if path.exists():
        return path
    for old in CACHE.glob(f"claims-{n}-*.sqlite*"):
        old.unlink()
    t0 = time.perf_counter()
    tmp = path.with_suffix(".tmp")
    info = synthetic.build(tmp, n, anchor_measures=anchor_list)
    store = SQLiteStore(tmp)
    Crosscheck(store).ingest_manifest(builtin_manifest())
    store._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    for suffix in ("-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    tmp.rename(path)
    log(f"  built claim set {n:,}: {info} in {time.perf_counter() - t0:.1f} s")
    return path


def copy_db(src: Path, dst: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(str(dst) + suffix).unlink(missing_ok=True)
    shutil.copyfile(src, dst)
    return dst


def db_size(path: Path) -> int:
    return sum(Path(str(path) + s).stat().st_size for s in ("", "-wal") if Path(str(path) + s).exists())


# ------------------------------------------------------------------------------------------ in process

def annotate_inprocess(svc: Crosscheck, docs: list[Doc], repeat: int) -> dict:
    """Per page: the run with the median total of `repeat` runs (after one warm-up run), and the time of the
    warm-up run itself ("first"): a reader's first visit, before anything about this page is cached."""
    rows = []
    for d in docs:
        t0 = time.perf_counter()
        svc.annotate(html=d.html, url=d.url)
        first = time.perf_counter() - t0
        runs = []
        for _ in range(repeat):
            t = {}
            t0 = time.perf_counter()
            r = svc.annotate(html=d.html, url=d.url, timings=t)
            t["total"] = time.perf_counter() - t0
            runs.append(t)
        runs.sort(key=lambda t: t["total"])
        t = runs[len(runs) // 2]
        t["scope+attribution"] = t.pop("scope", 0.0) + t.pop("attribution", 0.0)
        rows.append({"page": d.name, "group": d.group, "figure_count": len(r.figures), "first": first * 1000,
                     **{k: v * 1000 for k, v in t.items()}})
    return rows


def floor_and_peer(docs: list[Doc], repeat: int) -> tuple[list[float], list[float] | None]:
    from selectolax.lexbor import LexborHTMLParser
    floor = []
    for d in docs:
        best = None
        for _ in range(repeat):
            t0 = time.perf_counter()
            LexborHTMLParser(d.html)
            dt = (time.perf_counter() - t0) * 1000
            best = dt if best is None else min(best, dt)
        floor.append(best)
    try:
        import trafilatura
    except ImportError:
        return floor, None
    peer = []
    for d in docs:
        trafilatura.extract(d.html, url=d.url)
        runs = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            trafilatura.extract(d.html, url=d.url)
            runs.append((time.perf_counter() - t0) * 1000)
        peer.append(statistics.median(runs))
    return floor, peer


def ingest_rate(db: Path | str, docs: list[Doc]) -> dict:
    """Pages per second through parse + extract + store.ingest (one thread), into a copy of the claim set (a
    SQLite file, or a PostgreSQL URL: benchmarks/stores.py)."""
    store = open_store(db)
    svc = Crosscheck(store)
    t0 = time.perf_counter()
    figures = 0
    for d in docs:
        page = page_from_html(d.html, url="https://ingest.test/" + d.name, published=d.published, outlet=d.outlet)
        figs = extract(page)
        figures += len(figs)
        svc.store.ingest(page, figs, key=page.url)
    dt = time.perf_counter() - t0
    store.close()
    return {"pages": len(docs), "seconds": round(dt, 3), "pages_per_s": round(len(docs) / dt, 1),
            "figures": figures}


def query_plans(db: Path, docs: list[Doc]) -> list[dict]:
    """EXPLAIN QUERY PLAN of every distinct statement an annotate runs (traced while annotating a few pages
    against a copy of the claim set); a SCAN of a table without an index is a scan of the whole claim set."""
    import re
    import sqlite3
    tmp = db.with_name("plans.sqlite")
    copy_db(db, tmp)
    store = SQLiteStore(tmp)
    seen: dict[str, str] = {}

    def trace(sql: str) -> None:
        if sql.lstrip().upper().startswith("SELECT"):
            shape = re.sub(r"'(?:[^']|'')*'|\b\d+(?:\.\d+)?\b", "?", " ".join(sql.split()))
            shape = re.sub(r"\?(?:\s*,\s*\?)+", "?...", shape)
            seen.setdefault(shape, sql)

    store._db.set_trace_callback(trace)
    svc = Crosscheck(store)
    for d in docs:
        svc.annotate(html=d.html, url=d.url)
    store._db.set_trace_callback(None)
    con = sqlite3.connect(str(tmp))
    out = []
    for shape, sql in seen.items():
        try:
            plan = [r[3] for r in con.execute("EXPLAIN QUERY PLAN " + sql)]
        except sqlite3.Error as exc:
            plan = [f"error: {exc}"]
        # (a SCAN of a subquery's own rows, a CO-ROUTINE or MATERIALIZE of the plan, reads no table)
        subqueries = {p.split()[1] for p in plan if p.startswith(("CO-ROUTINE ", "MATERIALIZE "))}
        scans = [p for p in plan if p.startswith("SCAN") and "USING" not in p and p.split()[1] not in subqueries]
        out.append({"query": shape[:160], "plan": plan, "full_scan": bool(scans)})
    con.close()
    store.close()
    for suffix in ("", "-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    return out


# ------------------------------------------------------------------------------------------ HTTP

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`crosscheck serve` on loopback as a subprocess, over a given claim-set file."""

    def __init__(self, db: Path, workers: int = 1):
        self.port = free_port()
        self.workers = workers
        self.db = db
        exe = Path(sys.executable).with_name("crosscheck")
        cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "crosscheck"]
        env = dict(os.environ, PYTHONPATH=str(ROOT / "server"))
        self.proc = subprocess.Popen(cmd + ["serve", "--port", str(self.port), "--db", str(db), "--no-builtin",
                                            "--workers", str(workers)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        self.base = f"http://127.0.0.1:{self.port}"

    async def wait(self, session) -> None:
        for _ in range(300):
            try:
                async with session.get(self.base + "/healthz") as r:
                    if r.status == 200:
                        return
            except OSError:
                pass
            if self.proc.poll() is not None:
                raise RuntimeError("crosscheck serve exited")
            await asyncio.sleep(0.05)
        raise RuntimeError("crosscheck serve did not start")

    def pids(self) -> list[int]:
        """The server process and its workers."""
        pids = [self.proc.pid]
        try:
            for task in Path(f"/proc/{self.proc.pid}/task").iterdir():
                pids += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
        return pids

    def rss_mb(self) -> dict:
        """VmRSS and VmHWM summed over the server process and its workers."""
        out: dict = {}
        for pid in self.pids():
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith(("VmRSS:", "VmHWM:")):
                        key = line.split(":")[0]
                        out[key] = round(out.get(key, 0) + int(line.split()[1]) / 1024, 1)
            except OSError:
                pass
        return out

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def _body(d: Doc) -> bytes:
    return json.dumps({"url": d.url, "html": d.html.decode("utf-8", "replace")}).encode()


async def http_latency(server: Server, docs: list[Doc], repeat: int) -> tuple[list[dict], int]:
    import aiohttp
    rows, errors = [], 0
    async with aiohttp.ClientSession() as session:
        await server.wait(session)
        for d in docs:
            body = _body(d)
            runs = []
            for i in range(repeat + 1):
                t0 = time.perf_counter()
                async with session.post(server.base + "/v1/annotate", data=body,
                                        headers={"Content-Type": "application/json"}) as r:
                    await r.read()
                    ok = r.status == 200
                if not ok:
                    errors += 1
                if i:
                    runs.append((time.perf_counter() - t0) * 1000)
            rows.append({"page": d.name, "group": d.group, "total": statistics.median(runs)})
    return rows, errors


async def http_throughput(server: Server, doc: Doc, seconds: float, clients: int) -> dict:
    import aiohttp
    body = _body(doc)
    lat: list[float] = []
    status: dict[str, int] = {}
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=clients)) as session:
        await server.wait(session)
        for _ in range(5):       # warm-up
            async with session.post(server.base + "/v1/annotate", data=body,
                                    headers={"Content-Type": "application/json"}) as r:
                await r.read()
        end = time.perf_counter() + seconds

        async def client():
            while time.perf_counter() < end:
                t0 = time.perf_counter()
                try:
                    async with session.post(server.base + "/v1/annotate", data=body,
                                            headers={"Content-Type": "application/json"}) as r:
                        await r.read()
                        key = str(r.status)
                except (aiohttp.ClientError, OSError) as exc:
                    key = type(exc).__name__
                lat.append((time.perf_counter() - t0) * 1000)
                status[key] = status.get(key, 0) + 1

        t0 = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(clients)))
        dt = time.perf_counter() - t0
    n = len(lat)
    return {"page": doc.name, "clients": clients, "seconds": round(dt, 2), "requests": n,
            "req_per_s": round(n / dt, 1), "p50": round(pct(lat, 0.5), 2), "p99": round(pct(lat, 0.99), 2),
            "max": round(max(lat), 2), "status": status, "errors": n - status.get("200", 0)}


async def server_memory(db: Path, docs: list[Doc]) -> dict:
    import aiohttp
    server = Server(db)
    try:
        async with aiohttp.ClientSession() as session:
            await server.wait(session)
            idle = server.rss_mb()
            for d in docs:
                async with session.post(server.base + "/v1/annotate", data=_body(d),
                                        headers={"Content-Type": "application/json"}) as r:
                    await r.read()
        return {"idle_mb": idle.get("VmRSS"), "rss_mb": server.rss_mb().get("VmRSS"),
                "peak_mb": server.rss_mb().get("VmHWM")}
    finally:
        server.stop()


# ------------------------------------------------------------------------------------------ the run

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    ap.add_argument("--quick", action="store_true", help="sizes 1k and 10k, 3 s of throughput, repeat 1")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--http-seconds", type=float, default=10.0)
    ap.add_argument("--clients", type=int, default=12)
    ap.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1),
                    help="server processes for the HTTP runs (default: cores, at most 2)")
    ap.add_argument("--no-http", action="store_true")
    ap.add_argument("--no-feeds", action="store_true", help="skip the feed load (5)")
    ap.add_argument("--no-stores", action="store_true",
                    help="skip the SQLite/PostgreSQL comparison on the largest claim set (benchmarks/stores.py)")
    ap.add_argument("--json", type=Path, help="write here instead of benchmarks/results/<timestamp>.json")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if args.quick:
        sizes, args.http_seconds, args.repeat = [s for s in sizes if s <= 10_000], 3.0, 1
    base = 10_000 if 10_000 in sizes else sizes[0]

    def log(msg):
        print(msg, file=sys.stderr, flush=True)

    res: dict = {"when": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": {
        "cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "load_before": load_average()}
    try:
        res["commit"] = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                                       text=True).stdout.strip()
    except OSError:
        pass
    docs = load_docs()
    bench = [d for d in docs if d.group == "bench"]
    log(f"pages: {len(docs) - len(bench)} fixture, {len(bench)} benchmark; load {res['load_before']}")
    anchor_list = anchors(docs)
    dbs = {n: claim_set(n, anchor_list, log) for n in sizes}
    work = RESULTS / "work"
    work.mkdir(parents=True, exist_ok=True)

    # 1 + 2: latency on the base claim set, floor and peer
    log(f"annotate in process ({base:,} claims) ...")
    db = copy_db(dbs[base], work / "annotate.sqlite")
    store = SQLiteStore(db)
    svc = Crosscheck(store)
    rows = annotate_inprocess(svc, docs, args.repeat)
    store.close()
    log("selectolax and trafilatura ...")
    floor, peer = floor_and_peer(docs, args.repeat)
    for r, f in zip(rows, floor):
        r["floor"] = f
    if peer:
        for r, p in zip(rows, peer):
            r["trafilatura"] = p
    res["pages"] = rows
    groups = {"fixture": [r for r in rows if r["group"] == "fixture"], "bench": [r for r in rows if r["group"] == "bench"]}
    lat = {}
    for g, rs in groups.items():
        if not rs:
            continue
        lat[g] = {"total": summary([r["total"] for r in rs]), "first": summary([r["first"] for r in rs]),
                  "steps": {s: round(statistics.median([r.get(s, 0.0) for r in rs]), 3) for s in STEPS},
                  "floor": summary([r["floor"] for r in rs])}
        if peer:
            lat[g]["trafilatura"] = summary([r["trafilatura"] for r in rs])
            lat[g]["ratio_median"] = round(lat[g]["total"]["median"] / lat[g]["trafilatura"]["median"], 3)
            lat[g]["ratio_per_page_median"] = round(statistics.median(r["total"] / r["trafilatura"] for r in rs), 3)
        lat[g]["floor_ratio"] = round(lat[g]["total"]["median"] / lat[g]["floor"]["median"], 1)
        lat[g]["over_50ms"] = [r["page"] for r in rs if r["total"] > 50]
    res["in_process"] = {"claims": base, **lat}

    # 3: scale
    res["scale"] = []
    plan_docs = [d for d in docs if d.group == "fixture"][:2] + (bench or docs)[:20]
    for n in sizes:
        log(f"scale {n:,} claims ...")
        db = copy_db(dbs[n], work / "scale.sqlite")
        store = SQLiteStore(db)
        svc = Crosscheck(store)
        counts = store.counts()
        srows = annotate_inprocess(svc, bench or docs, 1)
        store.close()
        entry = {"claims": n, "counts": counts, "db_mb": round(db_size(dbs[n]) / 2 ** 20, 1),
                 "annotate": summary([r["total"] for r in srows]),
                 "compare_median": round(statistics.median(r["compare"] for r in srows), 3),
                 "ingest": ingest_rate(copy_db(dbs[n], work / "ingest.sqlite"), bench or docs),
                 "plans": query_plans(dbs[n], plan_docs)}
        if not args.no_http:
            entry["server"] = asyncio.run(server_memory(copy_db(dbs[n], work / "serve.sqlite"), bench or docs))
        res["scale"].append(entry)

    # issue 14: the same largest claim set in SQLite and in PostgreSQL (benchmarks/stores.py)
    if not args.no_stores:
        import stores
        biggest = max(sizes)
        log(f"stores: SQLite and PostgreSQL, {biggest:,} claims ...")
        res["stores"] = {"claims": biggest, **stores.compare_stores(dbs[biggest], bench or docs, args.repeat, log)}

    # 1 (HTTP) + 4
    if not args.no_http:
        log("HTTP latency and throughput ...")
        server = Server(copy_db(dbs[base], work / "http.sqlite"), workers=args.workers)
        try:
            hrows, herr = asyncio.run(http_latency(server, docs, max(1, args.repeat - 1)))
            res["http"] = {"claims": base, "errors": herr}
            for g in ("fixture", "bench"):
                hs = [r["total"] for r in hrows if r["group"] == g]
                if hs:
                    res["http"][g] = summary(hs)
            ref = groups["bench"] or groups["fixture"]
            med = sorted(ref, key=lambda r: r["total"])[len(ref) // 2]
            doc = next(d for d in docs if d.name == med["page"])
            res["throughput"] = asyncio.run(http_throughput(server, doc, args.http_seconds, args.clients))
            res["throughput"]["rss_mb"] = server.rss_mb().get("VmRSS")
            res["throughput"]["workers"] = args.workers
        finally:
            server.stop()
    shutil.rmtree(work, ignore_errors=True)
    if not args.no_feeds:
        log("feed load (50 feeds, 2,000 articles, loopback) ...")
        res["feeds_load"] = feeds_load(log)
    res["quality"] = quality(log)
    res["load_after"] = load_average()
    res["targets"] = targets(res)
    out = args.json or RESULTS / (datetime.now().strftime("%Y%m%d-%H%M%S") + ".json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
    print_table(res)
    if res.get("stores", {}).get("sqlite"):
        import stores
        print()
        print("\n".join(stores.table(res["stores"], res["stores"]["claims"])))
    print(f"\nJSON: {out}")
    return 0


def feeds_load(log) -> dict | None:
    """benchmarks/feeds_load.py in a process of its own (its RSS is the refresh's alone), its JSON."""
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "feeds.json"
        proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "feeds_load.py"), "--json", str(out)],
                              capture_output=True, text=True, timeout=1800)
        if not out.exists():
            log(f"feeds_load failed: {proc.stderr.strip()[-500:]}")
            return None
        return json.loads(out.read_text(encoding="utf-8"))


def quality(log) -> dict:
    """The accuracy benchmarks beside the speed ones: article text (article_extraction.py) and NewsQuant."""
    import tempfile
    out = {}
    try:
        import article_extraction
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "ae.json"
            import contextlib
            import io
            with contextlib.redirect_stdout(io.StringIO()):
                article_extraction.main(["--json", str(path), "--repeat", "1"])
            if path.exists():
                out["article_extraction"] = json.loads(path.read_text(encoding="utf-8"))
    except Exception as exc:  # noqa: BLE001 - a quality benchmark failing must not lose the speed numbers
        log(f"article_extraction failed: {exc!r}")
    try:
        import newsquant
        r = newsquant.run()
        if r is not None:
            out["newsquant"] = r[0]
    except Exception as exc:  # noqa: BLE001
        log(f"newsquant failed: {exc!r}")
    return out


def targets(res: dict) -> list[dict]:
    t = []
    ip = res["in_process"].get("bench") or res["in_process"].get("fixture")
    if ip:
        t.append({"target": "annotate median <= 3 ms (10k claims, in process)", "value": ip["total"]["median"],
                  "met": ip["total"]["median"] <= 3})
        if "ratio_median" in ip:
            t.append({"target": "annotate <= 0.15x trafilatura.extract (medians)", "value": ip["ratio_median"],
                      "met": ip["ratio_median"] <= 0.15})
    pages = res["pages"]
    worst = max(r["total"] for r in pages)
    t.append({"target": "no page over 50 ms", "value": round(worst, 2), "met": worst <= 50})
    sc = {e["claims"]: e for e in res["scale"]}
    if len(sc) > 1:
        lo, hi = sc[min(sc)], sc[max(sc)]
        ratio = hi["annotate"]["median"] / lo["annotate"]["median"]
        t.append({"target": f"{min(sc):,} -> {max(sc):,} claims: <= 2x annotate latency", "value": round(ratio, 2),
                  "met": ratio <= 2})
        if "server" in hi:
            rss = hi["server"]["peak_mb"]
            t.append({"target": f"server RSS <= 200 MB at {max(sc):,} claims", "value": rss, "met": rss <= 200})
    rates = [e["ingest"]["pages_per_s"] for e in res["scale"]]
    if rates:
        t.append({"target": "ingest >= 200 pages/s (smallest / largest set)", "value": [rates[0], rates[-1]],
                  "met": min(rates) >= 200})
    fl = res.get("feeds_load")
    if fl:
        t.extend(fl["targets"])
        t.append({"target": "feed load: every article in, copies grouped, no error, second refresh adds nothing",
                  "value": [name for name, ok in fl["checks"].items() if not ok] or "all", "met": all(fl["checks"].values())})
    tp = res.get("throughput")
    if tp:
        t.append({"target": "HTTP >= 300 req/s, p99 <= 50 ms, 0 errors",
                  "value": [tp["req_per_s"], tp["p99"], tp["errors"]],
                  "met": tp["req_per_s"] >= 300 and tp["p99"] <= 50 and tp["errors"] == 0})
    return t


def print_table(res: dict) -> None:
    def f(x):
        return "-" if x is None else (f"{x:.2f}" if isinstance(x, float) else str(x))

    print(f"\nCrosscheck benchmark  commit {res.get('commit', '?')}  {res['machine']['cpus']} CPUs  "
          f"load before {res['load_before']} after {res['load_after']}")
    ip = res["in_process"]
    print(f"\nannotate latency, ms/page ({ip['claims']:,}-claim set + built-in)     median     p95     max")
    for g in ("fixture", "bench"):
        if g not in ip:
            continue
        x = ip[g]
        label = {"fixture": "fixture pages", "bench": "181 real pages"}[g]
        n = x["total"]["n"]
        print(f"  {label + f' (n={n})':<28}")
        print(f"    {'annotate, in process':<44}{f(x['total']['median']):>9}{f(x['total']['p95']):>8}{f(x['total']['max']):>8}")
        if "first" in x:
            fv = x["first"]
            print(f"    {'annotate, in process, first visit':<44}{f(fv['median']):>9}{f(fv['p95']):>8}{f(fv['max']):>8}")
        if "http" in res and g in res["http"]:
            h = res["http"][g]
            print(f"    {'annotate, HTTP (JSON body, loopback)':<44}{f(h['median']):>9}{f(h['p95']):>8}{f(h['max']):>8}")
        print(f"    {'selectolax parse alone (floor)':<44}{f(x['floor']['median']):>9}{f(x['floor']['p95']):>8}{f(x['floor']['max']):>8}")
        if "trafilatura" in x:
            tr = x["trafilatura"]
            print(f"    {'trafilatura.extract (peer)':<44}{f(tr['median']):>9}{f(tr['p95']):>8}{f(tr['max']):>8}")
            print(f"    ratio annotate/trafilatura: {x['ratio_median']:.3f} (medians), "
                  f"{x['ratio_per_page_median']:.3f} (median per page); annotate/floor {x['floor_ratio']}x")
        print("    steps (median ms): " + "  ".join(f"{s} {x['steps'][s]:.2f}" for s in STEPS))
        if x["over_50ms"]:
            print(f"    pages over 50 ms: {', '.join(x['over_50ms'])}")
    print("\nclaim-set scale (181 real pages)   claims   reports  measures  DB MB  annotate med/p95/max ms"
          "  compare ms  ingest p/s  RSS MB (idle/after/peak)")
    for e in res["scale"]:
        a, c, s = e["annotate"], e["counts"], e.get("server", {})
        print(f"  {e['claims']:>10,} {c['claims']:>10,} {c['reports']:>9,} {c['measures']:>9,} {e['db_mb']:>6}"
              f"  {f(a['median']):>7} {f(a['p95']):>7} {f(a['max']):>7}  {f(e['compare_median']):>10}"
              f"  {e['ingest']['pages_per_s']:>10}  {f(s.get('idle_mb'))}/{f(s.get('rss_mb'))}/{f(s.get('peak_mb'))}")
    scans = [(e["claims"], p["query"]) for e in res["scale"] for p in e["plans"] if p["full_scan"]]
    nq = max((len(e["plans"]) for e in res["scale"]), default=0)
    print(f"  query plans ({nq} distinct statements of annotate, traced): " + (
        "every one searches through an index, no full scan" if not scans else
        "FULL SCAN: " + "; ".join(f"{q} ({n:,})" for n, q in scans)))
    tp = res.get("throughput")
    if tp:
        print(f"\nHTTP throughput: page {tp['page']}, {tp['clients']} clients, {tp.get('workers', 1)} server "
              f"workers, {tp['seconds']} s: "
              f"{tp['req_per_s']} req/s, p50 {tp['p50']} ms, p99 {tp['p99']} ms, max {tp['max']} ms, "
              f"errors {tp['errors']} {tp['status']}, server RSS {tp.get('rss_mb')} MB")
    fl = res.get("feeds_load")
    if fl:
        rss = fl["rss_mb"]
        print(f"\nfeed load: {fl['feeds']} feeds, {fl['articles']:,} articles on loopback: {fl['seconds']} s, "
              f"{fl['articles_per_s']} articles/s; RSS {rss['before']} MB before, peak {rss['peak']} MB, growth "
              f"{fl['rss_growth_mb']} MB over the refresh after 500 articles")
    q = res.get("quality", {})
    if q:
        print("\nquality")
        ae = q.get("article_extraction")
        if ae:
            print(f"  article text (181 pages): F1 {ae['f1']}  precision {ae['precision']}  recall {ae['recall']}")
        nq = q.get("newsquant")
        if nq:
            print(f"  NewsQuant: value F1 {nq['value']['f1']}  value+change F1 {nq['value+change']['f1']}")
    print("\ntargets")
    for t in res["targets"]:
        print(f"  [{'met' if t['met'] else 'MISS'}] {t['target']}: {t['value']}")


if __name__ == "__main__":
    sys.exit(main())
