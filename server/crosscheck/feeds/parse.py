"""Reading what the fetcher brings: an RSS or Atom feed's entries (feedparser), the feeds a site's page names
(`<link rel="alternate">`, selectolax), and a reader's OPML list of feeds. Pure functions of bytes: no network."""
from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urljoin, urldefrag, urlsplit

import feedparser
from selectolax.lexbor import LexborHTMLParser as HTMLParser

FEED_TYPES = ("application/rss+xml", "application/atom+xml")
FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
MAX_ENTRIES = 200      # entries read from one feed at a time (newest first, as feeds list them)


class NotAFeed(ValueError):
    """The bytes are no RSS or Atom feed (an HTML page, an error page, garbage)."""


@dataclass
class Entry:
    link: str                      # absolute http(s), without fragment: the article's key in the claim set
    title: str | None = None
    published: date | None = None
    outlet: str | None = None      # the entry's <source> (an aggregator's feed names each item's outlet)


@dataclass
class Feed:
    title: str | None
    site_url: str | None
    entries: list[Entry] = field(default_factory=list)
    problem: str | None = None     # malformed, yet entries could be read: said, not fatal


def _day(parsed) -> date | None:
    if not parsed:
        return None
    try:
        return date(*time.struct_time(parsed)[:3])
    except (TypeError, ValueError):
        return None


def _absolute(link: str | None, base: str) -> str | None:
    if not link or not isinstance(link, str):
        return None
    url = urldefrag(urljoin(base, link.strip()))[0]
    return url if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc else None


def parse_feed(body: bytes, url: str, content_type: str | None = None) -> Feed:
    """The feed's title, site and entries (relative links resolved against the feed's address, duplicates
    dropped, at most MAX_ENTRIES); NotAFeed when there is no feed in the bytes."""
    d = feedparser.parse(bytes(body), response_headers={"content-location": url,
                                                        "content-type": content_type or "application/xml"})
    if not d.get("version") and not d.entries:
        why = d.get("bozo_exception")
        kind = (content_type or "").split(";")[0].strip() or "unknown type"
        raise NotAFeed(f"not an RSS or Atom feed ({kind}" + (f": {_short(why)})" if why else ")"))
    entries: dict[str, Entry] = {}
    for e in d.entries[:MAX_ENTRIES * 2]:
        link = _absolute(e.get("link"), url) or _absolute(e.get("id") if e.get("guidislink", True) else None, url)
        if link is None or link in entries:
            continue
        source = e.get("source") or {}
        entries[link] = Entry(link, e.get("title"), _day(e.get("published_parsed") or e.get("updated_parsed")),
                              (source.get("title") or "").strip() or None)
        if len(entries) == MAX_ENTRIES:
            break
    problem = None
    if d.get("bozo"):
        read = f"{len(entries)} entry" if len(entries) == 1 else f"{len(entries)} entries"
        problem = f"the feed is malformed ({_short(d.get('bozo_exception'))}); {read} read"
    meta = d.get("feed", {})
    return Feed((meta.get("title") or "").strip() or None, _absolute(meta.get("link"), url), list(entries.values()),
                problem)


def _short(exc) -> str:
    return " ".join(str(exc).split())[:200] if exc else ""


def feed_links(html: bytes | str, url: str) -> list[str]:
    """The feeds a page names in `<link rel="alternate" type="application/rss+xml|atom+xml" href>`, in order."""
    tree = HTMLParser(html if isinstance(html, str) else html.decode("utf-8", "replace"))
    base = url
    for b in tree.css("base[href]"):
        base = urljoin(url, b.attributes.get("href") or "")
        break
    found: list[str] = []
    for link in tree.css("link[href]"):
        a = link.attributes
        rel = (a.get("rel") or "").lower().split()
        kind = (a.get("type") or "").lower().split(";")[0].strip()
        if "alternate" in rel and kind in FEED_TYPES:
            href = _absolute(a.get("href"), base)
            if href and href not in found:
                found.append(href)
    return found


class NotOpml(ValueError):
    pass


@dataclass
class Outline:
    url: str
    title: str | None = None
    site_url: str | None = None


def parse_opml(data: bytes) -> list[Outline]:
    """The feeds of an OPML file (every outline with an xmlUrl, nested in folders or not), duplicates dropped."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise NotOpml(f"not an OPML file: {exc}") from None
    if root.tag.lower() != "opml":
        raise NotOpml(f"not an OPML file: its root is <{root.tag[:50]}>, not <opml>")
    out: dict[str, Outline] = {}
    for node in root.iter("outline"):
        a = {k.lower(): v for k, v in node.attrib.items()}
        url = (a.get("xmlurl") or "").strip()
        if url and url not in out:
            out[url] = Outline(url, (a.get("title") or a.get("text") or "").strip() or None,
                               (a.get("htmlurl") or "").strip() or None)
    return list(out.values())
