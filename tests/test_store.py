"""The claim stores: a real SQLite file and a real PostgreSQL database, real transactions. The tests that take
`store` or `claim_sets` run on both stores (both_stores); the rest are about SQLite's file."""
import sqlite3
import time

import pytest

from crosscheck.reading.pipeline import extract, page_from_text
from crosscheck.claims.store import SCHEMA_VERSION, StoreError, default_db_path, open_store
from crosscheck.claims.store_sqlite import SQLiteStore
from datetime import date

pytestmark = pytest.mark.both_stores


def page(url, text, published="2025-03-10", outlet="Outlet"):
    return page_from_text(text, url=url, published=date.fromisoformat(published), outlet=outlet)


TOLL = "Quake toll\nAt least 37 people were killed in Hatay province, police said on Sunday.\n"


@pytest.fixture
def store(claim_sets):
    """An empty claim set."""
    s = open_store(claim_sets.new(builtin=False))
    yield s
    s.close()


def ingest(store, url, text, **kw):
    p = page(url, text, **kw)
    return store.ingest(p, extract(p))


def test_new_store_has_the_current_schema(store):
    assert store.schema_version == SCHEMA_VERSION
    assert store.counts() == {"sources": 0, "reports": 0, "claims": 0, "measures": 0}
    assert store.integrity_check() == "ok"


def test_new_sqlite_store_is_in_wal_mode(tmp_path):
    store = SQLiteStore(tmp_path / "claims.sqlite")
    assert store._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()


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


def test_reopening_keeps_the_data(claim_sets):
    target = claim_sets.new(builtin=False)
    s = open_store(target)
    ingest(s, "https://a.example/1", TOLL)
    s.close()
    s = open_store(target)
    assert s.counts()["claims"] == 1
    again = s.reopen()
    assert again.counts()["claims"] == 1 and again.location == s.location
    again.close()
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


def _store_of_schema(version, path, reports):
    """A claim set as Crosscheck wrote it at an older schema (at 3, keys named a count by its words:
    'injured-people' and 'people' in status wounded were two measures; at 4, an amount by its own head noun:
    'budget-usd' and 'cost-usd' were two). reports: (outlet, sentence, words, value, kind, unit, counted,
    location, status, claimant, claim date, measure key)."""
    from crosscheck.claims.store_sqlite import MIGRATIONS
    db = sqlite3.connect(path, isolation_level=None)
    for step in range(1, version + 1):
        db.executescript(MIGRATIONS[step])
    db.execute(f"PRAGMA user_version = {version}")
    for i, (outlet, sentence, words, value, kind, unit, counted, location, status, claimant, day, key) in \
            enumerate(reports):
        db.execute("INSERT OR IGNORE INTO sources (key, url, outlet, published, title, content_hash, ingested_at) "
                   "VALUES (?, ?, ?, ?, 'x', ?, '2025-03-04T00:00:00+00:00')",
                   (f"https://{outlet}.example/1", f"https://{outlet}.example/1", outlet, day, outlet))
        source_id = db.execute("SELECT id FROM sources WHERE outlet = ?", (outlet,)).fetchone()[0]
        db.execute("INSERT OR IGNORE INTO measures (key, label, counted, location, status, kind, unit) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)", (key, key, counted, location, status, kind, unit))
        db.execute("INSERT OR IGNORE INTO claims (claimant, party, claimant_kind, measure, value_low, value_high, "
                   "claim_date) VALUES (?, NULL, 'organisation', ?, ?, NULL, ?)", (claimant, key, value, day))
        claim_id = db.execute("SELECT id FROM claims WHERE measure = ? AND value_low = ?", (key, value)).fetchone()[0]
        start = sentence.index(words)
        db.execute('INSERT INTO reports (source_id, claim_id, text, sentence, exact, prefix, suffix, start, "end", '
                   "value_low, value_high, qualifier, trend, kind, unit, counted, location, status, claimant, "
                   "claimant_mention, party, claimant_kind, claim_date, quoted, measure) VALUES "
                   "(?, ?, ?, ?, ?, '', '', ?, ?, ?, NULL, 'exact', NULL, ?, ?, ?, ?, ?, ?, ?, NULL, 'organisation', "
                   "?, 0, ?)", (source_id, claim_id, words, sentence, words, start, start + len(words), value, kind,
                                unit, counted, location, status, claimant, claimant, day, key))
    db.close()


