"""Scores the pipeline against an answer key (the schema of ../shared/gold/seeds.gold.json).

A key figure is located on the page by its `context` (the n-th occurrence, n = `occurrence`) and its
`surface` inside that context; a system figure matches it when their spans overlap. Detection is scored
by precision, recall and F1; every other field by accuracy over the matched figures (claim date only where
the key has one); measures by pairwise F1 over figures of different sources."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from .manifest import load_manifest
from .model import Figure
from .reading.pipeline import extract, read_page

FIELDS = ("value", "qualifier", "kind", "unit", "counted", "location", "status", "claimant", "party",
          "claim_date", "quoted")


@dataclass
class SourceResult:
    id: str
    matched: list = field(default_factory=list)     # (gold, figure)
    missed: list = field(default_factory=list)      # gold figures not found
    spurious: list = field(default_factory=list)    # system figures not in the key
    non_figures_hit: list = field(default_factory=list)


def _find(text: str, needle: str, occurrence: int) -> int:
    pos = -1
    for _ in range(max(1, occurrence)):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            return -1
    return pos


def gold_span(text: str, g: dict) -> tuple[int, int] | None:
    cpos = _find(text, g["context"], g.get("occurrence", 1))
    if cpos < 0:
        return None
    i = g["context"].lower().find(g["surface"].lower())
    if i < 0:
        return None
    return cpos + i, cpos + i + len(g["surface"])


def _norm(text) -> str | None:
    if text is None:
        return None
    words = re.sub(r"[^\w\s]", " ", str(text).lower()).split()
    return " ".join(w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words)


def field_value(name: str, g: dict, f: Figure):
    """(gold, system) values of one field, normalised for comparison."""
    q = f.quantity
    if name == "value":
        return (float(g["value_low"]), None if g["value_high"] is None else float(g["value_high"])), (q.low, q.high)
    if name == "claimant":
        sys = None if f.claimant is None or f.claimant.kind == "outlet" else _norm(f.claimant.name)
        return _norm(g["claimant"]), sys
    if name == "party":
        return g.get("party"), None if f.claimant is None or f.claimant.kind == "outlet" else f.claimant.party
    if name == "claim_date":
        return g["claim_date"], f.claim_date.isoformat() if f.claim_date else None
    if name == "unit":
        return g.get("unit"), q.unit
    if name == "kind":
        # the contract's kinds; a key's finer kinds ("area") are measures in the contract
        kinds = ("count", "money", "percent", "measure", "duration", "other")
        return g["kind"] if g["kind"] in kinds else "measure", q.kind
    if name == "qualifier":
        return g[name], q.qualifier
    if name in ("counted", "location"):
        return _norm(g[name]), _norm(getattr(f, name))
    return g[name], getattr(f, name)


def evaluate(key_path: str | Path) -> dict:
    sources, key = load_manifest(key_path)
    by_source = {s.id: s for s in sources}
    results: list[SourceResult] = []
    all_matched = []
    for src in sources:
        page = read_page(src.path, url=src.url, published=src.published, outlet=src.outlet)
        figures = extract(page)
        res = SourceResult(src.id)
        golds = [g for g in key.get("figures", []) if g["source"] == src.id]
        taken = set()
        for g in golds:
            span = gold_span(page.text, g)
            best = None
            if span:
                for i, f in enumerate(figures):
                    if i in taken:
                        continue
                    ov = min(span[1], f.end) - max(span[0], f.start)
                    if ov > 0 and (best is None or ov > best[0]):
                        best = (ov, i)
            if best is None:
                res.missed.append(g)
            else:
                taken.add(best[1])
                res.matched.append((g, figures[best[1]]))
                all_matched.append((src.id, g, figures[best[1]]))
        res.spurious = [f for i, f in enumerate(figures) if i not in taken]
        for nf in key.get("non_figures", []):
            if nf["source"] != src.id:
                continue
            pos = page.text.find(nf["context"])
            while pos >= 0:
                end = pos + len(nf["context"])
                res.non_figures_hit += [(nf, f) for f in figures if f.start < end and f.end > pos]
                pos = page.text.find(nf["context"], pos + 1)
        results.append(res)
    return summarise(results, all_matched)


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4), "tp": tp, "fp": fp, "fn": fn}


def summarise(results: list[SourceResult], matched) -> dict:
    tp = sum(len(r.matched) for r in results)
    fp = sum(len(r.spurious) for r in results)
    fn = sum(len(r.missed) for r in results)
    out = {"detection": _prf(tp, fp, fn), "non_figures_reported": sum(len(r.non_figures_hit) for r in results),
           "fields": {}, "errors": []}
    for name in FIELDS:
        pairs = [(g, f) for _, g, f in matched if not (name == "claim_date" and g.get("claim_date") is None)]
        ok = 0
        for g, f in pairs:
            gv, sv = field_value(name, g, f)
            if gv == sv:
                ok += 1
            else:
                out["errors"].append({"id": g["id"], "field": name, "gold": gv, "system": sv,
                                      "text": f.text})
        out["fields"][name] = {"accuracy": round(ok / len(pairs), 4) if pairs else None, "n": len(pairs)}
    gold_same, sys_same, both = 0, 0, 0
    for (s1, g1, f1), (s2, g2, f2) in combinations(matched, 2):
        if s1 == s2:
            continue
        gs, ss = g1["measure"] == g2["measure"], f1.measure == f2.measure
        gold_same += gs
        sys_same += ss
        both += gs and ss
    out["measure_pairs"] = _prf(both, sys_same - both, gold_same - both)
    for r in results:
        for g in r.missed:
            out["errors"].append({"id": g["id"], "field": "missed", "gold": g["surface"], "system": None,
                                  "text": g["context"]})
        for f in r.spurious:
            out["errors"].append({"id": r.id, "field": "spurious", "gold": None, "system": f.text,
                                  "text": f.sentence.text[:120]})
        for nf, f in r.non_figures_hit:
            out["errors"].append({"id": r.id, "field": "non_figure", "gold": nf["context"], "system": f.text,
                                  "text": nf["why"]})
    return out
