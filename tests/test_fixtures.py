"""The fixtures stand: manifests point at files that exist, and every answer key agrees with its pages.

The page text here is deliberately crude (tags stripped, entities unescaped, whitespace collapsed) and
independent of the server's own page reader, so that a bug there cannot hide a bug in the fixtures."""
from __future__ import annotations

import html
import json
import re
from collections import Counter
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
MANIFESTS = ["sources.json", "extra.sources.json"]
KEYS = ["seeds.gold.json", "seeds-text.gold.json", "extra.gold.json"]
ALL_MANIFESTS = MANIFESTS + KEYS

# Allowed values, as in the annotation contract (docs: ../shared/spec/annotation-contract.md).
QUALIFIERS = {"exact", "approx", "more_than", "at_least", "up_to", "less_than", "range"}
KINDS = {"count", "money", "percent", "measure", "duration", "other"}
STATUSES = {"in_place", "planned", "training", "killed", "wounded", "casualties", "captured", "missing", "other", None}
# The seed key is copied unchanged from ../shared/gold; it uses one kind the contract does not list.
KNOWN_DEVIATIONS = {("vijesti-32", "kind", "area")}

FIGURE_FIELDS = ["source", "context", "occurrence", "surface", "kind", "value_low", "value_high", "qualifier",
                 "unit", "counted", "location", "status", "measure", "claimant", "party", "claim_date",
                 "quoted", "headline", "id"]
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
BLOCK_TAGS = ("p|div|h[1-6]|li|ul|ol|br|hr|figure|figcaption|blockquote|section|article|header|footer|nav|main|"
              "aside|table|tr|td|th|button|form|address|dl|dt|dd|body|html|iframe|img|ins|label|input")


def page_text(raw: str) -> str:
    """Visible text of an HTML page, crudely: no head, scripts, styles or comments; block tags become spaces."""
    t = re.sub(r"<!--.*?-->", " ", raw, flags=re.S)
    t = re.sub(r"<(script|style|noscript|template|head)\b.*?</\1\s*>", " ", t, flags=re.S | re.I)
    t = re.sub(r"</?(?:" + BLOCK_TAGS + r")\b[^>]*>", " ", t, flags=re.I)
    t = re.sub(r"<[^>]+>", "", t)
    return re.sub(r"\s+", " ", html.unescape(t)).strip()


def source_text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    if path.suffix in (".html", ".htm"):
        return page_text(raw)
    return re.sub(r"\s+", " ", raw).strip()


def load(name: str) -> dict:
    data = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {"sources": data}


def texts(name: str) -> dict[str, str]:
    return {s["id"]: source_text(FIXTURES / s["path"]) for s in load(name)["sources"]}


@pytest.mark.parametrize("name", ALL_MANIFESTS)
def test_manifest_paths_exist_and_ids_are_unique(name):
    sources = load(name)["sources"]
    assert sources
    ids = [s["id"] for s in sources]
    assert len(ids) == len(set(ids)), Counter(ids).most_common(3)
    for s in sources:
        assert (FIXTURES / s["path"]).is_file(), s["path"]
        assert s.get("published") is None or DATE.match(s["published"]), s
        if s["path"].endswith(".html"):
            raw = (FIXTURES / s["path"]).read_bytes()
            assert 15_000 <= len(raw) <= 60_000, (s["path"], len(raw))
            assert re.search(rb"<meta charset=\"?utf-8", raw, re.I), s["path"]
            raw.decode("utf-8")


@pytest.mark.parametrize("name", MANIFESTS)
def test_manifest_fields(name):
    for s in load(name)["sources"]:
        assert set(s) == {"id", "path", "url", "outlet", "published", "language"}, s
        assert s["url"].startswith("https://") and s["outlet"] and s["language"] == "en"


@pytest.mark.parametrize("manifest,key", [("sources.json", "seeds.gold.json"), ("extra.sources.json", "extra.gold.json")])
def test_manifest_matches_its_key(manifest, key):
    m = {s["id"]: s for s in load(manifest)["sources"]}
    k = {s["id"]: s for s in load(key)["sources"]}
    assert set(m) == set(k)
    for sid in m:
        assert m[sid]["path"] == k[sid]["path"]
        assert m[sid]["published"] == k[sid]["published"]


