"""The local HTTP API (aiohttp) over the `Crosscheck` service: versioned routes, pydantic models at the
boundary, JSON errors {"error", "detail"}, and safe defaults.

Safety:
- Host header check against DNS rebinding: only loopback names (localhost, 127.x.y.z, [::1]) or the configured
  host, with the port the connection actually arrived on; anything else is 403 forbidden_host.
- Origin check: browsers may call only from extension origins (chrome-extension://, moz-extension://,
  safari-web-extension://) and origins named in `allowed_origins`. Any other Origin (including "null"), on any
  method, simple form posts included, is 403 forbidden_origin; so is a request without Origin that a browser
  marks as cross-site (Sec-Fetch-Site). Requests without Origin (curl, the CLI) are allowed.
- A bearer token (`token`, required by `crosscheck serve` beyond loopback): every request but a CORS preflight
  must carry `Authorization: Bearer <token>`, compared in constant time, else 401 unauthorized. A server with a
  token answers any Host name (a team reaches it by its own name): a page that rebinds a name to it cannot know
  the token.
- Body limit (`max_body`) with a JSON 413. Logs carry method, path (no query), status, size and time only;
  never a page's HTML or text, and a 500 never returns a traceback.
- Parsing, comparison and every store call run in thread pools, never on the event loop. Annotating is bounded by
  `time_budget` seconds: past it the answer is 503 {"error": "timeout"} (the worker thread finishes on its own;
  nothing is written). Too many pages waiting at once is 503 {"error": "busy"}.
- Feeds (/v1/feeds, the background refresh) are fetched only through feeds/fetch.py's polite fetcher, which never
  reaches a loopback or private address that the feed was not given as; the refresh reads and stores in a thread
  of its own, so requests are answered meanwhile.
- The parser reads at most the first `page.MAX_BYTES` characters of a page; a longer page is annotated from that
  prefix and the response says `"truncated": true` (a field added to the contract's response).
"""
from __future__ import annotations

import asyncio
import functools
import hmac
import ipaddress
import json
import logging
import re
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any, Callable, Iterable

from aiohttp import web
from pydantic import BaseModel, ValidationError

from ..contract import (AnnotateRequest, AnnotateResponse, ClaimsOut, CorrectionOut, CorrectionRequest,
                       CorrectionsOut, ErrorOut, FeedOut, FeedRequest, FeedsOut, MeasureOut, SourceOut, SourceRequest)
from ..feeds.fetch import Limits
from ..feeds.follow import FollowError, follow
from ..feeds.refresh import refresh
from ..reading.page import MAX_BYTES
from ..reading.pipeline import extract, page_from_html
from ..service import Crosscheck, feed_out, source_out
from ..claims.store import StoreError
from . import story_page
from .openapi import openapi_document

log = logging.getLogger("crosscheck.api")

API_VERSION = "v1"
EXTENSION_SCHEMES = ("chrome-extension", "moz-extension", "safari-web-extension")
LOOPBACK_NAMES = frozenset({"localhost", "localhost.", "ip6-localhost"})
CORS_METHODS = "GET, POST, DELETE, OPTIONS"
CORS_MAX_AGE = "600"
MAX_LIMIT = 1000
DEFAULT_LIMIT = 100
PIPELINE_WORKERS = 4       # annotate and ingest (parse + extract + compare)
STORE_WORKERS = 2          # reads, deletes, health: stay responsive while pages are parsed
READ_TIMEOUT = 30.0       # seconds to receive a request's body
MAX_PENDING = 32           # pages in the pipeline pool (running or waiting) before 503 busy
MAX_KEY = 500              # characters of a measure key (the corrections' limit too)
PAGE_ROUTES = frozenset({"/measures/{key}"})     # HTML pages a reader opens from a link (see _page_navigation)

SERVICE = web.AppKey("service", Crosscheck)
CONFIG = web.AppKey("config", dict)
POOLS = web.AppKey("pools", dict)
FEEDS = web.AppKey("feeds", dict)
CORS_ORIGIN = web.RequestKey("cors_origin", str)


class AnnotateOut(AnnotateResponse):
    """The contract's annotate response, plus `truncated`: the page was longer than the parser reads."""
    truncated: bool = False


