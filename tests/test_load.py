"""Load (issue 6, item 3): concurrent clients on loopback mixing annotate, ingest (new pages and the same url
again) and claim queries against a `crosscheck serve` subprocess for a bounded time. Zero 5xx (the run stays
under the server's limit of pages in progress, so no 503 busy either); the claim set afterwards is exactly what a
sequential replay of the same ingests gives (nothing lost, nothing duplicated); the server's memory (RSS) is flat
from after the warm-up to the end.

`run_load` is also `make soak`'s long run (benchmarks/soak.py)."""
from __future__ import annotations

import random
import shutil
import threading
import time
from collections import Counter
from pathlib import Path

from crosscheck.reading.pipeline import page_from_html
from crosscheck.service import Crosscheck
from crosscheck.claims.store_sqlite import SQLiteStore
from serve_process import ServeProcess

ROOT = Path(__file__).resolve().parents[1]
PAGES_DIR = ROOT / "fixtures" / "pages"
QUERIES = ["", "q=troops", "q=people", "claimant=police", "claimant=zelensky", "limit=5&offset=3", "q=%25_",
           "limit=1000", "measure=no-such-measure"]


def load_pages() -> dict[str, str]:
    """url -> html: every url always carries the same page, so the order of ingests does not change the end."""
    fixtures = [p.read_text(encoding="utf-8") for p in sorted(PAGES_DIR.glob("*.html"))]
    pages = {}
    for i in range(30):
        if i < len(fixtures):
            pages[f"https://load.example/f{i}"] = fixtures[i]
        else:
            pages[f"https://load.example/s{i}"] = (
                f"<html><body><article><h1>Report {i}</h1><p>ZAGREB, March {i % 28 + 1} (Wire) - Police said about "
                f"{1000 + 113 * i:,} people marched on Saturday. The ministry said {20 + i} buses came from "
                f"{3 + i % 5} towns.</p><p>Organisers put the turnout at {5000 + 7 * i:,}.</p></article></body></html>")
    return pages


def rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def claim_set(db: Path) -> dict:
    """What must match between the loaded server's store and the replay: sources with their report counts, the
    claims (by identity) with their report counts, the measures, and the counts."""
    store = SQLiteStore(db)
    try:
        sources = {s.key: s.reports for s in store.sources()}
        claims = Counter()
        for claimant, measure, low, high, day, n in store._query(
                "SELECT c.claimant, c.measure, c.value_low, c.value_high, c.claim_date, count(r.id) FROM claims c "
                "JOIN reports r ON r.claim_id = c.id GROUP BY c.id"):
            claims[(claimant, measure, low, high, day)] += n
        measures = {r[0] for r in store._query("SELECT key FROM measures")}
        assert store.integrity_check() == "ok"
        return {"sources": sources, "claims": claims, "measures": measures, "counts": store.counts()}
    finally:
        store.close()


def run_load(tmp: Path, template: Path, duration: float, clients: int = 8, seed: int = 6,
             warmup: float = 2.0) -> dict:
    """Runs the load and returns its figures; raises AssertionError on a 5xx, a lost or duplicated claim, or
    memory growth."""
    db = tmp / "load.sqlite"
    shutil.copyfile(template, db)
    pages = load_pages()
    urls = sorted(pages)
    server = ServeProcess(db, tmp / "load-server.log")
    statuses: Counter = Counter()
    errors: list = []
    ingested: set[str] = set()
    lock = threading.Lock()
    stop_at = time.monotonic() + warmup + duration
    samples = {}

    def client(i: int) -> None:
        rng = random.Random(seed * 1000 + i)
        while time.monotonic() < stop_at:
            roll = rng.random()
            url = rng.choice(urls)
            if roll < 0.35:
                status, body = server.request("POST", "/v1/annotate", {"url": url, "html": pages[url]})
            elif roll < 0.6:
                status, body = server.request("POST", "/v1/sources", {"url": url, "html": pages[url]})
                if status in (200, 201):
                    with lock:
                        ingested.add(url)
            elif roll < 0.9:
                status, body = server.request("GET", "/v1/claims?" + rng.choice(QUERIES))
            elif roll < 0.95:
                status, body = server.request("GET", "/v1/sources")
            else:
                status, body = server.request("GET", "/healthz")
            with lock:
                statuses[status] += 1
                if status >= 500 or status not in (200, 201):
                    errors.append((status, str(body)[:200]))

    try:
        threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
        started = time.monotonic()
        for t in threads:
            t.start()
        time.sleep(warmup)                     # the pools, caches and SQLite pages are warm
        samples["start"] = rss_kb(server.proc.pid)
        for t in threads:
            t.join(timeout=warmup + duration + 120)
        samples["end"] = rss_kb(server.proc.pid)
        elapsed = time.monotonic() - started
        health = server.get("/healthz")[1]
    finally:
        server.stop()
    assert not errors, errors[:5]
    served = sum(statuses.values())

    # the same ingests, one after another, on a fresh copy of the claim set
    replay_db = tmp / "replay.sqlite"
    shutil.copyfile(template, replay_db)
    store = SQLiteStore(replay_db)
    service = Crosscheck(store)
    for url in sorted(ingested):
        service.ingest_page(page_from_html(pages[url], url=url), key=url)
    store.close()
    got, want = claim_set(db), claim_set(replay_db)
    assert got["sources"] == want["sources"]
    assert got["claims"] == want["claims"], (set(got["claims"]) ^ set(want["claims"]))
    assert got["measures"] == want["measures"]
    assert got["counts"] == want["counts"] == {k: health[k] for k in got["counts"]}
    growth = samples["end"] - samples["start"]
    return {"requests": served, "seconds": round(elapsed, 1), "per_second": round(served / elapsed, 1),
            "statuses": dict(statuses), "pages_ingested": len(ingested), "claims": got["counts"]["claims"],
            "rss_start_kb": samples["start"], "rss_end_kb": samples["end"], "rss_growth_kb": growth}


LOAD_STATS: dict = {}
RSS_MARGIN_KB = 20 * 1024


def test_load_mixed_clients_loses_nothing_and_memory_stays_flat(tmp_path, builtin_db_template):
    result = LOAD_STATS["load"] = run_load(tmp_path, builtin_db_template, duration=10.0, clients=8)
    print(f"\n[load] {result}")
    assert result["requests"] > 100 and set(result["statuses"]) <= {200, 201}
    assert result["pages_ingested"] > 10
    assert result["rss_growth_kb"] < RSS_MARGIN_KB, result
