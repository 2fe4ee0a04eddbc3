"""The embedded claim store: one SQLite file in WAL mode (the default, for one reader on one machine). Its SQL is
sql.py's, shared with PostgreSQL; here are the connection, the schema's versions (PRAGMA user_version) and their
migrations, and what SQLite's errors mean."""
from __future__ import annotations

import errno
import sqlite3
import threading
from pathlib import Path

from .sql import SQLStore, rekey_reports
from .store import SCHEMA_VERSION, StoreError, default_db_path


# the schema, one version after another; a new store runs them all
MIGRATIONS = {
    1: """
    CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,              -- the page's url, or a manifest id when it has none
        url TEXT, outlet TEXT, published TEXT, title TEXT,
        content_hash TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE TABLE measures (
        key TEXT PRIMARY KEY, label TEXT NOT NULL,
        counted TEXT, location TEXT, status TEXT, kind TEXT, unit TEXT
    );
    CREATE INDEX measures_counted ON measures (counted);
    CREATE TABLE claims (
        id INTEGER PRIMARY KEY,
        claimant TEXT, party TEXT, claimant_kind TEXT,
        measure TEXT NOT NULL REFERENCES measures (key),
        value_low REAL NOT NULL, value_high REAL, claim_date TEXT
    );
    CREATE UNIQUE INDEX claims_identity ON claims
        (ifnull(claimant, ''), measure, value_low, ifnull(value_high, -1), ifnull(claim_date, ''));
    CREATE INDEX claims_measure ON claims (measure);
    CREATE TABLE reports (
        id INTEGER PRIMARY KEY,
        source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
        claim_id INTEGER NOT NULL REFERENCES claims (id),
        text TEXT NOT NULL, sentence TEXT NOT NULL,
        exact TEXT NOT NULL, prefix TEXT NOT NULL, suffix TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        value_low REAL NOT NULL, value_high REAL, qualifier TEXT NOT NULL, trend TEXT, kind TEXT NOT NULL, unit TEXT,
        counted TEXT, location TEXT, status TEXT,
        claimant TEXT, claimant_mention TEXT, party TEXT, claimant_kind TEXT, claim_date TEXT,
        quoted INTEGER NOT NULL, measure TEXT NOT NULL
    );
    CREATE INDEX reports_measure ON reports (measure);
    CREATE INDEX reports_source ON reports (source_id);
    CREATE INDEX reports_claim ON reports (claim_id);
    """,
    # the same page under another address is found by its content hash on every annotate: no scan of sources
    2: "CREATE INDEX sources_content_hash ON sources (content_hash);",
    # related measures are looked up by what is counted and where, or in which status (measures_near)
    3: """
    CREATE INDEX measures_like_place ON measures (counted, kind, location);
    CREATE INDEX measures_like_status ON measures (counted, kind, status);
    """,
    # measure keys name a count by its kind and subject (reading/kinds.py): stored counts are keyed anew, and
    # measures of one thing are found by whom or what they count, whatever its words (measures_like)
    4: """
    ALTER TABLE measures ADD COLUMN what TEXT;
    ALTER TABLE measures ADD COLUMN count_kind TEXT;
    ALTER TABLE measures ADD COLUMN subject TEXT;
    DROP INDEX measures_like_place;
    DROP INDEX measures_like_status;
    CREATE INDEX measures_what_place ON measures (what, location);
    CREATE INDEX measures_what_status ON measures (what, status);
    """,
    # the keys of amounts name what they are of by one name for the heads that name one amount ('budget', 'cost':
    # spending), and date a value before a change apart (".yprior"): stored reports are keyed anew (sql.rekey_reports)
    5: "",
    # the reader's corrections: each side is a claim's identity (claimant, measure, value, day), not a claim id,
    # so that a correction outlives its claims being replaced and applies to a page not in the claim set
    6: """
    CREATE TABLE corrections (
        id INTEGER PRIMARY KEY,
        a_claimant TEXT, a_measure TEXT NOT NULL, a_low REAL NOT NULL, a_high REAL, a_date TEXT,
        b_claimant TEXT, b_measure TEXT NOT NULL, b_low REAL NOT NULL, b_high REAL, b_date TEXT,
        note TEXT, created_at TEXT NOT NULL
    );
    CREATE INDEX corrections_a ON corrections (a_measure);
    CREATE INDEX corrections_b ON corrections (b_measure);
    """,
    # followed feeds (feeds/): the validators of a conditional GET, the last fetch's outcome and the backoff; a
    # source links to the feed that brought it (unfollowing keeps the article, unlinked)
    7: """
    CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        title TEXT, site_url TEXT,
        etag TEXT, last_modified TEXT,
        added_at TEXT NOT NULL,
        last_fetch TEXT, last_ok TEXT, last_error TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        next_try TEXT,
        entries INTEGER NOT NULL DEFAULT 0
    );
    ALTER TABLE sources ADD COLUMN feed_id INTEGER REFERENCES feeds (id) ON DELETE SET NULL;
    CREATE INDEX sources_feed ON sources (feed_id);
    """,
    # syndicated copies (claims/copies.py): a source that is a near-copy of another (the same wire story in
    # another outlet) names the first source of that story; each page keeps the sketch of its text's shingles
    # (the smallest hashes), by which later pages find it. Pages stored before have no sketch (their text is
    # not kept): they are never found as originals, and are shown as they were
    8: """
    ALTER TABLE sources ADD COLUMN copy_of INTEGER REFERENCES sources (id) ON DELETE SET NULL;
    ALTER TABLE sources ADD COLUMN shingles INTEGER;
    CREATE INDEX sources_copy ON sources (copy_of);
    CREATE TABLE sketches (
        source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
        h INTEGER NOT NULL
    );
    CREATE INDEX sketches_h ON sketches (h);
    CREATE INDEX sketches_source ON sketches (source_id);
    """,
    # pages of one story found by the values they share (claims/align.py): reports read by value
    9: "CREATE INDEX IF NOT EXISTS reports_value ON reports (value_low);",
    # pages of one story found by the names they are told with (reading/context.story_names, claims/align.py);
    # pages stored before have none (their text is not kept): they are found by their values only
    10: """
    CREATE TABLE IF NOT EXISTS story_names (
        source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
        name TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS story_names_name ON story_names (name);
    CREATE UNIQUE INDEX IF NOT EXISTS story_names_source ON story_names (source_id, name);
    """,
    # the rules that make measure keys changed (an amount's unit in its what; a key one claimant gives several
    # values under told apart by value): stored reports are keyed anew (sql.rekey_reports)
    11: "",
}


