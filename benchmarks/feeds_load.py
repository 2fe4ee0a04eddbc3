"""Issue 13's feed load: a refresh of 50 feeds with 2,000 articles in all (loopback, generated) finishes with every
article ingested, at least 50 articles a second, memory flat.

    .venv/bin/python benchmarks/feeds_load.py [--feeds 50] [--articles 2000] [--delay 0] [--json OUT]
    .venv/bin/python -m cProfile -o refresh.prof benchmarks/feeds_load.py      # where the time goes

A feed server in a process of its own (tests/generated_feeds.py) serves the generated outlets
(tests/news_generator.py), each on a loopback address of its own; this process follows every feed into a fresh
SQLite file (feeds.follow.follow, which fetches each feed once) and runs one refresh (feeds.refresh.refresh), the
code path of `crosscheck follow` and `crosscheck refresh`, with the feeds' loopback allowance that a feed given
as a loopback address gets. The politeness delay between two requests to one host is set to 0 through the
fetcher's configuration (Limits.delay, `refresh --delay`): every host here is loopback (real hosts keep the
default of 1 s; one request at a time per host holds either way). `--delay 1` shows what the default costs.

Reported: articles per second over the whole refresh, its time, this process's RSS before the refresh and after
a quarter, half, three quarters and all of the articles stored (500, 1,000, 1,500 and 2,000; from
/proc/self/status), its peak, and the growth from the first mark to the last (memory flat: what a long refresh
adds once warm). Checked: every article in the claim set under its address, the syndicated copies recognised as
such and only they, no error, and a second refresh that adds nothing. Exits 1 when a check fails; the speed and memory targets are reported, not asserted."""
from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "server"))

from crosscheck.claims.store_sqlite import SQLiteStore  # noqa: E402
from crosscheck.feeds.fetch import Limits  # noqa: E402
from crosscheck.feeds.follow import follow  # noqa: E402
from crosscheck.feeds.refresh import refresh  # noqa: E402

TARGET_RATE = 50.0          # articles a second (issue 13)
TARGET_GROWTH_MB = 25.0     # RSS growth from the first mark to the last that still counts as flat


def rss_mb() -> dict:
    """VmRSS (now) and VmHWM (peak) of this process, in MiB."""
    out = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = round(int(value.split()[0]) / 1024, 1)
    return out


class MarkedStore(SQLiteStore):
    """The real store; it notes the RSS when the n-th article of a mark has been stored."""

    def __init__(self, path, marks):
        super().__init__(path)
        self.marks = sorted(marks)
        self.stored = 0
        self.rss: dict[int, float] = {}
        self._count = threading.Lock()        # ingests run in the refresh's worker threads

    def ingest(self, *args, **kwargs):
        row = super().ingest(*args, **kwargs)
        with self._count:
            self.stored += 1
            if self.stored in self.marks:
                self.rss[self.stored] = rss_mb()["VmRSS"]
        return row


def story_groups(copies: dict[str, str]) -> set[frozenset]:
    """The pages of each syndicated story (its first outlet's and its copies'), from {copy: original}."""
    groups: dict[str, set] = {}
    for copy, original in copies.items():
        groups.setdefault(original, {original}).add(copy)
    return {frozenset(g) for g in groups.values()}


