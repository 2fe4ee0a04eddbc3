"""Many feeds at once (issue 13): a refresh of generated outlets (tests/news_generator.py), each served on a loopback
address of its own (tests/generated_feeds.py), ingests every article, counts the syndicated copies apart from the
new articles, and a second refresh adds nothing. The real command line (subprocess), the real SQLite file. The
speed of a large refresh is benchmarks/feeds_load.py's business, not a test's."""
import json
import sqlite3

import pytest

from generated_feeds import GeneratedFeeds
from news_generator import newsroom
from cli_run import run_cli


@pytest.fixture(scope="module")
def outlets():
    """5 outlets, 60 articles in all, a quarter of them copies of another outlet's story."""
    return newsroom(feeds=5, articles=60, copy_share=0.25)


def run(*args, check=True):
    return run_cli(*args, columns=200, check=check)


def test_a_refresh_of_many_feeds_ingests_every_article_and_counts_the_copies_apart(outlets, tmp_path):
    db, opml = tmp_path / "claims.sqlite", tmp_path / "feeds.opml"
    with GeneratedFeeds(outlets) as gf:
        served = gf.article_urls()
        copies = gf.copies()
        assert len(served) == 60 and len(copies) >= 10
        opml.write_text('<?xml version="1.0"?><opml version="2.0"><body>' + "".join(
            f'<outline type="rss" text="feed {i}" xmlUrl="{url}"/>' for i, url in enumerate(gf.feed_urls))
            + "</body></opml>", encoding="utf-8")
        run("follow", "--opml", opml, "--db", db, "--no-builtin")

        out = run("refresh", "--db", db, "--no-builtin", "--delay", "0").stdout
        new, held = 60 - len(copies), len(copies)
        assert out.startswith(f"refreshed 5 feeds: {new} new articles, {held} copies of stories already held, "), out
        assert " 0 errors; claim set: 60 sources" in out

        con = sqlite3.connect(db)
        rows = con.execute("SELECT key, id, copy_of FROM sources").fetchall()
        con.close()
        assert {key for key, _, _ in rows} == set(served)            # every article, under its own address
        story = {key: copy_of or sid for key, sid, copy_of in rows}
        for copy, original in copies.items():         # each copy is one story with the page it runs again,
            assert story[copy] == story[original], copy                 # whichever of the two came in first
        assert len(set(story.values())) == new                          # and no two other articles are

        pages = sum(n for path, n in gf.hits.items() if path.endswith(".html"))
        again = json.loads(run("refresh", "--db", db, "--no-builtin", "--delay", "0", "--json").stdout)
        assert again == {"feeds": 5, "not_modified": sum(o.validators for o in outlets), "new_articles": 0,
                         "syndicated": 0, "copies": 0, "figures": 0, "claims": 0, "errors": []}
        assert sum(n for path, n in gf.hits.items() if path.endswith(".html")) == pages     # none fetched again
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM sources").fetchone()[0] == 60
    con.close()
