"""Faults (issue 6, item 4): a process writing the claim set is killed with SIGKILL in the middle of ingests, again
and again, on both stores; on restart the store opens, its integrity check is ok (SQLite's own and foreign keys,
or PostgreSQL's indexes; and the claim set's invariants), and every page is either fully in or fully
out (each source has exactly the reports a clean ingest of its page gives). A read-only or full disk gives a clear
error (API: 503 store_read_only / 507 store_full; CLI: exit 2 with a message) and no corruption.

`kill_cycles` and `serve_kill_cycles` are also run by `make soak` (benchmarks/soak.py), hundreds of times."""
from __future__ import annotations

import json
import os
import pickle
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import pytest_asyncio

from crosscheck.serving.api import create_app
from crosscheck.reading.pipeline import extract, page_from_html
from crosscheck.service import Crosscheck
from crosscheck.claims.store import open_store
from serve_process import ServeProcess

ROOT = Path(__file__).resolve().parents[1]
PAGES_DIR = ROOT / "fixtures" / "pages"


def fault_pages() -> list[tuple[str, str]]:
    """(url, html): the fixture pages and two long synthetic ones (long transactions: a kill lands inside)."""
    pages = [(f"https://faults.example/{p.stem}", p.read_text(encoding="utf-8")) for p in sorted(PAGES_DIR.glob("*.html"))]
    for k in range(2):
        paras = "".join(f"<p>Officials in district {i} said {1000 + 37 * i + k:,} voters cast ballots on Sunday, "
                        f"up from {200 + i} last year.</p>" for i in range(400))
        pages.append((f"https://faults.example/long-{k}", f"<html><body><article><h1>Turnout</h1>{paras}</article>"
                                                         "</body></html>"))
    return pages


def expected_reports(pages) -> dict[str, int]:
    """What a clean ingest of each page gives: one report per figure."""
    return {url: len(extract(page_from_html(html, url=url))) for url, html in pages}


def check_store(target: str, expected: dict[str, int]) -> dict:
    """The store opens, is intact and consistent (integrity_check: the database's own check, foreign keys, no
    claim without reports or measure without claims), and every page in it is whole. Returns its counts."""
    store = open_store(target)
    try:
        assert store.integrity_check() == "ok"
        for s in store.sources():
            if s.key in expected:
                assert s.reports == expected[s.key], (s.key, s.reports, expected[s.key])
        counts = store.counts()
        assert counts["reports"] == sum(s.reports for s in store.sources())
        return counts
    finally:
        store.close()


INGEST_LOOP = r"""
import pickle, random, sys
from crosscheck.claims.store import open_store
db, pages_file, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(pages_file, "rb") as f:
    parsed = pickle.load(f)          # [(url, page, figures)], read once by the test
store = open_store(db)
rng = random.Random(seed)
n = 0
while True:
    url, page, figures = rng.choice(parsed)
    if rng.random() < 0.1:
        row = store.source_by_key(url)
        if row:
            store.delete_source(row.id)
    else:
        store.ingest(page, figures, key=url)
    n += 1
    if n == 1:
        print("ready", flush=True)
"""


