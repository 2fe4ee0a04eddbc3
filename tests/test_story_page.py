"""The story page of a measure (GET /measures/{key}, issue 13) through the real app on loopback (pytest-aiohttp) and a
real SQLite file in tmp_path: what it shows against its JSON twin (GET /v1/measures/{key}), hostile claim text kept
inert, syndicated copies folded into one source, the 404 page, the headers (CSP) and the Host and navigation checks.
The charts' drawing of ranges, 'about', bounds and undated claims is checked on story_chart directly.
The page in a real browser, reached from the card: test_story_browser.py."""
import base64
import hashlib
import re
import sqlite3
from pathlib import Path
from urllib.parse import quote

import pytest
import pytest_asyncio
from selectolax.lexbor import LexborHTMLParser

from crosscheck.claims.store_sqlite import SQLiteStore
from crosscheck.contract import MeasureOut
from crosscheck.reading.pipeline import extract, read_page
from crosscheck.service import Crosscheck
from crosscheck.serving import story_page
from crosscheck.serving.api import create_app
from crosscheck.serving.story_chart import Claim, number_line_svg, timeline_svg

ROOT = Path(__file__).resolve().parents[1]
KURSK = "north-korean-troops@kursk-region:in_place"
HOSTILE_NAME = 'Evil "Quoted" O\'Brien <script>window.__pwned=1</script>'
HOSTILE_LABEL = '<img src=x onerror="window.__pwned=1"> troops'
HOSTILE_PAGE = """<!DOCTYPE html><html><head><title>&lt;script&gt;window.__pwned=1&lt;/script&gt; "Troops" report</title>
</head><body><article><h1>&lt;script&gt;window.__pwned=1&lt;/script&gt; "Troops" report</h1>
<p>WASHINGTON, November 6 (Wire) - A Pentagon spokesperson said on Wednesday &lt;img src=x onerror="window.__pwned=1"&gt;
that 10,500 North Korean soldiers have moved to Kursk.</p><p>Other details were not given.</p></article></body></html>"""
HOSTILE_OUTLET = '<b onmouseover="window.__pwned=1">Evil Wire</b>'
HOSTILE_URL = "javascript:window.__pwned=1;//hostile"
# what the page may contain: no script, image, frame, object, form, style attribute or event handler
ELEMENTS = {"html", "head", "meta", "title", "style", "body", "main", "p", "h1", "h2", "section", "code", "em", "ul",
            "ol", "li", "a", "span", "div", "q", "table", "thead", "tbody", "tr", "th", "td", "footer", "svg", "g",
            "line", "polyline", "path", "circle", "rect", "text", "desc"}


@pytest_asyncio.fixture
async def client(aiohttp_client, service):
    return await aiohttp_client(create_app(service))


def parse(html: str) -> LexborHTMLParser:
    return LexborHTMLParser(html)


def flat(text: str) -> str:
    return " ".join(text.split())


async def story(client, key: str, status: int = 200, **headers) -> tuple[str, dict]:
    resp = await client.get(story_page.story_path(key), headers=headers)
    text = await resp.text()
    assert resp.status == status, text[:500]
    return text, resp.headers


def assert_inert(html: str) -> LexborHTMLParser:
    """Only the page's own elements and attributes: nothing the claim set's text could have made."""
    tree = parse(html)
    seen = {n.tag for n in tree.root.traverse() if n.tag and not n.tag.startswith("-")}
    assert seen <= ELEMENTS, seen - ELEMENTS
    for node in tree.root.traverse():
        for name in (node.attributes or {}):
            assert not name.lower().startswith("on") and name.lower() != "style", (node.tag, name)
    for a in tree.css("a"):
        assert re.match(r"^(https?://|/)", a.attributes["href"]), a.attributes["href"]
    assert "<script" not in html.lower()
    return tree


def claims_drawn(tree, chart: str) -> dict[int, tuple]:
    return {int(g.attributes["data-claim"]): (g.attributes["data-claimant"], float(g.attributes["data-value"]),
                                              g.attributes["data-high"], g.attributes["data-qualifier"],
                                              g.attributes["data-day"])
            for g in tree.css(f"svg.{chart} g.claim")}


