/*
 * Crosscheck background (a service worker in Chromium, an event page in Firefox).
 *
 * The only place that talks to the local server: content scripts and the options page send it messages
 * (content script -> runtime.sendMessage -> fetch from here), because a fetch from a content script runs with
 * the page's origin, which the server refuses and the browser's local-network rules block.
 *
 * - The toolbar button annotates the current tab: annotateTab(tabId) injects the content scripts into it
 *   (activeTab) and runs them; the badge then shows how many figures were marked, or "!" when the server is
 *   not running.
 * - Sites listed in the options (autoSites) are annotated as they load: their content scripts are registered
 *   for exactly those hosts, and only once the user granted the host permission.
 * - With the option 'Add the pages I annotate to the claim set' on (addAnnotated; off by default), a page it
 *   annotated is then sent to the server's ingest route (POST /v1/sources) with its URL; off, nothing is added.
 */
"use strict";

// Firefox's `browser` namespace returns promises; Chromium's `chrome` does too in Manifest V3
const ext = globalThis.browser ?? globalThis.chrome;

const DEFAULTS = Object.freeze({ serverUrl: "http://127.0.0.1:8765", token: "", autoSites: [], addAnnotated: false });
const CONTENT_FILES = ["anchor.js", "dom.js", "format.js", "card.js", "content.js"];
const AUTO_SCRIPT_ID = "crosscheck-auto";
const START_COMMAND = "make run";
const FETCH_TIMEOUT_MS = 30000;
const MAX_HTML = 10 * 1024 * 1024 - 64 * 1024;
// message types each kind of sender may send
const CONTENT_MESSAGES = new Set(["annotate", "addSource", "status", "correct", "uncorrect"]);
const PAGE_MESSAGES = new Set(["health", "syncAutoSites", "annotateActiveTab"]);

async function settings() {
  const got = await ext.storage.local.get(DEFAULTS);
  return { serverUrl: normaliseServerUrl(got.serverUrl) || DEFAULTS.serverUrl,
           token: typeof got.token === "string" ? got.token : "",
           autoSites: Array.isArray(got.autoSites) ? got.autoSites.filter((s) => typeof s === "string") : [],
           addAnnotated: got.addAnnotated === true };
}

/** The server address as its origin: a loopback address over http(s), or a team's server over https only (its
    access token must not cross a network in clear); null for anything else. */
function normaliseServerUrl(value) {
  try {
    const u = new URL(String(value).trim());
    const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(u.hostname);
    if (loopback ? !["http:", "https:"].includes(u.protocol) : u.protocol !== "https:") return null;
    return u.origin;
  } catch {
    return null;
  }
}

// ------------------------------------------------------------------------------------------ server calls

async function callServer(path, { method = "GET", body } = {}) {
  const { serverUrl, token } = await settings();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), FETCH_TIMEOUT_MS);
  let resp;
  try {
    resp = await fetch(serverUrl + path, {
      method,
      // a team's server needs its access token (crosscheck serve --token); it goes to that server only
      headers: { ...(body ? { "Content-Type": "application/json" } : {}),
                 ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: controller.signal,
      credentials: "omit",
      cache: "no-store",
      redirect: "error",
    });
  } catch (err) {
    const timedOut = err && err.name === "AbortError";
    return { ok: false, error: timedOut ? "timeout" : "server_down", serverUrl, command: START_COMMAND,
             detail: timedOut ? "The server did not answer in time." : "The Crosscheck server is not running." };
  } finally {
    clearTimeout(timer);
  }
  let data = null;
  try {
    data = await resp.json();
  } catch {
    data = null;
  }
  if (!resp.ok) {
    return { ok: false, status: resp.status, serverUrl,
             error: (data && typeof data.error === "string") ? data.error : "http_" + resp.status,
             detail: (data && typeof data.detail === "string") ? data.detail : resp.statusText };
  }
  return { ok: true, status: resp.status, data };
}

/** A claim named in a correction, with only the fields the server takes (it validates them again). */
function claimRef(x) {
  if (!x || typeof x !== "object" || typeof x.measure !== "string" || !x.value || typeof x.value.low !== "number") return null;
  const high = typeof x.value.high === "number" ? x.value.high : null;
  return { measure: x.measure.slice(0, 500), claimant: typeof x.claimant === "string" ? x.claimant.slice(0, 500) : null,
           value: { low: x.value.low, high }, claim_date: typeof x.claim_date === "string" ? x.claim_date.slice(0, 10) : null };
}

function pagePayload(msg) {
  if (typeof msg.html !== "string" || msg.html.length > MAX_HTML) return null;
  const url = typeof msg.url === "string" && /^https?:\/\//i.test(msg.url) ? msg.url.slice(0, 8192) : null;
  const title = typeof msg.title === "string" ? msg.title.slice(0, 2000) : null;
  return { url, html: msg.html, title };
}

