"""Direct quotations in a block of text: the spans between matching quote marks.

Straight double quotes pair up in order, but for a quotation that lost its closing mark (the next mark
can only open another: it ends with its first sentence); curly quotes pair by direction; single quotes count only at word
edges so that apostrophes (Russia's, didn't, troops') are not taken for quote marks."""
from __future__ import annotations

import re

OPEN_CLOSE = {"“": "”", "„": "“", "«": "»", "‘": "’", "‹": "›"}
_MARK = re.compile("[\"'“„«‘‹]")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every quotation, marks included. An unclosed quote runs to the end of the text."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    i = 0
    while i < n:
        m = _MARK.search(text, i)           # jump to the next quote mark instead of walking every character
        if m is None:
            break
        i = m.start()
        ch = text[i]
        if ch == '"':
            j = text.find('"', i + 1)
            if j >= 0 and _opens_double(text, j):
                # the next mark opens another quotation ('... he said. "We still ... end. In New York, ...
                # "In the skies ...'): this one lost its closing mark, and ends with its first sentence
                stop = _SENTENCE_END.search(text, i + 1, j)
                end = stop.end() if stop else j
                spans.append((i, end))
                i = j
                continue
            end = n if j < 0 else j + 1
            spans.append((i, end))
            i = end
            continue
        if ch in OPEN_CLOSE and ch not in "‘’" or ch == "‘":
            close = OPEN_CLOSE[ch]
            j = text.find(close, i + 1)
            if ch == "‘":  # skip apostrophes written as ’ inside the quote
                while j >= 0 and j + 1 < n and text[j + 1].isalpha():
                    j = text.find(close, j + 1)
            end = n if j < 0 else j + 1
            spans.append((i, end))
            i = end
            continue
        if ch == "'" and _opens_single(text, i):
            j = i + 1
            while True:
                j = text.find("'", j)
                if j < 0 or _closes_single(text, j):
                    break
                j += 1
            if j > 0:
                spans.append((i, j + 1))
                i = j + 1
                continue
        i += 1
    return spans


_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z])")


def _opens_double(text: str, j: int) -> bool:
    """Whether a straight double quote mark can only open a quotation: after a space or the start, before a
    letter or a digit (a closing one follows a word or punctuation)."""
    before = text[j - 1] if j else " "
    after = text[j + 1] if j + 1 < len(text) else " "
    return before.isspace() and after.isalnum()


def _opens_single(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isalnum() and (after.isalnum() or after in "[(")


def _closes_single(text: str, j: int) -> bool:
    before = text[j - 1] if j else " "
    after = text[j + 1] if j + 1 < len(text) else " "
    return not after.isalnum() and (before.isalnum() or before in ".,!?)]")


def inside(spans: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    for s, e in spans:
        if s < pos < e:
            return (s, e)
    return None
