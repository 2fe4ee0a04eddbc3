"""The HTTP API against the real app (pytest-aiohttp starts a real server on 127.0.0.1) and a real store filled
with the built-in claim set (conftest.py): a SQLite file in tmp_path, and a PostgreSQL database (both_stores)."""
import asyncio
import json
from urllib.parse import quote
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import pytest_asyncio

from crosscheck.serving.api import ROUTES, create_app
from crosscheck.contract import AnnotateResponse, ClaimsOut, ErrorOut, MeasureOut, SourceOut
from crosscheck.service import Crosscheck
from crosscheck.claims.store import StoreError

ROOT = Path(__file__).resolve().parents[1]
AJP = (ROOT / "fixtures" / "pages" / "ajp.html").read_text(encoding="utf-8")
SMALL = "<h1>March</h1><p>Police said about 15,000 people marched on Saturday.</p>"
pytestmark = [pytest.mark.asyncio, pytest.mark.both_stores]
EXT = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"


@pytest_asyncio.fixture
async def client(aiohttp_client, service):
    return await aiohttp_client(create_app(service))


async def make_client(aiohttp_client, service, **kwargs):
    return await aiohttp_client(create_app(service, **kwargs))


async def error_of(resp, status: int, code: str) -> ErrorOut:
    assert resp.status == status, await resp.text()
    assert resp.content_type == "application/json"
    err = ErrorOut.model_validate(await resp.json())
    assert err.error == code and err.detail
    return err


# ------------------------------------------------------------------------------------------ routes

async def test_healthz(client):
    resp = await client.get("/healthz")
    assert resp.status == 200
    data = await resp.json()
    assert data["status"] == "ok"
    assert data["sources"] == 5 and data["claims"] > 0 and data["reports"] > 0 and data["measures"] > 0


async def test_annotate_ajp_gives_the_contract_and_the_comparison(client):
    resp = await client.post("/v1/annotate", json={"url": "https://example.org/x", "html": AJP})
    assert resp.status == 200
    data = await resp.json()
    response = AnnotateResponse.model_validate(data)
    assert data["truncated"] is False
    assert response.page.url == "https://example.org/x"
    fig = next(f for f in response.figures if f.text == "as many as 10,000")
    others = {(o.claimant.name if o.claimant else None, o.value.low) for o in fig.comparison.others}
    assert ("Pentagon", 10000) in others
    assert ("Volodymyr Zelensky", 11000) in others
    assert "paraphrase_differs" in fig.comparison.flags


async def test_annotate_accepts_raw_html_with_url_in_query(client):
    resp = await client.post("/v1/annotate", params={"url": "https://example.org/a", "title": "T"}, data=SMALL,
                             headers={"Content-Type": "text/html; charset=utf-8"})
    assert resp.status == 200
    response = AnnotateResponse.model_validate(await resp.json())
    assert response.page.url == "https://example.org/a"
    assert [f.text for f in response.figures] == ["about 15,000"]
    assert response.figures[0].comparison.verdict == "unique"


async def test_annotate_title_and_no_url(client):
    resp = await client.post("/v1/annotate", json={"html": "<p>Officials said 300 homes were damaged.</p>",
                                                   "title": "Storm"})
    assert resp.status == 200
    data = await resp.json()
    assert data["page"]["url"] is None and data["page"]["title"] == "Storm"


async def test_annotate_does_not_store_the_page(client, service):
    before = service.store.counts()
    resp = await client.post("/v1/annotate", json={"url": "https://example.org/x", "html": AJP})
    assert resp.status == 200
    assert service.store.counts() == before
    assert all(s.url != "https://example.org/x" for s in service.sources())


def _counts(health: dict) -> dict:
    """/healthz without the file's size (which a write changes whatever it leaves in the claim set)."""
    return {k: v for k, v in health.items() if k != "db_bytes"}


