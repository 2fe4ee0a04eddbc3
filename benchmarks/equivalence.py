"""Behaviour snapshot for performance work: the full annotate output of every page, to diff before/after.

    .venv/bin/python benchmarks/equivalence.py --save before.json
    .venv/bin/python benchmarks/equivalence.py --check before.json     # exit 1 and list pages that differ

Annotates the fixture pages and the 181 pages of ../shared/data/article-extraction-benchmark (when present)
against an in-memory claim set holding the built-in sources and the fixture manifests (so comparisons have
other claims to find), and records the sha256 of each response's JSON plus the store's counts after ingest.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
import os  # noqa: E402

sys.path.insert(0, os.environ.get("CROSSCHECK_SRC") or str(ROOT / "server"))   # another checkout's code

from crosscheck.reading.page import parse_html  # noqa: E402
from crosscheck.reading.pipeline import read_page  # noqa: E402
from crosscheck.service import Crosscheck  # noqa: E402
from crosscheck.claims.store_sqlite import SQLiteStore  # noqa: E402

BENCH = ROOT.parent / "shared" / "data" / "article-extraction-benchmark"
MANIFESTS = ("more.sources.json", "extra.sources.json")


def snapshot(db: Path | None = None) -> dict:
    if db is not None:             # a copy of a claim set (e.g. a synthetic one from benchmarks/run.py's cache)
        import shutil
        import tempfile
        tmp = Path(tempfile.mkdtemp()) / "claims.sqlite"
        shutil.copyfile(db, tmp)
        svc = Crosscheck(SQLiteStore(tmp))
    else:
        svc = Crosscheck(SQLiteStore(":memory:"))
    svc.ensure_builtin()
    for m in MANIFESTS:
        if (ROOT / "fixtures" / m).exists():
            svc.ingest_manifest(ROOT / "fixtures" / m)
    out: dict = {"store": svc.store.counts(), "pages": {}}
    for p in sorted((ROOT / "fixtures" / "pages").glob("*.html")):
        r = svc.annotate_page(read_page(p, url=f"https://fixture.test/{p.stem}"))
        out["pages"][f"fixture/{p.name}"] = hashlib.sha256(r.model_dump_json().encode()).hexdigest()
    for p in sorted((ROOT / "fixtures" / "text").glob("*")):
        r = svc.annotate_page(read_page(p, url=f"https://fixture.test/text/{p.name}"))
        out["pages"][f"text/{p.name}"] = hashlib.sha256(r.model_dump_json().encode()).hexdigest()
    for p in sorted((BENCH / "html").glob("*.html.gz")):
        html = gzip.decompress(p.read_bytes())
        r = svc.annotate(html=html, url=f"https://bench.test/{p.name[:12]}")
        out["pages"][f"bench/{p.name}"] = hashlib.sha256(r.model_dump_json().encode()).hexdigest()
        page = parse_html(html, url=f"https://bench.test/{p.name[:12]}")
        blocks = [(b.kind, b.text, b.start, b.end) for b in page.blocks]
        text = json.dumps([page.text, blocks, page.title, str(page.published), page.outlet, page.language])
        out["pages"][f"page/{p.name}"] = hashlib.sha256(text.encode()).hexdigest()
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--save", type=Path)
    g.add_argument("--check", type=Path)
    ap.add_argument("--db", type=Path, help="annotate against a copy of this claim set (plus the fixtures)")
    args = ap.parse_args(argv)
    snap = snapshot(args.db)
    if args.save:
        args.save.write_text(json.dumps(snap, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"{len(snap['pages'])} pages saved to {args.save}")
        return 0
    ref = json.loads(args.check.read_text(encoding="utf-8"))
    bad = [k for k in sorted(set(ref["pages"]) | set(snap["pages"])) if ref["pages"].get(k) != snap["pages"].get(k)]
    if ref["store"] != snap["store"]:
        print(f"store counts differ: {ref['store']} -> {snap['store']}")
    for k in bad:
        print(f"differs: {k}")
    ok = not bad and ref["store"] == snap["store"]
    print(f"{len(snap['pages'])} pages, {len(bad)} differ" + ("" if ok else "  FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
