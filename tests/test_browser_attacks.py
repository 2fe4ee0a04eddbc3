"""The browser as attacker (issue 6, item 5), in Debian's Chromium driven by Playwright.

- A web page on another loopback port, and one under a foreign name (attacker.example, resolved to 127.0.0.1 by
  the browser's host rules), tries every way a page can reach the local server: fetch with JSON, fetch no-cors,
  form posts (text/plain, urlencoded, multipart) to /v1/sources, sendBeacon, DELETE, <img>/<script>/<link> to GET
  routes, and a DNS-rebound page (the server's own port under the foreign name, so that the page is same-origin
  with it). It reads nothing and changes nothing: every attempt is refused or unreadable, the server's log shows
  no request it answered with success, and the claim set's counts are unchanged; the reader's corrections too
  (GET, POST and DELETE /v1/corrections: none read, added or removed).
- With the extension loaded, a page cannot spoof messages to its service worker: chrome.runtime is not there
  for it, window.postMessage with the extension's message shapes does nothing (no server call, no badge change,
  no data back), and the extension's files and options page cannot be fetched or framed.

- card.js given a figure whose understood words, matched fields, value texts, set-aside claims and action note
  hold markup shows it all as text and runs nothing.

(A page ingested with markup in its sentences shows as inert text in another page's card: test_extension.py.)
Skipped only when CROSSCHECK_SKIP_BROWSER=1 is set."""
from __future__ import annotations

import json
import re
import shutil

from browser_helpers import EXTENSION, ExtensionBrowser, StaticServer, wait_until
from serve_process import ServeProcess

ATTACKS_RUN: dict[str, int] = {}

