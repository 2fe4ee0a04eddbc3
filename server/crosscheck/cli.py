"""Command line: `crosscheck extract` prints a page's figures, `crosscheck eval` scores an answer key."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .contract import annotate_response
from .manifest import ManifestError, load_manifest, parse_date
from .reading.pipeline import extract, read_page
from .claims.store import StoreError

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
    result = evaluate(args.gold, split=args.split, published=not args.no_published)
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


def _service(args):
    from .service import Crosscheck
    from .claims.store import SQLiteStore
    service = Crosscheck(SQLiteStore(args.db))
    if not getattr(args, "no_builtin", False):
        service.ensure_builtin()
    return service


def _progress(done: int, total: int, source) -> None:
    if not sys.stderr.isatty():
        return
    width = 30
    filled = width * done // max(total, 1)
    sys.stderr.write(f"\r[{'#' * filled}{' ' * (width - filled)}] {done}/{total} {str(source.id)[:30]:<30}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def cmd_ingest(args) -> int:
    service = _service(args)
    if args.manifest:
        n = service.ingest_manifest(args.manifest, progress=_progress)
        print(f"ingested {n} sources; claim set: {service.store.counts()}")
        return 0
    if not args.page or not args.url:
        print("crosscheck ingest: give --manifest FILE, or PAGE with --url URL", file=sys.stderr)
        return 2
    page = read_page(Path(args.page), url=args.url, published=parse_date(args.published), outlet=args.outlet)
    row = service.ingest_page(page, key=args.url)
    print(f"ingested {row.url} ({row.reports} figures); claim set: {service.store.counts()}")
    return 0


def _emit(response, source_id, args) -> None:
    if args.format == "w3c":
        from .serving.w3c import annotation_page
        data = annotation_page(response)
    elif args.json or args.format == "json":
        data = response.model_dump(mode="json")
    else:
        print_annotations(response)
        return
    if source_id is not None:
        data = {"source_id": source_id, **data}
    print(json.dumps(data, ensure_ascii=False))


def print_annotations(response, out=sys.stdout) -> None:
    print_table(response, out)
    for f in response.figures:
        c = f.comparison
        flags = f" [{', '.join(c.flags)}]" if c.flags else ""
        out.write(f"- {f.text}: {c.verdict}{flags}. {c.summary}\n")
    out.write("\n")


def cmd_annotate(args) -> int:
    service = _service(args)
    if args.manifest:
        for source_id, response in service.annotate_manifest(args.manifest):
            _emit(response, source_id, args)
        return 0
    if not args.page:
        print("crosscheck annotate: give a PAGE or --manifest FILE", file=sys.stderr)
        return 2
    path = Path(args.page)
    if not path.exists():
        print(f"crosscheck annotate: no such file: {path}", file=sys.stderr)
        return 2
    page = read_page(path, url=args.url, published=parse_date(args.published), outlet=args.outlet)
    _emit(service.annotate_page(page), None, args)
    return 0


def cmd_claims(args) -> int:
    service = _service(args)
    result = service.claims(measure=args.measure, claimant=args.claimant, text=args.q, limit=args.limit)
    if args.format == "json":
        print(result.model_dump_json())
        return 0
    rows = [(c.measure, c.claimant.name if c.claimant else "", c.claimant.party if c.claimant and c.claimant.party else "",
             _value(c.value), c.claim_date or "", len(c.reports), len({r.outlet for r in c.reports}),
             "; ".join(sorted({r.outlet or "" for r in c.reports}))) for c in result.claims]
    header = ("measure", "claimant", "party", "value", "claim_date", "reports", "outlets", "outlet_names")
    if args.format == "csv":
        import csv
        w = csv.writer(sys.stdout)
        w.writerow(header)
        w.writerows(rows)
        return 0
    widths = (40, 28, 14, 13, 10, 7, 7, 30)
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip())
    for r in rows:
        print("  ".join(_cell(v, w).ljust(w) for v, w in zip(r, widths)).rstrip())
    return 0


def cmd_serve(args) -> int:
    import ipaddress
    import logging

    from aiohttp import web

    from .serving.api import create_app
    host = args.host
    if args.workers < 1:
        print("crosscheck serve: --workers must be at least 1", file=sys.stderr)
        return 2
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        print(f"crosscheck serve: WARNING: listening on {host}, not on loopback: other machines can reach this "
              "server and read and change the claim set.", file=sys.stderr)
    service = _service(args)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host

    def app_for(svc):
        return create_app(svc, host=host, port=args.port, allowed_origins=args.allow_origin or ())

    def banner(counts, workers: int) -> None:
        extra = f" with {workers} worker processes" if workers > 1 else ""
        print(f"Crosscheck serving on http://{shown}:{args.port}{extra} (claim set: {counts}); Ctrl+C stops it",
              flush=True)

    def cannot_listen(exc: OSError) -> int:
        print(f"crosscheck serve: cannot listen on {host}:{args.port}: {exc}", file=sys.stderr)
        return 1

    if args.workers > 1 and hasattr(os, "fork"):
        from .serving import workers
        from .service import Crosscheck
        from .claims.store import SQLiteStore
        counts, db = service.store.counts(), service.store.path
        service.store.close()                  # each worker opens its own connection after the fork
        try:
            sock = workers.listening_socket(host.strip("[]"), args.port)
        except OSError as exc:
            return cannot_listen(exc)
        banner(counts, args.workers)
        return workers.run(sock, args.workers,
                           lambda s: web.run_app(app_for(Crosscheck(SQLiteStore(db))), sock=s, access_log=None,
                                                 print=None),
                           log=lambda m: print(m, file=sys.stderr, flush=True))
    try:
        web.run_app(app_for(service), host=host.strip("[]"), port=args.port, access_log=None,
                    print=lambda _msg: banner(service.store.counts(), 1))
    except OSError as exc:
        return cannot_listen(exc)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="crosscheck", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    def page_args(p):
        p.add_argument("page", nargs="?", help="an .html/.htm page or a .txt file (one block per line)")
        p.add_argument("--manifest", help="a manifest of sources instead of one page")
        p.add_argument("--url")
        p.add_argument("--published", help="publication date, YYYY-MM-DD")
        p.add_argument("--outlet")

    def store_args(p):
        p.add_argument("--db", help="the claim set's SQLite file (default: $CROSSCHECK_DB or the user data dir)")
        p.add_argument("--no-builtin", action="store_true", help="do not fill an empty claim set with the built-in one")

    ex = sub.add_parser("extract", help="print the figures of a page (HTML or text)")
    page_args(ex)
    ex.add_argument("--json", action="store_true", help="JSON in the annotation contract's shape, one line per page")
    ex.add_argument("--claimants", help="a JSON file of known claimants to add (same shape as data/claimants.json)")
    ex.set_defaults(func=cmd_extract)
    ing = sub.add_parser("ingest", help="add pages to the claim set")
    page_args(ing)
    store_args(ing)
    ing.set_defaults(func=cmd_ingest)
    an = sub.add_parser("annotate", help="compare a page's figures with the claim set")
    page_args(an)
    an.add_argument("--json", action="store_true", help="the annotation contract's JSON (JSON Lines for a manifest)")
    an.add_argument("--format", choices=("text", "json", "w3c"), default="text",
                    help="w3c: W3C Web Annotation JSON-LD (an AnnotationPage)")
    an.add_argument("--claimants", help="a JSON file of known claimants to add")
    store_args(an)
    an.set_defaults(func=cmd_annotate)
    cl = sub.add_parser("claims", help="list the claim set")
    cl.add_argument("--measure")
    cl.add_argument("--claimant")
    cl.add_argument("--q", help="text in the sentence or what is counted")
    cl.add_argument("--limit", type=int, default=1000)
    cl.add_argument("--format", choices=("table", "json", "csv"), default="table")
    store_args(cl)
    cl.set_defaults(func=cmd_claims)
    sv = sub.add_parser("serve", help="run the local HTTP API (loopback only unless --host says otherwise)")
    sv.add_argument("--host", default="127.0.0.1")
    sv.add_argument("--port", type=int, default=8765)
    sv.add_argument("--workers", type=int, default=1, metavar="N",
                    help="server processes sharing the port (reading a page uses one core each; default 1)")
    sv.add_argument("--allow-origin", action="append", metavar="ORIGIN",
                    help="a browser origin allowed besides extension origins (repeatable)")
    store_args(sv)
    sv.set_defaults(func=cmd_serve)
    ev = sub.add_parser("eval", help="score the pipeline against an answer key")
    ev.add_argument("gold")
    ev.add_argument("--json", action="store_true")
    ev.add_argument("--errors", action="store_true", help="list every disagreement")
    ev.add_argument("--split", help="score only the sources of this split of the key (dev, eval)")
    ev.add_argument("--no-published", action="store_true",
                    help="withhold the key's publication dates: the pages' own dates are read")
    ev.add_argument("--claimants", help="a JSON file of known claimants to add")
    ev.set_defaults(func=cmd_eval)
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "claimants", None):
        from .reading.lexicon import CLAIMANTS_ENV, claimants
        os.environ[CLAIMANTS_ENV] = str(Path(args.claimants).resolve())
        try:
            claimants()
        except ValueError as exc:
            print(f"crosscheck: {exc}", file=sys.stderr)
            return 2
    try:
        return args.func(args)
    except (ManifestError, StoreError) as exc:
        print(f"crosscheck: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