class HealthOut(BaseModel):
    status: str
    sources: int
    reports: int
    claims: int
    measures: int
    db_bytes: int | None = None     # added field: the claim set's size on disk (its file and write-ahead log)


class ApiError(Exception):
    def __init__(self, status: int, error: str, detail: str, headers: dict | None = None):
        super().__init__(detail)
        self.status, self.error, self.detail, self.headers = status, error, detail, headers or {}


def error_response(status: int, error: str, detail: str | None = None, headers: dict | None = None) -> web.Response:
    return web.json_response(ErrorOut(error=error, detail=detail).model_dump(), status=status, headers=headers)


# ------------------------------------------------------------------------------------------ host and origin

def _is_loopback_host(name: str) -> bool:
    name = name.lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _split_host(value: str) -> tuple[str, int | None] | None:
    """'localhost:8765' -> ('localhost', 8765); '[::1]:80' -> ('::1', 80); no port -> (name, None)."""
    value = value.strip()
    if not value or any(c in value for c in " /\\@?#"):
        return None
    if value.startswith("["):
        end = value.find("]")
        if end < 0:
            return None
        name, rest = value[1:end], value[end + 1:]
        if rest and not rest.startswith(":"):
            return None
        port_text = rest[1:] if rest else None
    elif value.count(":") == 1:
        name, port_text = value.split(":")
    elif ":" in value:
        return None            # a bare IPv6 address without brackets is not a valid Host
    else:
        name, port_text = value, None
    if port_text is None:
        return name, None
    if not port_text.isdigit() or len(port_text) > 5:
        return None
    return name, int(port_text)


def host_allowed(request: web.Request, configured_host: str) -> bool:
    value = request.headers.get("Host")
    if value is None:
        return False
    parsed = _split_host(value)
    if parsed is None:
        return False
    name, port = parsed
    sockname = request.transport.get_extra_info("sockname") if request.transport else None
    if not sockname:
        return False
    local_ip, local_port = sockname[0], sockname[1]
    if (port if port is not None else 80) != local_port:
        return False
    name = name.lower()
    if _is_loopback_host(name):
        return True
    # the user chose a non-loopback host: accept it by name, and the address the connection came in on
    configured = configured_host.strip("[]").lower()
    if configured and configured not in ("0.0.0.0", "::") and name == configured:
        return True
    if _is_loopback_host(configured or "127.0.0.1"):
        return False
    try:
        asked, local = ipaddress.ip_address(name), ipaddress.ip_address(local_ip.split("%")[0])
    except ValueError:
        return False
    mapped = getattr(local, "ipv4_mapped", None)
    return asked == local or (mapped is not None and asked == mapped)


def origin_allowed(origin: str, allowed: frozenset[str]) -> bool:
    if origin in allowed:
        return True
    scheme, sep, rest = origin.partition("://")
    return bool(sep) and scheme.lower() in EXTENSION_SCHEMES and bool(rest) and "/" not in rest and " " not in rest


# ------------------------------------------------------------------------------------------ middlewares

@web.middleware
async def guard_middleware(request: web.Request, handler):
    """Host and Origin checks, CORS preflight, JSON errors and the access log (no query, no bodies)."""
    start = time.perf_counter()
    config = request.app[CONFIG]
    response: web.StreamResponse
    try:
        response = await _guarded(request, handler, config)
    except ApiError as exc:
        response = error_response(exc.status, exc.error, exc.detail, exc.headers)
    except web.HTTPException as exc:
        response = _http_error(exc)
    except (asyncio.CancelledError, KeyboardInterrupt):
        raise
    except StoreError as exc:
        log.error("store error on %s %s: %s", request.method, request.path, exc)
        response = _store_error(getattr(exc, "reason", "unavailable"))
    except Exception as exc:  # noqa: BLE001 - a 500 never leaks a traceback to the client
        # type and frames only: an exception's message could quote the page
        log.error("internal error on %s %s: %s\n%s", request.method, request.path, type(exc).__name__,
                  "".join(traceback.format_tb(exc.__traceback__)))
        response = error_response(500, "internal", "Internal server error; see the server log.")
    ms = (time.perf_counter() - start) * 1000
    size = response.content_length if response.content_length is not None else (
        len(response.body) if isinstance(response, web.Response) and response.body is not None else 0)
    log.info("%s %s %d %d %.1fms", request.method, request.path, response.status, size or 0, ms)
    return response


