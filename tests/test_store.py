"""The SQLite claim store: a real file, real transactions."""
import sqlite3

import pytest

from crosscheck.reading.pipeline import extract, page_from_text
from crosscheck.claims.store import SCHEMA_VERSION, SQLiteStore, StoreError, default_db_path
from datetime import date


def page(url, text, published="2025-03-10", outlet="Outlet"):
    return page_from_text(text, url=url, published=date.fromisoformat(published), outlet=outlet)


TOLL = "Quake toll\nAt least 37 people were killed in Hatay province, police said on Sunday.\n"


@pytest.fixture
def store(tmp_path):
    s = SQLiteStore(tmp_path / "claims.sqlite")
    yield s
    s.close()


def ingest(store, url, text, **kw):
    p = page(url, text, **kw)
    return store.ingest(p, extract(p))


def test_new_store_has_the_current_schema_in_wal_mode(store):
    assert store.schema_version == SCHEMA_VERSION
    assert store._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.counts() == {"sources": 0, "reports": 0, "claims": 0, "measures": 0}


def test_ingest_is_idempotent_per_url(store):
    first = ingest(store, "https://a.example/1", TOLL)
    counts = store.counts()
    again = ingest(store, "https://a.example/1", TOLL)
    assert again.id == first.id and store.counts() == counts
    changed = ingest(store, "https://a.example/1", "Quake toll\nAt least 40 people were killed, police said.\n")
    assert changed.id == first.id and changed.content_hash != first.content_hash
    values = [c.value_low for c in store.claims()]
    assert values == [40.0]                        # the old page's claim is gone with its report


def test_five_outlets_one_claim(store):
    for i in range(5):
        ingest(store, f"https://o{i}.example/x", TOLL, outlet=f"Outlet {i}")
    claims = store.claims()
    assert len(claims) == 1 and len(claims[0].reports) == 5
    assert {r.outlet for r in claims[0].reports} == {f"Outlet {i}" for i in range(5)}


def test_delete_source_removes_its_reports_and_orphan_claims(store):
    a = ingest(store, "https://a.example/1", TOLL)
    ingest(store, "https://b.example/1", "Floods\nAbout 200 homes were flooded in Libya, officials said.\n")
    assert store.delete_source(a.id) is True
    assert store.delete_source(a.id) is False
    assert all(c.value_low != 37 for c in store.claims())
    assert store.integrity_check() == "ok"


def test_claims_filters_escape_like_wildcards(store):
    ingest(store, "https://a.example/1", TOLL)
    assert store.claims(claimant="police")
    assert store.claims(claimant="%") == []
    assert store.claims(text="Hatay")
    assert store.claims(text="_") == []


def test_reopening_keeps_the_data(tmp_path):
    path = tmp_path / "claims.sqlite"
    s = SQLiteStore(path)
    ingest(s, "https://a.example/1", TOLL)
    s.close()
    s = SQLiteStore(path)
    assert s.counts()["claims"] == 1
    s.close()


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "claims.sqlite"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StoreError, match="schema version"):
        SQLiteStore(path)


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "claims.sqlite"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open"):
        SQLiteStore(path)


def test_default_path_honours_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("CROSSCHECK_DB", str(tmp_path / "x.sqlite"))
    assert default_db_path() == tmp_path / "x.sqlite"
    monkeypatch.delenv("CROSSCHECK_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_db_path() == tmp_path / "data" / "crosscheck" / "claims.sqlite"