async def test_sources_add_list_replace_delete(client, service):
    before = _counts(await (await client.get("/healthz")).json())
    body = {"url": "https://example.org/march", "html": SMALL, "outlet": "Example", "published": "2024-11-09"}
    resp = await client.post("/v1/sources", json=body)
    assert resp.status == 201
    src = SourceOut.model_validate(await resp.json())
    assert src.url == "https://example.org/march" and src.outlet == "Example" and src.published == "2024-11-09"
    assert src.reports == 1
    after = _counts(await (await client.get("/healthz")).json())
    assert after["sources"] == before["sources"] + 1

    # idempotent: the same url again replaces the page; same id, counts unchanged
    resp = await client.post("/v1/sources", json=body)
    assert resp.status == 200
    assert (await resp.json())["id"] == src.id
    assert _counts(await (await client.get("/healthz")).json()) == after

    listed = [SourceOut.model_validate(s) for s in await (await client.get("/v1/sources")).json()]
    assert src.id in [s.id for s in listed] and len(listed) == after["sources"]

    claims = ClaimsOut.model_validate(await (await client.get("/v1/claims", params={"q": "marched"})).json())
    assert len(claims.claims) == 1 and claims.claims[0].reports[0].source_id == src.id

    resp = await client.delete(f"/v1/sources/{src.id}")
    assert resp.status == 204 and await resp.read() == b""
    claims = ClaimsOut.model_validate(await (await client.get("/v1/claims", params={"q": "marched"})).json())
    assert claims.claims == []
    assert _counts(await (await client.get("/healthz")).json()) == before
    await error_of(await client.delete(f"/v1/sources/{src.id}"), 404, "source_not_found")
    await error_of(await client.delete("/v1/sources/abc"), 404, "source_not_found")
    await error_of(await client.delete("/v1/sources/999999"), 404, "source_not_found")


async def test_sources_raw_html(client):
    resp = await client.post("/v1/sources", params={"url": "https://example.org/raw", "outlet": "Raw"}, data=SMALL,
                             headers={"Content-Type": "text/html"})
    assert resp.status == 201
    assert (await resp.json())["outlet"] == "Raw"
    resp = await client.post("/v1/sources", data=SMALL, headers={"Content-Type": "text/html"})
    await error_of(resp, 400, "invalid_parameter")


async def test_delete_builtin_source_removes_its_claims(client, service):
    sources = service.sources()
    gone = max(sources, key=lambda s: s.reports)
    claims = (await (await client.get("/v1/claims", params={"limit": 1000})).json())["claims"]
    carried = [c for c in claims if any(r["source_id"] == gone.id for r in c["reports"])]
    only = [c for c in carried if all(r["source_id"] == gone.id for r in c["reports"])]
    assert carried
    assert (await client.delete(f"/v1/sources/{gone.id}")).status == 204
    claims = (await (await client.get("/v1/claims", params={"limit": 1000})).json())["claims"]
    assert not any(r["source_id"] == gone.id for c in claims for r in c["reports"])
    ids = {c["id"] for c in claims}
    assert not any(c["id"] in ids for c in only)


async def test_claims_filters_and_paging(client):
    resp = await client.get("/v1/claims")
    assert resp.status == 200
    everything = ClaimsOut.model_validate(await resp.json())
    assert everything.limit == 100 and everything.offset == 0 and everything.claims
    total = len(everything.claims)

    page = ClaimsOut.model_validate(await (await client.get("/v1/claims?limit=2&offset=1")).json())
    assert [c.id for c in page.claims] == [c.id for c in everything.claims[1:3]]
    assert page.limit == 2 and page.offset == 1

    zel = ClaimsOut.model_validate(await (await client.get("/v1/claims", params={"claimant": "zelensky"})).json())
    assert zel.claims and all("Zelensky" in c.claimant.name for c in zel.claims)
    key = zel.claims[0].measure
    by_measure = ClaimsOut.model_validate(await (await client.get("/v1/claims", params={"measure": key})).json())
    assert by_measure.claims and all(c.measure == key for c in by_measure.claims)
    assert len(by_measure.claims) <= total
    text = ClaimsOut.model_validate(await (await client.get("/v1/claims", params={"q": "Kursk"})).json())
    assert text.claims and len(text.claims) < total
    none = await (await client.get("/v1/claims", params={"q": "no such words anywhere%_"})).json()
    assert none["claims"] == []


@pytest.mark.parametrize("query", ["limit=0", "limit=1001", "limit=x", "limit=1.5", "offset=-1", "offset=abc"])
async def test_claims_bad_ints_are_400(client, query):
    err = await error_of(await client.get(f"/v1/claims?{query}"), 400, "invalid_parameter")
    assert query.split("=")[0] in err.detail