ATTACK_JS = r"""
async ({server, rebound}) => {
  const out = {};
  const body = JSON.stringify({url: "https://evil.example/planted", html: "<p>Police said 999,999 people came.</p>"});
  async function attempt(name, fn) {
    try { out[name] = await fn(); } catch (e) { out[name] = {blocked: String(e && e.name || e)}; }
  }
  async function read(resp) {
    let text = null;
    try { text = await resp.text(); } catch (e) { text = null; }
    return {type: resp.type, status: resp.status, text};
  }
  await attempt("fetch GET claims (cors)", async () => read(await fetch(server + "/v1/claims?limit=1000")));
  await attempt("fetch GET healthz (cors)", async () => read(await fetch(server + "/healthz")));
  await attempt("fetch GET claims (no-cors)", async () => read(await fetch(server + "/v1/claims", {mode: "no-cors"})));
  await attempt("fetch POST sources JSON", async () => read(await fetch(server + "/v1/sources",
      {method: "POST", headers: {"Content-Type": "application/json"}, body})));
  await attempt("fetch POST sources text/plain (no-cors)", async () => read(await fetch(server + "/v1/sources",
      {method: "POST", mode: "no-cors", headers: {"Content-Type": "text/plain"}, body})));
  await attempt("fetch POST sources raw html (no-cors)", async () => read(await fetch(
      server + "/v1/sources?url=https://evil.example/raw", {method: "POST", mode: "no-cors",
      body: new Blob(["<p>Police said 999,999 people came.</p>"], {type: "text/html"})})));
  await attempt("fetch POST annotate JSON", async () => read(await fetch(server + "/v1/annotate",
      {method: "POST", headers: {"Content-Type": "application/json"}, body})));
  await attempt("fetch DELETE source", async () => read(await fetch(server + "/v1/sources/1", {method: "DELETE"})));
  await attempt("fetch DELETE source (no-cors)", async () => read(await fetch(server + "/v1/sources/1",
      {method: "DELETE", mode: "no-cors"})));
  // the reader's corrections: a page can neither read, add nor remove one
  const fix = JSON.stringify({figure: {measure: "north-korean-troops@kursk-region:in_place", claimant: "Pentagon",
      value: {low: 10000}, claim_date: "2024-11-04"}, other: {measure: "north-korean-troops@kursk-region:in_place",
      claimant: "Volodymyr Zelensky", value: {low: 11000}, claim_date: "2024-11-04"}});
  await attempt("fetch GET corrections (cors)", async () => read(await fetch(server + "/v1/corrections")));
  await attempt("fetch POST corrections JSON", async () => read(await fetch(server + "/v1/corrections",
      {method: "POST", headers: {"Content-Type": "application/json"}, body: fix})));
  await attempt("fetch POST corrections text/plain (no-cors)", async () => read(await fetch(server + "/v1/corrections",
      {method: "POST", mode: "no-cors", headers: {"Content-Type": "text/plain"}, body: fix})));
  await attempt("fetch DELETE correction", async () => read(await fetch(server + "/v1/corrections/1",
      {method: "DELETE"})));
  await attempt("fetch DELETE correction (no-cors)", async () => read(await fetch(server + "/v1/corrections/1",
      {method: "DELETE", mode: "no-cors"})));
  await attempt("sendBeacon POST corrections", async () => ({sent: navigator.sendBeacon(server + "/v1/corrections",
      new Blob([fix], {type: "text/plain"}))}));
  await attempt("fetch with credentials", async () => read(await fetch(server + "/v1/claims",
      {credentials: "include"})));
  await attempt("sendBeacon POST sources", async () => ({sent: navigator.sendBeacon(server + "/v1/sources",
      new Blob([body], {type: "text/plain"}))}));
  // elements that load a GET route: they may load, but nothing is readable
  function load(tag, attrs) {
    return new Promise((resolve) => {
      const el = document.createElement(tag);
      el.onload = () => resolve({loaded: true});
      el.onerror = () => resolve({loaded: false});
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      document.body.appendChild(el);
      setTimeout(() => resolve({loaded: "timeout"}), 5000);
    });
  }
  await attempt("img GET claims", () => load("img", {src: server + "/v1/claims"}));
  await attempt("img GET healthz", () => load("img", {src: server + "/healthz"}));
  await attempt("script GET claims (XSSI)", () => load("script", {src: server + "/v1/claims?limit=1000"}));
  await attempt("link stylesheet GET sources", () => load("link", {rel: "stylesheet", href: server + "/v1/sources"}));
  // form posts into a frame: the three encodings a form can send
  function post(enctype, fields, action) {
    return new Promise((resolve) => {
      const name = "f" + Math.random().toString(36).slice(2);
      const frame = document.createElement("iframe");
      frame.name = name;
      document.body.appendChild(frame);
      const form = document.createElement("form");
      form.method = "POST"; form.action = action; form.enctype = enctype; form.target = name;
      for (const [k, v] of Object.entries(fields)) {
        const input = document.createElement("input");
        input.type = "hidden"; input.name = k; input.value = v;
        form.appendChild(input);
      }
      document.body.appendChild(form);
      frame.onload = () => {
        let readable = null;
        try { readable = frame.contentDocument && frame.contentDocument.body.innerText; } catch (e) { readable = null; }
        resolve({readable});
      };
      form.submit();
      setTimeout(() => resolve({readable: "timeout"}), 5000);
    });
  }
  await attempt("form POST text/plain JSON", () => post("text/plain",
      {'{"url": "https://evil.example/form", "html": "<p>Police said 999,999 people came.</p>", "x": "': '"}'},
      server + "/v1/sources"));
  await attempt("form POST urlencoded", () => post("application/x-www-form-urlencoded",
      {url: "https://evil.example/form2", html: "<p>Police said 999,999 people came.</p>"}, server + "/v1/sources"));
  await attempt("form POST multipart", () => post("multipart/form-data",
      {url: "https://evil.example/form3", html: "<p>Police said 999,999 people came.</p>"}, server + "/v1/sources"));
  if (rebound) {
    // the page is same-origin with the server under the attacker's name: no CORS in the way, only the Host check
    await attempt("rebound GET claims", async () => read(await fetch("/v1/claims?limit=1000")));
    await attempt("rebound GET healthz", async () => read(await fetch("/healthz")));
    await attempt("rebound POST sources JSON", async () => read(await fetch("/v1/sources",
        {method: "POST", headers: {"Content-Type": "application/json"}, body})));
    await attempt("rebound DELETE source", async () => read(await fetch("/v1/sources/1", {method: "DELETE"})));
  }
  return out;
}
"""


def _access_lines(log_text: str) -> list[tuple[str, str, int]]:
    return [(m.group(1), m.group(2), int(m.group(3)))
            for m in re.finditer(r"crosscheck\.api \w+ (GET|POST|DELETE|PUT|OPTIONS|HEAD) (\S+) (\d{3}) ", log_text)]


def _nothing_read(name: str, result: dict) -> None:
    """An attempt read nothing: blocked, opaque, or an error body without claim data."""
    if "blocked" in result:
        return
    if "type" in result:
        assert result["type"] == "opaque" or result["status"] in (403, 404, 405), (name, result)
        text = result.get("text") or ""
        assert '"claims"' not in text and '"sources"' not in text and "999,999" not in text, (name, text[:200])
        assert '"corrections"' not in text and "Zelensky" not in text, (name, text[:200])
        if result["status"] in (403, 404, 405):
            assert json.loads(text)["error"] in ("forbidden_host", "forbidden_origin", "not_found",
                                                 "method_not_allowed"), (name, text)
        return
    if "readable" in result:
        assert not result["readable"] or '"claims"' not in result["readable"], (name, result)
        return
    if "loaded" in result:
        return                                   # an element that loads or fails exposes no bytes to the page
    if "sent" in result:
        return
    raise AssertionError((name, result))


