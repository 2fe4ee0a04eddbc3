"""News page -> Page: the article's text blocks (headline, subheadings, paragraphs, quotes, captions) in
reading order, with title, published date, outlet and language.

One pass over the lexbor tree collects text blocks (inline tags joined, whitespace normalised) and, for every
block-level element, the range of blocks under it. The article element is the one whose blocks hold the most
sentence-like, link-poor text net of link and furniture text (readability's idea, scored with prefix sums so
every element costs O(1)); <article>, [itemprop=articleBody] and <main> are preferred when they hold most of it.
Furniture (class/id words from data/boilerplate.json, nav/header/footer/aside/form, hidden elements) is marked
during the walk and left out. Never raises: bad input gives an empty Page.
"""
from __future__ import annotations

import gzip
import json
import re
from datetime import timedelta
from functools import lru_cache
from pathlib import Path
from time import perf_counter

from selectolax.lexbor import LexborHTMLParser

from .lexicon import alternation
from .metadata import (_DATELINE_RE, _DATE_META, _POSTED_RE, _SMALL_HOURS_UTC, _host, _jsonld, _marked_date, _metas,
                       _mk, _month_day, _norm_title, _strip_suffix, _time_date, _url_date, _year_hint, parse_date)
from ..model import Block, Page

MAX_BYTES = 5_000_000          # default size limit: longer HTML is cut before parsing
MAX_DEPTH = 500                # element nesting kept before parsing (lexbor is superlinear in depth)
_SUSPECT_DEPTH = 1500          # the rough pre-scan's estimate above which the tags are really counted
_SUSPECT_TAGS = 8000           # ... and the number of '<' (the 181 benchmark pages have at most 3,229)
_WALK_DEPTH = 600              # recursion guard for the tree walk

# ---------------------------------------------------------------------------------------------- tables

_DATA = Path(__file__).parents[1] / "data" / "boilerplate.json"


def _load_table() -> tuple[frozenset, frozenset, frozenset]:
    try:
        d = json.loads(_DATA.read_text(encoding="utf-8"))
        return frozenset(d.get("strong", ())), frozenset(d.get("weak", ())), frozenset(d.get("tokens", ()))
    except (OSError, ValueError):
        return frozenset({"share", "social", "related", "comment", "comments", "ad", "ads", "advert", "promo",
                          "newsletter", "subscribe", "breadcrumb", "cookie", "mostread", "recommended"}), \
            frozenset({"menu", "nav", "footer", "sidebar", "widget", "tags"}), frozenset({"most-read", "ad-slot"})


_STRONG, _WEAK, _TOKENS = _load_table()
# quick filter: a class/id token with none of the words anywhere in it cannot be furniture (searched in the
# lowercased token, as a character trie: 3x faster than the plain alternation)
_ANY_WORD = alternation({w.lower() for w in _STRONG | _WEAK | _TOKENS}, boundary=False)

# elements whose content is never article text
_SKIP = frozenset({
    "script", "style", "noscript", "template", "svg", "iframe", "head", "button", "select", "option", "textarea",
    "input", "object", "embed", "canvas", "video", "audio", "map", "dialog", "math", "link", "meta", "title",
    "picture", "source", "img", "hr", "datalist", "output", "progress", "meter",
})
# elements that are furniture unless the article turns out to sit inside them
_WEAK_TAGS = frozenset({"nav", "header", "footer", "aside", "form", "menu"})
_INLINE = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins", "kbd",
    "label", "mark", "nobr", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u",
    "var", "wbr", "acronym",
})
_HEADINGS = {"h1": "headline", "h2": "subheading", "h3": "subheading", "h4": "subheading", "h5": "subheading",
             "h6": "subheading"}
_MARK_TAGS = frozenset({"article", "main"})
_BODY_MARKS = frozenset({"articlebody", "articletext", "article-body", "article-text", "story-body", "entry-content",
                         "post-content", "article-content", "story-content", "post-body", "article__body",
                         "td-post-content", "story-text", "article-body-text", "body-text", "articlepage-articlebody",
                         "richtextarticlebody", "article__content", "c-entry-content", "post-entry"})
_QUOTE_WORDS = frozenset({"pullquote", "pull-quote", "blockquote", "quote"})
_CAPTION_WORDS = frozenset({"caption", "wp-caption-text", "figcaption", "image-caption", "photo-caption",
                            "img-caption", "media-caption"})

