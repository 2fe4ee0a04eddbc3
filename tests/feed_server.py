"""A feed server on loopback for the feed tests, in a thread of its own (so that a test, a subprocess of the CLI or
the app under test can fetch from it while it runs): the five seed pages as an RSS 2.0 feed, other fixture
pages as Atom, and every kind of trouble a followed feed can be in. `hits` counts requests per path."""
from __future__ import annotations

import asyncio
import json
import threading
from collections import Counter
from datetime import date, datetime, timezone
from email.utils import format_datetime
from pathlib import Path

from aiohttp import web

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "fixtures" / "pages"
COPIES = ROOT / "fixtures" / "copies"
HUGE_BYTES = 3 * 1024 * 1024
ETAG = '"seeds-1"'
LAST_MODIFIED = "Tue, 05 Nov 2024 12:00:00 GMT"


def _rfc822(day: str) -> str:
    d = date.fromisoformat(day)
    return format_datetime(datetime(d.year, d.month, d.day, 10, tzinfo=timezone.utc), usegmt=True)


def seeds() -> list[dict]:
    return json.loads((ROOT / "fixtures" / "sources.json").read_text(encoding="utf-8"))["sources"]


def seeds_rss(pages: str = "pages") -> bytes:
    """The five seed pages of fixtures/sources.json, each with its outlet (<source>) and publication day; served
    under /pages/ (or /slow-pages/, a page a second)."""
    items = "".join(
        f"<item><title>{s['id']}</title><link>/{pages}/{Path(s['path']).name}</link>"
        f"<guid>/{pages}/{Path(s['path']).name}</guid>"
        f"<pubDate>{_rfc822(s['published'])}</pubDate><source url=\"{s['url']}\">{s['outlet']}</source></item>"
        for s in seeds())
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Seeds</title>'
            f"<link>/</link><description>the seed pages</description>{items}</channel></rss>").encode()


# one wire story in two outlets (fixtures/copies/README.md), and another outlet's own story of the same floods
WIRE = b"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Floods</title><link>/</link>
<description>one story twice, and another</description>
<item><title>Orbis</title><link>/pages/more-flood-orbis.html</link><source url="/">Orbis</source>
  <pubDate>Wed, 27 Aug 2025 11:42:00 +0500</pubDate></item>
<item><title>Observer</title><link>/copies/flood-observer.html</link><source url="/">The Sindh Observer</source>
  <pubDate>Wed, 27 Aug 2025 16:00:00 +0500</pubDate></item>
<item><title>Indus</title><link>/pages/more-flood-indus.html</link><source url="/">Daily Indus Times</source>
  <pubDate>Thu, 28 Aug 2025 09:00:00 +0500</pubDate></item>
</channel></rss>"""


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="/pages/">
  <title>Flood desk</title><id>urn:flood</id><updated>2024-09-01T00:00:00Z</updated>
  <link rel="alternate" href="/"/>
  <entry><title>Indus</title><id>urn:indus</id><updated>2024-08-30T00:00:00Z</updated>
    <link rel="alternate" href="more-flood-indus.html"/></entry>
  <entry><title>Orbis</title><id>urn:orbis</id><updated>2024-08-31T00:00:00Z</updated>
    <link rel="alternate" href="more-flood-orbis.html"/></entry>
</feed>"""

