/* Crosscheck options: the server address (and a team server's access token), the sites annotated automatically, and whether the pages annotated are
   added to the claim set (ext.storage.local; addAnnotated is off unless the user turns it on). A site is added only
   after the user grants the host permission for it (optional_host_permissions). */
"use strict";

// Firefox's `browser` namespace returns promises; Chromium's `chrome` does too in Manifest V3
const ext = globalThis.browser ?? globalThis.chrome;

const DEFAULTS = { serverUrl: "http://127.0.0.1:8765", token: "", autoSites: [], addAnnotated: false };
const $ = (id) => document.getElementById(id);

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

function isLoopback(origin) {
  return ["127.0.0.1", "localhost", "[::1]"].includes(new URL(origin).hostname);
}

function normaliseSite(value) {
  const host = String(value).trim().toLowerCase().replace(/^[a-z]+:\/\//, "").replace(/\/.*$/, "").replace(/:\d+$/, "");
  return /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(host) ? host : null;
}

function patterns(site) {
  return [`http://${site}/*`, `https://${site}/*`];
}

function say(id, text, isError = false) {
  const node = $(id);
  node.textContent = text;
  node.classList.toggle("error", isError);
}

async function load() {
  const s = await ext.storage.local.get(DEFAULTS);
  $("server-url").value = s.serverUrl || DEFAULTS.serverUrl;
  $("token").value = typeof s.token === "string" ? s.token : "";
  renderSites(Array.isArray(s.autoSites) ? s.autoSites : []);
  $("add-annotated").checked = s.addAnnotated === true;
}

async function saveAddAnnotated() {
  const on = $("add-annotated").checked;
  await ext.storage.local.set({ addAnnotated: on });
  say("add-status", on ? "On: the pages you annotate are added to the claim set."
    : "Off: the pages you annotate are not added to the claim set.");
}

function renderSites(sites) {
  const list = $("sites");
  list.replaceChildren();
  for (const site of sites) {
    const li = document.createElement("li");
    const name = document.createElement("span");
    name.textContent = site;
    const remove = document.createElement("button");
    remove.type = "button";
    remove.textContent = "Remove";
    remove.setAttribute("aria-label", `Remove ${site}`);
    remove.addEventListener("click", () => removeSite(site));
    li.append(name, remove);
    list.append(li);
  }
  if (!sites.length) {
    const li = document.createElement("li");
    li.textContent = "No sites yet.";
    list.append(li);
  }
}

async function saveServer(event) {
  event.preventDefault();
  const url = normaliseServerUrl($("server-url").value);
  if (!url) {
    say("server-status", "Use a local address such as http://127.0.0.1:8765, or a team server's https:// address.",
        true);
    return;
  }
  // a team's server: the browser's permission for that address
  if (!isLoopback(url) &&
      !(await askPermission([url + "/*"], "server-status", `Not saved: permission for ${url} was not granted.`))) {
    return;
  }
  const token = $("token").value.trim();
  await ext.storage.local.set({ serverUrl: url, token });
  $("server-url").value = url;
  say("server-status", token ? "Saved, with the access token." : "Saved.");
}

// The browser's permission for these origins. It must be asked in the click's user gesture: call this before
// any other await. False, with the reason said in `statusId`, when it is not granted.
async function askPermission(origins, statusId, refused) {
  try {
    if (await ext.permissions.request({ origins })) {
      return true;
    }
  } catch (err) {
    say(statusId, `Could not ask for the permission: ${err.message || err}`, true);
    return false;
  }
  say(statusId, refused, true);
  return false;
}

async function check() {
  say("server-status", "Checking…");
  const r = await ext.runtime.sendMessage({ type: "health" });
  if (r && r.ok && r.data) {
    say("server-status", `The server is running: ${r.data.sources} sources, ${r.data.claims} claims in the claim set.`);
  } else if (r && r.error === "server_down") {
    say("server-status", "The server is not running. Start it with `make run` (or `crosscheck serve`).", true);
  } else {
    say("server-status", `The server answered with an error: ${(r && (r.detail || r.error)) || "unknown"}`, true);
  }
}

async function addSite(event) {
  event.preventDefault();
  const site = normaliseSite($("site").value);
  if (!site) {
    say("sites-status", "Enter a host name such as example.org.", true);
    return;
  }
  if (!(await askPermission(patterns(site), "sites-status", `Not added: permission for ${site} was not granted.`))) {
    return;
  }
  const s = await ext.storage.local.get(DEFAULTS);
  const sites = Array.from(new Set([...(s.autoSites || []), site]));
  await ext.storage.local.set({ autoSites: sites });
  await ext.runtime.sendMessage({ type: "syncAutoSites" });
  $("site").value = "";
  renderSites(sites);
  say("sites-status", `${site} will be annotated automatically.`);
}

async function removeSite(site) {
  const s = await ext.storage.local.get(DEFAULTS);
  const sites = (s.autoSites || []).filter((x) => x !== site);
  await ext.storage.local.set({ autoSites: sites });
  try {
    await ext.permissions.remove({ origins: patterns(site) });
  } catch {
    // the local server's own permission cannot be removed; that is fine
  }
  await ext.runtime.sendMessage({ type: "syncAutoSites" });
  renderSites(sites);
  say("sites-status", `${site} removed.`);
}

$("server-form").addEventListener("submit", saveServer);
$("check").addEventListener("click", check);
$("site-form").addEventListener("submit", addSite);
$("add-annotated").addEventListener("change", saveAddAnnotated);
load();
