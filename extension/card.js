/*
 * The Crosscheck card and notice: isolated UI in closed shadow roots (page CSS cannot reach in, page scripts
 * cannot read it). Everything from the server or another page is put in with textContent and a short list of
 * safe attributes (dom.js); links only for http(s) URLs. No HTML parsing of data anywhere. Loaded after dom.js
 * and format.js.
 */
(() => {
  "use strict";
  if (globalThis.CrosscheckCard) return;
  const { el, svg, safeHref } = globalThis.CrosscheckDom;
  const { str, num, fmtValue, fmtDate, claimantName } = globalThis.CrosscheckFormat;

  const VERDICTS = {
    agrees: { label: "Agrees with other sources", phrase: "agrees with other sources" },
    differs: { label: "Differs from other sources", phrase: "differs from other sources" },
    conflicts: { label: "Conflicts with other sources", phrase: "conflicts with other sources" },
    unique: { label: "No other source gives this", phrase: "no other source gives this figure" },
  };
  const FLAGS = {
    superseded: "Superseded: the same source later gave a newer figure",
    misreported: "Reported differently by other outlets",
    paraphrase_differs: "The article's paraphrase differs from its quotation",
  };
  const RELATIONS = { same: "same", overlaps: "overlaps", higher: "higher", lower: "lower" };

  const STYLE = `
:host { all: initial; }   /* the host's inline !important position wins; page rules cannot reach inside */
* { box-sizing: border-box; }
.card, .notice {
  font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #1f2328; background: #ffffff; border: 1px solid #d0d7de; border-radius: 8px;
  box-shadow: 0 8px 24px rgba(31, 35, 40, .18); text-align: left; direction: ltr;
}
.card { width: 380px; max-width: calc(100vw - 16px); max-height: min(72vh, 600px); overflow: auto; padding: 12px 14px; }
.card:focus { outline: 2px solid #0969da; outline-offset: -2px; }
.head { display: flex; align-items: baseline; justify-content: space-between; gap: 8px; margin: 0 0 6px; }
.head { flex-wrap: wrap; }
.fig { font-size: 16px; font-weight: 650; white-space: nowrap; }
.verdict { font-size: 11px; font-weight: 600; padding: 1px 8px; border-radius: 10px; white-space: nowrap;
  color: #fff; background: #6e7781; }
.verdict[data-verdict="agrees"] { background: #1a7f37; }
.verdict[data-verdict="differs"] { background: #9a6700; }
.verdict[data-verdict="conflicts"] { background: #cf222e; }
p { margin: 0 0 8px; }
.who { color: #59636e; }
.summary { margin-bottom: 8px; }
h3 { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: #59636e; margin: 10px 0 4px; font-weight: 600; }
ul, ol { margin: 0; padding: 0; list-style: none; }
.flags li { margin: 0 0 4px; padding: 3px 8px; border-left: 3px solid #bf8700; background: #fff8c5; border-radius: 3px; }
.others li { padding: 5px 0; border-top: 1px solid #eaeef2; }
.others li:first-child { border-top: 0; }
.val { font-weight: 650; }
.rel { font-size: 11px; color: #59636e; margin-left: 4px; }
.meta { color: #59636e; }
.outlets { font-size: 12px; color: #59636e; }
.quote { display: block; font-size: 12px; color: #59636e; font-style: italic; margin-top: 2px; overflow-wrap: anywhere; }
a { color: #0969da; text-decoration: underline; }
a:focus-visible, button:focus-visible { outline: 2px solid #0969da; outline-offset: 1px; }
.timeline li { padding: 2px 0 2px 12px; position: relative; }
.timeline li::before { content: ""; position: absolute; left: 2px; top: 9px; width: 5px; height: 5px; border-radius: 50%; background: #8c959f; }
.timeline li[data-this="1"] { font-weight: 650; }
.timeline li[data-this="1"]::before { background: #0969da; }
svg { display: block; margin: 4px 0 2px; overflow: visible; }
svg .axis { stroke: #8c959f; stroke-width: 1; }
svg .other { fill: #8c959f; stroke: #ffffff; stroke-width: 1; }
svg .span { stroke: #8c959f; stroke-width: 4; stroke-linecap: round; }
svg .this { stroke: #ffffff; stroke-width: 1.5; fill: #6e7781; }
svg .this-span { stroke-width: 4; stroke-linecap: round; stroke: #6e7781; }
svg[data-verdict="agrees"] .this { fill: #1a7f37; } svg[data-verdict="agrees"] .this-span { stroke: #1a7f37; }
svg[data-verdict="differs"] .this { fill: #bf8700; } svg[data-verdict="differs"] .this-span { stroke: #bf8700; }
svg[data-verdict="conflicts"] .this { fill: #cf222e; } svg[data-verdict="conflicts"] .this-span { stroke: #cf222e; }
svg text { font: 10px system-ui, sans-serif; fill: #59636e; }
.actions { display: flex; align-items: center; gap: 8px; margin-top: 10px; flex-wrap: wrap; }
button { font: inherit; font-size: 12px; padding: 4px 10px; border-radius: 6px; border: 1px solid #d0d7de;
  background: #f6f8fa; color: #1f2328; cursor: pointer; }
button:hover { background: #eef1f4; }
button[disabled] { opacity: .6; cursor: default; }
.status { font-size: 12px; color: #59636e; }
.read { margin: 0 0 8px; display: grid; grid-template-columns: max-content 1fr; gap: 1px 10px; }
.read div { display: contents; }
.read dt { color: #59636e; }
.read dd { margin: 0; overflow-wrap: anywhere; }
.lead { margin: 0 0 4px; }
.lead.same, .matched { color: #1a7f37; font-weight: 600; }
.matched { font-size: 12px; margin-top: 2px; }
.note { padding: 4px 8px; background: #ddf4ff; border-radius: 4px; }
.row-actions { margin-top: 3px; }
button.small { font-size: 11px; padding: 1px 8px; }
.corrected .val { text-decoration: line-through; }
svg .label { font-size: 10px; }
.foot { margin-top: 8px; font-size: 11px; color: #8c959f; }
.story { margin: 10px 0 0; font-weight: 600; }
.notice { display: flex; gap: 10px; align-items: flex-start; padding: 10px 12px; max-width: 380px; border-left: 4px solid #cf222e; }
.notice code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f6f8fa; padding: 1px 4px; border-radius: 4px; }
.notice .close { border: 0; background: transparent; font-size: 16px; line-height: 1; padding: 0 2px; }
@media (prefers-color-scheme: dark) {
  .card, .notice { color: #e6edf3; background: #161b22; border-color: #30363d; box-shadow: 0 8px 24px rgba(1, 4, 9, .6); }
  .who, .rel, .meta, .outlets, .quote, .status, h3, .read dt { color: #9198a1; }
  .lead.same, .matched { color: #3fb950; }
  .note { background: #0c2d6b; }
  .flags li { background: #2e2a14; border-left-color: #d29922; }
  .others li { border-top-color: #21262d; }
  a { color: #4493f8; }
  button { background: #21262d; color: #e6edf3; border-color: #30363d; }
  button:hover { background: #30363d; }
  svg .other, svg .this { stroke: #161b22; }
  svg text { fill: #9198a1; }
  .notice code { background: #21262d; }
  .foot { color: #6e7681; }
}
`;

  function verdictOf(figure) {
    const v = figure && figure.comparison && figure.comparison.verdict;
    return Object.prototype.hasOwnProperty.call(VERDICTS, v) ? v : "unique";
  }

  function accessibleName(figure) {
    return `${str(figure.text, 80)}: ${VERDICTS[verdictOf(figure)].phrase}`;
  }

  // ------------------------------------------------------------------------------------------ the card

  /** An other claim's value as the server wrote it for a reader ('27.53 billion dollars'), else formatted here. */
  function otherValue(o, unit) {
    return str(o && o.value_text, 80) || fmtValue(o && o.value, o && o.qualifier, unit);
  }

  // a label's width in the number line's 10px font, roughly: enough to keep labels from overlapping
  const LABEL_CHAR_PX = 6;

  function numberLine(figure, verdict) {
    const others = (figure.comparison && Array.isArray(figure.comparison.others)) ? figure.comparison.others : [];
    const points = [];
    for (const o of others) {
      const low = num(o && o.value && o.value.low);
      if (low === null) continue;
      const value = otherValue(o, figure.unit);
      points.push({ low, high: num(o.value.high), value, who: claimantName(o.claimant) || "Unknown source" });
    }
    const low = num(figure.value && figure.value.low);
    if (low === null || !points.length) return null;
    const high = num(figure.value.high);
    const all = [low, high, ...points.flatMap((p) => [p.low, p.high])].filter((x) => x !== null);
    let min = Math.min(...all);
    let max = Math.max(...all);
    if (min === max) { const pad = Math.abs(min) * 0.1 || 1; min -= pad; max += pad; }
    const W = 320; const L = 14; const R = W - 14; const Y = 22; const ROWS = [40, 52];
    const x = (v) => L + (R - L) * (v - min) / (max - min);
    const mine = understoodValue(figure);
    const root = svg("svg", { width: W, height: 58, viewBox: `0 0 ${W} 58`, role: "img", "data-verdict": verdict,
      "aria-label": `Number line: this page ${mine} among ${points.length} other values` });
    root.appendChild(svg("line", { class: "axis", x1: L, x2: R, y1: Y, y2: Y }));
    // one dot per position: claims of the same value share a dot, and its title names them all
    const dots = new Map();
    for (const p of points) {
      const px = Math.round(x(p.low));
      const key = [...dots.keys()].find((k) => Math.abs(k - px) < 5);
      const dot = key !== undefined ? dots.get(key) : { px, values: [], names: [] };
      if (!dot.values.includes(p.value)) dot.values.push(p.value);
      dot.names.push(`${p.who}: ${p.value}`);
      dots.set(key !== undefined ? key : px, dot);
      if (p.high !== null && p.high !== p.low) {
        root.appendChild(svg("line", { class: "span", x1: x(p.low), x2: x(p.high), y1: Y, y2: Y }, svg("title", {}, `${p.who}: ${p.value}`)));
      }
    }
    if (high !== null && high !== low) root.appendChild(svg("line", { class: "this-span", x1: x(low), x2: x(high), y1: Y, y2: Y }));
    const used = ROWS.map(() => []);          // label extents per row
    const label = (px, text) => {
      const w = text.length * LABEL_CHAR_PX;
      const a = Math.max(0, Math.min(W - w, px - w / 2));
      const row = used.findIndex((spans) => spans.every(([s, e]) => a + w + 4 <= s || a >= e + 4));
      if (row < 0) return;                    // no room: its dot's title still names it
      used[row].push([a, a + w]);
      root.appendChild(svg("text", { x: a, y: ROWS[row], "text-anchor": "start", class: "label" }, text));
    };
    for (const dot of [...dots.values()].sort((a, b) => a.px - b.px)) {
      root.appendChild(svg("circle", { class: "other", cx: dot.px, cy: Y, r: 4 }, svg("title", {}, dot.names.join("; "))));
      label(dot.px, dot.values.join(", "));
    }
    root.appendChild(svg("circle", { class: "this", cx: x(low), cy: Y, r: 6 }, svg("title", {}, `This page: ${str(figure.text, 80)} (${mine})`)));
    root.appendChild(svg("text", { x: x(low), y: 10, "text-anchor": "middle" }, "this page"));
    return root;
  }

  /** Syndicated copies of the reports' pages (the same wire story in other outlets): one source, said so. */
  function alsoIn(reports) {
    const seen = new Set();
    for (const r of reports) {
      for (const c of r && Array.isArray(r.also_in) ? r.also_in : []) {
        if (c && typeof c === "object") seen.add(`${str(c.outlet, 80)}|${str(c.url, 300)}`);
      }
    }
    return seen.size ? ` (also in ${seen.size} ${seen.size === 1 ? "outlet" : "outlets"}: the same story)` : null;
  }

  function outletLinks(reports) {
    const seen = new Set();
    const items = [];
    for (const r of Array.isArray(reports) ? reports : []) {
      if (!r || typeof r !== "object") continue;
      const href = safeHref(r.url);
      const name = str(r.outlet, 80) || (href ? new URL(href).hostname : "an unnamed outlet");
      const key = name + "|" + (href || "");
      if (seen.has(key)) continue;
      seen.add(key);
      if (items.length) items.push(", ");
      items.push(href ? el("a", { href, target: "_blank", rel: "noopener noreferrer" }, name) : name);
    }
    return items;
  }

  function sameWords(parts) {
    return (Array.isArray(parts) ? parts : []).map((p) => str(p, 120)).filter(Boolean).join(", ");
  }

  /** A claim beside the figure; `action` is its button ('Not the same quantity', or 'Undo' when set aside). */
  function otherRow(o, unit, shared, action) {
    const who = claimantName(o.claimant) || "Unknown source";
    const when = fmtDate(o.claim_date) || "date unknown";
    const reports = Array.isArray(o.reports) ? o.reports : [];
    const quote = reports.map((r) => r && str(r.sentence, 200)).find(Boolean);
    // a claim compared on fewer parts than the others (a twin told with no place) says which ones
    const own = sameWords(o.matched_on);
    const differs = own && own !== shared;
    return el("li", {},
      el("span", { class: "val" }, otherValue(o, unit)),
      RELATIONS[o.relation] ? [" ", el("span", { class: "rel" }, `(${RELATIONS[o.relation]})`)] : null,
      " ", el("span", { class: "meta" }, `${who}, ${when}`),
      reports.length ? el("div", { class: "outlets" }, "in ", ...outletLinks(reports), alsoIn(reports)) : null,
      quote ? el("q", { class: "quote" }, quote) : null,
      differs ? el("div", { class: "matched" }, `Same: ${own}`) : null,
      action || null);
  }

  function timeline(figure) {
    const c = figure.comparison || {};
    const entries = [];
    for (const o of Array.isArray(c.others) ? c.others : []) {
      if (fmtDate(o.claim_date)) entries.push({ date: o.claim_date, who: claimantName(o.claimant) || "Unknown source", value: otherValue(o, figure.unit), mine: false });
    }
    if (fmtDate(figure.claim_date)) entries.push({ date: figure.claim_date, who: claimantName(figure.claimant) || "This page", value: str(figure.text, 80), mine: true });
    const dates = new Set(entries.map((e) => e.date));
    const flags = Array.isArray(c.flags) ? c.flags : [];
    if (dates.size < 2 && !flags.includes("superseded")) return null;
    entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    return el("ol", { class: "timeline" }, entries.map((e) =>
      el("li", { "data-this": e.mine ? "1" : null }, `${fmtDate(e.date)} — ${e.who}: ${e.value}${e.mine ? " (this page)" : ""}`)));
  }

  /** The story page of the figure's measure on the local server (every claim of it over time), when the claim set
   *  holds claims of that measure; opened in a new tab. The key is URL-encoded; the server address is the loopback
   *  one the background uses (safeHref keeps only http(s)). */
  function storyLink(figure, serverUrl) {
    const c = figure.comparison || {};
    const measure = typeof figure.measure === "string" ? figure.measure : "";
    if (!serverUrl || !measure || measure.length > 500) return null;
    const held = [...(Array.isArray(c.others) ? c.others : []), ...(Array.isArray(c.corrected) ? c.corrected : [])]
      .some((o) => o && o.measure === measure);
    if (!held) return null;
    let href = null;
    try {
      href = new URL("/measures/" + encodeURIComponent(measure), serverUrl).href;
    } catch {
      return null;
    }
    return el("p", { class: "story" }, el("a", { href, target: "_blank", rel: "noopener noreferrer" },
      "Every claim of this quantity over time (story page)"));
  }

  function related(figure) {
    const rel = figure.comparison && Array.isArray(figure.comparison.related) ? figure.comparison.related : [];
    const items = [];
    for (const r of rel.slice(0, 3)) {
      const others = Array.isArray(r.others) ? r.others : [];
      const values = others.slice(0, 3).map((o) => `${otherValue(o, figure.unit)} (${claimantName(o.claimant) || "unknown"}${fmtDate(o.claim_date) ? ", " + fmtDate(o.claim_date) : ""})`);
      if (values.length) items.push(el("li", {}, `${str(r.label, 120) || str(r.measure, 120)}: ${values.join("; ")}`));
    }
    return items.length ? [el("h3", {}, "Related figures"), el("ul", { class: "others" }, items)] : null;
  }

  /** The figure's value as understood: the server's words, with the interval its bound means when that differs. */
  function understoodValue(figure) {
    const u = figure.understood || {};
    return str(u.value, 80) || fmtValue(figure.value, figure.qualifier, figure.unit);
  }

  /** 'What Crosscheck understood': value, what it counts, where and status, one line each (who and when above). */
  function understood(figure) {
    const u = figure.understood && typeof figure.understood === "object" ? figure.understood : {};
    const value = understoodValue(figure);
    const weighed = str(u.compared_as, 80);
    const rows = [
      ["Value", weighed && weighed !== value ? `${value} (compared as ${weighed})` : value],
      ["Counts", str(u.counts, 160) || str(figure.counted, 160) || "not said"],
      ["Where", str(u.where, 160) || str(figure.location, 160) || "no place named"],
      ["Status", str(u.status, 60)],
    ];
    return el("dl", { class: "read" }, rows.filter(([, v]) => v).map(([k, v]) => el("div", {}, el("dt", {}, k), el("dd", {}, v))));
  }

  /** Why it was compared (or what would match it), in one or two lines; never the list of values below. */
  function lead(figure, verdict, others) {
    const c = figure.comparison || {};
    const u = figure.understood && typeof figure.understood === "object" ? figure.understood : {};
    if (verdict === "unique" || !others.length) {
      const filed = sameWords(u.filed_under);
      return [el("p", { class: "lead" }, "No other source in the claim set gives this quantity."),
        filed ? el("p", { class: "lead" }, `Filed under: ${filed}.`) : null,
        str(u.would_match, 300) ? el("p", { class: "lead" }, `It would match ${str(u.would_match, 300)}.`) : null];
    }
    const counts = {};
    for (const o of others) counts[o.relation] = (counts[o.relation] || 0) + 1;
    const parts = [["higher", "higher"], ["lower", "lower"], ["overlaps", "overlapping"], ["same", "the same"]]
      .filter(([k]) => counts[k]).map(([k, w]) => `${counts[k]} ${w}`);
    const n = others.length;
    const same = sameWords(c.matched_on);
    return [same ? el("p", { class: "lead same" }, `Same: ${same}`) : null,
      el("p", { class: "lead" }, `Compared with ${n} ${n === 1 ? "claim" : "claims"} of this quantity: ${parts.join(", ")}.`)];
  }

  /**
   * The card's content for a figure (a detached element). `actions.onAdd()` runs when the add button is pressed;
   * `actions.onCorrect(other)` and `actions.onUndo(correctionId)` when a comparison is marked wrong or restored;
   * `actions.serverUrl`, the local server's address, gives the link to the figure's story page.
   * `note`: a status line shown first (what the last action did).
   */
  function buildCard(figure, actions = {}, note = null) {
    const { onAdd, onCorrect, onUndo, serverUrl } = typeof actions === "function" ? { onAdd: actions } : (actions || {});
    const verdict = verdictOf(figure);
    const c = figure.comparison || {};
    const who = claimantName(figure.claimant);
    const when = fmtDate(figure.claim_date);
    const flags = (Array.isArray(c.flags) ? c.flags : []).map((f) => FLAGS[f] || (typeof f === "string" ? str(f, 80).replace(/_/g, " ") : null)).filter(Boolean);
    const others = Array.isArray(c.others) ? c.others : [];
    const corrected = Array.isArray(c.corrected) ? c.corrected : [];
    const shared = sameWords(c.matched_on);
    const status = el("span", { class: "status", role: "status", "aria-live": "polite" });
    const button = el("button", { type: "button" }, "Add this page to the claim set");
    // e.detail is 0 for a click made with Enter or Space: only then does focus go back to the button
    button.addEventListener("click", async (e) => {
      const focused = e.detail === 0 && button.getRootNode().activeElement === button;
      button.disabled = true;            // (a disabled button loses focus: it is given back below)
      status.textContent = "Adding…";
      try {
        status.textContent = await onAdd();
      } catch (err) {
        status.textContent = "Could not add the page.";
      }
      button.disabled = false;
      if (focused) button.focus();
    });
    const correctButton = (o) => {
      if (!onCorrect) return null;
      const b = el("button", { type: "button", class: "small", title: "These two figures do not count the same thing: stop comparing them" }, "Not the same quantity");
      b.addEventListener("click", async (e) => {
        b.disabled = true;
        status.textContent = "Saving the correction…";
        try { status.textContent = await onCorrect(o, e.detail === 0); } catch { status.textContent = "Could not save the correction."; }
        b.disabled = false;
      });
      return el("div", { class: "row-actions" }, b);
    };
    const undoButton = (o) => {
      if (!onUndo || typeof o.correction !== "number") return null;
      const b = el("button", { type: "button", class: "small" }, "Undo: compare again");
      b.addEventListener("click", async (e) => {
        b.disabled = true;
        try { status.textContent = await onUndo(o.correction, e.detail === 0); } catch { status.textContent = "Could not undo the correction."; }
        b.disabled = false;
      });
      return el("div", { class: "row-actions" }, b);
    };
    const line = numberLine(figure, verdict);
    const tl = timeline(figure);
    return el("div", { class: "card", role: "dialog", tabindex: "-1", "aria-label": `Crosscheck: ${accessibleName(figure)}` },
      el("div", { class: "head" }, el("span", { class: "fig" }, str(figure.text, 80)),
        el("span", { class: "verdict", "data-verdict": verdict }, VERDICTS[verdict].label)),
      el("p", { class: "who" }, who ? `Claimed by ${who}${when ? ", " + when : ", date unknown"}` : `Claimant not named${when ? ", " + when : ""}`),
      note ? el("p", { class: "note", role: "status" }, str(note, 300)) : null,
      el("h3", {}, "What Crosscheck understood"),
      understood(figure),
      lead(figure, verdict, others),
      flags.length ? el("ul", { class: "flags" }, flags.map((f) => el("li", {}, f))) : null,
      others.length ? [el("h3", {}, "Other sources"), el("ul", { class: "others" }, others.slice(0, 12).map((o) => otherRow(o, figure.unit, shared, correctButton(o)))),
        others.length > 12 ? el("p", { class: "meta" }, `and ${others.length - 12} more`) : null] : null,
      line ? [el("h3", {}, "All values"), line] : null,
      tl ? [el("h3", {}, "Over time"), tl] : null,
      corrected.length ? [el("h3", {}, "Not compared: you marked these as not the same quantity"),
        el("ul", { class: "others corrected" }, corrected.slice(0, 12).map((o) => otherRow(o, figure.unit, "", undoButton(o))))] : null,
      related(figure),
      storyLink(figure, serverUrl),
      el("div", { class: "actions" }, button, status),
      el("div", { class: "foot" }, "Crosscheck · compared with your local claim set"));
  }

  // ------------------------------------------------------------------------------------------ hosts

  const roots = new WeakMap();     // host -> closed shadow root

  function makeHost(kind) {
    const host = document.createElement("crosscheck-ui");
    host.setAttribute("data-crosscheck-ui", kind);
    const shadow = host.attachShadow({ mode: "closed" });
    const style = document.createElement("style");
    style.textContent = STYLE;
    shadow.appendChild(style);
    roots.set(host, shadow);
    for (const [k, v] of [["all", "initial"], ["position", "absolute"], ["z-index", "2147483647"], ["display", "block"],
      ["top", "0px"], ["left", "0px"], ["margin", "0"], ["padding", "0"], ["border", "0"], ["visibility", "visible"],
      ["opacity", "1"], ["transform", "none"], ["pointer-events", "auto"]]) {
      host.style.setProperty(k, v, "important");
    }
    return { host, shadow };
  }

  let card = null;      // {host, shadow, box, mark, figure}

  function openCard(mark, figure, { onAdd, onCorrect, onUndo, note = null, focus = false, serverUrl = null } = {}) {
    if (card && card.mark === mark) {
      if (focus) card.box.focus();
      return card;
    }
    closeCard({ restoreFocus: false });
    const { host, shadow } = makeHost("card");
    const box = buildCard(figure, { onAdd, onCorrect, onUndo, serverUrl }, note);
    shadow.appendChild(box);
    host.style.setProperty("visibility", "hidden", "important");
    document.documentElement.appendChild(host);
    place(host, box, mark);
    host.style.setProperty("visibility", "visible", "important");
    card = { host, shadow, box, mark, figure };
    mark.setAttribute("aria-expanded", "true");
    if (focus) box.focus();
    return card;
  }

  function place(host, box, mark) {
    const rects = mark.getClientRects();
    const r = rects.length ? rects[0] : mark.getBoundingClientRect();
    const vw = document.documentElement.clientWidth || window.innerWidth;
    const vh = window.innerHeight;
    const below = vh - r.bottom - 14;
    const above = r.top - 14;
    let h = host.offsetHeight || 200;
    let side = "below";
    if (h > below && (h <= above || above > below)) side = "above";
    const room = side === "below" ? below : above;
    if (h > room) {                       // neither side holds it all: scroll inside the card
      box.style.setProperty("max-height", `${Math.max(160, Math.floor(room))}px`);
      h = host.offsetHeight;
    }
    const w = host.offsetWidth || 380;
    const left = Math.min(Math.max(8, r.left), Math.max(8, vw - w - 8));
    const top = side === "below" ? r.bottom + 6 : r.top - h - 6;
    // the host is absolutely positioned against the initial containing block: add the scroll offset
    const origin = document.documentElement.getBoundingClientRect();
    const positioned = getComputedStyle(document.documentElement).position !== "static";
    const dx = positioned ? -origin.left : window.scrollX;
    const dy = positioned ? -origin.top : window.scrollY;
    host.style.setProperty("left", `${Math.round(left + dx)}px`, "important");
    host.style.setProperty("top", `${Math.round(top + dy)}px`, "important");
  }

  function closeCard({ restoreFocus = false } = {}) {
    if (!card) return;
    const { host, mark } = card;
    card = null;
    mark.setAttribute("aria-expanded", "false");
    host.remove();
    if (restoreFocus) mark.focus();
  }

  function cardContains(node) {
    return !!(card && node && (node === card.host || card.host.contains(node)));
  }

  let notice = null;

  function showNotice(lines, { timeoutMs = 20000 } = {}) {
    hideNotice();
    const { host, shadow } = makeHost("notice");
    host.style.setProperty("position", "fixed", "important");
    host.style.setProperty("top", "12px", "important");
    host.style.setProperty("left", "auto", "important");
    host.style.setProperty("right", "12px", "important");
    const close = el("button", { type: "button", class: "close", "aria-label": "Dismiss" }, "×");
    const body = el("div", {}, lines.map((parts) => el("p", {}, parts.map((p) => (typeof p === "object" && p && p.code ? el("code", {}, p.code) : String(p))))));
    const box = el("div", { class: "notice", role: "status", "aria-live": "polite" }, body, close);
    close.addEventListener("click", hideNotice);
    shadow.appendChild(box);
    document.documentElement.appendChild(host);
    const timer = setTimeout(hideNotice, timeoutMs);
    notice = { host, shadow, box, timer };
    return notice;
  }

  function hideNotice() {
    if (!notice) return;
    clearTimeout(notice.timer);
    notice.host.remove();
    notice = null;
  }

  function removeAll() {
    closeCard();
    hideNotice();
    for (const host of Array.from(document.querySelectorAll("crosscheck-ui[data-crosscheck-ui]"))) host.remove();
  }

  /** What the UI shows now, for the tests (read from the content script's world). */
  function state() {
    const active = card ? card.shadow.activeElement : null;
    return {
      cardOpen: !!card,
      cardText: card ? card.box.innerText : null,
      cardFigure: card ? str(card.figure.text, 80) : null,
      focusInCard: !!active,
      focusedInCard: active ? (active.textContent || "").trim().slice(0, 80) : null,
      links: card ? Array.from(card.box.querySelectorAll("a")).map((a) => ({ href: a.getAttribute("href"), rel: a.getAttribute("rel"), target: a.getAttribute("target") })) : [],
      svgCircles: card ? card.box.querySelectorAll("svg circle").length : 0,
      // every dot of the number line: its hover title; and the labels written under the dots
      lineDots: card ? Array.from(card.box.querySelectorAll("svg circle")).map((c) => (c.querySelector("title") || {}).textContent || "") : [],
      lineLabels: card ? Array.from(card.box.querySelectorAll("svg text.label")).map((t) => t.textContent) : [],
      // the buttons with where they are on screen (viewport pixels), for a real pointer to press
      buttons: card ? Array.from(card.box.querySelectorAll("button")).map((b) => {
        const r = b.getBoundingClientRect();
        return { text: b.textContent, x: r.x + r.width / 2, y: r.y + r.height / 2, disabled: b.disabled };
      }) : [],
      cardRect: card ? (() => { const r = card.host.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; })() : null,
      pinned: !!(card && card.pinned),
      noticeText: notice ? notice.box.innerText : null,
      hostCount: document.querySelectorAll("crosscheck-ui").length,
    };
  }

  globalThis.CrosscheckCard = Object.freeze({
    openCard, closeCard, cardContains, showNotice, hideNotice, removeAll, state, accessibleName, verdictOf,
    safeHref, fmtValue, get current() { return card; },
  });
})();