async def test_measure_with_timeline(client):
    claims = ClaimsOut.model_validate(await (await client.get("/v1/claims", params={"claimant": "zelensky"})).json())
    key = claims.claims[0].measure
    resp = await client.get(f"/v1/measures/{quote(key, safe='')}")
    assert resp.status == 200
    m = MeasureOut.model_validate(await resp.json())
    assert m.key == key and m.label and m.timeline
    dates = [c.claim_date or "" for c in m.timeline]
    assert dates == sorted(dates)
    await error_of(await client.get("/v1/measures/no-such@nowhere:other"), 404, "measure_not_found")


async def test_openapi_lists_every_route(client):
    resp = await client.get("/openapi.json")
    assert resp.status == 200
    doc = json.loads(await resp.text())
    assert doc["openapi"].startswith("3.1")
    schemas = doc["components"]["schemas"]
    for name in ("AnnotateRequest", "AnnotateOut", "SourceRequest", "SourceOut", "ClaimsOut", "MeasureOut",
                 "ErrorOut", "HealthOut"):
        assert name in schemas
    for method, path, *_ in ROUTES:
        op = doc["paths"][path][method.lower()]
        assert op["responses"]
        for code, r in op["responses"].items():
            if path == "/measures/{key}" and code in ("200", "404"):      # the story page: HTML, also when absent
                assert list(r["content"]) == ["text/html"]
            elif int(code) >= 400:
                assert r["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ErrorOut"}
    assert doc["paths"]["/v1/annotate"]["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"] \
        .endswith("/AnnotateRequest")
    assert {"400", "413", "415"} <= set(doc["paths"]["/v1/sources"]["post"]["responses"])
    assert "404" in doc["paths"]["/v1/sources/{id}"]["delete"]["responses"]
    # every $ref resolves
    refs = set()

    def walk(x):
        if isinstance(x, dict):
            if "$ref" in x:
                refs.add(x["$ref"].rsplit("/", 1)[-1])
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
    walk(doc)
    assert refs <= set(schemas)


# ------------------------------------------------------------------------------------------ errors

async def test_malformed_json_is_400(client):
    resp = await client.post("/v1/annotate", data=b'{"html": "<p>x', headers={"Content-Type": "application/json"})
    await error_of(resp, 400, "invalid_json")
    resp = await client.post("/v1/sources", data=b"", headers={"Content-Type": "application/json"})
    await error_of(resp, 400, "invalid_json")
    resp = await client.post("/v1/annotate", data=b"\xff\xfe{", headers={"Content-Type": "application/json"})
    await error_of(resp, 400, "invalid_json")


async def test_wrong_types_are_400(client):
    err = await error_of(await client.post("/v1/annotate", json={"html": 5}), 400, "invalid_request")
    assert "html" in err.detail
    err = await error_of(await client.post("/v1/annotate", json=["<p>x</p>"]), 400, "invalid_request")
    err = await error_of(await client.post("/v1/sources", json={"url": ["x"], "html": "<p>1</p>"}), 400,
                         "invalid_request")
    assert "url" in err.detail
    err = await error_of(await client.post("/v1/sources", json={"url": "https://e.org/a", "html": "x",
                                                                "published": "5 Nov"}), 400, "invalid_request")
    assert "published" in err.detail
    err = await error_of(await client.post("/v1/sources", json={"url": "https://e.org/a", "html": "x",
                                                                "published": "2024-13-45"}), 400, "invalid_request")
    assert "published" in err.detail


async def test_missing_fields_are_400(client):
    err = await error_of(await client.post("/v1/annotate", json={"url": "https://e.org/a"}), 400, "invalid_request")
    assert "html" in err.detail and "required" in err.detail.lower()
    err = await error_of(await client.post("/v1/sources", json={"html": "<p>x</p>"}), 400, "invalid_request")
    assert "url" in err.detail
    err = await error_of(await client.post("/v1/sources", json={"url": "", "html": "<p>x</p>"}), 400,
                         "invalid_request")


async def test_wrong_content_type_is_415(client):
    for ctype in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"):
        resp = await client.post("/v1/annotate", data=b"html=x", headers={"Content-Type": ctype})
        err = await error_of(resp, 415, "unsupported_media_type")
        assert "application/json" in err.detail
    resp = await client.post("/v1/sources", data=b"a=b", headers={"Content-Type": "application/x-www-form-urlencoded"})
    await error_of(resp, 415, "unsupported_media_type")


