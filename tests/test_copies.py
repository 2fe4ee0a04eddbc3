"""Syndicated copies (issue 13): the same wire story in two outlets is one source 'also in 1 outlet', and two
outlets' own stories of one event stay two sources. Real pages (fixtures/copies/README.md), the real command line
(subprocess), the real app on loopback, a real loopback feed, the real SQLite file."""
import asyncio
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from feed_server import FeedServer
from crosscheck.claims.copies import is_copy, sketch
from crosscheck.claims.store import SCHEMA_VERSION
from crosscheck.claims.store_sqlite import SQLiteStore
from crosscheck.contract import AnnotateResponse, SourceOut
from crosscheck.feeds.fetch import Limits
from crosscheck.feeds.refresh import refresh
from crosscheck.reading.pipeline import read_page
from crosscheck.serving.api import create_app
from crosscheck.service import Crosscheck
from cli_run import run_cli

ROOT = Path(__file__).resolve().parents[1]
ORBIS = ROOT / "fixtures" / "pages" / "more-flood-orbis.html"
COPY = ROOT / "fixtures" / "copies" / "flood-observer.html"
INDUS = ROOT / "fixtures" / "pages" / "more-flood-indus.html"
ORBIS_URL = "https://www.orbisnews.net/world/asia-pacific/pakistan-floods-kill-at-least-58-in-sindh-2025-08-27/"
COPY_URL = "https://www.thesindhobserver.com/national/2025/08/27/rains-leave-58-dead-across-sindh/"
INDUS_URL = "https://www.dailyindustimes.pk/pakistan/sindh-flood-toll-climbs-to-74-as-rain-eases-1184233"


def run(*args, check=True):
    return run_cli(*args, columns=100, check=check)


def copy_of(db: Path) -> dict:
    """{source key: the key of the source it is a copy of, or None}, as the file holds it."""
    con = sqlite3.connect(db)
    try:
        return dict(con.execute("SELECT s.key, o.key FROM sources s LEFT JOIN sources o ON o.id = s.copy_of"))
    finally:
        con.close()


def ingest(db: Path, page: Path, url: str, outlet: str, published: str):
    return run("ingest", page, "--url", url, "--outlet", outlet, "--published", published, "--db", db, "--no-builtin")


def flood_figure(response: dict, text: str) -> dict:
    return next(f for f in response["figures"] if f["text"] == text)


def test_the_sketch_tells_a_wire_copy_from_another_story_of_the_same_event():
    orbis, copy, indus = (sketch(read_page(p).text) for p in (ORBIS, COPY, INDUS))
    assert is_copy(orbis, copy) and is_copy(copy, orbis)
    assert not is_copy(orbis, indus) and not is_copy(copy, indus)
    assert not is_copy(sketch("Police said 12 people died."), sketch("Police said 12 people died."))   # too short


def test_a_wire_copy_in_another_outlet_is_one_source_also_in_1_outlet(tmp_path):
    """crosscheck ingest of the Orbis story and the Observer's copy of it: the file says the copy is Orbis's;
    annotating another outlet's story of the floods shows Orbis once, 'also in 1 outlet', never the two outlets as
    agreeing sources; the claims of both pages are still in the claim set (nothing lost)."""
    db = tmp_path / "claims.sqlite"
    ingest(db, ORBIS, ORBIS_URL, "Orbis", "2025-08-27")
    alone = json.loads(run("annotate", INDUS, "--url", INDUS_URL, "--json", "--db", db, "--no-builtin").stdout)
    ingest(db, COPY, COPY_URL, "The Sindh Observer", "2025-08-27")
    assert copy_of(db) == {ORBIS_URL: None, COPY_URL: ORBIS_URL}

    con = sqlite3.connect(db)
    by_source = dict(con.execute("SELECT s.key, count(*) FROM reports r JOIN sources s ON s.id = r.source_id "
                                 "GROUP BY s.key"))
    con.close()
    assert by_source[ORBIS_URL] > 10 and by_source[COPY_URL] >= by_source[ORBIS_URL]   # the copy's reports are kept

    out = json.loads(run("annotate", INDUS, "--url", INDUS_URL, "--json", "--db", db, "--no-builtin").stdout)
    AnnotateResponse.model_validate(out)
    shown = 0
    for f, before in zip(out["figures"], alone["figures"]):
        c = f["comparison"]
        assert c["verdict"] == before["comparison"]["verdict"]           # the copy adds no agreement
        assert len(c["others"]) == len(before["comparison"]["others"])   # nor another claim
        for o in c["others"]:
            assert [r["outlet"] for r in o["reports"]] == ["Orbis"] * len(o["reports"])
            for r in o["reports"]:
                assert [(x["outlet"], x["url"]) for x in r["also_in"]] == [("The Sindh Observer", COPY_URL)]
                shown += 1
        if c["others"]:
            assert "also in 1 outlet" in c["summary"] and "in 2 outlets" not in c["summary"]
    assert shown >= 5
    toll = flood_figure(out, "58")["comparison"]
    assert toll["verdict"] == "agrees" and len(toll["others"]) == 1          # Orbis's claim, from Orbis alone
    assert {r["outlet"] for r in toll["others"][0]["reports"]} == {"Orbis"}


