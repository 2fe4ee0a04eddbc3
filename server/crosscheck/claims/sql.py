"""The claim store's SQL, written once for SQLite and PostgreSQL: `SQLStore` implements `ClaimStore` over a few
hooks that each database fills in (store_sqlite.py, store_postgres.py):

- `_write(fn)` runs fn(tx) in one transaction (PostgreSQL runs it again when a concurrent writer made it fail);
- `_query(sql, params)` reads;
- a transaction `tx` has execute(sql, params) -> cursor, executemany(sql, rows) and in_(column, values).

The SQL is the dialect both speak: `?` placeholders (PostgreSQL's connection translates them), coalesce,
INSERT ... ON CONFLICT DO NOTHING, RETURNING id, NULLS FIRST. The columns that order rows as they were made are
named `rowid` in both (SQLite's own; a PostgreSQL identity column)."""
from __future__ import annotations

import functools
from collections import Counter
from itertools import groupby
from abc import abstractmethod
from datetime import date, datetime, timezone
from typing import Iterable

from ..model import Claimant, Figure, Page
from ..reading.context import StoryContext
from .copies import Sketch, is_copy, sketch
from .store import (ClaimIdentity, ClaimRow, ClaimStore, CorrectionRow, FeedFetch, FeedRow, Forgotten, MeasureRow,
                    ReportRow, SourceRow, content_hash, measure_label)

CHUNK = 500                   # ids or keys per IN (...) list: under SQLite's limit of bound parameters
VALUE_SOURCES = 200           # sources read per value by sources_with_values (a round number is on many pages)
VALUE_BATCH = 20              # values read in one statement by sources_with_values

CLAIM_ID = ("SELECT id FROM claims WHERE coalesce(claimant, '') = coalesce(?, '') AND measure = ? AND value_low = ? "
            "AND coalesce(value_high, -1) = coalesce(?, -1) AND coalesce(claim_date, '') = coalesce(?, '')")

REPORT_COLUMNS = """r.id, r.claim_id, r.source_id, s.key, s.url, s.outlet, s.published, r.sentence, r.text,
    r.value_low, r.value_high, r.qualifier, r.kind, r.unit, r.counted, r.location, r.status, r.claimant,
    r.claimant_mention, r.party, r.claimant_kind, r.claim_date, r.quoted, r.measure, coalesce(s.copy_of, s.id),
    s.title"""

MEASURE_COLUMNS = "key, label, counted, location, status, kind, unit, what, count_kind, subject"

SOURCE_COLUMNS = ("s.id, s.key, s.url, s.outlet, s.published, s.title, s.content_hash, s.ingested_at, "
                  "(SELECT count(*) FROM reports r WHERE r.source_id = s.id), s.copy_of")

FEED_COLUMNS = ("f.id, f.url, f.title, f.site_url, f.etag, f.last_modified, f.added_at, f.last_fetch, f.last_ok, "
                "f.last_error, f.failures, f.next_try, f.entries, "
                "(SELECT count(*) FROM sources s WHERE s.feed_id = f.id), "
                "(SELECT count(*) FROM reports r JOIN sources s ON s.id = r.source_id WHERE s.feed_id = f.id)")

CORRECTION_COLUMNS = ("id, a_claimant, a_measure, a_low, a_high, a_date, b_claimant, b_measure, b_low, b_high, "
                      "b_date, note, created_at")
CORRECTION_SIDE = ("coalesce({p}_claimant, '') = coalesce(?, '') AND {p}_measure = ? AND {p}_low = ? AND "
                   "coalesce({p}_high, -1) = coalesce(?, -1) AND coalesce({p}_date, '') = coalesce(?, '')")

# the invariants of a claim set that no database constraint states: checked by integrity_check on both stores
INVARIANTS = {
    "claims without reports": "SELECT count(*) FROM claims c WHERE NOT EXISTS "
                              "(SELECT 1 FROM reports r WHERE r.claim_id = c.id)",
    "measures without claims": "SELECT count(*) FROM measures m WHERE NOT EXISTS "
                               "(SELECT 1 FROM claims c WHERE c.measure = m.key)",
    "reports of another measure than their claim's": "SELECT count(*) FROM reports r JOIN claims c ON "
                                                      "c.id = r.claim_id WHERE c.measure != r.measure",
    "sources with a hash twice in their sketch": "SELECT count(*) FROM (SELECT source_id FROM sketches GROUP BY "
                                                 "source_id HAVING count(*) != count(DISTINCT h)) twice",
}

