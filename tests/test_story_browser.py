"""Issue 13's story page and the opt-in, in Debian's Chromium with the unpacked extension, against the real server on
loopback (its own SQLite file per test) and the fixture pages (browser_helpers.py, ../shared/notes/browser-testing.md):

- the card of a compared figure links to its measure's story page; the reader's click opens it in a new tab, where
  the server's SVG timeline holds exactly the measure's claims (its JSON twin's), under the page's CSP, with no
  script; the screenshot docs/story-page.png is the README's;
- 'Add the pages I annotate to the claim set', set on the options page: off by default, and then annotating leaves
  the claim set as it was; on, the annotated page's claims are in the claim set afterwards.

Skipped only when CROSSCHECK_SKIP_BROWSER=1 is set; a missing Chromium or Playwright fails."""
from __future__ import annotations

import re
import time
from urllib.parse import quote

import pytest

from browser_helpers import ROOT, StaticServer, extension_browser, wait_until

SCREENSHOT = ROOT / "docs" / "story-page.png"
MAX_PNG = 300_000
CONFLICT = "as many as 10,000"
KURSK = "north-korean-troops@kursk-region:in_place"


@pytest.fixture(scope="module")
def site():
    s = StaticServer()
    yield s
    s.stop()


@pytest.fixture
def browser(chromium, server, tmp_path):
    with extension_browser(chromium, server.url, tmp_path / "profile", viewport=(1000, 1100)) as b:
        yield b


def open_card(browser, page, text: str) -> dict:
    result = browser.annotate(page)
    assert result["ok"], result
    mark = f"mark.crosscheck-mark[data-crosscheck-figure='{result['texts'].index(text)}'][tabindex='0']"
    page.evaluate(f"""() => {{ const r = document.querySelector("{mark}").getBoundingClientRect();
                               window.scrollBy(0, r.top - 120); }}""")
    page.hover(mark)
    state = wait_until(lambda: (s := browser.ui_state(page)) and s["cardFigure"] == text and s)
    assert state, browser.ui_state(page)
    return state


# ------------------------------------------------------------------------------------------ the story page

