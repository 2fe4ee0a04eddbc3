/*
 * Numbers, values, dates and names as the card writes them when the server sends no words of its own (the
 * server's claims/words.py writes them the same way): text only, never markup.
 */
(() => {
  "use strict";
  if (globalThis.CrosscheckFormat) return;

  const QUALIFIERS = { approx: "about", more_than: "more than", at_least: "at least", up_to: "up to",
    less_than: "less than" };
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  function str(x, max = 300) {
    if (typeof x !== "string") return "";
    const s = x.replace(/\s+/g, " ").trim();
    return s.length > max ? s.slice(0, max - 1) + "…" : s;
  }

  function num(x) {
    return typeof x === "number" && Number.isFinite(x) ? x : null;
  }

  // numbers and units as the server's claims/words.py writes them, for a server that sends no words of its own
  const CURRENCY_WORDS = { USD: "dollars", EUR: "euros", GBP: "pounds" };

  function fmtNumber(x) {
    const a = Math.abs(x);
    for (const [size, word] of [[1e12, "trillion"], [1e9, "billion"], [1e6, "million"]]) {
      if (a >= size && Math.abs(Math.round(x / size * 100) / 100 * size - x) < 0.5) {     // no digit lost
        return `${+(x / size).toFixed(2)} ${word}`;
      }
    }
    return x.toLocaleString("en-US", { maximumFractionDigits: 2 });
  }

  function fmtAmount(x, unit) {
    const n = fmtNumber(x);
    if (!unit) return n;
    if (unit === "%") return n + "%";
    return n + " " + (CURRENCY_WORDS[unit] || str(unit, 20));
  }

  function fmtValue(value, qualifier, unit) {
    if (!value || num(value.low) === null) return "?";
    const low = fmtAmount(value.low, unit);
    if (num(value.high) !== null && value.high !== value.low) return `${low}–${fmtAmount(value.high, unit)}`;
    const q = QUALIFIERS[qualifier];
    return q ? `${q} ${low}` : low;
  }

  function fmtDate(iso) {
    const m = typeof iso === "string" && /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (!m) return null;
    const month = MONTHS[Number(m[2]) - 1];
    return month ? `${Number(m[3])} ${month} ${m[1]}` : null;
  }

  function claimantName(c) {
    if (!c || typeof c !== "object") return null;
    const name = str(c.name, 120);
    const party = str(c.party, 80);
    return party && party !== name ? `${name} (${party})` : name || null;
  }

  globalThis.CrosscheckFormat = Object.freeze({ str, num, fmtNumber, fmtAmount, fmtValue, fmtDate, claimantName });
})();
