"""Scores the pipeline against an answer key (the schema of ../shared/gold/seeds.gold.json).

A key figure is located on the page by its `context` (the n-th occurrence, n = `occurrence`) and its
`surface` inside that context, both compared with quotes, dashes and spaces unified (a key made from another
extraction of the same page writes them differently); a system figure matches it when their spans overlap.
Detection is scored by precision, recall and F1; every other field by accuracy over the matched figures (claim
date only where the key has one); measures by pairwise F1 over figures of different sources.

Besides the strict fields, lenient ones tell a near miss from a wrong reading: `counted_head` (the same
head noun: "new cars sold" and "cars"), `location` already ignores a type word ("Kursk region" and "Kursk"),
`location_compatible` (one place lies in the other, by the gazetteer: "Derna" and "Libya") and
`claimant_lenient` (one name's words hold the other's: "Zelensky" and "Volodymyr Zelensky")."""
from __future__ import annotations

import re
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from .claims.align import align
from .manifest import load_manifest
from .model import Figure
from .reading.lexicon import places
from .reading.pipeline import extract, read_page

FIELDS = ("value", "qualifier", "kind", "unit", "counted", "counted_head", "count_kind", "location",
          "location_compatible", "status", "claimant", "claimant_lenient", "party", "claim_date", "quoted")


@dataclass
class SourceResult:
    id: str
    matched: list = field(default_factory=list)     # (gold, figure)
    missed: list = field(default_factory=list)      # gold figures not found
    spurious: list = field(default_factory=list)    # system figures not in the key
    non_figures_hit: list = field(default_factory=list)


_UNIFY = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
                        "\u00a0": " "})


def _unified(text: str) -> tuple[str, list[int]]:
    """The text with quotes, dashes and runs of spaces unified, and each of its characters' offset in `text`."""
    out, where = [], []
    prev_space = False
    for i, ch in enumerate(text.translate(_UNIFY)):
        space = ch.isspace()
        if space and prev_space:
            continue
        out.append(" " if space else ch)
        where.append(i)
        prev_space = space
    where.append(len(text))
    return "".join(out), where


def _find(text: str, needle: str, occurrence: int) -> int:
    pos = -1
    for _ in range(max(1, occurrence)):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            return -1
    return pos


def gold_span(text: str, g: dict, unified: tuple[str, list[int]] | None = None) -> tuple[int, int] | None:
    """The span of a key figure in `text` (pass `_unified(text)` when locating many in one text)."""
    flat, where = unified or _unified(text)
    context = _unified(g["context"])[0]
    cpos = _find(flat, context, g.get("occurrence", 1))
    if cpos < 0:
        return None
    i = context.lower().find(_unified(g["surface"])[0].lower())
    if i < 0:
        return None
    start, end = cpos + i, cpos + i + len(_unified(g["surface"])[0])
    return where[start], where[end - 1] + 1


_INITIALISM = re.compile(r"\b(?:[A-Za-z]\.){2,}")


def _norm(text) -> str | None:
    if text is None:
        return None
    # (an initialism is one word however it is dotted: 'U.S.' and 'US', 'U.N.' and 'UN')
    text = _INITIALISM.sub(lambda m: m.group(0).replace(".", ""), str(text))
    words = re.sub(r"[^\w\s]", " ", text.lower()).split()
    return " ".join(w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words)


_PLACE_TYPES = {"region", "province", "oblast", "state", "county", "district", "governorate", "prefecture", "area",
                "city", "the"}


def _place(text) -> str | None:
    """A place name without its type word: 'Kursk region' and 'Kursk', 'the Gaza Strip' and 'Gaza Strip'."""
    n = _norm(text)
    if n is None:
        return None
    return " ".join(w for w in n.split() if w not in _PLACE_TYPES) or n


_HEAD_ENDS = {"of", "for", "in", "on", "at", "from", "to", "with", "who", "that", "which", "per", "by", "among", "as",
              "facing", "than", "during", "over", "under", "since", "after", "before", "into", "across"}


def _head(text) -> str | None:
    """The head noun of a noun phrase: its last word before a preposition, a relative or a participle
    ('cost of the anti-meth campaign' -> cost, 'people registered for the rally' -> people)."""
    n = _norm(text)
    if not n:
        return None
    words = n.split()
    for i, w in enumerate(words):
        if i and (w in _HEAD_ENDS or w.endswith("ed") and len(w) > 4):
            words = words[:i]
            break
    return words[-1]