async def test_oversized_body_is_413(aiohttp_client, service):
    client = await make_client(aiohttp_client, service, max_body=10_000)
    resp = await client.post("/v1/annotate", json={"html": "<p>" + "x" * 20_000 + "</p>"})
    err = await error_of(resp, 413, "body_too_large")
    assert "10000" in err.detail
    resp = await client.post("/v1/sources", data=b"<p>" + b"y" * 20_000, params={"url": "https://e.org/big"},
                             headers={"Content-Type": "text/html"})
    await error_of(resp, 413, "body_too_large")

    async def chunks():              # no Content-Length: the limit applies while reading
        for _ in range(30):
            yield b"z" * 1000
    resp = await client.post("/v1/annotate", data=chunks(), headers={"Content-Type": "text/html"})
    await error_of(resp, 413, "body_too_large")
    # the server is fine afterwards, and a body under the limit passes
    assert (await client.post("/v1/annotate", json={"html": SMALL})).status == 200


async def test_default_body_limit_is_10_mib(client):
    big = b"<p>" + b"a" * (10 * 1024 * 1024)
    resp = await client.post("/v1/annotate", data=big, headers={"Content-Type": "text/html"})
    await error_of(resp, 413, "body_too_large")


async def test_unknown_route_and_method(client):
    await error_of(await client.get("/v2/annotate"), 404, "not_found")
    await error_of(await client.get("/"), 404, "not_found")
    resp = await client.put("/v1/claims", json={})
    await error_of(resp, 405, "method_not_allowed")
    assert "GET" in resp.headers["Allow"]
    await error_of(await client.get("/v1/annotate"), 405, "method_not_allowed")


async def test_internal_error_never_leaks(aiohttp_client, service, caplog):
    class Broken(Crosscheck):
        def annotate(self, **kwargs):
            raise RuntimeError(kwargs["html"])      # an error whose message quotes the page
    client = await make_client(aiohttp_client, Broken(service.store))
    with caplog.at_level(logging.DEBUG):
        resp = await client.post("/v1/annotate", json={"html": "<p>secret words from the page</p>"})
        text = await resp.text()
    assert resp.status == 500
    assert json.loads(text)["error"] == "internal"
    assert "secret" not in text and "Traceback" not in text and "RuntimeError" not in text
    assert "RuntimeError" in caplog.text and "secret" not in caplog.text


async def test_store_error_is_503(aiohttp_client, service):
    class Down(Crosscheck):
        def sources(self):
            raise StoreError("cannot read the claim set at /x: disk I/O error")
    client = await make_client(aiohttp_client, Down(service.store))
    await error_of(await client.get("/v1/sources"), 503, "store_unavailable")


async def test_slow_page_times_out_and_the_server_stays_up(aiohttp_client, service):
    class Slow(Crosscheck):
        def annotate(self, **kwargs):
            time.sleep(1.0)
            return super().annotate(**kwargs)
    client = await make_client(aiohttp_client, Slow(service.store), time_budget=0.2)
    t = time.perf_counter()
    err = await error_of(await client.post("/v1/annotate", json={"html": SMALL}), 503, "timeout")
    assert time.perf_counter() - t < 0.9
    assert "0.2" in err.detail
    assert (await client.get("/healthz")).status == 200


async def test_deeply_nested_page_does_not_block_the_loop(client):
    html = "<div>" * 100_000 + "<p>Officials said 300 homes were damaged.</p>" + "</div>" * 100_000
    task = asyncio.ensure_future(client.post("/v1/annotate", json={"html": html}))
    await asyncio.sleep(0.05)
    t = time.perf_counter()
    assert (await client.get("/healthz")).status == 200
    assert time.perf_counter() - t < 2.0
    resp = await task
    assert resp.status in (200, 503)
    if resp.status == 200:
        assert [f.text for f in AnnotateResponse.model_validate(await resp.json()).figures] == ["300"]


# ------------------------------------------------------------------------------------------ Host and Origin

@pytest.mark.parametrize("host", ["evil.com", "evil.com:{port}", "localhost:{wrong}", "127.0.0.1:{wrong}",
                                  "localhost", "127.0.0.1.evil.com:{port}", "localhost.evil.com:{port}",
                                  "[::1]x:{port}", "localhost:{port}@evil.com", "192.168.1.10:{port}", ""])
