"""The command line: serve, annotate, ingest, claims, extract and eval; follow, feeds, unfollow and refresh for
feeds (`crosscheck --help` describes each)."""
from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path

from .contract import annotate_response
from .manifest import ManifestError, load_manifest, parse_date
from .reading.pipeline import extract, read_page
from .claims.store import StoreError, is_postgres_url
from .tables import KEEP, Heading, table_lines, terminal_width, wrap

TOKEN_ENV = "CROSSCHECK_TOKEN"
MIN_TOKEN = 16             # characters of an access token: a guessable one would let anyone in

FIGURE_COLUMNS = ["#", "text", "value", "counted, location, status", "claimant, date"]
BOUND_WORDS = {"approx": "about", "more_than": "more than", "at_least": "at least", "up_to": "up to",
               "less_than": "less than"}      # exact and range: the number says it


def _number(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,}"


def _value(v) -> str:
    """The value as a reader writes it: '10,000', '11,000–12,000' (a table may break a range after its dash)."""
    return _number(v.low) if v.high is None else f"{_number(v.low)}–{_number(v.high)}"


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def claim_set_words(counts: dict) -> str:
    """'5 sources, 41 reports, 33 claims': the claim set's size in plain words."""
    return ", ".join(_plural(counts[k], k[:-1]) for k in ("sources", "reports", "claims"))


def _write_lines(lines, out) -> None:
    out.write("".join(line + "\n" for line in lines))


def understood_value(f) -> str:
    """The value with its bound and unit in words ('up to 10,000', 'about 40%', '2 m'): plainer than a
    qualifier column of its own, and a column less."""
    value = _value(f.value) + ("%" if f.unit == "%" else "")
    bound = BOUND_WORDS.get(f.qualifier)
    if bound:
        value = bound + KEEP + value      # 'about' and its number on one line
    return f"{value} {f.unit}" if f.unit not in (None, "%") else value


def _figure_row(n: int, f) -> list:
    status = "" if f.status in (None, "other") else f.status.replace("_", " ")      # 'other' says nothing
    what = [f.counted, f.location, status]
    who = [f.claimant.name if f.claimant else "", f.claim_date]
    return [str(n), f.text, understood_value(f), _joined(what), _joined(who)]


def _joined(parts) -> str:
    """Several fields in one cell, so that a figure's eight fit in 80 columns; an empty one is left out."""
    return ", ".join(p for p in parts if p)


def print_table(response, out=None, width: int | None = None) -> None:
    """A page's title, outlet, date and its figures as a table that fits `width` (the terminal's by default)."""
    out = out or sys.stdout
    width = width or terminal_width()
    p = response.page
    about = f"{p.outlet or '?'} · {p.published or 'date unknown'} · {_plural(len(response.figures), 'figure')}"
    lines = wrap(p.title or "(untitled)", width) + wrap(about, width) + [""]
    rows = [_figure_row(n, f) for n, f in enumerate(response.figures, 1)]
    _write_lines(lines + table_lines(FIGURE_COLUMNS, rows, width, right=(0,)) + [""], out)


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
    result = evaluate(args.gold, split=args.split, published=not args.no_published, claim_set=args.claim_set)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    width = terminal_width()
    lines = eval_lines(result, width)
    if args.errors:
        lines += [""] + errors_table(result["errors"], width)
    _write_lines(lines, sys.stdout)
    return 0


def eval_lines(result: dict, width: int) -> list[str]:
    """Detection and pairwise measure scores, then one row per field."""
    d, m = result["detection"], result["measure_pairs"]
    rows = [["figures", f"P {d['precision']:.3f} R {d['recall']:.3f} F1 {d['f1']:.3f}",
             f"tp {d['tp']}, fp {d['fp']}, fn {d['fn']}"],
            ["measures", f"pairwise P {m['precision']:.3f} R {m['recall']:.3f} F1 {m['f1']:.3f}", ""],
            ["non-figures", f"reported {result['non_figures_reported']}", ""]]
    rows += [[name, "n/a" if v["accuracy"] is None else f"{v['accuracy']:.3f}", f"n={v['n']}"]
             for name, v in result["fields"].items()]
    return table_lines(["field", "score", "of"], rows, width)


