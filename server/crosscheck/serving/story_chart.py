"""The story page's two charts, drawn here as SVG text (no script, no library): the timeline of a measure's claims
(x the claim's day, y its value, one marker shape and colour per claimant) and the number line of their values (a
row per claimant). A range is a bar from its low to its high end; 'about' is the band the comparison weighs
(whiskers at +-10%); 'more than' and 'at least' an arrow towards higher values, 'up to' and 'less than' one towards
lower values. Every text that comes from the claim set is escaped; every mark has a <title> naming its claim.

No style attributes: the page's Content-Security-Policy admits only its one stylesheet (SVG presentation
attributes such as fill are no CSS and are allowed)."""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from html import escape

from ..claims import words
from ..claims.compare import BAND

# Okabe-Ito: told apart with the common colour-vision deficiencies; the shapes tell the claimants apart too
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#B8860B", "#56B4E9", "#000000")
SHAPES = ("circle", "square", "triangle", "diamond", "triangle-down", "cross")
UP = {"more_than", "at_least"}
DOWN = {"up_to", "less_than"}
CHAR_PX = 6.2            # the labels' 11px font, roughly, per character: enough to keep labels apart
ARROW_PX = 22
MAX_LABELLED = 100      # claims whose values are written beside their markers; past that the titles alone name them
NAME_CHARS, NAME_PX = 36, 6.8    # the number line's claimant names: at most so many characters, so wide each


@dataclass(frozen=True)
class Claim:
    """One claim as the charts draw it."""
    id: int
    who: str             # the claimant as the page names it
    series: int          # the claimant's index: its shape and colour
    low: float
    high: float | None
    qualifier: str
    day: str | None      # the claim's day, ISO
    text: str            # its value in a reader's words


def e(value) -> str:
    return escape(str(value), quote=True)


def style(series: int) -> tuple[str, str]:
    """(shape, colour) of a claimant's series."""
    return SHAPES[series % len(SHAPES)], COLOURS[series % len(COLOURS)]


def marker(series: int, x: float, y: float, size: float = 6.0, cls: str = "mark") -> str:
    shape, colour = style(series)
    s = size
    paint = f'class="{cls}" fill="{colour}" stroke="#ffffff" stroke-width="1"'
    if shape == "circle":
        return f'<circle {paint} cx="{x:.1f}" cy="{y:.1f}" r="{s * 0.85:.1f}"/>'
    if shape == "square":
        h = s * 0.78
        return f'<rect {paint} x="{x - h:.1f}" y="{y - h:.1f}" width="{2 * h:.1f}" height="{2 * h:.1f}"/>'
    if shape == "triangle":
        d = f"M{x:.1f},{y - s:.1f}L{x + s * 0.92:.1f},{y + s * 0.66:.1f}L{x - s * 0.92:.1f},{y + s * 0.66:.1f}Z"
    elif shape == "triangle-down":
        d = f"M{x:.1f},{y + s:.1f}L{x + s * 0.92:.1f},{y - s * 0.66:.1f}L{x - s * 0.92:.1f},{y - s * 0.66:.1f}Z"
    elif shape == "diamond":
        d = f"M{x:.1f},{y - s:.1f}L{x + s:.1f},{y:.1f}L{x:.1f},{y + s:.1f}L{x - s:.1f},{y:.1f}Z"
    else:   # cross
        a, b = s * 0.34, s
        d = (f"M{x - a:.1f},{y - b:.1f}H{x + a:.1f}V{y - a:.1f}H{x + b:.1f}V{y + a:.1f}H{x + a:.1f}V{y + b:.1f}"
             f"H{x - a:.1f}V{y + a:.1f}H{x - b:.1f}V{y - a:.1f}H{x - a:.1f}Z")
    return f'<path {paint} d="{d}"/>'


def legend_marker(series: int) -> str:
    """A claimant's marker on its own, for the page's legend and table."""
    return (f'<svg class="key" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">'
            f'{marker(series, 7, 7, 5.5)}</svg>')


def nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    """Round tick values that cover lo..hi in about n steps."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return [0.0, 1.0]
    if hi < lo:
        lo, hi = hi, lo
    if hi == lo:
        pad = abs(lo) * 0.1 or 1.0
        lo, hi = lo - pad, hi + pad
    raw = (hi - lo) / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if (hi - lo) / (m * mag) <= n)
    start, end = math.floor(lo / step + 1e-9) * step, math.ceil(hi / step - 1e-9) * step
    count = int(round((end - start) / step))
    return [float(f"{start + i * step:.12g}") for i in range(count + 1)]


def tick_words(x: float, unit: str | None) -> str:
    return words.number(x) + ("%" if unit == "%" else "")


def _interval(c: Claim) -> tuple[float, float]:
    """The values a claim's drawing spans: its range, or its band when it is 'about'."""
    if c.high is not None:
        return min(c.low, c.high), max(c.low, c.high)
    if c.qualifier == "approx":
        return c.low - abs(c.low) * BAND, c.low + abs(c.low) * BAND
    return c.low, c.low


