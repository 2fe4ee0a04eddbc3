"""The claim set: sources, the reports of figures on their pages, the claims those reports carry, and
measures; the feeds a reader follows, which bring sources. `ClaimStore` is the interface; `SQLiteStore` is the embedded default (one file, WAL); a shared
PostgreSQL store for teams can implement the same interface.

A claim is one claimant's value for one measure on one day; every report (a figure as it appears on a page)
links to the claim it carries, so five outlets repeating one statement are one claim with five reports."""
from __future__ import annotations

import errno
import functools
import hashlib
import json
import os
import sqlite3
import threading
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from itertools import groupby
from pathlib import Path
from typing import Iterable

from ..model import Figure, Page
from .copies import Sketch, is_copy, sketch

DB_ENV = "CROSSCHECK_DB"
SCHEMA_VERSION = 8


def default_db_path() -> Path:
    """$CROSSCHECK_DB, else the user's data directory ($XDG_DATA_HOME or ~/.local/share)/crosscheck."""
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV])
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "crosscheck" / "claims.sqlite"


@dataclass
class SourceRow:
    id: int
    key: str
    url: str | None
    outlet: str | None
    published: str | None
    title: str | None
    content_hash: str
    ingested_at: str
    reports: int = 0
    copy_of: int | None = None      # the source this page is a syndicated copy of (the first of its story)


@dataclass
class ReportRow:
    """A figure as one page reported it, with its claim and its source."""
    id: int
    claim_id: int
    source_id: int
    source_key: str
    url: str | None
    outlet: str | None
    published: str | None
    sentence: str
    text: str
    value_low: float
    value_high: float | None
    qualifier: str
    kind: str
    unit: str | None
    counted: str | None
    location: str | None
    status: str | None
    claimant: str | None
    claimant_mention: str | None
    party: str | None
    claimant_kind: str | None
    claim_date: str | None
    quoted: bool
    measure: str
    story: int | None = None        # the source whose story this report's page tells: its own id, or copy_of
    title: str | None = None        # its page's headline


@dataclass
class MeasureRow:
    key: str
    label: str
    counted: str | None
    location: str | None
    status: str | None
    kind: str | None
    unit: str | None
    what: str | None = None         # whom or what it counts, without what happened to them (measure.measure_what)
    count_kind: str | None = None
    subject: str | None = None


@dataclass
class ClaimRow:
    id: int
    claimant: str | None
    party: str | None
    claimant_kind: str | None
    measure: str
    value_low: float
    value_high: float | None
    claim_date: str | None
    reports: list[ReportRow] = field(default_factory=list)


@dataclass(frozen=True)
class ClaimIdentity:
    """A claim as the store knows it: claimant, measure, value and day (its row id changes when sources are
    replaced; this does not). A figure on a page that is not in the claim set has one too."""
    claimant: str | None
    measure: str
    low: float
    high: float | None
    claim_date: str | None

    def normal(self) -> "ClaimIdentity":
        return ClaimIdentity(self.claimant or None, self.measure, float(self.low),
                             None if self.high is None else float(self.high), self.claim_date or None)


@dataclass
class CorrectionRow:
    """A reader's correction: `figure` and `other` are not the same quantity, whatever their measure keys say."""
    id: int
    figure: ClaimIdentity
    other: ClaimIdentity
    note: str | None
    created_at: str

    def pair(self) -> frozenset:
        return frozenset((self.figure, self.other))


@dataclass
class FeedRow:
    """A followed feed: where it is, what its last fetch gave, when to try it again, and what it brought."""
    id: int
    url: str
    title: str | None
    site_url: str | None
    etag: str | None
    last_modified: str | None
    added_at: str
    last_fetch: str | None          # when it was last fetched (success or not)
    last_ok: str | None             # when a fetch last succeeded
    last_error: str | None          # the last fetch's error in words; None when it went well
    failures: int                   # fetches failed in a row (the backoff grows with them)
    next_try: str | None            # not fetched before then (backoff, or a refresh holding it); None: due
    entries: int                    # entries in the feed at its last fetch
    articles: int = 0               # sources it brought that are in the claim set
    reports: int = 0                # their figures


@dataclass
class FeedFetch:
    """What a fetch of a feed gave, to record: validators and title on success, the error otherwise."""
    error: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    title: str | None = None
    site_url: str | None = None
    entries: int | None = None
    next_try: str | None = None     # when it failed: not before then
    note: str | None = None         # a fetch that went well but with trouble (articles that could not be read)


@dataclass
class Forgotten:
    """What a forgetting removed: the sources, and the reports, claims and measures that went with them."""
    sources: list[SourceRow] = field(default_factory=list)
    reports: int = 0
    claims: int = 0
    measures: int = 0


class StoreError(RuntimeError):
    """The claim set cannot be read or written (read-only or full disk, a file that is not a store).
    `reason`: "full" (no space left), "read_only", "corrupt" or "unavailable" (anything else)."""

    def __init__(self, message: str, reason: str = "unavailable"):
        super().__init__(message)
        self.reason = reason