def _names_agree(gold: str | None, system: str | None) -> bool:
    if gold is None or system is None:
        return gold == system
    g, s = set(gold.split()), set(system.split())
    return g <= s or s <= g


def same_label(name: str, a: dict, b: dict) -> bool:
    """Whether two labellings of one figure agree on a field, by the rules field_value scores the system with."""
    if name in ("claimant", "claimant_lenient"):
        x, y = _norm(a["claimant"]), _norm(b["claimant"])
        return x == y or (name == "claimant_lenient" and _names_agree(x, y))
    if name in ("location", "location_compatible"):
        x, y = a["location"], b["location"]
        return _place(x) == _place(y) or (name == "location_compatible" and bool(x and y)
                                          and places().compatible(x, y))
    if name == "counted":
        return _norm(a["counted"]) == _norm(b["counted"])
    if name == "counted_head":
        return _head(a["counted"]) == _head(b["counted"])
    return a.get(name) == b.get(name)


def field_value(name: str, g: dict, f: Figure):
    """(gold, system) values of one field, normalised for comparison."""
    q = f.quantity
    if name == "value":
        return (float(g["value_low"]), None if g["value_high"] is None else float(g["value_high"])), (q.low, q.high)
    if name in ("claimant", "claimant_lenient"):
        sys = None if f.claimant is None or f.claimant.kind == "outlet" else _norm(f.claimant.name)
        gold = _norm(g["claimant"])
        if name == "claimant_lenient" and _names_agree(gold, sys):
            return gold, gold
        return gold, sys
    if name == "counted_head":
        return _head(g["counted"]), _head(f.counted)
    if name == "count_kind":
        return g.get("count_kind"), f.extra.get("count_kind")
    if name == "location":
        return _place(g["location"]), _place(f.location)
    if name == "location_compatible":
        gold, sys = g["location"], f.location
        if gold and sys and _place(gold) != _place(sys) and places().compatible(gold, sys):
            return _place(gold), _place(gold)
        return _place(gold), _place(sys)
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
    if name == "counted":
        return _norm(g[name]), _norm(f.counted)
    return g[name], getattr(f, name)


def evaluate(key_path: str | Path, *, split: str | None = None, published: bool = True,
             claim_set: bool = False) -> dict:
    """Scores of the pipeline on a key; `split` keeps the sources of one split ("dev", "eval"), and
    published=False withholds the key's publication dates, so that the pipeline reads them from the pages.
    claim_set=True ingests the pages one after another into a new claim set, and scores each page with the keys a
    reader is shown for it with the pages before it in the claim set (claims/align.py): the measure pairs are
    then those the comparisons join."""
    sources, key = load_manifest(key_path)
    if split is not None:
        wanted = {s["id"] for s in key.get("sources", []) if s.get("split") == split}
        sources = [s for s in sources if s.id in wanted]
    with ExitStack() as stack:
        store = None
        if claim_set:
            from .claims.store_sqlite import SQLiteStore
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="crosscheck-eval-")))
            store = SQLiteStore(folder / "claims.sqlite")
            stack.callback(store.close)
        return _evaluate(sources, key, published, store)


def _evaluate(sources, key: dict, published: bool, store) -> dict:
    results: list[SourceResult] = []
    all_matched = []
    for src in sources:
        page = read_page(src.path, url=src.url, published=src.published if published else None, outlet=src.outlet)
        figures = extract(page)
        if store is not None:
            # the keys a reader is shown for the page with the pages before it in the claim set; the claim
            # set keeps the page's own
            alignment = align(page, figures, store, own_key=src.id)
            store.ingest(page, figures, key=src.id)
            alignment.apply(figures)
        res = SourceResult(src.id)
        golds = [g for g in key.get("figures", []) if g["source"] == src.id]
        taken = set()
        unified = _unified(page.text)
        for g in golds:
            span = gold_span(page.text, g, unified)
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
            flat, where = unified
            context = _unified(nf["context"])[0]
            pos = flat.find(context)
            while pos >= 0 and context:
                start, end = where[pos], where[pos + len(context) - 1] + 1
                # (a figure the key also lists is no hit: a non-figure's words may hold one)
                res.non_figures_hit += [(nf, f) for f in res.spurious if f.start < end and f.end > start]
                pos = flat.find(context, pos + 1)
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
        pairs = [(g, f) for _, g, f in matched if not (name == "claim_date" and g.get("claim_date") is None)
                 and not (name == "count_kind" and "count_kind" not in g)]
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