# steps done in Python after a version's SQL, in its transaction. The keys of stored reports are made anew when
# the rules that make them change: schema 4 keyed counts by their count kind and subject, schema 5 amounts by the
# name of what they are of, schema 11 amounts with their units and keys one claimant gives several values under
# by value; a store of schema 3 or older goes through step 5 right after step 4's SQL
MIGRATION_STEPS = {5: rekey_reports, 11: rekey_reports}


def _reason(exc: BaseException) -> str:
    """Why SQLite (or the OS) refused: from the primary result code, or errno."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        # SQLITE_FULL 13, SQLITE_READONLY 8, SQLITE_CANTOPEN 14, SQLITE_CORRUPT 11, SQLITE_NOTADB 26
        return {13: "full", 8: "read_only", 11: "corrupt", 26: "corrupt"}.get(code & 0xFF, "unavailable")
    return {errno.ENOSPC: "full", errno.EDQUOT: "full", errno.EFBIG: "full",
            errno.EROFS: "read_only", errno.EACCES: "read_only", errno.EPERM: "read_only"}.get(
        getattr(exc, "errno", None), "unavailable")


def _statements(script: str) -> list[str]:
    """The statements of a migration's SQL, one by one."""
    return [x.strip() for x in script.split(";") if x.strip()]