# WordPress-style taxonomy classes name the post's topics, not the element's role
_TAXONOMY = ("category-", "tag-", "format-", "status-", "postid-", "post-type-", "topic-", "section-")
_EDGE_ONLY = frozenset({"ad", "ads", "adv"})     # "Page-ad-margins" is no ad slot; "top-ad", "ad-box" are
_PART_RE = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


# what a class/id token says about its element, as bits (see _token_marks)
_WEAK_MARK, _STRONG_MARK, _QUOTE_MARK, _CAPTION_MARK, _BODY_MARK = 1, 2, 4, 8, 16
_FURNITURE_MARKS = _WEAK_MARK | _STRONG_MARK
_token_cache: dict[str, int] = {}


def _token_marks(tok: str) -> int:
    """The marks of one class or id token: furniture (weak or strong), quote, caption, article body."""
    low = tok.lower()
    marks = 0
    if low.replace("_", "-") in _BODY_MARKS:
        marks |= _BODY_MARK
    if "quote" in low and (low in _QUOTE_WORDS or low.endswith(("pullquote", "pull-quote"))):
        marks |= _QUOTE_MARK
    if "caption" in low and (low in _CAPTION_WORDS or low.endswith("caption") or low.endswith("caption-text")):
        marks |= _CAPTION_MARK
    if low.startswith(_TAXONOMY) or _ANY_WORD.search(low) is None:
        return marks
    if low in _TOKENS:
        return marks | _STRONG_MARK
    parts = _PART_RE.findall(tok.replace("_", " ").replace("-", " ").replace(":", " "))
    for part in parts:
        p = part.lower()
        if p in _STRONG:
            if p in _EDGE_ONLY and len(parts) > 2 and part is not parts[0] and part is not parts[-1]:
                continue
            return marks | _STRONG_MARK
        if p in _WEAK:
            marks |= _WEAK_MARK
    return marks


@lru_cache(maxsize=16384)
def _class_marks(tokens: str) -> int:
    """The marks of an element from its class and id (joined by a space): its tokens' marks together, a strong
    furniture mark overriding a weak one. Cached per token too: a page's class strings are new combinations of
    tokens its site uses everywhere (20,258 distinct strings on the 181 benchmark pages)."""
    marks = 0
    cache = _token_cache
    for tok in tokens.split():
        m = cache.get(tok)
        if m is None:
            if len(cache) > 50_000:
                cache.clear()
            m = cache[tok] = _token_marks(tok)
        marks |= m
    return marks & ~_WEAK_MARK if marks & _STRONG_MARK else marks


# ---------------------------------------------------------------------------------------------- furniture lines

_COUNTER_RE = re.compile(
    r"^[\W\d]*\d[\d,.\s]*[kKmM]?\s*(views?|comments?|shares?|reads?|likes?|pregleda|komentara|reactions?)\W*$"
    r"|^(views?|comments?|shares?|reads?)\s*:?\s*\d[\d,.]*[kKmM]?$", re.I)
_BYLINE_RE = re.compile(r"^(by|written by|posted by|author|autor|reporting by)\b[\s:]", re.I)
_TIME_ONLY_RE = re.compile(r"^(?:(?:updated|posted|published|last updated|objavljeno)\s*:?\s*(?:on\s+)?)?[\w\s,.:/-]{0,12}"
                           r"\d[\w\s,.:/+-]*$", re.I)
_WEEKDAY_RE = re.compile(r"^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s", re.I)


_AD_LABELS = frozenset({"advertisement", "advertising", "ad", "ads", "sponsored", "sponsored content", "reklama",
                        "oglas", "anzeige", "werbung", "publicidade", "publicidad", "publicité", "pubblicità",
                        "story continues below advertisement", "continue reading below", "skip advert",
                        "article continues below", "scroll to continue with content"})


_DISCLAIMER_RE = re.compile(r"^\s*(?:disclaimer|copyright|©)\b", re.I)
_STAMP_RE = re.compile(r"\b(?:posted|publi\w*|updated|last modified)\b\s*(?:at|on)?\s*:?\s*\S*\d|\b\d{1,2}:\d\d\s*(?:[ap]\.?m\.?)?\b.*\b(?:19|20)\d\d\b"
                       r"|\b(?:19|20)\d\d\b.{0,40}\b\d{1,2}:\d\d\b|\b\d+\s*min(?:ute)?s?\s+read\b", re.I)


