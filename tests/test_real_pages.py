"""Every one of the 181 real news pages of the article-extraction benchmark goes through the whole
pipeline without an error, and every figure's selector points at its exact words."""
import gzip
from pathlib import Path

import pytest

from crosscheck.contract import annotate_response
from crosscheck.reading.pipeline import extract, page_from_html

BENCH = Path(__file__).resolve().parents[2] / "shared" / "data" / "article-extraction-benchmark" / "html"


def pages():
    if not BENCH.is_dir():
        return []
    return sorted(BENCH.glob("*.html.gz"))


@pytest.mark.skipif(not BENCH.is_dir(), reason="../shared/data/article-extraction-benchmark is absent")
def test_all_benchmark_pages_extract():
    files = pages()
    assert len(files) == 181
    total = 0
    for path in files:
        page = page_from_html(gzip.decompress(path.read_bytes()), url=f"https://bench.example/{path.name}")
        response = annotate_response(page, extract(page))
        for f in response.figures:
            assert page.text[f.selector.start:f.selector.end] == f.selector.exact == f.text, path.name
            assert f.sentence in page.text
        total += len(response.figures)
    assert total > 1000   # real news pages are full of figures
