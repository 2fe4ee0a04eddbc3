"""Retention (issue 13): `crosscheck forget --before DATE`, `crosscheck unfollow URL --forget`, and the claim set's
size in /healthz. The real command line (subprocess), a real loopback feed, the real app and the real SQLite file:
what is left after forgetting is the claim set the kept pages alone would have made."""
import json
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from feed_server import FeedServer
from crosscheck.claims.store_sqlite import SQLiteStore
from crosscheck.serving.api import create_app
from crosscheck.service import Crosscheck
from cli_run import run_cli

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "fixtures" / "pages"
ORBIS_URL = "https://www.orbisnews.net/world/asia-pacific/pakistan-floods-kill-at-least-58-in-sindh-2025-08-27/"
COPY_URL = "https://www.thesindhobserver.com/national/2025/08/27/rains-leave-58-dead-across-sindh/"


def run(*args, check=True):
    return run_cli(*args, columns=250, check=check)


def claim_set(db: Path) -> tuple[set, set, int]:
    """(claims as (measure, claimant, low, high, day), measure keys, reports), and no claim without a report nor
    a measure without a claim."""
    con = sqlite3.connect(db)
    try:
        claims = set(con.execute("SELECT measure, claimant, value_low, value_high, claim_date FROM claims"))
        measures = {r[0] for r in con.execute("SELECT key FROM measures")}
        reports = con.execute("SELECT count(*) FROM reports").fetchone()[0]
        assert con.execute("SELECT count(*) FROM claims c WHERE NOT EXISTS "
                           "(SELECT 1 FROM reports r WHERE r.claim_id = c.id)").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM measures m WHERE NOT EXISTS "
                           "(SELECT 1 FROM claims c WHERE c.measure = m.key)").fetchone()[0] == 0
    finally:
        con.close()
    return claims, measures, reports


def keys(db: Path) -> set:
    con = sqlite3.connect(db)
    try:
        return {r[0] for r in con.execute("SELECT key FROM sources")}
    finally:
        con.close()


def manifest(tmp_path: Path, name: str, sources: list[dict]) -> Path:
    """A manifest of some fixture sources (paths made absolute)."""
    for s in sources:
        s["path"] = str(ROOT / "fixtures" / s["path"])
    path = tmp_path / name
    path.write_text(json.dumps({"sources": sources}), encoding="utf-8")
    return path


def fixture_sources() -> list[dict]:
    return [s for f in ("sources.json", "more.sources.json")
            for s in json.loads((ROOT / "fixtures" / f).read_text(encoding="utf-8"))["sources"]]


def test_forget_before_a_day_leaves_the_claim_set_of_the_pages_kept(tmp_path):
    """The seed pages (2024) and six more (2025): forgetting what was published before 1 July 2025 removes the
    seeds and the two June pages, in one go, and leaves exactly the claim set that ingesting the other four makes."""
    every = fixture_sources()
    kept = [s for s in every if s["published"] >= "2025-07-01"]
    gone = [s for s in every if s["published"] < "2025-07-01"]
    assert len(kept) == 4 and len(gone) == 7
    db, fresh = tmp_path / "claims.sqlite", tmp_path / "fresh.sqlite"
    run("ingest", "--manifest", manifest(tmp_path, "all.json", every), "--db", db, "--no-builtin")
    run("ingest", "--manifest", manifest(tmp_path, "kept.json", kept), "--db", fresh, "--no-builtin")
    claims_before, _, reports_before = claim_set(db)

    out = json.loads(run("forget", "--before", "2025-07-01", "--json", "--db", db, "--no-builtin").stdout)
    assert out["before"] == "2025-07-01"
    assert sorted(s["key"] for s in out["sources"]) == sorted(s["url"] for s in gone)
    assert keys(db) == {s["url"] for s in kept}
    claims, measures, reports = claim_set(db)
    assert (claims, measures, reports) == claim_set(fresh)
    assert out["reports"] == reports_before - reports and out["claims"] == len(claims_before) - len(claims) > 0
    assert out["reports"] == sum(s["reports"] for s in out["sources"])

    again = run("forget", "--before", "2025-07-01", "--db", db, "--no-builtin").stdout
    assert again.startswith("forgot 0 sources, 0 reports, 0 claims and 0 measures from before 2025-07-01")
    assert claim_set(db) == (claims, measures, reports)


