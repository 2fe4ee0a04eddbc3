"""Helpers for the browser tests: the real crosscheck server as a subprocess, a static server for test pages, and
Debian's Chromium driven by Playwright with the unpacked extension loaded (see ../shared/notes/browser-testing.md).

Everything listens on 127.0.0.1 only; requests to anywhere else (the fixture pages' ads, fonts, trackers) are
aborted so that tests never touch the network."""
from __future__ import annotations

import contextlib
import http.server
import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from serve_process import ServeProcess

ROOT = Path(__file__).resolve().parents[1]
EXTENSION = ROOT / "extension"
PAGES = ROOT / "fixtures" / "pages"
SKIP_ENV = "CROSSCHECK_SKIP_BROWSER"


def chromium_path() -> str | None:
    explicit = os.environ.get("CROSSCHECK_CHROMIUM")
    if explicit:
        return explicit
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def require_browser() -> str:
    """Chromium's path; skips only when CROSSCHECK_SKIP_BROWSER=1 is set, and fails when anything is missing."""
    if os.environ.get(SKIP_ENV) == "1":
        pytest.skip(f"{SKIP_ENV}=1: browser tests skipped on request")
    path = chromium_path()
    if not path:
        pytest.fail("Chromium is not installed: `make test` installs it (apt-get install chromium); set "
                    f"{SKIP_ENV}=1 to skip the browser tests explicitly", pytrace=False)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.fail("Playwright is not installed: pip install -e '.[test]' (make test does it)", pytrace=False)
    return path


# ------------------------------------------------------------------------------------------ the crosscheck server

class CrosscheckServer(ServeProcess):
    """The server the extension talks to, its log beside its database; `call` gives a response's JSON and raises
    on an error status, as the extension tests want."""

    def __init__(self, db: Path, token: str | None = None):
        super().__init__(db, db.with_name("serve.log"), token=token)

    def call(self, method: str, path: str, body: dict | None = None):
        status, out = self.request(method, path, body, timeout=30)
        if status >= 400:
            raise RuntimeError(f"{method} {path}: {status} {out!r}")
        return out

    def health(self) -> dict:
        return self.call("GET", "/healthz")

    def annotate(self, html: str, url: str | None = None) -> dict:
        return self.call("POST", "/v1/annotate", {"html": html, "url": url})


def start_server(tmp: Path, template: Path) -> CrosscheckServer:
    db = tmp / "claims.sqlite"
    shutil.copyfile(template, db)
    return CrosscheckServer(db)


# ------------------------------------------------------------------------------------------ the test pages

class StaticServer:
    """Serves `routes` (path -> HTML) and the fixture pages on 127.0.0.1:<free port>, in a thread."""

    def __init__(self, routes: dict[str, str] | None = None):
        self.routes = dict(routes or {})
        routes_ref = self.routes

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                path = self.path.split("?", 1)[0]
                if path in routes_ref:
                    body = routes_ref[path].encode("utf-8")
                elif path.endswith(".html") and "/" not in path[1:] and (PAGES / path[1:]).is_file():
                    body = (PAGES / path[1:]).read_bytes()
                else:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# ------------------------------------------------------------------------------------------ the browser