/** Adds a page to the claim set (the server's ingest route), with the claim set's size after it. */
async function addPage(payload) {
  const r = await callServer("/v1/sources", { method: "POST", body: { url: payload.url, html: payload.html } });
  if (!r.ok) return r;
  const health = await callServer("/healthz");      // the claim set's new size, for the card and the badge to say
  return health.ok ? { ...r, claimSet: health.data } : r;
}

// the opted-in addition of each tab's last annotated page, for annotateTab to report (tab id -> promise)
const additions = new Map();

// ------------------------------------------------------------------------------------------ badge

async function setBadge(tabId, result) {
  if (typeof tabId !== "number" || tabId < 0) return;
  let text = "";
  let color = "#57606a";
  if (result && result.ok === false) {
    text = "!";
    color = "#cf222e";
  } else if (result && result.anchored > 0) {
    text = String(result.anchored);
    color = result.conflicts ? "#cf222e" : "#1f5fa0";
  }
  try {
    await ext.action.setBadgeText({ tabId, text });
    await ext.action.setBadgeBackgroundColor({ tabId, color });
    const set = result && result.claimSet && typeof result.claimSet.sources === "number"
      ? `; this page is in the claim set (${result.claimSet.sources} sources, ${result.claimSet.claims} claims)` : "";
    await ext.action.setTitle({ tabId, title: result && result.ok === false
      ? `Crosscheck: the server is not running. Start it with \`${START_COMMAND}\` (or \`crosscheck serve\`).`
      : `Crosscheck: ${result && result.anchored ? result.anchored : "no"} figures annotated${set}` });
  } catch {
    // the tab closed meanwhile
  }
}

// ------------------------------------------------------------------------------------------ annotating

/** Annotates a tab: the function the toolbar button calls (and the tests, through the service worker). */
async function annotateTab(tabId) {
  const started = Date.now();
  try {
    await ext.scripting.insertCSS({ target: { tabId }, files: ["marks.css"] });
    await ext.scripting.executeScript({ target: { tabId }, files: CONTENT_FILES });
    const [injection] = await ext.scripting.executeScript({
      target: { tabId },
      func: () => globalThis.__crosscheck.run({ trigger: "action" }),
    });
    const result = injection ? injection.result : null;
    const adding = additions.get(tabId);
    if (adding && result && result.ok) {
      additions.delete(tabId);
      result.added = await adding;            // the page in the claim set (the option is on)
      if (result.added.ok && result.added.claimSet) result.claimSet = result.added.claimSet;
    }
    if (result) result.totalMs = Date.now() - started;
    await setBadge(tabId, result);
    return result;
  } catch (err) {
    // a page the extension may not script (the browser's own pages, the web store)
    const result = { ok: false, error: "cannot_annotate", detail: String(err && err.message || err) };
    try { await ext.action.setBadgeText({ tabId, text: "" }); } catch { /* closed */ }
    return result;
  }
}
globalThis.annotateTab = annotateTab;

ext.action.onClicked.addListener((tab) => {
  if (tab && typeof tab.id === "number") annotateTab(tab.id);
});

// ------------------------------------------------------------------------------------------ auto sites