def _drawable(claims: list[Claim]) -> list[Claim]:
    out = []
    for c in claims:
        if not math.isfinite(c.low):
            continue
        high = c.high if c.high is not None and math.isfinite(c.high) and c.high != c.low else None
        out.append(Claim(c.id, c.who, c.series, c.low, high, c.qualifier, c.day, c.text))
    return out


def _ordinal(day: str | None) -> int | None:
    try:
        return date.fromisoformat(day).toordinal() if day else None
    except ValueError:
        return None


def _day_words(ordinal: int, with_year: bool) -> str:
    d = date.fromordinal(ordinal)
    return f"{d.day} {words.MONTHS[d.month - 1]}" + (f" {d.year}" if with_year else "")


def _title(c: Claim) -> str:
    when = words.date_words(c.day) or "date unknown"
    return f"<title>{e(c.who)}: {e(c.text)}, {e(when)}</title>"


def _group(c: Claim, body: str) -> str:
    return (f'<g class="claim" data-claim="{c.id}" data-claimant="{e(c.who)}" data-value="{c.low:.15g}" '
            f'data-high="{"" if c.high is None else f"{c.high:.15g}"}" data-qualifier="{e(c.qualifier)}" '
            f'data-day="{e(c.day or "")}">{_title(c)}{body}</g>')


def _arrow(x: float, y: float, dx: float, dy: float, colour: str) -> str:
    """A line from (x, y) by (dx, dy) with a head at its end: a bound that is open that way."""
    ex, ey = x + dx, y + dy
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    px, py = -uy, ux
    head = (f"M{ex:.1f},{ey:.1f}L{ex - 6 * ux + 3.5 * px:.1f},{ey - 6 * uy + 3.5 * py:.1f}"
            f"L{ex - 6 * ux - 3.5 * px:.1f},{ey - 6 * uy - 3.5 * py:.1f}Z")
    return (f'<line class="bound" x1="{x:.1f}" y1="{y:.1f}" x2="{ex - 3 * ux:.1f}" y2="{ey - 3 * uy:.1f}" '
            f'stroke="{colour}"/><path class="bound-head" d="{head}" fill="{colour}"/>')


def _decoration(c: Claim, at, cross: float, vertical: bool) -> str:
    """A claim's bound, band or range drawn along the value axis; `at(v)` places a value on it, `cross` is the
    other coordinate (x in the timeline, y in the number line)."""
    _, colour = style(c.series)

    def seg(v1: float, v2: float, cls: str) -> str:
        a, b = at(v1), at(v2)
        if vertical:
            return (f'<line class="{cls}" x1="{cross:.1f}" x2="{cross:.1f}" y1="{a:.1f}" y2="{b:.1f}" '
                    f'stroke="{colour}"/>')
        return f'<line class="{cls}" x1="{a:.1f}" x2="{b:.1f}" y1="{cross:.1f}" y2="{cross:.1f}" stroke="{colour}"/>'

    def cap(v: float) -> str:
        p = at(v)
        if vertical:
            return f'<line class="cap" x1="{cross - 4:.1f}" x2="{cross + 4:.1f}" y1="{p:.1f}" y2="{p:.1f}" stroke="{colour}"/>'
        return f'<line class="cap" x1="{p:.1f}" x2="{p:.1f}" y1="{cross - 4:.1f}" y2="{cross + 4:.1f}" stroke="{colour}"/>'

    if c.high is not None:
        lo, hi = sorted((c.low, c.high))
        return seg(lo, hi, "range") + cap(lo) + cap(hi)
    if c.qualifier == "approx":
        lo, hi = _interval(c)
        return seg(lo, hi, "band") + cap(lo) + cap(hi)
    p = at(c.low)
    if c.qualifier in UP:           # towards higher values: up in the timeline, right on the number line
        return _arrow(cross, p, 0, -ARROW_PX, colour) if vertical else _arrow(p, cross, ARROW_PX, 0, colour)
    if c.qualifier in DOWN:
        return _arrow(cross, p, 0, ARROW_PX, colour) if vertical else _arrow(p, cross, -ARROW_PX, 0, colour)
    return ""