@pytest.mark.parametrize("key", KEYS)
def test_figures_are_on_their_pages(key):
    gold, pages = load(key), texts(key)
    for f in gold["figures"]:
        assert f["source"] in pages, f["id"]
        found = pages[f["source"]].count(f["context"])
        assert found >= f["occurrence"] >= 1, (f["id"], f["context"], found)
        assert f["surface"] in f["context"], f["id"]


@pytest.mark.parametrize("key", KEYS)
def test_non_figures_are_on_their_pages(key):
    gold, pages = load(key), texts(key)
    assert gold["non_figures"]
    for n in gold["non_figures"]:
        assert set(n) == {"source", "context", "why"}, n
        assert n["context"] in pages[n["source"]], n


@pytest.mark.parametrize("key", KEYS)
def test_figure_labels(key):
    gold = load(key)
    ids = [f["id"] for f in gold["figures"]]
    assert len(ids) == len(set(ids)), Counter(ids).most_common(3)
    assert set(gold["qualifiers"]) <= QUALIFIERS
    for f in gold["figures"]:
        assert list(f) == FIGURE_FIELDS or set(f) == set(FIGURE_FIELDS), f["id"]
        for field, allowed in (("qualifier", QUALIFIERS), ("kind", KINDS), ("status", STATUSES)):
            assert f[field] in allowed or (f["id"], field, f[field]) in KNOWN_DEVIATIONS, (f["id"], field, f[field])
        assert isinstance(f["value_low"], (int, float))
        if f["qualifier"] == "range":
            assert f["value_high"] is not None and f["value_high"] > f["value_low"], f["id"]
        else:
            assert f["value_high"] is None, f["id"]
        assert f["claim_date"] is None or DATE.match(f["claim_date"]), f["id"]
        assert isinstance(f["quoted"], bool) and isinstance(f["headline"], bool)
        assert re.match(r"^[a-z0-9]+(-[a-z0-9]+)*$", f["measure"]), f["id"]
        if f["kind"] == "money":
            assert re.match(r"^[A-Z]{3}$", f["unit"] or ""), f["id"]
        if f["kind"] == "percent":
            assert f["unit"] == "%", f["id"]
        if f["kind"] == "count":
            assert f["unit"] is None, f["id"]
        if f["claimant"] is None:
            assert f["party"] is None, f["id"]


def test_html_and_text_keys_agree():
    """The two seed keys hold the same figures, and each page shows each figure as often as its text copy."""
    html_key, text_key = load("seeds.gold.json"), load("seeds-text.gold.json")
    assert html_key["figures"] == text_key["figures"]
    assert all(n in html_key["non_figures"] for n in text_key["non_figures"])
    html_pages, text_pages = texts("seeds.gold.json"), texts("seeds-text.gold.json")
    for f in html_key["figures"]:
        assert html_pages[f["source"]].count(f["context"]) == text_pages[f["source"]].count(f["context"]), f["id"]


def test_text_copies_are_in_the_pages():
    """Every line of a seed text is on its HTML page, except image alt texts (attributes, not visible text)."""
    html_pages = texts("seeds.gold.json")
    for s in load("seeds-text.gold.json")["sources"]:
        page = html_pages[s["id"]]
        raw = (FIXTURES / "pages" / f"{s['id']}.html").read_text(encoding="utf-8")
        for line in (FIXTURES / s["path"]).read_text(encoding="utf-8").splitlines():
            line = re.sub(r"\s+", " ", line).strip().lstrip("• ")
            if line and line not in page:
                assert f'alt="{html.escape(line)}"' in raw, (s["id"], line)


def test_extra_key_shape():
    gold = load("extra.gold.json")
    assert {"about", "qualifiers", "sources", "figures", "non_figures"} <= set(gold)
    for s in gold["sources"]:
        assert {"id", "path", "outlet", "published", "dateline", "language"} <= set(s)
    measures = Counter(f["measure"] for f in gold["figures"])
    outlets_per_measure = {m: {f["source"] for f in gold["figures"] if f["measure"] == m} for m in measures}
    # the extra stories exist to exercise comparison: several quantities are reported by more than one page
    assert sum(1 for v in outlets_per_measure.values() if len(v) > 1) >= 3