CANDIDATE_HASHES = 4          # sketches sharing fewer hashes than this are not even compared
POSTINGS = 16                 # pages counted per hash when looking for candidates: the first that got it
NAME_POSTINGS = 50            # pages counted per story name: the last that got it


class Conflict(Exception):
    """A concurrent writer changed what this transaction read (a claim it found was removed meanwhile): the
    transaction is rolled back and run again (PostgreSQL; SQLite's writers take turns)."""


def _chunks(values: list, size: int = CHUNK):
    for i in range(0, len(values), size):
        yield values[i:i + size]


def _published_between(since: date | None, until: date | None) -> tuple[str, str]:
    """The bounds of `s.published BETWEEN ? AND ?` for a window (ISO days, '~' after any day); all days without."""
    return (since.isoformat(), until.isoformat() + "~") if since and until else ("", "~")


def _report(row) -> ReportRow:
    values = list(row)
    values[22] = bool(values[22])
    return ReportRow(*values)


def _correction(row) -> CorrectionRow:
    return CorrectionRow(row[0], ClaimIdentity(*row[1:6]), ClaimIdentity(*row[6:11]), row[11], row[12])


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# ------------------------------------------------------------------------------ steps inside a transaction

def release(tx, source_ids: set[int]) -> None:
    """Before these sources go (or are replaced): the copies of each that stay get a new first source, the
    oldest of them, which the others then copy."""
    for sid in sorted(source_ids):
        copies = [r[0] for r in tx.execute("SELECT id FROM sources WHERE copy_of = ? ORDER BY id", (sid,))
                  if r[0] not in source_ids]
        if not copies:
            continue
        tx.execute("UPDATE sources SET copy_of = NULL WHERE id = ?", (copies[0],))
        for chunk in _chunks(copies[1:]):
            where, params = tx.in_("id", chunk)
            tx.execute(f"UPDATE sources SET copy_of = ? WHERE {where}", (copies[0], *params))


@functools.lru_cache(maxsize=None)
def _candidates_sql(n: int) -> str:
    """The sources sharing at least CANDIDATE_HASHES of a sketch's n hashes, each hash counted on its first POSTINGS
    rows only: an index range of sketches_h (h = ? AND rowid <= the POSTINGS-th rowid of h)."""
    return (f"WITH j(h) AS (VALUES {','.join(['(?)'] * n)}) "
            "SELECT s.source_id, count(*) AS n FROM j JOIN sketches AS s ON s.h = j.h "
            "WHERE s.rowid <= coalesce((SELECT x.rowid FROM sketches AS x WHERE x.h = j.h ORDER BY x.rowid "
            "LIMIT 1 OFFSET ?), 9223372036854775807) AND s.source_id != ? "
            "GROUP BY s.source_id HAVING count(*) >= ? ORDER BY n DESC, s.source_id LIMIT 20")


@functools.lru_cache(maxsize=None)
def _names_sql(n: int) -> str:
    """The sources sharing at least two of n story names, in a date window, each name counted on the last
    NAME_POSTINGS rows that have it only: an index range of story_names_name (name = ? AND rowid >= the
    NAME_POSTINGS-th last rowid of the name)."""
    return (f"WITH j(name) AS (VALUES {','.join(['(?)'] * n)}) "
            "SELECT n.source_id, s.key, count(*) AS shared, "
            "(SELECT count(*) FROM story_names AS y WHERE y.source_id = n.source_id) "
            "FROM j JOIN story_names AS n ON n.name = j.name JOIN sources AS s ON s.id = n.source_id "
            "WHERE n.rowid >= coalesce((SELECT x.rowid FROM story_names AS x WHERE x.name = j.name "
            "ORDER BY x.rowid DESC LIMIT 1 OFFSET ?), 0) "
            "AND (s.published IS NULL OR s.published BETWEEN ? AND ?) "
            "GROUP BY n.source_id, s.key HAVING count(*) >= 2 ORDER BY shared DESC, n.source_id LIMIT ?")