# ------------------------------------------------------------------------------------------ what it shows

@pytest.mark.asyncio
async def test_the_story_page_draws_every_claim_of_the_measure_as_its_json_twin_gives_them(client):
    twin = MeasureOut.model_validate(await (await client.get(f"/v1/measures/{quote(KURSK, safe='')}")).json())
    html, headers = await story(client, KURSK)
    assert headers["Content-Type"].startswith("text/html")
    tree = assert_inert(html)
    assert tree.css_first("h1").text() == "North Korean troops in Kursk region" == twin.label

    # the timeline: one mark per claim of the measure, at its claimant, value, wording and day
    def who(c):
        return f"{c.claimant.name} ({c.claimant.party})" if c.claimant.party else c.claimant.name
    expected = {c.id: (who(c), c.value.low, "", c.qualifier, c.claim_date) for c in twin.timeline}
    assert len(expected) == 5
    assert claims_drawn(tree, "timeline") == expected == claims_drawn(tree, "number-line")
    drawn = claims_drawn(tree, "timeline")
    assert {v[:2] for v in drawn.values()} >= {("Volodymyr Zelensky (Ukraine)", 11000), ("Pentagon (United States)",
                                                                                          10000)}
    # the day of the State Department's first claim is left of its later one, and 8,000 lies lower than 10,000
    marks = {int(g.attributes["data-claim"]): g for g in tree.css("svg.timeline g.claim")}
    first, later = (next(i for i, v in drawn.items() if v[0].startswith("US State") and v[1] == n) for n in (8000, 10000))

    def centre(g):
        m = g.css_first(".mark")
        a = m.attributes
        if "cx" in a:
            return float(a["cx"]), float(a["cy"])
        nums = [float(x) for x in re.findall(r"-?\d+\.?\d*", a.get("d", ""))] or \
            [float(a["x"]) + float(a["width"]) / 2, float(a["y"]) + float(a["height"]) / 2]
        return nums[0], nums[1]
    (x1, y1), (x2, y2) = centre(marks[first]), centre(marks[later])
    assert x1 < x2 and y1 > y2
    # the bound 'up to' is an arrow down, 'about' a band
    assert marks[first].css_first("line.bound") and marks[first].css("path.bound-head")
    about = next(i for i, v in drawn.items() if v[3] == "approx")
    assert len(marks[about].css("line.band")) == 1 and len(marks[about].css("line.cap")) == 2
    # each claimant its own marker: shape and colour
    styles = {}
    for i, g in marks.items():
        m = g.css_first(".mark")
        styles.setdefault(drawn[i][0], set()).add((m.tag, m.attributes["fill"], "d" in m.attributes))
    assert all(len(s) == 1 for s in styles.values()) and len({next(iter(s)) for s in styles.values()}) == 4
    # the axes say what they are
    labels = [t.text() for t in tree.css("svg.timeline text.axis-label")]
    assert labels == ["Day of the claim", "North Korean troops"]
    ticks = [t.text() for t in tree.css("svg.timeline text.tick")]
    assert "10,000" in ticks and "0" in ticks and "31 Oct" in ticks and "4 Nov" in ticks
    assert [flat(li.text()) for li in tree.css("ul.legend li")] == [
        "US State Department (United States) (2 claims)", "US officials (United States) (1 claim)",
        "Volodymyr Zelensky (Ukraine) (1 claim)", "Pentagon (United States) (1 claim)"]

    # every claim in the table with its wording and outlets, the sources with headline, outlet, day and link
    rows = [[flat(td.text()) for td in tr.css("td")] for tr in tree.css("table tbody tr")]
    assert len(rows) == 5 and rows[0][:4] == ["31 Oct 2024", "US State Department (United States)", "up to 8,000",
                                              "“as many as 8,000”"]
    assert rows[0][4].startswith('AJP"Up from when we spoke')
    assert flat(tree.css_first("p.summary").text()) == (
        "5 claims by 4 claimants between 31 Oct 2024 and 4 Nov 2024, reported by 4 sources. "
        "Values from up to 8,000 to 11,000.")
    items = tree.css("ol.sources li")
    assert len(items) == len(twin.sources) == 4
    for item, source in zip(items, twin.sources):
        link = item.css_first("a")
        assert link.attributes["href"] == source.url and link.text() == source.title
        assert link.attributes["rel"] == "noopener noreferrer"
        assert f"{source.outlet}, 5 Nov 2024" in item.text()
    assert {s.outlet for s in twin.sources} == {"AJP", "MIA", "Al Jazeera", "Vijesti"}

    # the related measures link to their own story pages, which answer
    related = [(a.attributes["href"], a.text()) for a in tree.css("ul.related a")]
    assert [r.label for r in twin.related] == [text for _, text in related] and related
    for (href, text), r in zip(related, twin.related):
        assert href == "/measures/" + quote(r.measure, safe="")
        page, _ = await story(client, r.measure)
        assert parse(page).css_first("h1").text() == text
    assert tree.css_first("footer a").attributes["href"] == f"/v1/measures/{quote(KURSK, safe='')}"