async def test_refused_host_headers(client, host):
    port = client.server.port
    value = host.format(port=port, wrong=port + 1 if port < 65535 else port - 1)
    for method, path in (("GET", "/healthz"), ("GET", "/v1/claims"), ("POST", "/v1/sources")):
        resp = await client.request(method, path, headers={"Host": value}, json={"url": "https://e.org/h",
                                                                                 "html": SMALL})
        await error_of(resp, 403, "forbidden_host")
    assert (await (await client.get("/healthz")).json())["sources"] == 5


@pytest.mark.parametrize("host", ["localhost:{port}", "127.0.0.1:{port}", "127.1.2.3:{port}", "[::1]:{port}",
                                  "LOCALHOST:{port}"])
async def test_allowed_host_headers(client, host):
    resp = await client.get("/healthz", headers={"Host": host.format(port=client.server.port)})
    assert resp.status == 200


@pytest.mark.parametrize("origin", ["https://evil.example", "null", "http://localhost:3000",
                                    "http://127.0.0.1:8765", "chrome-extension://", "file://"])
async def test_refused_origins(client, service, origin):
    before = service.store.counts()
    h = {"Origin": origin}
    await error_of(await client.get("/v1/claims", headers=h), 403, "forbidden_origin")
    await error_of(await client.get("/healthz", headers=h), 403, "forbidden_origin")
    # simple requests a web page can send without a preflight
    for ctype, body in (("application/x-www-form-urlencoded", b"url=https://e.org/f&html=x"),
                        ("text/plain", b'{"url": "https://e.org/f", "html": "<p>9 people</p>"}'),
                        ("multipart/form-data; boundary=b", b"--b--"),
                        ("text/html", SMALL.encode())):
        resp = await client.post("/v1/sources?url=https://e.org/f", data=body, headers={**h, "Content-Type": ctype})
        await error_of(resp, 403, "forbidden_origin")
        resp = await client.post("/v1/annotate", data=body, headers={**h, "Content-Type": ctype})
        await error_of(resp, 403, "forbidden_origin")
    first = service.sources()[0].id
    await error_of(await client.delete(f"/v1/sources/{first}", headers=h), 403, "forbidden_origin")
    # preflight
    resp = await client.options("/v1/sources", headers={**h, "Access-Control-Request-Method": "POST",
                                                        "Access-Control-Request-Headers": "content-type"})
    await error_of(resp, 403, "forbidden_origin")
    assert "Access-Control-Allow-Origin" not in resp.headers
    assert service.store.counts() == before


async def test_cross_site_fetch_without_origin_is_refused(client):
    resp = await client.get("/v1/claims", headers={"Sec-Fetch-Site": "cross-site"})
    await error_of(resp, 403, "forbidden_origin")
    assert (await client.get("/v1/claims", headers={"Sec-Fetch-Site": "none"})).status == 200


@pytest.mark.parametrize("origin", [EXT, "moz-extension://0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
                                    "safari-web-extension://ABCDEF"])
async def test_extension_origins_get_cors(client, origin):
    resp = await client.options("/v1/annotate", headers={"Origin": origin, "Access-Control-Request-Method": "POST",
                                                         "Access-Control-Request-Headers": "content-type"})
    assert resp.status == 204
    assert resp.headers["Access-Control-Allow-Origin"] == origin
    assert "POST" in resp.headers["Access-Control-Allow-Methods"]
    assert resp.headers["Access-Control-Allow-Headers"].lower() == "content-type"
    assert int(resp.headers["Access-Control-Max-Age"]) > 0
    assert "Origin" in resp.headers["Vary"]
    resp = await client.post("/v1/annotate", json={"html": SMALL}, headers={"Origin": origin})
    assert resp.status == 200
    assert resp.headers["Access-Control-Allow-Origin"] == origin and "Origin" in resp.headers["Vary"]
    # errors are readable by the extension too
    resp = await client.get("/v1/measures/nope", headers={"Origin": origin})
    assert resp.status == 404 and resp.headers["Access-Control-Allow-Origin"] == origin


async def test_preflight_of_unknown_route_is_404(client):
    resp = await client.options("/v1/nope", headers={"Origin": EXT, "Access-Control-Request-Method": "GET"})
    await error_of(resp, 404, "not_found")


async def test_configured_origin_is_allowed(aiohttp_client, service):
    client = await make_client(aiohttp_client, service, allowed_origins=["http://localhost:3000"])
    resp = await client.get("/v1/claims?limit=1", headers={"Origin": "http://localhost:3000"})
    assert resp.status == 200 and resp.headers["Access-Control-Allow-Origin"] == "http://localhost:3000"
    await error_of(await client.get("/v1/claims", headers={"Origin": "http://localhost:3001"}), 403,
                   "forbidden_origin")