def _is_furniture_line(t: str) -> bool:
    """A short line that is only a timestamp, a byline, a counter, a disclaimer or an ad label."""
    n = len(t)
    if _DISCLAIMER_RE.match(t):
        return True
    if n <= 200 and _STAMP_RE.search(t) and not t.rstrip().endswith((".", "!", "?", '"', "\u201d")):
        return True         # "By Park Ung Posted : November 5, 2024, 11:38", "BSS/AFP Published at 4:53 PM"
    if n > 90:
        return False
    if " ".join(t.lower().replace("-", " ").split()).strip(" .:|–—") in _AD_LABELS:
        return True
    if _COUNTER_RE.match(t):
        return True
    if n < 70 and _BYLINE_RE.match(t) and not t.rstrip().endswith((".", "!", "?", '"', "\u201d")):
        return True
    if parse_date(t) is not None and (_TIME_ONLY_RE.match(t) or _WEEKDAY_RE.match(t) or n < 40):
        # date with little else around it
        letters = sum(c.isalpha() for c in t)
        if letters <= 30:
            return True
    return False


# ---------------------------------------------------------------------------------------------- input guards

_CHARSET_RE = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]{2,40})""", re.I)
_VOIDS = (b"<br", b"<img", b"<meta", b"<link", b"<input", b"<hr", b"<source", b"<wbr", b"<col ", b"<area",
          b"<base", b"<embed", b"<param", b"<track", b"<p>", b"<p ", b"<li", b"<td", b"<tr", b"<option", b"<dt",
          b"<dd", b"<th")


def _decode_page(data: bytes) -> tuple[str, bool]:
    """The text of a page's bytes, and whether lexbor can be given the bytes as they are: UTF-8 by declaration
    (or none), strictly valid, no BOM and no NUL (what _decode would change)."""
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) and b"\x00" not in data:
        m = _CHARSET_RE.search(data[:4096])
        if m is None or m.group(1).lower() in (b"utf-8", b"utf8"):
            try:
                return data.decode("utf-8"), True
            except UnicodeDecodeError:
                pass
    return _decode(data), False


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    m = _CHARSET_RE.search(data[:4096])
    enc = m.group(1).decode("ascii", "replace").lower() if m else "utf-8"
    if enc in ("utf-16", "utf-16le", "utf-16be", "unicode"):
        enc = "utf-8"               # a meta tag readable as ASCII means the bytes are not UTF-16
    try:
        return data.decode(enc, "replace")
    except (LookupError, ValueError):
        return data.decode("utf-8", "replace")


def _max_depth_estimate(html: str) -> int:
    """Rough upper estimate of element nesting: running (start tags - end tags) over 64 KB chunks, where a
    chunk's start tags are its '<' minus twice its '</' (void tags and comments count as start tags, so normal
    pages stay in the hundreds; 100,000 nested divs give 100,000)."""
    depth = top = 0
    step = 65536
    for i in range(0, len(html), step):
        depth += html.count("<", i, i + step) - 2 * html.count("</", i, i + step)
        if depth < 0:
            depth = 0
        elif depth > top:
            top = depth
    return top


_TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^>]*>")
_VOID_NAMES = frozenset({"br", "img", "meta", "link", "input", "hr", "source", "wbr", "col", "area", "base", "embed",
                         "param", "track", "keygen"})
_AUTO_CLOSE = frozenset({"p", "li", "td", "tr", "th", "option", "dt", "dd"})


def _flatten(html: str, limit: int) -> str:
    """Drop the start and end tags of elements nested deeper than `limit` (their text stays), and end tags
    that close nothing open."""
    out: list[str] = []
    stack: list[str] = []
    on_stack: dict[str, int] = {}
    dropped: dict[str, int] = {}
    pos = 0
    for m in _TAG_RE.finditer(html):
        name = m.group(2).lower()
        if name in _VOID_NAMES or name in _AUTO_CLOSE or m.group(0).endswith("/>"):
            continue
        if m.group(1):
            if dropped.get(name):
                dropped[name] -= 1
            elif on_stack.get(name):
                while stack:
                    top = stack.pop()
                    on_stack[top] -= 1
                    if top == name:
                        break
                continue
            out.append(html[pos:m.start()])
            pos = m.end()
        elif len(stack) >= limit:
            dropped[name] = dropped.get(name, 0) + 1
            out.append(html[pos:m.start()])
            pos = m.end()
        else:
            stack.append(name)
            on_stack[name] = on_stack.get(name, 0) + 1
    out.append(html[pos:])
    return "".join(out)


def _guard(html: str, max_bytes: int) -> tuple[str, bool]:
    cut = False
    if len(html) > max_bytes:
        i = html.rfind("<", 0, max_bytes)
        html = html[:i if i > max_bytes // 2 else max_bytes]
        cut = True
    # a page with few tags cannot nest deeply; with many, or when the chunk estimate says deep, count exactly
    # (stray end tags between start tags, "<div></x>" * N, fool the estimate but not the tag count)
    # (the estimate never exceeds the number of '<', so half the pages need no estimate)
    tags = html.count("<")
    if tags > _SUSPECT_TAGS or tags > _SUSPECT_DEPTH and _max_depth_estimate(html) > _SUSPECT_DEPTH:
        flat = _flatten(html, MAX_DEPTH)
        if len(flat) != len(html):
            html, cut = flat, True
    return html, cut


# ---------------------------------------------------------------------------------------------- the walk

_ELLIPSIS = ("...", "\u2026")


class _Walk:
    """Collects text blocks and block-level elements (block range, parent) in one recursive pass."""

    __slots__ = ("texts", "kinds", "links", "in_header", "block_el", "buf", "lbuf", "kind", "cur", "el_start",
                 "el_end", "el_mark", "el_parent", "flags", "h1", "header_depth", "teasers")

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.kinds: list[str] = []
        self.links: list[int] = []        # characters of link text in the block
        self.in_header: list[bool] = []
        self.block_el: list[int] = []     # innermost element of each block
        self.buf: list[str] = []
        self.lbuf: list[str] = []
        self.kind = "paragraph"
        self.cur = 0
        self.el_start: list[int] = [0]    # element 0 is <body>
        self.el_end: list[int] = [0]
        self.el_mark: list[int] = [0]     # 3 itemprop=articleBody, 2 <article> or body-like class, 1 <main>
        self.el_parent: list[int] = [0]
        self.flags: list[tuple[int, int, int]] = []   # (start block, end block, 1 weak | 2 strong)
        self.h1: list[tuple[str, int, bool]] = []     # (text, block index, flagged)
        self.header_depth = 0
        self.teasers: set[int] = set()    # blocks that open with a link and end cut short: another page's teaser

    def flush(self) -> None:
        if not self.buf:
            return
        text = " ".join("".join(self.buf).split())
        self.buf = []
        if text:
            self.texts.append(text)
            self.kinds.append(self.kind)
            self.in_header.append(self.header_depth > 0)
            self.block_el.append(self.cur)
            if self.lbuf:
                self.links.append(len(" ".join("".join(self.lbuf).split())))
                if text.endswith(_ELLIPSIS) and text.startswith(self.lbuf[0].strip()):
                    self.teasers.add(len(self.texts) - 1)
            else:
                self.links.append(0)
        self.lbuf = []

    def walk(self, node, in_link: bool, depth: int) -> None:
        c = node.child
        while c is not None:
            tag = c.tag
            if tag == "-text":
                t = c.text_content
                if t:
                    if t.isspace():
                        if self.buf:        # a separator; at a block's start nothing (most are indentation)
                            self.buf.append(" ")
                    else:
                        self.buf.append(t)
                        if in_link:
                            self.lbuf.append(t)
            elif tag[0] != "-" and tag not in _SKIP:
                if tag == "br":
                    self.buf.append(" ")
                    c = c.next
                    continue
                a = c.attributes
                if a:
                    if "hidden" in a or a.get("aria-hidden") == "true":
                        c = c.next
                        continue
                    st = a.get("style")
                    if st and "none" in st and ("display:none" in st.replace(" ", "").lower()):
                        c = c.next
                        continue
                    cls = a.get("class") or ""
                    ide = a.get("id") or ""
                    tokens = cls + " " + ide if ide else cls
                else:
                    tokens = ""
                if depth > _WALK_DEPTH:
                    t = c.text(deep=True, separator=" ")
                    if t:
                        self.buf.append(" " + t + " ")
                    c = c.next
                    continue
                marks = _class_marks(tokens) if tokens else 0
                fl = marks & _FURNITURE_MARKS
                # custom elements ('hl-trusted-source', 'x-price') are inline, as browsers draw unknown elements,
                # unless their classes say what they hold: a block inside one is still a block of its own
                if (tag in _INLINE or "-" in tag and not marks) and not fl:
                    self.walk(c, in_link or tag == "a", depth + 1)
                else:
                    if self.buf:
                        self.flush()
                    start = len(self.texts)
                    old_kind, parent = self.kind, self.cur
                    k = _HEADINGS.get(tag)
                    if k is not None:
                        self.kind = k
                    elif tag == "blockquote":
                        self.kind = "quote"
                    elif tag == "figcaption":
                        self.kind = "caption"
                    elif marks and old_kind == "paragraph":
                        if marks & _QUOTE_MARK:
                            self.kind = "quote"
                        elif marks & _CAPTION_MARK:
                            self.kind = "caption"
                    idx = len(self.el_start)
                    self.el_start.append(start)
                    self.el_end.append(start)
                    self.el_mark.append(0)
                    self.el_parent.append(parent)
                    self.cur = idx
                    if tag == "header":
                        self.header_depth += 1
                    self.walk(c, in_link or tag == "a", depth + 1)
                    if self.buf:
                        self.flush()
                    if tag == "header":
                        self.header_depth -= 1
                    self.kind, self.cur = old_kind, parent
                    end = len(self.texts)
                    if end == start:
                        # nothing under it: forget the element (its descendants are gone already)
                        del self.el_start[idx:], self.el_end[idx:], self.el_mark[idx:], self.el_parent[idx:]
                    else:
                        self.el_end[idx] = end
                        if tag in _MARK_TAGS:
                            self.el_mark[idx] = 2 if tag == "article" else 1
                        elif a:
                            ip = a.get("itemprop")
                            if ip and ip.lower() == "articlebody":
                                self.el_mark[idx] = 3
                            elif marks & _BODY_MARK:
                                self.el_mark[idx] = 2
                        if fl:
                            self.flags.append((start, end, fl))
                        elif tag in _WEAK_TAGS:
                            self.flags.append((start, end, 1))
                        if tag == "h1":
                            self.h1.append((" ".join(self.texts[start:end]), start, False))
            c = c.next


# ---------------------------------------------------------------------------------------------- scoring

_SENT_END = (".", "!", "?", '"', "\u201d", "'", "\u2019", "\u00bb", ":", ")", ";")


def _block_scores(texts: list[str], kinds: list[str], links: list[int],
                  teasers: set[int] = frozenset()) -> tuple[list[float], list[float]]:
    good: list[float] = []
    bad: list[float] = []
    for i, (t, k, ln) in enumerate(zip(texts, kinds, links)):
        n = len(t)
        if k == "headline" or k == "subheading" or k == "caption":
            good.append(0.0)
            bad.append(float(ln))
            continue
        if i in teasers:
            # a linked headline and the first words of another page, cut short ("..."): however long, no
            # article text (a ticker of teasers can outweigh a short article)
            good.append(0.0)
            bad.append(float(n))
            continue
        if ln * 2 < n and (n >= 80 or (n >= 25 and t.endswith(_SENT_END) and " " in t)):
            good.append(float(n - ln))
            bad.append(float(ln))
        else:
            good.append(0.0)
            bad.append(float(n if ln * 2 > n else min(n, 40)) if n < 200 else float(ln))
    return good, bad


def _prefix(xs: list[float]) -> list[float]:
    p = [0.0]
    s = 0.0
    for x in xs:
        s += x
        p.append(s)
    return p


def _best(w: _Walk, good: list[float], bad: list[float]) -> tuple[int, int, float]:
    """(start, end) block range of the article element and its good text.

    Readability's idea: each good block scores for the element around it (full) and the one above (half); the
    best-scoring element, scaled by its share of good text, is the core; the core then grows to an ancestor
    when what the ancestor adds is mostly good text (an article split by ads into several divs) and not
    teasers, lists of links or furniture."""
    n = len(good)
    gp, bp = _prefix(good), _prefix(bad)
    ne = len(w.el_start)
    direct = [0.0] * ne
    par = w.el_parent
    for b in range(n):
        g = good[b]
        if g:
            e = w.block_el[b]
            p = par[e]
            direct[p] += g
            direct[par[p]] += 0.5 * g
    st, en = w.el_start, w.el_end
    w.el_end[0] = n
    best_i, best_sc = 0, 0.0
    for i in range(ne):
        d = direct[i]
        if d > best_sc * 0.5 and d > 0:
            s, e = st[i], en[i]
            g = gp[e] - gp[s]
            sc = d * g / (g + bp[e] - bp[s])
            if w.el_mark[i]:
                sc *= 1.1
            if sc > best_sc:
                best_i, best_sc = i, sc
    if best_sc <= 0:
        return 0, 0, 0.0
    s0, e0 = st[best_i], en[best_i]
    g0, b0 = gp[e0] - gp[s0], bp[e0] - bp[s0]
    best = (s0, e0, g0)
    i = par[best_i]
    hops = 0
    while hops < 40:
        s, e = st[i], en[i]
        xg, xb = gp[e] - gp[s] - g0, bp[e] - bp[s] - b0
        if xg > 0 and xb <= 0.25 * xg + 20:
            best = (s, e, g0 + xg)
        if i == 0:
            break
        i = par[i]
        hops += 1
    return best


# ---------------------------------------------------------------------------------------------- API

def _assemble(items: list[tuple[str, str]]) -> tuple[str, list[Block]]:
    blocks: list[Block] = []
    parts: list[str] = []
    pos = 0
    for kind, text in items:
        if parts:
            pos += 2
        blocks.append(Block(kind, text, pos, pos + len(text)))
        parts.append(text)
        pos += len(text)
    return "\n\n".join(parts), blocks


def parse_html(html: str | bytes, url: str | None = None, max_bytes: int = MAX_BYTES, *,
               timings: dict | None = None) -> Page:
    """The article on an HTML page. Never raises. `timings`, when given, gets the seconds spent parsing
    ("parse": decode, guards and lexbor) and finding the article's blocks ("blocks")."""
    try:
        return _parse_html(html, url, max_bytes, timings)
    except Exception:  # noqa: BLE001 - the contract is to never raise on any input
        return Page(text="", blocks=[], outlet=_host(url), url=url)


