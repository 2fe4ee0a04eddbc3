"""Hostile input (issue 6, items 1 and 2): pages built to break the parser or make a regular expression backtrack,
property-based pages (hypothesis), real pages mutated at random, malformed requests and slow clients.

The pipeline never raises, finishes within the server's time budget, and every selector it returns points at its
exact text; the server answers every page with 200 or a clear 4xx/503 within the budget, a page that is cut says
`"truncated": true`, and a malformed request gets a 4xx with a JSON error naming the problem while other clients
keep being served. The long version (full-size pages over HTTP, more mutations) is `make soak`."""
from __future__ import annotations

import asyncio
import json
import select
import socket
import time

import pytest
import pytest_asyncio
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crosscheck.serving.api import create_app
from crosscheck.claims.compare import compare_page
from crosscheck.contract import AnnotateResponse, ErrorOut, annotate_response
from crosscheck.reading.pipeline import MAX_FIGURES, MAX_TEXT, extract, page_from_html, page_from_text
from crosscheck.service import Crosscheck

from hostile_inputs import (SENTENCE, benchmark_pages, big_page, check_response_selectors, check_selectors,
                            mutated_pages, named_cases)

BUDGET = 10.0                 # the server's time budget (create_app's default)
PIPELINE_BOUND = 8.0          # one hostile page, read directly, on a slow machine
# the sizes issue 6 names, in full; the other cases at a tenth of their size here and in full in `make soak`
FULL_SIZE = {"random-bytes", "nested-100k-div", "nested-100k-span", "nested-100k-unclosed", "nested-100k-mixed-close",
             "one-1mb-line", "one-1mb-word", "numbers-50k", "long-words", "said-said-said", "digits-commas"}
CASES = {**dict(named_cases(0.1)), **{k: v for k, v in named_cases(1.0) if k in FULL_SIZE}}
HTTP_CASES = dict(named_cases(0.02))
STATS = {"pipeline": 0, "http": 0}


def read(data, url="https://hostile.example/page"):
    """The pipeline as the server runs it (parse, extract, compare), timed; checks every selector."""
    t = time.perf_counter()
    page = page_from_html(data, url=url)
    figures = extract(page)
    response = annotate_response(page, figures)
    elapsed = time.perf_counter() - t
    check_selectors(page, figures)
    assert len(response.figures) == len(figures) <= MAX_FIGURES
    assert len(page.text) <= MAX_TEXT
    STATS["pipeline"] += 1
    return page, figures, elapsed


# ------------------------------------------------------------------------------------------ the pipeline, directly

@pytest.mark.parametrize("name", list(CASES))
def test_pipeline_reads_hostile_page_in_bounded_time(name, store):
    page, figures, elapsed = read(CASES[name])
    t = time.perf_counter()
    compare_page(page, figures, store)
    elapsed += time.perf_counter() - t
    assert elapsed < PIPELINE_BOUND, f"{name}: {elapsed:.1f} s"


def test_pipeline_on_a_10_mb_page_is_bounded_and_says_it_was_cut():
    html = big_page(10 * 1000 * 1000)
    page, figures, elapsed = read(html)
    assert page.truncated and figures and elapsed < PIPELINE_BOUND
    page, figures, elapsed = read(html.encode("utf-8"))
    assert page.truncated and figures and elapsed < PIPELINE_BOUND


def test_an_ordinary_page_is_not_truncated():
    page, figures, _ = read(f"<p>{SENTENCE}</p>")
    assert not page.truncated and [f.text for f in figures] == ["about 15,000"]


def test_a_page_past_the_text_limit_is_cut_at_a_block_end():
    html = big_page(MAX_TEXT * 2)
    page, figures, _ = read(html)
    assert page.truncated and len(page.text) <= MAX_TEXT
    assert page.blocks and page.text.endswith(page.blocks[-1].text)
    for b in page.blocks:
        assert page.text[b.start:b.end] == b.text


# ------------------------------------------------------------------------------------------ property-based

