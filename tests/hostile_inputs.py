"""Hostile pages for the reliability tests (test_hostile.py) and the soak run (benchmarks/soak.py): named cases
built to break a parser or make a regular expression backtrack, real pages mutated at random, and the check
that every selector the pipeline returns points at its exact text.

`scale` shrinks or grows the named cases (1.0: the sizes of issue 6: a 10 MB page, 100,000 nested elements,
one 1 MB line, 50,000 numbers in a row ...)."""
from __future__ import annotations

import gzip
import random
from pathlib import Path
from typing import Iterator

from crosscheck.contract import CONTEXT, selector

ROOT = Path(__file__).resolve().parents[1]
BENCHMARK_HTML = ROOT.parent / "shared" / "data" / "article-extraction-benchmark" / "html"
SENTENCE = "Police said about 15,000 people marched through the centre of Skopje on Saturday."


def named_cases(scale: float = 1.0) -> Iterator[tuple[str, str | bytes]]:
    """(name, page): str pages are sent as JSON or text/html, bytes only as text/html."""
    r = random.Random(6)

    def n(count: int) -> int:
        return max(1, int(count * scale))

    yield "empty", ""
    yield "whitespace", " \n\t" * n(30_000)
    yield "only-tags", "<html><head></head><body></body></html>"
    yield "random-bytes", bytes(r.getrandbits(8) for _ in range(n(200_000)))
    yield "invalid-utf8", b"<p>Police said \xff\xfe 1,000 \xc3\x28 people \xed\xa0\x80 marched \xf8\x88\x80.</p>" * n(2000)
    yield "latin-1", ("<html><head><meta charset='iso-8859-1'></head><body><p>Le minist\u00e8re a dit que 1 500 "
                      "\u00e9l\u00e8ves \u00e9taient l\u00e0.</p>" * n(500)).encode("latin-1")
    yield "utf-16-bom", ("<p>Officials said 3,000 homes were damaged in K\u00f6ln.</p>" * n(500)).encode("utf-16")
    yield "utf-16be-bom", b"\xfe\xff" + ("<p>Officials said 3,000 homes were damaged.</p>" * n(500)).encode("utf-16-be")
    yield "shift-jis", ("<meta charset='shift_jis'><p>\u8b66\u5bdf\u306b\u3088\u308b\u3068\u3001\u7d0415,000"
                        "\u4eba\u304c\u884c\u9032\u3057\u305f\u3002</p>" * n(500)).encode("shift_jis")
    yield "lying-charset", ("<meta charset='utf-16'><p>Officials said 3,000 homes \u00e9.</p>" * n(300)).encode("utf-8")
    yield "unknown-charset", b"<meta charset='x-no-such-thing'><p>Officials said 3,000 homes.</p>" * n(300)
    yield "nul-bytes", "\x00" * n(200_000) + "<p>Officials said 3,000 homes.</p>"
    yield "surrogates", "<p>\ud800 Police said 1,000 people \udfff marched.</p>" * n(1000)
    yield "nested-100k-div", "<div>" * n(100_000) + f"<p>{SENTENCE}</p>" + "</div>" * n(100_000)
    yield "nested-100k-span", "<p>" + "<span>" * n(100_000) + SENTENCE + "</span>" * n(100_000) + "</p>"
    yield "nested-100k-unclosed", "<b><i>" * n(50_000) + SENTENCE
    yield "nested-100k-mixed-close", "<div></x>" * n(100_000) + SENTENCE
    yield "one-1mb-line", "<p>" + ("Police said 1,200 people marched and " * n(27_000)) + "</p>"
    yield "one-1mb-word", "<p>Police said " + "x" * n(1_000_000) + " 1,000 people.</p>"
    yield "numbers-50k", "<p>" + " ".join(str(r.randint(1, 10 ** 6)) for _ in range(n(50_000))) + "</p>"
    yield "numbers-50k-grouped", "<p>" + ", ".join(f"{r.randint(1, 10 ** 9):,}" for _ in range(n(50_000))) + "</p>"
    yield "numbers-50k-paragraphs", "".join(f"<p>{r.randint(1, 10 ** 6):,}</p>" for _ in range(n(50_000)))
    yield "long-words", "<p>" + " ".join("Supercalifragilistic" * r.randint(50, 500) for _ in range(n(300))) + "</p>"
    # strings built to make regular expressions backtrack
    yield "digits-commas", "<p>" + ",".join(["1"] * n(200_000)) + "</p>"
    yield "digits-dots", "<p>" + ".".join(["1"] * n(200_000)) + "</p>"
    yield "digits-spaces", "<p>" + " ".join(["1"] * n(200_000)) + "</p>"
    yield "digits-thin-spaces", "<p>" + "\u202f".join(["100"] * n(100_000)) + "</p>"
    yield "digits-run", "<p>" + "9" * n(500_000) + "</p>"
    yield "digits-dashes", "<p>" + "-".join(["1"] * n(100_000)) + "</p>"
    yield "digits-percent", "<p>" + "1% " * n(100_000) + "</p>"
    yield "digits-decimal-run", "<p>" + "1.5 " * n(100_000) + "</p>"
    yield "ranges", "<p>" + "between 1 and 2 to 3-4 " * n(30_000) + "</p>"
    yield "currency-run", "<p>" + "$1 \u20ac2 \u00a33m " * n(40_000) + "</p>"
    yield "dollar-signs", "<p>" + "$" * n(200_000) + "1</p>"
    yield "nested-quotes", "<p>" + "\u201c'\"" * n(100_000) + "1,000" + "\"'\u201d" * n(100_000) + "</p>"
    yield "open-quotes", "<p>" + "\u201cHe said 1,000 people " * n(20_000) + "</p>"
    yield "parentheses", "<p>" + "(" * n(100_000) + "1,000 people" + ")" * n(100_000) + "</p>"
    yield "many-spaces", "<p>Police said 1" + " " * n(500_000) + "people</p>"
    yield "said-said-said", "<p>" + "said " * n(200_000) + "1,000</p>"
    yield "police-said-5", "<p>" + "police said 5 " * n(50_000) + "</p>"
    yield "capitalised-run", "<p>" + "The Big Red Ministry Of " * n(50_000) + "said 1,000 people.</p>"
    yield "capitals-no-space", "<p>" + "A" * n(300_000) + " said 1,000 people.</p>"
    yield "initials", "<p>" + "A. " * n(200_000) + "said 1,000.</p>"
    yield "abbreviations", "<p>" + "Dr. Mr. U.S. e.g. " * n(40_000) + "said 1,000.</p>"
    yield "number-words", "<p>" + " thousand hundred two million" * n(30_000) + " people</p>"
    yield "qualifiers", "<p>" + "more than about nearly up to " * n(30_000) + "3,000 people</p>"
    yield "per-cent-words", "<p>" + "per cent " * n(100_000) + "</p>"
    yield "dates-and-times", "<p>" + "November 9, 2024 at 10:30 " * n(20_000) + "</p>"
    yield "rtl-and-digits", "<p>" + "\u202e1,000\u202c \u0661\u0662\u0663 " * n(30_000) + "</p>"
    yield "many-paragraphs", "".join(f"<p>Police said {i:,} people marched on Saturday.</p>" for i in range(n(20_000)))
    yield "list-items", "<ul>" + "<li>1,000 people" * n(100_000) + "</ul>"
    yield "table-cells", "<table>" + "<tr><td>1</td><td>2</td>" * n(50_000) + "</table>"
    yield "huge-attribute", "<p class='" + "a " * n(500_000) + f"'>{SENTENCE}</p>"
    yield "unclosed-comment", "<!--" + "x" * n(1_000_000)
    yield "unclosed-script", "<script>" + "var a=1;" * n(100_000)
    yield "lt-run", "<" * n(1_000_000)
    yield "entities", "&amp;&#49;&#x32;&nbsp;" * n(100_000)
    yield "jsonld-nesting", ("<script type='application/ld+json'>" + "[" * n(100_000) + "]" * n(100_000)
                             + f"</script><p>{SENTENCE}</p>")
    yield "title-1mb", "<title>" + "Big News 1,000 " * n(60_000) + f"</title><p>{SENTENCE}</p>"
    yield "headlines", "<h1>Headline 1,000</h1>" * n(50_000)