def kill_cycles(tmp: Path, kills: int, seed: int = 6, pages=None, expected=None, target: str | None = None) -> dict:
    """A subprocess ingesting (and replacing, and deleting) pages in a loop into the claim set at `target` (an
    empty one: by default a new SQLite file in tmp), SIGKILLed `kills` times at random moments; the store is
    checked after each kill. Returns figures for the report."""
    pages = pages or fault_pages()
    expected = expected or expected_reports(pages)
    pages_file = tmp / "fault-pages.pickle"
    parsed = []
    for url, html in pages:
        page = page_from_html(html, url=url)
        parsed.append((url, page, extract(page)))
    pages_file.write_bytes(pickle.dumps(parsed))
    db = target or str(tmp / "killed.sqlite")
    rng = random.Random(seed)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    survived = 0
    for k in range(kills):
        proc = subprocess.Popen([sys.executable, "-c", INGEST_LOOP, str(db), str(pages_file), str(seed * 1000 + k)],
                                cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            line = proc.stdout.readline()
            assert line.strip() == "ready", proc.stderr.read() if proc.poll() is not None else line
            time.sleep(rng.uniform(0.0, 0.25))
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
            proc.stdout.close()
            proc.stderr.close()
        assert proc.returncode == -signal.SIGKILL
        counts = check_store(db, expected)
        survived += 1
    return {"kills": survived, "final": counts, "pages": len(pages)}


def serve_kill_cycles(tmp: Path, kills: int, target: str, seed: int = 7, clients: int = 4, pages=None,
                      expected=None, workers: int = 1) -> dict:
    """`crosscheck serve` on the claim set at `target`, taking ingests from concurrent clients, SIGKILLed `kills`
    times; restarted on the same store each time, which is checked while it is down. With `workers`, the whole
    process group (the server and every worker writing) is SIGKILLed at once."""
    pages = pages or fault_pages()
    expected = expected or expected_reports(pages)
    db = target
    rng = random.Random(seed)
    survived = accepted = 0
    for k in range(kills):
        # (its own process group: the server and every worker are SIGKILLed at once)
        server = ServeProcess(db, args=("--workers", workers), new_session=True)
        base = server.base
        try:
            stop = threading.Event()
            done = []

            def client(i):
                r = random.Random(seed * 100 + k * 10 + i)
                while not stop.is_set():
                    url, html = r.choice(pages)
                    req = urllib.request.Request(base + "/v1/sources", method="POST",
                                                 data=json.dumps({"url": url, "html": html}).encode(),
                                                 headers={"Content-Type": "application/json"})
                    try:
                        with urllib.request.urlopen(req, timeout=30) as resp:
                            done.append(resp.status)
                    except (OSError, urllib.error.HTTPError):
                        return
            threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
            for t in threads:
                t.start()
            # kill it mid-ingest: after the first ingest is answered (a loaded machine may take a second to read the
            # first page: a fixed wait made the count of answered ingests 0 now and then), then at a random moment
            deadline = time.monotonic() + 30
            while not done and time.monotonic() < deadline and any(t.is_alive() for t in threads):
                time.sleep(0.05)
            time.sleep(rng.uniform(0.0, 0.9))
        finally:
            os.killpg(server.proc.pid, signal.SIGKILL)
            server.proc.wait(timeout=30)
            stop.set()
        for t in threads:
            t.join(timeout=30)
        accepted += len(done)
        check_store(db, expected)
        survived += 1
    return {"kills": survived, "ingests_answered": accepted}


# ------------------------------------------------------------------------------------------ SIGKILL

FAULT_STATS: dict = {}


@pytest.mark.both_stores
def test_killed_in_the_middle_of_ingests_many_times(tmp_path, claim_sets, store_kind):
    FAULT_STATS[f"ingest loop {store_kind}"] = result = kill_cycles(
        tmp_path, kills=15, target=claim_sets.new("killed", builtin=False))
    assert result["kills"] == 15 and result["final"]["sources"] > 0


@pytest.mark.both_stores
@pytest.mark.skipif(not hasattr(os, "fork"), reason="worker processes need fork()")
def test_server_with_two_workers_killed_in_the_middle_of_ingests(tmp_path, claim_sets):
    result = serve_kill_cycles(tmp_path, kills=3, target=claim_sets.new("served"), workers=2, seed=8)
    assert result["kills"] == 3 and result["ingests_answered"] > 0


@pytest.mark.both_stores
def test_server_killed_in_the_middle_of_ingests(tmp_path, claim_sets, store_kind):
    FAULT_STATS[f"serve {store_kind}"] = result = serve_kill_cycles(tmp_path, kills=3, target=claim_sets.new("served"))
    assert result["kills"] == 3 and result["ingests_answered"] > 0


# ------------------------------------------------------------------------------------------ read-only and full disk

BIG = "<html><body><article><h1>Tally</h1>" + "".join(
    f"<p>Officials in ward {i} said {5000 + i:,} ballots were counted on Sunday.</p>" for i in range(300)) + \
    "</article></body></html>"


@pytest_asyncio.fixture
async def client(aiohttp_client, service):
    return await aiohttp_client(create_app(service))


def _snapshot(store) -> tuple:
    return (store.counts(), store._query("SELECT id, claimant, measure, value_low, value_high, claim_date FROM claims "
                                         "ORDER BY id"))


@pytest.mark.asyncio
async def test_full_disk_is_507_and_nothing_is_lost(client, service):
    store = service.store
    before = _snapshot(store)
    pages = store._query("PRAGMA page_count")[0][0]
    store._db.execute(f"PRAGMA max_page_count = {pages}")          # no room for one more page
    try:
        resp = await client.post("/v1/sources", json={"url": "https://faults.example/big", "html": BIG})
        assert resp.status == 507, await resp.text()
        err = await resp.json()
        assert err["error"] == "store_full" and "full" in err["detail"] and "nothing was written" in err["detail"]
        assert (await client.get("/v1/claims?limit=5")).status == 200          # reads go on
        assert (await client.post("/v1/annotate", json={"html": BIG})).status == 200
        assert _snapshot(store) == before and store.integrity_check() == "ok"
    finally:
        store._db.execute("PRAGMA max_page_count = 1073741823")
    resp = await client.post("/v1/sources", json={"url": "https://faults.example/big", "html": BIG})
    assert resp.status == 201
    assert (await resp.json())["reports"] == len(extract(page_from_html(BIG))) >= 300
    assert store.integrity_check() == "ok"


@pytest.mark.asyncio
async def test_read_only_store_is_503_and_nothing_changes(client, service):
    store = service.store
    before = _snapshot(store)
    store._db.execute("PRAGMA query_only = 1")
    try:
        resp = await client.post("/v1/sources", json={"url": "https://faults.example/ro", "html": BIG})
        assert resp.status == 503
        err = await resp.json()
        assert err["error"] == "store_read_only" and "read-only" in err["detail"]
        first = store.sources()[0].id
        resp = await client.delete(f"/v1/sources/{first}")
        assert resp.status == 503 and (await resp.json())["error"] == "store_read_only"
        assert (await client.get("/healthz")).status == 200
        assert _snapshot(store) == before and store.integrity_check() == "ok"
    finally:
        store._db.execute("PRAGMA query_only = 0")


@pytest.mark.asyncio
async def test_read_only_postgres_database_is_503_and_nothing_changes(aiohttp_client, postgres_server,
                                                                      builtin_pg_template):
    """A team's database made read-only (a standby, or a read-only role's default): writes are 503, reads go on."""
    url = postgres_server.create_database("read_only", builtin_pg_template)
    store = open_store(url)
    try:
        before = _snapshot(store)
        postgres_server.admin('ALTER DATABASE "read_only" SET default_transaction_read_only = on')
        store._pool.drain()                   # the pool's connections from now on are read-only
        client = await aiohttp_client(create_app(Crosscheck(store)))
        resp = await client.post("/v1/sources", json={"url": "https://faults.example/ro", "html": BIG})
        assert resp.status == 503 and (await resp.json())["error"] == "store_read_only"
        resp = await client.delete(f"/v1/sources/{store.sources()[0].id}")
        assert resp.status == 503 and (await resp.json())["error"] == "store_read_only"
        assert (await client.get("/v1/claims?limit=5")).status == 200
        assert _snapshot(store) == before and store.integrity_check() == "ok"
    finally:
        store.close()
        postgres_server.drop_database("read_only")


def _cli(args, **kw):
    env = {**os.environ}
    env.pop("CROSSCHECK_DB", None)
    return subprocess.run([sys.executable, "-m", "crosscheck", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120, **kw)


def _counts(db: Path) -> tuple:
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                     for t in ("sources", "reports", "claims", "measures"))
    finally:
        con.close()


def test_cli_on_a_read_only_store_exits_2(tmp_path, builtin_db_template):
    db = tmp_path / "claims.sqlite"
    shutil.copyfile(builtin_db_template, db)
    page = tmp_path / "big.html"
    page.write_text(BIG, encoding="utf-8")
    before = _counts(db)
    proc = _cli(["ingest", str(page), "--url", "https://faults.example/ro", "--db", f"file:{db}?mode=ro"])
    assert proc.returncode == 2, proc.stderr
    assert "readonly" in proc.stderr.replace("-", "").replace(" ", "").lower() and "Traceback" not in proc.stderr
    assert _counts(db) == before
    # reading works from the read-only store
    proc = _cli(["claims", "--format", "json", "--db", f"file:{db}?mode=ro"])
    assert proc.returncode == 0 and json.loads(proc.stdout)["claims"]


def test_cli_on_a_full_disk_exits_2(tmp_path, builtin_db_template):
    """A full disk: the process may not grow any file past 64 KiB (RLIMIT_FSIZE, which binds root too), so the
    write-ahead log cannot take the page's transaction."""
    db = tmp_path / "claims.sqlite"
    shutil.copyfile(builtin_db_template, db)
    page = tmp_path / "big.html"
    page.write_text(BIG, encoding="utf-8")
    before = _counts(db)

    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))
    proc = _cli(["ingest", str(page), "--url", "https://faults.example/full", "--db", str(db)], preexec_fn=limit)
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-2000:])
    assert "crosscheck: cannot write the claim set" in proc.stderr and "Traceback" not in proc.stderr
    assert "full" in proc.stderr or "I/O" in proc.stderr, proc.stderr
    assert _counts(db) == before
    # with room again, the same ingest goes through
    proc = _cli(["ingest", str(page), "--url", "https://faults.example/full", "--db", str(db)])
    assert proc.returncode == 0, proc.stderr
    assert _counts(db)[0] == before[0] + 1