def test_the_card_links_to_the_story_page_whose_timeline_has_the_measures_claims(browser, server, site):
    page = browser.open(site.url("/ajp.html"))
    state = open_card(browser, page, CONFLICT)
    story = [link for link in state["links"] if "/measures/" in link["href"]]
    # the link is built from the loopback server's address and the URL-encoded key, for a new tab
    assert story == [{"href": f"{server.url}/measures/{quote(KURSK, safe='')}", "rel": "noopener noreferrer",
                      "target": "_blank"}]
    assert "%40" in story[0]["href"] and "%3A" in story[0]["href"]
    # the reader clicks it with the pointer: a new tab opens on the story page
    at = browser.in_content(page, """() => {
        const a = [...CrosscheckCard.current.box.querySelectorAll('a')].find(a => a.href.includes('/measures/'));
        a.scrollIntoView({block: 'nearest'});
        const r = a.getClientRects()[0];            // its first line: the words, not the gap of a wrapped link
        return {x: r.x + r.width / 2, y: r.y + r.height / 2, text: a.textContent}; }""")
    assert at["text"] == "Every claim of this quantity over time (story page)"
    requests = []
    browser.ctx.on("request", lambda r: requests.append(r) if "/measures/" in r.url else None)
    page.mouse.move(at["x"], at["y"], steps=3)
    with browser.ctx.expect_page() as opened:
        page.mouse.click(at["x"], at["y"])
    tab = opened.value
    console = []
    tab.on("console", lambda m: console.append(m.text))
    tab.wait_for_load_state("load")
    assert tab.url == story[0]["href"]
    nav = next(r for r in requests if r.url == story[0]["href"])
    response = nav.response()
    assert response.status == 200
    assert response.headers["content-security-policy"].startswith("default-src 'none'; style-src 'sha256-")
    # the reader's navigation from the news page went through the server's guard; the same page fetching the story
    # page gets nothing (the guard refuses a browser's fetch from another site, as on every route)
    assert page.evaluate("u => fetch(u).then(r => r.status, e => 'blocked')", story[0]["href"]) == "blocked"
    answered = wait_until(lambda: len(re.findall(r"GET /measures/\S+ (\d{3}) ", server.output())) >= 2 and
                          re.findall(r"GET /measures/\S+ (\d{3}) ", server.output()))
    assert answered == ["200", "403"], server.output()[-2000:]

    # the timeline holds exactly the measure's claims, as its JSON twin gives them
    twin = server.call("GET", f"/v1/measures/{quote(KURSK, safe='')}")
    drawn = tab.evaluate("""() => [...document.querySelectorAll('svg.timeline g.claim')].map(g => ({
        id: Number(g.dataset.claim), value: Number(g.dataset.value), qualifier: g.dataset.qualifier,
        day: g.dataset.day, claimant: g.dataset.claimant, title: g.querySelector('title').textContent,
        box: (({x, y, width, height}) => ({x, y, width, height}))(g.querySelector('.mark').getBoundingClientRect())}))""")
    assert sorted((d["id"], d["value"], d["qualifier"], d["day"]) for d in drawn) == \
        sorted((c["id"], c["value"]["low"], c["qualifier"], c["claim_date"]) for c in twin["timeline"])
    assert {d["claimant"] for d in drawn} == {"US State Department (United States)", "US officials (United States)",
                                              "Volodymyr Zelensky (Ukraine)", "Pentagon (United States)"}
    assert "Volodymyr Zelensky (Ukraine): 11,000, 4 Nov 2024" in [d["title"] for d in drawn]
    # drawn where they belong: later days to the right, higher values above; every marker visible
    by = {(d["claimant"].split(" (")[0], d["value"]): d["box"] for d in drawn}
    assert by[("US State Department", 8000)]["x"] < by[("US officials", 8000)]["x"] < by[("Pentagon", 10000)]["x"]
    assert by[("Volodymyr Zelensky", 11000)]["y"] < by[("Pentagon", 10000)]["y"] < by[("US officials", 8000)]["y"]
    assert all(d["box"]["width"] > 4 and d["box"]["height"] > 4 for d in drawn)
    # the page's stylesheet applied under its CSP (its hash admitted), no script, nothing refused
    shown = tab.evaluate("""() => ({h1: document.querySelector('h1').textContent, scripts: document.scripts.length,
        background: getComputedStyle(document.body).backgroundColor,
        sources: [...document.querySelectorAll('ol.sources li a')].map(a => a.href),
        related: [...document.querySelectorAll('ul.related a')].map(a => a.getAttribute('href'))})""")
    assert shown["h1"] == twin["label"] and shown["scripts"] == 0 and shown["background"] == "rgb(246, 248, 250)"
    assert shown["sources"] == [s["url"] for s in twin["sources"]]
    assert shown["related"] == [f"/measures/{quote(r['measure'], safe='')}" for r in twin["related"]]
    assert not [m for m in console if "Content Security Policy" in m], console

    # a related measure's link leads to its own story page
    tab.click("ul.related a >> nth=0")
    tab.wait_for_load_state("load")
    assert tab.evaluate("() => document.querySelector('h1').textContent") == twin["related"][0]["label"]
    tab.go_back()
    tab.wait_for_load_state("load")

    # the README's screenshot: the heading, the timeline and the number line
    tab.set_viewport_size({"width": 900, "height": 1000})
    bottom = tab.evaluate("() => document.querySelector('svg.number-line').getBoundingClientRect().bottom + "
                          "window.scrollY + 16")
    SCREENSHOT.parent.mkdir(exist_ok=True)
    tab.screenshot(path=str(SCREENSHOT), full_page=True, clip={"x": 0, "y": 0, "width": 900, "height": bottom})
    assert SCREENSHOT.stat().st_size < MAX_PNG


