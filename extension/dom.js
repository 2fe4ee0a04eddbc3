/*
 * Safe DOM building for the Crosscheck card: elements made with createElement(NS), text put in as text nodes, and
 * only a short list of attributes; a link only for an http(s) URL. No HTML parsing of data anywhere.
 */
(() => {
  "use strict";
  if (globalThis.CrosscheckDom) return;

  const SVG_NS = "http://www.w3.org/2000/svg";
  const SAFE_ATTRS = new Set(["class", "role", "tabindex", "aria-label", "aria-live", "aria-modal", "title", "type",
    "href", "target", "rel", "lang", "part", "data-verdict", "data-kind",
    "viewBox", "width", "height", "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "d", "text-anchor",
    "focusable", "aria-hidden", "data-this"]);
  // "style" is never set from data: the card's only inline style is max-height, set through the CSSOM

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG_NS, tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }

  function setAttrs(node, attrs) {
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (!SAFE_ATTRS.has(k)) throw new Error("attribute not allowed: " + k);
      if (k === "href") {
        const href = safeHref(v);
        if (!href) continue;
        node.setAttribute("href", href);
      } else {
        node.setAttribute(k, String(v));
      }
    }
  }

  function append(node, children) {
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
  }

  /** The URL when it is http(s), else null: never javascript:, data:, or anything else. */
  function safeHref(value) {
    try {
      const u = new URL(String(value));
      return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
    } catch {
      return null;
    }
  }

  globalThis.CrosscheckDom = Object.freeze({ el, svg, safeHref });
})();
