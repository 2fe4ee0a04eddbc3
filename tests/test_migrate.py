"""`crosscheck migrate`: a claim set copied whole between a SQLite file and a PostgreSQL database, both ways, as a
reader runs it (the real CLI in a subprocess, a real PostgreSQL server)."""
import shutil

from crosscheck.claims.store import ClaimIdentity, open_store
from crosscheck.reading.pipeline import extract, page_from_text
from cli_run import run_cli


def everything(store) -> dict:
    """All a claim set holds, without the ids a copy may give anew (measures' and sketches' order kept)."""
    return {"counts": store.counts(),
            "sources": [(s.id, s.key, s.url, s.outlet, s.published, s.title, s.content_hash, s.ingested_at, s.reports,
                         s.copy_of) for s in store.sources()],
            "claims": [(c.id, c.claimant, c.measure, c.value_low, c.value_high, c.claim_date,
                        [(r.id, r.source_id, r.sentence, r.text, r.quoted, r.story) for r in c.reports])
                       for c in store.claims(limit=100_000)],
            "measures": [m for m in store.measures_like("people")],
            "corrections": [(c.id, c.figure, c.other, c.note) for c in store.corrections()],
            "feeds": [(f.url, f.title, f.articles) for f in store.feeds()],
            "sketch": store._query("SELECT source_id, h FROM sketches ORDER BY rowid")}


def test_migrate_copies_sqlite_to_postgres_and_back(tmp_path, builtin_db_template, postgres_server):
    sqlite = tmp_path / "claims.sqlite"
    shutil.copyfile(builtin_db_template, sqlite)
    store = open_store(sqlite)
    feed, _ = store.add_feed("https://wire.example/feed.xml", title="Wire")
    page = page_from_text("Turnout\nPolice said about 15,000 people marched in Zagreb on Saturday.\n",
                          url="https://wire.example/1")
    store.ingest(page, extract(page), feed_id=feed.id)
    claims = store.claims(limit=2)
    store.add_correction(ClaimIdentity(claims[0].claimant, claims[0].measure, claims[0].value_low,
                                       claims[0].value_high, claims[0].claim_date),
                         ClaimIdentity(claims[1].claimant, claims[1].measure, claims[1].value_low,
                                       claims[1].value_high, claims[1].claim_date), "not the same")
    want = everything(store)
    store.close()

    url = postgres_server.create_database("migrated")
    out = run_cli("migrate", "--from", sqlite, "--to", url).stdout
    assert f"copied {want['counts']['sources']} sources" in out and "postgresql://postgres@127.0.0.1" in out
    pg = open_store(url)
    assert everything(pg) == want and pg.integrity_check() == "ok"
    page = page_from_text("Floods\nAbout 200 homes were flooded in Libya, officials said.\n", url="https://b.example/2")
    new = pg.ingest(page, extract(page))           # ids go on after the copied ones
    assert new.id == max(s[0] for s in want["sources"]) + 1
    want_back = everything(pg)
    pg.close()

    back = tmp_path / "back.sqlite"
    run_cli("migrate", "--from", url, "--to", back)
    again = open_store(back)
    assert everything(again) == want_back and again.integrity_check() == "ok"
    again.close()

    refused = run_cli("migrate", "--from", sqlite, "--to", url, check=False)
    assert refused.returncode == 2 and "already holds a claim set" in refused.stderr
    assert "Traceback" not in refused.stderr
    postgres_server.drop_database("migrated")


def test_migrate_from_nothing_or_from_an_unreachable_server_is_a_clear_error(tmp_path):
    from postgres_server import free_port
    missing = run_cli("migrate", "--from", tmp_path / "none.sqlite", "--to", tmp_path / "b.sqlite", check=False)
    assert missing.returncode == 2 and "no claim set at" in missing.stderr
    down = run_cli("migrate", "--from", f"postgresql://x@127.0.0.1:{free_port()}/db?connect_timeout=3", "--to",
                   tmp_path / "b.sqlite", check=False)
    assert down.returncode == 2 and "cannot open the claim set" in down.stderr and "Traceback" not in down.stderr