def big_page(size: int) -> str:
    """A plain, valid page of about `size` characters: paragraphs of ordinary sentences with figures."""
    para = f"<p>{SENTENCE} Organisers said 40,000 took part.</p>\n"
    return "<html><head><title>Big</title></head><body><article>" + para * (size // len(para) + 1) + \
        "</article></body></html>"


def benchmark_pages(limit: int | None = None) -> list[Path]:
    if not BENCHMARK_HTML.is_dir():
        return []
    files = sorted(BENCHMARK_HTML.glob("*.html*"))
    return files[:limit] if limit else files


def read_benchmark_page(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


GARBAGE = [b"\x00\xff\xfe", b"<<<>>>", b"</div></div></p>", b"<script>", b"<!--", b"&#xD800;", b"1,1,1,1,1,1,1,",
           "\u201c\u201d\u2019\u202e".encode(), b"said said said", b"\xed\xa0\x80", b"<p>" * 50, b"<td>9</td>" * 20]


def mutate(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One random mutation of a page: truncate, duplicate a span, shuffle its tags, inject garbage, or several."""
    how = rng.choice(["truncate", "duplicate", "shuffle-tags", "garbage", "all"])
    steps = ["truncate", "duplicate", "shuffle-tags", "garbage"] if how == "all" else [how]
    for step in steps:
        if not data:
            break
        if step == "truncate":
            data = data[:rng.randrange(len(data))]
        elif step == "duplicate":
            a = rng.randrange(len(data))
            b = min(len(data), a + rng.randrange(1, 20_000))
            data = data[:b] + data[a:b] * rng.randint(2, 20) + data[b:]
        elif step == "shuffle-tags":
            parts = data.split(b"<")
            head, tags = parts[:1], parts[1:]
            idx = rng.sample(range(len(tags)), min(len(tags), 200))
            moved = [tags[i] for i in idx]
            rng.shuffle(moved)
            for i, t in zip(idx, moved):
                tags[i] = t
            data = b"<".join(head + tags)
        else:
            for _ in range(rng.randint(1, 30)):
                at = rng.randrange(len(data) + 1)
                data = data[:at] + rng.choice(GARBAGE) + data[at:]
    return how, data


def mutated_pages(count: int, seed: int = 6) -> Iterator[tuple[str, bytes]]:
    files = benchmark_pages()
    if not files:
        return
    rng = random.Random(seed)
    for i in range(count):
        path = rng.choice(files)
        how, data = mutate(read_benchmark_page(path), rng)
        yield f"{path.name[:10]}-{how}-{i}", data


def check_selectors(page, figures) -> None:
    """Every figure's selector points at its exact text in page.text, with the page's own prefix and suffix."""
    n = len(page.text)
    for f in figures:
        assert 0 <= f.start < f.end <= n, (f.start, f.end, n)
        sel = selector(page, f.start, f.end)
        assert sel.exact == f.text == page.text[f.start:f.end] and sel.exact.strip()
        assert (sel.start, sel.end) == (f.start, f.end)
        assert sel.prefix == page.text[max(0, f.start - CONTEXT):f.start]
        assert sel.suffix == page.text[f.end:f.end + CONTEXT]
        assert f.sentence.text == page.text[f.sentence.start:f.sentence.end]


def check_response_selectors(data: dict) -> None:
    """The same check on an annotate response (JSON), where page.text is not at hand: each selector is
    consistent with its figure and the text around it is at most the context size."""
    for f in data["figures"]:
        sel = f["selector"]
        assert sel["exact"] == f["text"] and sel["exact"].strip()
        assert sel["end"] - sel["start"] == len(sel["exact"])
        assert len(sel["prefix"]) <= CONTEXT and len(sel["suffix"]) <= CONTEXT
        assert len(sel["prefix"]) == min(CONTEXT, sel["start"])
        assert f["text"] in f["sentence"]