def _parse_html(html: str | bytes, url: str | None, max_bytes: int, timings: dict | None = None) -> Page:
    t0 = perf_counter() if timings is not None else 0.0
    raw = None
    if isinstance(html, (bytes, bytearray, memoryview)):
        raw = bytes(html[: max_bytes * 2])
        html, exact = _decode_page(raw)
        if not exact:
            raw = None
    elif isinstance(html, str) and len(html) <= max_bytes:
        try:
            raw = html.encode("utf-8")           # what lexbor would be given anyway; bytes parse faster
        except UnicodeEncodeError:               # lone surrogates: the text path below deals with them
            raw = None
        if raw is not None and b"\x00" in raw:
            raw = None
    if not html or not html.strip():
        return Page(text="", blocks=[], outlet=_host(url), url=url)
    if raw is None and "\x00" in html:
        html = html.replace("\x00", "\ufffd")
    too_long = len(html) > max_bytes
    html, cut = _guard(html, max_bytes)
    # valid UTF-8 bytes go to lexbor as they are (encoding the decoded text again costs a third of the parse)
    tree = LexborHTMLParser(raw if raw is not None and not cut else html)
    if timings is not None:
        t1 = perf_counter()
        timings["parse"] = timings.get("parse", 0.0) + t1 - t0
        t0 = t1
    root = tree.root
    body = tree.body
    w = _Walk()
    if body is not None:
        w.walk(body, False, 0)
        w.flush()

    # ---- metadata
    metas = _metas(tree)
    ld_date, ld_publisher, ld_headline = _jsonld(tree)
    outlet = (ld_publisher or metas.get("og:site_name") or metas.get("application-name") or _host(url))
    outlet = " ".join(outlet.split()) if outlet else None
    title_el = tree.css_first("title")
    html_title = " ".join((title_el.text() or "").split()) if title_el is not None else ""
    og_title = " ".join(metas.get("og:title", "").split()) or " ".join(metas.get("twitter:title", "").split())
    language = None
    if root is not None:
        lang = root.attributes.get("lang") or root.attributes.get("xml:lang")
        if lang:
            language = lang.strip().split("-")[0].split("_")[0].lower() or None
    if language is None and metas.get("og:locale"):
        language = metas["og:locale"].split("_")[0].split("-")[0].lower() or None

    # ---- the h1 that is the title (when the title is known), else the only h1
    headline = None
    h1_block = -1
    ref = og_title or ld_headline or html_title
    if w.h1 and ref:
        nref = _norm_title(_strip_suffix(ref, outlet))
        nfull = _norm_title(ref)
        for t, bi, _ in w.h1:
            nt = _norm_title(t)
            if nt and ((nref and nref in nt) or (nt in nfull and len(nt) >= 0.6 * len(nref))):
                headline, h1_block = t, bi
                break
    elif len(w.h1) == 1:
        headline, h1_block = w.h1[0][0], w.h1[0][1]

    # ---- article element
    texts, kinds, links = w.texts, w.kinds, w.links
    n = len(texts)
    good, bad = _block_scores(texts, kinds, links, w.teasers)
    gp = _prefix(good)
    s2, e2, g2 = _best(w, good, bad) if n else (0, 0, 0.0)
    marked = [(ms, me, gp[me] - gp[ms]) for ms, me, mk in zip(w.el_start, w.el_end, w.el_mark) if mk >= 2]
    flagged = [0] * n
    for fs, fe, f in w.flags:
        gf = gp[fe] - gp[fs]
        if gf > 0:
            # furniture marks around the main text are lifted: a weak mark holding much of the best text
            # element's text, or any mark wrapping a large <article>/articleBody element
            if f == 1 and fs < e2 and fe > s2 and gp[min(fe, e2)] - gp[max(fs, s2)] >= 0.4 * g2:
                continue
            if any(fs <= ms and me <= fe and mg >= 500 and mg >= 0.5 * gf for ms, me, mg in marked):
                continue
        for i in range(fs, fe):
            if f > flagged[i]:
                flagged[i] = f
    good_f = [0.0 if flagged[i] else good[i] for i in range(n)]
    bad_f = [bad[i] + good[i] if flagged[i] else bad[i] for i in range(n)]
    s, e, g = _best(w, good_f, bad_f)
    if g <= 0:
        s, e = 0, n             # no sentence-like text anywhere: keep what is not furniture

    if h1_block < 0:
        for t, bi, _ in w.h1:
            if s <= bi < e:
                headline, h1_block = t, bi
                break
    if headline is None and ref:
        headline = _strip_suffix(ref, outlet)
    if og_title:
        title = _strip_suffix(og_title, outlet)
    elif h1_block >= 0:
        title = headline
    else:
        first_h1 = next((t for t, bi, _ in w.h1 if not flagged[bi]), None)
        title = first_h1 or (_strip_suffix(html_title, outlet) if html_title else None)
    if headline is None:
        headline = title

    # ---- body blocks
    items: list[tuple[str, str]] = []
    if headline:
        items.append(("headline", headline))
    first_par = None
    seen_captions: set[str] = set()
    byline_texts: list[str] = []
    # the standfirst between the headline and the article body ("dek", sub-title) belongs to the article
    lead = []
    if 0 <= h1_block < s:
        for i in range(h1_block + 1, min(s, h1_block + 4)):
            t = texts[i]
            if flagged[i] > 1 or links[i] * 2 > len(t) or len(t) < 30 or _is_furniture_line(t):
                continue
            lead.append(i)
        if len(lead) > 3:
            lead = []           # more than a standfirst: that is a teaser list, not the article
    for i in [*lead, *range(s, e)]:
        t = texts[i]
        if i == h1_block:
            continue
        k = kinds[i]
        if (flagged[i] or w.in_header[i]) and i not in lead:
            if len(t) < 120:
                byline_texts.append(t)
            continue
        ln = links[i]
        if ln * 2 > len(t) and len(t) < 300:
            continue
        if k == "headline":
            if headline and t == headline and i not in lead:
                continue        # the title repeated by a breadcrumb or a sticky header
            k = "subheading"
        if k in ("paragraph", "quote") and len(t) < 100 and _is_furniture_line(t):
            byline_texts.append(t)
            continue
        if k == "caption" and t in seen_captions:
            continue                # a caption repeated by a gallery or lightbox
        if k == "caption":
            seen_captions.add(t)
        if k == "paragraph" and first_par is None:
            first_par = t
        items.append((k, t))
    # a short label left without its content at the end ("Bonus video:", "Read more:")
    while len(items) > 1 and items[-1][0] == "paragraph" and len(items[-1][1]) < 60 and items[-1][1].endswith(":"):
        items.pop()

    # ---- published
    machine = ld_date
    published = parse_date(ld_date)
    if published is None:
        for key in _DATE_META:
            v = metas.get(key)
            if v:
                published = parse_date(v)
                if published:
                    machine = v
                    break
    if published is None:
        published = _time_date(tree) or _marked_date(tree)
    year_hint = None
    if published is None:
        # byline lines inside (or just before) the article: "Posted : November 5, 2024", "Published ..."
        lo = max(0, s - 8)
        for t in byline_texts + [texts[i] for i in range(lo, min(e, s + 12)) if len(texts[i]) < 120]:
            m = _POSTED_RE.search(t)
            if m:
                published = parse_date(m.group(1))
                if published:
                    break
    if published is None and first_par:
        m = _DATELINE_RE.match(first_par)
        if m:
            published = parse_date(m.group(1))
            if published is None:
                md = _month_day(m.group(1))
                if md:
                    year_hint = year_hint or _year_hint(url, metas)
                    if year_hint:
                        published = _mk(year_hint, md[0], md[1])
    if published is None and url:
        published = _url_date(url)
    if published is not None and machine and _SMALL_HOURS_UTC.search(machine):
        # an instant in the small hours in UTC is the evening before where most news is written: when the page's
        # own date line says that day, it is the day of publication ("2019-11-19T01:19Z", "Posted Nov 18, 8:19 PM")
        before = published - timedelta(days=1)
        for t in byline_texts + [v for k, v in metas.items() if "date" in k and len(v) < 80]:
            m = _POSTED_RE.search(t)
            if (parse_date(m.group(1)) if m else parse_date(t)) == before:
                published = before
                break

    text, blocks = _assemble(items)
    if timings is not None:
        timings["blocks"] = timings.get("blocks", 0.0) + perf_counter() - t0
    return Page(text=text, blocks=blocks, title=title or None, published=published, outlet=outlet or None,
                url=url, language=language, truncated=too_long)


