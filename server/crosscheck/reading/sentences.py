"""Sentence boundaries in the blocks of a page.

    split_spans(text, strict=False) -> [(start, end), ...]   spans in one block's text
    split_page(page) -> [Sentence, ...]                      every block; offsets into page.text

Rule-based and linear in the length of the text: candidate terminators (. ! ? … and runs of them,
". . ." included) are found with one forward scan and each is judged from a bounded window around
it. It never raises: on an unexpected error the block becomes one sentence.

How a candidate is judged (all windows bounded):
  * no whitespace after the terminator (and closing quotes/brackets) -> no boundary: decimals
    (2.5, 11.000, $1.25), URLs and e-mails (pic.twitter.com/x, Jane.Doe@example.com), "U.S.-led",
    "Jr.'s", "mean...see";
  * next word lowercase -> no boundary ("the U.S. said", '"This is great." she said', "Yahoo! in");
  * terminator followed by a closing quote/bracket and then a speaker tag -> no boundary
    ('"We see an increase." Zelensky said.' stays whole; '"...others." He said.' splits because
    pronouns/determiners are sentence starters);
  * ! and ? -> boundary;
  * ellipsis -> boundary before a capital, except "[...]" and a three-dot ellipsis before "I";
  * period: list markers at the start of a sentence ("1.", "a.", "• 9.") never end it; titles and
    inner abbreviations (Mr., Gen., e.g., vs.) never end it; abbreviations that are often
    sentence-final (U.S., etc., Inc., Jr., a.m., months, any dotted initialism) end it only before a
    common sentence starter (The, He, It, In, But, ...); a single capital letter after a capitalised
    word is an initial ("Lloyd J. Austin"), "I" after a lowercase word ends a sentence;
  * otherwise a period before a capital, digit or other character is a boundary.

Quotations: a quoted passage closed by a comma and followed by its speaker tag in the same block
('"A. B," said spokesperson Matthew Miller.') is kept whole with the tag: no boundary inside it.
A quote closed by a period/?/! is split normally inside, and the speaker tag (if a name + verb)
stays with the last part.

Lists: a block that starts with a list marker ("1.", "1)", "1.)", "a.", "•", "⁃") is split before
each following marker of the same kind (numbers/letters in sequence), even without punctuation.

strict=True (used for headline/subheading/caption blocks): abbreviations and initials never end
a sentence (title case makes the "sentence starter" test unreliable); only real ends split.

Newlines inside a block are plain whitespace.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from ..model import Page, Sentence

__all__ = ["split_spans", "split_page"]

_DATA_PATH = Path(__file__).parents[1] / "data" / "abbreviations.json"

_TERM_CHARS = ".!?…"
_CLOSERS = "\"'”’)]»›"
_OPENERS = "\"'“‘([«‹¿¡"
_BULLETS = "•⁃‣◦▪·*"
_TOKEN_LIMIT = 64          # longest word looked at before a terminator
_WINDOW = 160              # look-ahead window for the next words / speaker tag
_QUOTE_LIMIT = 2000        # longest quotation kept whole with its speaker tag

_TERM_RE = re.compile(r"[.!?…]")
_WORD_RE = re.compile(r"[^\W\d_]+")
_INITIALISM_RE = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_QUOTE_RE = re.compile(r"[\"“”]")
_NUM_MARK_RE = re.compile(r"(?<=\s)([%s]\s?)?(\d{1,3})(\.\)|\.|\))(?=\s)" % re.escape(_BULLETS))
_LET_MARK_RE = re.compile(r"(?<=\s)([a-z])(\.\)|\.|\))(?=\s)")
_START_MARK_RE = re.compile(r"([%s])?\s?(?:(\d{1,3})|([a-z]))(\.\)|\.|\))(?=\s)" % re.escape(_BULLETS))


@lru_cache(maxsize=1)
def _data() -> dict:
    raw = json.loads(_DATA_PATH.read_text(encoding="utf-8"))
    return {
        "never_final": frozenset(a.lower().rstrip(".") for a in raw["never_final"]),
        "can_be_final": frozenset(a.lower().rstrip(".") for a in raw["can_be_final"]),
        "before_numbers": frozenset(a.lower().rstrip(".") for a in raw["before_numbers"]),
        "starters": frozenset(raw["sentence_starters"]),
        "verbs": frozenset(v.lower() for v in raw["speech_verbs"]),
        "speaker_words": frozenset(w.lower() for w in raw["speaker_words"]),
    }


# ----------------------------------------------------------------------------------------------
# public API

def split_spans(text: str, strict: bool = False) -> list[tuple[int, int]]:
    """Sentence spans (start inclusive, end exclusive) of one block of text, whitespace trimmed."""
    if not isinstance(text, str) or not text or text.isspace():
        return []
    try:
        return _split(text, strict)
    except Exception:  # pragma: no cover - last-resort guard: never raise on odd input
        return _trim(text, 0, len(text))


def split_page(page: Page) -> list[Sentence]:
    """Sentences of every block of the page, offsets into page.text, in order."""
    out: list[Sentence] = []
    for b_index, block in enumerate(page.blocks or []):
        text = block.text or ""
        strict = block.kind in ("headline", "subheading", "caption")
        for s, e in split_spans(text, strict=strict):
            for s, e in _bounded(text, s, e):
                out.append(Sentence(text=text[s:e], start=block.start + s, end=block.start + e,
                                    block=b_index, index=len(out)))
    return out


MAX_SENTENCE = 2000        # longest sentence handed to the later steps (real ones stay under ~1,600)


def _bounded(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """A span longer than MAX_SENTENCE cut into pieces of at most that length, at whitespace where there is
    some: the later steps look at each figure's whole sentence, so an endless 'sentence' (a wall of numbers,
    one 1 MB line) would cost them time quadratic in its length."""
    if e - s <= MAX_SENTENCE:
        return [(s, e)]
    out = []
    while e - s > MAX_SENTENCE:
        cut = s + MAX_SENTENCE
        ws = max(text.rfind(" ", s + MAX_SENTENCE // 2, cut), text.rfind("\n", s + MAX_SENTENCE // 2, cut))
        if ws > s:
            cut = ws
        out.extend(_trim(text, s, cut))
        s = cut
    out.extend(_trim(text, s, e))
    return out


# ----------------------------------------------------------------------------------------------
# the scan

def _trim(text: str, a: int, b: int) -> list[tuple[int, int]]:
    seg = text[a:b]
    stripped = seg.strip()
    if not stripped:
        return []
    left = len(seg) - len(seg.lstrip())
    return [(a + left, a + left + len(stripped))]


def _skip_ws(text: str, i: int) -> int:
    n = len(text)
    while i < n and text[i].isspace():
        i += 1
    return i


def _split(text: str, strict: bool) -> list[tuple[int, int]]:
    n = len(text)
    list_cuts = _list_cuts(text)
    quotes = _kept_quotes(text)
    cuts: list[int] = []
    sent_start = _skip_ws(text, 0)
    li = qi = 0
    pos = 0
    while pos < n:
        m = _TERM_RE.search(text, pos)
        if m is None:
            break
        i = m.start()
        j = i + 1
        # extend the run: more terminators, or spaced dots ". . ."
        while j < n:
            ch = text[j]
            if ch in _TERM_CHARS:
                j += 1
            elif ch == " " and j + 1 < n and text[j + 1] == "." and text[j - 1] == ".":
                j += 2
            else:
                break
        k = j
        while k < n and text[k] in _CLOSERS:
            k += 1
        pos = k
        while li < len(list_cuts) and list_cuts[li] <= i:
            sent_start = max(sent_start, list_cuts[li])
            li += 1
        if k >= n:
            break
        if not text[k].isspace():
            continue
        while qi < len(quotes) and quotes[qi][1] <= i:
            qi += 1
        if qi < len(quotes) and quotes[qi][0] < i:
            continue  # inside a quotation kept whole with its speaker tag
        t = _skip_ws(text, k)
        if t >= n:
            break
        if _is_boundary(text, i, j, k, t, sent_start, strict):
            cuts.append(k)
            sent_start = t
        pos = max(pos, t)

    all_cuts = sorted(set(cuts).union(list_cuts))
    spans: list[tuple[int, int]] = []
    prev = 0
    for c in all_cuts + [n]:
        if c > prev:
            spans.extend(_trim(text, prev, c))
            prev = c
    return spans


def _is_boundary(text: str, i: int, j: int, k: int, t: int, sent_start: int, strict: bool) -> bool:
    """Does the terminator run text[i:j] (closers up to k, next non-space at t) end a sentence?"""
    d = _data()
    n = len(text)
    run = text[i:j]
    has_closer = k > j
    # the next word, after opening quotes/brackets
    u = t
    while u < n and u < t + 3 and text[u] in _OPENERS:
        u += 1
    if u >= n:
        return True
    c = text[u]
    if c.islower():
        return False
    wm = _WORD_RE.match(text[u:u + 40])
    next_word = wm.group(0) if wm else ""

    # the word before the run
    a = i
    while a > 0 and i - a < _TOKEN_LIMIT and not text[a - 1].isspace():
        a -= 1
    token = text[a:i] if (a == 0 or text[a - 1].isspace()) else None  # None: too long to judge
    core = token.lstrip(_OPENERS + _BULLETS) if token else ""
    core_start = i - len(core)
    first_in_sentence = token is not None and not text[sent_start:a].strip(" \t\n\r" + _BULLETS) \
        if a - sent_start < 8 else False

    kind = "excl" if ("!" in run or "?" in run) else (
        "ellipsis" if (run.count(".") > 1 or "…" in run) else "period")

    # list markers "1." "a." "1.)" "• 9." at the start of a sentence
    if kind == "period" and first_in_sentence and core and (
            (core.isdigit() and len(core) <= 3) or (len(core) == 1 and core.isalpha() and core.islower())):
        return False
    if has_closer and _speaker_tag(text[t:t + _WINDOW], d):
        return False
    if kind == "excl":
        return True
    if kind == "ellipsis":
        if i > 0 and text[i - 1] == "[":
            return False
        if c.isdigit():
            return False
        dots = run.count(".") + 3 * run.count("…")
        if dots >= 4:
            return True
        return next_word != "I"
    # a single period
    if has_closer or not core:
        return True
    low = core.lower()
    if low in d["before_numbers"]:
        return not c.isdigit()
    if low in d["never_final"]:
        return False
    if low in d["can_be_final"] or _INITIALISM_RE.fullmatch(core):
        if strict:
            return False
        if low in ("a.m", "p.m"):
            lead = text[sent_start:core_start]
            if len(lead) <= 40 and len(lead.split()) <= 3:
                return False  # "At 5 a.m. Mr. Smith went..."
        return next_word in d["starters"]
    if len(core) == 1 and core.isalpha():
        if strict:
            return False
        if core.isupper():
            prev = _prev_word(text, a)
            if not prev or prev[0].isupper():
                return False  # an initial: "Lloyd J. Austin", "N. Korea"
            if core == "I":
                return True
        return next_word in d["starters"]
    return True


def _prev_word(text: str, a: int) -> str:
    """The word before position a (a is the start of the current token), bounded."""
    b = a
    while b > 0 and a - b < 8 and text[b - 1].isspace():
        b -= 1
    s = b
    while s > 0 and b - s < _TOKEN_LIMIT and not text[s - 1].isspace():
        s -= 1
    return text[s:b].lstrip(_OPENERS)


def _speaker_tag(window: str, d: dict, after_comma: bool = False) -> bool:
    """Does the window start with a speaker tag ('Zelensky said', 'said spokesperson X', 'he noted')?

    After a period-closed quote only a name-led tag counts (pronouns start a new sentence);
    after a comma-closed quote pronouns and determiners may lead too."""
    words = window.split(None, 8)[:8]
    if not words:
        return False
    for idx, w in enumerate(words):
        bare = w.strip(",.;:!?\"'“”‘’()")
        if bare.endswith(("'s", "’s")):
            bare = bare[:-2]
        if not bare:
            return False
        low = bare.lower()
        if low in d["verbs"]:
            return idx > 0 or after_comma or bare[0].islower()
        if idx == 0 and not after_comma:
            if not bare[0].isupper() or bare in d["starters"]:
                return False
            continue
        if bare[0].isupper() or low in d["speaker_words"]:
            if w[-1] in ",.;:!?" and idx > 0:
                return False  # the tag ended without a verb
            continue
        return False
    return False


def _kept_quotes(text: str) -> list[tuple[int, int]]:
    """Quotations closed by ',"' and followed by a speaker tag: (open, close) positions."""
    d = _data()
    out: list[tuple[int, int]] = []
    open_at = -1
    for m in _QUOTE_RE.finditer(text):
        p = m.start()
        ch = text[p]
        if ch == "“" or (ch == '"' and open_at < 0):
            open_at = p
            continue
        if open_at < 0:
            continue
        o, open_at = open_at, -1
        if p - o > _QUOTE_LIMIT or text[p - 1] != ",":
            continue
        if _speaker_tag(text[p + 1:p + 1 + _WINDOW], d, after_comma=True):
            out.append((o, p))
    return out


def _list_cuts(text: str) -> list[int]:
    """Start positions of list items after the first, when the block starts with a list marker."""
    start = _skip_ws(text, 0)
    head = text[start:start + 12]
    if head[:1] in _BULLETS and head[:1] != "*" and head[:1] != "·":
        bullet = head[0]
        return [m.start() for m in re.finditer(r"(?<=\s)%s" % re.escape(bullet), text)]
    m = _START_MARK_RE.match(head)
    if not m or (m.group(1) and m.group(1) in "*·"):
        return []
    cuts: list[int] = []
    style = m.group(4)
    if m.group(2):
        expected = int(m.group(2)) + 1
        for mm in _NUM_MARK_RE.finditer(text, start):
            if mm.group(3) == style and int(mm.group(2)) == expected:
                cuts.append(mm.start())
                expected += 1
    else:
        expected = ord(m.group(3)) + 1
        for mm in _LET_MARK_RE.finditer(text, start):
            if mm.group(2) == style and ord(mm.group(1)) == expected:
                cuts.append(mm.start())
                expected += 1
    return cuts