def token_given(request: web.Request, token: str) -> bool:
    """The request's `Authorization: Bearer <token>` is this token (compared in constant time)."""
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())


async def _guarded(request: web.Request, handler, config: dict) -> web.StreamResponse:
    token = config["token"]
    if token is None and not host_allowed(request, config["host"]):
        raise ApiError(403, "forbidden_host", "This server answers only requests addressed to its own loopback "
                                              "name and port (Host header refused).")
    origin = request.headers.get("Origin")
    if origin is not None:
        if not origin_allowed(origin, config["origins"]):
            raise ApiError(403, "forbidden_origin", f"Browser calls from origin {origin[:200]!r} are not allowed; "
                                                    "only extension origins and configured origins are.")
        request[CORS_ORIGIN] = origin
    elif request.headers.get("Sec-Fetch-Site", "").lower() in ("cross-site", "same-site") and \
            not _page_navigation(request):
        raise ApiError(403, "forbidden_origin", "Cross-site browser requests without an allowed Origin are refused.")
    if request.method == "OPTIONS":
        match = request.match_info
        if isinstance(match.http_exception, web.HTTPNotFound):
            raise ApiError(404, "not_found", f"No route {request.path}.")
        methods = CORS_METHODS
        if isinstance(match.http_exception, web.HTTPMethodNotAllowed):
            methods = ", ".join(sorted(set(match.http_exception.allowed_methods) | {"OPTIONS"}))
        headers = {"Allow": methods}
        if origin is not None:
            headers.update({"Access-Control-Allow-Methods": methods,
                            "Access-Control-Allow-Headers": "Authorization, Content-Type" if token else "Content-Type",
                            "Access-Control-Max-Age": CORS_MAX_AGE})
        return web.Response(status=204, headers=headers)      # a preflight carries no credentials, by design
    if token is not None and not token_given(request, token):
        raise ApiError(401, "unauthorized", "This server needs its access token: Authorization: Bearer <token> "
                                            "(the extension's options take it).",
                       headers={"WWW-Authenticate": 'Bearer realm="crosscheck"'})
    return await handler(request)


def _page_navigation(request: web.Request) -> bool:
    """A reader following a link to one of the server's HTML pages (the story page, from the card on a news page):
    a top-level navigation, which the browser marks cross-site. Allowed because it reads nothing for the page
    that links it (another origin, and no frame: the pages forbid framing), unlike a fetch, a frame or a form."""
    route = request.match_info.route
    resource = route.resource if route is not None else None
    return (request.method in ("GET", "HEAD") and resource is not None and resource.canonical in PAGE_ROUTES
            and request.headers.get("Sec-Fetch-Mode", "").lower() == "navigate"
            and request.headers.get("Sec-Fetch-Dest", "").lower() == "document")


def _store_error(reason: str) -> web.Response:
    if reason == "full":
        return error_response(507, "store_full", "The disk holding the claim set is full: nothing was written and "
                                                 "the claim set is unchanged. Free some space and try again.")
    if reason == "read_only":
        return error_response(503, "store_read_only", "The claim set is read-only (a read-only file or disk): "
                                                      "nothing was written and the claim set is unchanged.")
    return error_response(503, "store_unavailable", "The claim set cannot be read or written right now.")


def _http_error(exc: web.HTTPException) -> web.Response:
    status = exc.status
    headers = {}
    if status == 404:
        return error_response(404, "not_found", "No such route.")
    if status == 405:
        allowed = sorted(getattr(exc, "allowed_methods", ()) or ())
        if allowed:
            headers["Allow"] = ", ".join(allowed)
        return error_response(405, "method_not_allowed",
                              f"Method {getattr(exc, 'method', '')} is not allowed here; allowed: "
                              f"{', '.join(allowed) or 'none'}.", headers)
    if status == 413:
        return error_response(413, "body_too_large", exc.text or "The request body is too large.")
    code = {400: "bad_request", 415: "unsupported_media_type"}.get(status, "http_error")
    return error_response(status, code, exc.reason)