/** "example.org" or "*.example.org" -> match patterns for http and https. */
function sitePatterns(site) {
  const host = String(site).trim().toLowerCase().replace(/^[a-z]+:\/\//, "").replace(/\/.*$/, "");
  if (!/^(\*\.)?[a-z0-9.-]+$/.test(host) && !/^\[[0-9a-f:]+\]$/.test(host)) return [];
  return [`http://${host}/*`, `https://${host}/*`];
}

async function registerAutoSites() {
  const { autoSites } = await settings();
  const granted = [];
  for (const site of autoSites) {
    for (const pattern of sitePatterns(site)) {
      try {
        if (await ext.permissions.contains({ origins: [pattern] })) granted.push(pattern);
      } catch {
        // not a valid pattern
      }
    }
  }
  try {
    const existing = await ext.scripting.getRegisteredContentScripts({ ids: [AUTO_SCRIPT_ID] });
    if (existing.length) await ext.scripting.unregisterContentScripts({ ids: [AUTO_SCRIPT_ID] });
  } catch {
    // none registered
  }
  if (granted.length) {
    await ext.scripting.registerContentScripts([{
      id: AUTO_SCRIPT_ID, matches: granted, js: [...CONTENT_FILES, "auto.js"], css: ["marks.css"],
      runAt: "document_idle", allFrames: false, persistAcrossSessions: true,
    }]);
  }
  return granted;
}

// one sync at a time: storage and permission events can arrive together
let syncing = Promise.resolve([]);
function scheduleSync() {
  syncing = syncing.catch(() => []).then(registerAutoSites);
  return syncing;
}
globalThis.syncAutoSites = scheduleSync;

ext.storage.onChanged.addListener((changes, area) => {
  if (area === "local" && changes.autoSites) scheduleSync();
});
if (ext.permissions.onAdded) ext.permissions.onAdded.addListener(() => scheduleSync());
if (ext.permissions.onRemoved) ext.permissions.onRemoved.addListener(() => scheduleSync());
ext.runtime.onInstalled.addListener(() => scheduleSync());
if (ext.tabs && ext.tabs.onRemoved) ext.tabs.onRemoved.addListener((tabId) => additions.delete(tabId));
if (ext.runtime.onStartup) ext.runtime.onStartup.addListener(() => scheduleSync());

// ------------------------------------------------------------------------------------------ messages

/** "page" for the extension's own pages, "content" for its content scripts in a tab, null for anyone else. */
function senderKind(sender) {
  if (!sender || sender.id !== ext.runtime.id) return null;
  const url = typeof sender.url === "string" ? sender.url : "";
  if (url.startsWith(ext.runtime.getURL(""))) return "page";   // no web_accessible_resources: not framable
  if (sender.tab && typeof sender.tab.id === "number") return "content";
  return null;
}

async function handle(msg, kind, sender) {
  const tabId = sender.tab ? sender.tab.id : undefined;
  switch (msg.type) {
    case "annotate": {
      const payload = pagePayload(msg);
      if (!payload) return { ok: false, error: "bad_message", detail: "The page could not be sent." };
      const r = await callServer("/v1/annotate", { method: "POST", body: payload });
      if (!r.ok && kind === "content") await setBadge(tabId, r);
      if (!r.ok) return r;
      const { serverUrl, addAnnotated } = await settings();
      // opted in: the page goes to the claim set once it is annotated (not again when a correction re-reads it);
      // the answer does not wait for it, so the marks appear as soon as they would without the option
      if (addAnnotated && payload.url && kind === "content" && msg.trigger !== "correction") {
        const adding = addPage(payload).catch((err) => ({ ok: false, error: "internal", detail: String(err) }));
        if (typeof tabId === "number") additions.set(tabId, adding);
      }
      // the server's address: the card links a figure to its story page there
      return { ok: true, data: r.data, serverUrl };
    }
    case "addSource": {
      const payload = pagePayload(msg);
      if (!payload || !payload.url) return { ok: false, error: "bad_message", detail: "Only http(s) pages can be added." };
      return addPage(payload);
    }
    case "correct": {
      const figure = claimRef(msg.figure);
      const other = claimRef(msg.other);
      if (!figure || !other) return { ok: false, error: "bad_message", detail: "The correction could not be sent." };
      return callServer("/v1/corrections", { method: "POST", body: { figure, other } });
    }
    case "uncorrect": {
      if (!Number.isSafeInteger(msg.id) || msg.id < 0) return { ok: false, error: "bad_message", detail: "No such correction." };
      return callServer(`/v1/corrections/${msg.id}`, { method: "DELETE" });
    }
    case "status":
      if (kind === "content") {
        const claimSet = msg.claimSet && typeof msg.claimSet === "object"
          ? { sources: Number(msg.claimSet.sources) || 0, claims: Number(msg.claimSet.claims) || 0 } : null;
        await setBadge(tabId, { ok: msg.ok !== false, anchored: Number(msg.anchored) || 0, conflicts: !!msg.conflicts, claimSet });
      }
      return { ok: true };
    case "health":
      return callServer("/healthz");
    case "syncAutoSites":
      return { ok: true, patterns: await scheduleSync() };
    case "annotateActiveTab": {
      const [tab] = await ext.tabs.query({ active: true, lastFocusedWindow: true });
      return tab ? annotateTab(tab.id) : { ok: false, error: "no_tab" };
    }
    default:
      return { ok: false, error: "unknown_message" };
  }
}

ext.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  const kind = senderKind(sender);
  const allowed = kind === "content" ? CONTENT_MESSAGES : kind === "page" ? new Set([...CONTENT_MESSAGES, ...PAGE_MESSAGES]) : null;
  if (!allowed || !msg || typeof msg !== "object" || typeof msg.type !== "string" || !allowed.has(msg.type)) {
    return false;     // not ours to answer: a foreign sender or an unknown message
  }
  handle(msg, kind, sender).then(sendResponse, (err) => sendResponse({ ok: false, error: "internal", detail: String(err) }));
  return true;        // the answer comes later, through sendResponse
});