@pytest.mark.asyncio
async def test_the_json_twin_has_the_sources_and_each_claims_wording(client):
    twin = (await (await client.get(f"/v1/measures/{quote(KURSK, safe='')}")).json())
    first = twin["timeline"][0]
    assert (first["claimant"]["name"], first["qualifier"], first["value_text"]) == \
        ("US State Department", "up_to", "up to 8,000")
    ajp = next(s for s in twin["sources"] if s["outlet"] == "AJP")
    assert ajp["title"] == "'10,000 North Korean troops in Russia,' South Korean Defense Ministry says"
    assert ajp["also_in"] == [] and first["id"] in ajp["claims"]
    # every claim of the timeline is some source's, and every source's claims are the timeline's
    ids = {c["id"] for c in twin["timeline"]}
    assert set().union(*(s["claims"] for s in twin["sources"])) == ids
    # GET /v1/claims gives the same wording
    listed = await (await client.get("/v1/claims", params={"measure": KURSK})).json()
    assert {(c["id"], c["qualifier"], c["value_text"]) for c in listed["claims"]} == \
        {(c["id"], c["qualifier"], c["value_text"]) for c in twin["timeline"]}


# ------------------------------------------------------------------------------------------ hostile text

@pytest.mark.asyncio
async def test_hostile_claim_text_is_shown_as_text_and_runs_nothing(client, tmp_path):
    """A page with markup in its headline and sentence, an outlet of markup and a javascript: address goes in
    through POST /v1/sources; then the claimant's name (quotes, apostrophe, a script tag) and a related measure's
    label are made hostile in the SQLite file itself: the page shows every one of them as text."""
    resp = await client.post("/v1/sources", json={"url": HOSTILE_URL, "html": HOSTILE_PAGE, "outlet": HOSTILE_OUTLET,
                                                  "published": "2024-11-06"})
    assert resp.status == 201
    db = sqlite3.connect(tmp_path / "claims.sqlite")
    with db:
        claim_id, measure = db.execute("SELECT r.claim_id, r.measure FROM reports r JOIN sources s ON s.id = r.source_id "
                                       "WHERE s.key = ? AND r.value_low = 10500", (HOSTILE_URL,)).fetchone()
        db.execute("UPDATE claims SET claimant = ?, party = ? WHERE id = ?", (HOSTILE_NAME, "<i>x</i>", claim_id))
        db.execute("UPDATE reports SET claimant = ?, party = ? WHERE claim_id = ?", (HOSTILE_NAME, "<i>x</i>", claim_id))
        db.execute("UPDATE measures SET label = ? WHERE key = 'north-korean-troops@russia:in_place'", (HOSTILE_LABEL,))
    db.close()
    assert measure == KURSK

    html, _ = await story(client, KURSK)
    tree = assert_inert(html)
    text = tree.body.text()
    shown = f"{HOSTILE_NAME} (<i>x</i>)"
    assert shown in text                                                  # as text, every character of it
    assert html.count(story_page.e(shown)) >= 2                           # the legend and the table, escaped
    assert "&quot;Quoted&quot; O&#x27;Brien &lt;script&gt;" in html
    assert shown in [g.attributes["data-claimant"] for g in tree.css("svg.timeline g.claim")]
    assert shown in [t.text() for t in tree.css("svg.number-line text.who title")]
    assert HOSTILE_OUTLET in text and '<script>window.__pwned=1</script> "Troops" report' in text
    assert '<img src=x onerror="window.__pwned=1">' in text                # the sentence, quoted in the table
    assert HOSTILE_LABEL in [a.text() for a in tree.css("ul.related a")]
    # the javascript: address is no link, only text
    assert not [a for a in tree.css("a") if "javascript" in a.attributes["href"].lower()]
    assert HOSTILE_URL in text