async def test_requests_without_origin_get_no_cors_header(client):
    resp = await client.get("/healthz")
    assert resp.status == 200
    assert "Access-Control-Allow-Origin" not in resp.headers and resp.headers["Vary"] == "Origin"


# ------------------------------------------------------------------------------------------ concurrency

async def test_ingest_and_annotate_at_the_same_time(client, service):
    # the five seed pages: 15 pipeline calls at once, under the server's limit of pages in progress
    pages = [ROOT / "fixtures" / "pages" / f"{name}.html" for name in ("ajp", "mia", "aljazeera", "vijesti", "bss")]
    calls = []
    for i, p in enumerate(pages):
        html = p.read_text(encoding="utf-8")
        calls.append(client.post("/v1/annotate", json={"url": f"https://example.org/a{i}", "html": html}))
        calls.append(client.post("/v1/sources", json={"url": f"https://example.org/s{i}", "html": html}))
        calls.append(client.post("/v1/sources", json={"url": f"https://example.org/s{i}", "html": html}))
        calls.append(client.get("/v1/claims", params={"limit": 1000}))
    responses = await asyncio.gather(*calls)
    for r in responses:
        assert 200 <= r.status < 300, await r.text()
    for r in responses[0::4]:
        AnnotateResponse.model_validate(await r.json())
    ids = {}
    for r in responses[1::4] + responses[2::4]:
        s = await r.json()
        ids.setdefault(s["url"], set()).add(s["id"])
    assert all(len(v) == 1 for v in ids.values()) and len(ids) == len(pages)
    health = await (await client.get("/healthz")).json()
    assert health["sources"] == 5 + len(pages)
    counts = service.store.counts()
    assert {k: health[k] for k in counts} == counts
    sources = await (await client.get("/v1/sources")).json()
    assert sum(s["reports"] for s in sources) == counts["reports"]
    assert service.store.integrity_check() == "ok"


# ------------------------------------------------------------------------------------------ logs

async def test_page_html_and_text_never_logged(client, caplog):
    marker = "Zqxjvw"
    html = f"<html><head><title>{marker} title</title></head><body><h1>{marker} head</h1>" \
           f"<p>The {marker} agency said 4,321 {marker.lower()}s were counted.</p></body></html>"
    with caplog.at_level(logging.DEBUG):
        r1 = await client.post("/v1/annotate", json={"url": "https://example.org/x", "html": html})
        r2 = await client.post("/v1/annotate", data=html, headers={"Content-Type": "text/html"})
        r3 = await client.post("/v1/annotate", data=html[:40], headers={"Content-Type": "application/json"})
        r4 = await client.post("/v1/annotate", json={"html": 7, "title": marker})
    assert (r1.status, r2.status, r3.status, r4.status) == (200, 200, 400, 400)
    assert "4,321" in await r1.text()
    assert marker not in caplog.text and marker.lower() not in caplog.text and "4,321" not in caplog.text
    ours = [r for r in caplog.records if r.name == "crosscheck.api"]
    assert len(ours) >= 4 and any("POST /v1/annotate 200" in r.getMessage() for r in ours)


# ------------------------------------------------------------------------------------------ the real process

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_serve_subprocess(tmp_path):
    await asyncio.to_thread(_serve_subprocess, tmp_path)