def _centre(c: Claim) -> float:
    return (c.low + c.high) / 2 if c.high is not None else c.low


class _Labels:
    """Value labels beside markers, kept only where they overlap nothing placed before (the title still names a
    claim whose label found no room)."""

    def __init__(self, left: float, right: float):
        self.boxes: list[tuple[float, float, float, float]] = []
        self.left, self.right = left, right

    def block(self, x: float, y: float, r: float) -> None:
        self.boxes.append((x - r, y - r, x + r, y + r))

    def place(self, x: float, y: float, text: str) -> str:
        w, h = len(text) * CHAR_PX, 12.0
        for anchor, x0 in (("start", x + 9), ("end", x - 9 - w)):
            box = (x0, y - h / 2, x0 + w, y + h / 2)
            if box[0] < self.left or box[2] > self.right:
                continue
            if all(box[2] <= b[0] or box[0] >= b[2] or box[3] <= b[1] or box[1] >= b[3] for b in self.boxes):
                self.boxes.append(box)
                tx = x + 9 if anchor == "start" else x - 9
                return f'<text class="value" x="{tx:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}">{e(text)}</text>'
        return ""


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


# ------------------------------------------------------------------------------------------ the timeline

def timeline_svg(claims: list[Claim], *, unit: str | None, value_label: str, width: int = 760,
                 height: int = 380) -> str:
    """x: the claim's day (claims without one in a column of their own at the right), y: its value (from zero
    when all values share a sign); the claims of one claimant joined in order of their days."""
    claims = _drawable(claims)
    undated = [c for c in claims if _ordinal(c.day) is None]
    dated = [c for c in claims if _ordinal(c.day) is not None]
    left, right, top, bottom = 84, width - 18 - (84 if undated else 0), 18, height - 60
    values = [v for c in claims for v in _interval(c)] or [0.0]
    lo, hi = min(values), max(values)
    if lo > 0:
        lo = 0.0
    elif hi < 0:
        hi = 0.0
    ticks = nice_ticks(lo, hi)
    vmin, vmax = ticks[0], ticks[-1]

    def y(v: float) -> float:
        return bottom - (bottom - top) * (v - vmin) / (vmax - vmin)

    days = [_ordinal(c.day) for c in dated]
    dmin, dmax = (min(days), max(days)) if days else (0, 0)
    pad = max(1, math.ceil((dmax - dmin) * 0.06))
    dmin, dmax = dmin - pad, dmax + pad

    def x(day: int) -> float:
        return left + (right - left) * (day - dmin) / (dmax - dmin)

    out = [f'<svg class="chart timeline" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="timeline-title timeline-desc">',
           '<title id="timeline-title">Timeline of the claims</title>',
           f'<desc id="timeline-desc">{len(claims)} claims: each one a marker at its day and value, one shape and '
           'colour per claimant; a bar for a range, whiskers for "about", an arrow for "more than" or '
           '"up to".</desc>']
    # value axis: grid lines and labels
    for t in ticks:
        out.append(f'<line class="grid" x1="{left}" x2="{right}" y1="{y(t):.1f}" y2="{y(t):.1f}"/>')
        out.append(f'<text class="tick" x="{left - 8}" y="{y(t) + 4:.1f}" text-anchor="end">{e(tick_words(t, unit))}</text>')
    out.append(f'<line class="axis" x1="{left}" x2="{left}" y1="{top}" y2="{bottom}"/>')
    out.append(f'<line class="axis" x1="{left}" x2="{right}" y1="{bottom}" y2="{bottom}"/>')
    # day axis: about six ticks, the year on the first and where it changes
    if days:
        step = next((s for s in (1, 2, 3, 7, 14, 28, 56, 91, 182, 364, 728, 1820, 3640) if (dmax - dmin) / s <= 6),
                    3640)
        first = math.ceil(dmin / step) * step
        year = None
        for d in range(first, dmax + 1, step):
            this_year = date.fromordinal(d).year
            out.append(f'<line class="tick-mark" x1="{x(d):.1f}" x2="{x(d):.1f}" y1="{bottom}" y2="{bottom + 5}"/>')
            out.append(f'<text class="tick" x="{x(d):.1f}" y="{bottom + 18}" text-anchor="middle">'
                       f'{e(_day_words(d, this_year != year))}</text>')
            year = this_year
    out.append(f'<text class="axis-label" x="{(left + right) / 2:.1f}" y="{height - 12}" text-anchor="middle">'
               'Day of the claim</text>')
    out.append(f'<text class="axis-label" x="16" y="{(top + bottom) / 2:.1f}" text-anchor="middle" '
               f'transform="rotate(-90 16 {(top + bottom) / 2:.1f})">{e(_short(value_label, 48))}</text>')
    if undated:
        ux = right + 42
        out.append(f'<line class="separator" x1="{right + 8}" x2="{right + 8}" y1="{top}" y2="{bottom}"/>')
        out.append(f'<text class="tick" x="{ux:.1f}" y="{bottom + 18}" text-anchor="middle">date unknown</text>')

    # where each claim goes: claims of one day side by side
    placed: list[tuple[Claim, float, float]] = []
    columns: dict = {}
    for c in sorted(claims, key=lambda c: (_ordinal(c.day) is None, _ordinal(c.day) or 0, c.series, c.low)):
        columns.setdefault(_ordinal(c.day), []).append(c)
    for day, group in columns.items():
        cx = x(day) if day is not None else right + 42
        gap = min(12.0, 60.0 / max(1, len(group) - 1))
        for i, c in enumerate(group):
            placed.append((c, cx + (i - (len(group) - 1) / 2) * gap, y(_centre(c))))

    # each claimant's claims joined in the order of their days
    by_series: dict[int, list[tuple[float, float]]] = {}
    for c, px, py in placed:
        if c.day is not None and _ordinal(c.day) is not None:
            by_series.setdefault(c.series, []).append((px, py))
    for series, points in sorted(by_series.items()):
        if len(points) > 1:
            points.sort()
            _, colour = style(series)
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
            out.append(f'<polyline class="series" points="{path}" fill="none" stroke="{colour}"/>')

    labels = _Labels(left, width - 4) if len(placed) <= MAX_LABELLED else None     # (each label checks all others)
    for _, px, py in placed if labels else ():
        labels.block(px, py, 7)
    for c, px, py in placed:
        body = _decoration(c, y, px, vertical=True) + marker(c.series, px, py)
        if labels:
            body += labels.place(px, py, _short(c.text, 28))
        out.append(_group(c, body))
    out.append("</svg>")
    return "".join(out)


