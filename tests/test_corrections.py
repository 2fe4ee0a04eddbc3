"""The reader's corrections (issue 15): a compared pair marked 'not the same quantity' is stored in the claim set
(SQLite, schema 6), later comparison sets it aside in both directions, it is exported with the claims, and the
API (POST/GET/DELETE /v1/corrections) and the command line manage it. Real app on loopback, real SQLite file."""
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import pytest_asyncio

from crosscheck.claims.store import SCHEMA_VERSION, ClaimIdentity

from crosscheck.claims.store_sqlite import SQLiteStore
from crosscheck.contract import ClaimsOut, CorrectionOut, CorrectionsOut
from crosscheck.serving.api import create_app

pytestmark = pytest.mark.both_stores      # the tests on `store`, `service` or `client` run on SQLite and PostgreSQL

ROOT = Path(__file__).resolve().parents[1]
AJP = (ROOT / "fixtures" / "pages" / "ajp.html").read_text(encoding="utf-8")
EXT = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
# two outlets' counts of one quantity, by two claimants: compared with each other
PAGE_A = ("<h1>Flood</h1><p>DERNA, Libya, Sept 14 (Wire) - The Red Crescent said on Wednesday that 11,300 people "
          "had died in Derna.</p>")
PAGE_B = ("<h1>Flood</h1><p>DERNA, Libya, Sept 14 (Daily) - The health ministry said on Wednesday that 5,300 people "
          "had died in Derna.</p>")


def ref(figure) -> dict:
    """A figure of the annotate response, or an `others` entry, as the extension sends it."""
    return {"measure": figure["measure"], "claimant": (figure.get("claimant") or {}).get("name"),
            "value": figure["value"], "claim_date": figure.get("claim_date")}


def first(data: dict) -> dict:
    return next(f for f in data["figures"] if f["comparison"]["others"] or f["comparison"]["corrected"])


@pytest_asyncio.fixture
async def client(aiohttp_client, service):
    return await aiohttp_client(create_app(service))



async def annotate(client, html: str, url: str) -> dict:
    resp = await client.post("/v1/annotate", json={"url": url, "html": html})
    assert resp.status == 200, await resp.text()
    return await resp.json()


# ------------------------------------------------------------------------------------------ the round trip

@pytest.mark.asyncio
async def test_a_corrected_pair_is_set_aside_both_ways_and_undone(client, service):
    for url, html in (("https://example.org/a", PAGE_A), ("https://example.org/b", PAGE_B)):
        assert (await client.post("/v1/sources", json={"url": url, "html": html})).status == 201
    a = first(await annotate(client, PAGE_A, "https://example.org/a"))
    assert a["comparison"]["verdict"] in ("conflicts", "differs")
    other = next(o for o in a["comparison"]["others"] if o["value"]["low"] == 5300)
    assert other["matched_on"] and set(other["matched_on"]) == set(a["comparison"]["matched_on"])

    resp = await client.post("/v1/corrections", json={"figure": ref(a), "other": {**ref(other)}, "note": "two tolls"},
                             headers={"Origin": EXT})
    assert resp.status == 201, await resp.text()
    fix = CorrectionOut.model_validate(await resp.json())
    assert fix.kind == "not_same" and fix.note == "two tolls" and fix.figure.value.low == 11300

    # this page: the other claim is no longer compared; the figure is unique again, and says why
    again = first(await annotate(client, PAGE_A, "https://example.org/a"))
    c = again["comparison"]
    assert all(o["value"]["low"] != 5300 for o in c["others"])
    assert [(o["value"]["low"], o["correction"]) for o in c["corrected"]] == [(5300, fix.id)]
    assert c["verdict"] == "unique" and "5,300" not in c["summary"]
    # the other page: the same pair from its side
    b = first(await annotate(client, PAGE_B, "https://example.org/b"))
    assert all(o["value"]["low"] != 11300 for o in b["comparison"]["others"])
    assert [o["correction"] for o in b["comparison"]["corrected"]] == [fix.id]

    # the same pair again, in either order, is the same correction
    for body in ({"figure": ref(a), "other": ref(other)}, {"figure": ref(other), "other": ref(a)}):
        resp = await client.post("/v1/corrections", json=body)
        assert resp.status == 200 and (await resp.json())["id"] == fix.id
    listed = CorrectionsOut.model_validate(await (await client.get("/v1/corrections")).json())
    assert [x.id for x in listed.corrections] == [fix.id]
    assert (await (await client.get("/v1/corrections", params={"measure": a["measure"]})).json())["corrections"]
    assert (await (await client.get("/v1/corrections", params={"measure": "nope@x:y"})).json()) == {"corrections": []}

    # exported with the claims of its measure
    claims = ClaimsOut.model_validate(await (await client.get("/v1/claims", params={"measure": a["measure"]})).json())
    assert [x.id for x in claims.corrections] == [fix.id]
    measure = await (await client.get(f"/v1/measures/{a['measure']}")).json()
    assert [x["id"] for x in measure["corrections"]] == [fix.id]

    # undo: compared again
    assert (await client.delete(f"/v1/corrections/{fix.id}", headers={"Origin": EXT})).status == 204
    assert (await client.delete(f"/v1/corrections/{fix.id}")).status == 404
    back = first(await annotate(client, PAGE_A, "https://example.org/a"))
    assert any(o["value"]["low"] == 5300 for o in back["comparison"]["others"]) and not back["comparison"]["corrected"]


