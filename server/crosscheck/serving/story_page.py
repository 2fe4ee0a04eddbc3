"""The story page of a measure (GET /measures/{key}): every claim of one quantity in the claim set, as one HTML
page the local server writes from the measure's JSON (GET /v1/measures/{key}, the same MeasureOut): the timeline
by claimant and the number line (story_chart.py), every claim with its wording and outlets, the sources (a
story's syndicated copies folded in: 'also in N outlets'), and the related measures, each linked to its own page.

Safe by construction: every text from the claim set is escaped (html.escape, quotes too), a link is made only
for an http(s) address, and the page has no script. Its Content-Security-Policy admits nothing but its one
stylesheet, by hash; it cannot be framed and sends no Referer to the sources it links."""
from __future__ import annotations

import base64
import hashlib
from urllib.parse import quote, urlsplit

from ..claims import words
from ..contract import ClaimantOut, ClaimOut, MeasureOut, StorySource
from .story_chart import Claim, e, legend_marker, number_line_svg, timeline_svg

CSS = """
:root { color-scheme: light; }
body { margin: 0; background: #f6f8fa; color: #1f2328;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 820px; margin: 0 auto; padding: 20px 24px 40px; background: #ffffff; min-height: 100vh;
  box-sizing: border-box; }
.crumb { margin: 0; font-size: 12px; letter-spacing: .04em; text-transform: uppercase; color: #59636e; }
h1 { font-size: 26px; line-height: 1.25; margin: 4px 0 6px; }
h2 { font-size: 17px; margin: 28px 0 8px; padding-top: 12px; border-top: 1px solid #d8dee4; }
.filed, .summary { margin: 0 0 8px; }
.filed { color: #59636e; font-size: 14px; }
code { font: 13px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f6f8fa; padding: 1px 4px;
  border-radius: 4px; overflow-wrap: anywhere; }
a { color: #0969da; }
.chart { display: block; max-width: 100%; height: auto; }
.chart text { font: 11px system-ui, sans-serif; fill: #59636e; }
.chart .axis-label { font-size: 12px; fill: #1f2328; }
.chart .who { font-size: 12px; fill: #1f2328; }
.chart .value { fill: #1f2328; }
.chart .axis { stroke: #57606a; stroke-width: 1; }
.chart .grid, .chart .row { stroke: #eaeef2; stroke-width: 1; }
.chart .tick-mark { stroke: #57606a; }
.chart .separator { stroke: #8c959f; stroke-dasharray: 4 3; }
.chart .series { stroke-width: 1.5; stroke-opacity: .45; }
.chart .range { stroke-width: 5; stroke-opacity: .55; stroke-linecap: round; }
.chart .band { stroke-width: 1.5; }
.chart .cap { stroke-width: 1.5; }
.chart .bound { stroke-width: 1.5; }
.legend { list-style: none; padding: 0; margin: 8px 0 0; display: flex; flex-wrap: wrap; gap: 4px 18px;
  font-size: 13px; }
.legend li, td.who { white-space: nowrap; }
.key { vertical-align: -2px; margin-right: 5px; }
.how { font-size: 13px; color: #59636e; margin: 6px 0 0; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px 6px 0; border-bottom: 1px solid #eaeef2; }
th { font-size: 12px; color: #59636e; font-weight: 600; }
td.who { white-space: normal; }
q { display: block; quotes: none; color: #59636e; font-size: 13px; font-style: italic; margin-top: 2px; overflow-wrap: anywhere; }
.sources, .related { padding-left: 20px; margin: 0; }
.sources li, .related li { margin: 0 0 8px; overflow-wrap: anywhere; }
.meta, .copies { color: #59636e; font-size: 13px; }
.note { padding: 6px 10px; background: #ddf4ff; border-radius: 6px; }
footer { margin-top: 32px; font-size: 12px; color: #59636e; }
"""
CSS_HASH = base64.b64encode(hashlib.sha256(CSS.encode("utf-8")).digest()).decode("ascii")
# nothing loads but the page's one stylesheet: no script, image, font, frame, form target or base
CSP = (f"default-src 'none'; style-src 'sha256-{CSS_HASH}'; base-uri 'none'; form-action 'none'; "
       "frame-ancestors 'none'")
HEADERS = {"Content-Security-Policy": CSP, "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"}
UNNAMED = "Claimant not named"


