/*
 * Crosscheck text-quote anchoring: finds a W3C TextQuoteSelector {exact, prefix, suffix, start} in the
 * page's visible text and wraps the words in <mark class="crosscheck-mark"> elements.
 *
 * Like the Hypothesis client's text-quote anchoring:
 *  1. Build the text of the document's visible text nodes, whitespace collapsed the way the server builds
 *     its page text (blocks joined by white space, runs of white space one space), with a map from every
 *     character back to its text node and offset.
 *  2. Find every occurrence of `exact`; pick the one whose surroundings best match prefix and suffix
 *     (the exact context first, then a similarity score), with `start` (the position in the server's text,
 *     shifted by the offset seen on earlier figures) as a tie-breaker.
 *  3. If `exact` is not on the page any more (it changed a little since it was sent), search it with
 *     up to a quarter of its characters in error and accept the best candidate only when its context agrees.
 *  4. Map the match back to DOM pieces across text nodes and inline tags and wrap each piece.
 *
 * Never touches script, style, noscript, template, form fields, editable areas, or Crosscheck's own UI.
 * No dependencies; loads as a content script or as a plain page script (globalThis.CrosscheckAnchor).
 */
(() => {
  "use strict";
  if (globalThis.CrosscheckAnchor) return;

  const SKIP_TAGS = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "TEXTAREA", "INPUT", "SELECT", "OPTION",
    "BUTTON", "IFRAME", "OBJECT", "EMBED", "CANVAS", "SVG", "MATH", "HEAD", "TITLE", "CROSSCHECK-UI"]);
  const INLINE_TAGS = new Set(["A", "ABBR", "ACRONYM", "B", "BDI", "BDO", "BIG", "CITE", "CODE", "DATA", "DEL",
    "DFN", "EM", "FONT", "I", "INS", "KBD", "LABEL", "MARK", "Q", "RUBY", "RB", "RP", "RT", "S", "SAMP", "SMALL",
    "SPAN", "STRIKE", "STRONG", "SUB", "SUP", "TIME", "TT", "U", "VAR", "WBR", "NOBR"]);
  const MARK_CLASS = "crosscheck-mark";
  const INVISIBLE_CHARS = /[\u00ad\u200b\u200c\u200d\u2060\ufeff]/;
  const WS = /\s/;
  const CONTEXT = 32;

  function normalise(s) {
    return String(s || "").replace(/[\u00ad\u200b\u200c\u200d\u2060\ufeff]/g, "").replace(/\s+/g, " ");
  }

  function skipElement(el) {
    if (SKIP_TAGS.has(el.tagName.toUpperCase())) return true;
    if (el.isContentEditable || el.hasAttribute("contenteditable")) return true;
    if (el.hidden) return true;
    if (el.hasAttribute("data-crosscheck-ui")) return true;
    return false;
  }

  /**
   * The page's visible text: {text, nodes, nodeOf: Int32Array, offsetOf: Int32Array}. Character i of `text`
   * comes from nodes[nodeOf[i]] at offsetOf[i]; a space standing for a block boundary has nodeOf[i] = -1.
   */
  function buildText(root) {
    root = root || document.body || document.documentElement;
    const nodes = [];
    const chars = [];
    const nodeOf = [];
    const offsetOf = [];
    let pendingBreak = false;
    let lastBlock = null;
    const blockCache = new Map();
    const visibleCache = new Map();

    const blockOf = (el) => {
      let e = el;
      const seen = [];
      while (e && e !== root) {
        if (blockCache.has(e)) { const b = blockCache.get(e); seen.forEach((s) => blockCache.set(s, b)); return b; }
        seen.push(e);
        if (!INLINE_TAGS.has(e.tagName.toUpperCase()) && !e.classList.contains(MARK_CLASS)) break;
        e = e.parentElement;
      }
      const block = e || root;
      seen.forEach((s) => blockCache.set(s, block));
      return block;
    };
    const visible = (el) => {
      if (visibleCache.has(el)) return visibleCache.get(el);
      let v = true;
      if (typeof el.checkVisibility === "function") {
        v = el.checkVisibility({ visibilityProperty: true });
      } else {
        const cs = getComputedStyle(el);
        v = cs.display !== "none" && cs.visibility !== "hidden";
      }
      visibleCache.set(el, v);
      return v;
    };
    const emit = (ch, ni, off) => {
      if (ch === " ") {
        if (!chars.length || chars[chars.length - 1] === " ") return;
      }
      chars.push(ch); nodeOf.push(ni); offsetOf.push(off);
    };

    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode(n) {
        if (n.nodeType === Node.ELEMENT_NODE) return skipElement(n) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP;
        return NodeFilter.FILTER_ACCEPT;
      },
    });
    // the TreeWalker does not report elements we SKIP, so <br> and block changes are read from parents
    let n;
    while ((n = walker.nextNode())) {
      const parent = n.parentElement;
      if (!parent || !visible(parent)) continue;
      const data = n.data;
      if (!data) continue;
      const block = blockOf(parent);
      if (lastBlock !== null && block !== lastBlock) pendingBreak = true;
      const prev = n.previousSibling;
      if (prev && prev.nodeType === Node.ELEMENT_NODE && prev.tagName.toUpperCase() === "BR") pendingBreak = true;
      let ni = -1;
      for (let i = 0; i < data.length; i++) {
        const ch = data[i];
        if (INVISIBLE_CHARS.test(ch)) continue;
        if (ni < 0) {
          ni = nodes.length;
          nodes.push(n);
          if (pendingBreak) { emit(" ", -1, 0); pendingBreak = false; }
        }
        emit(WS.test(ch) ? " " : ch, ni, i);
      }
      if (ni >= 0) lastBlock = block;
    }
    return { text: chars.join(""), nodes, nodeOf: Int32Array.from(nodeOf), offsetOf: Int32Array.from(offsetOf) };
  }

  // ---------------------------------------------------------------------------------------- similarity

  function levenshtein(a, b) {
    if (a === b) return 0;
    if (!a.length) return b.length;
    if (!b.length) return a.length;
    let prev = new Array(b.length + 1);
    let cur = new Array(b.length + 1);
    for (let j = 0; j <= b.length; j++) prev[j] = j;
    for (let i = 1; i <= a.length; i++) {
      cur[0] = i;
      const ca = a.charCodeAt(i - 1);
      for (let j = 1; j <= b.length; j++) {
        const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(prev[j - 1] + cost, prev[j] + 1, cur[j - 1] + 1);
      }
      [prev, cur] = [cur, prev];
    }
    return prev[b.length];
  }

  /** 0..1: how well `actual` matches `expected` (1: equal). */
  function similarity(expected, actual) {
    if (!expected.length) return 1;
    return Math.max(0, 1 - levenshtein(expected.toLowerCase(), actual.toLowerCase()) / expected.length);
  }

  function commonSuffixLength(a, b) {
    let n = 0;
    while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
    return n;
  }

  function commonPrefixLength(a, b) {
    let n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n;
  }

  /**
   * Approximate search (Sellers' dynamic programme, case-insensitive): every substring of `text` within
   * `maxErrors` edits of `pattern`, as {start, end, errors}, one per local minimum of errors.
   */
  function fuzzySearch(text, pattern, maxErrors) {
    const t = text.toLowerCase();
    const p = pattern.toLowerCase();
    const m = p.length;
    let prevD = new Int32Array(m + 1);
    let prevS = new Int32Array(m + 1);
    let curD = new Int32Array(m + 1);
    let curS = new Int32Array(m + 1);
    for (let i = 0; i <= m; i++) { prevD[i] = i; prevS[i] = 0; }
    const found = [];
    for (let j = 1; j <= t.length; j++) {
      curD[0] = 0; curS[0] = j;
      const tc = t.charCodeAt(j - 1);
      for (let i = 1; i <= m; i++) {
        let d = prevD[i - 1] + (p.charCodeAt(i - 1) === tc ? 0 : 1);
        let s = prevS[i - 1];
        if (prevD[i] + 1 < d) { d = prevD[i] + 1; s = prevS[i]; }
        if (curD[i - 1] + 1 < d) { d = curD[i - 1] + 1; s = curS[i - 1]; }
        curD[i] = d; curS[i] = s;
      }
      if (curD[m] <= maxErrors) {
        const last = found[found.length - 1];
        if (last && curS[m] <= last.end) {
          const better = curD[m] < last.errors ||
            (curD[m] === last.errors && Math.abs(j - curS[m] - m) < Math.abs(last.end - last.start - m));
          if (better) { last.start = curS[m]; last.end = j; last.errors = curD[m]; }
        } else {
          found.push({ start: curS[m], end: j, errors: curD[m] });
        }
      }
      [prevD, curD] = [curD, prevD];
      [prevS, curS] = [curS, prevS];
    }
    return found;
  }

  // ---------------------------------------------------------------------------------------- matching

  function overlaps(used, start, end) {
    for (const [s, e] of used) if (start < e && s < end) return true;
    return false;
  }

  function contextScore(text, start, end, prefix, suffix) {
    const before = text.slice(Math.max(0, start - prefix.length), start);
    const after = text.slice(end, end + suffix.length);
    const pExact = prefix.length ? commonSuffixLength(prefix, before) / prefix.length : 1;
    const sExact = suffix.length ? commonPrefixLength(suffix, after) / suffix.length : 1;
    const pSim = pExact === 1 ? 1 : similarity(prefix.trim(), before.trim());
    const sSim = sExact === 1 ? 1 : similarity(suffix.trim(), after.trim());
    return { exactContext: pExact === 1 && sExact === 1, prefixSim: pSim, suffixSim: sSim,
      score: (pExact + sExact) * 2 + pSim + sSim };
  }

  /**
   * Where `selector` sits in `text` ({start, end} in text, or null). `state` carries the used ranges and the
   * shift between the server's positions and ours, seen on earlier figures.
   */
  function locate(text, selector, state) {
    const exact = normalise(selector.exact).trim();
    if (!exact) return null;
    const prefix = normalise(selector.prefix).replace(/^ /, "");
    const suffix = normalise(selector.suffix).replace(/ $/, "");
    const expected = typeof selector.start === "number" ? selector.start + state.shift : null;
    const distance = (pos) => (expected === null ? 0 : Math.abs(pos - expected) / Math.max(1, text.length));

    let best = null;
    let from = 0;
    for (;;) {
      const at = text.indexOf(exact, from);
      if (at < 0) break;
      from = at + 1;
      const end = at + exact.length;
      if (overlaps(state.used, at, end)) continue;
      const c = contextScore(text, at, end, prefix, suffix);
      const score = c.score + (c.exactContext ? 10 : 0) - distance(at);
      if (!best || score > best.score) best = { start: at, end, score, how: c.exactContext ? "exact" : "context" };
    }
    if (best) return best;

    // the words changed a little: approximate search for exact, accepted only when the context agrees
    const maxErrors = Math.max(1, Math.floor(exact.length / 4));
    for (const cand of fuzzySearch(text, exact, maxErrors)) {
      if (overlaps(state.used, cand.start, cand.end)) continue;
      const c = contextScore(text, cand.start, cand.end, prefix, suffix);
      if (Math.max(c.prefixSim, c.suffixSim) < 0.5) continue;
      const score = c.prefixSim + c.suffixSim + 2 * (1 - cand.errors / exact.length) - distance(cand.start);
      if (!best || score > best.score) best = { start: cand.start, end: cand.end, score, how: "fuzzy" };
    }
    if (best) return best;

    // the figure's own words changed more (a qualifier swapped): the text between the context's ends
    return bracket(text, exact, prefix, suffix, state, distance);
  }

  /** The span between the end of `prefix` and the start of `suffix`, when both are found close together. */
  function bracket(text, exact, prefix, suffix, state, distance) {
    const pre = prefix.slice(-16);
    const suf = suffix.slice(0, 16);
    if (pre.trim().length < 6 || suf.trim().length < 6) return null;
    const maxGap = exact.length * 2 + 8;
    const needsDigit = /\d/.test(exact);
    let best = null;
    let from = 0;
    for (;;) {
      const at = text.indexOf(pre, from);
      if (at < 0) break;
      from = at + 1;
      let start = at + pre.length;
      const end0 = text.indexOf(suf, start);
      if (end0 < 0 || end0 - start > maxGap) continue;
      let end = end0;
      while (start < end && text[start] === " ") start++;
      while (end > start && text[end - 1] === " ") end--;
      if (end <= start || (needsDigit && !/\d/.test(text.slice(start, end)))) continue;
      if (overlaps(state.used, start, end)) continue;
      const c = contextScore(text, start, end, prefix, suffix);
      const score = c.prefixSim + c.suffixSim + similarity(exact, text.slice(start, end)) - distance(start);
      if (!best || score > best.score) best = { start, end, score, how: "bracket" };
    }
    return best;
  }

  /** [{node, start, end}] pieces of DOM text for text[start, end). */
  function piecesOf(index, start, end) {
    const { nodeOf, offsetOf, nodes } = index;
    while (start < end && nodeOf[start] < 0) start++;
    while (end > start && nodeOf[end - 1] < 0) end--;
    if (start >= end) return [];
    const pieces = [];
    let i = start;
    while (i < end) {
      const ni = nodeOf[i];
      if (ni < 0) { i++; continue; }
      let j = i;
      while (j + 1 < end && nodeOf[j + 1] === ni) j++;
      pieces.push({ node: nodes[ni], nodeIndex: ni, start: offsetOf[i], end: offsetOf[j] + 1 });
      i = j + 1;
    }
    return pieces;
  }

  /**
   * Anchors every selector: returns one entry per selector, {start, end, how, pieces} or null, in the
   * selectors' order. Nothing in the DOM changes.
   */
  function anchorAll(selectors, root) {
    const index = buildText(root);
    const state = { used: [], shift: 0 };
    const order = selectors.map((s, i) => i).sort((a, b) => (selectors[a].start ?? 0) - (selectors[b].start ?? 0));
    const out = new Array(selectors.length).fill(null);
    for (const i of order) {
      const sel = selectors[i];
      if (!sel || typeof sel.exact !== "string") continue;
      const hit = locate(index.text, sel, state);
      if (!hit) continue;
      state.used.push([hit.start, hit.end]);
      if (typeof sel.start === "number") state.shift = hit.start - sel.start;
      const pieces = piecesOf(index, hit.start, hit.end);
      if (pieces.length) out[i] = { start: hit.start, end: hit.end, how: hit.how, pieces };
    }
    return { index, anchors: out };
  }

  /**
   * Wraps the anchors' pieces in <mark class="crosscheck-mark" data-crosscheck-figure="i">, splitting text
   * nodes. Pieces are wrapped from the end of the document backwards so earlier offsets stay valid.
   * Returns, per anchor, its marks in document order.
   */
  function wrapAll(anchors, makeMark) {
    const jobs = [];
    anchors.forEach((a, i) => { if (a) a.pieces.forEach((p, k) => jobs.push({ ...p, figure: i, k })); });
    jobs.sort((x, y) => (y.nodeIndex - x.nodeIndex) || (y.start - x.start));
    const marks = anchors.map(() => []);
    for (const job of jobs) {
      let node = job.node;
      if (!node.parentNode) continue;
      if (job.end < node.data.length) node.splitText(job.end);
      if (job.start > 0) node = node.splitText(job.start);
      const mark = makeMark ? makeMark(job.figure, job.k) : document.createElement("mark");
      mark.classList.add(MARK_CLASS);
      mark.setAttribute("data-crosscheck-figure", String(job.figure));
      node.parentNode.insertBefore(mark, node);
      mark.appendChild(node);
      marks[job.figure].unshift(mark);
    }
    return marks;
  }

  /** Removes every Crosscheck mark, putting its text back (adjacent text nodes merged). */
  function unwrapAll(root) {
    root = root || document;
    const parents = new Set();
    for (const mark of Array.from(root.querySelectorAll("mark." + MARK_CLASS))) {
      const parent = mark.parentNode;
      if (!parent) continue;
      while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
      parent.removeChild(mark);
      parents.add(parent);
    }
    for (const p of parents) p.normalize();
    return parents.size;
  }

  globalThis.CrosscheckAnchor = Object.freeze({
    buildText, anchorAll, wrapAll, unwrapAll, locate, fuzzySearch, similarity, normalise, MARK_CLASS, CONTEXT,
  });
})();
