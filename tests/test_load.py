"""Load (issue 6, item 3): concurrent clients on loopback mixing annotate, ingest (new pages and the same url
again) and claim queries against `crosscheck serve` subprocesses for a bounded time, on both stores. Zero 5xx (the
run stays under the server's limit of pages in progress, so no 503 busy either); the claim set afterwards is
exactly what a sequential replay of the same ingests gives (nothing lost, nothing duplicated); each server's memory
(RSS) is flat from after the warm-up to the end. With `servers` > 1, that many separate server processes share
one claim set (a team's servers on one PostgreSQL database), each client talking to one of them.

`run_load` is also `make soak`'s long run (benchmarks/soak.py)."""
from __future__ import annotations

import random
import threading
import time
from collections import Counter
from pathlib import Path

from crosscheck.reading.pipeline import page_from_html
from crosscheck.service import Crosscheck
from crosscheck.claims.store import open_store
import pytest
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


def claim_set(target: str) -> dict:
    """What must match between the loaded server's store and the replay: sources with their report counts, the
    claims (by identity) with their report counts, the measures, and the counts."""
    store = open_store(target)
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


def run_load(tmp: Path, target: str, replay_target: str, duration: float, clients: int = 8, seed: int = 6,
             warmup: float = 2.0, servers: int = 1) -> dict:
    """Runs the load on the claim set at `target` (the built-in set in it), replays its ingests on
    `replay_target` (another copy of it), and returns its figures; raises AssertionError on a 5xx, a lost or
    duplicated claim, or memory growth."""
    pages = load_pages()
    urls = sorted(pages)
    processes = []
    try:
        for n in range(servers):
            processes.append(ServeProcess(target, tmp / f"load-server-{n}.log"))
    except BaseException:
        for p in processes:
            p.stop()
        raise
    statuses: Counter = Counter()
    errors: list = []
    ingested: set[str] = set()
    lock = threading.Lock()
    stop_at = time.monotonic() + warmup + duration
    samples = {}

    def client(i: int) -> None:
        rng = random.Random(seed * 1000 + i)
        server = processes[i % servers]
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
        samples["start"] = [rss_kb(p.proc.pid) for p in processes]
        for t in threads:
            t.join(timeout=warmup + duration + 120)
        samples["end"] = [rss_kb(p.proc.pid) for p in processes]
        elapsed = time.monotonic() - started
        health = processes[-1].get("/healthz")[1]
    finally:
        for p in processes:
            p.stop()
    assert not errors, errors[:5]
    served = sum(statuses.values())

    # the same ingests, one after another, on a fresh copy of the claim set
    store = open_store(replay_target)
    service = Crosscheck(store)
    for url in sorted(ingested):
        service.ingest_page(page_from_html(pages[url], url=url), key=url)
    store.close()
    got, want = claim_set(target), claim_set(replay_target)
    assert got["sources"] == want["sources"]
    assert got["claims"] == want["claims"], (set(got["claims"]) ^ set(want["claims"]))
    assert got["measures"] == want["measures"]
    assert got["counts"] == want["counts"] == {k: health[k] for k in got["counts"]}
    growth = max(end - start for start, end in zip(samples["start"], samples["end"]))
    return {"requests": served, "seconds": round(elapsed, 1), "per_second": round(served / elapsed, 1),
            "statuses": dict(statuses), "pages_ingested": len(ingested), "claims": got["counts"]["claims"],
            "servers": servers, "rss_start_kb": max(samples["start"]), "rss_end_kb": max(samples["end"]),
            "rss_growth_kb": growth}


LOAD_STATS: dict = {}
RSS_MARGIN_KB = 20 * 1024


@pytest.mark.both_stores
def test_load_mixed_clients_loses_nothing_and_memory_stays_flat(tmp_path, claim_sets, store_kind):
    result = LOAD_STATS[f"load {store_kind}"] = run_load(tmp_path, claim_sets.new("load"), claim_sets.new("replay"),
                                                         duration=10.0, clients=8)
    print(f"\n[load] {result}")
    assert result["requests"] > 100 and set(result["statuses"]) <= {200, 201}
    assert result["pages_ingested"] > 10
    assert result["rss_growth_kb"] < RSS_MARGIN_KB, result


@pytest.mark.both_stores
def test_four_server_processes_on_one_claim_set_end_as_a_sequential_replay(tmp_path, claim_sets, store_kind):
    result = LOAD_STATS[f"four servers {store_kind}"] = run_load(
        tmp_path, claim_sets.new("load"), claim_sets.new("replay"), duration=8.0, clients=8, servers=4, seed=14)
    print(f"\n[load, four servers] {result}")
    assert result["requests"] > 100 and set(result["statuses"]) <= {200, 201}
    assert result["pages_ingested"] > 10
    assert result["rss_growth_kb"] < RSS_MARGIN_KB, result
