"""Feeds (issue 13): following feeds and sites, the polite fetcher, refreshes that ingest new articles through the
ingest path, and every kind of trouble a feed can be in. A real feed server on loopback (tests/feed_server.py), the
real SQLite file, the real command line (subprocess) and the real app. No network but loopback."""
import asyncio
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from aiohttp.abc import AbstractResolver

from feed_server import ETAG, FeedServer
from crosscheck.claims.store import SCHEMA_VERSION, ClaimStore, FeedFetch
from crosscheck.claims.store_sqlite import SQLiteStore
from crosscheck.feeds.fetch import FetchError, Fetcher, Limits, allowance, is_public
from crosscheck.feeds.follow import FollowError, follow, follow_opml
from crosscheck.feeds.parse import NotOpml, feed_links, parse_opml
from crosscheck.feeds.refresh import backoff, refresh
from cli_run import run_cli

pytestmark = pytest.mark.both_stores      # the tests on `store`, `service` or `client` run on SQLite and PostgreSQL

ROOT = Path(__file__).resolve().parents[1]
FAST = Limits(delay=0, timeout=2, max_bytes=1024 * 1024)


def run(*args, check=True):
    return run_cli(*args, columns=80, check=check)


def claim_set(where) -> tuple[set, set, int]:
    """(claims as (measure, claimant, low, high, day), measure keys, reports): what two claim sets must share.
    `where`: an open store, or a SQLite file's path."""
    store = where if isinstance(where, ClaimStore) else SQLiteStore(where)
    try:
        claims = set(store._query("SELECT measure, claimant, value_low, value_high, claim_date FROM claims"))
        measures = {r[0] for r in store._query("SELECT key FROM measures")}
        return claims, measures, store.counts()["reports"]
    finally:
        if store is not where:
            store.close()


@pytest.fixture(scope="module")
def feeds_server():
    with FeedServer(slow=5) as fs:
        yield fs


# ------------------------------------------------------------------------------------------ done when

def test_follow_and_refresh_give_the_claim_set_of_ingest_by_manifest(feeds_server, tmp_path):
    """`follow` a loopback feed of the five seed pages, `refresh`: the same measures and claims as `ingest
    --manifest` of the same pages; a second refresh adds nothing (the feed answers 304)."""
    fed, ingested = tmp_path / "fed.sqlite", tmp_path / "ingested.sqlite"
    out = run("follow", feeds_server.url("/feeds/seeds.xml"), "--db", fed, "--no-builtin").stdout
    assert out.startswith("following " + feeds_server.url("/feeds/seeds.xml") + " (Seeds)")
    first = json.loads(run("refresh", "--db", fed, "--no-builtin", "--delay", "0", "--json").stdout)
    assert first["feeds"] == 1 and first["new_articles"] == 5 and first["errors"] == []
    run("ingest", "--manifest", "fixtures/sources.json", "--db", ingested, "--no-builtin")
    claims, measures, reports = claim_set(fed)
    assert claims and (claims, measures, reports) == claim_set(ingested)
    assert first["claims"] == len(claims) and first["figures"] == reports

    hits = feeds_server.hits["/pages/ajp.html"]
    again = json.loads(run("refresh", "--db", fed, "--no-builtin", "--delay", "0", "--json").stdout)
    assert again == {"feeds": 1, "not_modified": 1, "new_articles": 0, "syndicated": 0, "copies": 0, "figures": 0,
                     "claims": 0, "errors": []}
    assert feeds_server.headers["/feeds/seeds.xml"].get("If-None-Match") == ETAG
    assert feeds_server.hits["/pages/ajp.html"] == hits           # nothing fetched again
    assert claim_set(fed) == (claims, measures, reports)

    listed = json.loads(run("feeds", "--db", fed, "--no-builtin", "--json").stdout)["feeds"]
    assert [(f["url"], f["title"], f["articles"], f["reports"], f["last_error"], f["entries"]) for f in listed] == \
        [(feeds_server.url("/feeds/seeds.xml"), "Seeds", 5, reports, None, 5)]
    con = sqlite3.connect(fed)
    assert con.execute("SELECT count(*) FROM sources WHERE feed_id = ?", (listed[0]["id"],)).fetchone()[0] == 5
    con.close()