# ------------------------------------------------------------------------------------------ syndicated copies

@pytest.mark.asyncio
async def test_a_syndicated_copy_is_one_source_also_in_1_outlet(aiohttp_client, db_path):
    """The Orbis story and the Observer's copy of it (fixtures/copies): the measures they share list Orbis once,
    'also in 1 outlet' with the Observer's link, and another outlet's own story as a source of its own."""
    pages = ROOT / "fixtures" / "pages"
    store = SQLiteStore(db_path)
    for path, url, outlet in (
            (pages / "more-flood-orbis.html", "https://orbis.example/floods", "Orbis"),
            (ROOT / "fixtures" / "copies" / "flood-observer.html", "https://observer.example/floods",
             "The Sindh Observer"),
            (pages / "more-flood-indus.html", "https://indus.example/floods", "Daily Indus Times")):
        page = read_page(path, url=url, outlet=outlet, published=None)
        store.ingest(page, extract(page), key=url)
    client = await aiohttp_client(create_app(Crosscheck(store)))
    shared = store._query("SELECT r.measure FROM reports r JOIN sources s ON s.id = r.source_id GROUP BY r.measure "
                          "HAVING count(DISTINCT s.outlet) = 3")
    assert shared, "the three pages share a measure"
    html, _ = await story(client, shared[0][0])
    tree = assert_inert(html)
    items = [flat(li.text(separator=" ")) for li in tree.css("ol.sources li")]
    assert len(items) == 2, items
    orbis = next(i for i in items if "Orbis" in i)
    assert "Also in 1 outlet (the same story, one source): The Sindh Observer" in orbis
    assert not any(i.split(" · ")[0].endswith("The Sindh Observer") for i in items)
    links = [a.attributes["href"] for a in tree.css("ol.sources a")]
    assert "https://observer.example/floods" in links
    assert any("(also in 1 outlet)" in flat(td.text()) for td in tree.css("table td"))
    store.close()


# ------------------------------------------------------------------------------------------ 404, headers, checks

@pytest.mark.asyncio
async def test_an_unknown_measure_is_a_clear_404_page(client):
    key = 'no-such<script>alert("x")</script>@nowhere:other'
    html, headers = await story(client, key, status=404)
    assert headers["Content-Type"].startswith("text/html") and headers["Content-Security-Policy"] == story_page.CSP
    tree = assert_inert(html)
    assert tree.css_first("h1").text() == "No such measure"
    assert f"The claim set holds no claim filed under {key}." in flat(tree.body.text())
    # the JSON twin's 404 is JSON
    resp = await client.get(f"/v1/measures/{quote(key, safe='')}")
    assert resp.status == 404 and (await resp.json())["error"] == "measure_not_found"


@pytest.mark.asyncio
async def test_the_page_sends_a_strict_content_security_policy(client):
    html, headers = await story(client, KURSK)
    csp = dict(part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";"))
    assert csp["default-src"] == "'none'" and csp["frame-ancestors"] == "'none'" and csp["base-uri"] == "'none'"
    assert csp["form-action"] == "'none'" and "script-src" not in csp and "unsafe" not in headers["Content-Security-Policy"]
    # the one stylesheet the policy admits is the page's own: its hash is the one in the policy
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert csp["style-src"] == f"'sha256-{digest}'" and html.count("<style>") == 1
    assert headers["X-Frame-Options"] == "DENY" and headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("host", ["evil.com", "evil.com:{port}", "localhost:{wrong}", "127.0.0.1.evil.com:{port}"])
