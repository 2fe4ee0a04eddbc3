"""The OpenAPI 3.1 document of the HTTP API, generated from the pydantic models and the route table in api.py."""
from __future__ import annotations

import re

from pydantic.json_schema import models_json_schema

from ..contract import ErrorOut

REF = "#/components/schemas/{model}"

ERROR_TEXT = {
    400: "Malformed JSON, wrong types, missing fields or a bad query parameter; a feed that cannot be followed "
         "(cannot_follow: not http(s), cannot be fetched, no feed there)",
    403: "Refused Host header (forbidden_host) or Origin (forbidden_origin)",
    404: "Unknown route, source, measure, correction or feed",
    405: "Method not allowed on this route",
    408: "The request body did not arrive in time (request_timeout)",
    413: "Request body larger than the limit",
    415: "Unsupported Content-Type",
    500: "Internal error (no details are returned; see the server log)",
    503: "The page could not be read within the time budget (timeout), too many pages at once (busy), or the store "
         "is read-only (store_read_only) or unavailable (store_unavailable)",
    507: "The disk holding the claim set is full (store_full); nothing was written",
}

QUERY = {
    "/v1/annotate": [("url", "string", "The page's URL, when the body is raw text/html"),
                     ("title", "string", "The page's title, when the body is raw text/html")],
    "/v1/sources": [("url", "string", "The page's URL, when the body is raw text/html (POST)"),
                    ("outlet", "string", "The outlet, when the body is raw text/html (POST)"),
                    ("published", "string", "Publication date YYYY-MM-DD, when the body is raw text/html (POST)")],
    "/v1/claims": [("measure", "string", "Only claims of this measure key"),
                   ("claimant", "string", "Claimant name contains this text"),
                   ("q", "string", "A report's sentence or counted noun contains this text"),
                   ("limit", "integer", "1..1000, default 100"),
                   ("offset", "integer", ">= 0, default 0")],
    "/v1/corrections": [("measure", "string", "Only corrections with a side of this measure key (GET)")],
    "/v1/feeds": [("url", "string", "The address of the feed to unfollow, as GET /v1/feeds lists it (DELETE)")],
}


def _version() -> str:
    try:
        from importlib.metadata import version
        return version("crosscheck")
    except Exception:  # noqa: BLE001 - running from a checkout without metadata
        return "0.1.0"


def _model_ref(model) -> dict:
    return {"$ref": REF.format(model=model.__name__)}


def openapi_document(routes: list, config: dict | None = None) -> dict:
    """The OpenAPI document of `routes`, the API's route table (api.ROUTES, passed in: api imports this module)."""
    models = {ErrorOut}
    for _, _, _, _, request_model, (_, response), _ in routes:
        if request_model is not None:
            models.add(request_model)
        if isinstance(response, list):
            models.update(response)
        elif isinstance(response, type):
            models.add(response)
    ordered = sorted(models, key=lambda m: m.__name__)
    _, schema = models_json_schema([(m, "serialization" if m.__name__.endswith("Out") else "validation")
                                    for m in ordered], ref_template=REF)
    schemas = schema.get("$defs", {})
    error = {"application/json": {"schema": _model_ref(ErrorOut)}}
    paths: dict[str, dict] = {}
    for method, path, handler, summary, request_model, (status, response), errors in routes:
        op: dict = {"operationId": handler.__name__, "summary": summary, "responses": {}}
        params = [{"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
                  for name in re.findall(r"{(\w+)}", path)]
        for name, typ, text in QUERY.get(path, ()):
            if ((path == "/v1/sources" and method != "POST") or (path == "/v1/corrections" and method != "GET")
                    or (path == "/v1/feeds" and method != "DELETE")):
                continue
            params.append({"name": name, "in": "query", "required": False, "description": text,
                           "schema": {"type": typ}})
        if params:
            op["parameters"] = params
        if request_model is not None:
            content = {"application/json": {"schema": _model_ref(request_model)}}
            if path in ("/v1/annotate", "/v1/sources"):       # the raw page is a body too
                content["text/html"] = {"schema": {"type": "string"}}
            op["requestBody"] = {"required": True, "content": content}
        if response is None:
            op["responses"][str(status)] = {"description": "Done; no content"}
        elif response == "html":
            op["responses"][str(status)] = {"description": "An HTML page (Content-Security-Policy: no script, only its "
                                                           "own stylesheet)",
                                            "content": {"text/html": {"schema": {"type": "string"}}}}
        elif response == "openapi":
            op["responses"][str(status)] = {"description": "The OpenAPI document",
                                            "content": {"application/json": {"schema": {"type": "object"}}}}
        else:
            body = ({"type": "array", "items": _model_ref(response[0])} if isinstance(response, list)
                    else _model_ref(response))
            desc = "OK"
            if path == "/v1/sources" and method == "POST":
                desc = "Added (201); 200 when the url was already there and was replaced"
                op["responses"]["200"] = {"description": "Replaced", "content": {"application/json": {"schema": body}}}
            if path == "/v1/feeds" and method == "POST":
                desc = "Followed (201); 200 when the feed was already followed"
                op["responses"]["200"] = {"description": "Already followed",
                                          "content": {"application/json": {"schema": body}}}
            if path == "/v1/corrections" and method == "POST":
                desc = "Stored (201); 200 when the pair was already marked"
                op["responses"]["200"] = {"description": "Already marked",
                                          "content": {"application/json": {"schema": body}}}
            op["responses"][str(status)] = {"description": desc, "content": {"application/json": {"schema": body}}}
        for code in sorted({*errors, 403, 405, 500}):
            if response == "html" and code == 404:      # a page that says so, for the reader who followed a link
                op["responses"]["404"] = {"description": "No such measure: an HTML page that says so",
                                          "content": {"text/html": {"schema": {"type": "string"}}}}
                continue
            op["responses"][str(code)] = {"description": ERROR_TEXT[code], "content": error}
        paths.setdefault(path, {})[method.lower()] = op
    host = (config or {}).get("host", "127.0.0.1")
    port = (config or {}).get("port", 8765)
    shown = f"[{host}]" if ":" in host else host
    return {
        "openapi": "3.1.0",
        "info": {"title": "Crosscheck", "version": _version(),
                 "description": "Annotates the figures in news pages and compares them with a claim set. Errors "
                                "are JSON {error, detail}. Browser calls only from extension or configured origins."},
        "servers": [{"url": f"http://{shown}:{port}"}],
        "paths": paths,
        "components": {"schemas": schemas},
    }