def test_a_web_page_cannot_read_or_change_the_claim_set(chromium, tmp_path, builtin_db_template):
    from playwright.sync_api import sync_playwright
    db = tmp_path / "claims.sqlite"
    shutil.copyfile(builtin_db_template, db)
    log = tmp_path / "server.log"
    server = ServeProcess(db, log)
    site = StaticServer({"/attack.html": "<!DOCTYPE html><html><head><title>Free gifts</title></head>"
                                          "<body><h1>Nothing to see</h1></body></html>"})
    try:
        # one correction stored by the reader, which the page tries to read, remove and add to
        key = "north-korean-troops@kursk-region:in_place"
        status, fix = server.request("POST", "/v1/corrections", {
            "figure": {"measure": key, "claimant": "US State Department", "value": {"low": 10000},
                       "claim_date": "2024-11-04"},
            "other": {"measure": key, "claimant": "Volodymyr Zelensky", "value": {"low": 11000},
                      "claim_date": "2024-11-04"}})
        assert status == 201 and fix["id"] == 1
        before = server.get("/healthz")[1]
        before_claims = server.get("/v1/claims?limit=1000")[1]
        before_fixes = server.get("/v1/corrections")[1]
        mark = log.stat().st_size
        results = {}
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, headless=True,
                                         args=["--no-sandbox", "--disable-gpu",
                                               "--host-resolver-rules=MAP attacker.example 127.0.0.1"])
            try:
                ctx = browser.new_context()
                ctx.route("**/*", lambda route: route.continue_() if re.match(
                    r"^(http://(127\.0\.0\.1|localhost|attacker\.example):\d+/|data:|about:)", route.request.url)
                    else route.abort())
                page = ctx.new_page()
                for origin in (site.base, f"http://attacker.example:{site.port}"):
                    page.goto(origin + "/attack.html")
                    for target in (server.base, f"http://localhost:{server.port}"):
                        out = page.evaluate(ATTACK_JS, {"server": target, "rebound": False})
                        results.update({f"{origin} -> {target}: {k}": v for k, v in out.items()})
                # DNS rebinding: the attacker's name now points at the server itself (same origin, same port)
                rebound = f"http://attacker.example:{server.port}"
                resp = page.goto(rebound + "/healthz")
                assert resp.status == 403 and json.loads(resp.text())["error"] == "forbidden_host"
                out = page.evaluate(ATTACK_JS, {"server": rebound, "rebound": True})
                results.update({f"rebound {rebound}: {k}": v for k, v in out.items()})
            finally:
                browser.close()
        for name, result in results.items():
            _nothing_read(name, result)
        rebound_results = {k: v for k, v in results.items() if k.startswith("rebound") and "rebound " in k.split(": ")[1]}
        assert len(rebound_results) == 4
        for name, r in rebound_results.items():
            assert r["status"] == 403 and json.loads(r["text"])["error"] == "forbidden_host", (name, r)
        ATTACKS_RUN["web page"] = len(results)
        print("\n" + "\n".join(f"{k}: {str(v)[:150]}" for k, v in results.items()))

        after = server.get("/healthz")[1]
        assert after == before
        assert server.get("/v1/claims?limit=1000")[1] == before_claims
        assert server.get("/v1/corrections")[1] == before_fixes and len(before_fixes["corrections"]) == 1
        with open(log, encoding="utf-8", errors="replace") as f:
            f.seek(mark)
            lines = _access_lines(f.read())
        # what reached the server from the browser was refused; only this test's own /healthz, claims and
        # corrections calls (from Python, without Origin) were answered
        browser_lines = [line for line in lines if line[:2] not in (("GET", "/healthz"), ("GET", "/v1/claims"),
                                                                    ("GET", "/v1/corrections")) or line[2] != 200]
        assert browser_lines, lines
        assert all(status >= 400 for _, _, status in browser_lines), browser_lines
        assert not any(method in ("POST", "DELETE") and status < 400 for method, _, status in lines)
    finally:
        site.stop()
        server.stop()