def errors_table(errors: list[dict], width: int) -> list[str]:
    """Every disagreement with the key, under the id of the key's figure (ids are long)."""
    items, last = [], None
    for e in errors:
        if e["id"] != last:
            last = e["id"]
            items.append(Heading(last))
        items.append([e["field"], _shown(e["gold"]), _shown(e["system"]), e["text"]])
    return table_lines(["field", "gold", "system", "text"], items, width)


def _shown(value) -> str:
    """A key's or the system's value in a cell: text as it is, anything else as JSON; none as '-'."""
    if value is None:
        return "-"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _service(args):
    from .service import Crosscheck
    from .claims.store import open_store
    service = Crosscheck(open_store(args.db))
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
        print(f"ingested {_plural(n, 'source')}; claim set: {claim_set_words(service.store.counts())}")
        return 0
    if not args.page or not args.url:
        print("crosscheck ingest: give --manifest FILE, or PAGE with --url URL", file=sys.stderr)
        return 2
    page = read_page(Path(args.page), url=args.url, published=parse_date(args.published), outlet=args.outlet)
    row = service.ingest_page(page, key=args.url)
    print(f"ingested {row.url} ({_plural(row.reports, 'figure')}); claim set: "
          f"{claim_set_words(service.store.counts())}")
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


def print_annotations(response, out=None, width: int | None = None) -> None:
    """The figures' table, then each figure's verdict, measure key (what `claims --measure` takes) and summary."""
    out = out or sys.stdout
    width = width or terminal_width()
    print_table(response, out, width)
    lines = []
    for n, f in enumerate(response.figures, 1):
        lines += comparison_lines(n, f, width) + [""]
    _write_lines(lines, out)


def comparison_lines(n: int, f, width: int) -> list[str]:
    """Figure n's verdict and flags, its measure key whole on a line, and the summary wrapped under them."""
    c = f.comparison
    flags = f" [{', '.join(c.flags)}]" if c.flags else ""
    number = f"{n:>2}  "
    indent = " " * len(number)
    head = wrap(f"{f.text}: {c.verdict}{flags}", width - len(indent))
    body = wrap(f"measure {f.measure}", width - len(indent)) + wrap(c.summary, width - len(indent))
    return [number + head[0]] + [indent + line for line in head[1:] + body]


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


CLAIM_CSV_COLUMNS = ("measure", "claimant", "party", "value", "claim_date", "reports", "outlets", "outlet_names")
CLAIM_COLUMNS = ["claimant (party)", "value", "date", "reports", "outlets"]


def _claim_csv_row(c) -> tuple:
    outlets = sorted({r.outlet or "" for r in c.reports})
    return (c.measure, c.claimant.name if c.claimant else "", c.claimant.party if c.claimant and c.claimant.party
            else "", _value(c.value), c.claim_date or "", len(c.reports), len(outlets), "; ".join(outlets))


def _claim_row(c) -> list:
    outlets = sorted({r.outlet for r in c.reports if r.outlet})
    return [_claimant_words(c.claimant), _value(c.value), c.claim_date, str(len(c.reports)), "; ".join(outlets)]


def _claimant_words(claimant) -> str:
    """'Volodymyr Zelensky (Ukraine)': the party beside the name, one column less to fit 80."""
    if claimant is None:
        return ""
    party = claimant.party if claimant.party and claimant.party != claimant.name else None
    return f"{claimant.name} ({party})" if party else claimant.name


def claims_table(claims, width: int) -> list[str]:
    """Claims grouped under their measure key, each key whole on a line of its own (the keys are long)."""
    items, key = [], None
    for c in sorted(claims, key=lambda c: c.measure):        # stable: the store's order within a measure
        if c.measure != key:
            key = c.measure
            items.append(Heading(key))
        items.append(_claim_row(c))
    return table_lines(CLAIM_COLUMNS, items, width, right=(3,))


def cmd_claims(args) -> int:
    service = _service(args)
    result = service.claims(measure=args.measure, claimant=args.claimant, text=args.q, limit=args.limit)
    if args.json or args.format == "json":
        print(result.model_dump_json())
    elif args.format == "csv":
        import csv
        w = csv.writer(sys.stdout)
        w.writerow(CLAIM_CSV_COLUMNS)
        w.writerows(_claim_csv_row(c) for c in result.claims)
    else:
        width = terminal_width()
        lines = claims_table(result.claims, width)
        if result.corrections:
            lines += [""] + wrap(f"{_plural(len(result.corrections), 'correction')} of these measures: pairs marked "
                                 "not the same quantity (crosscheck corrections lists them)", width)
        _write_lines(lines, sys.stdout)
    return 0


