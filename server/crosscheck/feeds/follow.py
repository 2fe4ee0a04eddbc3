"""Following a feed: a feed's address is checked by fetching it once; a site's page leads to the feed it names
(`<link rel="alternate">`); an OPML file adds its feeds as they are listed (they are fetched at the next refresh)."""
from __future__ import annotations

import asyncio
import functools
from concurrent.futures import Executor
from dataclasses import dataclass

from ..claims.store import ClaimStore, FeedRow
from .fetch import FetchError, Fetcher, Limits, allowance
from .parse import FEED_ACCEPT, NotAFeed, feed_links, parse_feed, parse_opml

MAX_URL = 2048
FOLLOW_BUDGET = 60.0       # seconds to find and check a feed (a site's page, then up to three feeds it names)


class FollowError(ValueError):
    """A URL that cannot be followed, said for the reader (no feed there, cannot be fetched, not http)."""


@dataclass
class Followed:
    feed: FeedRow
    created: bool


async def find_feed(url: str, fetcher: Fetcher) -> tuple[str, str | None, str | None]:
    """(feed url, its title, the site's url) for a feed's or a site's address; FollowError when it has none."""
    allow = allowance(url)
    try:
        resp = await fetcher.get(url, allow=allow, accept=FEED_ACCEPT)
        try:
            feed = parse_feed(resp.body, resp.url, resp.content_type)
            return url, feed.title, feed.site_url
        except NotAFeed as not_feed:
            links = feed_links(resp.body, resp.url)
            if not links:
                raise FollowError(f"no feed at {url}: {not_feed}, and the page names no RSS or Atom feed "
                                  '(<link rel="alternate">)') from None
        errors = []
        for link in links[:3]:
            try:
                fetcher.check(link, allow)         # a public site cannot point us into the reader's network
                got = await fetcher.get(link, allow=allow, accept=FEED_ACCEPT)
                feed = parse_feed(got.body, got.url, got.content_type)
                return link, feed.title, feed.site_url or url
            except (FetchError, NotAFeed) as exc:
                errors.append(f"{link}: {exc}")
        raise FollowError(f"the feeds {url} names cannot be read: " + "; ".join(errors))
    except FetchError as exc:
        raise FollowError(f"cannot fetch {url}: {exc}") from None


def checked_url(url: str) -> str:
    url = (url or "").strip()
    if not url or len(url) > MAX_URL:
        raise FollowError(f"a feed's address is between 1 and {MAX_URL} characters")
    if not url.lower().startswith(("http://", "https://")):
        raise FollowError(f"only http and https feeds can be followed, not {url[:200]!r}")
    return url


async def follow(store: ClaimStore, url: str, *, limits: Limits | None = None, resolver=None,
                 executor: Executor | None = None, budget: float = FOLLOW_BUDGET) -> Followed:
    """Follow the feed at `url`, or the feed the site at `url` names. Following it again keeps it as it is.
    Store calls run in `executor` (the default pool when None); the fetches take at most `budget` seconds."""
    url = checked_url(url)
    loop = asyncio.get_running_loop()
    known = await loop.run_in_executor(executor, store.feed, url)
    if known is not None:
        return Followed(known, False)
    try:
        async with Fetcher(limits, resolver=resolver) as fetcher:
            feed_url, title, site = await asyncio.wait_for(find_feed(url, fetcher), budget)
    except asyncio.TimeoutError:
        raise FollowError(f"cannot fetch {url}: no feed found within {budget:g} s") from None
    row, created = await loop.run_in_executor(
        executor, functools.partial(store.add_feed, feed_url, title=title, site_url=site))
    return Followed(row, created)


def follow_opml(store: ClaimStore, data: bytes) -> tuple[list[FeedRow], list[str]]:
    """The feeds an OPML file lists, followed (not fetched now: the next refresh does); and the problems of the
    outlines that could not be followed (not http, say)."""
    added, problems = [], []
    for outline in parse_opml(data):
        try:
            url = checked_url(outline.url)
        except FollowError as exc:
            problems.append(str(exc))
            continue
        row, created = store.add_feed(url, title=outline.title, site_url=outline.site_url)
        if created:
            added.append(row)
    return added, problems
