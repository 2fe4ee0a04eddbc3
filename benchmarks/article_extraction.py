"""Article-text extraction on the Article Extraction Benchmark (181 pages).

    .venv/bin/python benchmarks/article_extraction.py [--data DIR] [--json OUT.json] [--worst N]

Runs crosscheck.reading.page.parse_html on each html/*.html.gz, scores Page.text without the headline block against
ground-truth.json articleBody with the benchmark's metric (crosscheck.textmetrics), prints F1, precision,
recall and median/p95/max milliseconds per page (decode + parse + extraction; gunzip not counted).
"""
from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "server"))

from crosscheck.reading.page import parse_html  # noqa: E402
from crosscheck.textmetrics import article_text, precision_recall, shingle_f1, shingle_tp_fp_fn  # noqa: E402

DEFAULT_DATA = Path("/work/shared/data/article-extraction-benchmark")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--json", type=Path, help="write the numbers to this file")
    ap.add_argument("--worst", type=int, default=0, help="list the N pages with the lowest F1")
    ap.add_argument("--repeat", type=int, default=3, help="timing: best of N runs per page")
    args = ap.parse_args(argv)

    gt_path, html_dir = args.data / "ground-truth.json", args.data / "html"
    if not gt_path.exists() or not html_dir.is_dir():
        print(f"benchmark data not found in {args.data} (need ground-truth.json and html/); nothing to do")
        return 0
    truth = json.loads(gt_path.read_text(encoding="utf-8"))
    pairs, times, rows, errors = [], [], [], 0
    for key in sorted(truth):
        f = html_dir / f"{key}.html.gz"
        if not f.exists():
            continue
        data = gzip.decompress(f.read_bytes())
        best = None
        page = None
        for _ in range(max(1, args.repeat)):
            t0 = time.perf_counter()
            try:
                page = parse_html(data, truth[key].get("url"))
            except Exception as exc:  # parse_html must not raise; count it
                errors += 1
                print(f"ERROR {key}: {exc!r}", file=sys.stderr)
                page = None
                break
            dt = time.perf_counter() - t0
            best = dt if best is None else min(best, dt)
        predicted = article_text(page) if page is not None else ""
        expected = truth[key]["articleBody"]
        pairs.append((expected, predicted))
        if best is not None:
            times.append(best * 1000)
        p, r = precision_recall(*shingle_tp_fp_fn(expected, predicted))
        rows.append((2 * p * r / (p + r) if p + r else 0.0, p, r, key, truth[key].get("url")))

    m = shingle_f1(pairs)
    times.sort()
    res = {
        "pages": m["pages"], "errors": errors,
        "f1": round(m["f1"], 4), "precision": round(m["precision"], 4), "recall": round(m["recall"], 4),
        "ms_median": round(statistics.median(times), 3) if times else None,
        "ms_p95": round(times[min(len(times) - 1, int(0.95 * len(times)))], 3) if times else None,
        "ms_max": round(times[-1], 3) if times else None,
    }
    print(f"pages {res['pages']}  errors {errors}")
    print(f"F1 {res['f1']:.4f}  precision {res['precision']:.4f}  recall {res['recall']:.4f}")
    print(f"ms/page  median {res['ms_median']}  p95 {res['ms_p95']}  max {res['ms_max']}")
    if args.worst:
        for f1, p, r, key, url in sorted(rows)[: args.worst]:
            print(f"  {f1:.3f} p={p:.3f} r={r:.3f} {key[:12]} {url}")
    if args.json:
        args.json.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