def test_two_stories_of_the_same_event_stay_two_sources(tmp_path):
    """Orbis's story and the Daily Indus Times's own story of the floods: neither is a copy, and the Observer's
    page (the Orbis copy) compared with the claim set sees the Indus story as another source, not its own text."""
    db = tmp_path / "claims.sqlite"
    ingest(db, ORBIS, ORBIS_URL, "Orbis", "2025-08-27")
    ingest(db, INDUS, INDUS_URL, "Daily Indus Times", "2025-08-28")
    assert copy_of(db) == {ORBIS_URL: None, INDUS_URL: None}

    out = json.loads(run("annotate", COPY, "--url", COPY_URL, "--json", "--db", db, "--no-builtin").stdout)
    outlets = {r["outlet"] for f in out["figures"] for o in f["comparison"]["others"] for r in o["reports"]}
    assert outlets == {"Daily Indus Times"}       # the Orbis story is the page's own text, not an other source
    toll = flood_figure(out, "58")["comparison"]
    assert toll["others"] and {r["outlet"] for o in toll["others"] for r in o["reports"]} == {"Daily Indus Times"}


def test_deleting_the_original_leaves_the_copy_as_the_story(tmp_path):
    store = SQLiteStore(tmp_path / "claims.sqlite")
    svc = Crosscheck(store)
    first = svc.ingest_page(read_page(ORBIS, url=ORBIS_URL, outlet="Orbis"))
    copy = svc.ingest_page(read_page(COPY, url=COPY_URL, outlet="The Sindh Observer"))
    again = svc.ingest_page(read_page(COPY, url=COPY_URL + "?amp", outlet="The Sindh Observer"))
    assert (first.copy_of, copy.copy_of, again.copy_of) == (None, first.id, first.id)
    assert svc.delete_source(first.id)
    rows = {s.key: s.copy_of for s in store.sources()}
    assert rows == {COPY_URL: None, COPY_URL + "?amp": copy.id}      # the oldest copy stands for the story
    # a page ingested again with other text is no longer a copy
    replaced = svc.ingest_page(read_page(INDUS, url=COPY_URL + "?amp", outlet="The Sindh Observer"))
    assert replaced.copy_of is None
    store.close()


@pytest.mark.asyncio
async def test_post_v1_sources_recognises_the_copy(aiohttp_client, tmp_path):
    store = SQLiteStore(tmp_path / "claims.sqlite")
    client = await aiohttp_client(create_app(Crosscheck(store)))
    made = []
    for path, url, outlet in ((ORBIS, ORBIS_URL, "Orbis"), (COPY, COPY_URL, "The Sindh Observer"),
                              (INDUS, INDUS_URL, "Daily Indus Times")):
        resp = await client.post("/v1/sources", json={"url": url, "html": path.read_text(encoding="utf-8"),
                                                      "outlet": outlet, "published": "2025-08-27"})
        assert resp.status == 201
        made.append(SourceOut.model_validate(await resp.json()))
    assert [s.copy_of for s in made] == [None, made[0].id, None]
    listed = {s["key"]: s["copy_of"] for s in await (await client.get("/v1/sources")).json()}
    assert listed == {ORBIS_URL: None, COPY_URL: made[0].id, INDUS_URL: None}
    store.close()


def test_a_refresh_recognises_the_copy_in_a_feed(tmp_path):
    """A feed with the wire story, its copy and the other story: three articles in, two new stories and a copy of
    one, counted apart and marked as such."""
    store = SQLiteStore(tmp_path / "claims.sqlite")
    with FeedServer() as fs:
        store.add_feed(fs.url("/feeds/wire.xml"))
        summary = asyncio.run(refresh(store, limits=Limits(delay=0, timeout=5)))
        assert summary.errors == [] and (summary.new_articles, summary.syndicated, summary.copies) == (2, 1, 0)
        rows = {s.key: s for s in store.sources()}
        orbis, copy, indus = (rows[fs.url(p)] for p in ("/pages/more-flood-orbis.html", "/copies/flood-observer.html",
                                                        "/pages/more-flood-indus.html"))
    assert (orbis.copy_of, copy.copy_of, indus.copy_of) == (None, orbis.id, None)
    assert (orbis.outlet, copy.outlet) == ("Orbis", "The Sindh Observer")
    store.close()