# ------------------------------------------------------------------------------------------ the number line

def number_line_svg(claims: list[Claim], *, unit: str | None, width: int = 760) -> str:
    """The values on one axis, a row per claimant (its name at the left), zoomed to the values' span."""
    claims = _drawable(claims)
    rows: dict[int, str] = {}
    for c in sorted(claims, key=lambda c: c.series):
        rows.setdefault(c.series, c.who)
    names = {series: _short(who, NAME_CHARS) for series, who in rows.items()}
    row_h, top, right = 28, 14, width - 24
    left = min(width // 3, 16 + max((len(n) for n in names.values()), default=8) * NAME_PX)
    height = top + max(1, len(rows)) * row_h + 44
    bottom = top + len(rows) * row_h
    values = [v for c in claims for v in _interval(c)] or [0.0]
    pad = (max(values) - min(values)) * 0.04           # no marker right on the axis' ends
    ticks = nice_ticks(min(values) - pad, max(values) + pad)
    vmin, vmax = ticks[0], ticks[-1]

    def at(v: float) -> float:
        return left + (right - left) * (v - vmin) / (vmax - vmin)

    out = [f'<svg class="chart number-line" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="line-title">',
           '<title id="line-title">The values on one line, a row per claimant</title>']
    for t in ticks:
        out.append(f'<line class="grid" x1="{at(t):.1f}" x2="{at(t):.1f}" y1="{top}" y2="{bottom}"/>')
        out.append(f'<text class="tick" x="{at(t):.1f}" y="{bottom + 18}" text-anchor="middle">'
                   f'{e(tick_words(t, unit))}</text>')
    out.append(f'<line class="axis" x1="{left}" x2="{right}" y1="{bottom}" y2="{bottom}"/>')
    row_y = {}
    for i, (series, who) in enumerate(rows.items()):
        cy = top + i * row_h + row_h / 2
        row_y[series] = cy
        out.append(f'<line class="row" x1="{left}" x2="{right}" y1="{cy:.1f}" y2="{cy:.1f}"/>')
        out.append(f'<text class="who" x="{left - 12}" y="{cy + 4:.1f}" text-anchor="end">{e(names[series])}'
                   f'<title>{e(who)}</title></text>')
    for c in claims:
        cy = row_y[c.series]
        body = _decoration(c, at, cy, vertical=False) + marker(c.series, at(_centre(c)), cy)
        out.append(_group(c, body))
    out.append("</svg>")
    return "".join(out)