def _in(column: str, values: list) -> tuple[str, list]:
    return f"{column} IN ({','.join('?' * len(values))})", list(values)


class _Tx:
    """A transaction on the store's connection, as sql.py's steps use it."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db
        self.execute, self.executemany = db.execute, db.executemany

    in_ = staticmethod(_in)


class SQLiteStore(SQLStore):
    """One SQLite file in WAL mode. One connection, serialised by a lock: the server calls it from worker
    threads, and SQLite allows one writer at a time anyway."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path is not None else default_db_path()
        self._lock = threading.RLock()
        try:
            # a "file:" URI opens the store with SQLite's options, e.g. file:/path/claims.sqlite?mode=ro (read-only)
            uri = str(self.path).startswith("file:")
            if str(self.path) != ":memory:" and not uri:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None, uri=uri)
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA busy_timeout = 5000")
            if str(self.path) != ":memory:":
                self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open the claim set at {self.path}: {exc}", _reason(exc)) from exc

    @property
    def location(self) -> str:
        return str(self.path)

    def reopen(self) -> "SQLiteStore":
        return SQLiteStore(self.path)

    # ---------------------------------------------------------------- schema

    def _migrate(self) -> None:
        """One step at a time, each in one IMMEDIATE transaction: the schema and its version change together or
        not at all, and processes opening a new file at once take turns (each reads the version in its step)."""
        with self._lock:
            while True:
                version = self._db.execute("PRAGMA user_version").fetchone()[0]
                if version > SCHEMA_VERSION:
                    raise StoreError(f"{self.path} has schema version {version}; this Crosscheck knows "
                                     f"{SCHEMA_VERSION}")
                if version == SCHEMA_VERSION:
                    return
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    if self._db.execute("PRAGMA user_version").fetchone()[0] == version:   # nobody got there first
                        for statement in _statements(MIGRATIONS[version + 1]):
                            self._db.execute(statement)
                        if version + 1 in MIGRATION_STEPS:
                            MIGRATION_STEPS[version + 1](_Tx(self._db))
                        self._db.execute(f"PRAGMA user_version = {version + 1}")
                    self._db.execute("COMMIT")
                except BaseException:
                    if self._db.in_transaction:
                        self._db.execute("ROLLBACK")
                    raise

    @property
    def schema_version(self) -> int:
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    # ---------------------------------------------------------------- sql.py's hooks

    def _write(self, fn):
        """fn(tx) in one IMMEDIATE transaction; a SQLite error is a StoreError, nothing half-written."""
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                out = fn(_Tx(self._db))
                self._db.execute("COMMIT")
                return out
            except BaseException as exc:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise StoreError(f"cannot write the claim set at {self.path}: {exc}", _reason(exc)) from exc
                raise

    def _query(self, sql: str, params=()) -> list:
        with self._lock:
            try:
                return self._db.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise StoreError(f"cannot read the claim set at {self.path}: {exc}", _reason(exc)) from exc

    _in = staticmethod(_in)

    # ---------------------------------------------------------------- the file

    def size(self) -> int:
        """The file and its write-ahead log, as they are on disk; an in-memory store's pages."""
        files = [Path(str(self.path) + suffix) for suffix in ("", "-wal")] \
            if str(self.path) != ":memory:" and not str(self.path).startswith("file:") else []
        if files and files[0].exists():
            return sum(f.stat().st_size for f in files if f.exists())
        count, size = self._query("SELECT * FROM pragma_page_count(), pragma_page_size()")[0]
        return count * size

    def integrity_check(self) -> str:
        """SQLite's own check of the file, its foreign keys, and the claim set's invariants."""
        found = self._query("PRAGMA integrity_check")[0][0]
        if found != "ok":
            return found
        broken = self._query("PRAGMA foreign_key_check")
        errors = [f"{len(broken)} rows whose foreign keys point nowhere"] if broken else []
        errors += self._invariant_errors()
        return "; ".join(errors) or "ok"

    def close(self) -> None:
        with self._lock:
            self._db.close()