SPOOF_JS = r"""
async ({extensionId, html}) => {
  const out = {replies: [], runtime: null};
  const sent = new Set();
  window.addEventListener("message", (e) => {      // anything but the page's own posts is an answer
    const text = JSON.stringify(e.data);
    if (!sent.has(text)) out.replies.push(text.slice(0, 200));
  });
  out.runtime = typeof (globalThis.chrome && chrome.runtime && chrome.runtime.sendMessage);
  for (const msg of [{type: "annotate", html, url: location.href}, {type: "addSource", html,
                      url: "https://evil.example/spoof"}, {type: "status", ok: true, anchored: 99, conflicts: true},
                     {type: "health"}, {type: "syncAutoSites"}, {type: "annotateActiveTab"},
                     {type: "correct", figure: {measure: "m@x:y", value: {low: 1}}, other: {measure: "m@x:y", value: {low: 2}}},
                     {type: "uncorrect", id: 1}]) {
    try {
      out.runtimeReply = await new Promise((resolve, reject) => {
        chrome.runtime.sendMessage(extensionId, msg, (r) => resolve(r === undefined ? "no reply" : r));
        setTimeout(() => resolve("no reply (timeout)"), 1000);
      });
    } catch (e) { out.runtimeError = String(e && e.name || e); }
    for (const m of [msg, {source: "crosscheck", ...msg}, {crosscheck: msg}]) {
      sent.add(JSON.stringify(m));
      window.postMessage(m, "*");
    }
    document.dispatchEvent(new CustomEvent("crosscheck", {detail: msg}));
  }
  try {
    const r = await fetch(`chrome-extension://${extensionId}/background.js`);
    out.extensionFile = r.ok ? "read" : "status " + r.status;
  } catch (e) { out.extensionFile = "blocked"; }
  await new Promise((resolve) => {
    const f = document.createElement("iframe");
    f.src = `chrome-extension://${extensionId}/options.html`;
    f.onload = resolve; f.onerror = resolve;
    document.body.appendChild(f);
    setTimeout(resolve, 2000);
  });
  await new Promise((r) => setTimeout(r, 1500));
  return out;
}
"""


def test_a_page_cannot_spoof_messages_to_the_extension(chromium, tmp_path, builtin_db_template):
    from playwright.sync_api import sync_playwright
    db = tmp_path / "claims.sqlite"
    shutil.copyfile(builtin_db_template, db)
    log = tmp_path / "server.log"
    server = ServeProcess(db, log)
    article = ("<!DOCTYPE html><html><head><title>March</title></head><body><article><h1>March</h1>"
               "<p>Police said about 15,000 people marched on Saturday.</p></article></body></html>")
    site = StaticServer({"/article.html": article})
    try:
        with sync_playwright() as pw:
            b = ExtensionBrowser(pw, tmp_path / "profile", chromium, server.base)
            try:
                page = b.open(site.url("/article.html"))
                result = b.annotate(page)                 # the genuine path works, and puts the content script there
                assert result["ok"] and result["anchored"] == 1
                assert wait_until(lambda: b.badge(page) == "1")
                before = {k: v for k, v in server.get("/healthz")[1].items() if k != "db_bytes"}   # counts
                mark = log.stat().st_size
                out = page.evaluate(SPOOF_JS, {"extensionId": b.extension_id, "html": article})
                assert out["runtime"] != "function" or out.get("runtimeReply") in (None, "no reply",
                                                                                  "no reply (timeout)"), out
                assert out.get("runtimeError") or out["runtime"] != "function"
                assert out["replies"] == [], out["replies"]       # nothing answered the page
                assert out["extensionFile"] != "read"
                assert b.badge(page) == "1"                        # the status spoof changed nothing
                clients = b.eval("async () => (await clients.matchAll({includeUncontrolled: true}))"
                                 ".map(c => c.url)")
                assert not any("options.html" in u for u in clients), clients
                assert {k: v for k, v in server.get("/healthz")[1].items() if k != "db_bytes"} == before
                with open(log, encoding="utf-8", errors="replace") as f:
                    f.seek(mark)
                    lines = _access_lines(f.read())
                assert not [line for line in lines if line[0] == "POST"], lines   # the server was never called
                assert server.get("/v1/corrections")[1] == {"corrections": []}
                ATTACKS_RUN["extension spoof"] = 8 * 5 + 2
            finally:
                b.close()
    finally:
        site.stop()
        server.stop()


HOSTILE = '<img src=x onerror=window.__pwned=1><script>1</script>'      # short: the card cuts long words at 80


