"""Profile annotate over the benchmark pages (pyinstrument when installed, else cProfile).

    .venv/bin/python benchmarks/profile.py [--pages N] [--rounds 2] [--db CLAIMS.sqlite] [--html OUT.html]

Annotates the fixture pages and the 181 pages of ../shared/data/article-extraction-benchmark against the
built-in claim set (or a copy of --db, e.g. a synthetic set from benchmarks/results/cache) and prints the call
tree of the time spent, so the hot path can be read before and after a change.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "server"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from crosscheck.service import Crosscheck  # noqa: E402
from crosscheck.claims.store_sqlite import SQLiteStore  # noqa: E402

import run  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=0, help="only the first N pages")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--db", type=Path)
    ap.add_argument("--html", type=Path, help="write pyinstrument's HTML report here")
    args = ap.parse_args(argv)
    docs = run.load_docs()
    if args.pages:
        docs = docs[:args.pages]
    if args.db:
        tmp = Path(tempfile.mkdtemp()) / "claims.sqlite"
        shutil.copyfile(args.db, tmp)
        svc = Crosscheck(SQLiteStore(tmp))
    else:
        svc = Crosscheck(SQLiteStore(":memory:"))
        svc.ensure_builtin()
    for d in docs:                       # warm-up: tables loaded, patterns compiled
        svc.annotate(html=d.html, url=d.url)

    def work():
        for _ in range(args.rounds):
            for d in docs:
                svc.annotate(html=d.html, url=d.url)

    try:
        from pyinstrument import Profiler
    except ImportError:
        import cProfile
        import pstats
        pr = cProfile.Profile()
        pr.runcall(work)
        pstats.Stats(pr).sort_stats("cumulative").print_stats(40)
        return 0
    prof = Profiler(interval=0.0005)
    prof.start()
    work()
    prof.stop()
    print(prof.output_text(unicode=True, color=False))
    if args.html:
        args.html.write_text(prof.output_html(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