async def _on_prepare(request: web.Request, response: web.StreamResponse) -> None:
    vary = response.headers.get("Vary")
    if not vary:
        response.headers["Vary"] = "Origin"
    elif "origin" not in vary.lower():
        response.headers["Vary"] = vary + ", Origin"
    origin = request.get(CORS_ORIGIN)
    if origin:
        response.headers["Access-Control-Allow-Origin"] = origin
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Cache-Control", "no-store")


# ------------------------------------------------------------------------------------------ helpers

async def _run(request: web.Request, pool: str, fn: Callable, *args, budget: float | None = None, **kwargs):
    pools = request.app[POOLS]
    loop = asyncio.get_running_loop()
    call = functools.partial(fn, *args, **kwargs)
    if pool != "pipeline":
        return await loop.run_in_executor(pools["store"], call)
    if pools["pending"] >= MAX_PENDING:
        raise ApiError(503, "busy", "Too many pages are being read right now; try again shortly.")
    pools["pending"] += 1
    future = loop.run_in_executor(pools["pipeline"], call)

    def done(_):
        pools["pending"] -= 1
    future.add_done_callback(done)
    try:
        # shield: on timeout the thread cannot be stopped; the future finishes and releases its slot
        return await asyncio.wait_for(asyncio.shield(future), budget)
    except asyncio.TimeoutError:
        raise ApiError(503, "timeout", f"The page could not be read within {budget:g} s; it is too large or "
                                       "too complex.") from None


def _media_type(request: web.Request) -> str:
    return (request.content_type or "").lower()


async def _body(request: web.Request) -> bytes:
    max_body = request.app[CONFIG]["max_body"]
    if request.content_length is not None and request.content_length > max_body:
        raise ApiError(413, "body_too_large", f"The request body is {request.content_length} bytes; "
                                              f"the limit is {max_body} bytes.")
    timeout = request.app[CONFIG].get("read_timeout", READ_TIMEOUT)
    try:
        # a client that sends its headers and then trickles the body (or never sends it) is cut off
        return await asyncio.wait_for(request.read(), timeout)
    except asyncio.TimeoutError:
        raise ApiError(408, "request_timeout", f"The request body did not arrive within {timeout:g} s.",
                       {"Connection": "close"}) from None
    except web.HTTPRequestEntityTooLarge:
        raise ApiError(413, "body_too_large", f"The request body is larger than the limit of {max_body} "
                                              "bytes.") from None


def _validation_detail(exc: ValidationError) -> tuple[str, str]:
    errors = exc.errors(include_url=False, include_input=False)
    if any(e.get("type") == "json_invalid" for e in errors):
        msg = next(e["msg"] for e in errors if e.get("type") == "json_invalid")
        return "invalid_json", f"The body is not valid JSON: {msg}"
    parts = []
    for e in errors[:10]:
        where = ".".join(str(p) for p in e.get("loc", ())) or "body"
        parts.append(f"{where}: {e.get('msg')}")
    return "invalid_request", "; ".join(parts)


def _parse_json(model: type[BaseModel], raw: bytes):
    if not raw.strip():
        raise ApiError(400, "invalid_json", "The body is empty; a JSON object is expected.")
    try:
        return model.model_validate_json(raw)
    except ValidationError as exc:
        code, detail = _validation_detail(exc)
    if code == "invalid_json" and _LONE_SURROGATE.search(raw):
        # JSON.stringify writes half an emoji (a page cut mid-character) as a lone \udXXX escape, which the fast
        # parser refuses: read it with the standard one, the lone surrogates becoming U+FFFD
        try:
            obj = _no_surrogates(json.loads(raw))
        except (ValueError, RecursionError):
            obj = None
        if obj is not None:
            try:
                return model.model_validate(obj)
            except ValidationError as exc:
                code, detail = _validation_detail(exc)
    raise ApiError(400, code, detail)