def hostile_figure() -> dict:
    """A figure whose every text field the card shows (the issue 15 fields among them) holds markup."""
    claimant = {"name": "Evil " + HOSTILE, "mention": HOSTILE, "party": "<b onmouseover='window.__pwned=1'>P</b>"}
    other = {"claimant": claimant, "value": {"low": 11000}, "qualifier": "exact", "claim_date": "2024-11-04",
             "relation": "higher", "measure": "m@x:y", "value_text": "11,000 " + HOSTILE,
             "matched_on": ["troops " + HOSTILE, "in <svg onload=window.__pwned=1>"],
             "reports": [{"outlet": HOSTILE, "url": "javascript:window.__pwned=1", "sentence": HOSTILE}]}
    return {
        "id": "f1", "text": "10,000 " + HOSTILE, "sentence": HOSTILE, "value": {"low": 10000}, "qualifier": "up_to",
        "kind": "count", "unit": None, "counted": HOSTILE, "location": HOSTILE, "status": "in_place",
        "claimant": claimant, "claim_date": "2024-11-04", "measure": "m@x:y",
        "selector": {"exact": "10,000", "prefix": "", "suffix": "", "start": 0, "end": 6},
        "understood": {"value": "up to 10,000 " + HOSTILE, "compared_as": "at most " + HOSTILE,
                       "counts": HOSTILE, "where": HOSTILE, "status": HOSTILE, "when": HOSTILE, "claimant": HOSTILE,
                       "filed_under": [HOSTILE, "in " + HOSTILE], "would_match": "another source's " + HOSTILE},
        "comparison": {"verdict": "conflicts", "flags": [HOSTILE], "summary": HOSTILE, "others": [other],
                       "matched_on": ["troops " + HOSTILE], "corrected": [{**other, "correction": 7}],
                       "related": [{"measure": "m", "label": HOSTILE, "others": [other]}]},
    }


def test_the_cards_new_fields_show_markup_as_text(chromium):
    """card.js in a real page, given a figure whose understood words, matched fields, value texts, corrected
    claims and action note all hold markup: it all shows as text, no element is made from it, nothing runs."""
    from playwright.sync_api import sync_playwright
    site = StaticServer({"/blank.html": "<!DOCTYPE html><html><body><p>The figure <span id=m>10,000</span>.</p>"
                                        "</body></html>"})
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, headless=True, args=["--no-sandbox", "--disable-gpu"])
            try:
                page = browser.new_page()
                page.goto(site.url("/blank.html"))
                for script in ("dom.js", "format.js", "card.js"):         # in the order the extension loads them
                    page.add_script_tag(path=str(EXTENSION / script))
                unique = hostile_figure()
                unique["comparison"] = {**unique["comparison"], "verdict": "unique", "others": [], "related": []}
                out = page.evaluate("""async ([figures, note]) => {
                    const mark = document.getElementById('m');
                    const seen = {text: '', made: new Set(), attrs: new Set(), hrefs: []};
                    for (const figure of figures) {      // a compared figure's card, then a unique one's
                        CrosscheckCard.closeCard();
                        const card = CrosscheckCard.openCard(mark, figure, {onAdd: async () => note,
                            onCorrect: async () => note, onUndo: async () => note, note});
                        for (const b of card.box.querySelectorAll('button')) b.click();     // every action answers
                        await new Promise(r => setTimeout(r, 300));
                        for (const e of card.box.querySelectorAll('*')) {
                            seen.made.add(e.localName);
                            for (const a of e.attributes) seen.attrs.add(a.name);
                        }
                        seen.hrefs.push(...[...card.box.querySelectorAll('a')].map(a => a.getAttribute('href')));
                        seen.text += card.box.innerText + ' ';
                    }
                    return {text: seen.text, made: [...seen.made], attrs: [...seen.attrs], hrefs: seen.hrefs,
                            pwned: window.__pwned ?? null};
                }""", [[hostile_figure(), unique], "Marked: " + HOSTILE])
            finally:
                browser.close()
    finally:
        site.stop()
    assert out["pwned"] is None
    assert not {"img", "script", "iframe", "object", "embed", "b"} & set(out["made"]), out["made"]
    assert not [a for a in out["attrs"] if a.startswith("on")], out["attrs"]
    assert out["hrefs"] == []                                  # a javascript: url is no link
    text = out["text"]
    for shown in ("up to 10,000 " + HOSTILE, "at most " + HOSTILE, "Counts\t" + HOSTILE,
                  "Marked: " + HOSTILE, "It would match another source's " + HOSTILE, "11,000 " + HOSTILE,
                  "Same: troops " + HOSTILE, "Filed under: " + HOSTILE):
        assert shown in text or " ".join(shown.split()) in " ".join(text.split()), shown
    ATTACKS_RUN["card fields"] = 12