def _reason(exc: BaseException) -> str:
    """Why SQLite (or the OS) refused: from the primary result code, or errno."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        # SQLITE_FULL 13, SQLITE_READONLY 8, SQLITE_CANTOPEN 14, SQLITE_CORRUPT 11, SQLITE_NOTADB 26
        return {13: "full", 8: "read_only", 11: "corrupt", 26: "corrupt"}.get(code & 0xFF, "unavailable")
    return {errno.ENOSPC: "full", errno.EDQUOT: "full", errno.EFBIG: "full",
            errno.EROFS: "read_only", errno.EACCES: "read_only", errno.EPERM: "read_only"}.get(
        getattr(exc, "errno", None), "unavailable")


class ClaimStore(ABC):
    @abstractmethod
    def ingest(self, page: Page, figures: list[Figure], *, key: str | None = None,
               feed_id: int | None = None) -> SourceRow:
        """`feed_id`: the followed feed that brought the page (kept when the page is ingested again without one)."""

    @abstractmethod
    def delete_source(self, source_id: int) -> bool: ...

    @abstractmethod
    def sources(self) -> list[SourceRow]: ...

    @abstractmethod
    def source(self, source_id: int) -> SourceRow | None: ...

    @abstractmethod
    def reports_for_measures(self, measures: Iterable[str]) -> list[ReportRow]: ...

    @abstractmethod
    def measures_like(self, what: str | None) -> list[MeasureRow]:
        """The measures of one thing (MeasureRow.what), in the order they were made."""

    def measures_near(self, what: str | None, *, places: list[str] | None = None,
                      statuses: list[str | None] | None = None) -> list[MeasureRow]:
        """measures_like(what), in its order, narrowed to the measures at one of `places` or at no place (when
        places is given), else to those in one of `statuses` (when given). Stores may narrow through indexes;
        this default filters measures_like."""
        rows = self.measures_like(what)
        if places is not None:
            return [m for m in rows if m.location is None or m.location in places]
        if statuses is not None:
            return [m for m in rows if m.status in statuses]
        return rows

    @abstractmethod
    def measure(self, key: str) -> MeasureRow | None: ...

    @abstractmethod
    def claims(self, *, measure: str | None = None, claimant: str | None = None, text: str | None = None,
               limit: int = 100, offset: int = 0) -> list[ClaimRow]: ...

    @abstractmethod
    def counts(self) -> dict: ...

    @abstractmethod
    def keys_with_content(self, text: str) -> set[str]: ...

    # the reader's corrections: pairs of claims marked as not the same quantity, which comparison respects
    @abstractmethod
    def add_correction(self, figure: ClaimIdentity, other: ClaimIdentity, note: str | None = None
                       ) -> tuple[CorrectionRow, bool]:
        """The correction of this pair (in either order), and whether it is new."""

    @abstractmethod
    def corrections(self, measures: Iterable[str] | None = None) -> list[CorrectionRow]:
        """All corrections, or those with a side in one of `measures`, oldest first."""

    @abstractmethod
    def delete_correction(self, correction_id: int) -> bool: ...

    def source_by_key(self, key: str) -> SourceRow | None:
        return next((s for s in self.sources() if s.key == key), None)

    # the feeds a reader follows (feeds/): refreshes fetch them and ingest their new articles
    @abstractmethod
    def add_feed(self, url: str, *, title: str | None = None, site_url: str | None = None) -> tuple[FeedRow, bool]:
        """The feed at `url`, and whether it is new (following a feed twice keeps the first)."""

    @abstractmethod
    def feeds(self) -> list[FeedRow]: ...

    @abstractmethod
    def feed(self, url: str) -> FeedRow | None: ...

    @abstractmethod
    def delete_feed(self, url: str) -> bool:
        """Stop following a feed; the articles it brought stay in the claim set (unlinked)."""

    @abstractmethod
    def forget_feed(self, url: str) -> Forgotten | None:
        """Stop following a feed and remove the articles it brought, and the claims only they carried, in one
        transaction; None when the feed is not followed."""

    @abstractmethod
    def forget(self, before: str) -> Forgotten:
        """Remove, in one transaction, the sources published before the day `before` (YYYY-MM-DD), or, when their
        publication day is unknown, ingested before it; and the claims and measures only they carried."""

    @abstractmethod
    def size(self) -> int:
        """The claim set's size on disk, in bytes."""

    @abstractmethod
    def claim_due_feeds(self, now: str, hold_until: str, *, every: bool = False) -> list[FeedRow]:
        """The feeds due at `now` (next_try unset or past; every feed when `every`), each held until
        `hold_until` so that another refresh (another process) leaves it alone meanwhile."""

    @abstractmethod
    def record_fetch(self, feed_id: int, now: str, fetch: FeedFetch) -> None:
        """A fetch's outcome: on success the validators, title and entry count, failures reset and the feed due
        again; on error the error, one more failure and `fetch.next_try`."""

    @abstractmethod
    def close(self) -> None: ...


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
    # spending), and date a value before a change apart (".yprior"): stored reports are keyed anew (_rekey_reports)
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
}