def find_original(tx, sk: Sketch, source_id: int) -> int | None:
    """The first source of the story whose near-copy a page with this sketch is, if any: the candidates share
    hashes of their sketches (an index lookup), and are then compared (copies.is_copy).

    Each hash counts for the first POSTINGS pages that got it (in the order their sketches were filed), never
    more: a shingle that hundreds of pages share is boilerplate ('this report will be updated as more details
    emerge'), and counting every page that has it made each ingest read a share of the whole table (9.3 ms a
    page with 2,000 generated pages held, growing with them; 1.8 ms so, and bounded). A story's own shingles are
    on its pages only, each of which leads to its first page (copy_of), however many outlets ran it."""
    if not sk.usable:
        return None
    rows = tx.execute(_candidates_sql(len(sk.hashes)),
                      (*sk.hashes, POSTINGS - 1, source_id, CANDIDATE_HASHES)).fetchall()
    if not rows:
        return None
    ids = [cand for cand, _ in rows]
    where, params = tx.in_("id", ids)
    about = {r[0]: r[1:] for r in tx.execute(f"SELECT id, shingles, copy_of FROM sources WHERE {where}", params)}
    theirs: dict[int, list[int]] = {cand: [] for cand in ids}
    where, params = tx.in_("source_id", ids)
    for cand, h in tx.execute(f"SELECT source_id, h FROM sketches WHERE {where}", params):
        theirs[cand].append(h)
    for cand in ids:                       # the most hashes in common first
        shingles, copy_of = about[cand]
        if is_copy(sk, Sketch(tuple(sorted(theirs[cand])), shingles or 0)):
            return copy_of or cand
    return None


def file_sketch(tx, source_id: int, sk: Sketch) -> None:
    """Keep a page's sketch and say which story's copy it is (computed as the page is ingested)."""
    original = find_original(tx, sk, source_id)
    tx.execute("UPDATE sources SET shingles = ?, copy_of = ? WHERE id = ?", (sk.shingles, original, source_id))
    if sk.usable:
        tx.executemany("INSERT INTO sketches (source_id, h) VALUES (?, ?)", [(source_id, h) for h in sk.hashes])


def drop_orphans(tx, claim_ids: list[int]) -> None:
    """Drop the claims among claim_ids (those whose reports were just removed) that no report carries now,
    and their measures when no claim is left: only they can have become orphans."""
    for chunk in _chunks(claim_ids):
        where, params = tx.in_("id", chunk)
        measures = [r[0] for r in tx.execute(
            f"SELECT DISTINCT measure FROM claims WHERE {where} AND NOT EXISTS "
            "(SELECT 1 FROM reports r WHERE r.claim_id = claims.id)", params)]
        tx.execute(f"DELETE FROM claims WHERE {where} AND NOT EXISTS "
                   "(SELECT 1 FROM reports r WHERE r.claim_id = claims.id)", params)
        if measures:
            where, params = tx.in_("key", measures)
            tx.execute(f"DELETE FROM measures WHERE {where} AND NOT EXISTS "
                       "(SELECT 1 FROM claims c WHERE c.measure = measures.key)", params)


def claim_id(tx, claimant, party, claimant_kind, measure: str, low, high, claim_date) -> int:
    """The id of the claim with this identity, made when there is none. The unique index on the identity keeps
    two writers from making it twice: the second one's insert does nothing, and it reads the first one's."""
    tx.execute("INSERT INTO claims (claimant, party, claimant_kind, measure, value_low, value_high, claim_date) "
               "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
               (claimant, party, claimant_kind, measure, low, high, claim_date))
    row = tx.execute(CLAIM_ID, (claimant, measure, low, high, claim_date)).fetchone()
    if row is None:                 # another writer dropped it between the two statements
        raise Conflict(f"the claim of {measure} = {low} was removed meanwhile")
    return row[0]


def add_measure(tx, key: str, counted, location, status, kind: str, unit, what=None, count_kind=None,
                subject=None) -> None:
    tx.execute("INSERT INTO measures (key, label, counted, location, status, kind, unit, what, count_kind, subject) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
               (key, measure_label(counted, location, status, kind, unit), counted, location, status, kind, unit,
                what, count_kind, subject))