CORRECTION_COLUMNS = ["id", "this claim", "is not the same quantity as", "marked"]


def _claim_words(ref, measure: str | None = None) -> str:
    """'Pentagon, 10,000, 2024-11-04': a correction's side in a cell; its measure key when not the heading's."""
    parts = [ref.claimant or "no claimant", _value(ref.value), ref.claim_date or "no date"]
    if measure is not None and ref.measure != measure:
        parts.append(ref.measure)
    return ", ".join(parts)


def corrections_table(corrections, width: int) -> list[str]:
    """Corrections under the measure key of their first claim, each key whole on a line (as `claims` does)."""
    items, key = [], None
    for c in sorted(corrections, key=lambda c: (c.figure.measure, c.id)):
        if c.figure.measure != key:
            key = c.figure.measure
            items.append(Heading(key))
        items.append([str(c.id), _claim_words(c.figure), _claim_words(c.other, key), c.created_at[:10]])
    return table_lines(CORRECTION_COLUMNS, items, width, right=(0,))


def cmd_corrections(args) -> int:
    service = _service(args)
    if args.remove is not None:
        if not service.delete_correction(args.remove):
            print(f"crosscheck corrections: no correction with id {args.remove}", file=sys.stderr)
            return 1
        print(f"removed correction {args.remove}: the pair is compared again")
        return 0
    found = service.corrections(measure=args.measure)
    if args.json:
        from .contract import CorrectionsOut
        print(CorrectionsOut(corrections=found).model_dump_json())
    elif not found:
        print("no corrections: no compared pair has been marked as not the same quantity")
    else:
        _write_lines(corrections_table(found, terminal_width()), sys.stdout)
    return 0


# ---------------------------------------------------------------- feeds

FEED_COLUMNS = ["title", "last fetch", "articles", "figures", "state"]


def _fetch_limits(args):
    from .feeds.fetch import Limits
    return Limits(delay=args.delay, timeout=args.timeout)


def _when(iso: str | None) -> str:
    """'2026-12-05 08:12' (UTC), one word for the table: a time is never parted from its day."""
    return iso.replace("T", KEEP)[:16] if iso else "never"


def _feed_state(f) -> str:
    if f.last_error and f.failures:
        return f"failed {_plural(f.failures, 'time')}: {f.last_error}; next try {_when(f.next_try)}"
    if f.last_error:
        return f"fetched, with trouble: {f.last_error}"
    return "ok" if f.last_fetch else "not fetched yet"


def feeds_table(feeds, width: int) -> list[str]:
    """Each feed's url whole on a line of its own (urls are long), its row under it."""
    items = []
    for f in feeds:
        items.append(Heading(f.url))
        items.append([f.title or "", _when(f.last_fetch), str(f.articles),
                      str(f.reports), _feed_state(f)])
    return table_lines(FEED_COLUMNS, items, width, right=(2, 3))


