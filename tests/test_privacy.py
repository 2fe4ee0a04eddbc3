"""Privacy (issue 6, item 6): no page HTML or text in the logs or on disk unless the page was ingested.

A `crosscheck serve` subprocess logs at DEBUG (every logger, aiohttp's included) with its home, data, cache and
temporary directories inside the test's directory. Pages carrying unique markers are annotated (as JSON, as raw
HTML, and in malformed or refused requests); then neither the log nor any file under the directory (the SQLite
file, its WAL and shared memory) holds a marker. Once the page is ingested its text is in the store (and still
not in the log)."""
from __future__ import annotations

import shutil
import sys
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from serve_process import ServeProcess

DEBUG_SERVE = ["-c", "import logging, sys; logging.basicConfig(level=logging.DEBUG, "
                     "format='%(asctime)s %(name)s %(levelname)s %(message)s'); "
                     "from crosscheck.cli import main; sys.exit(main(['serve'] + sys.argv[1:]))"]


def files_with(root: Path, needles: list[bytes]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for p in root.rglob("*"):
        if p.is_file():
            data = p.read_bytes()
            hits = [n.decode() for n in needles if n in data or n.decode().encode("utf-16-le") in data]
            if hits:
                found[str(p.relative_to(root))] = hits
    return found


def test_annotated_pages_leave_no_trace_until_ingested(tmp_path, builtin_db_template):
    home = tmp_path / "home"
    for d in ("data", "cache", "tmp", "config"):
        (home / d).mkdir(parents=True)
    db = home / "data" / "claims.sqlite"
    shutil.copyfile(builtin_db_template, db)
    text_mark = "Qz" + uuid.uuid4().hex[:10]          # in the article's sentences
    html_mark = "Hx" + uuid.uuid4().hex[:10]          # only in markup: attributes, scripts, comments
    url_mark = "Ux" + uuid.uuid4().hex[:10]           # in the page's url
    marks = [text_mark, html_mark, url_mark]
    url = f"https://news.example/{url_mark}/story"
    html = (f"<html><head><title>{text_mark} march</title><script>var k = '{html_mark}';</script></head><body>"
            f"<!-- {html_mark} --><article data-x='{html_mark}'><h1>The {text_mark} march</h1>"
            f"<p>SKOPJE, November 9 (Wire) - Police said about 15,000 {text_mark} supporters marched on Saturday.</p>"
            f"<p>Organisers said 40,000 took part, {text_mark} spokesman Ivo Petrov told reporters.</p>"
            "</article></body></html>")
    env = {"HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "XDG_CACHE_HOME": str(home / "cache"),
           "XDG_CONFIG_HOME": str(home / "config"), "TMPDIR": str(home / "tmp")}
    log = tmp_path / "server.log"                     # outside `home`: the log is checked on its own
    server = ServeProcess(db, log, extra_env=env, argv=[sys.executable, *DEBUG_SERVE])
    try:
        status, out = server.request("POST", "/v1/annotate", {"url": url, "html": html, "title": text_mark})
        assert status == 200 and [f["text"] for f in out["figures"]] == ["about 15,000", "40,000"]
        assert text_mark in out["figures"][0]["sentence"]          # the caller gets the text back, nobody else
        r = urllib.request.Request(f"{server.base}/v1/annotate?url={url}&title={text_mark}", data=html.encode(),
                                   method="POST", headers={"Content-Type": "text/html"})
        with urllib.request.urlopen(r, timeout=30) as resp:
            assert resp.status == 200
        # malformed and refused requests that carry the page
        for body, ctype, origin in ((html.encode()[:300], "application/json", None),
                                    (f'{{"html": 5, "title": "{text_mark}", "url": "{url}"}}'.encode(), "application/json", None),
                                    (html.encode(), "text/plain", None),
                                    (f'{{"html": "{text_mark}"}}'.encode(), "application/json", "https://evil.example"),
                                    (f'{{"url": "{url}", "html": "{text_mark}", "published": "{text_mark}"}}'.encode(),
                                     "application/json", None)):
            headers = {"Content-Type": ctype, **({"Origin": origin} if origin else {})}
            path = "/v1/sources" if b"published" in body else "/v1/annotate"
            r = urllib.request.Request(server.base + path, data=body, method="POST", headers=headers)
            try:
                urllib.request.urlopen(r, timeout=30)
                raise AssertionError("accepted")
            except urllib.error.HTTPError as e:
                assert 400 <= e.code < 500
                e.read()
        status, claims = server.request("GET", f"/v1/claims?q={text_mark}")
        assert status == 200 and claims["claims"] == []
        assert files_with(home, [m.encode() for m in marks]) == {}      # nothing on disk while it runs

        # ingest: now the page's text is in the claim set (and its markup and url are not logged either)
        status, src = server.request("POST", "/v1/sources", {"url": url, "html": html})
        assert status == 201 and src["reports"] == 2
        status, claims = server.request("GET", f"/v1/claims?q={text_mark}")
        assert status == 200 and len(claims["claims"]) == 2
    finally:
        server.stop()
    stored = files_with(home, [text_mark.encode()])
    assert stored and all(name.startswith("data/claims.sqlite") for name in stored), stored
    assert files_with(home, [html_mark.encode()]) == {}               # markup is never stored
    logged = log.read_text(encoding="utf-8", errors="replace")
    assert "DEBUG" in logged and "POST /v1/annotate 200" in logged and "POST /v1/sources 201" in logged
    for m in marks:
        assert m not in logged and m.lower() not in logged, m
    assert "15,000" not in logged and "Petrov" not in logged
    assert not [p for p in (home / "tmp").rglob("*")] and not [p for p in (home / "cache").rglob("*")]
