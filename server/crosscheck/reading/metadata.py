"""A page's metadata: publication date (meta tags, JSON-LD, <time>, datelines, URL), publisher, title and host."""
from __future__ import annotations

import json
import re
from datetime import date
from urllib.parse import urlsplit

# ---------------------------------------------------------------------------------------------- dates

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
_MON = (r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
        r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_ISO_RE = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_DMY_RE = re.compile(r"(?<!\d)(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?!\d)")
_DMONY_RE = re.compile(r"(?<![\w])(\d{1,2})(?:st|nd|rd|th)?\.?\s+" + _MON + r",?\s+(\d{4})(?!\d)", re.I)
_MONDY_RE = re.compile(r"(?<![\w])" + _MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)", re.I)
_DMON_RE = re.compile(r"(?<![\w])(\d{1,2})(?:st|nd|rd|th)?\.?\s+" + _MON + r"(?![a-z])", re.I)
_MOND_RE = re.compile(r"(?<![\w])" + _MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?(?!\d)", re.I)


def _mk(y: int, m: int, d: int) -> date | None:
    if not 1900 <= y <= 2100:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def parse_date(s: str | None) -> date | None:
    """First date written in `s`: ISO 8601 (with or without time/zone), 2024/11/05, 05.11.2024, 5 November
    2024, November 5, 2024, Nov. 5, 2024, Fri Oct 18th, 2024. None when there is none."""
    if not s:
        return None
    s = s[:300]
    found: list[tuple[int, date]] = []
    m = _ISO_RE.search(s)
    if m:
        d = _mk(int(m[1]), int(m[2]), int(m[3]))
        if d:
            found.append((m.start(), d))
    m = _DMONY_RE.search(s)
    if m:
        d = _mk(int(m[3]), _MONTHS[m[2][:3].lower()], int(m[1]))
        if d:
            found.append((m.start(), d))
    m = _MONDY_RE.search(s)
    if m:
        d = _mk(int(m[3]), _MONTHS[m[1][:3].lower()], int(m[2]))
        if d:
            found.append((m.start(), d))
    m = _DMY_RE.search(s)
    if m:
        d = _mk(int(m[3]), int(m[2]), int(m[1]))
        if d:
            found.append((m.start(), d))
    if not found:
        return None
    return min(found, key=lambda t: t[0])[1]


def _month_day(s: str) -> tuple[int, int] | None:
    m = _DMON_RE.search(s)
    if m:
        return _MONTHS[m[2][:3].lower()], int(m[1])
    m = _MOND_RE.search(s)
    if m:
        return _MONTHS[m[1][:3].lower()], int(m[2])
    return None


# a dateline opens the first paragraph: "Kiev, 5 November 2024 (dpa/MIA) -", "SEOUL, November 5 (AJP) -"
_DATELINE_RE = re.compile(r"^[^\W\d][^,.\n]{0,40},\s*([^()\u2013\u2014-]{3,40}?)\s*(?:\([^)]{0,40}\)\s*)?[-\u2013\u2014]")
_POSTED_RE = re.compile(r"\b(?:posted|publi[a-z]*|date[d]?|objavljen[oa]?|datum)\b\s*:?\s*(?:on|at)?\s*:?\s*(.{4,60})",
                        re.I)


# ---------------------------------------------------------------------------------------------- metadata

_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting", "analysisnewsarticle",
                  "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "webpage", "liveblogposting",
                  "report", "socialmediaposting", "creativework", "techarticle", "scholarlyarticle",
                  "claimreview"}     # (a fact check's review is the article)
_DATE_META = ("article:published_time", "datepublished", "pubdate", "publishdate", "date", "dc.date.issued",
              "dcterms.issued", "dc.date", "sailthru.date", "parsely-pub-date", "og:published_time",
              "article.published", "published_time", "publish-date", "original-publish-date", "og:article:published_time",
              "cxenseparse:recs:publishtime", "release_date")
_SUFFIX_SEPS = (" | ", " - ", " \u2013 ", " \u2014 ", " :: ", " \u00b7 ", " \u2022 ", " \u00bb ")


def _ld_objects(obj, out: list, depth: int = 0) -> None:
    if depth > 6:
        return
    if isinstance(obj, list):
        for o in obj[:50]:
            _ld_objects(o, out, depth + 1)
    elif isinstance(obj, dict):
        out.append(obj)
        g = obj.get("@graph")
        if g is not None:
            _ld_objects(g, out, depth + 1)
        me = obj.get("mainEntity")
        if isinstance(me, (dict, list)):
            _ld_objects(me, out, depth + 1)


def _ld_types(o: dict) -> set[str]:
    t = o.get("@type")
    if isinstance(t, str):
        return {t.lower()}
    if isinstance(t, list):
        return {x.lower() for x in t if isinstance(x, str)}
    return set()


def _jsonld(tree) -> tuple[str | None, str | None, str | None]:
    """(datePublished, publisher name, headline) of the article object in the page's JSON-LD."""
    pub = name = head = None
    for node in tree.css('script[type="application/ld+json"]')[:20]:
        raw = node.text(deep=True) or ""
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            m = re.search(r'"datePublished"\s*:\s*"([^"]{6,40})"', raw)
            if m and pub is None:
                pub = m.group(1)
            continue
        objs: list = []
        _ld_objects(data, objs)
        for o in objs:
            types = _ld_types(o)
            if not types & _ARTICLE_TYPES:
                continue
            art = bool(types - {"webpage", "creativework"})
            dp = o.get("datePublished") or o.get("dateCreated")
            if isinstance(dp, str) and (pub is None or art):
                if pub is None or art:
                    pub = dp if pub is None or art else pub
            p = o.get("publisher")
            if isinstance(p, list) and p:
                p = p[0]
            if isinstance(p, dict) and isinstance(p.get("name"), str) and name is None:
                name = p["name"]
            h = o.get("headline")
            if isinstance(h, str) and head is None and art:
                head = h
            if art and pub:
                return pub, name, head
    return pub, name, head


def _metas(tree) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in tree.css("meta"):
        a = m.attributes
        content = a.get("content")
        if content is None:
            continue
        for key in ("property", "name", "itemprop", "http-equiv"):
            k = a.get(key)
            if k:
                k = k.strip().lower()
                if k not in out:
                    out[k] = content.strip()
    return out


def _strip_suffix(title: str, outlet: str | None) -> str:
    t = " ".join(title.split())
    for sep in _SUFFIX_SEPS:
        if sep in t:
            head, _, tail = t.rpartition(sep)
            if not head:
                continue
            if outlet and tail.strip().lower() == outlet.strip().lower():
                return head.strip()
            if len(tail.split()) <= 4 and len(tail) < len(head):
                return head.strip()
            first, _, rest = t.partition(sep)
            if outlet and first.strip().lower() == outlet.strip().lower() and rest:
                return rest.strip()
    return t


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        h = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    if not h:
        return None
    return h[4:] if h.startswith("www.") else h


def _norm_title(s: str) -> str:
    return " ".join(re.findall(r"\w+", s.lower()))


_SMALL_HOURS_UTC = re.compile(r"T0[0-7]:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]00:?00)\s*$")


def _time_date(tree) -> date | None:
    """<time datetime> inside the article or its byline: the one marked pubdate, else the first."""
    first = None
    for t in tree.css("time")[:30]:
        a = t.attributes
        dt = a.get("datetime") or ""
        d = parse_date(dt) if dt else None
        if d is None:
            continue
        if "pubdate" in a or (a.get("itemprop") or "").lower() == "datepublished":
            return d
        if first is None and _in_article(t):
            first = d
    return first


def _marked_date(tree) -> date | None:
    """The text of an element the page marks as its article's date ("article_date", "entry-date", "post-date",
    "publish-date"): not a "today" line, nor an update's date."""
    for node in tree.css('[class*="date"], [class*="publish"]')[:40]:
        cls = (node.attributes.get("class") or "").lower()
        if not _MARKED_DATE.search(cls) or _NOT_PUBLISHED.search(cls):
            continue
        text = node.text(strip=True)
        if 6 <= len(text) <= 80:
            d = parse_date(text)
            if d is not None:
                return d
    return None


# an element's class that says it holds the article's date; ... and classes of other dates
_MARKED_DATE = re.compile(r"(?:article|post|entry|story|news|pub|publish)[-_]?(?:ed[-_]?)?(?:date|time)|"
                          r"date[-_]?(?:published|publish|pub|post)|\bpublished\b")
_NOT_PUBLISHED = re.compile(r"today|updat|modif|comment|event|expir")


def _in_article(node) -> bool:
    p = node.parent
    hops = 0
    while p is not None and hops < 40:
        tag = p.tag
        if tag in ("article", "main"):
            return True
        if tag in ("body", "html"):
            return False
        a = p.attributes
        tok = ((a.get("class") or "") + " " + (a.get("id") or "")).lower()
        if tok.strip() and any(w in tok for w in ("byline", "article", "story", "entry", "post", "meta", "dateline")):
            if not any(w in tok for w in ("today", "header-date", "top-bar", "topbar")):
                return True
        p = p.parent
        hops += 1
    return False


_URL_DATE_RE = re.compile(r"/(20\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:/|-|$)")


def _url_date(url: str) -> date | None:
    m = _URL_DATE_RE.search(url)
    return _mk(int(m[1]), int(m[2]), int(m[3])) if m else None


def _year_hint(url: str | None, metas: dict[str, str]) -> int | None:
    for key in ("article:modified_time", "og:updated_time", "dateModified", "last-modified"):
        d = parse_date(metas.get(key.lower()))
        if d:
            return d.year
    if url:
        m = re.search(r"/(20\d\d)/", url)
        if m:
            return int(m[1])
    return None
