"""The polite fetcher: every request for a followed feed, its robots.txt and the articles it links goes through it.

- only http and https; at most `max_redirects` redirects, each hop checked again; a loop is an error;
- never a loopback, private, link-local or otherwise non-public address, unless the feed itself was given as one
  (`allowance`: its host is such an address, or a loopback name); the allowance covers that host and port only,
  so a public feed cannot turn the server into a scanner of the reader's network. Names are checked where they are
  resolved (GuardedResolver), so the address checked is the address connected to;
- robots.txt honoured for our user agent (once per origin and fetcher; 4xx: all allowed, 5xx: nothing, as RFC 9309
  says), its Crawl-delay too when it is longer than ours;
- one request at a time per host, `delay` seconds apart;
- conditional GET (If-None-Match, If-Modified-Since), timeouts, and a size limit counted as the body arrives
  (after decompression: a small gzip cannot unpack into gigabytes). No cookies are kept or sent.
"""
from __future__ import annotations

import asyncio
import ipaddress
import socket
import urllib.robotparser
from dataclasses import dataclass, field

import aiohttp
from aiohttp.abc import AbstractResolver
from multidict import CIMultiDict
from yarl import URL

USER_AGENT = "Crosscheck/0.1 (a reader's local feed reader)"
ROBOTS_AGENT = "Crosscheck"
REDIRECTS = (301, 302, 303, 307, 308)
ROBOTS_BYTES = 512 * 1024      # RFC 9309: parse at least 500 KiB
MAX_CRAWL_DELAY = 60.0         # a robots.txt cannot make us wait longer than this between requests


class FetchError(Exception):
    """A fetch that failed, said for the reader ('HTTP 404 Not Found', 'no answer within 20 s')."""


@dataclass
class Limits:
    delay: float = 1.0                 # seconds between two requests to one host
    timeout: float = 30.0              # seconds for a whole request, body included
    connect_timeout: float = 10.0
    max_bytes: int = 5 * 1024 * 1024   # a feed or an article larger than this is refused
    max_redirects: int = 5


@dataclass
class Response:
    url: str                  # after redirects
    status: int               # 200, or 304 (not modified: no body)
    body: bytes
    content_type: str | None
    etag: str | None
    last_modified: str | None


def _ip(text: str):
    try:
        ip = ipaddress.ip_address(text.split("%")[0])
    except ValueError:
        return None
    return ip.ipv4_mapped if getattr(ip, "ipv4_mapped", None) else ip


def is_public(address: str) -> bool:
    """A global unicast address: not loopback, private, link-local, shared (CGNAT), reserved or multicast."""
    ip = _ip(address)
    return ip is not None and ip.is_global and not ip.is_multicast


def is_loopback_name(host: str) -> bool:
    host = host.lower().rstrip(".")
    return host == "localhost" or host.endswith(".localhost")


def allowance(url: str) -> tuple[str, int | None] | None:
    """The host and port that a feed given as a loopback or private address may reach (itself, for its articles
    and its robots.txt); None for a feed given by a public name or address."""
    try:
        u = URL(url)
    except ValueError:
        return None
    host = (u.host or "").lower()
    if not host:
        return None
    if is_loopback_name(host) or (_ip(host) is not None and not is_public(host)):
        return host, u.port
    return None


class GuardedResolver(AbstractResolver):
    """Resolves names as usual and keeps only public addresses; a name with none left is refused. Loopback names
    pass: the fetcher lets a request reach one only under the feed's allowance."""

    def __init__(self, inner: AbstractResolver | None = None):
        self._inner = inner or aiohttp.ThreadedResolver()

    async def resolve(self, host: str, port: int = 0, family: int = socket.AF_INET):
        found = await self._inner.resolve(host, port, family)
        if is_loopback_name(host):
            return found
        public = [a for a in found if is_public(a["host"])]
        if not public:
            shown = ", ".join(sorted({a["host"] for a in found}))
            raise OSError(f"{host} resolves to non-public addresses only ({shown}): refused")
        return public

    async def close(self) -> None:
        await self._inner.close()


@dataclass
class _Host:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    last: float = float("-inf")
    delay: float = 0.0