TOKENS = ["1", "15", "1,000", "0.5", "2024", "10:30", ",", ".", " ", "  ", "\n", "-", "\u2013", "%", "$", "\u20ac",
          "said", "Police", "Ministry", "of", "the", "about", "more than", "million", "thousand", "per cent",
          "\u201c", "\u201d", '"', "'", "(", ")", "Mr.", "U.S.", "A.", "<p>", "</p>", "<div>", "</div>", "<b>", "<br>",
          "<script>", "</script>", "<!--", "&amp;", "&#49;", "\x00", "\ufffd", "\u202e", "\u0661", "\ud800",
          "troops", "people", "on Saturday", "November 9", "told", "according to", ":", ";", "?", "!", "\u2026"]

hostile_text = st.lists(st.sampled_from(TOKENS), max_size=300).map("".join)
SETTINGS = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SETTINGS
@given(st.binary(max_size=4000))
def test_random_bytes_never_raise(data):
    read(data)


@SETTINGS
@given(hostile_text)
def test_hostile_token_soup_as_html_never_raises(text):
    read(text)
    read(text.encode("utf-8", "surrogatepass"))


@SETTINGS
@given(hostile_text)
def test_hostile_token_soup_as_plain_text_never_raises(text):
    page = page_from_text(text, url="https://hostile.example/t")
    check_selectors(page, extract(page))


@SETTINGS
@given(st.text(max_size=3000), st.sampled_from(["utf-8", "utf-16", "latin-1", "shift_jis", "cp1252", "utf-8-sig"]))
def test_any_text_in_any_encoding_never_raises(text, encoding):
    read(text)
    read(text.encode(encoding, "replace"))


# ------------------------------------------------------------------------------------------ mutated real pages

MUTATIONS = 40


@pytest.mark.skipif(not benchmark_pages(), reason="../shared/data/article-extraction-benchmark is absent")
def test_mutated_real_pages():
    n = 0
    for name, data in mutated_pages(MUTATIONS, seed=6):
        _, _, elapsed = read(data)
        assert elapsed < PIPELINE_BOUND, f"{name}: {elapsed:.1f} s"
        n += 1
    assert n == MUTATIONS


# ------------------------------------------------------------------------------------------ over HTTP

@pytest_asyncio.fixture
async def client(aiohttp_client, service):
    return await aiohttp_client(create_app(service))


async def post_page(client, data):
    """A page as JSON (str) or as raw text/html (bytes, and str pages that JSON cannot carry)."""
    if isinstance(data, str):
        try:
            body = json.dumps({"url": "https://hostile.example/p", "html": data}).encode("utf-8")
            return await client.post("/v1/annotate", data=body, headers={"Content-Type": "application/json"})
        except UnicodeEncodeError:
            data = data.encode("utf-8", "surrogatepass")
    return await client.post("/v1/annotate", data=data, params={"url": "https://hostile.example/p"},
                             headers={"Content-Type": "text/html"})


async def answer_within_budget(client, data) -> tuple[int, dict]:
    t = time.perf_counter()
    resp = await post_page(client, data)
    body = await resp.read()
    elapsed = time.perf_counter() - t
    STATS["http"] += 1
    assert elapsed < BUDGET + 2, elapsed
    assert resp.status in (200, 400, 413, 415, 503), (resp.status, body[:200])
    assert resp.content_type == "application/json"
    out = json.loads(body)
    if resp.status == 200:
        AnnotateResponse.model_validate(out)
        check_response_selectors(out)
    else:
        assert ErrorOut.model_validate(out).detail
    return resp.status, out


@pytest.mark.asyncio
async def test_server_answers_every_hostile_page(client):
    statuses = {}
    for name, data in HTTP_CASES.items():
        status, out = await answer_within_budget(client, data)
        statuses[name] = status
    assert statuses["empty"] == 200 and statuses["nested-100k-div"] == 200 and statuses["one-1mb-line"] == 200
    assert statuses["surrogates"] == 200
    assert set(statuses.values()) <= {200, 400}, statuses
    assert (await client.get("/healthz")).status == 200


