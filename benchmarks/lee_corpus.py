"""The Lee corpus as pages: 343 short news items of the Australian Broadcasting Corporation (2001-2002: bushfires,
Afghanistan, the Middle East, Australian politics and courts), a second source of real news text beside the 181
pages of ../shared, for fixtures/lee.gold.json.

    .venv/bin/python benchmarks/lee_corpus.py            # fetch once, then list where the pages are

The corpus ships in gensim's wheel as test data (gensim/test/test_data/lee_background.cor and lee.cor, one item
per line: Lee, Pincombe and Welsh, "An empirical evaluation of models of text document similarity", 2005). It is
never copied into this repository: `fetch` downloads that one wheel from PyPI (pip download, no install, no
dependency) and writes each item as a small HTML page (one paragraph, no headline: the items have none) into
benchmarks/results/cache/lee/ (git-ignored), named by the sha256 of its text. Benchmarks skip the Lee key when
the pages are absent.
"""
from __future__ import annotations

import hashlib
import html
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "benchmarks" / "results" / "cache" / "lee"
WHEEL = "gensim==4.3.3"
FILES = ("gensim/test/test_data/lee_background.cor", "gensim/test/test_data/lee.cor")


def item_id(text: str) -> str:
    return "lee-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def page_html(text: str) -> str:
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title></title></head><body><article>"
            f"<p>{html.escape(text, quote=False)}</p></article></body></html>\n")


def items(lines) -> dict[str, str]:
    """The corpus' items by id, each once (a few items appear in both files)."""
    out: dict[str, str] = {}
    for line in lines:
        text = " ".join(line.split())
        if text:
            out.setdefault(item_id(text), text)
    return out


def fetch(dest: Path = PAGES) -> int:
    """Download the wheel, write the pages; the number of pages written."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary", ":all:",
                        "--platform", "manylinux2014_x86_64", "--python-version", "3.11", "-d", tmp, WHEEL],
                       check=True)
        wheel = next(Path(tmp).glob("gensim-*.whl"))
        with zipfile.ZipFile(wheel) as z:
            lines = [line for name in FILES for line in z.read(name).decode("latin-1").splitlines()]
    dest.mkdir(parents=True, exist_ok=True)
    found = items(lines)
    for i, text in found.items():
        (dest / f"{i}.html").write_text(page_html(text), encoding="utf-8")
    return len(found)


def available() -> bool:
    return PAGES.is_dir() and any(PAGES.glob("lee-*.html"))


def main() -> int:
    if not available():
        print(f"fetching {WHEEL} from PyPI for its test data ...")
        print(f"{fetch()} pages -> {PAGES}")
    else:
        print(f"{len(list(PAGES.glob('lee-*.html')))} pages in {PAGES}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
