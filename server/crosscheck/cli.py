"""Command line: `crosscheck extract` prints a page's figures, `crosscheck eval` scores an answer key."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .contract import annotate_response
from .manifest import ManifestError, load_manifest, parse_date
from .pipeline import extract, read_page

COLUMNS = (("text", 24), ("value", 13), ("qualifier", 9), ("counted", 22), ("location", 14),
           ("status", 9), ("claimant", 26), ("date", 10))


def _cell(text, width: int) -> str:
    text = "" if text is None else str(text)
    return text if len(text) <= width else text[:width - 1] + "…"


def _value(v) -> str:
    fmt = lambda x: f"{x:,.0f}" if float(x).is_integer() else f"{x:,}"
    return fmt(v.low) if v.high is None else f"{fmt(v.low)}–{fmt(v.high)}"


def print_table(response, out=sys.stdout) -> None:
    p = response.page
    out.write(f"{p.title or '(untitled)'}\n{p.outlet or '?'} · {p.published or 'date unknown'} · "
              f"{len(response.figures)} figures\n\n")
    out.write("  ".join(name.ljust(w) for name, w in COLUMNS).rstrip() + "\n")
    for f in response.figures:
        row = [f.text, _value(f.value) + (f" {f.unit}" if f.unit else ""), f.qualifier, f.counted, f.location,
               f.status, f.claimant.name if f.claimant else None, f.claim_date]
        out.write("  ".join(_cell(v, w).ljust(w) for v, (_, w) in zip(row, COLUMNS)).rstrip() + "\n")
    out.write("\n")


def cmd_extract(args) -> int:
    jobs = []
    if args.manifest:
        sources, _ = load_manifest(args.manifest)
        jobs = [(s.id, s.path, s.url, s.published, s.outlet) for s in sources]
    if args.page:
        jobs.append((None, Path(args.page), args.url, parse_date(args.published), args.outlet))
    if not jobs:
        print("crosscheck extract: give a PAGE or --manifest FILE", file=sys.stderr)
        return 2
    for source_id, path, url, published, outlet in jobs:
        if not path.exists():
            print(f"crosscheck extract: no such file: {path}", file=sys.stderr)
            return 2
        page = read_page(path, url=url, published=published, outlet=outlet)
        response = annotate_response(page, extract(page))
        if args.json:
            data = response.model_dump(mode="json")
            if source_id is not None:
                data = {"source_id": source_id, **data}
            print(json.dumps(data, ensure_ascii=False))
        else:
            print_table(response)
    return 0


def cmd_eval(args) -> int:
    from .evaluate import evaluate
    result = evaluate(args.gold)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    d = result["detection"]
    print(f"figures      P {d['precision']:.3f}  R {d['recall']:.3f}  F1 {d['f1']:.3f}  "
          f"(tp {d['tp']}, fp {d['fp']}, fn {d['fn']})")
    print(f"non-figures reported: {result['non_figures_reported']}")
    for name, v in result["fields"].items():
        acc = "n/a" if v["accuracy"] is None else f"{v['accuracy']:.3f}"
        print(f"{name:<12} {acc}  (n={v['n']})")
    m = result["measure_pairs"]
    print(f"measures     pairwise P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}")
    if args.errors:
        for e in result["errors"]:
            print(f"  {e['id']:<14} {e['field']:<10} gold={e['gold']!r} system={e['system']!r}  | {e['text']}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="crosscheck", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="print the figures of a page (HTML or text)")
    ex.add_argument("page", nargs="?", help="an .html/.htm page or a .txt file (one block per line)")
    ex.add_argument("--manifest", help="a manifest of sources instead of one page")
    ex.add_argument("--url")
    ex.add_argument("--published", help="publication date, YYYY-MM-DD")
    ex.add_argument("--outlet")
    ex.add_argument("--json", action="store_true", help="JSON in the annotation contract's shape, one line per page")
    ex.add_argument("--claimants", help="a JSON file of known claimants to add (same shape as data/claimants.json)")
    ex.set_defaults(func=cmd_extract)
    ev = sub.add_parser("eval", help="score the pipeline against an answer key")
    ev.add_argument("gold")
    ev.add_argument("--json", action="store_true")
    ev.add_argument("--errors", action="store_true", help="list every disagreement")
    ev.add_argument("--claimants", help="a JSON file of known claimants to add")
    ev.set_defaults(func=cmd_eval)
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "claimants", None):
        from .lexicon import CLAIMANTS_ENV, claimants
        os.environ[CLAIMANTS_ENV] = str(Path(args.claimants).resolve())
        try:
            claimants()
        except ValueError as exc:
            print(f"crosscheck: {exc}", file=sys.stderr)
            return 2
    try:
        return args.func(args)
    except ManifestError as exc:
        print(f"crosscheck: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