@contextlib.contextmanager
def extension_browser(chromium: str, server_url: str, profile, **options):
    """An ExtensionBrowser for one test, closed after it (the fixtures of the browser tests)."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        b = ExtensionBrowser(pw, profile, chromium, server_url, **options)
        try:
            yield b
        finally:
            b.close()


class ExtensionBrowser:
    """A persistent Chromium context with the unpacked extension, its service worker and helpers that reach the
    extension: the toolbar button's function, the badge, and the content script's UI state (closed shadow roots
    are read from the content script's own world)."""

    def __init__(self, pw, profile: Path, chromium: str, server_url: str, viewport=(1280, 800)):
        self.ctx = pw.chromium.launch_persistent_context(
            str(profile), executable_path=chromium, headless=True,
            viewport={"width": viewport[0], "height": viewport[1]}, color_scheme="light",
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  f"--disable-extensions-except={EXTENSION}", f"--load-extension={EXTENSION}"])
        self.ctx.route("**/*", self._only_loopback)
        self.sw = self.ctx.service_workers[0] if self.ctx.service_workers else self.ctx.wait_for_event("serviceworker")
        self.extension_id = self.sw.url.split("/")[2]
        self.set_server(server_url)

    @staticmethod
    def _only_loopback(route):
        url = route.request.url
        if url.startswith(("http://127.0.0.1:", "http://localhost:", "data:", "about:", "chrome-extension:")):
            route.continue_()
        else:
            route.abort()

    def eval(self, fn: str, arg=None, timeout_ms: int = 20000):
        """Runs the JS function `fn` in the service worker with a time limit (Playwright has none there)."""
        return self.sw.evaluate(
            f"""async (arg) => Promise.race([({fn})(arg), new Promise((_, reject) =>
                  setTimeout(() => reject(new Error("service worker call timed out")), {int(timeout_ms)}))])""", arg)

    def set_server(self, url: str) -> None:
        self.eval("u => chrome.storage.local.set({serverUrl: u})", url)

    def open(self, url: str):
        """A new tab on `url` (with a query that makes its address unique, so its tab can be found by url)."""
        self.opened = getattr(self, "opened", 0) + 1
        page = self.ctx.new_page()
        page.goto(f"{url}{'&' if '?' in url else '?'}tab={self.opened}", wait_until="domcontentloaded")
        page.bring_to_front()
        return page

    def tab_id(self, page) -> int:
        return self.eval(
            "async u => (await chrome.tabs.query({})).filter(t => t.url === u).map(t => t.id)[0] ?? null", page.url)

    def annotate(self, page) -> dict:
        """What a toolbar click does, through the service worker's annotateTab (the same function)."""
        return self.eval("id => annotateTab(id)", self.tab_id(page), 45000)

    def badge(self, page) -> str:
        return self.eval("id => chrome.action.getBadgeText({tabId: id})", self.tab_id(page))

    def ui_state(self, page) -> dict | None:
        return self.eval(
            """async id => (await chrome.scripting.executeScript({target: {tabId: id},
                   func: () => globalThis.__crosscheck ? globalThis.__crosscheck.state() : null}))[0].result""",
            self.tab_id(page))

    def in_content(self, page, fn: str, arg=None):
        """Runs the JS function `fn(arg)` in the content scripts' world of the page's tab (where the card's closed
        shadow root is reachable through CrosscheckCard.current) and gives its result."""
        return self.eval(f"""async ([id, arg]) => (await chrome.scripting.executeScript({{target: {{tabId: id}},
                   func: {fn}, args: [arg]}}))[0].result""", [self.tab_id(page), arg])

    def badge_title(self, page) -> str:
        return self.eval("id => chrome.action.getTitle({tabId: id})", self.tab_id(page))

    def press(self, page, text: str, row: str | None = None) -> None:
        """Presses the card's button whose words start with `text` (in the list row that holds `row`, when given)
        with the real pointer, moved there first as a reader's would be (the card scrolls it into view)."""
        at = self.in_content(page, """([t, row]) => {
            const b = [...CrosscheckCard.current.box.querySelectorAll('button')].find(b => b.textContent.startsWith(t)
                && (!row || (b.closest('li') && b.closest('li').textContent.includes(row))));
            if (!b) return null;
            b.scrollIntoView({block: 'nearest'});
            const r = b.getBoundingClientRect();
            return {x: r.x + r.width / 2, y: r.y + r.height / 2}; }""", [text, row])
        assert at, (text, row, self.ui_state(page))
        page.mouse.move(at["x"], at["y"], steps=4)
        page.mouse.click(at["x"], at["y"])

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.ctx.close()


def card_screenshot(browser, page, path: Path, mark: str | None = None) -> Path:
    """A PNG of the open card (and the mark it belongs to), clipped to them: small enough for the README. The card
    is shown whole (it scrolls inside past 600 px on screen)."""
    browser.in_content(page, "() => { CrosscheckCard.current.box.style.setProperty('max-height', 'none'); return 1; }")
    state = browser.ui_state(page)
    r = dict(state["cardRect"])
    if mark:
        m = page.evaluate(f"() => {{ const r = document.querySelector(\"{mark}\").getBoundingClientRect(); "
                          "return {x: r.x, y: r.y, width: r.width, height: r.height}; }")
        x0, y0 = min(r["x"], m["x"]), min(r["y"], m["y"])
        x1 = max(r["x"] + r["width"], m["x"] + m["width"])
        y1 = max(r["y"] + r["height"], m["y"] + m["height"])
        r = {"x": x0, "y": y0, "width": x1 - x0, "height": y1 - y0}
    clip = {"x": max(0, r["x"] - 8), "y": max(0, r["y"] - 8), "width": r["width"] + 16, "height": r["height"] + 16}
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), clip=clip)
    return path


def mark_groups(page) -> list[dict]:
    """The marks on the page, grouped by figure: [{figure, text, pieces, label, verdict}] in figure order."""
    return page.evaluate("""() => {
        const groups = new Map();
        for (const m of document.querySelectorAll('mark.crosscheck-mark')) {
            const i = Number(m.dataset.crosscheckFigure);
            if (!groups.has(i)) groups.set(i, {figure: i, text: '', pieces: 0, label: null, verdict: m.dataset.crosscheckVerdict});
            const g = groups.get(i);
            g.text += m.textContent; g.pieces += 1;
            if (m.getAttribute('role') === 'button') g.label = m.getAttribute('aria-label');
        }
        return [...groups.values()].sort((a, b) => a.figure - b.figure);
    }""")


def wait_until(predicate, timeout: float = 10.0, interval: float = 0.05):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            return value
        time.sleep(interval)