def test_schema_3_store_keys_stored_counts_by_their_kind_and_merges_their_claims(tmp_path):
    path = tmp_path / "claims.sqlite"
    agency = "Civil Protection Agency"
    _store_of_schema(3, path, [
        ("wire", "The agency said 214 people were injured in Orvel province.", "214", 214, "count", None,
         "people", "Orvel province", "wounded", agency, "2025-03-02", "people@orvel-province:wounded"),
        ("daily", "The agency counted 214 injured people in Orvel province.", "214", 214, "count", None,
         "injured people", "Orvel province", "wounded", agency, "2025-03-02", "injured-people@orvel-province:wounded"),
        ("daily", "Some 300 people were evacuated from their homes in 2024, the agency said.", "Some 300", 300,
         "count", None, "people", None, "in_place", agency, "2025-03-02", "people@orvel-province:in_place.y2024"),
        ("wire", "The province approved a $4.2 billion budget.", "$4.2 billion", 4.2e9, "money", "USD",
         "budget", "Orvel province", "other", None, "2025-03-02", "budget-usd@orvel-province:other"),
    ])
    store = SQLiteStore(path)
    assert store.schema_version == SCHEMA_VERSION == 11         # through 5 (keys made anew), 6 (corrections), 7 (feeds), 8 (copies), 9 (values), 10 (names), 11 (keys anew)
    assert store.corrections() == []
    claims = {c.measure: c for c in store.claims()}
    assert set(claims) == {"injured@orvel-province:wounded", "displaced@orvel-province:in_place.y2024",
                           "spending-usd@orvel-province:other"}        # the place of the old key stays
    injured = claims["injured@orvel-province:wounded"]
    assert {r.outlet for r in injured.reports} == {"wire", "daily"}      # two measures' claims are one claim now
    m = store.measure("injured@orvel-province:wounded")
    assert (m.what, m.count_kind, m.subject) == ("people", "injured", None)
    assert store.measure("people@orvel-province:wounded") is None       # no measure is left without claims
    assert (store.measure("spending-usd@orvel-province:other").what,
            store.measure("spending-usd@orvel-province:other").count_kind) == ("spending-usd", "money")
    assert store.counts() == {"sources": 2, "reports": 4, "claims": 3, "measures": 3}
    assert store.integrity_check() == "ok"
    store.close()


def test_schema_5_keys_stored_amounts_by_what_they_are_of(tmp_path):
    path = tmp_path / "claims.sqlite"
    _store_of_schema(4, path, [
        ("wire", "The campaign had a budget of $449,000, the state said.", "$449,000", 449000, "money", "USD",
         "budget", "South Dakota", "other", "State of South Dakota", "2025-03-02",
         "budget-usd@south-dakota:other"),
        ("daily", "The campaign cost $449,000, the state said.", "$449,000", 449000, "money", "USD", None,
         "South Dakota", "other", "State of South Dakota", "2025-03-02",
         "usd@south-dakota:other.c-the-campaign-cost-the-state-said"),
        ("daily", "Spending rose to $5 million from $4 million, the state said.", "$4 million", 4e6, "money", "USD",
         "spending", "South Dakota", "other", "State of South Dakota", "2025-03-02",
         "spending-usd@south-dakota:other"),
        ("wire", "The 15% tariffs stay, officials said.", "15%", 15, "percent", "%", "tariffs", None, "other",
         None, "2025-03-02", "tariffs@china:other"),
    ])
    store = SQLiteStore(path)
    assert store.schema_version == SCHEMA_VERSION
    claims = {c.measure: c for c in store.claims()}
    assert set(claims) == {"spending-usd@south-dakota:other", "spending-usd@south-dakota:other.yprior",
                           "tariff@china:other"}
    assert {r.outlet for r in claims["spending-usd@south-dakota:other"].reports} == {"wire", "daily"}
    assert store.measure("budget-usd@south-dakota:other") is None
    assert store.measure("tariff@china:other").what == "tariff"
    assert store.integrity_check() == "ok"
    store.close()


def test_schema_11_keys_stored_amounts_by_their_dimension_and_one_claimants_values_apart(tmp_path):
    path = tmp_path / "claims.sqlite"
    nasa = "NASA"
    sentence = "NASA said it had added five companies to its lander program, for a total of 14 companies."
    _store_of_schema(10, path, [
        ("wire", "The Mach-E's range is 300 miles, Ford said.", "300 miles", 300, "measure", "mi",
         "range", None, "other", "Ford", "2019-11-19", "range@anywhere:other"),
        ("wire", sentence, "five", 5, "count", None, "companies", None, "other", nasa, "2019-11-18",
         "companies@anywhere:other"),
        ("wire", sentence, "14", 14, "count", None, "companies", None, "other", nasa, "2019-11-18",
         "companies@anywhere:other"),
        # another claimant's value under the same key is an estimate of the same quantity: not told apart
        ("daily", "Analysts said the program had 12 companies.", "12", 12, "count", None, "companies", None,
         "other", "analysts", "2019-11-18", "companies@anywhere:other"),
    ])
    store = SQLiteStore(path)
    assert store.schema_version == SCHEMA_VERSION == 11
    assert {c.measure for c in store.claims()} == {
        "range-length@anywhere:other",
        "companies@anywhere:other.v5", "companies@anywhere:other.v14", "companies@anywhere:other"}
    assert store.measure("range@anywhere:other") is None
    assert store.integrity_check() == "ok"
    store.close()


# ---------------------------------------------------------------- PostgreSQL: the server, and writers at once

