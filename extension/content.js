/*
 * Crosscheck content script: sends the page to the background (which calls the local server), anchors the
 * figures it gets back, marks them and opens their cards on hover or focus.
 * Loaded after anchor.js, dom.js, format.js and card.js; injected on a toolbar click, or on load for the sites the user listed.
 */
(() => {
  "use strict";
  if (globalThis.__crosscheck) return;
  const ext = globalThis.browser ?? globalThis.chrome;
  const Anchor = globalThis.CrosscheckAnchor;
  const Card = globalThis.CrosscheckCard;
  const START_COMMAND = "make run";
  const HOVER_CLOSE_MS = 250;
  const MUTATION_DEBOUNCE_MS = 700;
  const MAX_AUTO_RERUNS = 3;
  const GROWTH_TO_RERUN = 200;        // characters of new page text that make an auto site annotate again

  let figures = [];
  let serverUrl = null;               // where the story pages are: the background's server address
  let marks = [];                     // per figure: its <mark> elements in document order
  let running = null;
  let closeTimer = null;
  let refocusing = false;
  let observer = null;
  let autoStarted = false;
  let reruns = 0;
  let textLengthAtRun = 0;

  // ------------------------------------------------------------------------------------------ the page

  function pageHtml() {
    const dt = document.doctype ? `<!DOCTYPE ${document.doctype.name}>` : "";
    return dt + document.documentElement.outerHTML;
  }

  function textLength() {
    return document.body ? (document.body.textContent || "").length : 0;
  }

  async function send(msg) {
    try {
      return await ext.runtime.sendMessage(msg);
    } catch (err) {
      return { ok: false, error: "extension", detail: String(err && err.message || err) };
    }
  }

  function clear() {
    Card.removeAll();
    Anchor.unwrapAll(document.body || document);
    figures = [];
    marks = [];
  }

  // ------------------------------------------------------------------------------------------ marks

  function makeMark(figure, piece) {
    const mark = document.createElement("mark");
    mark.setAttribute("data-crosscheck-verdict", Card.verdictOf(figure));
    if (piece === 0) {
      mark.setAttribute("tabindex", "0");
      mark.setAttribute("role", "button");
      mark.setAttribute("aria-label", Card.accessibleName(figure));
      mark.setAttribute("aria-haspopup", "dialog");
      mark.setAttribute("aria-expanded", "false");
    }
    return mark;
  }

  function plural(n, word) {
    return `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;
  }

  function failure(r, what) {
    if (r && r.error === "server_down") return `The server is not running: start it with \`${START_COMMAND}\`.`;
    return `Could not ${what}: ${String((r && (r.detail || r.error)) || "unknown error").slice(0, 200)}`;
  }

  // an action's answer stays in the card until the pointer leaves it (or Escape, or a click elsewhere)
  function pin() {
    if (Card.current) Card.current.pinned = true;
  }

  function addSource() {
    pin();
    return send({ type: "addSource", url: location.href, html: pageHtml(), title: document.title }).then((r) => {
      pin();
      if (!r || !r.ok) return failure(r, "add the page");
      const d = r.data || {};
      const n = typeof d.reports === "number" ? `: ${plural(d.reports, "figure")} from this page` : "";
      const set = r.claimSet && typeof r.claimSet.sources === "number"
        ? ` The claim set now holds ${plural(r.claimSet.sources, "source")}, ${plural(r.claimSet.reports, "report")}, ${plural(r.claimSet.claims, "claim")}.` : "";
      send({ type: "status", ok: true, anchored: anchoredCount(), conflicts: anyConflict(), claimSet: r.claimSet });
      return `${r.status === 201 ? "Added to the claim set" : "Updated in the claim set"}${n}.${set}`;
    });
  }

  /** A claim as the server names it in a correction: its measure, claimant, value and day. */
  function claimRef(x, measure) {
    return { measure: measure || x.measure, claimant: x.claimant && typeof x.claimant.name === "string" ? x.claimant.name : null,
      value: { low: x.value.low, high: x.value.high ?? null }, claim_date: x.claim_date || null };
  }

  /** Marks figure i and another claim as not the same quantity, annotates the page again and reopens its card. */
  async function correct(i, other, keyboard) {
    pin();
    const figure = figures[i];
    const r = await send({ type: "correct", figure: claimRef(figure), other: claimRef(other, other.measure || figure.measure) });
    if (!r || !r.ok) return failure(r, "save the correction");
    const who = other.claimant && other.claimant.name ? `${other.claimant.name}'s ` : "";
    return reopen(i, `Marked as not the same quantity: ${who}${other.value_text || "figure"} is no longer compared with this one. Undo below.`, keyboard);
  }

  async function undo(i, id, keyboard) {
    pin();
    const r = await send({ type: "uncorrect", id });
    if (!r || !r.ok) return failure(r, "undo the correction");
    return reopen(i, "Correction removed: the two figures are compared again.", keyboard);
  }

  /** The page annotated again after a correction, and the figure's card opened anew with what happened (focused
   *  when the reader works from the keyboard). */
  async function reopen(i, note, keyboard) {
    const focus = !!keyboard;
    await run({ trigger: "correction" });
    open(i, focus, note);
    pin();
    return note;
  }

  function anchoredCount() {
    return marks.filter((g) => g.length).length;
  }

  function anyConflict() {
    return marks.some((g, i) => g.length && Card.verdictOf(figures[i]) === "conflicts");
  }

  function open(i, focus = false, note = null) {
    cancelClose();
    const first = marks[i] && marks[i][0];
    if (!first || !first.isConnected) return;
    Card.openCard(first, figures[i], { onAdd: addSource, onCorrect: (o, kb) => correct(i, o, kb), onUndo: (id, kb) => undo(i, id, kb), note, focus, serverUrl });
    const current = Card.current;
    if (current && !current.wired) {
      current.wired = true;
      current.host.addEventListener("mouseenter", () => { current.pointerIn = true; cancelClose(); });
      current.host.addEventListener("mouseleave", () => { current.pointerIn = false; current.pinned = false; scheduleClose(); });
      current.host.addEventListener("focusout", (e) => {
        if (Card.cardContains(e.relatedTarget) || (Card.current && e.relatedTarget === Card.current.mark)) return;
        scheduleClose();
      });
      current.shadow.addEventListener("keydown", onEscape);
    }
  }

  function closeAndRefocus() {
    const current = Card.current;
    if (!current) return;
    refocusing = true;
    try {
      Card.closeCard({ restoreFocus: true });
    } finally {
      refocusing = false;
    }
  }

  function cancelClose() {
    clearTimeout(closeTimer);
    closeTimer = null;
  }

  function scheduleClose() {
    cancelClose();
    closeTimer = setTimeout(() => {
      const current = Card.current;
      if (!current) return;
      const active = document.activeElement;
      if (active === current.mark || Card.cardContains(active)) return;     // keyboard focus keeps it open
      if (current.pointerIn || current.pinned) return;                       // under the pointer, or an answer shown
      if (current.host.matches(":hover") || marksOf(current.mark).some((m) => m.matches(":hover"))) return;
      Card.closeCard();
    }, HOVER_CLOSE_MS);
  }

  function marksOf(mark) {
    const i = Number(mark.getAttribute("data-crosscheck-figure"));
    return marks[i] || [];
  }

  function wire(i) {
    const group = marks[i];
    for (const m of group) {
      m.addEventListener("mouseenter", () => open(i));
      m.addEventListener("mouseleave", scheduleClose);
    }
    const first = group[0];
    first.addEventListener("focus", () => { if (!refocusing) open(i); });
    first.addEventListener("blur", (e) => {
      if (Card.cardContains(e.relatedTarget)) return;
      scheduleClose();
    });
    first.addEventListener("keydown", (e) => {
      if (e.key === "Escape") {
        onEscape(e);
      } else if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        open(i, true);          // into the card: its links and the add button
      }
    });
  }

  // Escape closes the card wherever focus is; from inside the card, focus goes back to its mark
  function onEscape(e) {
    if (e.key !== "Escape" || !Card.current) return;
    if (Card.cardContains(document.activeElement)) closeAndRefocus();
    else Card.closeCard();
  }
  window.addEventListener("keydown", onEscape, true);
  // the pointer on the page outside the card and its marks: the card closes (unless focus holds it). A card made
  // anew under a resting pointer (after a correction) gets no mouseenter, so no mouseleave either: this sees it go.
  document.addEventListener("mousemove", (e) => {
    const current = Card.current;
    if (!current) return;
    if (Card.cardContains(e.target)) { current.pointerIn = true; return; }
    if (marksOf(current.mark).includes(e.target)) return;
    if (current.pinned || current.pointerIn) {
      current.pinned = false;
      current.pointerIn = false;
      scheduleClose();
    }
  }, { capture: true, passive: true });
  // a pinned card closes when the reader clicks elsewhere on the page
  document.addEventListener("pointerdown", (e) => {
    const current = Card.current;
    if (current && current.pinned && !Card.cardContains(e.target) && !marksOf(current.mark).includes(e.target)) Card.closeCard();
  }, true);

  // ------------------------------------------------------------------------------------------ annotating

  async function annotate({ trigger }) {
    const t0 = performance.now();
    stopObserving();
    clear();
    textLengthAtRun = textLength();
    const resp = await send({ type: "annotate", url: location.href, html: pageHtml(), title: document.title, trigger });
    const t1 = performance.now();
    if (!resp || !resp.ok) {
      const error = (resp && resp.error) || "unknown";
      if (error === "server_down" || error === "timeout") {
        Card.showNotice([
          [`Crosscheck cannot reach its server at ${resp.serverUrl || "http://127.0.0.1:8765"}.`],
          ["Start it with ", { code: START_COMMAND }, " (in the Crosscheck folder) or ", { code: "crosscheck serve" }, ", then try again."],
        ]);
      } else {
        Card.showNotice([[`Crosscheck could not annotate this page: ${String((resp && (resp.detail || resp.error)) || "unknown error").slice(0, 300)}`]]);
      }
      send({ type: "status", ok: false });
      return { ok: false, error, detail: resp && resp.detail, trigger, serverMs: t1 - t0 };
    }
    const data = resp.data || {};
    serverUrl = typeof resp.serverUrl === "string" ? resp.serverUrl : null;
    figures = Array.isArray(data.figures) ? data.figures.filter((f) => f && f.selector && typeof f.selector.exact === "string") : [];
    const t2 = performance.now();
    const { anchors } = Anchor.anchorAll(figures.map((f) => f.selector), document.body || document.documentElement);
    marks = Anchor.wrapAll(anchors, (i, piece) => makeMark(figures[i], piece));
    const t3 = performance.now();
    let anchored = 0;
    let conflicts = false;
    marks.forEach((group, i) => {
      if (!group.length) return;
      anchored += 1;
      if (Card.verdictOf(figures[i]) === "conflicts") conflicts = true;
      wire(i);
    });
    send({ type: "status", ok: true, anchored, conflicts });
    return {
      ok: true, trigger, figures: figures.length, anchored, conflicts,
      texts: figures.map((f) => f.text),
      markTexts: marks.map((g) => g.map((m) => m.textContent).join("")),
      how: anchors.map((a) => (a ? a.how : null)),
      serverMs: Math.round(t1 - t0), anchorMs: +(t3 - t2).toFixed(2), contentMs: Math.round(t3 - t0),
    };
  }

  /** Annotates the page (again); concurrent calls share one run. */
  function run(opts = {}) {
    if (!running) {
      running = annotate({ trigger: opts.trigger || "action" }).finally(() => {
        running = null;
        if (autoStarted) observe();
      });
    }
    return running;
  }

  // ------------------------------------------------------------------------------------------ auto sites

  function observe() {
    if (observer || !document.body || reruns >= MAX_AUTO_RERUNS) return;
    let timer = null;
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (running || textLength() - textLengthAtRun < GROWTH_TO_RERUN) return;
        reruns += 1;
        run({ trigger: "mutation" });
      }, MUTATION_DEBOUNCE_MS);
    };
    observer = new MutationObserver((records) => {
      if (records.some((r) => !isOurs(r.target) && ![...r.addedNodes, ...r.removedNodes].every(isOurs))) later();
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    if (textLength() - textLengthAtRun >= GROWTH_TO_RERUN) later();     // it grew while the server was reading
  }

  function stopObserving() {
    if (observer) { observer.disconnect(); observer = null; }
  }

  function isOurs(node) {
    if (!node) return false;
    const e = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    return !!(e && (e.closest("mark.crosscheck-mark") || e.closest("crosscheck-ui")));
  }

  /** For the sites the user listed: annotate on load, and once more when the article arrives later. */
  function auto() {
    if (autoStarted) return running;
    autoStarted = true;
    return run({ trigger: "auto" });
  }

  globalThis.__crosscheck = Object.freeze({ run, auto, clear, state: () => Card.state(), figures: () => figures.length });
})();
