"""GET/POST/DELETE /v1/feeds and the background refresh (`serve --refresh-minutes`): the real app and the real
server process against the loopback feed server, the real SQLite file. The refresh never blocks a request and
stops with the server."""
import asyncio
import subprocess
import sys
import time
from pathlib import Path

import pytest
import pytest_asyncio

from feed_server import FeedServer
from serve_process import ServeProcess
from crosscheck.feeds.fetch import Limits
from crosscheck.serving.api import create_app

pytestmark = pytest.mark.both_stores      # the tests on `store`, `service` or `client` run on SQLite and PostgreSQL

ROOT = Path(__file__).resolve().parents[1]
EXT = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
FAST = Limits(delay=0, timeout=5)


@pytest.fixture(scope="module")
def feeds_server():
    with FeedServer() as fs:
        yield fs


@pytest_asyncio.fixture
async def client(aiohttp_client, service):
    return await aiohttp_client(create_app(service, fetch_limits=FAST))


@pytest.mark.asyncio
async def test_feeds_routes_follow_list_and_unfollow(client, feeds_server):
    assert (await (await client.get("/v1/feeds")).json()) == {"feeds": []}
    resp = await client.post("/v1/feeds", json={"url": feeds_server.url("/site.html")}, headers={"Origin": EXT})
    assert resp.status == 201, await resp.text()
    feed = await resp.json()
    assert feed["url"] == feeds_server.url("/feeds/seeds.xml") and feed["title"] == "Seeds"
    assert feed["last_fetch"] is None and feed["articles"] == 0 and feed["last_error"] is None
    resp = await client.post("/v1/feeds", json={"url": feeds_server.url("/feeds/seeds.xml")})
    assert resp.status == 200 and (await resp.json())["id"] == feed["id"]
    listed = (await (await client.get("/v1/feeds")).json())["feeds"]
    assert [f["url"] for f in listed] == [feed["url"]]

    resp = await client.delete("/v1/feeds", params={"url": feed["url"]}, headers={"Origin": EXT})
    assert resp.status == 204
    resp = await client.delete("/v1/feeds", params={"url": feed["url"]})
    assert resp.status == 404 and (await resp.json())["error"] == "feed_not_found"
    assert (await (await client.get("/v1/feeds")).json()) == {"feeds": []}


@pytest.mark.asyncio
async def test_feeds_routes_answer_bad_input_with_clear_400s_and_keep_the_guards(client, feeds_server):
    cases = [
        ({"data": b"{not json", "headers": {"Content-Type": "application/json"}}, 400, "invalid_json", "not valid JSON"),
        ({"json": {}}, 400, "invalid_request", "url"),
        ({"json": {"url": ""}}, 400, "invalid_request", "url"),
        ({"json": {"url": "ftp://example.org/feed.xml"}}, 400, "cannot_follow", "only http and https"),
        ({"json": {"url": feeds_server.url("/plain.html")}}, 400, "cannot_follow", "names no RSS or Atom feed"),
        ({"json": {"url": feeds_server.url("/feeds/error.xml")}}, 400, "cannot_follow", "HTTP 500"),
        ({"data": b"url=x", "headers": {"Content-Type": "text/plain"}}, 415, "unsupported_media_type", "json"),
    ]
    for kwargs, status, error, words in cases:
        resp = await client.post("/v1/feeds", **kwargs)
        body = await resp.json()
        assert (resp.status, body["error"]) == (status, error), body
        assert words in body["detail"], body
    resp = await client.delete("/v1/feeds")
    assert resp.status == 400 and "url" in (await resp.json())["detail"]
    for method in ("get", "post", "delete"):
        resp = await getattr(client, method)("/v1/feeds", headers={"Origin": "https://evil.example"})
        assert resp.status == 403 and (await resp.json())["error"] == "forbidden_origin"
        resp = await getattr(client, method)("/v1/feeds", headers={"Host": "evil.example"})
        assert resp.status == 403 and (await resp.json())["error"] == "forbidden_host"
    doc = await (await client.get("/openapi.json")).json()
    assert set(doc["paths"]["/v1/feeds"]) == {"get", "post", "delete"}
    assert doc["paths"]["/v1/feeds"]["delete"]["parameters"][0]["name"] == "url"
    assert {"FeedOut", "FeedsOut", "FeedRequest"} <= set(doc["components"]["schemas"])


@pytest.mark.asyncio
async def test_a_followed_feed_is_refreshed_in_the_background_while_requests_are_answered(aiohttp_client, service,
                                                                                         feeds_server):
    client = await aiohttp_client(create_app(service, refresh_minutes=30, fetch_limits=FAST))
    before = service.store.counts()
    resp = await client.post("/v1/feeds", json={"url": feeds_server.url("/feeds/atom.xml")})
    assert resp.status == 201
    for _ in range(600):              # woken by the follow, not in 30 minutes; bounded, no timing asserted
        feeds = (await (await client.get("/v1/feeds")).json())["feeds"]
        assert (await client.get("/healthz")).status == 200
        if feeds[0]["last_fetch"]:
            break
        await asyncio.sleep(0.1)
    assert feeds[0]["articles"] == 2 and feeds[0]["last_error"] is None and feeds[0]["reports"] > 0
    assert service.store.counts()["sources"] == before["sources"] + 2


def test_serve_refreshes_on_start_and_stops_cleanly(feeds_server, tmp_path):
    db = tmp_path / "claims.sqlite"
    url = feeds_server.url("/feeds/relative.xml")
    subprocess.run([sys.executable, "-m", "crosscheck", "follow", url, "--db", db], cwd=ROOT, check=True,
                   capture_output=True, timeout=120)
    off = ServeProcess(db, tmp_path / "off.log", args=("--refresh-minutes", "0"))
    try:
        status, data = off.get("/v1/feeds")
        assert status == 200 and data["feeds"][0]["last_fetch"] is None
    finally:
        off.stop()
    server = ServeProcess(db, tmp_path / "serve.log", args=("--refresh-minutes", "30"))
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            feeds = server.get("/v1/feeds")[1]["feeds"]
            if feeds[0]["last_fetch"]:
                break
            time.sleep(0.1)
        assert feeds[0]["articles"] == 1 and feeds[0]["last_error"] is None
    finally:
        server.stop()
    assert server.proc.returncode == 0, server.output()
    assert "Traceback" not in server.output()
    bad = subprocess.run([sys.executable, "-m", "crosscheck", "serve", "--refresh-minutes", "-1", "--db", db],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "--refresh-minutes" in bad.stderr