def test_a_refresh_killed_midway_leaves_no_partial_article(feeds_server, tmp_path):
    """SIGKILL a refresh once it has stored an article: every stored article is whole (one transaction each), the
    feed is held, not lost, and `refresh --all` then completes the claim set that ingest --manifest gives."""
    db, ingested = tmp_path / "fed.sqlite", tmp_path / "ingested.sqlite"
    run("follow", feeds_server.url("/feeds/slow-seeds.xml"), "--db", db, "--no-builtin")
    env = {**os.environ}
    env.pop("CROSSCHECK_DB", None)
    proc = subprocess.Popen([sys.executable, "-m", "crosscheck", "refresh", "--db", db, "--no-builtin", "--delay",
                             "0"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(1200):                       # bounded; no timing asserted
            con = sqlite3.connect(db, timeout=10)
            stored = con.execute("SELECT count(*) FROM sources").fetchone()[0]
            con.close()
            if stored or proc.poll() is not None:
                break
            time.sleep(0.05)
        proc.kill()
    finally:
        proc.wait(30)
    store = SQLiteStore(db)
    assert store.integrity_check() == "ok"
    run("ingest", "--manifest", "fixtures/sources.json", "--db", ingested, "--no-builtin")
    con = sqlite3.connect(ingested)               # each page's figures, by its outlet (one page each)
    whole = dict(con.execute("SELECT s.outlet, count(r.id) FROM sources s JOIN reports r ON r.source_id = s.id "
                             "GROUP BY s.id"))
    con.close()
    for s in store.sources():                       # each stored article has all its figures, or is not there
        assert s.reports == whole[s.outlet], s.key
    assert 1 <= len(store.sources()) <= 5 and store.feeds()[0].next_try      # held, not lost
    store.close()
    done = json.loads(run("refresh", "--all", "--db", db, "--no-builtin", "--delay", "0", "--json").stdout)
    assert done["errors"] == [] and len(SQLiteStore(db).sources()) == 5
    assert claim_set(db) == claim_set(ingested)


# ------------------------------------------------------------------------------------------ every kind of trouble

TROUBLE = {
    "/feeds/huge.xml": "larger than the limit of 1,048,576 bytes",
    "/feeds/slow.xml": "no complete answer from 127.0.0.1 within 2 s",
    "/feeds/loop-a.xml": "redirect loop",
    "/feeds/missing.xml": "HTTP 404 Not Found",
    "/feeds/error.xml": "HTTP 500 Internal Server Error",
    "/plain.html": "not an RSS or Atom feed (text/html",
    "/private/feed.xml": "robots.txt of 127.0.0.1 disallows /private/feed.xml",
}


def test_every_failing_feed_ends_with_its_error_and_nothing_lost(feeds_server, store):
    before = claim_set(store)
    good = {p: store.add_feed(feeds_server.url(p))[0].id for p in
            ("/feeds/atom.xml", "/feeds/relative.xml", "/feeds/broken-encoding.xml", "/feeds/truncated.xml",
             "/feeds/broken-links.xml")}
    bad = {p: store.add_feed(feeds_server.url(p))[0].id for p in TROUBLE}
    summary = asyncio.run(refresh(store, limits=FAST))
    assert summary.feeds == len(good) + len(bad)
    feeds = {f.url: f for f in store.feeds()}
    for path, words in TROUBLE.items():
        f = feeds[feeds_server.url(path)]
        assert words in (f.last_error or ""), (path, f.last_error)
        assert f.failures == 1 and f.next_try and f.articles == 0 and f.last_ok is None, path
        assert {"url": f.url, "error": f.last_error} in summary.errors
    # the others went on: Atom (relative links under xml:base), duplicate and relative links as one article,
    # a broken encoding and a truncated feed read with their trouble said
    got = {p: feeds[feeds_server.url(p)] for p in good}
    assert [got[p].articles for p in good] == [2, 1, 1, 1, 1]
    assert all(f.failures == 0 and f.last_ok for f in got.values())
    assert got["/feeds/atom.xml"].title == "Flood desk" and got["/feeds/atom.xml"].last_error is None
    assert got["/feeds/relative.xml"].entries == 1 and got["/feeds/relative.xml"].last_error is None
    assert got["/feeds/broken-encoding.xml"].title == "Grève à Paris"
    assert "declared as utf-8" in got["/feeds/broken-encoding.xml"].last_error
    assert "malformed" in got["/feeds/truncated.xml"].last_error
    assert "no-such-page.html: HTTP 404" in got["/feeds/broken-links.xml"].last_error
    assert summary.new_articles == 6 and summary.figures > 0 and summary.claims > 0
    # nothing lost: every claim of before is still there, and the new articles' sources link to their feeds
    claims, measures, _ = claim_set(store)
    assert before[0] <= claims and before[1] <= measures
    assert store.source_by_key(feeds_server.url("/pages/more-flood-indus.html")) is not None
    assert store.integrity_check() == "ok"

    # failing feeds wait out their backoff: the next refresh leaves them; --all fetches them anyway
    again = asyncio.run(refresh(store, limits=FAST))
    assert again.feeds == len(good) and again.new_articles == 0
    assert [e["url"] for e in again.errors] == [feeds_server.url("/pages/no-such-page.html")]     # retried
    forced = asyncio.run(refresh(store, limits=FAST, every=True))
    assert forced.feeds == len(good) + len(bad)
    assert {f.url: f.failures for f in store.feeds()}[feeds_server.url("/feeds/error.xml")] == 2


def test_a_page_the_claim_set_holds_under_another_address_is_not_added_again(feeds_server, store):
    """The built-in seeds are these pages under their outlets' addresses: the feed's copies are not added."""
    before = claim_set(store)
    store.add_feed(feeds_server.url("/feeds/seeds.xml"))
    summary = asyncio.run(refresh(store, limits=FAST))
    assert (summary.new_articles, summary.copies, summary.errors) == (0, 5, [])
    assert claim_set(store) == before


def test_backoff_doubles_up_to_a_day():
    assert [backoff(n).total_seconds() / 60 for n in (1, 2, 3)] == [5, 10, 20]
    assert backoff(30).days == 1


def test_a_feed_held_by_one_refresh_is_left_by_another(store):
    store.add_feed("http://127.0.0.1:9/feed.xml")
    assert len(store.claim_due_feeds("2026-01-01T00:00:00+00:00", "2026-01-01T00:20:00+00:00")) == 1
    assert store.claim_due_feeds("2026-01-01T00:10:00+00:00", "2026-01-01T00:30:00+00:00") == []
    assert len(store.claim_due_feeds("2026-01-01T00:21:00+00:00", "2026-01-01T00:41:00+00:00")) == 1
    f = store.feeds()[0]
    store.record_fetch(f.id, "2026-01-01T00:22:00+00:00", FeedFetch(error="boom", next_try="2026-01-01T00:27:00"))
    assert (store.feeds()[0].last_error, store.feeds()[0].failures) == ("boom", 1)


# ------------------------------------------------------------------------------------------ addresses

class FakeResolver(AbstractResolver):
    """news.example resolves to loopback: a name the reader gave that leads into the machine."""

    async def resolve(self, host, port=0, family=0):
        import socket
        return [{"hostname": host, "host": "127.0.0.1", "port": port, "family": socket.AF_INET, "proto": 0,
                 "flags": 0}]

    async def close(self):
        pass


def test_addresses_that_are_not_public_are_reached_only_when_the_feed_was_given_as_one(feeds_server):
    assert allowance("http://127.0.0.1:8080/f.xml") == ("127.0.0.1", 8080)
    assert allowance("http://localhost:8080/f.xml") == ("localhost", 8080)
    assert allowance("http://[::1]/f.xml") == ("::1", 80)
    assert allowance("http://192.168.1.4/f.xml") == ("192.168.1.4", 80)
    assert allowance("https://news.example/f.xml") is None
    assert not any(is_public(a) for a in ("10.0.0.1", "172.16.0.1", "192.168.0.1", "169.254.169.254", "100.64.0.1",
                                          "::1", "fe80::1", "fc00::1", "0.0.0.0", "::ffff:127.0.0.1", "224.0.0.1"))
    assert is_public("93.184.216.34") and is_public("2606:2800:220:1::")

    async def go():
        async with Fetcher(FAST, resolver=FakeResolver()) as f:
            for url in ("http://10.0.0.1/feed.xml", "http://169.254.169.254/latest/meta-data/",
                        "http://localhost:1/x", "http://[::1]:1/x"):
                with pytest.raises(FetchError, match="loopback or private address"):      # refused before any
                    await f.get(url, allow=allowance("https://news.example/feed.xml"))     # connection is made
            with pytest.raises(FetchError, match="non-public addresses only"):
                await f.get(f"http://news.example:{feeds_server.port}/feeds/seeds.xml")
            # a loopback feed reaches its own host and port, not another port of the machine
            with pytest.raises(FetchError, match="loopback or private address"):
                await f.get(f"http://127.0.0.1:{feeds_server.port + 1}/x", allow=allowance(feeds_server.url("/")))
            for url in ("ftp://127.0.0.1/feed.xml", "file:///etc/passwd", "javascript:alert(1)"):
                with pytest.raises(FetchError, match="only http and https"):
                    await f.get(url, allow=allowance(url))
            ok = await f.get(feeds_server.url("/feeds/seeds.xml"), allow=allowance(feeds_server.url("/")))
            assert ok.status == 200 and ok.etag == ETAG
    asyncio.run(go())


def test_a_redirect_cannot_lead_out_of_the_allowance(feeds_server):
    """A loopback feed that redirects to another port, or to its own server by another name, is refused at that
    hop (nothing is sent there); a redirect within its host and port is followed."""
    async def go():
        async with Fetcher(FAST) as f:
            for path in ("/feeds/away.xml", "/feeds/renamed.xml"):
                url = feeds_server.url(path)
                with pytest.raises(FetchError, match="loopback or private address"):
                    await f.get(url, allow=allowance(url))
            moved = feeds_server.url("/feeds/moved.xml")
            ok = await f.get(moved, allow=allowance(moved))
            assert ok.url == feeds_server.url("/feeds/seeds.xml") and b"<rss" in ok.body
    asyncio.run(go())


# ------------------------------------------------------------------------------------------ following

def test_a_site_is_followed_through_the_feed_its_page_names(feeds_server, store):
    assert feed_links(b'<link rel="Alternate stylesheet" type="application/atom+xml; charset=utf-8" href="a.xml">'
                      b'<link rel="alternate" type="text/html" href="b.html">', "http://h/x/") == ["http://h/x/a.xml"]
    done = asyncio.run(follow(store, feeds_server.url("/site.html"), limits=FAST))
    assert done.created and done.feed.url == feeds_server.url("/feeds/seeds.xml")
    assert done.feed.title == "Seeds" and done.feed.site_url == feeds_server.url("/")
    again = asyncio.run(follow(store, feeds_server.url("/feeds/seeds.xml"), limits=FAST))
    assert not again.created and again.feed.id == done.feed.id
    with pytest.raises(FollowError, match="names no RSS or Atom feed"):
        asyncio.run(follow(store, feeds_server.url("/plain.html"), limits=FAST))
    with pytest.raises(FollowError, match="HTTP 404"):
        asyncio.run(follow(store, feeds_server.url("/feeds/missing.xml"), limits=FAST))
    with pytest.raises(FollowError, match="only http and https"):
        asyncio.run(follow(store, "ftp://example.org/feed.xml", limits=FAST))
    with pytest.raises(FollowError, match="no feed found within 0.5 s"):        # a whole follow is bounded
        asyncio.run(follow(store, feeds_server.url("/feeds/slow.xml"), limits=Limits(delay=0, timeout=30),
                           budget=0.5))
    assert [f.url for f in store.feeds()] == [feeds_server.url("/feeds/seeds.xml")]


OPML = b"""<?xml version="1.0"?><opml version="2.0"><head><title>my feeds</title></head><body>
<outline text="News"><outline type="rss" text="Seeds" xmlUrl="http://127.0.0.1:9/seeds.xml" htmlUrl="http://127.0.0.1:9/"/>
<outline type="rss" title="Atom" xmlUrl="http://127.0.0.1:9/atom.xml"/></outline>
<outline type="rss" text="Seeds again" xmlUrl="http://127.0.0.1:9/seeds.xml"/>
<outline type="rss" text="Gopher" xmlUrl="gopher://127.0.0.1/feed"/>
</body></opml>"""


def test_opml_import_follows_every_feed_once(store):
    assert [(o.url, o.title) for o in parse_opml(OPML)][:2] == [("http://127.0.0.1:9/seeds.xml", "Seeds"),
                                                                ("http://127.0.0.1:9/atom.xml", "Atom")]
    added, problems = follow_opml(store, OPML)
    assert [f.url for f in added] == ["http://127.0.0.1:9/seeds.xml", "http://127.0.0.1:9/atom.xml"]
    assert len(problems) == 1 and "gopher://" in problems[0]
    assert follow_opml(store, OPML)[0] == []
    for bad in (b"<html><body>no</body></html>", b"<opml><body><outline"):
        with pytest.raises(NotOpml, match="not an OPML file"):
            parse_opml(bad)


def test_the_commands_follow_list_unfollow_and_say_what_went_wrong(feeds_server, tmp_path):
    db = tmp_path / "c.sqlite"
    opml = tmp_path / "feeds.opml"
    opml.write_bytes(OPML.replace(b"127.0.0.1:9", f"127.0.0.1:{feeds_server.port}".encode())
                     .replace(b"/seeds.xml", b"/feeds/error.xml"))
    out = run("follow", "--opml", opml, "--db", db, "--no-builtin").stdout
    assert out.startswith(f"followed 2 new feeds from {opml}") and "skipped: only http and https" in out
    bad = run("follow", feeds_server.url("/plain.html"), "--db", db, "--no-builtin", check=False)
    assert bad.returncode == 1 and "names no RSS or Atom feed" in bad.stderr and not bad.stdout
    missing = run("follow", "--opml", tmp_path / "none.opml", "--db", db, "--no-builtin", check=False)
    assert missing.returncode == 2 and "cannot read" in missing.stderr

    out = run("refresh", "--db", db, "--no-builtin", "--delay", "0").stdout
    assert " ".join(out.split()).startswith("refreshed 2 feeds: 0 new articles, 0 figures, 0 new claims, 2 errors; "
                                            "claim set: 0 sources")
    assert "  " + feeds_server.url("/feeds/error.xml") + ": HTTP 500" in out and "atom.xml: HTTP 404" in out
    table = run("feeds", "--db", db, "--no-builtin").stdout
    lines = table.splitlines()
    assert lines[0].split() == ["title", "last", "fetch", "articles", "figures", "state"]
    assert feeds_server.url("/feeds/error.xml") in lines and all(len(line) <= 80 for line in lines)
    assert "failed 1 time: HTTP 500" in " ".join(table.split())

    url = feeds_server.url("/feeds/error.xml")
    assert run("unfollow", url, "--db", db, "--no-builtin").stdout.startswith(f"unfollowed {url}; its 0 articles")
    again = run("unfollow", url, "--db", db, "--no-builtin", check=False)
    assert again.returncode == 1 and "not following" in again.stderr
    assert len(json.loads(run("feeds", "--json", "--db", db, "--no-builtin").stdout)["feeds"]) == 1


def test_unfollowing_keeps_the_articles_the_feed_brought(feeds_server, store):
    feed, _ = store.add_feed(feeds_server.url("/feeds/atom.xml"))
    asyncio.run(refresh(store, limits=FAST))
    before = claim_set(store)
    assert store.feed(feed.url).articles == 2
    assert store.delete_feed(feed.url) and store.feed(feed.url) is None
    assert claim_set(store) == before
    assert store._query("SELECT count(*) FROM sources WHERE feed_id IS NOT NULL")[0][0] == 0


# ------------------------------------------------------------------------------------------ schema

def test_a_schema_6_store_gets_feeds(tmp_path, builtin_db_template):
    path = tmp_path / "old.sqlite"
    con = sqlite3.connect(path)
    src = sqlite3.connect(builtin_db_template)
    src.backup(con)
    src.close()
    con.executescript("DROP INDEX sources_copy; ALTER TABLE sources DROP COLUMN copy_of; "
                      "ALTER TABLE sources DROP COLUMN shingles; DROP TABLE sketches; "
                      "DROP INDEX sources_feed; ALTER TABLE sources DROP COLUMN feed_id; DROP TABLE feeds; "
                      "PRAGMA user_version = 6;")
    con.close()
    store = SQLiteStore(path)
    assert store.schema_version == SCHEMA_VERSION == 11
    assert store.counts()["sources"] == 5 and store.feeds() == []
    assert store.add_feed("http://127.0.0.1:9/f.xml")[1]
    store.close()