_LONE_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _no_surrogates(obj):
    if isinstance(obj, str):
        return obj.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    if isinstance(obj, dict):
        return {_no_surrogates(k): _no_surrogates(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_no_surrogates(v) for v in obj]
    return obj


def _require_json_or_html(request: web.Request, html_ok: bool) -> str:
    media = _media_type(request)
    if media == "application/json" or (media.startswith("application/") and media.endswith("+json")):
        return "json"
    if html_ok and media in ("text/html", "application/xhtml+xml"):
        return "html"
    accepted = "application/json or text/html" if html_ok else "application/json"
    raise ApiError(415, "unsupported_media_type",
                   f"Content-Type {media or '(none)'!r} is not accepted here; send {accepted}.")


def _parse_date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ApiError(400, "invalid_request", f"published: {text!r} is not a date (YYYY-MM-DD).") from None


def _query_text(request: web.Request, name: str, max_len: int = 8192) -> str | None:
    value = request.query.get(name)
    if value is not None and len(value) > max_len:
        raise ApiError(400, "invalid_parameter", f"{name}: longer than {max_len} characters.")
    return value or None


def _query_int(request: web.Request, name: str, default: int, low: int, high: int | None) -> int:
    text = request.query.get(name)
    if text is None or text == "":
        return default
    try:
        value = int(text.strip())
    except ValueError:
        raise ApiError(400, "invalid_parameter", f"{name}: {text[:50]!r} is not an integer.") from None
    if value < low or (high is not None and value > high):
        bounds = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise ApiError(400, "invalid_parameter", f"{name}: must be {bounds}, got {value}.")
    return value


def _json(model: BaseModel | list, status: int = 200) -> web.Response:
    if isinstance(model, list):
        data = [m.model_dump(mode="json") for m in model]
        return web.json_response(data, status=status, dumps=functools.partial(json.dumps, ensure_ascii=False))
    # pydantic's own serializer: a third of the time of model_dump + json.dumps for an annotate response,
    # the same JSON values (and null, not a bare Infinity, for a non-finite number)
    return web.Response(text=model.model_dump_json(), status=status, content_type="application/json")


def _page_length(html: str | bytes) -> int:
    if isinstance(html, (bytes, bytearray)) and len(html) > MAX_BYTES:
        return len(bytes(html).decode("utf-8", "replace"))
    return len(html)


# ------------------------------------------------------------------------------------------ handlers

async def annotate(request: web.Request) -> web.Response:
    kind = _require_json_or_html(request, html_ok=True)
    raw = await _body(request)
    if kind == "json":
        req = _parse_json(AnnotateRequest, raw)
        html, url, title = req.html, req.url, req.title
    else:
        html, url, title = raw, _query_text(request, "url"), _query_text(request, "title", 2000)
    service: Crosscheck = request.app[SERVICE]
    response = await _run(request, "pipeline", service.annotate, html=html, url=url, title=title,
                          budget=request.app[CONFIG]["time_budget"])
    truncated = _page_length(html) > MAX_BYTES or bool(getattr(response, "_truncated", False))
    out = AnnotateOut(page=response.page, figures=response.figures, truncated=truncated)
    return _json(out)


def _ingest(service: Crosscheck, url: str, html, outlet, published) -> tuple[Any, list]:
    page = page_from_html(html, url=url, published=published, outlet=outlet)
    return page, extract(page)


def _store_ingest(service: Crosscheck, url: str, page, figures) -> tuple[SourceOut, bool]:
    store = service.store
    finder = getattr(store, "source_by_key", None)
    existed = (finder(url) is not None) if finder else any(s.key == url for s in store.sources())
    return source_out(store.ingest(page, figures, key=url)), existed


async def add_source(request: web.Request) -> web.Response:
    kind = _require_json_or_html(request, html_ok=True)
    raw = await _body(request)
    if kind == "json":
        req = _parse_json(SourceRequest, raw)
    else:
        try:
            req = SourceRequest(url=request.query.get("url", ""), html="", outlet=request.query.get("outlet"),
                                published=request.query.get("published"))
        except ValidationError as exc:
            raise ApiError(400, "invalid_parameter", _validation_detail(exc)[1]) from None
    html = req.html if kind == "json" else raw
    published = _parse_date(req.published)
    service: Crosscheck = request.app[SERVICE]
    # parse and extract bounded by the time budget (no side effects), then one store transaction
    page, figures = await _run(request, "pipeline", _ingest, service, req.url, html, req.outlet, published,
                               budget=request.app[CONFIG]["time_budget"])
    source, existed = await _run(request, "store", _store_ingest, service, req.url, page, figures)
    return _json(source, status=200 if existed else 201)


async def list_sources(request: web.Request) -> web.Response:
    service: Crosscheck = request.app[SERVICE]
    return _json(await _run(request, "store", service.sources))


async def _delete_by_id(request: web.Request, what: str, delete) -> web.Response:
    """DELETE .../{id}: 204, or 404 for an id that is not a stored row's (not a number, or none such)."""
    text = request.match_info["id"]
    if not text.isdigit() or len(text) > 18:
        raise ApiError(404, f"{what}_not_found", f"No {what} with id {text[:40]!r}.")
    if not await _run(request, "store", delete, int(text)):
        raise ApiError(404, f"{what}_not_found", f"No {what} with id {int(text)}.")
    return web.Response(status=204)


async def delete_source(request: web.Request) -> web.Response:
    service: Crosscheck = request.app[SERVICE]
    return await _delete_by_id(request, "source", service.delete_source)


async def list_claims(request: web.Request) -> web.Response:
    limit = _query_int(request, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
    offset = _query_int(request, "offset", 0, 0, 2 ** 62)
    text = _query_text(request, "q", 500) or _query_text(request, "text", 500)
    service: Crosscheck = request.app[SERVICE]
    out = await _run(request, "store", service.claims, measure=_query_text(request, "measure", 500),
                     claimant=_query_text(request, "claimant", 500), text=text, limit=limit, offset=offset)
    return _json(out)


async def get_measure(request: web.Request) -> web.Response:
    key = request.match_info["key"]
    service: Crosscheck = request.app[SERVICE]
    out = await _run(request, "store", service.measure, key)
    if out is None:
        raise ApiError(404, "measure_not_found", f"No measure {key[:200]!r} in the claim set.")
    return _json(out)


async def get_story_page(request: web.Request) -> web.Response:
    """The story page of a measure: the HTML twin of GET /v1/measures/{key}, from the same MeasureOut."""
    key = request.match_info["key"]
    service: Crosscheck = request.app[SERVICE]
    out = await _run(request, "store", service.measure, key) if len(key) <= MAX_KEY else None
    if out is None:
        return web.Response(text=story_page.not_found(key[:MAX_KEY]), status=404, content_type="text/html",
                            headers=story_page.HEADERS)
    return web.Response(text=story_page.render(out), content_type="text/html", headers=story_page.HEADERS)


async def add_correction(request: web.Request) -> web.Response:
    if _require_json_or_html(request, html_ok=False) != "json":
        raise ApiError(415, "unsupported_media_type", "Send application/json.")
    req = _parse_json(CorrectionRequest, await _body(request))
    service: Crosscheck = request.app[SERVICE]
    try:
        out, created = await _run(request, "store", service.add_correction, req)
    except ValueError as exc:
        raise ApiError(400, "invalid_request", str(exc)) from None
    return _json(out, status=201 if created else 200)


async def list_corrections(request: web.Request) -> web.Response:
    service: Crosscheck = request.app[SERVICE]
    out = await _run(request, "store", service.corrections, _query_text(request, "measure", 500))
    return _json(CorrectionsOut(corrections=out))


async def delete_correction(request: web.Request) -> web.Response:
    service: Crosscheck = request.app[SERVICE]
    return await _delete_by_id(request, "correction", service.delete_correction)


async def list_feeds(request: web.Request) -> web.Response:
    service: Crosscheck = request.app[SERVICE]
    rows = await _run(request, "store", service.store.feeds)
    return _json(FeedsOut(feeds=[feed_out(r) for r in rows]))


async def add_feed(request: web.Request) -> web.Response:
    if _require_json_or_html(request, html_ok=False) != "json":
        raise ApiError(415, "unsupported_media_type", "Send application/json.")
    req = _parse_json(FeedRequest, await _body(request))
    service: Crosscheck = request.app[SERVICE]
    feeds = request.app[FEEDS]
    try:
        # the fetches are bounded by follow's budget; the store calls run in the store pool
        done = await follow(service.store, req.url, limits=feeds["limits"], resolver=feeds["resolver"],
                            executor=request.app[POOLS]["store"])
    except FollowError as exc:
        raise ApiError(400, "cannot_follow", str(exc)) from None
    if done.created and feeds["wake"] is not None:
        feeds["wake"].set()                 # the background refresh fetches it now rather than in N minutes
    return _json(feed_out(done.feed), status=201 if done.created else 200)


async def delete_feed(request: web.Request) -> web.Response:
    url = _query_text(request, "url", 2048)
    if not url:
        raise ApiError(400, "invalid_parameter", "url: the address of the feed to unfollow is required (?url=).")
    forget = _query_text(request, "forget", 8)
    if forget not in (None, "0", "1", "true", "false"):
        raise ApiError(400, "invalid_parameter", "forget: 1 (also remove the feed's articles) or 0.")
    service: Crosscheck = request.app[SERVICE]
    remove = service.store.forget_feed if forget in ("1", "true") else service.store.delete_feed
    if not await _run(request, "store", remove, url):
        raise ApiError(404, "feed_not_found", f"Not following {url[:200]!r}.")
    return web.Response(status=204)


async def healthz(request: web.Request) -> web.Response:
    service: Crosscheck = request.app[SERVICE]
    return _json(HealthOut(**await _run(request, "store", service.health)))


async def openapi_json(request: web.Request) -> web.Response:
    return web.json_response(openapi_document(ROUTES, request.app[CONFIG]))


# (method, path, handler, summary, request model or None, (status, response model or kind), extra errors)
ROUTES = [
    ("POST", "/v1/annotate", annotate, "Annotate a page's figures and compare them with the claim set",
     AnnotateRequest, (200, AnnotateOut), (400, 408, 413, 415, 503)),
    ("POST", "/v1/sources", add_source, "Add a page to the claim set (the same url again replaces it)",
     SourceRequest, (201, SourceOut), (400, 408, 413, 415, 503, 507)),
    ("GET", "/v1/sources", list_sources, "List the sources in the claim set", None, (200, [SourceOut]), ()),
    ("DELETE", "/v1/sources/{id}", delete_source, "Remove a source and the claims only it carried", None,
     (204, None), (404, 503, 507)),
    ("GET", "/v1/claims", list_claims, "List claims, filtered by measure, claimant and text", None,
     (200, ClaimsOut), (400,)),
    ("GET", "/v1/measures/{key}", get_measure, "A measure with its timeline of claims and related measures", None,
     (200, MeasureOut), (404,)),
    ("GET", "/measures/{key}", get_story_page, "The story page of a measure (HTML, no script): its claims on a "
     "timeline by claimant, the number line of their values, the sources and the related measures", None,
     (200, "html"), (404,)),
    ("POST", "/v1/corrections", add_correction, "Mark a compared pair of claims as not the same quantity (the "
     "same pair again answers 200 with the stored correction)", CorrectionRequest, (201, CorrectionOut),
     (400, 408, 413, 415, 503, 507)),
    ("GET", "/v1/corrections", list_corrections, "List the reader's corrections, optionally of one measure", None,
     (200, CorrectionsOut), (400,)),
    ("DELETE", "/v1/corrections/{id}", delete_correction, "Undo a correction", None, (204, None), (404, 503, 507)),
    ("GET", "/v1/feeds", list_feeds, "List the followed feeds with their last fetch, error and counts", None,
     (200, FeedsOut), ()),
    ("POST", "/v1/feeds", add_feed, "Follow a feed, or the feed a site's page names (fetched once to check; the "
     "same feed again answers 200)", FeedRequest, (201, FeedOut), (400, 408, 413, 415, 503, 507)),
    ("DELETE", "/v1/feeds", delete_feed, "Stop following a feed (?url=); its articles stay in the claim set, unless "
     "&forget=1 (then they go, with the claims only they carried)", None,
     (204, None), (400, 404, 503, 507)),
    ("GET", "/healthz", healthz, "Liveness, the claim set's counts and its size on disk", None, (200, HealthOut), ()),
    ("GET", "/openapi.json", openapi_json, "This document", None, (200, "openapi"), ()),
]


# ------------------------------------------------------------------------------------------ the app

def create_app(service: Crosscheck, *, host: str = "127.0.0.1", port: int = 8765,
               allowed_origins: Iterable[str] = (), max_body: int = 10 * 1024 * 1024,
               time_budget: float = 10.0, read_timeout: float = READ_TIMEOUT, refresh_minutes: float = 0,
               fetch_limits: Limits | None = None, resolver=None, token: str | None = None) -> web.Application:
    """`refresh_minutes` > 0 refreshes the followed feeds in the background that often (and at once when a feed
    is followed); `fetch_limits` and `resolver` are the fetcher's (tests shorten them and fake names); `token`:
    the bearer token every request must carry (None: none, the loopback default)."""
    if token is not None and not token.strip():
        raise ValueError("an empty token would let anyone in")
    app = web.Application(middlewares=[guard_middleware], client_max_size=max_body)
    app[SERVICE] = service
    app[CONFIG] = {"host": host, "port": port, "origins": frozenset(o.rstrip("/") for o in allowed_origins),
                   "max_body": max_body, "time_budget": time_budget, "read_timeout": read_timeout, "token": token}
    app[POOLS] = {"pipeline": ThreadPoolExecutor(PIPELINE_WORKERS, thread_name_prefix="crosscheck-pipeline"),
                  "store": ThreadPoolExecutor(STORE_WORKERS, thread_name_prefix="crosscheck-store"),
                  "pending": 0}
    app[FEEDS] = {"limits": fetch_limits or Limits(), "resolver": resolver, "minutes": refresh_minutes,
                  "wake": None, "task": None, "last": None,
                  # reading and storing feeds' articles: one thread of its own, the request pools stay free
                  "pool": ThreadPoolExecutor(1, thread_name_prefix="crosscheck-feeds")}
    for method, path, handler, *_ in ROUTES:
        app.router.add_route(method, path, handler)
    app.on_response_prepare.append(_on_prepare)
    app.on_startup.append(_start_refresh)
    app.on_cleanup.append(_shutdown)
    return app


async def _start_refresh(app: web.Application) -> None:
    feeds = app[FEEDS]
    if feeds["minutes"] and feeds["minutes"] > 0:
        feeds["wake"] = asyncio.Event()
        feeds["task"] = asyncio.create_task(_refresh_loop(app), name="crosscheck-refresh")


async def _refresh_loop(app: web.Application) -> None:
    """A refresh now, then every `minutes` (or when a feed is followed), until the server stops. A refresh that
    fails is logged and the loop goes on: the server never stops for a feed."""
    feeds = app[FEEDS]
    service: Crosscheck = app[SERVICE]
    while True:
        feeds["wake"].clear()
        try:
            summary = await refresh(service.store, limits=feeds["limits"], resolver=feeds["resolver"],
                                    executor=feeds["pool"])
            feeds["last"] = summary
            if summary.feeds:
                log.info("refreshed %d feeds: %d new articles, %d copies of stories already held, %d figures, "
                         "%d new claims, %d errors", summary.feeds, summary.new_articles, summary.syndicated,
                         summary.figures, summary.claims, len(summary.errors))
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - logged; the next round tries again
            log.error("feed refresh failed: %s: %s", type(exc).__name__, exc)
        try:
            await asyncio.wait_for(feeds["wake"].wait(), feeds["minutes"] * 60)
        except asyncio.TimeoutError:
            pass


async def _shutdown(app: web.Application) -> None:
    task = app[FEEDS]["task"]
    if task is not None:
        task.cancel()
        try:
            await task
        except (asyncio.CancelledError, Exception):  # noqa: BLE001 - stopping: what it was doing is not needed
            pass
    app[FEEDS]["pool"].shutdown(wait=False, cancel_futures=True)
    for name in ("pipeline", "store"):
        app[POOLS][name].shutdown(wait=False, cancel_futures=True)
