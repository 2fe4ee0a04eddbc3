"""A refresh: every due feed fetched once (conditional GET), its new articles fetched and ingested through the
same path as `crosscheck ingest` (page, extract, store.ingest: the same claims), each article in one transaction.

A feed that fails is recorded with its error and tried again after a backoff (5 minutes, doubling, at most a
day); it never stops the others. An article already in the claim set (its link is a source's key) is not fetched
again, nor is a page whose text the claim set holds under another address (an exact copy: its figures would
count twice); one that cannot be fetched is said in the feed's error and tried at the next refresh. An article
that is a syndicated copy of a story the claim set holds (the store recognises it as it is ingested) is added
and counted apart from the new articles: it brings no new story."""
from __future__ import annotations

import asyncio
import logging
from concurrent.futures import Executor
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Callable
from urllib.parse import urlsplit

from ..claims.store import ClaimStore, FeedFetch, FeedRow
from ..reading.pipeline import extract, page_from_html
from .fetch import FetchError, Fetcher, Limits, allowance
from .parse import FEED_ACCEPT, Entry, NotAFeed, parse_feed

log = logging.getLogger("crosscheck.feeds")

BACKOFF = timedelta(minutes=5)        # after the first failure; doubles with each failure in a row
MAX_BACKOFF = timedelta(days=1)
HOLD = timedelta(minutes=20)          # a feed being refreshed is left alone by other refreshes this long
FEEDS_AT_ONCE = 4                     # feeds fetched side by side (each host still one request at a time)
ARTICLE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"


@dataclass
class Summary:
    feeds: int = 0                 # feeds fetched (due ones)
    not_modified: int = 0          # of which answered 304
    new_articles: int = 0          # articles added whose story the claim set did not hold
    syndicated: int = 0            # articles added that are syndicated copies of a story it held (copy_of)
    copies: int = 0                # fetched, but their text is in the claim set under another address: not added
    figures: int = 0               # figures of the articles added (the copies' too)
    claims: int = 0                # claims the claim set gained
    errors: list[dict] = field(default_factory=list)     # {url, error}: feeds and articles that failed

    def as_dict(self) -> dict:
        return asdict(self)


def backoff(failures: int) -> timedelta:
    """How long a feed that failed `failures` times in a row (this one included) waits."""
    return min(BACKOFF * 2 ** max(0, failures - 1), MAX_BACKOFF)


def _iso(t: datetime) -> str:
    return t.isoformat(timespec="seconds")


def _read(body: bytes, entry: Entry, feed_title: str | None):
    page = page_from_html(body, url=entry.link, published=entry.published, outlet=entry.outlet)
    if not entry.outlet and feed_title and page.outlet in (None, urlsplit(entry.link).hostname):
        page.outlet = feed_title          # the page does not name its outlet: the feed does
    return page, extract(page)


async def refresh(store: ClaimStore, *, limits: Limits | None = None, every: bool = False,
                  progress: Callable[[int, int, FeedRow], None] | None = None, resolver=None,
                  executor: Executor | None = None) -> Summary:
    """Fetch every due feed once (`every`: also those waiting out a backoff) and ingest their new articles.
    Store calls and reading (feeds and pages) run in `executor` (the default pool when None), never on the event
    loop."""
    loop = asyncio.get_running_loop()

    def run(fn, *args, **kwargs):
        return loop.run_in_executor(executor, lambda: fn(*args, **kwargs))

    now = datetime.now(timezone.utc)
    due = await run(store.claim_due_feeds, _iso(now), _iso(now + HOLD), every=every)
    summary = Summary(feeds=len(due))
    before = (await run(store.counts))["claims"]
    gate = asyncio.Semaphore(FEEDS_AT_ONCE)
    done = 0
    async with Fetcher(limits, resolver=resolver) as fetcher:
        async def one(feed: FeedRow) -> None:
            nonlocal done
            async with gate:
                try:
                    await _refresh_feed(feed, fetcher, store, summary, run)
                except Exception as exc:  # noqa: BLE001 - one feed's trouble never stops the others
                    log.exception("refreshing %s failed", feed.url)
                    error = f"unexpected: {type(exc).__name__}: {exc}"
                    summary.errors.append({"url": feed.url, "error": error})
                    t = datetime.now(timezone.utc)
                    try:
                        await run(store.record_fetch, feed.id, _iso(t),
                                  FeedFetch(error=error, next_try=_iso(t + backoff(feed.failures + 1))))
                    except Exception:  # noqa: BLE001 - the store itself fails: the hold expires on its own
                        log.exception("cannot record the failure of %s", feed.url)
            done += 1
            if progress:
                progress(done, len(due), feed)
        await asyncio.gather(*(one(f) for f in due))
    summary.claims = (await run(store.counts))["claims"] - before
    return summary


async def _refresh_feed(feed: FeedRow, fetcher: Fetcher, store: ClaimStore, summary: Summary, run) -> None:
    allow = allowance(feed.url)
    now = datetime.now(timezone.utc)
    try:
        resp = await fetcher.get(feed.url, allow=allow, etag=feed.etag, last_modified=feed.last_modified,
                                 accept=FEED_ACCEPT)
        if resp.status == 304:
            summary.not_modified += 1
            await run(store.record_fetch, feed.id, _iso(now), FeedFetch(entries=feed.entries))
            return
        parsed = await run(parse_feed, resp.body, resp.url, resp.content_type)    # feedparser: ~10 ms a feed
    except (FetchError, NotAFeed) as exc:
        error = str(exc)
        summary.errors.append({"url": feed.url, "error": error})
        wait = backoff(feed.failures + 1)
        await run(store.record_fetch, feed.id, _iso(now), FeedFetch(error=error, next_try=_iso(now + wait)))
        return
    failed: list[str] = []
    for entry in parsed.entries:
        if await run(store.source_by_key, entry.link) is not None:
            continue                      # in the claim set already (this feed's or another's, or ingested)
        try:
            got = await fetcher.get(entry.link, allow=allow, accept=ARTICLE_ACCEPT)
            page, figures = await run(_read, got.body, entry, parsed.title)
            if await run(store.keys_with_content, page.text):
                summary.copies += 1        # the same page twice would count its figures twice
                continue
            row = await run(store.ingest, page, figures, key=entry.link, feed_id=feed.id)
        except Exception as exc:  # noqa: BLE001 - a fetch, a page the reader cannot read, a full disk
            error = str(exc) if isinstance(exc, FetchError) else f"{type(exc).__name__}: {exc}"
            failed.append(f"{entry.link}: {error}")
            summary.errors.append({"url": entry.link, "error": error})
            continue
        if row.copy_of is None:
            summary.new_articles += 1
        else:
            summary.syndicated += 1        # kept with its reports, shown as one source with its story's first page
        summary.figures += row.reports
    notes = [parsed.problem] if parsed.problem else []
    if failed:
        notes.append(f"{len(failed)} of its new articles could not be read (tried again next time): {failed[0]}")
    # validators only when every article is in: else the next fetch, answered 304, would never retry them
    await run(store.record_fetch, feed.id, _iso(datetime.now(timezone.utc)), FeedFetch(
        etag=None if failed else resp.etag, last_modified=None if failed else resp.last_modified,
        title=parsed.title, site_url=parsed.site_url, entries=len(parsed.entries),
        note="; ".join(notes) or None))