def cmd_follow(args) -> int:
    import asyncio

    from .feeds.follow import FollowError, follow, follow_opml
    from .feeds.parse import NotOpml
    from .service import feed_out
    service = _service(args)
    if args.opml:
        try:
            data = Path(args.opml).read_bytes()
            added, problems = follow_opml(service.store, data)
        except OSError as exc:
            print(f"crosscheck follow: cannot read {args.opml}: {exc.strerror or exc}", file=sys.stderr)
            return 2
        except NotOpml as exc:
            print(f"crosscheck follow: {args.opml}: {exc}", file=sys.stderr)
            return 2
        if args.json:
            print(json.dumps({"followed": [feed_out(r).model_dump() for r in added], "problems": problems},
                             ensure_ascii=False))
        else:
            print(f"followed {_plural(len(added), 'new feed')} from {args.opml}; they are fetched at the next "
                  "refresh (crosscheck refresh)")
            for p in problems:
                print(f"  skipped: {p}")
        return 0
    if not args.url:
        print("crosscheck follow: give a feed's or a site's URL, or --opml FILE", file=sys.stderr)
        return 2
    try:
        done = asyncio.run(follow(service.store, args.url, limits=_fetch_limits(args)))
    except FollowError as exc:
        print(f"crosscheck follow: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps({"feed": feed_out(done.feed).model_dump(), "created": done.created}, ensure_ascii=False))
    elif done.created:
        title = f" ({done.feed.title})" if done.feed.title else ""
        print(f"following {done.feed.url}{title}; its articles come in at the next refresh (crosscheck refresh)")
    else:
        print(f"already following {done.feed.url}")
    return 0


def cmd_feeds(args) -> int:
    service = _service(args)
    rows = service.store.feeds()
    if args.json:
        from .contract import FeedsOut
        from .service import feed_out
        print(FeedsOut(feeds=[feed_out(r) for r in rows]).model_dump_json())
    elif not rows:
        print("no feeds followed: crosscheck follow URL adds one")
    else:
        _write_lines(feeds_table(rows, terminal_width()), sys.stdout)
    return 0


def forgotten_words(gone) -> str:
    """'forgot 3 sources, 41 reports, 30 claims and 12 measures'."""
    return (f"forgot {_plural(len(gone.sources), 'source')}, {_plural(gone.reports, 'report')}, "
            f"{_plural(gone.claims, 'claim')} and {_plural(gone.measures, 'measure')}")


def _forgotten_json(gone, **extra) -> str:
    from .service import source_out
    return json.dumps({**extra, "sources": [source_out(s).model_dump() for s in gone.sources],
                       "reports": gone.reports, "claims": gone.claims, "measures": gone.measures})


def _forgotten_lines(gone, width: int) -> list[str]:
    lines = []
    for s in gone.sources:
        when = s.published or f"ingested {s.ingested_at[:10]}"
        lines += ["  " + line for line in wrap(f"{s.key} ({s.outlet or 'no outlet'}, {when})", width - 2)]
    return lines


def cmd_unfollow(args) -> int:
    service = _service(args)
    row = service.store.feed(args.url)
    gone = None
    if row is not None:
        gone = service.store.forget_feed(args.url) if args.forget else service.store.delete_feed(args.url)
    if not gone:
        print(f"crosscheck unfollow: not following {args.url} (crosscheck feeds lists the feeds)", file=sys.stderr)
        return 1
    if args.json:
        print(_forgotten_json(gone, unfollowed=args.url) if args.forget else
              json.dumps({"unfollowed": args.url, "articles": row.articles}))
    elif args.forget:
        width = terminal_width()
        _write_lines(wrap(f"unfollowed {args.url} and {forgotten_words(gone)}; claim set: "
                          f"{claim_set_words(service.store.counts())}", width) + _forgotten_lines(gone, width),
                     sys.stdout)
    else:
        print(f"unfollowed {args.url}; its {_plural(row.articles, 'article')} stay in the claim set")
    return 0


def cmd_forget(args) -> int:
    try:
        day = date.fromisoformat(args.before)
    except ValueError:
        print(f"crosscheck forget: --before takes a day as YYYY-MM-DD, not {args.before!r}", file=sys.stderr)
        return 2
    service = _service(args)
    gone = service.store.forget(day.isoformat())
    if args.json:
        print(_forgotten_json(gone, before=day.isoformat()))
        return 0
    width = terminal_width()
    _write_lines(wrap(f"{forgotten_words(gone)} from before {day.isoformat()}; claim set: "
                      f"{claim_set_words(service.store.counts())}", width) + _forgotten_lines(gone, width),
                 sys.stdout)
    return 0


def _feed_progress(done: int, total: int, feed) -> None:
    if not sys.stderr.isatty():
        return
    width = 30
    filled = width * done // max(total, 1)
    sys.stderr.write(f"\r[{'#' * filled}{' ' * (width - filled)}] {done}/{total} feeds {feed.url[:30]:<30}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def refresh_words(summary) -> str:
    """'refreshed 3 feeds (1 not modified): 5 new articles, 2 copies of stories already held, 41 figures, 33 new
    claims, 1 error'."""
    same = f" ({summary.not_modified:,} not modified)" if summary.not_modified else ""
    copies = f" ({summary.copies:,} already in the claim set under another address)" if summary.copies else ""
    held = summary.syndicated
    syndicated = (", 1 copy of a story already held" if held == 1 else
                  f", {held:,} copies of stories already held" if held else "")
    return (f"refreshed {_plural(summary.feeds, 'feed')}{same}: {_plural(summary.new_articles, 'new article')}"
            f"{copies}{syndicated}, "
            f"{_plural(summary.figures, 'figure')}, {_plural(summary.claims, 'new claim')}, "
            f"{_plural(len(summary.errors), 'error')}")


def cmd_refresh(args) -> int:
    import asyncio

    from .feeds.refresh import refresh
    service = _service(args)
    summary = asyncio.run(refresh(service.store, limits=_fetch_limits(args), every=args.all,
                                  progress=_feed_progress))
    if args.json:
        from .contract import RefreshOut
        print(RefreshOut(**summary.as_dict()).model_dump_json())
        return 0
    width = terminal_width()
    lines = wrap(refresh_words(summary) + f"; claim set: {claim_set_words(service.store.counts())}", width)
    for e in summary.errors:          # each failed feed or article, its url whole, indented under the summary
        lines += ["  " + line for line in wrap(f"{e['url']}: {e['error']}", width - 2)]
    _write_lines(lines, sys.stdout)
    return 0


def serving_line(address: str, counts: dict, workers: int = 1) -> str:
    """The one line `serve` prints once it listens: where, and how big the claim set is, in plain words."""
    extra = f" with {workers} worker processes" if workers > 1 else ""
    return f"Crosscheck serving {address}{extra}, claim set: {claim_set_words(counts)} (Ctrl+C stops it)"


def cmd_serve(args) -> int:
    import ipaddress
    import logging

    from aiohttp import web

    from .serving.api import create_app
    host = args.host
    if args.workers < 1:
        print("crosscheck serve: --workers must be at least 1", file=sys.stderr)
        return 2
    if args.refresh_minutes < 0:
        print("crosscheck serve: --refresh-minutes must be 0 (off) or more", file=sys.stderr)
        return 2
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        loopback = False
    token = args.token or os.environ.get(TOKEN_ENV) or None
    if not loopback and token is None:
        print(f"crosscheck serve: listening on {host}, beyond loopback, needs an access token: set ${TOKEN_ENV} "
              f"(or --token) to a secret of at least {MIN_TOKEN} characters, e.g. the output of `python3 -c "
              "'import secrets; print(secrets.token_urlsafe(32))'`, and give it to the extension's options.",
              file=sys.stderr)
        return 2
    if token is not None and len(token.strip()) < MIN_TOKEN:
        print(f"crosscheck serve: the access token is too short: use at least {MIN_TOKEN} characters",
              file=sys.stderr)
        return 2
    if not loopback:
        print(f"crosscheck serve: WARNING: listening on {host}, not on loopback: other machines can reach this server; "
              "requests without the access token are refused.", file=sys.stderr)
    service = _service(args)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host

    def app_for(svc):
        return create_app(svc, host=host, port=args.port, allowed_origins=args.allow_origin or (),
                          refresh_minutes=args.refresh_minutes, token=token)

    def banner(counts, workers: int) -> None:
        print(serving_line(f"http://{shown}:{args.port}", counts, workers), flush=True)

    def cannot_listen(exc: OSError) -> int:
        print(f"crosscheck serve: cannot listen on {host}:{args.port}: {exc}", file=sys.stderr)
        return 1

    if args.workers > 1 and hasattr(os, "fork"):
        from .serving import workers
        from .service import Crosscheck
        counts, store = service.store.counts(), service.store
        store.close()                          # each worker opens its own connections after the fork
        try:
            sock = workers.listening_socket(host.strip("[]"), args.port)
        except OSError as exc:
            return cannot_listen(exc)
        banner(counts, args.workers)
        return workers.run(sock, args.workers,
                           lambda s: web.run_app(app_for(Crosscheck(store.reopen())), sock=s, access_log=None,
                                                 print=None),
                           log=lambda m: print(m, file=sys.stderr, flush=True))
    try:
        web.run_app(app_for(service), host=host.strip("[]"), port=args.port, access_log=None,
                    print=lambda _msg: banner(service.store.counts(), 1))
    except OSError as exc:
        return cannot_listen(exc)
    return 0


DESCRIPTION = """Crosscheck: see how the figures in a news article compare with what other sources report.
Every command that prints a table takes --json for the same data as JSON (stable keys, documented in the
README); tables fit the terminal's width ($COLUMNS, or 80 when the output is not a terminal)."""


def page_args(p) -> None:
    p.add_argument("page", nargs="?", metavar="PAGE",
                   help="an .html/.htm page or a .txt file (one block of text per line)")
    p.add_argument("--manifest", metavar="FILE",
                   help="a JSON manifest of sources (like fixtures/sources.json) instead of one PAGE")
    p.add_argument("--url", help="the page's address (also how the claim set knows the page again)")
    p.add_argument("--published", metavar="YYYY-MM-DD",
                   help="the page's publication date, when the page does not say it")
    p.add_argument("--outlet", metavar="NAME", help="the outlet that published the page, when the page does not say it")


def store_args(p) -> None:
    p.add_argument("--db", metavar="PATH|URL",
                   help="the claim set: a SQLite file, or a team's PostgreSQL database as postgresql://user@host/db "
                        "(default: $CROSSCHECK_DB, else crosscheck/claims.sqlite in $XDG_DATA_HOME or ~/.local/share)")
    p.add_argument("--no-builtin", action="store_true",
                   help="leave an empty claim set empty (by default it is filled with the built-in seed articles)")


def claimants_arg(p) -> None:
    p.add_argument("--claimants", metavar="FILE",
                   help="a JSON file of known claimants to add (same shape as data/claimants.json)")


def add_extract(sub) -> None:
    ex = sub.add_parser("extract", help="print the figures of a page (HTML or text) and what each was read as",
                        description="Print each figure of a page: its words, value, what it counts, where, "
                                    "its status, who claims it and when. The claim set is not used.")
    page_args(ex)
    ex.add_argument("--json", action="store_true", help="JSON in the annotation contract's shape, one line per page")
    claimants_arg(ex)
    ex.set_defaults(func=cmd_extract)


def add_ingest(sub) -> None:
    ing = sub.add_parser("ingest", help="add pages to the claim set (a manifest, or PAGE with --url)",
                         description="Read pages and add their figures to the claim set; a page already there "
                                     "(same url or manifest id) is replaced. Prints one summary line.")
    page_args(ing)
    store_args(ing)
    ing.set_defaults(func=cmd_ingest)


def add_annotate(sub) -> None:
    an = sub.add_parser("annotate", help="compare a page's figures with the claim set",
                        description="Print a page's figures as a table, then each figure's verdict (agrees, "
                                    "differs, conflicts, unique), its measure key and a summary of the others.")
    page_args(an)
    an.add_argument("--json", action="store_true",
                    help="the annotation contract's JSON instead of the table (JSON Lines for a manifest)")
    an.add_argument("--format", choices=("text", "json", "w3c"), default="text",
                    help="text (default): the table; json: as --json; w3c: W3C Web Annotation JSON-LD "
                         "(an AnnotationPage)")
    claimants_arg(an)
    store_args(an)
    an.set_defaults(func=cmd_annotate)


def add_claims(sub) -> None:
    cl = sub.add_parser("claims", help="list the claim set's claims, grouped by measure",
                        description="List the claims of the claim set under their measure keys: claimant, "
                                    "value, date, how many reports carry each, and in which outlets.")
    cl.add_argument("--measure", metavar="KEY", help="only this measure key (as printed by annotate and claims)")
    cl.add_argument("--claimant", metavar="NAME", help="only claims by a claimant whose name contains NAME")
    cl.add_argument("--q", metavar="TEXT", help="only claims with TEXT in a report's sentence or in what is counted")
    cl.add_argument("--limit", type=int, default=1000, metavar="N", help="at most N claims (default 1000)")
    cl.add_argument("--format", choices=("table", "json", "csv"), default="table",
                    help="table (default), json (as --json) or csv (one row per claim, for spreadsheets)")
    cl.add_argument("--json", action="store_true",
                    help="the claims as JSON: {claims: [...], limit, offset, corrections: [...]}")
    store_args(cl)
    cl.set_defaults(func=cmd_claims)


def add_corrections(sub) -> None:
    co = sub.add_parser("corrections", help="list or remove the reader's corrections (pairs marked not the same)",
                        description="List the pairs of claims a reader marked as not the same quantity (in the "
                                    "extension's card): comparison leaves them apart. --remove ID undoes one.")
    co.add_argument("--measure", metavar="KEY", help="only corrections with a side of this measure key")
    co.add_argument("--remove", type=int, metavar="ID", help="remove the correction with this id (from the list)")
    co.add_argument("--json", action="store_true", help="the corrections as JSON: {corrections: [...]}")
    store_args(co)
    co.set_defaults(func=cmd_corrections)


def add_serve(sub) -> None:
    sv = sub.add_parser("serve", help="run the local HTTP API for the browser extension",
                        description="Run the local HTTP API (loopback only unless --host says otherwise). "
                                    "Prints one line when it is listening; Ctrl+C stops it.")
    sv.add_argument("--host", default="127.0.0.1",
                    help="the address to listen on (default 127.0.0.1; another than loopback prints a warning)")
    sv.add_argument("--port", type=int, default=8765, help="the port to listen on (default 8765)")
    sv.add_argument("--workers", type=int, default=1, metavar="N",
                    help="server processes sharing the port (reading a page uses one core each; default 1)")
    sv.add_argument("--allow-origin", action="append", metavar="ORIGIN",
                    help="a browser origin allowed besides extension origins (repeatable)")
    sv.add_argument("--token", metavar="TOKEN",
                    help=f"the access token every request must carry (Authorization: Bearer TOKEN); required beyond "
                         f"loopback (default: ${TOKEN_ENV}, which keeps it out of the process list)")
    sv.add_argument("--refresh-minutes", type=float, default=30, metavar="N",
                    help="refresh the followed feeds in the background every N minutes (default 30; 0 turns it off)")
    store_args(sv)
    sv.set_defaults(func=cmd_serve)


def fetch_args(p) -> None:
    p.add_argument("--delay", type=float, default=1.0, metavar="SECONDS",
                   help="seconds between two requests to one host (default 1; a robots.txt Crawl-delay may ask more)")
    p.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                   help="seconds a feed or an article may take to arrive whole (default 30)")


def add_follow(sub) -> None:
    fo = sub.add_parser("follow", help="follow an RSS or Atom feed, a site's feed, or the feeds of an OPML file",
                        description="Follow a feed: its new articles are added to the claim set at each refresh. "
                                    "URL is a feed's address, or a site's page that names its feed "
                                    "(<link rel=\"alternate\">); it is fetched once to check. --opml imports a "
                                    "news reader's list of feeds (fetched at the next refresh).")
    fo.add_argument("url", nargs="?", metavar="URL", help="the feed's or the site's http(s) address")
    fo.add_argument("--opml", metavar="FILE", help="an OPML file of feeds (a news reader's export) instead of a URL")
    fo.add_argument("--json", action="store_true",
                    help="the result as JSON: {feed, created}, or {followed: [...], problems: [...]} for --opml")
    fetch_args(fo)
    store_args(fo)
    fo.set_defaults(func=cmd_follow)


def add_feeds(sub) -> None:
    fe = sub.add_parser("feeds", help="list the followed feeds with their last fetch and what they brought",
                        description="List the followed feeds: title, last fetch (UTC), articles and figures they brought "
                                    "into the claim set, and their state (a failing feed's error and next try).")
    fe.add_argument("--json", action="store_true", help="the feeds as JSON: {feeds: [...]}")
    store_args(fe)
    fe.set_defaults(func=cmd_feeds)


def add_unfollow(sub) -> None:
    un = sub.add_parser("unfollow", help="stop following a feed (its articles stay in the claim set, unless --forget)",
                        description="Stop following a feed. The articles it brought stay in the claim set; with --forget "
                                    "they go too, with the claims only they carried, in one transaction.")
    un.add_argument("url", metavar="URL", help="the feed's address, as crosscheck feeds prints it")
    un.add_argument("--forget", action="store_true",
                    help="also remove the articles the feed brought, and the claims only they carried")
    un.add_argument("--json", action="store_true",
                    help="what was done as JSON: {unfollowed, articles}, or with --forget {unfollowed, sources, "
                         "reports, claims, measures}")
    store_args(un)
    un.set_defaults(func=cmd_unfollow)


def add_forget(sub) -> None:
    fg = sub.add_parser("forget", help="remove the sources published before a day, and the claims only they carried",
                        description="Remove from the claim set every source published before DATE (a source whose "
                                    "publication day is unknown: ingested before DATE), its reports, and the "
                                    "claims and measures no other source carries, in one transaction. Prints "
                                    "what it removed. A syndicated copy that stays takes the place of the "
                                    "original it copied.")
    fg.add_argument("--before", required=True, metavar="YYYY-MM-DD", help="the first day that is kept")
    fg.add_argument("--json", action="store_true",
                    help="what was removed as JSON: {before, sources: [...], reports, claims, measures}")
    store_args(fg)
    fg.set_defaults(func=cmd_forget)


def add_refresh(sub) -> None:
    re_ = sub.add_parser("refresh", help="fetch every due feed once and add its new articles to the claim set",
                         description="Fetch every due feed once (a failing feed waits out its backoff) and ingest "
                                     "its new articles as crosscheck ingest does. Prints a summary: feeds, new "
                                     "articles, copies of stories already held, figures, claims, errors; a "
                                     "progress bar on a terminal.")
    re_.add_argument("--all", action="store_true", help="also fetch the feeds waiting out a backoff after failing")
    re_.add_argument("--json", action="store_true",
                     help="the summary as JSON: {feeds, not_modified, new_articles, syndicated, copies, figures, "
                          "claims, errors}")
    fetch_args(re_)
    store_args(re_)
    re_.set_defaults(func=cmd_refresh)


def add_eval(sub) -> None:
    ev = sub.add_parser("eval", help="score the reading of pages against an answer key",
                        description="Score figure detection, each field and the measures against an answer "
                                    "key (fixtures/*.gold.json).")
    ev.add_argument("gold", metavar="GOLD", help="the answer key, a JSON file such as fixtures/seeds.gold.json")
    ev.add_argument("--json", action="store_true", help="the scores and every disagreement as JSON")
    ev.add_argument("--errors", action="store_true", help="also list every disagreement as a table")
    ev.add_argument("--split", help="score only the sources of this split of the key (dev, eval)")
    ev.add_argument("--no-published", action="store_true",
                    help="withhold the key's publication dates: the pages' own dates are read")
    ev.add_argument("--claim-set", action="store_true",
                    help="ingest the pages one after another into a new claim set, so that each takes the keys "
                         "it gave the same quantities before (the measure pairs a reader is shown)")
    claimants_arg(ev)
    ev.set_defaults(func=cmd_eval)


def cmd_migrate(args) -> int:
    from .claims.store import open_store
    from .claims.transfer import copy_claim_set
    if str(args.source) == str(args.target):
        print("crosscheck migrate: --from and --to are the same claim set", file=sys.stderr)
        return 2
    if not is_postgres_url(args.source) and not Path(args.source).exists():
        print(f"crosscheck migrate: no claim set at {args.source}", file=sys.stderr)
        return 2
    source = open_store(args.source)
    try:
        target = open_store(args.target)
        try:
            counts = copy_claim_set(source, target)
            print(f"copied {counts['sources']} sources, {counts['reports']} reports, {counts['claims']} claims and "
                  f"{counts['measures']} measures from {source.location} to {target.location}")
        finally:
            target.close()
    finally:
        source.close()
    return 0


def add_migrate(sub) -> None:
    mi = sub.add_parser("migrate", help="copy a claim set into another store (a SQLite file into PostgreSQL)",
                        description="Copy a whole claim set (sources, reports, claims, measures, corrections, "
                                    "feeds) into an empty store, in one transaction: e.g. a reporter's SQLite file "
                                    "into the team's PostgreSQL database. The source is left as it was.")
    mi.add_argument("--from", dest="source", required=True, metavar="PATH|URL",
                    help="the claim set to copy: a SQLite file or a postgresql:// URL")
    mi.add_argument("--to", dest="target", required=True, metavar="PATH|URL",
                    help="an empty store to copy it into (made when it does not exist)")
    mi.set_defaults(func=cmd_migrate)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="crosscheck", description=DESCRIPTION)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                title="commands (crosscheck COMMAND --help for each one's options)")
    for add in (add_serve, add_annotate, add_ingest, add_claims, add_corrections, add_extract, add_eval, add_follow,
                add_feeds, add_unfollow, add_refresh, add_forget, add_migrate):
        add(sub)
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
