"""Syndicated copies: the same wire story in several outlets, told apart from other stories of the same event.

A page's text is cut into word shingles (5 words in a row, lower-cased, punctuation dropped); each shingle is
hashed once (blake2b, 63 bits: the same in every process) and the page keeps its SKETCH smallest hashes (a
bottom-k MinHash sketch). Two pages' resemblance (Jaccard of their shingle sets) is estimated from their sketches:
of the SKETCH smallest hashes of both sketches together, the share that is in both. A copy is a page whose
resemblance to another is at least JACCARD (a wire story with another headline, byline or a sentence more), or
whose shingles are nearly all in the other (CONTAINS: an outlet that ran the story cut short). Two outlets'
own stories of one event share names and numbers but few runs of five words: far below either threshold.

Pure Python, one hash per shingle: a 1,000-word article is sketched in about a millisecond."""
from __future__ import annotations

import hashlib
import heapq
import re
from dataclasses import dataclass

SHINGLE = 5            # words in a shingle
SKETCH = 128           # hashes kept per page
JACCARD = 0.6          # resemblance at or above which two pages are one story
CONTAINS = 0.85        # ... or the share of the shorter page's shingles that are in the longer one
MIN_SHINGLES = 30      # pages shorter than this (a caption, a brief) are never called copies
_MASK = (1 << 63) - 1  # SQLite integers are signed 64-bit

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Sketch:
    hashes: tuple[int, ...]      # the smallest shingle hashes, ascending
    shingles: int                # how many distinct shingles the page has

    @property
    def usable(self) -> bool:
        return self.shingles >= MIN_SHINGLES


def sketch(text: str) -> Sketch:
    words = [w.lower() for w in _WORD.findall(text or "")]
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(0, len(words) - SHINGLE + 1))}
    hashes = {int.from_bytes(hashlib.blake2b(s.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")
              & _MASK for s in shingles}
    return Sketch(tuple(heapq.nsmallest(SKETCH, hashes)), len(shingles))


def resemblance(a: Sketch, b: Sketch) -> float:
    """The estimated Jaccard index of the two pages' shingle sets."""
    if not a.hashes or not b.hashes:
        return 0.0
    k = min(SKETCH, len(set(a.hashes) | set(b.hashes)))
    union = heapq.nsmallest(k, set(a.hashes) | set(b.hashes))
    both = set(a.hashes) & set(b.hashes)
    return sum(1 for h in union if h in both) / len(union)


def containment(a: Sketch, b: Sketch, j: float | None = None) -> float:
    """The estimated share of the shorter page's shingles that are in the other: from the Jaccard index and the
    sizes, |A & B| = J (|A| + |B|) / (1 + J)."""
    j = resemblance(a, b) if j is None else j
    small = min(a.shingles, b.shingles)
    if not small:
        return 0.0
    return min(1.0, j * (a.shingles + b.shingles) / (1 + j) / small)


def is_copy(a: Sketch, b: Sketch) -> bool:
    if not (a.usable and b.usable):
        return False
    # the estimate cannot exceed the share of hashes the two sketches have in common: most pages compared (those
    # that share a few stock phrases) are ruled out by it without the estimate, and never wrongly
    both = len(set(a.hashes) & set(b.hashes))
    k = min(SKETCH, len(a.hashes) + len(b.hashes) - both)
    if not k or (both / k < JACCARD and containment(a, b, both / k) < CONTAINS):
        return False
    j = resemblance(a, b)
    return j >= JACCARD or containment(a, b, j) >= CONTAINS