def test_a_schema_7_store_gets_copies(tmp_path, builtin_db_template):
    """A store of schema 7 keeps its sources (no sketch: their text is not kept) and finds copies from then on."""
    path = tmp_path / "old.sqlite"
    shutil.copyfile(builtin_db_template, path)
    con = sqlite3.connect(path)
    con.executescript("DROP INDEX sources_copy; ALTER TABLE sources DROP COLUMN copy_of; "
                      "ALTER TABLE sources DROP COLUMN shingles; DROP TABLE sketches; PRAGMA user_version = 7;")
    con.close()
    store = SQLiteStore(path)
    assert store.schema_version == SCHEMA_VERSION == 11
    assert store.counts()["sources"] == 5 and all(s.copy_of is None for s in store.sources())
    svc = Crosscheck(store)
    first = svc.ingest_page(read_page(ORBIS, url=ORBIS_URL, outlet="Orbis"))
    assert svc.ingest_page(read_page(COPY, url=COPY_URL, outlet="The Sindh Observer")).copy_of == first.id
    store.close()


def test_a_copy_of_the_annotated_page_is_not_another_source(tmp_path):
    """Annotating the Observer's copy of the Orbis story with Orbis in the claim set: Orbis's claims are the same
    words (each figure's very sentence), so they are the page's own, not other sources that agree with it; the
    Daily Indus Times, another story of the floods, is still another source."""
    db = tmp_path / "claims.sqlite"
    ingest(db, ORBIS, ORBIS_URL, "Orbis", "2025-08-27")
    ingest(db, INDUS, INDUS_URL, "Daily Indus Times", "2025-08-28")
    out = json.loads(run("annotate", COPY, "--url", COPY_URL, "--json", "--db", db, "--no-builtin").stdout)
    outlets = {r["outlet"] for f in out["figures"] for o in f["comparison"]["others"] for r in o["reports"]}
    assert "Orbis" not in outlets
    assert "Daily Indus Times" in outlets


def test_a_story_in_many_outlets_is_found_past_the_pages_that_share_its_boilerplate(tmp_path):
    """Candidates are counted on the first pages that got each shingle (store.POSTINGS), so that boilerplate shared
    by many pages costs little: more pages than that with the same stock paragraph are still no copies of each
    other, and a wire story run by more outlets than that is each time a copy of its first page."""
    from news_generator import newsroom
    from crosscheck.claims.sql import POSTINGS
    from crosscheck.reading.pipeline import page_from_text

    stock = ("The story is developing and this report will be updated as more details emerge from the agencies, "
             "the ministries and our own correspondents, who are following events closely around the clock.")
    own = [a for o in newsroom(feeds=1, articles=POSTINGS + 8, copy_share=0) for a in o.articles]
    store = SQLiteStore(tmp_path / "claims.sqlite")
    rows = [store.ingest(page_from_text("\n".join([a.headline, *a.paragraphs, stock]), url=f"https://own.test/{i}"),
                         []) for i, a in enumerate(own)]
    assert [r.copy_of for r in rows] == [None] * len(own)
    wire = own[0]
    for n in range(POSTINGS + 4):
        text = "\n".join([f"{wire.headline} ({n})", *wire.paragraphs, stock, f"Reporting by outlet {n}."])
        assert store.ingest(page_from_text(text, url=f"https://outlet{n}.test/wire"), []).copy_of == rows[0].id, n
    store.close()


def related_outlets(response: dict) -> set:
    return {r["outlet"] for f in response["figures"] for rel in f["comparison"]["related"] for o in rel["others"]
            for r in o["reports"]}


def test_a_pages_own_copies_are_not_its_related_measures_sources(tmp_path):
    """Related measures (the missing beside the killed, last year's toll) leave out the page's own text as its
    comparison does: annotating the Observer's copy of the Orbis story, or the Orbis page under another address,
    Orbis's figures are not shown as related claims; the Daily Indus Times, another story of the floods, is."""
    db = tmp_path / "claims.sqlite"
    ingest(db, ORBIS, ORBIS_URL, "Orbis", "2025-08-27")
    ingest(db, INDUS, INDUS_URL, "Daily Indus Times", "2025-08-28")
    copy = json.loads(run("annotate", COPY, "--url", COPY_URL, "--json", "--db", db, "--no-builtin").stdout)
    assert related_outlets(copy) == {"Daily Indus Times"}
    toll = flood_figure(copy, "58")["comparison"]
    assert [rel["measure"] for rel in toll["related"]][:1] == ["missing@sindh-province:missing"]
    moved = json.loads(run("annotate", ORBIS, "--url", "https://mirror.example/orbis", "--json", "--db", db,
                           "--no-builtin").stdout)
    assert related_outlets(moved) == {"Daily Indus Times"}
    indus = json.loads(run("annotate", INDUS, "--url", INDUS_URL, "--json", "--db", db, "--no-builtin").stdout)
    assert related_outlets(indus) == {"Orbis"}                 # another story's related claims are still shown