def test_a_figure_no_other_source_gives_has_no_story_link(browser, site):
    page = browser.open(site.url("/more-flood-orbis.html"))
    state = open_card(browser, page, "More than 120,000")
    assert "No other source gives this" in state["cardText"]
    assert not [link for link in state["links"] if "/measures/" in link["href"]]


# ------------------------------------------------------------------------------------------ the opt-in

def options_page(browser):
    page = browser.ctx.new_page()
    page.goto(f"chrome-extension://{browser.extension_id}/options.html")
    page.wait_for_selector("#add-annotated")
    return page


def stored_option(browser):
    return browser.eval("async () => (await chrome.storage.local.get('addAnnotated')).addAnnotated ?? null")


def sources_by_key(server) -> dict:
    return {s["key"]: s for s in server.call("GET", "/v1/sources")}


def test_off_by_default_annotating_leaves_the_claim_set_as_it_was(browser, server, site):
    options = options_page(browser)
    assert options.is_checked("#add-annotated") is False and stored_option(browser) is None
    assert options.locator("label[for=add-annotated]").text_content() == "Add the pages I annotate to the claim set"
    options.close()
    before, keys = server.health(), set(sources_by_key(server))
    page = browser.open(site.url("/more-flood-orbis.html"))
    result = browser.annotate(page)
    assert result["ok"] and result["anchored"] > 0 and "added" not in result
    time.sleep(1.0)                   # nothing arrives later either
    after = server.health()
    assert {k: after[k] for k in ("sources", "reports", "claims", "measures")} == \
        {k: before[k] for k in ("sources", "reports", "claims", "measures")}
    assert set(sources_by_key(server)) == keys and page.url not in keys
    assert "in the claim set" not in browser.badge_title(page)


def test_on_the_annotated_pages_claims_are_in_the_claim_set_afterwards(browser, server, site):
    options = options_page(browser)
    options.click("#add-annotated")                   # the reader ticks the box
    options.wait_for_function("() => /^On:/.test(document.querySelector('#add-status').textContent)")
    assert stored_option(browser) is True
    options.reload()
    assert options.is_checked("#add-annotated")       # kept
    before = server.health()

    page = browser.open(site.url("/more-flood-orbis.html"))
    result = browser.annotate(page)
    assert result["ok"] and result["added"]["ok"] and result["added"]["status"] == 201, result.get("added")
    source = sources_by_key(server).get(page.url)
    assert source and source["url"] == page.url and source["reports"] > 0
    assert server.health()["sources"] == before["sources"] + 1
    # the figures the page was annotated with are its claims in the store, under their measures
    annotated = server.annotate((ROOT / "fixtures" / "pages" / "more-flood-orbis.html").read_text(encoding="utf-8"))
    measures = {f["measure"] for f in annotated["figures"]}
    stored = set()
    for m in measures:
        for c in server.call("GET", f"/v1/claims?measure={quote(m, safe='')}")["claims"]:
            if any(r["url"] == page.url for r in c["reports"]):
                stored.add(m)
    assert stored == measures and len(measures) > 5
    assert "this page is in the claim set" in browser.badge_title(page)

    # annotating it again replaces it (one source per address); turned off, the next page is not added
    again = browser.annotate(page)
    assert again["added"]["ok"] and again["added"]["status"] == 200
    assert server.health()["sources"] == before["sources"] + 1
    options = options_page(browser)
    assert options.is_checked("#add-annotated")
    options.click("#add-annotated")
    options.wait_for_function("() => /^Off:/.test(document.querySelector('#add-status').textContent)")
    assert stored_option(browser) is False
    other = browser.open(site.url("/more-flood-indus.html"))
    assert "added" not in browser.annotate(other)
    time.sleep(0.5)
    assert other.url not in sources_by_key(server) and server.health()["sources"] == before["sources"] + 1
