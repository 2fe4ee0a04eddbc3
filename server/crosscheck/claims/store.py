"""The claim set: sources, the reports of figures on their pages, the claims those reports carry, and
measures; the feeds a reader follows, which bring sources. `ClaimStore` is the interface; `open_store` opens one
by its location: `SQLiteStore` (store_sqlite.py) is the embedded default (one file, WAL), `PostgresStore`
(store_postgres.py) a team's shared claim set on a PostgreSQL server ("postgresql://..."). Both run the same SQL
(sql.py), so they behave the same.

A claim is one claimant's value for one measure on one day; every report (a figure as it appears on a page)
links to the claim it carries, so five outlets repeating one statement are one claim with five reports."""
from __future__ import annotations

import hashlib
import os
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable

from ..model import Figure, Page

DB_ENV = "CROSSCHECK_DB"
SCHEMA_VERSION = 11


POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(target: str | Path | None) -> bool:
    return isinstance(target, str) and target.lower().startswith(POSTGRES_SCHEMES)


def default_db_path() -> Path:
    """$CROSSCHECK_DB, else the user's data directory ($XDG_DATA_HOME or ~/.local/share)/crosscheck."""
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV])
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "crosscheck" / "claims.sqlite"


def open_store(target: str | Path | None = None) -> "ClaimStore":
    """The claim set at `target`: a postgresql:// URL opens a PostgreSQL store, anything else a SQLite file;
    None: $CROSSCHECK_DB (a URL or a path), else the default SQLite file."""
    target = target if target not in (None, "") else (os.environ.get(DB_ENV) or None)
    if is_postgres_url(target):
        from .store_postgres import PostgresStore
        return PostgresStore(target)
    from .store_sqlite import SQLiteStore
    return SQLiteStore(target)


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
    def sources_with_values(self, asks: list[tuple[str, str | None, float]], tolerance: float, *,
                            since: date | None = None, until: date | None = None,
                            exclude: Iterable[str] = (), limit: int = 20) -> list[int]:
        """The sources that report one of these values (kind, unit, value; within `tolerance`, relative),
        published between `since` and `until` (or on no known day), whose keys are not in `exclude`: the `limit`
        that report most of them, most first."""

    @abstractmethod
    def sources_with_names(self, names: Iterable[str], *, since: date | None = None, until: date | None = None,
                           exclude: Iterable[str] = (), limit: int = 20) -> list[tuple[int, int, int]]:
        """The sources told with at least two of these story names (reading/context.story_names), published
        between `since` and `until` (or on no known day), whose keys are not in `exclude`: (source id, names in
        common, names it has), the `limit` with most in common first. Each name counts for the NAME_POSTINGS
        pages that got it last: a name hundreds of pages share says little of which story."""

    @abstractmethod
    def reports_for_sources(self, source_ids: Iterable[int]) -> list[ReportRow]: ...

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

    # batched reads: a store on a server answers each batch in one round trip; these defaults ask one by one
    def measures_many(self, keys: Iterable[str]) -> dict[str, MeasureRow | None]:
        """measure(key) for each key."""
        return {k: self.measure(k) for k in keys}

    def measures_near_many(self, asks: list[tuple[str | None, list[str] | None, list[str | None] | None]]
                           ) -> list[list[MeasureRow]]:
        """measures_near(what, places=..., statuses=...) for each (what, places, statuses), in order."""
        return [self.measures_near(what, places=places, statuses=statuses) for what, places, statuses in asks]

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

    # what callers need of the store itself, whichever database holds it
    @property
    @abstractmethod
    def location(self) -> str:
        """Where the claim set is, for messages: a file's path, or a server's URL without its password."""

    @property
    @abstractmethod
    def schema_version(self) -> int: ...

    @abstractmethod
    def integrity_check(self) -> str:
        """"ok" when the database and the claim set's invariants are sound, else what is wrong."""

    @abstractmethod
    def reopen(self) -> "ClaimStore":
        """A new store on the same claim set, with connections of its own (a forked server worker's)."""

    @abstractmethod
    def close(self) -> None: ...


def measure_label(counted: str | None, location: str | None, status: str | None, kind: str, unit: str | None) -> str:
    what = counted or (unit if kind != "count" else None) or kind
    where = f" in {location}" if location else ""
    how = {"in_place": "", None: "", "other": ""}.get(status, f" ({status.replace('_', ' ')})" if status else "")
    return f"{what}{where}{how}"


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