@pytest.mark.asyncio
@pytest.mark.skipif(not benchmark_pages(), reason="../shared/data/article-extraction-benchmark is absent")
async def test_server_answers_mutated_real_pages(client):
    for _, data in mutated_pages(10, seed=60):
        status, _ = await answer_within_budget(client, data)
        assert status == 200


@pytest.mark.asyncio
async def test_over_10_mib_is_413_and_a_long_page_under_it_is_cut_and_says_so(client):
    status, out = await answer_within_budget(client, big_page(10 * 1024 * 1024 + 1000).encode())
    assert status == 413 and out["error"] == "body_too_large"
    status, out = await answer_within_budget(client, big_page(9_900_000).encode())
    assert status == 200 and out["truncated"] is True and out["figures"]
    status, out = await answer_within_budget(client, big_page(MAX_TEXT * 2))
    assert status == 200 and out["truncated"] is True
    status, out = await answer_within_budget(client, CASES["numbers-50k"])
    assert status == 200 and out["truncated"] is True and len(out["figures"]) == MAX_FIGURES
    status, out = await answer_within_budget(client, f"<p>{SENTENCE}</p>")
    assert status == 200 and out["truncated"] is False


# ------------------------------------------------------------------------------------------ malformed requests

J = {"Content-Type": "application/json"}
MALFORMED = [
    # (name, path, body, headers, status, error, words the detail names)
    ("truncated-json", "/v1/annotate", b'{"html": "<p>1', J, 400, "invalid_json", ["JSON"]),
    ("trailing-garbage", "/v1/annotate", b'{"html": "x"} {"html": "y"}', J, 400, "invalid_json", ["JSON"]),
    ("single-quotes", "/v1/annotate", b"{'html': 'x'}", J, 400, "invalid_json", ["JSON"]),
    ("nan", "/v1/annotate", b'{"html": NaN}', J, 400, "invalid_request", ["html"]),
    ("deep-nesting", "/v1/annotate", b'{"html": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", J, 400, None, []),
    ("bom-and-utf16", "/v1/annotate", '{"html": "x"}'.encode("utf-16"), J, 400, "invalid_json", []),
    ("latin-1-bytes", "/v1/annotate", b'{"html": "caf\xe9"}', J, 400, "invalid_json", []),
    ("empty", "/v1/sources", b"", J, 400, "invalid_json", ["empty"]),
    ("whitespace", "/v1/annotate", b" \n\t ", J, 400, "invalid_json", ["empty"]),
    ("null", "/v1/annotate", b"null", J, 400, "invalid_request", []),
    ("array", "/v1/annotate", b'["<p>1</p>"]', J, 400, "invalid_request", []),
    ("string", "/v1/annotate", b'"<p>1</p>"', J, 400, "invalid_request", []),
    ("html-number", "/v1/annotate", b'{"html": 5}', J, 400, "invalid_request", ["html"]),
    ("html-null", "/v1/annotate", b'{"html": null}', J, 400, "invalid_request", ["html"]),
    ("html-object", "/v1/annotate", b'{"html": {"a": 1}}', J, 400, "invalid_request", ["html"]),
    ("url-list", "/v1/annotate", b'{"html": "x", "url": ["a"]}', J, 400, "invalid_request", ["url"]),
    ("title-number", "/v1/annotate", b'{"html": "x", "title": 7}', J, 400, "invalid_request", ["title"]),
    ("missing-html", "/v1/annotate", b'{"url": "https://e.org/a"}', J, 400, "invalid_request", ["html", "required"]),
    ("missing-url", "/v1/sources", b'{"html": "<p>1</p>"}', J, 400, "invalid_request", ["url"]),
    ("url-bool", "/v1/sources", b'{"html": "x", "url": true}', J, 400, "invalid_request", ["url"]),
    ("published-bad", "/v1/sources", b'{"html": "x", "url": "https://e.org/a", "published": "yesterday"}', J, 400,
     "invalid_request", ["published"]),
    ("published-number", "/v1/sources", b'{"html": "x", "url": "https://e.org/a", "published": 20240101}', J, 400,
     "invalid_request", ["published"]),
    ("outlet-list", "/v1/sources", b'{"html": "x", "url": "https://e.org/a", "outlet": []}', J, 400,
     "invalid_request", ["outlet"]),
    ("no-content-type", "/v1/annotate", b'{"html": "x"}', {}, 415, "unsupported_media_type", ["application/json"]),
    ("text-plain", "/v1/annotate", b'{"html": "x"}', {"Content-Type": "text/plain"}, 415, "unsupported_media_type",
     ["text/plain"]),
    ("xml", "/v1/sources", b"<x/>", {"Content-Type": "application/xml"}, 415, "unsupported_media_type", ["xml"]),
    ("form", "/v1/sources", b"url=a&html=b", {"Content-Type": "application/x-www-form-urlencoded"}, 415,
     "unsupported_media_type", []),
    ("bad-content-type", "/v1/annotate", b"{}", {"Content-Type": ";;;==="}, 415, "unsupported_media_type", []),
    ("html-without-url", "/v1/sources", b"<p>1</p>", {"Content-Type": "text/html"}, 400, "invalid_parameter", ["url"]),
    ("claims-limit", "/v1/claims?limit=99999999999999999999999", None, {}, 400, "invalid_parameter", ["limit"]),
    ("claims-offset", "/v1/claims?offset=-5", None, {}, 400, "invalid_parameter", ["offset"]),
    ("claims-long-q", "/v1/claims?q=" + "x" * 600, None, {}, 400, "invalid_parameter", ["q"]),
    ("long-title-param", "/v1/annotate?title=" + "t" * 3000, b"<p>1</p>", {"Content-Type": "text/html"}, 400,
     "invalid_parameter", ["title"]),
    ("delete-bad-id", "/v1/sources/-1", None, {}, 404, "source_not_found", []),
    ("delete-huge-id", "/v1/sources/99999999999999999999999", None, {}, 404, "source_not_found", []),
    ("measure-missing", "/v1/measures/%00%ff", None, {}, 404, "measure_not_found", []),
]


@pytest.mark.asyncio
@pytest.mark.parametrize("name, path, body, headers, status, error, words", MALFORMED, ids=[m[0] for m in MALFORMED])
async def test_malformed_requests_get_a_json_4xx_naming_the_problem(client, service, name, path, body, headers,
                                                                  status, error, words):
    before = service.store.counts()
    method = "DELETE" if name.startswith("delete") else ("POST" if body is not None else "GET")
    resp = await client.request(method, path, data=body, headers=headers)
    assert resp.status == status, await resp.text()
    assert resp.content_type == "application/json"
    err = ErrorOut.model_validate(await resp.json())
    assert err.detail and (error is None or err.error == error), err
    for w in words:
        assert w.lower() in err.detail.lower(), err.detail
    assert service.store.counts() == before
    assert (await client.get("/healthz")).status == 200


@pytest.mark.asyncio
async def test_requests_that_are_not_http_are_refused_and_the_server_stays_up(client):
    """What aiohttp's parser refuses before any route runs (a request line over 8 KB, garbage, a bad header) is a
    400 from aiohttp (plain text) on a closed connection; the server goes on serving."""
    port = client.server.port
    for head in (f"GET /v1/claims?q={'x' * 9000} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode(),
                 b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + bytes(range(256)) + b"\r\n\r\n",
                 f"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nBad Header\r\n\r\n".encode(),
                 f"POST /v1/annotate HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: -5\r\n\r\n".encode(),
                 f"POST /v1/annotate HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nTransfer-Encoding: chunked\r\n\r\n"
                 "zz\r\nabc\r\n".encode()):
        elapsed, answer = await asyncio.to_thread(_raw, port, head, [], 0, 5)
        assert answer.startswith((b"HTTP/1.1 400", b"HTTP/1.0 400")), answer[:100]
        assert (await client.get("/healthz")).status == 200


@pytest.mark.asyncio
async def test_oversized_bodies_with_and_without_content_length(aiohttp_client, service):
    client = await aiohttp_client(create_app(service, max_body=50_000))
    big = b'{"html": "' + b"x" * 60_000 + b'"}'
    resp = await client.post("/v1/sources", data=big, headers=J)
    assert resp.status == 413 and (await resp.json())["error"] == "body_too_large"

    async def chunks():
        for _ in range(10):
            yield b"<p>" + b"y" * 10_000

    resp = await client.post("/v1/annotate", data=chunks(), headers={"Content-Type": "text/html"})
    assert resp.status == 413 and (await resp.json())["error"] == "body_too_large"
    assert (await client.get("/healthz")).status == 200


# ------------------------------------------------------------------------------------------ slow clients

READ_TIMEOUT = 1.0


@pytest_asyncio.fixture
async def slow_server(aiohttp_client, service):
    client = await aiohttp_client(create_app(service, read_timeout=READ_TIMEOUT))
    return client


def _raw(port: int, head: bytes, body_parts: list[bytes], gap: float, wait: float) -> tuple[float, bytes]:
    """Sends headers, then the body parts `gap` seconds apart until the server answers; returns (seconds from the
    headers to the end of the answer, the answer)."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as s:
        s.sendall(head)
        t = time.monotonic()
        for part in body_parts:
            if select.select([s], [], [], gap)[0]:
                break                               # the server has answered (or closed)
            s.sendall(part)
        got = b""
        s.settimeout(max(0.1, wait - (time.monotonic() - t)))
        try:
            while b"\r\n\r\n" not in got or len(got) < got.find(b"\r\n\r\n") + 4 + _length(got):
                chunk = s.recv(65536)
                if not chunk:
                    break
                got += chunk
        except OSError:
            pass
        return time.monotonic() - t, got


def _length(head: bytes) -> int:
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return int(line.split(b":")[1])
    return 0


def _head(port: int, length: int) -> bytes:
    return (f"POST /v1/annotate HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {length}\r\n\r\n").encode()


@pytest.mark.asyncio
async def test_slow_clients_time_out_and_others_are_served(slow_server):
    port = slow_server.server.port
    # a body that never comes, and one that trickles a byte every 0.3 s: both are cut off with 408
    never = asyncio.to_thread(_raw, port, _head(port, 1000) + b"{", [], 0, READ_TIMEOUT + 5)
    trickle = asyncio.to_thread(_raw, port, _head(port, 40), [b" "] * 30, 0.3, READ_TIMEOUT + 12)
    # and a crowd of clients that stop in the middle of their headers and hold their connections open
    held = []
    for _ in range(20):
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(f"POST /v1/annotate HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: appl".encode())
        held.append(s)
    tasks = [asyncio.ensure_future(x) for x in (never, trickle)]
    await asyncio.sleep(0.2)
    served = 0
    t = time.monotonic()
    try:
        while time.monotonic() - t < READ_TIMEOUT:              # others are served meanwhile, promptly
            t0 = time.monotonic()
            resp = await slow_server.post("/v1/annotate", json={"html": f"<p>{SENTENCE}</p>"})
            assert resp.status == 200 and time.monotonic() - t0 < 2.0
            served += 1
    finally:
        for s in held:
            s.close()
    results = await asyncio.gather(*tasks)
    assert served >= 3
    for elapsed, answer in results:
        assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
        body = json.loads(answer.split(b"\r\n\r\n", 1)[1])
        assert body["error"] == "request_timeout" and "did not arrive" in body["detail"]
        assert elapsed < READ_TIMEOUT + 3
    assert (await slow_server.get("/healthz")).status == 200
