"""`crosscheck migrate`: a claim set copied whole from one store to another (a reporter's SQLite file into the
team's PostgreSQL database, or back), row for row with the same ids, in one transaction of the target: the copy
is all there or not at all. The target must be empty."""
from __future__ import annotations

from .sql import SQLStore
from .store import StoreError

BATCH = 5000

# (table, the column that orders its rows as they were made, its columns): in an order that keeps foreign keys
# whole (a source's copy_of is set once every source is there)
TABLES = [
    ("feeds", "id", "id, url, title, site_url, etag, last_modified, added_at, last_fetch, last_ok, last_error, "
                    "failures, next_try, entries"),
    ("sources", "id", "id, key, url, outlet, published, title, content_hash, ingested_at, feed_id, shingles"),
    ("measures", "rowid", "key, label, counted, location, status, kind, unit, what, count_kind, subject"),
    ("claims", "id", "id, claimant, party, claimant_kind, measure, value_low, value_high, claim_date"),
    ("reports", "id", 'id, source_id, claim_id, text, sentence, exact, prefix, suffix, start, "end", value_low, '
                      "value_high, qualifier, trend, kind, unit, counted, location, status, claimant, "
                      "claimant_mention, party, claimant_kind, claim_date, quoted, measure"),
    ("corrections", "id", "id, a_claimant, a_measure, a_low, a_high, a_date, b_claimant, b_measure, b_low, b_high, "
                          "b_date, note, created_at"),
    ("sketches", "rowid", "source_id, h"),
    ("story_names", "rowid", "source_id, name"),
]


def _batches(store: SQLStore, table: str, order: str, columns: str):
    """The table's rows in the order they were made, BATCH at a time (keyset pages: no offset to skip)."""
    last = -1
    while True:
        rows = store._query(f"SELECT {order}, {columns} FROM {table} WHERE {order} > ? ORDER BY {order} LIMIT ?",
                            (last, BATCH))
        if not rows:
            return
        last = rows[-1][0]
        yield [r[1:] for r in rows]


def copy_claim_set(source: SQLStore, target: SQLStore) -> dict:
    """Copies every row of `source` into the empty `target`; returns the target's counts."""
    held = target.counts()
    if any(held.values()) or target.feeds() or target.corrections():
        raise StoreError(f"{target.location} already holds a claim set ({held['sources']} sources, "
                         f"{held['claims']} claims): migrate copies into an empty one")

    def copy(tx):
        for table, order, columns in TABLES:
            marks = ", ".join("?" * len(columns.split(",")))
            for rows in _batches(source, table, order, columns):
                tx.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)
        for rows in _batches(source, "sources", "id", "id, copy_of"):
            tx.executemany("UPDATE sources SET copy_of = ? WHERE id = ?",
                           [(copy_of, sid) for sid, copy_of in rows if copy_of is not None])
        target._copied(tx)
    target._write(copy)
    return target.counts()