# relative links, one listed twice and once more with a fragment: one article
RELATIVE = b"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Budget desk</title><link>/</link>
<item><title>a</title><link>../pages/more-budget-fmw.html</link></item>
<item><title>a again</title><link>/pages/more-budget-fmw.html</link></item>
<item><title>a, anchored</title><link>../pages/more-budget-fmw.html#top</link></item>
</channel></rss>"""

# says utf-8, holds latin-1 bytes: read anyway, and the trouble said
BROKEN_ENCODING = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Grève à Paris</title>'
                   '<link>/</link><item><title>Grève</title><link>/pages/more-strike-seinepost.html</link></item>'
                   '</channel></rss>').encode("latin-1")

TRUNCATED = (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Cut</title><link>/</link>'
             b'<item><title>strike</title><link>/pages/more-strike-atlas.html</link></item><item><title>half an it')

SITE = b"""<!doctype html><html><head><title>A site</title>
<link rel="stylesheet" href="/style.css">
<link rel="alternate" type="application/rss+xml" title="Seeds" href="feeds/seeds.xml">
</head><body><p>A news site.</p></body></html>"""

PLAIN = b"<!doctype html><html><head><title>No feed</title></head><body><p>Nothing to follow.</p></body></html>"

ROBOTS = b"User-agent: *\nDisallow: /private/\n"


class FeedServer:
    """`with FeedServer() as fs: fs.url("/feeds/seeds.xml")`. `slow` is how long /feeds/slow.xml waits."""

    def __init__(self, slow: float = 5.0):
        self.slow = slow
        self.hits: Counter = Counter()
        self.headers: dict[str, dict] = {}
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._runner: web.AppRunner | None = None

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def app(self) -> web.Application:
        app = web.Application()

        @web.middleware
        async def count(request, handler):
            self.hits[request.path] += 1
            self.headers[request.path] = dict(request.headers)
            return await handler(request)
        app.middlewares.append(count)

        def xml(body: bytes, **headers):
            return lambda request: _resp(body, "application/rss+xml", headers)

        async def seeds_feed(request):
            if request.headers.get("If-None-Match") == ETAG:
                return web.Response(status=304, headers={"ETag": ETAG})
            return web.Response(body=seeds_rss(), content_type="application/rss+xml",
                                headers={"ETag": ETAG, "Last-Modified": LAST_MODIFIED})

        async def page(request):
            path = PAGES / request.match_info["name"]
            if path.suffix != ".html" or not path.is_file():
                raise web.HTTPNotFound()
            return web.Response(body=path.read_bytes(), content_type="text/html")

        async def huge(request):
            resp = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
            await resp.prepare(request)
            await resp.write(b'<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title>')
            chunk = b"<item><title>x</title><link>/pages/ajp.html</link></item>" * 1000
            sent = 0
            try:
                while sent < HUGE_BYTES:       # no Content-Length: the limit is counted as the body arrives
                    await resp.write(chunk)
                    sent += len(chunk)
            except (ConnectionError, RuntimeError):
                return resp
            await resp.write(b"</channel></rss>")
            return resp

        async def slow(request):
            await asyncio.sleep(self.slow)
            return _resp(seeds_rss(), "application/rss+xml", {})

        def add(path, handler):
            async def handle(request):
                out = handler(request)
                return await out if asyncio.iscoroutine(out) else out
            app.router.add_get(path, handle)

        add("/robots.txt", lambda r: _resp(ROBOTS, "text/plain", {}))
        add("/feeds/seeds.xml", seeds_feed)
        add("/feeds/atom.xml", lambda r: _resp(ATOM, "application/atom+xml", {}))
        add("/feeds/relative.xml", xml(RELATIVE))
        add("/feeds/broken-encoding.xml", xml(BROKEN_ENCODING))
        add("/feeds/truncated.xml", xml(TRUNCATED))
        add("/feeds/huge.xml", huge)
        add("/feeds/slow.xml", slow)
        add("/feeds/loop-a.xml", lambda r: _redirect("/feeds/loop-b.xml"))
        add("/feeds/loop-b.xml", lambda r: _redirect("/feeds/loop-a.xml"))
        add("/feeds/moved.xml", lambda r: _redirect("/feeds/seeds.xml"))
        # out of the feed's allowance: another port of the machine, and the same server by another name
        add("/feeds/away.xml", lambda r: _redirect(f"http://127.0.0.1:{self.port + 1}/admin"))
        add("/feeds/renamed.xml", lambda r: _redirect(f"http://localhost:{self.port}/feeds/seeds.xml"))
        add("/feeds/error.xml", lambda r: web.Response(status=500, text="boom"))
        add("/feeds/broken-links.xml", xml(
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>Gone</title><link>/</link>'
            b"<item><title>gone</title><link>/pages/no-such-page.html</link></item>"
            b"<item><title>here</title><link>/pages/more-budget-savannah.html</link></item></channel></rss>"))
        add("/private/feed.xml", lambda r: _resp(seeds_rss(), "application/rss+xml", {}))
        add("/site.html", lambda r: _resp(SITE, "text/html", {}))
        add("/plain.html", lambda r: _resp(PLAIN, "text/html", {}))
        add("/pages/{name}", page)

        async def copy_page(request):
            path = COPIES / request.match_info["name"]
            if path.suffix != ".html" or not path.is_file():
                raise web.HTTPNotFound()
            return web.Response(body=path.read_bytes(), content_type="text/html")
        add("/copies/{name}", copy_page)
        add("/feeds/wire.xml", xml(WIRE))

        async def slow_page(request):
            await asyncio.sleep(1)
            return await page(request)
        add("/slow-pages/{name}", slow_page)
        add("/feeds/slow-seeds.xml", lambda r: _resp(seeds_rss("slow-pages"), "application/rss+xml", {}))
        return app

    def __enter__(self) -> "FeedServer":
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(30)
        return self

    async def _start(self) -> None:
        self._runner = web.AppRunner(self.app(), shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]

    def __exit__(self, *exc) -> None:
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(30)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)


def _resp(body: bytes, content_type: str, headers: dict) -> web.Response:
    return web.Response(body=body, headers={"Content-Type": content_type, **headers})


def _redirect(to: str) -> web.Response:
    return web.Response(status=302, headers={"Location": to})