def test_forget_prints_what_it_removed_and_keeps_claims_other_sources_carry(tmp_path):
    """The Orbis story (27 Aug) and a copy of it run the day after (its 'on Tuesday' is the same day, so it carries
    most of the same claims): forgetting what is older than 28 August removes Orbis's page and the claims only it
    carried, keeps every claim the copy carries, and the copy becomes the story."""
    db = tmp_path / "claims.sqlite"
    run("ingest", PAGES / "more-flood-orbis.html", "--url", ORBIS_URL, "--outlet", "Orbis", "--published",
        "2025-08-27", "--db", db, "--no-builtin")
    run("ingest", ROOT / "fixtures" / "copies" / "flood-observer.html", "--url", COPY_URL, "--outlet",
        "The Sindh Observer", "--published", "2025-08-28", "--db", db, "--no-builtin")
    con = sqlite3.connect(db)
    by_copy, by_orbis = ({r[1:] for r in con.execute(
        "SELECT DISTINCT s.key, c.measure, c.claimant, c.value_low, c.value_high, c.claim_date FROM claims c "
        "JOIN reports r ON r.claim_id = c.id JOIN sources s ON s.id = r.source_id") if r[0] == key}
        for key in (COPY_URL, ORBIS_URL))
    con.close()
    claims = claim_set(db)[0]
    assert len(by_orbis & by_copy) >= 10 and by_orbis - by_copy        # most claims shared, some Orbis's alone
    out = run("forget", "--before", "2025-08-28", "--db", db, "--no-builtin").stdout.splitlines()
    assert out[0].startswith(f"forgot 1 source, 19 reports, {len(claims) - len(by_copy)} claims and ")
    assert "from before 2025-08-28; claim set: 1 source" in out[0]
    assert out[1].strip() == f"{ORBIS_URL} (Orbis, 2025-08-27)"
    assert keys(db) == {COPY_URL} and claim_set(db)[0] == by_copy
    con = sqlite3.connect(db)
    assert con.execute("SELECT copy_of FROM sources").fetchall() == [(None,)]
    con.close()


def test_a_page_without_a_publication_day_is_forgotten_by_the_day_it_was_ingested(tmp_path):
    db = tmp_path / "claims.sqlite"
    page = tmp_path / "note.txt"
    page.write_text("Police said about 15,000 people marched in the city on Saturday.\n", encoding="utf-8")
    run("ingest", page, "--url", "https://example.org/march", "--db", db, "--no-builtin")
    today = datetime.now(timezone.utc).date()
    kept = json.loads(run("forget", "--before", today.isoformat(), "--json", "--db", db, "--no-builtin").stdout)
    assert kept["sources"] == [] and keys(db) == {"https://example.org/march"}
    tomorrow = (today + timedelta(days=1)).isoformat()
    gone = json.loads(run("forget", "--before", tomorrow, "--json", "--db", db, "--no-builtin").stdout)
    assert [(s["key"], s["published"]) for s in gone["sources"]] == [("https://example.org/march", None)]
    assert gone["claims"] == 1 and claim_set(db) == (set(), set(), 0)


def test_forget_says_how_it_is_used(tmp_path):
    helped = run("forget", "--help").stdout
    assert "--before" in helped and "--db" in helped and "--json" in helped and "one transaction" in helped
    db = tmp_path / "claims.sqlite"
    run("ingest", PAGES / "ajp.html", "--url", "https://example.org/ajp", "--published", "2024-11-05",
        "--db", db, "--no-builtin")
    bad = run("forget", "--before", "last week", "--db", db, "--no-builtin", check=False)
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr
    missing = run("forget", "--db", db, "--no-builtin", check=False)
    assert missing.returncode == 2 and "--before" in missing.stderr
    assert keys(db) == {"https://example.org/ajp"}


