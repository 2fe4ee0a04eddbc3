"""The command line, run as a real process."""
import json
import os
import subprocess
import sys
from pathlib import Path

from crosscheck.contract import AnnotateResponse

ROOT = Path(__file__).resolve().parents[1]


def run(*args, check=True, columns=80):
    """The CLI as a process; tables fit `columns` ($COLUMNS), so that the shell's width never changes a test."""
    env = {**os.environ, "COLUMNS": str(columns)}
    proc = subprocess.run([sys.executable, "-m", "crosscheck", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env=env)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def test_extract_json_is_the_contract_shape():
    out = run("extract", "fixtures/pages/ajp.html", "--url", "https://example.org/a", "--json").stdout
    data = json.loads(out)
    response = AnnotateResponse.model_validate(data)
    assert response.page.url == "https://example.org/a"
    assert response.page.published == "2024-11-05"
    texts = [f.text for f in response.figures]
    assert "as many as 10,000" in texts and "About 10,000" in texts
    for f in response.figures:
        sel = f.selector
        assert len(sel.prefix) <= 32 and len(sel.suffix) <= 32 and sel.exact == f.text
        assert f.measure


def test_extract_manifest_gives_one_line_per_source():
    lines = run("extract", "--manifest", "fixtures/sources.json", "--json").stdout.splitlines()
    sources = json.loads((ROOT / "fixtures" / "sources.json").read_text())["sources"]
    assert [json.loads(line)["source_id"] for line in lines] == [s["id"] for s in sources]


def test_extract_table_is_readable():
    out = run("extract", "fixtures/text/vijesti.txt", "--published", "2024-11-05", columns=160).stdout
    assert "closer to 11.000-12.000" in out and "Pentagon" in out and "2024-11-04" in out


def test_eval_prints_each_field():
    out = run("eval", "fixtures/seeds.gold.json").stdout
    for field in ("figures", "value", "qualifier", "counted", "location", "status", "claimant", "claim_date"):
        assert field in out


def test_eval_in_one_claim_set_joins_what_outlets_word_apart():
    """--claim-set ingests the key's pages one after another: a quantity worded apart by two outlets (a strike's
    45% turnout, a relief fund) gets one key, and nothing is joined that the key keeps apart."""
    alone = json.loads(run("eval", "fixtures/more.gold.json", "--json").stdout)["measure_pairs"]
    joined = json.loads(run("eval", "fixtures/more.gold.json", "--json", "--claim-set").stdout)["measure_pairs"]
    assert joined["tp"] > alone["tp"] and joined["fp"] == alone["fp"]


def test_missing_page_is_a_clear_error():
    proc = run("extract", "no/such/page.html", check=False)
    assert proc.returncode == 2 and "no such file" in proc.stderr


def test_bad_date_is_a_clear_error():
    proc = run("extract", "fixtures/text/ajp.txt", "--published", "5 Nov", check=False)
    assert proc.returncode == 2 and "YYYY-MM-DD" in proc.stderr


def test_user_claimants_file_extends_the_known_claimants(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("Flood toll\nAbout 40 people died in the floods, Dr Lena Ortiz told reporters on Monday.\n")
    before = json.loads(run("extract", str(page), "--published", "2025-05-06", "--json").stdout)
    assert before["figures"][0]["claimant"]["name"] == "Lena Ortiz"
    extra = tmp_path / "claimants.json"
    extra.write_text(json.dumps({"claimants": [{"name": "Valley Health Authority", "party": "Valley",
                                                "aliases": ["Valley Health"], "members": ["Lena Ortiz"]}]}))
    after = json.loads(run("extract", str(page), "--published", "2025-05-06", "--json",
                           "--claimants", str(extra)).stdout)
    c = after["figures"][0]["claimant"]
    assert (c["name"], c["party"]) == ("Valley Health Authority", "Valley")
    assert after["figures"][0]["claim_date"] == "2025-05-05"


def test_unreadable_claimants_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    proc = run("extract", "fixtures/text/ajp.txt", "--claimants", str(bad), check=False)
    assert proc.returncode == 2 and "claimants" in proc.stderr


def test_annotate_manifest_json_lines_in_the_contract_shape(tmp_path):
    db = tmp_path / "claims.sqlite"
    lines = run("annotate", "--manifest", "fixtures/sources.json", "--json", "--db", str(db)).stdout.splitlines()
    assert len(lines) == 5
    for line in lines:
        data = json.loads(line)
        assert data["source_id"]
        AnnotateResponse.model_validate(data)
    ajp = json.loads(lines[0])
    fig = next(f for f in ajp["figures"] if f["text"] == "as many as 10,000")
    names = {o["claimant"]["name"] for o in fig["comparison"]["others"]}
    assert {"Pentagon", "Volodymyr Zelensky"} <= names
    assert all(r["outlet"] != "AJP" for o in fig["comparison"]["others"] for r in o["reports"])


def test_annotate_w3c_is_an_annotation_page(tmp_path):
    out = run("annotate", "fixtures/pages/ajp.html", "--url", "https://example.org/ajp", "--format", "w3c",
              "--db", str(tmp_path / "c.sqlite")).stdout
    data = json.loads(out)
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld" and data["type"] == "AnnotationPage"
    item = data["items"][0]
    assert item["type"] == "Annotation" and item["motivation"] == "assessing"
    kinds = {s["type"] for s in item["target"]["selector"]}
    assert kinds == {"TextQuoteSelector", "TextPositionSelector"}
    assert item["target"]["source"] == "https://example.org/ajp"


def test_ingest_then_claims_as_csv_and_json(tmp_path):
    db = str(tmp_path / "claims.sqlite")
    out = run("ingest", "--manifest", "fixtures/extra.sources.json", "--db", db).stdout
    assert "ingested 4 sources" in out
    csv_out = run("claims", "--db", db, "--format", "csv", "--claimant", "Okafor").stdout.splitlines()
    assert csv_out[0].startswith("measure,claimant,party,value")
    assert len(csv_out) > 1 and all("Okafor" in row for row in csv_out[1:])
    data = json.loads(run("claims", "--db", db, "--format", "json", "--q", "Kursk").stdout)
    assert data["claims"] and all(c["measure"] for c in data["claims"])


def test_ingest_one_page_needs_a_url(tmp_path):
    proc = run("ingest", "fixtures/pages/ajp.html", "--db", str(tmp_path / "c.sqlite"), check=False)
    assert proc.returncode == 2 and "--url" in proc.stderr
