"""Plain-text tables for the command line that fit the terminal's width.

Cells wrap at spaces and never inside a word, so a number ("2,800,000,000"), a date or a measure key is always
whole on one line and can be copied from the output. When the words of a row cannot stand side by side in the
width, each row is printed as labelled lines instead. Nothing is ever cut with an ellipsis.

(rich was tried first: its tables narrow a wrapping column below its longest word and then fold or ellipsise the
word, so "2,800,000,000" came out as "2,800,000" over ",000"; the guarantee has to be computed here anyway.)"""
from __future__ import annotations

import re
import shutil
import unicodedata
from dataclasses import dataclass

GAP = "  "                  # between two columns
INDENT = "  "               # rows under a heading
DEFAULT_WIDTH = 80          # output to a pipe or a file
MIN_WIDTH = 20              # a $COLUMNS of 5 would leave no room for any word
KEEP = "\u00a0"             # a no-break space: words joined by it wrap as one ('about 10,000'), shown as a space
SPACES = re.compile(r"[^\S\u00a0]+")


@dataclass(frozen=True)
class Heading:
    """A line of its own between rows, printed whole (a measure key above the claims filed under it)."""
    text: str


def terminal_width() -> int:
    """$COLUMNS when set, else the terminal's width, else 80 when the output is not a terminal."""
    return max(MIN_WIDTH, shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns)


def display_width(text: str) -> int:
    """Columns the text takes in a terminal: wide East Asian signs take two, combining marks none."""
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in text)


def _pieces(word: str) -> list[str]:
    """A word's parts that may end a line: a range breaks after its dash ('30,000,000,000–' '45,000,000,000'),
    leaving both numbers whole."""
    return re.findall(r"[^–]+–?|–", word)


def wrap(text: str, width: int) -> list[str]:
    """Words joined greedily into lines of at most `width` columns, broken only at spaces and after a range's
    dash; a piece wider than that stands whole on its own line (a wider line, never a cut word)."""
    lines: list[str] = []
    line, used = "", 0
    for word in SPACES.split(str(text).strip()):
        for k, piece in enumerate(_pieces(word)):
            sep = "" if k or not line else " "
            w = display_width(piece)
            if line and used + len(sep) + w > width:
                lines.append(line)
                line, used, sep = "", 0, ""
            line, used = line + sep + piece, used + len(sep) + w
    if line:
        lines.append(line)
    return [line.replace(KEEP, " ") for line in lines] or [""]


def _longest_word(text: str) -> int:
    return max((display_width(p) for w in SPACES.split(text) for p in _pieces(w)), default=0)


def column_widths(header: list[str], rows: list[list[str]], room: int) -> list[int] | None:
    """Each column at least as wide as its longest word, the room left given first to the columns that need the
    least of it to hold every cell on one line (a value, a date), then shared; None when the longest words
    alone do not fit side by side."""
    columns = list(zip(header, *rows))
    need = [max(_longest_word(c) for c in col) for col in columns]
    full = [max(display_width(c) for c in col) for col in columns]
    room -= len(GAP) * (len(columns) - 1)
    if sum(full) <= room:
        return full
    if sum(need) > room:
        return None
    return _share(need, full, room - sum(need))


def _share(need: list[int], full: list[int], spare: int) -> list[int]:
    """Max-min fair: a column wanting less than an even share of what is left gets all it wants (its cells stay on
    one line); the others share the rest in proportion to what they want."""
    room = sum(need) + spare
    widths = list(need)
    wanting = sorted(range(len(need)), key=lambda i: full[i] - need[i])
    while wanting and full[wanting[0]] - need[wanting[0]] <= spare // len(wanting):
        i = wanting.pop(0)
        spare -= full[i] - need[i]
        widths[i] = full[i]
    total = sum(full[i] - need[i] for i in wanting)      # > 0: the caller saw the full widths not fit
    for i in wanting:
        widths[i] += spare * (full[i] - need[i]) // total
    for i in sorted(wanting, key=lambda i: full[i] - widths[i], reverse=True)[:room - sum(widths)]:
        widths[i] += 1       # the rounding's remainder to the columns still furthest from one line per cell
    return widths


def _pad(text: str, width: int, right: bool) -> str:
    space = " " * max(0, width - display_width(text))
    return space + text if right else text + space


def _row_lines(cells: list[str], widths: list[int], right: set[int], indent: str) -> list[str]:
    wrapped = [wrap(c, w) for c, w in zip(cells, widths)]
    height = max(len(w) for w in wrapped)
    lines = []
    for k in range(height):
        parts = [_pad(w[k] if k < len(w) else "", width, i in right) for i, (w, width) in
                 enumerate(zip(wrapped, widths))]
        lines.append((indent + GAP.join(parts)).rstrip())
    return lines


def _record_lines(header: list[str], cells: list[str], width: int, indent: str) -> list[str]:
    """One row as a two-column table of label and value; a long label wraps in at most a third of the width."""
    label_width = max(max(map(_longest_word, header)), min(max(map(display_width, header)), width // 3))
    widths = [label_width, max(1, width - len(indent) - label_width - len(GAP))]
    lines = []
    for label, cell in zip(header, cells):
        if cell:
            lines += _row_lines([label, cell], widths, set(), indent)
    return lines + [""]


def table_lines(header: list[str], items: list, width: int, right: tuple[int, ...] = ()) -> list[str]:
    """The lines of a table of `header` and `items` (rows of cells, or Heading lines between them) in `width`
    columns; `right` are the indexes of columns aligned right (counts)."""
    rows = [[("" if c is None else str(c)) for c in item] for item in items if not isinstance(item, Heading)]
    indent = INDENT if any(isinstance(item, Heading) for item in items) else ""
    widths = column_widths(header, rows, width - len(indent))
    lines = _row_lines(header, widths, set(right), indent) if widths else []
    rows_left = iter(rows)
    for item in items:
        if isinstance(item, Heading):
            lines.append(item.text)
        elif widths:
            lines += _row_lines(next(rows_left), widths, set(right), indent)
        else:
            lines += _record_lines(header, next(rows_left), width, indent)
    return lines