@pytest.mark.asyncio
async def test_the_page_answers_only_its_loopback_host(client, host):
    port = client.server.port
    resp = await client.get(story_page.story_path(KURSK),
                            headers={"Host": host.format(port=port, wrong=port + 1 if port < 65535 else port - 1)})
    assert resp.status == 403 and (await resp.json())["error"] == "forbidden_host"
    assert (await client.get(story_page.story_path(KURSK), headers={"Host": f"localhost:{port}"})).status == 200


NAVIGATE = {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document"}


@pytest.mark.parametrize("headers,path,status", [
    (NAVIGATE, "story", 200),                                      # the reader follows the card's link
    ({**NAVIGATE, "Sec-Fetch-Site": "same-site"}, "story", 200),
    ({**NAVIGATE, "Sec-Fetch-Dest": "iframe"}, "story", 403),      # a page framing it
    ({**NAVIGATE, "Sec-Fetch-Mode": "cors", "Sec-Fetch-Dest": "empty"}, "story", 403),   # a page fetching it
    ({**NAVIGATE, "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "image"}, "story", 403),
    (NAVIGATE, "/v1/measures/" + quote(KURSK, safe=""), 403),      # the JSON routes are no pages
    (NAVIGATE, "/v1/claims", 403),
    ({**NAVIGATE, "Origin": "https://evil.example"}, "story", 403),
])
@pytest.mark.asyncio
async def test_a_readers_navigation_reaches_the_page_and_nothing_else_does(client, headers, path, status):
    resp = await client.get(story_page.story_path(KURSK) if path == "story" else path, headers=headers)
    assert resp.status == status, await resp.text()
    if status == 403:
        assert (await resp.json())["error"] == "forbidden_origin"


# ------------------------------------------------------------------------------------------ the charts' marks

def test_ranges_bounds_bands_and_undated_claims_are_drawn_as_the_page_says():
    claims = [Claim(1, "A", 0, 40000, 50000, "range", "2025-03-01", "40,000–50,000"),
              Claim(2, "B", 1, 45000, None, "approx", "2025-03-02", "about 45,000"),
              Claim(3, "C", 2, 30000, None, "more_than", "2025-03-03", "more than 30,000"),
              Claim(4, "D", 3, 60000, None, "up_to", None, "up to 60,000"),
              Claim(5, "E", 4, float("inf"), None, "exact", "2025-03-03", "infinite")]
    svg = timeline_svg(claims, unit=None, value_label="people")
    tree = parse(f"<body>{svg}</body>")
    marks = {g.attributes["data-claim"]: g for g in tree.css("g.claim")}
    assert set(marks) == {"1", "2", "3", "4"}                       # a value that is no number is not drawn
    bar = marks["1"].css_first("line.range").attributes
    assert bar["x1"] == bar["x2"] and float(bar["y1"]) > float(bar["y2"])          # a vertical bar, low to high
    band = marks["2"].css_first("line.band").attributes
    assert bar["x1"] != band["x1"] and float(band["y1"]) - float(band["y2"]) == pytest.approx(
        (float(bar["y1"]) - float(bar["y2"])) * 9000 / 10000, rel=0.02)           # 45,000 +-10% against 10,000
    up = marks["3"].css_first("line.bound").attributes
    assert float(up["y2"]) < float(up["y1"])                                       # more than: up
    down = marks["4"].css_first("line.bound").attributes
    assert float(down["y2"]) > float(down["y1"])                                   # up to: down
    assert "date unknown" in [t.text() for t in tree.css("text.tick")] and float(down["x1"]) > float(bar["x1"])
    line = parse(f"<body>{number_line_svg(claims, unit='%')}</body>")
    right = line.css('g.claim[data-claim="3"] line.bound')[0].attributes
    assert float(right["x2"]) > float(right["x1"])                                 # more than: right on the line
    assert all(t.text().endswith("%") for t in line.css("text.tick"))
    assert [t.text(deep=False) for t in line.css("text.who")] == ["A", "B", "C", "D"]