@pytest.mark.asyncio
async def test_a_correction_on_the_seed_story_keeps_the_rest_compared(client):
    data = await annotate(client, AJP, "https://example.org/ajp-copy")
    fig = next(f for f in data["figures"] if f["text"] == "as many as 10,000")
    zelensky = next(o for o in fig["comparison"]["others"] if o["claimant"]["name"] == "Volodymyr Zelensky")
    resp = await client.post("/v1/corrections", json={"figure": ref(fig), "other": ref(zelensky)})
    assert resp.status == 201
    data = await annotate(client, AJP, "https://example.org/ajp-copy")
    fig = next(f for f in data["figures"] if f["text"] == "as many as 10,000")
    names = [o["claimant"]["name"] for o in fig["comparison"]["others"]]
    assert "Volodymyr Zelensky" not in names and "Pentagon" in names
    assert "Zelensky" not in fig["comparison"]["summary"]
    assert [o["claimant"]["name"] for o in fig["comparison"]["corrected"]] == ["Volodymyr Zelensky"]
    # other figures of the page are not touched: Zelensky's own 11,000 is still compared with the Pentagon's
    own = next(f for f in data["figures"] if f["text"] == "11,000")
    assert "Pentagon" in [o["claimant"]["name"] for o in own["comparison"]["others"]]


# ------------------------------------------------------------------------------------------ the boundary

GOOD = {"measure": "killed@derna:killed", "claimant": "Red Crescent", "value": {"low": 11300},
        "claim_date": "2023-09-13"}
BAD = [
    (b"", "invalid_json"),
    (b"{", "invalid_json"),
    (json.dumps({"figure": GOOD}).encode(), "invalid_request"),
    (json.dumps({"figure": GOOD, "other": {**GOOD, "measure": ""}}).encode(), "invalid_request"),
    (json.dumps({"figure": GOOD, "other": {**GOOD, "value": {"low": "many"}}}).encode(), "invalid_request"),
    (json.dumps({"figure": GOOD, "other": {**GOOD, "claim_date": "13 Sept"}}).encode(), "invalid_request"),
    (b'{"figure": ' + json.dumps(GOOD).encode() + b', "other": {"measure": "m", "value": {"low": NaN}}}',
     "invalid_request"),
    (json.dumps({"figure": GOOD, "other": GOOD}).encode(), "invalid_request"),          # a claim and itself
    (json.dumps({"figure": GOOD, "other": {**GOOD, "value": {"low": 1}}, "note": "x" * 501}).encode(),
     "invalid_request"),
]


@pytest.mark.parametrize("body, code", BAD)
@pytest.mark.asyncio
async def test_bad_corrections_get_a_clear_400(client, service, body, code):
    resp = await client.post("/v1/corrections", data=body, headers={"Content-Type": "application/json"})
    assert resp.status == 400, await resp.text()
    err = await resp.json()
    assert err["error"] == code and err["detail"]
    assert service.store.corrections() == []


@pytest.mark.asyncio
async def test_corrections_refuse_other_media_types_origins_and_ids(client, service):
    body = json.dumps({"figure": GOOD, "other": {**GOOD, "value": {"low": 5300}}})
    resp = await client.post("/v1/corrections", data=body, headers={"Content-Type": "text/plain"})
    assert resp.status == 415
    for origin in ("https://evil.example", "null", "http://localhost:3000"):
        h = {"Origin": origin, "Content-Type": "application/json"}
        assert (await client.post("/v1/corrections", data=body, headers=h)).status == 403
        assert (await client.get("/v1/corrections", headers=h)).status == 403
        assert (await client.delete("/v1/corrections/1", headers=h)).status == 403
    resp = await client.post("/v1/corrections", data=body, headers={"Host": "evil.example",
                                                                     "Content-Type": "application/json"})
    assert resp.status == 403 and (await resp.json())["error"] == "forbidden_host"
    assert service.store.corrections() == []
    for bad in ("abc", "-1", "1" * 30):
        resp = await client.delete(f"/v1/corrections/{bad}")
        assert resp.status == 404 and (await resp.json())["error"] == "correction_not_found"