class Fetcher:
    """`async with Fetcher(limits) as f: await f.get(url, allow=allowance(feed_url))`."""

    def __init__(self, limits: Limits | None = None, *, resolver: AbstractResolver | None = None):
        self.limits = limits or Limits()
        self._resolver = resolver
        self._hosts: dict[str, _Host] = {}
        self._robots: dict[str, asyncio.Future] = {}      # origin -> its parsed robots.txt, or why none
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> "Fetcher":
        connector = aiohttp.TCPConnector(resolver=GuardedResolver(self._resolver), limit_per_host=1,
                                         use_dns_cache=False)
        self._session = aiohttp.ClientSession(
            connector=connector, cookie_jar=aiohttp.DummyCookieJar(), trust_env=False,
            headers={"User-Agent": USER_AGENT},
            timeout=aiohttp.ClientTimeout(total=self.limits.timeout, sock_connect=self.limits.connect_timeout))
        return self

    async def __aexit__(self, *exc) -> None:
        if self._session is not None:
            await self._session.close()

    # ------------------------------------------------------------------ checks

    def check(self, url: str, allow: tuple[str, int | None] | None) -> URL:
        """The URL, if it may be fetched: http or https, and a public host unless it is the allowed one."""
        try:
            u = URL(url)
        except ValueError:
            raise FetchError(f"not a URL: {url[:200]!r}") from None
        if u.scheme not in ("http", "https"):
            raise FetchError(f"only http and https addresses are fetched, not {u.scheme or 'a relative'!r} "
                             f"({str(u)[:200]})")
        host = (u.host or "").lower()
        if not host:
            raise FetchError(f"no host in {url[:200]!r}")
        if u.user or u.password:
            raise FetchError("an address with a user name or password is not fetched")
        if is_loopback_name(host) or (_ip(host) is not None and not is_public(host)):
            if allow is None or allow != (host, u.port):
                raise FetchError(f"{host} is a loopback or private address: only a feed given as one reaches it "
                                 "(a feed must not make this machine fetch from its own network)")
        return u

    # ------------------------------------------------------------------ robots.txt

    async def _allowed_by_robots(self, u: URL, allow) -> None:
        origin = str(u.origin())
        task = self._robots.get(origin)
        if task is None:         # one read per origin, however many feeds of that site ask at once
            task = self._robots[origin] = asyncio.ensure_future(self._read_robots(u.origin() / "robots.txt", allow))
        rules = await asyncio.shield(task)
        if isinstance(rules, str):
            raise FetchError(rules)
        if not rules.can_fetch(ROBOTS_AGENT, str(u)):
            raise FetchError(f"robots.txt of {u.host} disallows {u.path_qs[:200]}")

    async def _read_robots(self, robots: URL, allow):
        """The parsed robots.txt, or the reason nothing may be fetched (a string)."""
        status, _, body, _ = await self._follow(str(robots), allow, {}, ROBOTS_BYTES, truncate=True)
        parser = urllib.robotparser.RobotFileParser()
        if 200 <= status < 300:
            parser.parse(body.decode("utf-8", "replace").splitlines())
        elif 400 <= status < 500:
            parser.parse([])                       # no robots.txt: everything allowed
        else:
            return f"robots.txt of {robots.host} answered HTTP {status}: nothing is fetched from it for now"
        delay = parser.crawl_delay(ROBOTS_AGENT)
        if delay:
            self._host(robots).delay = min(float(delay), MAX_CRAWL_DELAY)
        return parser

    # ------------------------------------------------------------------ requests

    def _host(self, u: URL) -> _Host:
        return self._hosts.setdefault((u.host or "").lower(), _Host())

    async def get(self, url: str, *, allow=None, etag: str | None = None, last_modified: str | None = None,
                  accept: str = "*/*") -> Response:
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        status, final, body, resp_headers = await self._follow(url, allow, headers, self.limits.max_bytes,
                                                               robots=True)
        if status == 304:
            return Response(final, 304, b"", None, etag, last_modified)
        if status >= 400:
            raise FetchError(f"HTTP {status} {resp_headers.get('X-Crosscheck-Reason', '')}".rstrip())
        if not 200 <= status < 300:
            raise FetchError(f"HTTP {status}: not a page")
        return Response(final, 200, body, resp_headers.get("Content-Type"), resp_headers.get("ETag"),
                        resp_headers.get("Last-Modified"))

    async def _follow(self, url: str, allow, headers: dict, max_bytes: int, *, robots: bool = False,
                      truncate: bool = False):
        """(status, final url, body, headers) after at most max_redirects redirects, each hop checked."""
        seen: set[str] = set()
        current = url
        for _ in range(self.limits.max_redirects + 1):
            u = self.check(current, allow)
            if robots:
                await self._allowed_by_robots(u, allow)
            status, body, resp_headers = await self._request(u, headers, max_bytes, truncate)
            if status not in REDIRECTS:
                return status, str(u), body, resp_headers
            location = resp_headers.get("Location")
            if not location:
                raise FetchError(f"HTTP {status} redirect without a Location")
            seen.add(str(u))
            try:
                nxt = str(u.join(URL(location)).with_fragment(None))
            except ValueError:
                raise FetchError(f"HTTP {status} redirect to a bad address: {location[:200]!r}") from None
            if nxt in seen:
                raise FetchError(f"redirect loop: {str(u)[:200]} leads back to {nxt[:200]}")
            current = nxt
        raise FetchError(f"more than {self.limits.max_redirects} redirects from {url[:200]}")

    async def _request(self, u: URL, headers: dict, max_bytes: int, truncate: bool):
        assert self._session is not None, "use the Fetcher in `async with`"
        host = self._host(u)
        loop = asyncio.get_running_loop()
        async with host.lock:                     # one request at a time per host, `delay` apart
            wait = host.last + max(self.limits.delay, host.delay) - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            try:
                return await self._send(u, headers, max_bytes, truncate)
            finally:
                host.last = loop.time()

    async def _send(self, u: URL, headers: dict, max_bytes: int, truncate: bool):
        try:
            async with self._session.get(u, headers=headers, allow_redirects=False) as resp:
                got = CIMultiDict(resp.headers)          # header names are case-insensitive
                got["X-Crosscheck-Reason"] = resp.reason or ""
                if resp.status in REDIRECTS or resp.status == 304 or resp.status >= 400:
                    return resp.status, b"", got
                if resp.content_length is not None and resp.content_length > max_bytes and not truncate:
                    raise FetchError(f"{u.host} sends {resp.content_length:,} bytes; the limit is {max_bytes:,}")
                body = bytearray()
                async for chunk in resp.content.iter_chunked(65536):
                    body += chunk
                    if len(body) > max_bytes:
                        if truncate:
                            del body[max_bytes:]
                            break
                        raise FetchError(f"larger than the limit of {max_bytes:,} bytes: not read")
                return resp.status, bytes(body), got
        except asyncio.TimeoutError:
            raise FetchError(f"no complete answer from {u.host} within {self.limits.timeout:g} s") from None
        except aiohttp.ClientConnectorError as exc:
            raise FetchError(f"cannot connect to {u.host}: {exc.os_error or exc}") from None
        except aiohttp.ClientError as exc:
            raise FetchError(f"fetching {str(u)[:200]} failed: {exc.__class__.__name__} {exc}".rstrip()) from None