def rekey_reports(tx) -> None:
    """Every stored report gets the key this version makes (measure.rekeyed: from its report's sentence, words,
    kind, counted and status, with the old key's place; a page's reports together, dated by its publication day),
    and every measure its what, count_kind and subject. A report moves to the claim of its new key (one is made
    when no claim of that claimant, measure, value and day is there); claims and measures that no report carries
    any more go."""
    from .measure import key_parts, measure_what, rekeyed, stored_figure
    rows = tx.execute("SELECT r.source_id, s.published, r.id, r.claim_id, r.measure, r.sentence, r.text, r.kind, "
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
        for f, row in zip(figures, page_rows):
            # (who claims it and when: measure.by_value tells a page's values apart by them)
            claimant, party, claimant_kind, day = row[14], row[15], row[16], row[19]
            f.claimant = Claimant(claimant, claimant, party, claimant_kind or "organisation") if claimant else None
            f.claim_date = date.fromisoformat(day) if day else None
        keys = rekeyed(figures, int(published[:4]) if published else None)
        for row, f, new in zip(page_rows, figures, keys):
            (_, _, rid, old_claim, old, _, _, kind, unit, _, _, counted, location, status, claimant, party,
             claimant_kind, c_low, c_high, c_date) = row
            f.measure = new
            add_measure(tx, new, counted, location, key_parts(new).status, kind, unit)
            tx.execute("UPDATE measures SET what = ?, count_kind = ?, subject = ? WHERE key = ? AND what IS NULL",
                       (measure_what(f), f.extra["count_kind"], f.extra["subject"], new))
            if new == old:
                continue
            new_claim = claim_id(tx, claimant, party, claimant_kind, new, c_low, c_high, c_date)
            tx.execute("UPDATE reports SET measure = ?, claim_id = ? WHERE id = ?", (new, new_claim, rid))
            moved.add(old_claim)
    drop_orphans(tx, sorted(moved))
    for (key,) in tx.execute("SELECT key FROM measures WHERE what IS NULL").fetchall():
        tx.execute("UPDATE measures SET what = ?, count_kind = CASE WHEN kind = 'count' THEN NULL ELSE kind END "
                   "WHERE key = ?", (key_parts(key).what, key))


def claims_of(tx, source_id: int) -> list[int]:
    return [r[0] for r in tx.execute("SELECT DISTINCT claim_id FROM reports WHERE source_id = ?", (source_id,))]


# ------------------------------------------------------------------------------ the store

class SQLStore(ClaimStore):
    """ClaimStore over SQL that SQLite and PostgreSQL both run. Subclasses open the database, migrate it, and
    provide _write, _query, integrity and size."""

    LIKE = "LIKE"              # case-insensitive in ASCII on SQLite; PostgreSQL's is ILIKE
    FOR_UPDATE = ""            # PostgreSQL locks a source's row while a writer replaces or removes it

    @abstractmethod
    def _write(self, fn):
        """fn(tx) in one transaction; a database error is a StoreError, nothing half-written."""

    @abstractmethod
    def _query(self, sql: str, params=()) -> list: ...

    @abstractmethod
    def _in(self, column: str, values: list) -> tuple[str, list]:
        """A condition that `column` is one of `values`, and its parameters."""

    def _copied(self, tx) -> None:
        """After rows were copied in with their ids (transfer.py): new rows get ids after theirs."""

    def _invariant_errors(self) -> list[str]:
        return [f"{n} {what}" for what, sql in INVARIANTS.items() if (n := self._query(sql)[0][0])]

    # ---------------------------------------------------------------- writes

    def ingest(self, page: Page, figures: list[Figure], *, key: str | None = None,
               feed_id: int | None = None) -> SourceRow:
        """Add a page's figures as one transaction; the same key (url or id) again replaces that page."""
        key = key or page.url
        if not key:
            raise ValueError("a source needs a url or an id")
        sk = sketch(page.text)
        names = StoryContext(page).names
        source_id = self._write(lambda tx: self._ingest(tx, page, figures, key, feed_id, sk, names))
        return self.source(source_id)

    def _ingest(self, tx, page: Page, figures: list[Figure], key: str, feed_id: int | None, sk: Sketch,
                names: tuple[str, ...]) -> int:
        from ..contract import selector
        from .measure import key_parts, measure_what
        now = _now()
        published = page.published.isoformat() if page.published else None
        row = tx.execute("SELECT id FROM sources WHERE key = ?" + self.FOR_UPDATE, (key,)).fetchone()
        touched: list[int] = []
        if row:
            source_id = row[0]
            touched = claims_of(tx, source_id)
            release(tx, {source_id})      # its text may have changed: its copies stand alone
            tx.execute("DELETE FROM sketches WHERE source_id = ?", (source_id,))
            tx.execute("DELETE FROM story_names WHERE source_id = ?", (source_id,))
            tx.execute("DELETE FROM reports WHERE source_id = ?", (source_id,))
            tx.execute("UPDATE sources SET url=?, outlet=?, published=?, title=?, content_hash=?, ingested_at=?, "
                       "feed_id=coalesce(?, feed_id) WHERE id=?",
                       (page.url, page.outlet, published, page.title, content_hash(page.text), now, feed_id,
                        source_id))
        else:       # a concurrent insert of the same key fails on sources' unique key: the writer runs again
            source_id = tx.execute(
                "INSERT INTO sources (key, url, outlet, published, title, content_hash, ingested_at, feed_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (key, page.url, page.outlet, published, page.title, content_hash(page.text), now,
                 feed_id)).fetchone()[0]
        file_sketch(tx, source_id, sk)
        tx.executemany("INSERT INTO story_names (source_id, name) VALUES (?, ?)", [(source_id, n) for n in names])
        for f in figures:
            q = f.quantity
            c = f.claimant
            status = key_parts(f.measure).status     # a measure's status is its key's ('displaced' in place)
            claimant = c.name if c else None
            claim_date = f.claim_date.isoformat() if f.claim_date else None
            add_measure(tx, f.measure, f.counted, f.location, status, q.kind, q.unit, measure_what(f),
                        f.extra.get("count_kind"), f.extra.get("subject"))
            cid = claim_id(tx, claimant, c.party if c else None, c.kind if c else None, f.measure, q.low, q.high,
                           claim_date)
            sel = selector(page, f.start, f.end)
            tx.execute(
                'INSERT INTO reports (source_id, claim_id, text, sentence, exact, prefix, suffix, start, "end", '
                "value_low, value_high, qualifier, trend, kind, unit, counted, location, status, claimant, "
                "claimant_mention, party, claimant_kind, claim_date, quoted, measure) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (source_id, cid, f.text, f.sentence.text, sel.exact, sel.prefix, sel.suffix, sel.start,
                 sel.end, q.low, q.high, q.qualifier, q.trend, q.kind, q.unit, f.counted, f.location, f.status,
                 claimant, c.mention if c else None, c.party if c else None, c.kind if c else None,
                 claim_date, int(f.quoted), f.measure))
        drop_orphans(tx, touched)
        return source_id

    def delete_source(self, source_id: int) -> bool:
        def delete(tx):
            if tx.execute("SELECT id FROM sources WHERE id = ?" + self.FOR_UPDATE, (source_id,)).fetchone() is None:
                return False
            touched = claims_of(tx, source_id)
            release(tx, {source_id})
            tx.execute("DELETE FROM sources WHERE id = ?", (source_id,))
            drop_orphans(tx, touched)
            return True
        return self._write(delete)

    # ---------------------------------------------------------------- reads

    def sources(self) -> list[SourceRow]:
        return [SourceRow(*r) for r in self._query(f"SELECT {SOURCE_COLUMNS} FROM sources s ORDER BY s.id")]

    def source(self, source_id: int) -> SourceRow | None:
        rows = self._query(f"SELECT {SOURCE_COLUMNS} FROM sources s WHERE s.id = ?", (source_id,))
        return SourceRow(*rows[0]) if rows else None

    def keys_with_content(self, text: str) -> set[str]:
        """Keys of sources whose page text is exactly this text: the same page under another address."""
        return {r[0] for r in self._query("SELECT key FROM sources WHERE content_hash = ?", (content_hash(text),))}

    def source_by_key(self, key: str) -> SourceRow | None:
        rows = self._query(f"SELECT {SOURCE_COLUMNS} FROM sources s WHERE s.key = ?", (key,))
        return SourceRow(*rows[0]) if rows else None

    def reports_for_measures(self, measures: Iterable[str]) -> list[ReportRow]:
        return self._reports_where("r.measure", measures, "r.claim_date NULLS FIRST, r.id")

    def _reports_where(self, column: str, values: Iterable, order: str) -> list[ReportRow]:
        """The reports whose `column` is one of `values`, in chunks, each chunk in `order`."""
        out: list[ReportRow] = []
        for chunk in _chunks(sorted(set(values))):
            where, params = self._in(column, chunk)
            rows = self._query(f"SELECT {REPORT_COLUMNS} FROM reports r JOIN sources s ON s.id = r.source_id "
                               f"WHERE {where} ORDER BY {order}", params)
            out.extend(_report(r) for r in rows)
        return out

    def sources_with_values(self, asks: list[tuple[str, str | None, float]], tolerance: float, *,
                            since: date | None = None, until: date | None = None,
                            exclude: Iterable[str] = (), limit: int = 20) -> list[int]:
        exclude = set(exclude)
        first, last = _published_between(since, until)
        hits: Counter = Counter()
        # one indexed range read of reports' values per value, a batch of them in one statement (one round trip
        # to a PostgreSQL server); each read is a subquery of its own, for its own LIMIT
        for batch in _chunks(list(asks), VALUE_BATCH):
            parts, params = [], []
            for i, (kind, unit, value) in enumerate(batch):
                low, high = sorted((value * (1 - tolerance), value * (1 + tolerance)))
                parts.append(f"SELECT * FROM (SELECT DISTINCT {i} AS ask, r.source_id, s.key FROM reports r "
                             "JOIN sources s ON s.id = r.source_id WHERE r.value_low BETWEEN ? AND ? AND r.kind = ? "
                             "AND coalesce(r.unit, '') = ? AND (s.published IS NULL OR s.published BETWEEN ? AND ?) "
                             f"LIMIT ?) v{i}")
                params += [low, high, kind, unit or "", first, last, VALUE_SOURCES]
            rows = self._query(" UNION ALL ".join(parts), params)
            hits.update(source_id for _, source_id, key in rows if key not in exclude)
        return [source_id for source_id, _ in hits.most_common(limit)]

    def sources_with_names(self, names: Iterable[str], *, since: date | None = None, until: date | None = None,
                           exclude: Iterable[str] = (), limit: int = 20) -> list[tuple[int, int, int]]:
        names = sorted(set(names))
        if len(names) < 2:
            return []
        exclude = set(exclude)
        first, last = _published_between(since, until)
        rows = self._query(_names_sql(len(names)), (*names, NAME_POSTINGS - 1, first, last, limit + len(exclude)))
        return [(source_id, shared, size) for source_id, key, shared, size in rows if key not in exclude][:limit]

    def reports_for_sources(self, source_ids: Iterable[int]) -> list[ReportRow]:
        return self._reports_where("r.source_id", source_ids, "r.id")

    def measures_like(self, what: str | None) -> list[MeasureRow]:
        return self.measures_near(what)

    def measures_near(self, what: str | None, *, places: list[str] | None = None,
                      statuses: list[str | None] | None = None) -> list[MeasureRow]:
        read = self._near_sql(what, places, statuses)
        return [MeasureRow(*r) for r in self._query(*read)] if read else []

    def _near_sql(self, what: str | None, places: list[str] | None, statuses: list[str | None] | None
                  ) -> tuple[str, list] | None:
        """measures_near's statement and parameters; None when nothing can match."""
        if places is None and statuses is None:
            return f"SELECT {MEASURE_COLUMNS} FROM measures WHERE what = ? ORDER BY rowid", [what]
        column, values = ("location", places) if places is not None else ("status", statuses)
        given = [v for v in dict.fromkeys(values) if v is not None]
        parts, params = [], []
        if given:
            where, more = self._in(column, given)
            parts.append(f"SELECT rowid FROM measures WHERE what = ? AND {where}")
            params += [what, *more]
        if places is not None or None in values:
            parts.append(f"SELECT rowid FROM measures WHERE what = ? AND {column} IS NULL")
            params += [what]
        if not parts:
            return None
        return (f"SELECT {MEASURE_COLUMNS} FROM measures WHERE rowid IN ({' UNION ALL '.join(parts)}) "
                "ORDER BY rowid", params)

    def measures_many(self, keys: Iterable[str]) -> dict[str, MeasureRow | None]:
        keys = list(dict.fromkeys(keys))
        found: dict[str, MeasureRow | None] = dict.fromkeys(keys)
        for chunk in _chunks(keys):
            where, params = self._in("key", chunk)
            found.update((r[0], MeasureRow(*r)) for r in self._query(f"SELECT {MEASURE_COLUMNS} FROM measures "
                                                                      f"WHERE {where}", params))
        return found

    def measure(self, key: str) -> MeasureRow | None:
        rows = self._query(f"SELECT {MEASURE_COLUMNS} FROM measures WHERE key = ?", (key,))
        return MeasureRow(*rows[0]) if rows else None

    def claims(self, *, measure: str | None = None, claimant: str | None = None, text: str | None = None,
               limit: int = 100, offset: int = 0) -> list[ClaimRow]:
        where, params = [], []
        if measure:
            where.append("c.measure = ?")
            params.append(measure)
        if claimant:
            where.append(f"c.claimant {self.LIKE} ? ESCAPE '\\'")
            params.append("%" + _like(claimant) + "%")
        if text:
            where.append(f"EXISTS (SELECT 1 FROM reports r WHERE r.claim_id = c.id AND "
                         f"(r.sentence {self.LIKE} ? ESCAPE '\\' OR r.counted {self.LIKE} ? ESCAPE '\\'))")
            params += ["%" + _like(text) + "%"] * 2
        sql = ("SELECT c.id, c.claimant, c.party, c.claimant_kind, c.measure, c.value_low, c.value_high, c.claim_date "
               "FROM claims c" + (" WHERE " + " AND ".join(where) if where else "") +
               " ORDER BY c.measure, coalesce(c.claim_date, ''), c.id LIMIT ? OFFSET ?")
        claims = [ClaimRow(*r) for r in self._query(sql, params + [limit, offset])]
        by_id = {c.id: c for c in claims}
        for chunk in _chunks(list(by_id)):
            where, params = self._in("r.claim_id", chunk)
            for r in self._query(f"SELECT {REPORT_COLUMNS} FROM reports r JOIN sources s ON s.id = r.source_id "
                                 f"WHERE {where} ORDER BY r.id", params):
                rep = _report(r)
                by_id[rep.claim_id].reports.append(rep)
        return claims

    def counts(self) -> dict:
        row = self._query("SELECT (SELECT count(*) FROM sources), (SELECT count(*) FROM reports), "
                          "(SELECT count(*) FROM claims), (SELECT count(*) FROM measures)")[0]
        return dict(zip(("sources", "reports", "claims", "measures"), row))

    # ---------------------------------------------------------------- corrections

    def add_correction(self, figure: ClaimIdentity, other: ClaimIdentity, note: str | None = None
                       ) -> tuple[CorrectionRow, bool]:
        a, b = figure.normal(), other.normal()
        if a == b:
            raise ValueError("a claim cannot be marked as not the same as itself")
        side_a, side_b = CORRECTION_SIDE.format(p="a"), CORRECTION_SIDE.format(p="b")
        find = (f"SELECT {CORRECTION_COLUMNS} FROM corrections WHERE ({side_a} AND {side_b}) OR "
                f"({side_a} AND {side_b})")
        ident = lambda x: (x.claimant, x.measure, x.low, x.high, x.claim_date)   # noqa: E731
        now = _now()

        def add(tx):
            self._lock_correction(tx, a, b)
            row = tx.execute(find, (*ident(a), *ident(b), *ident(b), *ident(a))).fetchone()
            if row is not None:
                return row, False
            row = tx.execute(
                "INSERT INTO corrections (a_claimant, a_measure, a_low, a_high, a_date, b_claimant, b_measure, "
                f"b_low, b_high, b_date, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                f"RETURNING {CORRECTION_COLUMNS}", (*ident(a), *ident(b), note, now)).fetchone()
            return row, True
        row, created = self._write(add)
        return _correction(row), created

    def _lock_correction(self, tx, a: ClaimIdentity, b: ClaimIdentity) -> None:
        """Keeps two writers from adding the same pair at once (SQLite's writers take turns already)."""

    def corrections(self, measures: Iterable[str] | None = None) -> list[CorrectionRow]:
        if measures is None:
            return [_correction(r) for r in self._query(f"SELECT {CORRECTION_COLUMNS} FROM corrections ORDER BY id")]
        found: dict[int, CorrectionRow] = {}
        for chunk in _chunks(sorted(set(measures)), 400):
            a_in, a_params = self._in("a_measure", chunk)
            b_in, b_params = self._in("b_measure", chunk)
            for r in self._query(f"SELECT {CORRECTION_COLUMNS} FROM corrections WHERE {a_in} OR {b_in}",
                                 a_params + b_params):
                found[r[0]] = _correction(r)
        return [found[k] for k in sorted(found)]

    def delete_correction(self, correction_id: int) -> bool:
        return self._write(lambda tx: tx.execute("DELETE FROM corrections WHERE id = ?",
                                                 (correction_id,)).rowcount > 0)

    # ---------------------------------------------------------------- feeds

    def add_feed(self, url: str, *, title: str | None = None, site_url: str | None = None) -> tuple[FeedRow, bool]:
        now = _now()
        created = self._write(lambda tx: tx.execute(
            "INSERT INTO feeds (url, title, site_url, added_at) VALUES (?, ?, ?, ?) ON CONFLICT (url) DO NOTHING",
            (url, title, site_url, now)).rowcount > 0)
        return self.feed(url), created

    def feeds(self) -> list[FeedRow]:
        return [FeedRow(*r) for r in self._query(f"SELECT {FEED_COLUMNS} FROM feeds f ORDER BY f.id")]

    def feed(self, url: str) -> FeedRow | None:
        rows = self._query(f"SELECT {FEED_COLUMNS} FROM feeds f WHERE f.url = ?", (url,))
        return FeedRow(*rows[0]) if rows else None

    def delete_feed(self, url: str) -> bool:
        return self._write(lambda tx: tx.execute("DELETE FROM feeds WHERE url = ?", (url,)).rowcount > 0)

    def _forget(self, tx, where: str, params) -> Forgotten:
        """Remove the sources `where` selects (in the caller's transaction), their reports, and the claims and
        measures no report carries any more."""
        ids = [r[0] for r in tx.execute(f"SELECT s.id FROM sources s WHERE {where} ORDER BY s.id{self.FOR_UPDATE}",
                                        params)]
        rows = []
        for chunk in _chunks(ids):
            cond, more = tx.in_("s.id", chunk)
            rows += [SourceRow(*r) for r in tx.execute(f"SELECT {SOURCE_COLUMNS} FROM sources s WHERE {cond} "
                                                       "ORDER BY s.id", more)]
        gone = Forgotten(sources=rows)
        if not rows:
            return gone
        claims0, measures0 = tx.execute("SELECT (SELECT count(*) FROM claims), (SELECT count(*) FROM measures)").fetchone()
        release(tx, set(ids))
        for chunk in _chunks(ids):
            cond, more = tx.in_("source_id", chunk)
            touched = [r[0] for r in tx.execute(f"SELECT DISTINCT claim_id FROM reports WHERE {cond}", more)]
            gone.reports += tx.execute(f"DELETE FROM reports WHERE {cond}", more).rowcount
            cond, more = tx.in_("id", chunk)
            tx.execute(f"DELETE FROM sources WHERE {cond}", more)
            drop_orphans(tx, touched)
        claims1, measures1 = tx.execute("SELECT (SELECT count(*) FROM claims), (SELECT count(*) FROM measures)").fetchone()
        gone.claims, gone.measures = claims0 - claims1, measures0 - measures1
        return gone

    def forget(self, before: str) -> Forgotten:
        day = date.fromisoformat(before).isoformat()          # ValueError for anything but a day
        return self._write(lambda tx: self._forget(
            tx, "coalesce(substr(s.published, 1, 10), substr(s.ingested_at, 1, 10)) < ?", (day,)))

    def forget_feed(self, url: str) -> Forgotten | None:
        def run(tx):
            row = tx.execute("SELECT id FROM feeds WHERE url = ?", (url,)).fetchone()
            if row is None:
                return None
            gone = self._forget(tx, "s.feed_id = ?", (row[0],))
            tx.execute("DELETE FROM feeds WHERE id = ?", (row[0],))
            return gone
        return self._write(run)

    def claim_due_feeds(self, now: str, hold_until: str, *, every: bool = False) -> list[FeedRow]:
        def claim(tx):
            due = "TRUE" if every else "(next_try IS NULL OR next_try <= ?)"
            ids = [r[0] for r in tx.execute(f"SELECT id FROM feeds WHERE {due} ORDER BY id{self.FOR_UPDATE}",
                                            () if every else (now,))]
            for chunk in _chunks(ids):
                where, params = tx.in_("id", chunk)
                tx.execute(f"UPDATE feeds SET next_try = ? WHERE {where}", (hold_until, *params))
            return ids
        ids = set(self._write(claim))
        return [f for f in self.feeds() if f.id in ids]

    def record_fetch(self, feed_id: int, now: str, fetch: FeedFetch) -> None:
        if fetch.error is None:
            sql = ("UPDATE feeds SET last_fetch = ?, last_ok = ?, last_error = ?, failures = 0, next_try = NULL, "
                   "etag = coalesce(?, etag), last_modified = coalesce(?, last_modified), title = coalesce(?, title), "
                   "site_url = coalesce(site_url, ?), entries = coalesce(?, entries) WHERE id = ?")
            params = (now, now, fetch.note, fetch.etag, fetch.last_modified, fetch.title, fetch.site_url,
                      fetch.entries, feed_id)
        else:
            sql = ("UPDATE feeds SET last_fetch = ?, last_error = ?, failures = failures + 1, next_try = ? "
                   "WHERE id = ?")
            params = (now, fetch.error, fetch.next_try, feed_id)
        self._write(lambda tx: tx.execute(sql, params))