@pytest.mark.asyncio
async def test_corrections_are_in_the_openapi_document(client):
    doc = await (await client.get("/openapi.json")).json()
    paths = doc["paths"]
    assert set(paths["/v1/corrections"]) == {"post", "get"} and set(paths["/v1/corrections/{id}"]) == {"delete"}
    post = paths["/v1/corrections"]["post"]
    assert list(post["requestBody"]["content"]) == ["application/json"]
    assert {"200", "201", "400", "403"} <= set(post["responses"])
    assert {"CorrectionRequest", "CorrectionOut", "CorrectionsOut", "ClaimRef"} <= set(doc["components"]["schemas"])
    assert "corrections" in doc["components"]["schemas"]["ClaimsOut"]["properties"]


# ------------------------------------------------------------------------------------------ the store

def test_a_schema_5_store_gains_corrections_and_keeps_its_claims(tmp_path, builtin_db_template):
    path = tmp_path / "claims.sqlite"
    path.write_bytes(builtin_db_template.read_bytes())
    db = sqlite3.connect(path)
    db.executescript("DROP INDEX sources_copy; ALTER TABLE sources DROP COLUMN copy_of; "                   # 8
                     "ALTER TABLE sources DROP COLUMN shingles; DROP TABLE sketches; "
                     "DROP INDEX sources_feed; ALTER TABLE sources DROP COLUMN feed_id; DROP TABLE feeds; "   # 7
                     "DROP TABLE corrections; PRAGMA user_version = 5;")
    claims_before = db.execute("SELECT count(*) FROM claims").fetchone()[0]
    db.close()
    store = SQLiteStore(path)
    assert store.schema_version == SCHEMA_VERSION == 11
    assert store.counts()["claims"] == claims_before and store.corrections() == []
    a = ClaimIdentity("Red Crescent", "killed@derna:killed", 11300, None, "2023-09-13")
    b = ClaimIdentity(None, "killed@derna:killed", 5300.0, None, None)
    row, created = store.add_correction(a, b, None)
    assert created and (row.figure, row.other) == (a.normal(), b.normal())
    assert store.add_correction(b, a)[1] is False            # either order is the same pair
    store.close()
    store = SQLiteStore(path)                                  # kept in the file
    assert [c.id for c in store.corrections(["killed@derna:killed"])] == [row.id]
    assert store.corrections(["other@x:y"]) == []
    assert store.delete_correction(row.id) and not store.delete_correction(row.id)
    with pytest.raises(ValueError):
        store.add_correction(a, a)
    store.close()


# ------------------------------------------------------------------------------------------ the command line

def run(*args, check=True):
    env = {**os.environ, "COLUMNS": "80"}
    proc = subprocess.run([sys.executable, "-m", "crosscheck", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env=env)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def test_cli_lists_exports_and_removes_corrections(tmp_path, builtin_db_template):
    db = tmp_path / "claims.sqlite"
    db.write_bytes(builtin_db_template.read_bytes())
    assert "no corrections" in run("corrections", "--db", db).stdout
    store = SQLiteStore(db)
    key = "north-korean-troops@kursk-region:in_place"
    row, _ = store.add_correction(ClaimIdentity("US State Department", key, 10000, None, "2024-11-04"),
                                  ClaimIdentity("Volodymyr Zelensky", key, 11000, None, "2024-11-04"))
    store.close()
    table = run("corrections", "--db", db).stdout
    words = table.split()
    assert {"Zelensky,", "11,000,", "10,000,", "2024-11-04"} <= set(words)
    assert key in [line.strip() for line in table.splitlines()]          # the measure key whole on its line
    assert all(len(line) <= 80 for line in table.splitlines())
    data = json.loads(run("corrections", "--db", db, "--json").stdout)
    assert [c["id"] for c in data["corrections"]] == [row.id]
    exported = json.loads(run("claims", "--db", db, "--measure", key, "--json").stdout)
    assert [c["id"] for c in exported["corrections"]] == [row.id] and exported["claims"]
    listed = run("claims", "--db", db, "--measure", key).stdout
    assert "1 correction of these measures" in " ".join(listed.split())
    assert all(len(line) <= 80 for line in listed.splitlines())
    assert "removed correction" in run("corrections", "--db", db, "--remove", row.id).stdout
    assert run("corrections", "--db", db, "--remove", row.id, check=False).returncode == 1
    assert json.loads(run("corrections", "--db", db, "--json").stdout) == {"corrections": []}
