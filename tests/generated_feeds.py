"""Generated outlets (news_generator.py) served on loopback: each outlet on an address of its own (127.0.0.2,
127.0.0.3, ...: one host per outlet, as on the web, so the fetcher's one-request-at-a-time-per-host rule is what it
is for real), its feed at /<outlet>/feed.xml, its articles under /<outlet>/, a robots.txt that allows everything.
Feeds of outlets with validators answer a conditional GET with 304.

In a thread of the caller's process (`with GeneratedFeeds(outlets) as gf: gf.feed_urls`), or in a process of
its own for a load run (`python tests/generated_feeds.py --feeds 50 --articles 2000` prints one JSON line with the
feed urls once it listens, and serves until its standard input closes)."""
from __future__ import annotations

import argparse
import asyncio
import json
import sys
import threading
from collections import Counter
from pathlib import Path

from aiohttp import web

sys.path.insert(0, str(Path(__file__).resolve().parent))
from news_generator import Outlet, feed, newsroom, page  # noqa: E402

ROBOTS = b"User-agent: *\nAllow: /\n"
LAST_MODIFIED = "Tue, 01 Jul 2025 00:00:00 GMT"


def host_of(outlet: Outlet) -> str:
    """The outlet's own loopback address (127.0.0.2 onwards; 127.0.0.0/8 is all loopback on Linux)."""
    return f"127.0.{outlet.index // 250}.{outlet.index % 250 + 2}"


class GeneratedFeeds:
    def __init__(self, outlets: list[Outlet]):
        self.outlets = outlets
        self.hits: Counter = Counter()          # requests per path
        self.bases: dict[int, str] = {}         # outlet index -> http://host:port
        self._bodies: dict[str, tuple[bytes, str]] = {}
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._runner: web.AppRunner | None = None

    @property
    def feed_urls(self) -> list[str]:
        return [f"{self.bases[o.index]}/{o.slug}/feed.xml" for o in self.outlets]

    def article_urls(self) -> dict[str, tuple[Outlet, object]]:
        """Every article's address: (its outlet, the article)."""
        return {f"{self.bases[o.index]}/{a.path_in_site}": (o, a) for o in self.outlets for a in o.articles}

    def copies(self) -> dict[str, str]:
        """{a syndicated copy's address: the address of the story it runs again}."""
        urls = self.article_urls()
        where = {(o.index, a.slug): u for u, (o, a) in urls.items()}
        return {u: where[a.copy_of] for u, (_, a) in urls.items() if a.copy_of}

    def _app(self) -> web.Application:
        app = web.Application()

        async def serve(request: web.Request) -> web.Response:
            self.hits[request.path] += 1
            if request.path == "/robots.txt":
                return web.Response(body=ROBOTS, content_type="text/plain")
            got = self._bodies.get(request.path)
            if got is None:
                raise web.HTTPNotFound()
            body, ctype = got
            if ctype != "text/html":
                outlet = next(o for o in self.outlets if request.path == f"/{o.slug}/feed.xml")
                if outlet.validators:
                    etag = f'"{outlet.slug}-{len(outlet.articles)}"'
                    if request.headers.get("If-None-Match") == etag:
                        return web.Response(status=304, headers={"ETag": etag})
                    return web.Response(body=body, headers={"Content-Type": ctype, "ETag": etag,
                                                            "Last-Modified": LAST_MODIFIED})
            return web.Response(body=body, headers={"Content-Type": ctype})
        app.router.add_get("/{tail:.*}", serve)
        return app

    async def _start(self) -> None:
        self._runner = web.AppRunner(self._app(), shutdown_timeout=0.5, access_log=None)
        await self._runner.setup()
        for o in self.outlets:
            site = web.TCPSite(self._runner, host_of(o), 0)
            await site.start()
            port = site._server.sockets[0].getsockname()[1]
            self.bases[o.index] = base = f"http://{host_of(o)}:{port}"
            ctype = "application/atom+xml" if o.atom else "application/rss+xml"
            self._bodies[f"/{o.slug}/feed.xml"] = (feed(o, base), ctype)
            for a in o.articles:
                self._bodies[f"/{a.path_in_site}"] = (page(a, o, f"{base}/{a.path_in_site}"), "text/html")

    def __enter__(self) -> "GeneratedFeeds":
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(60)
        return self

    def __exit__(self, *exc) -> None:
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(30)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--feeds", type=int, default=50)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args(argv)
    outlets = newsroom(args.feeds, args.articles, seed=args.seed)
    with GeneratedFeeds(outlets) as gf:
        print(json.dumps({"feeds": gf.feed_urls, "articles": sorted(gf.article_urls()), "copies": gf.copies()}),
              flush=True)
        sys.stdin.read()           # until the parent closes our standard input (or dies)
    return 0


if __name__ == "__main__":
    sys.exit(main())