_QUOTE_START = ('"', "\u201c", "\u201e", "\u00ab", "\u00bb", "'", "\u2018", "\u201a", "\u2039", "\u300c")


def parse_text(text: str, url: str | None = None) -> Page:
    """Plain text: each non-empty line is a block; the first is the headline; a line opening with a quote mark
    is a quote, any other a paragraph. Never raises."""
    try:
        if isinstance(text, (bytes, bytearray)):
            text = _decode(bytes(text))
        items: list[tuple[str, str]] = []
        for line in (text or "").splitlines():
            t = " ".join(line.split())
            if not t:
                continue
            if not items:
                items.append(("headline", t))
            elif t.startswith(_QUOTE_START):
                items.append(("quote", t))
            else:
                items.append(("paragraph", t))
        joined, blocks = _assemble(items)
        published = None
        for it in items[1:4]:
            m = _DATELINE_RE.match(it[1])
            if m:
                published = parse_date(m.group(1))
            if published is None and len(it[1]) < 120:
                m = _POSTED_RE.search(it[1])
                published = parse_date(m.group(1)) if m else None
            if published:
                break
        return Page(text=joined, blocks=blocks, title=items[0][1] if items else None, published=published,
                    outlet=_host(url), url=url)
    except Exception:  # noqa: BLE001
        return Page(text="", blocks=[], url=url)


def load_page(path, url: str | None = None) -> Page:
    """A page from a file: .html/.htm (optionally .gz) as HTML, anything else as text."""
    p = Path(path)
    name = p.name.lower()
    try:
        data = p.read_bytes()
    except OSError:
        return Page(text="", blocks=[], outlet=_host(url), url=url)
    if name.endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, ValueError):
            return Page(text="", blocks=[], outlet=_host(url), url=url)
        name = name[:-3]
    if name.endswith((".html", ".htm", ".xhtml")):
        return parse_html(data, url)
    return parse_text(_decode(data), url)