def _rekey_reports(db: sqlite3.Connection) -> None:
    """Every stored report gets the key this version makes (measure.rekeyed: from its report's sentence, words,
    kind, counted and status, with the old key's place; a page's reports together, dated by its publication day),
    and every measure its what, count_kind and subject. A report moves to the claim of its new key (one is made
    when no claim of that claimant, measure, value and day is there); claims and measures that no report carries
    any more go."""
    from .measure import key_parts, measure_what, rekeyed, stored_figure
    rows = db.execute("SELECT r.source_id, s.published, r.id, r.claim_id, r.measure, r.sentence, r.text, r.kind, "
                      "r.unit, r.value_low, r.trend, r.counted, r.location, r.status, c.claimant, c.party, "
                      "c.claimant_kind, c.value_low, c.value_high, c.claim_date FROM reports r "
                      "JOIN claims c ON c.id = r.claim_id JOIN sources s ON s.id = r.source_id "
                      "ORDER BY r.source_id, r.id").fetchall()
    moved: set[int] = set()
    for _, page_rows in groupby(rows, key=lambda row: row[0]):
        page_rows = list(page_rows)
        published = page_rows[0][1]
        figures = [stored_figure(old, sentence, text, kind, unit, low, trend, counted, location, status)
                   for (_, _, _, _, old, sentence, text, kind, unit, low, trend, counted, location, status, *_)
                   in page_rows]
        keys = rekeyed(figures, int(published[:4]) if published else None)
        for row, f, new in zip(page_rows, figures, keys):
            (_, _, rid, claim_id, old, _, _, kind, unit, _, _, counted, location, status, claimant, party,
             claimant_kind, c_low, c_high, c_date) = row
            f.measure = new
            measure_status = key_parts(new).status
            db.execute("INSERT OR IGNORE INTO measures (key, label, counted, location, status, kind, unit) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)", (new, measure_label(counted, location, measure_status, kind,
                                                                           unit), counted, location, measure_status,
                                                        kind, unit))
            db.execute("UPDATE measures SET what = ?, count_kind = ?, subject = ? WHERE key = ? AND what IS NULL",
                       (measure_what(f), f.extra["count_kind"], f.extra["subject"], new))
            if new == old:
                continue
            identity = (claimant, new, c_low, c_high, c_date)
            db.execute("INSERT INTO claims (claimant, party, claimant_kind, measure, value_low, value_high, "
                       "claim_date) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                       (claimant, party, claimant_kind, new, c_low, c_high, c_date))
            new_claim = db.execute(_CLAIM_ID, identity).fetchone()[0]
            db.execute("UPDATE reports SET measure = ?, claim_id = ? WHERE id = ?", (new, new_claim, rid))
            moved.add(claim_id)
    _drop_orphans(db, sorted(moved))
    for (key,) in db.execute("SELECT key FROM measures WHERE what IS NULL").fetchall():
        db.execute("UPDATE measures SET what = ?, count_kind = CASE WHEN kind = 'count' THEN NULL ELSE kind END "
                   "WHERE key = ?", (key_parts(key).what, key))


# steps done in Python after a version's SQL, in its transaction. The keys of stored reports are made anew when
# the rules that make them change: schema 4 keyed counts by their count kind and subject, schema 5 amounts by the
# name of what they are of; a store of schema 3 or older goes through step 5 right after step 4's SQL
MIGRATION_STEPS = {5: _rekey_reports}

_CLAIM_ID = ("SELECT id FROM claims WHERE ifnull(claimant, '') = ifnull(?, '') AND measure = ? AND value_low = ? AND "
             "ifnull(value_high, -1) = ifnull(?, -1) AND ifnull(claim_date, '') = ifnull(?, '')")


def _release(db: sqlite3.Connection, source_ids: set[int]) -> None:
    """Before these sources go (or are replaced): the copies of each that stay get a new first source, the
    oldest of them, which the others then copy."""
    for sid in sorted(source_ids):
        copies = [r[0] for r in db.execute("SELECT id FROM sources WHERE copy_of = ? ORDER BY id", (sid,))
                  if r[0] not in source_ids]
        if not copies:
            continue
        db.execute("UPDATE sources SET copy_of = NULL WHERE id = ?", (copies[0],))
        for i in range(0, len(copies) - 1, 500):
            chunk = copies[1 + i:1 + i + 500]
            db.execute(f"UPDATE sources SET copy_of = ? WHERE id IN ({','.join('?' * len(chunk))})",
                       (copies[0], *chunk))


CANDIDATE_HASHES = 4          # sketches sharing fewer hashes than this are not even compared
POSTINGS = 16                 # pages counted per hash when looking for candidates: the first that got it


@functools.lru_cache(maxsize=None)
def _candidates_sql(n: int) -> str:
    """The sources sharing at least CANDIDATE_HASHES of a sketch's n hashes, each hash counted on its first POSTINGS
    rows only: an index range of sketches_h (h = ? AND rowid <= the POSTINGS-th rowid of h)."""
    return (f"WITH j(h) AS (VALUES {','.join(['(?)'] * n)}) "
            "SELECT s.source_id, count(*) AS n FROM j JOIN sketches AS s ON s.h = j.h "
            "WHERE s.rowid <= ifnull((SELECT x.rowid FROM sketches AS x WHERE x.h = j.h ORDER BY x.rowid "
            "LIMIT 1 OFFSET ?), 9223372036854775807) AND s.source_id != ? "
            "GROUP BY s.source_id HAVING n >= ? ORDER BY n DESC, s.source_id LIMIT 20")


def _find_original(db: sqlite3.Connection, sk: Sketch, source_id: int) -> int | None:
    """The first source of the story whose near-copy a page with this sketch is, if any: the candidates share
    hashes of their sketches (an index lookup), and are then compared (copies.is_copy).

    Each hash counts for the first POSTINGS pages that got it (in the order their sketches were filed), never
    more: a shingle that hundreds of pages share is boilerplate ('this report will be updated as more details
    emerge'), and counting every page that has it made each ingest read a share of the whole table (9.3 ms a
    page with 2,000 generated pages held, growing with them; 1.8 ms so, and bounded). A story's own shingles are
    on its pages only, each of which leads to its first page (copy_of), however many outlets ran it."""
    if not sk.usable:
        return None
    rows = db.execute(_candidates_sql(len(sk.hashes)),
                      (*sk.hashes, POSTINGS - 1, source_id, CANDIDATE_HASHES)).fetchall()
    if not rows:
        return None
    ids = [cand for cand, _ in rows]
    marks = ",".join("?" * len(ids))
    about = {r[0]: r[1:] for r in db.execute(f"SELECT id, shingles, copy_of FROM sources WHERE id IN ({marks})", ids)}
    theirs: dict[int, list[int]] = {cand: [] for cand in ids}
    for cand, h in db.execute(f"SELECT source_id, h FROM sketches WHERE source_id IN ({marks})", ids):
        theirs[cand].append(h)
    for cand in ids:                       # the most hashes in common first
        shingles, copy_of = about[cand]
        if is_copy(sk, Sketch(tuple(sorted(theirs[cand])), shingles or 0)):
            return copy_of or cand
    return None


def _file_sketch(db: sqlite3.Connection, source_id: int, sk: Sketch) -> None:
    """Keep a page's sketch and say which story's copy it is (computed as the page is ingested)."""
    original = _find_original(db, sk, source_id)
    db.execute("UPDATE sources SET shingles = ?, copy_of = ? WHERE id = ?", (sk.shingles, original, source_id))
    if sk.usable:
        db.executemany("INSERT INTO sketches (source_id, h) VALUES (?, ?)", [(source_id, h) for h in sk.hashes])


def _drop_orphans(db: sqlite3.Connection, claim_ids: list[int]) -> None:
    """Drop the claims among claim_ids (those whose reports were just removed) that no report carries now,
    and their measures when no claim is left: only they can have become orphans."""
    for i in range(0, len(claim_ids), 500):
        chunk = claim_ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        measures = [r[0] for r in db.execute(
            f"SELECT DISTINCT measure FROM claims WHERE id IN ({marks}) AND NOT EXISTS "
            "(SELECT 1 FROM reports r WHERE r.claim_id = claims.id)", chunk)]
        db.execute(f"DELETE FROM claims WHERE id IN ({marks}) AND NOT EXISTS "
                   "(SELECT 1 FROM reports r WHERE r.claim_id = claims.id)", chunk)
        if measures:
            mmarks = ",".join("?" * len(measures))
            db.execute(f"DELETE FROM measures WHERE key IN ({mmarks}) AND NOT EXISTS "
                       "(SELECT 1 FROM claims c WHERE c.measure = measures.key)", measures)


def measure_label(counted: str | None, location: str | None, status: str | None, kind: str, unit: str | None) -> str:
    what = counted or (unit if kind != "count" else None) or kind
    where = f" in {location}" if location else ""
    how = {"in_place": "", None: "", "other": ""}.get(status, f" ({status.replace('_', ' ')})" if status else "")
    return f"{what}{where}{how}"


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


_REPORT_COLUMNS = """r.id, r.claim_id, r.source_id, s.key, s.url, s.outlet, s.published, r.sentence, r.text,
    r.value_low, r.value_high, r.qualifier, r.kind, r.unit, r.counted, r.location, r.status, r.claimant,
    r.claimant_mention, r.party, r.claimant_kind, r.claim_date, r.quoted, r.measure, ifnull(s.copy_of, s.id), s.title"""


_MEASURE_COLUMNS = "key, label, counted, location, status, kind, unit, what, count_kind, subject"


def _statements(script: str) -> list[str]:
    """The statements of a migration's SQL, one by one."""
    return [x.strip() for x in script.split(";") if x.strip()]


def _report(row) -> ReportRow:
    values = list(row)
    values[22] = bool(values[22])
    return ReportRow(*values)


class SQLiteStore(ClaimStore):
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

    # ---------------------------------------------------------------- schema

    def _migrate(self) -> None:
        with self._lock:
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(f"{self.path} has schema version {version}; this Crosscheck knows {SCHEMA_VERSION}")
            for target in range(version + 1, SCHEMA_VERSION + 1):
                # one transaction per step: the schema and its version change together or not at all
                try:
                    step = MIGRATION_STEPS.get(target)
                    if step is None:
                        self._db.executescript(
                            f"BEGIN IMMEDIATE; {MIGRATIONS[target]}; PRAGMA user_version = {target}; COMMIT;")
                    else:       # (executescript commits what is open: the step runs between BEGIN and COMMIT)
                        self._db.execute("BEGIN IMMEDIATE")
                        for statement in _statements(MIGRATIONS[target]):
                            self._db.execute(statement)
                        step(self._db)
                        self._db.execute(f"PRAGMA user_version = {target}")
                        self._db.execute("COMMIT")
                except BaseException:
                    if self._db.in_transaction:
                        self._db.execute("ROLLBACK")
                    raise

    @property
    def schema_version(self) -> int:
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    # ---------------------------------------------------------------- writes

    def ingest(self, page: Page, figures: list[Figure], *, key: str | None = None,
               feed_id: int | None = None) -> SourceRow:
        """Add a page's figures as one transaction; the same key (url or id) again replaces that page."""
        from ..contract import selector
        from .measure import key_parts, measure_what
        key = key or page.url
        if not key:
            raise ValueError("a source needs a url or an id")
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        published = page.published.isoformat() if page.published else None
        sk = sketch(page.text)
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                row = self._db.execute("SELECT id FROM sources WHERE key = ?", (key,)).fetchone()
                touched: list[int] = []
                if row:
                    source_id = row[0]
                    touched = self._claims_of(source_id)
                    _release(self._db, {source_id})      # its text may have changed: its copies stand alone
                    self._db.execute("DELETE FROM sketches WHERE source_id = ?", (source_id,))
                    self._db.execute("DELETE FROM reports WHERE source_id = ?", (source_id,))
                    self._db.execute(
                        "UPDATE sources SET url=?, outlet=?, published=?, title=?, content_hash=?, ingested_at=?, "
                        "feed_id=ifnull(?, feed_id) WHERE id=?",
                        (page.url, page.outlet, published, page.title, content_hash(page.text), now, feed_id,
                         source_id))
                else:
                    source_id = self._db.execute(
                        "INSERT INTO sources (key, url, outlet, published, title, content_hash, ingested_at, feed_id) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (key, page.url, page.outlet, published, page.title, content_hash(page.text), now,
                         feed_id)).lastrowid
                _file_sketch(self._db, source_id, sk)
                for f in figures:
                    q = f.quantity
                    c = f.claimant
                    status = key_parts(f.measure).status     # a measure's status is its key's ('displaced' in place)
                    claimant = c.name if c else None
                    claim_date = f.claim_date.isoformat() if f.claim_date else None
                    self._db.execute(
                        "INSERT OR IGNORE INTO measures (key, label, counted, location, status, kind, unit, what, "
                        "count_kind, subject) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (f.measure, measure_label(f.counted, f.location, status, q.kind, q.unit), f.counted,
                         f.location, status, q.kind, q.unit, measure_what(f), f.extra.get("count_kind"),
                         f.extra.get("subject")))
                    self._db.execute(
                        "INSERT INTO claims (claimant, party, claimant_kind, measure, value_low, value_high, claim_date) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                        (claimant, c.party if c else None, c.kind if c else None, f.measure, q.low, q.high, claim_date))
                    claim_id = self._db.execute(_CLAIM_ID,
                                                (claimant, f.measure, q.low, q.high, claim_date)).fetchone()[0]
                    sel = selector(page, f.start, f.end)
                    self._db.execute(
                        'INSERT INTO reports (source_id, claim_id, text, sentence, exact, prefix, suffix, start, "end", '
                        "value_low, value_high, qualifier, trend, kind, unit, counted, location, status, claimant, "
                        "claimant_mention, party, claimant_kind, claim_date, quoted, measure) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (source_id, claim_id, f.text, f.sentence.text, sel.exact, sel.prefix, sel.suffix, sel.start,
                         sel.end, q.low, q.high, q.qualifier, q.trend, q.kind, q.unit, f.counted, f.location, f.status,
                         claimant, c.mention if c else None, c.party if c else None, c.kind if c else None,
                         claim_date, int(f.quoted), f.measure))
                _drop_orphans(self._db, touched)
                self._db.execute("COMMIT")
            except BaseException as exc:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise StoreError(f"cannot write the claim set at {self.path}: {exc}", _reason(exc)) from exc
                raise
        return self.source(source_id)

    def _claims_of(self, source_id: int) -> list[int]:
        return [r[0] for r in self._db.execute("SELECT DISTINCT claim_id FROM reports WHERE source_id = ?", (source_id,))]

    def delete_source(self, source_id: int) -> bool:
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                touched = self._claims_of(source_id)
                _release(self._db, {source_id})
                n = self._db.execute("DELETE FROM sources WHERE id = ?", (source_id,)).rowcount
                _drop_orphans(self._db, touched)
                self._db.execute("COMMIT")
            except sqlite3.Error as exc:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise StoreError(f"cannot write the claim set at {self.path}: {exc}", _reason(exc)) from exc
        return n > 0

    # ---------------------------------------------------------------- reads

    def _query(self, sql: str, params=()) -> list:
        with self._lock:
            try:
                return self._db.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise StoreError(f"cannot read the claim set at {self.path}: {exc}", _reason(exc)) from exc

    def sources(self) -> list[SourceRow]:
        rows = self._query("SELECT s.id, s.key, s.url, s.outlet, s.published, s.title, s.content_hash, s.ingested_at, "
                           "(SELECT count(*) FROM reports r WHERE r.source_id = s.id), s.copy_of FROM sources s ORDER BY s.id")
        return [SourceRow(*r) for r in rows]

    def source(self, source_id: int) -> SourceRow | None:
        rows = self._query("SELECT s.id, s.key, s.url, s.outlet, s.published, s.title, s.content_hash, s.ingested_at, "
                           "(SELECT count(*) FROM reports r WHERE r.source_id = s.id), s.copy_of FROM sources s WHERE s.id = ?",
                           (source_id,))
        return SourceRow(*rows[0]) if rows else None

    def keys_with_content(self, text: str) -> set[str]:
        """Keys of sources whose page text is exactly this text: the same page under another address."""
        return {r[0] for r in self._query("SELECT key FROM sources WHERE content_hash = ?", (content_hash(text),))}

    def source_by_key(self, key: str) -> SourceRow | None:
        rows = self._query("SELECT id FROM sources WHERE key = ?", (key,))
        return self.source(rows[0][0]) if rows else None

    def reports_for_measures(self, measures: Iterable[str]) -> list[ReportRow]:
        keys = sorted(set(measures))
        out: list[ReportRow] = []
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._query(f"SELECT {_REPORT_COLUMNS} FROM reports r JOIN sources s ON s.id = r.source_id "
                               f"WHERE r.measure IN ({marks}) ORDER BY r.claim_date, r.id", chunk)
            out.extend(_report(r) for r in rows)
        return out

    def measures_like(self, what: str | None) -> list[MeasureRow]:
        rows = self._query(f"SELECT {_MEASURE_COLUMNS} FROM measures WHERE what = ? ORDER BY rowid", (what,))
        return [MeasureRow(*r) for r in rows]

    def measures_near(self, what: str | None, *, places: list[str] | None = None,
                      statuses: list[str | None] | None = None) -> list[MeasureRow]:
        if places is None and statuses is None:
            return self.measures_like(what)
        column, values = ("location", places) if places is not None else ("status", statuses)
        given = [v for v in dict.fromkeys(values) if v is not None]
        parts, params = [], []
        if given:
            parts.append(f"SELECT rowid FROM measures WHERE what = ? AND {column} IN ({','.join('?' * len(given))})")
            params += [what, *given]
        if places is not None or None in values:
            parts.append(f"SELECT rowid FROM measures WHERE what = ? AND {column} IS NULL")
            params += [what]
        if not parts:
            return []
        rows = self._query(f"SELECT {_MEASURE_COLUMNS} FROM measures WHERE rowid IN "
                           f"({' UNION ALL '.join(parts)}) ORDER BY rowid", params)
        return [MeasureRow(*r) for r in rows]

    def measure(self, key: str) -> MeasureRow | None:
        rows = self._query(f"SELECT {_MEASURE_COLUMNS} FROM measures WHERE key = ?", (key,))
        return MeasureRow(*rows[0]) if rows else None

    def claims(self, *, measure: str | None = None, claimant: str | None = None, text: str | None = None,
               limit: int = 100, offset: int = 0) -> list[ClaimRow]:
        where, params = [], []
        if measure:
            where.append("c.measure = ?")
            params.append(measure)
        if claimant:
            where.append("c.claimant LIKE ? ESCAPE '\\'")
            params.append("%" + _like(claimant) + "%")
        if text:
            where.append("EXISTS (SELECT 1 FROM reports r WHERE r.claim_id = c.id AND "
                         "(r.sentence LIKE ? ESCAPE '\\' OR r.counted LIKE ? ESCAPE '\\'))")
            params += ["%" + _like(text) + "%"] * 2
        sql = ("SELECT c.id, c.claimant, c.party, c.claimant_kind, c.measure, c.value_low, c.value_high, c.claim_date "
               "FROM claims c" + (" WHERE " + " AND ".join(where) if where else "") +
               " ORDER BY c.measure, ifnull(c.claim_date, ''), c.id LIMIT ? OFFSET ?")
        claims = [ClaimRow(*r) for r in self._query(sql, params + [limit, offset])]
        if claims:
            marks = ",".join("?" * len(claims))
            by_id = {c.id: c for c in claims}
            for r in self._query(f"SELECT {_REPORT_COLUMNS} FROM reports r JOIN sources s ON s.id = r.source_id "
                                 f"WHERE r.claim_id IN ({marks}) ORDER BY r.id", [c.id for c in claims]):
                rep = _report(r)
                by_id[rep.claim_id].reports.append(rep)
        return claims

    def counts(self) -> dict:
        row = self._query("SELECT (SELECT count(*) FROM sources), (SELECT count(*) FROM reports), "
                          "(SELECT count(*) FROM claims), (SELECT count(*) FROM measures)")[0]
        return dict(zip(("sources", "reports", "claims", "measures"), row))

    # ---------------------------------------------------------------- corrections

    _CORRECTION_COLUMNS = ("id, a_claimant, a_measure, a_low, a_high, a_date, b_claimant, b_measure, b_low, b_high, "
                           "b_date, note, created_at")
    _SIDE = ("ifnull({p}_claimant, '') = ifnull(?, '') AND {p}_measure = ? AND {p}_low = ? AND "
             "ifnull({p}_high, -1) = ifnull(?, -1) AND ifnull({p}_date, '') = ifnull(?, '')")

    @staticmethod
    def _correction(row) -> CorrectionRow:
        return CorrectionRow(row[0], ClaimIdentity(*row[1:6]), ClaimIdentity(*row[6:11]), row[11], row[12])

    def add_correction(self, figure: ClaimIdentity, other: ClaimIdentity, note: str | None = None
                       ) -> tuple[CorrectionRow, bool]:
        a, b = figure.normal(), other.normal()
        if a == b:
            raise ValueError("a claim cannot be marked as not the same as itself")
        side_a, side_b = self._SIDE.format(p="a"), self._SIDE.format(p="b")
        find = (f"SELECT {self._CORRECTION_COLUMNS} FROM corrections WHERE ({side_a} AND {side_b}) OR "
                f"({side_a} AND {side_b})")
        ident = lambda x: (x.claimant, x.measure, x.low, x.high, x.claim_date)   # noqa: E731
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                row = self._db.execute(find, (*ident(a), *ident(b), *ident(b), *ident(a))).fetchone()
                created = row is None
                if created:
                    cid = self._db.execute(
                        "INSERT INTO corrections (a_claimant, a_measure, a_low, a_high, a_date, b_claimant, b_measure, "
                        "b_low, b_high, b_date, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (*ident(a), *ident(b), note, now)).lastrowid
                    row = self._db.execute(f"SELECT {self._CORRECTION_COLUMNS} FROM corrections WHERE id = ?",
                                           (cid,)).fetchone()
                self._db.execute("COMMIT")
            except sqlite3.Error as exc:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise StoreError(f"cannot write the claim set at {self.path}: {exc}", _reason(exc)) from exc
        return self._correction(row), created

    def corrections(self, measures: Iterable[str] | None = None) -> list[CorrectionRow]:
        if measures is None:
            rows = self._query(f"SELECT {self._CORRECTION_COLUMNS} FROM corrections ORDER BY id")
            return [self._correction(r) for r in rows]
        keys = sorted(set(measures))
        found: dict[int, CorrectionRow] = {}
        for i in range(0, len(keys), 400):
            chunk = keys[i:i + 400]
            marks = ",".join("?" * len(chunk))
            for r in self._query(f"SELECT {self._CORRECTION_COLUMNS} FROM corrections WHERE a_measure IN ({marks}) "
                                 f"OR b_measure IN ({marks})", chunk + chunk):
                found[r[0]] = self._correction(r)
        return [found[k] for k in sorted(found)]

    def delete_correction(self, correction_id: int) -> bool:
        with self._lock:
            try:
                n = self._db.execute("DELETE FROM corrections WHERE id = ?", (correction_id,)).rowcount
            except sqlite3.Error as exc:
                raise StoreError(f"cannot write the claim set at {self.path}: {exc}", _reason(exc)) from exc
        return n > 0

    # ---------------------------------------------------------------- feeds

    _FEED_COLUMNS = ("f.id, f.url, f.title, f.site_url, f.etag, f.last_modified, f.added_at, f.last_fetch, f.last_ok, "
                     "f.last_error, f.failures, f.next_try, f.entries, "
                     "(SELECT count(*) FROM sources s WHERE s.feed_id = f.id), "
                     "(SELECT count(*) FROM reports r JOIN sources s ON s.id = r.source_id WHERE s.feed_id = f.id)")

    def _write(self, fn):
        """fn(db) in one IMMEDIATE transaction; a SQLite error is a StoreError, nothing half-written."""
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                out = fn(self._db)
                self._db.execute("COMMIT")
                return out
            except BaseException as exc:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise StoreError(f"cannot write the claim set at {self.path}: {exc}", _reason(exc)) from exc
                raise

    def add_feed(self, url: str, *, title: str | None = None, site_url: str | None = None) -> tuple[FeedRow, bool]:
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")

        def add(db):
            return db.execute("INSERT INTO feeds (url, title, site_url, added_at) VALUES (?, ?, ?, ?) "
                              "ON CONFLICT (url) DO NOTHING", (url, title, site_url, now)).rowcount > 0
        created = self._write(add)
        return self.feed(url), created

    def feeds(self) -> list[FeedRow]:
        return [FeedRow(*r) for r in self._query(f"SELECT {self._FEED_COLUMNS} FROM feeds f ORDER BY f.id")]

    def feed(self, url: str) -> FeedRow | None:
        rows = self._query(f"SELECT {self._FEED_COLUMNS} FROM feeds f WHERE f.url = ?", (url,))
        return FeedRow(*rows[0]) if rows else None

    def delete_feed(self, url: str) -> bool:
        return self._write(lambda db: db.execute("DELETE FROM feeds WHERE url = ?", (url,)).rowcount > 0)

    _SOURCE_COLUMNS = ("s.id, s.key, s.url, s.outlet, s.published, s.title, s.content_hash, s.ingested_at, "
                       "(SELECT count(*) FROM reports r WHERE r.source_id = s.id), s.copy_of")

    def _forget(self, db, where: str, params) -> Forgotten:
        """Remove the sources `where` selects (in the caller's transaction), their reports, and the claims and
        measures no report carries any more."""
        rows = [SourceRow(*r) for r in db.execute(
            f"SELECT {self._SOURCE_COLUMNS} FROM sources s WHERE {where} ORDER BY s.id", params)]
        gone = Forgotten(sources=rows)
        if not rows:
            return gone
        ids = [r.id for r in rows]
        claims0, measures0 = db.execute("SELECT (SELECT count(*) FROM claims), (SELECT count(*) FROM measures)").fetchone()
        _release(db, set(ids))
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            touched = [r[0] for r in db.execute(f"SELECT DISTINCT claim_id FROM reports WHERE source_id IN ({marks})",
                                                chunk)]
            gone.reports += db.execute(f"DELETE FROM reports WHERE source_id IN ({marks})", chunk).rowcount
            db.execute(f"DELETE FROM sources WHERE id IN ({marks})", chunk)
            _drop_orphans(db, touched)
        claims1, measures1 = db.execute("SELECT (SELECT count(*) FROM claims), (SELECT count(*) FROM measures)").fetchone()
        gone.claims, gone.measures = claims0 - claims1, measures0 - measures1
        return gone

    def forget(self, before: str) -> Forgotten:
        day = date.fromisoformat(before).isoformat()          # ValueError for anything but a day
        return self._write(lambda db: self._forget(
            db, "ifnull(substr(s.published, 1, 10), substr(s.ingested_at, 1, 10)) < ?", (day,)))

    def forget_feed(self, url: str) -> Forgotten | None:
        def run(db):
            row = db.execute("SELECT id FROM feeds WHERE url = ?", (url,)).fetchone()
            if row is None:
                return None
            gone = self._forget(db, "s.feed_id = ?", (row[0],))
            db.execute("DELETE FROM feeds WHERE id = ?", (row[0],))
            return gone
        return self._write(run)

    def size(self) -> int:
        """The file and its write-ahead log, as they are on disk; an in-memory store's pages."""
        files = [Path(str(self.path) + suffix) for suffix in ("", "-wal")] \
            if str(self.path) != ":memory:" and not str(self.path).startswith("file:") else []
        if files and files[0].exists():
            return sum(f.stat().st_size for f in files if f.exists())
        count, size = self._query("SELECT * FROM pragma_page_count(), pragma_page_size()")[0]
        return count * size

    def claim_due_feeds(self, now: str, hold_until: str, *, every: bool = False) -> list[FeedRow]:
        def claim(db):
            due = "1" if every else "(next_try IS NULL OR next_try <= ?)"
            ids = [r[0] for r in db.execute(f"SELECT id FROM feeds WHERE {due} ORDER BY id",
                                            () if every else (now,))]
            for i in range(0, len(ids), 500):
                chunk = ids[i:i + 500]
                db.execute(f"UPDATE feeds SET next_try = ? WHERE id IN ({','.join('?' * len(chunk))})",
                           (hold_until, *chunk))
            return ids
        ids = set(self._write(claim))
        return [f for f in self.feeds() if f.id in ids]

    def record_fetch(self, feed_id: int, now: str, fetch: FeedFetch) -> None:
        if fetch.error is None:
            sql = ("UPDATE feeds SET last_fetch = ?, last_ok = ?, last_error = ?, failures = 0, next_try = NULL, "
                   "etag = ifnull(?, etag), last_modified = ifnull(?, last_modified), title = ifnull(?, title), "
                   "site_url = ifnull(site_url, ?), entries = ifnull(?, entries) WHERE id = ?")
            params = (now, now, fetch.note, fetch.etag, fetch.last_modified, fetch.title, fetch.site_url, fetch.entries, feed_id)
        else:
            sql = ("UPDATE feeds SET last_fetch = ?, last_error = ?, failures = failures + 1, next_try = ? "
                   "WHERE id = ?")
            params = (now, fetch.error, fetch.next_try, feed_id)
        self._write(lambda db: db.execute(sql, params))

    def integrity_check(self) -> str:
        return self._query("PRAGMA integrity_check")[0][0]

    def close(self) -> None:
        with self._lock:
            self._db.close()


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def open_store(path: str | Path | None = None) -> SQLiteStore:
    return SQLiteStore(path)