def test_an_unreachable_postgres_server_is_a_clear_error():
    from postgres_server import free_port
    url = f"postgresql://crosscheck:secret@127.0.0.1:{free_port()}/claims?connect_timeout=3"
    with pytest.raises(StoreError, match="cannot open the claim set at postgresql://crosscheck@127.0.0.1") as err:
        open_store(url)
    assert "secret" not in str(err.value) and err.value.reason == "unavailable"


def test_a_schema_10_postgres_store_is_keyed_anew(postgres_server):
    """PostgreSQL runs the Python steps of a version as SQLite does: stored reports get this version's keys."""
    from datetime import date
    from crosscheck.reading.pipeline import extract, page_from_text
    url = postgres_server.create_database("schema_10_keys")
    store = open_store(url)
    page = page_from_text("Ford Mach-E\nThe Mach-E's range is 300 miles, Ford said.", url="https://wire.example/1",
                          published=date(2019, 11, 19))
    store.ingest(page, extract(page))
    new = {c.measure for c in store.claims()}
    assert new == {"range-length@anywhere:other"}
    store.close()
    import psycopg
    old = "range@anywhere:other"
    with psycopg.connect(url, autocommit=True) as conn:      # the key as schema 10 made it
        conn.execute("INSERT INTO measures (key, label, counted, location, status, kind, unit) SELECT %s, label, "
                     "counted, location, status, kind, unit FROM measures", (old,))
        conn.execute("UPDATE claims SET measure = %s", (old,))
        conn.execute("UPDATE reports SET measure = %s", (old,))
        conn.execute("DELETE FROM measures WHERE key <> %s", (old,))
        conn.execute("UPDATE crosscheck_schema SET version = 10")
    store = open_store(url)
    assert store.schema_version == SCHEMA_VERSION
    assert {c.measure for c in store.claims()} == new
    assert store.measure(old) is None
    store.close()
    postgres_server.drop_database("schema_10_keys")


def test_a_newer_postgres_schema_is_refused(postgres_server):
    url = postgres_server.create_database("newer_schema")
    open_store(url).close()
    import psycopg
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("UPDATE crosscheck_schema SET version = %s", (SCHEMA_VERSION + 1,))
    with pytest.raises(StoreError, match="schema version"):
        open_store(url)
    postgres_server.drop_database("newer_schema")


def test_open_store_reads_a_postgres_url_from_the_environment(monkeypatch, postgres_server):
    url = postgres_server.create_database("from_env")
    monkeypatch.setenv("CROSSCHECK_DB", url)
    store = open_store()
    assert type(store).__name__ == "PostgresStore" and store.schema_version == SCHEMA_VERSION
    store.close()
    postgres_server.drop_database("from_env")


WRITER = r"""
import os, random, sys, time
from datetime import date
from crosscheck.claims.store import open_store
from crosscheck.reading.pipeline import extract, page_from_text
target, seed, pages, times, go = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
store = open_store(target)
read = []
for i in range(pages):
    text = (f"Turnout {i}\nPolice said about {1000 + i * 7} people marched in Zagreb on Saturday.\n"
            f"The ministry said {20 + i % 5} buses came, and 37 people were killed in Hatay province, police said.\n")
    page = page_from_text(text, url=f"https://w.example/{i}", published=date(2025, 3, 1 + i % 20), outlet="Wire")
    read.append((page, extract(page)))
order = list(range(pages)) * times
random.Random(seed).shuffle(order)
while not os.path.exists(go):         # the writers start together
    time.sleep(0.005)
for i in order:      # every page `times` times (each replaces the last), in an order of this writer's own
    store.ingest(*read[i])
store.close()
"""


def _claim_set(store) -> tuple:
    return (store.counts(), sorted((s.key, s.reports) for s in store.sources()),
            sorted((c.claimant or "", c.measure, c.value_low, len(c.reports)) for c in store.claims(limit=10_000)))


def test_writers_in_four_processes_lose_and_duplicate_nothing(claim_sets, tmp_path):
    """Four processes ingest the same pages at once, each in its own order (so they insert the same sources,
    claims and measures at the same moments, and replace each other's pages): the claim set is what one writer
    alone makes."""
    import subprocess
    import sys
    target, alone = claim_sets.new("together", builtin=False), claim_sets.new("alone", builtin=False)
    go = tmp_path / "go"
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, target, str(seed), "8", "20", str(go)],
                                stderr=subprocess.PIPE, text=True) for seed in range(4)]
    time.sleep(3)          # the writers have read their pages
    go.touch()
    for w in writers:
        assert w.wait(timeout=300) == 0, w.stderr.read()
        w.stderr.close()
    subprocess.run([sys.executable, "-c", WRITER, alone, "99", "8", "1", str(go)], check=True, timeout=300)
    together, by_one = open_store(target), open_store(alone)
    assert _claim_set(together) == _claim_set(by_one)
    assert together.counts()["sources"] == 8 and together.integrity_check() == "ok"
    together.close()
    by_one.close()