def test_unfollow_forget_removes_the_feeds_articles_and_only_them(tmp_path):
    """A feed's three articles and a page ingested by hand: `unfollow --forget` removes the feed and its
    articles, and what is left is the claim set of the page ingested by hand alone."""
    db, fresh = tmp_path / "claims.sqlite", tmp_path / "fresh.sqlite"
    for path in (db, fresh):
        run("ingest", PAGES / "ajp.html", "--url", "https://example.org/ajp", "--published", "2024-11-05",
            "--db", path, "--no-builtin")
    with FeedServer() as fs:
        url = fs.url("/feeds/wire.xml")
        run("follow", url, "--db", db, "--no-builtin")
        summary = json.loads(run("refresh", "--db", db, "--no-builtin", "--delay", "0", "--json").stdout)
        assert (summary["new_articles"], summary["syndicated"]) == (2, 1)
        helped = run("unfollow", "--help").stdout
        assert "--forget" in helped and "--json" in helped
        out = json.loads(run("unfollow", url, "--forget", "--json", "--db", db, "--no-builtin").stdout)
    assert out["unfollowed"] == url and len(out["sources"]) == 3 and out["reports"] > 30
    assert json.loads(run("feeds", "--json", "--db", db, "--no-builtin").stdout) == {"feeds": []}
    assert keys(db) == {"https://example.org/ajp"} and claim_set(db) == claim_set(fresh)
    again = run("unfollow", url, "--forget", "--db", db, "--no-builtin", check=False)
    assert again.returncode == 1 and "not following" in again.stderr


def test_unfollow_forget_says_what_it_removed(tmp_path):
    db = tmp_path / "claims.sqlite"
    with FeedServer() as fs:
        url = fs.url("/feeds/wire.xml")
        run("follow", url, "--db", db, "--no-builtin")
        run("refresh", "--db", db, "--no-builtin", "--delay", "0")
        lines = run("unfollow", url, "--forget", "--db", db, "--no-builtin").stdout.splitlines()
        assert lines[0].startswith(f"unfollowed {url} and forgot 3 sources, ")
        assert sorted(line.strip().split(" (")[0] for line in lines[1:]) == sorted(
            fs.url(p) for p in ("/pages/more-flood-orbis.html", "/copies/flood-observer.html",
                                "/pages/more-flood-indus.html"))
    assert keys(db) == set()


@pytest.mark.asyncio
async def test_healthz_gives_the_claim_sets_size_on_disk(aiohttp_client, tmp_path):
    path = tmp_path / "claims.sqlite"
    store = SQLiteStore(path)
    client = await aiohttp_client(create_app(Crosscheck(store)))

    def on_disk() -> int:
        return sum(p.stat().st_size for p in (path, Path(str(path) + "-wal")) if p.exists())

    first = await (await client.get("/healthz")).json()
    assert first["db_bytes"] == on_disk() > 0
    resp = await client.post("/v1/sources", json={"url": "https://example.org/ajp", "published": "2024-11-05",
                                                  "html": (PAGES / "ajp.html").read_text(encoding="utf-8")})
    assert resp.status == 201
    second = await (await client.get("/healthz")).json()
    assert second["db_bytes"] == on_disk() > first["db_bytes"] and second["sources"] == 1
    store.close()


@pytest.mark.asyncio
async def test_delete_v1_feeds_with_forget_removes_its_articles(aiohttp_client, tmp_path):
    """DELETE /v1/feeds?url=&forget=1 does what `unfollow --forget` does; without forget the articles stay."""
    from crosscheck.reading.pipeline import extract, read_page
    store = SQLiteStore(tmp_path / "claims.sqlite")
    kept, gone = store.add_feed("http://127.0.0.1:9/kept.xml")[0], store.add_feed("http://127.0.0.1:9/gone.xml")[0]
    for feed, name in ((kept, "more-strike-atlas.html"), (gone, "more-flood-orbis.html")):
        page = read_page(PAGES / name, url=f"https://example.org/{name}")
        store.ingest(page, extract(page), feed_id=feed.id)
    before = store.counts()
    client = await aiohttp_client(create_app(Crosscheck(store)))
    resp = await client.delete("/v1/feeds", params={"url": gone.url, "forget": "maybe"})
    assert resp.status == 400 and store.counts() == before
    resp = await client.delete("/v1/feeds", params={"url": gone.url, "forget": "1"})
    assert resp.status == 204
    assert [s.key for s in store.sources()] == ["https://example.org/more-strike-atlas.html"]
    assert [f.url for f in store.feeds()] == [kept.url] and store.counts()["claims"] < before["claims"]
    resp = await client.delete("/v1/feeds", params={"url": gone.url, "forget": "1"})
    assert resp.status == 404
    resp = await client.delete("/v1/feeds", params={"url": kept.url})
    assert resp.status == 204 and store.counts()["sources"] == 1 and store.feeds() == []
    store.close()