def story_path(key: str) -> str:
    """The story page's path for a measure key, every character outside the unreserved ones percent-encoded."""
    return "/measures/" + quote(key, safe="")


def json_path(key: str) -> str:
    return "/v1/measures/" + quote(key, safe="")


def _web(url: str | None) -> str | None:
    """The address when it is an http(s) one: never a javascript:, data: or other link."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _link(url: str | None, text: str, cls: str | None = None) -> str:
    href = _web(url)
    if not href:
        return e(text)
    klass = f' class="{cls}"' if cls else ""
    return f'<a{klass} href="{e(href)}" rel="noopener noreferrer">{e(text)}</a>'


def _who(c: ClaimantOut | None) -> str:
    if c is None or not c.name:
        return UNNAMED
    return f"{c.name} ({c.party})" if c.party and c.party != c.name else c.name


def _day(iso: str | None) -> str:
    return words.date_words(iso) or "date unknown"


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def _page(title: str, body: str) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<meta name=\"referrer\" content=\"no-referrer\">"
            f"<title>{e(title)}</title><style>{CSS}</style></head>\n<body><main>{body}</main></body></html>\n")


def _value_label(m: MeasureOut) -> str:
    what = words.key_words(m.key, unit=m.unit, counted=m.counted, subject=m.subject, location=m.location)[0]
    return f"{what} (%)" if m.unit == "%" else what


def _claims(m: MeasureOut, series: dict[str, int]) -> list[Claim]:
    return [Claim(id=c.id, who=_who(c.claimant), series=series[_who(c.claimant)], low=c.value.low,
                  high=c.value.high, qualifier=c.qualifier or "exact", day=c.claim_date,
                  text=c.value_text or words.value_words(c.value.low, c.value.high, c.qualifier or "exact", m.unit))
            for c in m.timeline]


def _outlet(s: StorySource) -> str:
    name = s.outlet or (urlsplit(s.url).hostname if _web(s.url) else None) or "an unnamed outlet"
    copies = f" (also in {_plural(len(s.also_in), 'outlet')})" if s.also_in else ""
    return _link(s.url, name) + e(copies)


def _claim_row(c: ClaimOut, series: int, sources: list[StorySource]) -> str:
    wordings = list(dict.fromkeys(r.text for r in c.reports if r.text))
    sentence = next((r.sentence for r in c.reports if r.sentence), None)
    outlets = ", ".join(_outlet(s) for s in sources if c.id in s.claims)
    return ("<tr>"
            f"<td>{e(_day(c.claim_date))}</td>"
            f'<td class="who">{legend_marker(series)}{e(_who(c.claimant))}</td>'
            f"<td>{e(c.value_text or '')}</td>"
            f"<td>{e(', '.join(f'“{w}”' for w in wordings[:4]))}</td>"
            f"<td>{outlets or 'no outlet'}{f'<q>{e(sentence)}</q>' if sentence else ''}</td>"
            "</tr>")


def _source_item(s: StorySource) -> str:
    head = _link(s.url, s.title or s.url or "(no headline)")
    meta = ", ".join(x for x in (s.outlet, words.date_words(s.published)) if x)
    n = len(s.claims)
    parts = [head, f'<div class="meta">{e(meta) + " · " if meta else ""}{e(_plural(n, "claim"))} of this quantity</div>']
    if not _web(s.url) and s.url:
        parts.append(f'<div class="meta">address: <code>{e(s.url)}</code></div>')
    if s.also_in:
        copies = ", ".join(_link(c.url, " ".join(x for x in (c.outlet or "an unnamed outlet",
                                                              words.date_words(c.published) or "") if x))
                           for c in s.also_in)
        parts.append(f'<div class="copies">Also in {e(_plural(len(s.also_in), "outlet"))} (the same story, one source): '
                     f"{copies}</div>")
    return "<li>" + "".join(parts) + "</li>"


def _related_item(r) -> str:
    latest = [f"{o.value_text or words.value_words(o.value.low, o.value.high, o.qualifier)} "
              f"({_who(o.claimant)}, {_day(o.claim_date)})" for o in r.others[-3:]]
    rest = f": {'; '.join(latest)}" if latest else ""
    return (f'<li><a href="{e(story_path(r.measure))}">{e(r.label or r.measure)}</a>'
            f'<span class="meta">{e(rest)}</span></li>')


def _summary(m: MeasureOut, claimants: int) -> str:
    n = len(m.timeline)
    days = sorted(c.claim_date for c in m.timeline if c.claim_date)
    when = ""
    if days:
        when = f" on {_day(days[0])}" if days[0] == days[-1] else f" between {_day(days[0])} and {_day(days[-1])}"
    by_value = sorted(m.timeline, key=lambda c: c.value.low)
    span = ""
    if n > 1 and by_value[0].value_text != by_value[-1].value_text:
        span = f" Values from {by_value[0].value_text} to {by_value[-1].value_text}."
    return (f"{_plural(n, 'claim')} by {_plural(claimants, 'claimant')}{when}, reported by "
            f"{_plural(len(m.sources), 'source')}.{span}")


def render(m: MeasureOut) -> str:
    """The story page of a measure, from its JSON."""
    series: dict[str, int] = {}
    for c in m.timeline:
        series.setdefault(_who(c.claimant), len(series))
    claims = _claims(m, series)
    counts = {who: sum(1 for c in claims if c.who == who) for who in series}
    filed = ", ".join(words.key_words(m.key, unit=m.unit, counted=m.counted, subject=m.subject, location=m.location))
    legend = "".join(f"<li>{legend_marker(i)}{e(who)} <span class=\"meta\">({_plural(counts[who], 'claim')})</span>"
                     "</li>" for who, i in series.items())
    body = [
        '<p class="crumb">Crosscheck · the story of a figure in your claim set</p>',
        f"<h1>{e(m.label)}</h1>",
        f'<p class="filed">Filed under: {e(filed)} · measure <code>{e(m.key)}</code></p>',
        f'<p class="summary">{e(_summary(m, len(series)))}</p>',
        '<section aria-labelledby="over-time"><h2 id="over-time">Over time</h2>',
        timeline_svg(claims, unit=m.unit, value_label=_value_label(m)),
        f'<ul class="legend" aria-label="Claimants">{legend}</ul>',
        '<p class="how">A bar is a range; whiskers show the band an “about” is compared as (±10%); an arrow up is '
        '“more than” or “at least”, an arrow down “up to” or “less than”. Hover a marker for its claim.</p>',
        "</section>",
        '<section aria-labelledby="values"><h2 id="values">All values</h2>',
        number_line_svg(claims, unit=m.unit),
        "</section>",
        '<section aria-labelledby="claims"><h2 id="claims">Every claim</h2>',
    ]
    if m.corrections:
        body.append(f'<p class="note">You marked {e(_plural(len(m.corrections), "pair"))} of claims of this measure '
                    "as not the same quantity: cards show them apart and do not weigh them.</p>")
    body.append("<table><thead><tr><th>Day</th><th>Claimant</th><th>Value</th><th>As worded</th>"
                "<th>Reported in</th></tr></thead><tbody>")
    body.extend(_claim_row(c, series[_who(c.claimant)], m.sources) for c in m.timeline)
    body.append("</tbody></table></section>")
    body.append('<section aria-labelledby="sources"><h2 id="sources">Sources</h2>')
    body.append(f'<ol class="sources">{"".join(_source_item(s) for s in m.sources)}</ol>' if m.sources
                else "<p>No source.</p>")
    body.append("</section>")
    body.append('<section aria-labelledby="related"><h2 id="related">Related measures</h2>')
    body.append(f'<ul class="related">{"".join(_related_item(r) for r in m.related)}</ul>' if m.related
                else "<p>No related measure in the claim set.</p>")
    body.append("</section>")
    body.append(f'<footer>Drawn by your local Crosscheck server from its claim set; nothing on this page comes from '
                f'elsewhere. The same data as JSON: <a href="{e(json_path(m.key))}">{e(json_path(m.key))}</a></footer>')
    return _page(f"{m.label} · Crosscheck", "".join(body))


def not_found(key: str) -> str:
    """The page for a key the claim set does not hold."""
    return _page("No such measure · Crosscheck", (
        '<p class="crumb">Crosscheck · the story of a figure in your claim set</p>'
        "<h1>No such measure</h1>"
        f"<p>The claim set holds no claim filed under <code>{e(key)}</code>.</p>"
        "<p>A figure's measure has a story page once another source's claim of it is in the claim set: follow "
        "the outlets that report it (<code>crosscheck follow URL</code>) or add their pages "
        "(<code>crosscheck ingest</code>, or <em>Add this page to the claim set</em> in the card).</p>"))