def start_server(feeds: int, articles: int) -> tuple[subprocess.Popen, dict]:
    proc = subprocess.Popen([sys.executable, str(ROOT / "tests" / "generated_feeds.py"), "--feeds", str(feeds),
                             "--articles", str(articles)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    if not line:
        proc.kill()
        raise RuntimeError("the generated feed server did not start")
    return proc, json.loads(line)


def run(feeds: int, articles: int, delay: float = 0.0, log=print) -> dict:
    limits = Limits(delay=delay, timeout=30.0)
    marks = sorted({max(1, articles * q // 4) for q in (1, 2, 3, 4)})       # 500, 1,000, 1,500, 2,000 of 2,000
    proc, served = start_server(feeds, articles)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            store = MarkedStore(Path(tmp) / "claims.sqlite", marks)
            t0 = time.perf_counter()

            async def follow_all():
                for url in served["feeds"]:
                    await follow(store, url, limits=limits)
            asyncio.run(follow_all())
            followed = time.perf_counter() - t0
            before = rss_mb()["VmRSS"]
            log(f"followed {len(served['feeds'])} feeds in {followed:.1f} s; refreshing ...")
            t0 = time.perf_counter()
            first = asyncio.run(refresh(store, limits=limits))
            seconds = time.perf_counter() - t0
            after = rss_mb()
            counts = store.counts()
            sources = {s.key: s for s in store.sources()}
            second = asyncio.run(refresh(store, limits=limits))
            again = store.counts()
            store.close()
    finally:
        proc.stdin.close()
        proc.wait(30)

    stories = story_groups(served["copies"])
    held = {k: s.copy_of or s.id for k, s in sources.items()}
    found: dict[int, set] = {}
    for key, story in held.items():
        found.setdefault(story, set()).add(key)
    found_groups = {frozenset(g) for g in found.values() if len(g) > 1}
    missing = [u for u in served["articles"] if u not in sources]
    rss = {m: store.rss.get(m) for m in marks}
    growth = round(rss[marks[-1]] - rss[marks[0]], 1) if None not in rss.values() else None
    res = {
        "feeds": feeds, "articles": articles, "delay": delay, "seconds": round(seconds, 2),
        "articles_per_s": round(len(sources) / seconds, 1), "follow_seconds": round(followed, 2),
        "summary": first.as_dict(), "second": second.as_dict(), "counts": counts,
        "rss_mb": {"before": before, **{str(m): v for m, v in rss.items()},
                   "peak": max([after["VmHWM"], *(v for v in rss.values() if v is not None)])},   # VmHWM lags
        "rss_growth_mb": growth,
        "copies": {"served": len(served["copies"]), "stories": len(stories),
                   "stories_found": len(stories & found_groups), "wrong_groups": len(found_groups - stories)},
    }
    res["checks"] = {
        "every article ingested": not missing and len(sources) == articles,
        "no errors": first.errors == [] and second.errors == [],
        "syndicated copies recognised, and only they": found_groups == stories,
        "second refresh adds nothing": second.new_articles == 0 and getattr(second, "syndicated", 0) == 0
                                       and again == counts,
    }
    res["targets"] = [
        {"target": f"feed load: refresh >= {TARGET_RATE:g} articles/s", "value": res["articles_per_s"],
         "met": res["articles_per_s"] >= TARGET_RATE},
        {"target": f"feed load: RSS growth <= {TARGET_GROWTH_MB:g} MB from {marks[0]:,} to {marks[-1]:,} articles",
         "value": growth, "met": growth is not None and growth <= TARGET_GROWTH_MB},
    ]
    if missing:
        res["missing"] = missing[:10]
    return res


def print_report(res: dict) -> None:
    s, rss = res["summary"], res["rss_mb"]
    print(f"\nfeed load: {res['feeds']} feeds, {res['articles']:,} articles (loopback, generated), "
          f"{res['delay']:g} s between two requests to a host")
    print(f"  refresh: {res['seconds']} s, {res['articles_per_s']} articles/s (follow: {res['follow_seconds']} s)")
    print(f"  summary: {s['new_articles']:,} new articles, {s.get('syndicated', 0):,} copies of stories already held, "
          f"{s['figures']:,} figures, {s['claims']:,} new claims, {len(s['errors'])} errors")
    marks = [k for k in rss if k.isdigit()]
    print("  RSS MB: before " + str(rss["before"]) + ", " + ", ".join(f"after {int(k):,}: {rss[k]}" for k in marks)
          + f", peak {rss['peak']}; growth {res['rss_growth_mb']} MB")
    c = res["copies"]
    print(f"  syndicated copies: {c['served']} copies of {c['stories']} stories served; {c['stories_found']} stories "
          f"found whole, {c['wrong_groups']} wrong groups")
    for name, ok in res["checks"].items():
        print(f"  [{'ok' if ok else 'FAIL'}] {name}")
    for t in res["targets"]:
        print(f"  [{'met' if t['met'] else 'MISS'}] {t['target']}: {t['value']}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--feeds", type=int, default=50)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--delay", type=float, default=0.0, help="seconds between two requests to one host (default 0)")
    ap.add_argument("--json", type=Path, help="write the numbers here as JSON")
    args = ap.parse_args(argv)
    res = run(args.feeds, args.articles, args.delay, log=lambda m: print(m, file=sys.stderr, flush=True))
    if args.json:
        args.json.write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
    print_report(res)
    return 0 if all(res["checks"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