def _serve_subprocess(tmp_path):
    port = _free_port()
    db = tmp_path / "serve.sqlite"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("CROSSCHECK_DB", None)
    proc = subprocess.Popen([sys.executable, "-m", "crosscheck", "serve", "--port", str(port), "--db", str(db)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        health = None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    health = json.loads(r.read())
                    break
            except OSError:
                time.sleep(0.1)
        assert health is not None, proc.stderr.read() if proc.poll() is not None else "server did not start"
        assert health["status"] == "ok" and health["sources"] == 5
        assert db.exists()
        req = urllib.request.Request(f"http://127.0.0.1:{port}/v1/annotate", method="POST",
                                     data=json.dumps({"url": "https://example.org/a", "html": SMALL}).encode(),
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=10) as r:
            assert [f["text"] for f in json.loads(r.read())["figures"]] == ["about 15,000"]
        req = urllib.request.Request(f"http://127.0.0.1:{port}/healthz", headers={"Host": "evil.com"})
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(req, timeout=5)
        assert e.value.code == 403
    finally:
        proc.terminate()
        try:
            out, err = proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
    assert f"http://127.0.0.1:{port}" in out
    assert "WARNING" not in err and "Zelensky" not in err


async def test_serve_warns_on_non_loopback_host(tmp_path):
    await asyncio.to_thread(_serve_warns, tmp_path)


def _serve_warns(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "CROSSCHECK_TOKEN"}
    serve = [sys.executable, "-m", "crosscheck", "serve", "--host", "0.0.0.0", "--db", str(tmp_path / "w.sqlite"),
             "--no-builtin"]
    refused = subprocess.run(serve, cwd=ROOT, capture_output=True, text=True, timeout=60, env=env)
    assert refused.returncode == 2 and "needs an access token" in refused.stderr and "Traceback" not in refused.stderr
    short = subprocess.run([*serve, "--token", "tooshort"], cwd=ROOT, capture_output=True, text=True, timeout=60,
                           env=env)
    assert short.returncode == 2 and "too short" in short.stderr
    with socket.socket() as busy:            # the port is taken, so the server warns and then fails to bind
        busy.bind(("0.0.0.0", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = subprocess.run([*serve, "--port", str(port)], cwd=ROOT, capture_output=True, text=True, timeout=60,
                              env={**env, "CROSSCHECK_TOKEN": TOKEN})
    assert "WARNING" in proc.stderr and "0.0.0.0" in proc.stderr and "access token" in proc.stderr
    assert proc.returncode == 1 and "cannot listen" in proc.stderr


# ------------------------------------------------------------------------------------------ the access token

TOKEN = "team-token-0123456789abcdef"


async def test_a_token_is_required_on_every_route(aiohttp_client, service):
    client = await make_client(aiohttp_client, service, token=TOKEN)
    for method, path in (("GET", "/healthz"), ("GET", "/v1/claims"), ("GET", "/v1/sources"),
                         ("POST", "/v1/annotate"), ("POST", "/v1/sources"), ("DELETE", "/v1/sources/1")):
        for auth in (None, "Bearer wrong-token-0123456789abcdef", f"Basic {TOKEN}", f"Bearer {TOKEN[:-1]}", "Bearer"):
            headers = {"Authorization": auth} if auth else {}
            resp = await client.request(method, path, json={"html": SMALL} if method == "POST" else None,
                                        headers=headers)
            await error_of(resp, 401, "unauthorized")
            assert resp.headers["WWW-Authenticate"].startswith("Bearer")
    assert service.store.counts()["sources"] == 5          # nothing was written


async def test_the_right_token_is_let_in_whatever_the_host_name(aiohttp_client, service):
    client = await make_client(aiohttp_client, service, token=TOKEN, host="0.0.0.0")
    auth = {"Authorization": f"Bearer {TOKEN}"}
    resp = await client.get("/healthz", headers={**auth, "Host": f"crosscheck.newsroom.example:{client.port}"})
    assert resp.status == 200 and (await resp.json())["sources"] == 5
    resp = await client.post("/v1/annotate", json={"url": "https://example.org/a", "html": SMALL},
                             headers={**auth, "Origin": EXT})
    assert resp.status == 200 and [f["text"] for f in (await resp.json())["figures"]] == ["about 15,000"]
    resp = await client.post("/v1/annotate", json={"html": SMALL}, headers={**auth, "Origin": "https://evil.example"})
    await error_of(resp, 403, "forbidden_origin")           # the origin check stays


async def test_a_preflight_needs_no_token_and_allows_the_authorization_header(aiohttp_client, service):
    client = await make_client(aiohttp_client, service, token=TOKEN)
    resp = await client.options("/v1/annotate", headers={"Origin": EXT, "Access-Control-Request-Method": "POST",
                                                         "Access-Control-Request-Headers": "authorization"})
    assert resp.status == 204 and "Authorization" in resp.headers["Access-Control-Allow-Headers"]


async def test_without_a_token_loopback_stays_as_it_was(client):
    assert (await client.get("/healthz")).status == 200
    resp = await client.get("/healthz", headers={"Host": "evil.example"})
    await error_of(resp, 403, "forbidden_host")


async def test_an_empty_token_is_refused(service):
    with pytest.raises(ValueError):
        create_app(service, token="  ")
