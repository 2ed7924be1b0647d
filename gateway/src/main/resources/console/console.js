// The incident console: one page, no build step. It signs in with an admin token (kept by the server as
// an HttpOnly session cookie, never here), listens to /admin/live, and calls the admin API with the
// session's CSRF token on every change. Write controls are drawn only for roles that may use them.
"use strict";

const WRITE_ROLES = ["operator", "maintainer"];
const MODES = ["auto", "observe", "forced_open", "forced_closed"];
const HISTORY = 60;
const state = { me: null, live: null, history: {} };

const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined) node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(c ?? ""));
  return node;
}

async function api(method, path, body) {
  const headers = { "Accept": "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (state.me && method !== "GET") headers["x-csrf-token"] = state.me.csrf;
  const response = await fetch(path, { method, headers, credentials: "same-origin",
    body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const message = json && json.error ? json.error.message : "HTTP " + response.status;
    throw new Error(message);
  }
  return json;
}

function mayWrite() {
  return state.me && WRITE_ROLES.includes(state.me.role) && !state.me.tenant;
}

function show(view) {
  for (const id of ["sign-in", "health", "incidents", "breakers"]) $(id).hidden = id !== view;
  for (const a of document.querySelectorAll("nav a")) {
    if (a.getAttribute("href") === "#" + view) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
}

function route() {
  if (!state.me) return show("sign-in");
  const view = (location.hash || "#health").slice(1);
  show(["health", "incidents", "breakers"].includes(view) ? view : "health");
}

async function start() {
  try {
    state.me = await api("GET", "/console/session");
  } catch (e) {
    state.me = null;
  }
  signedIn();
}

function signedIn() {
  $("nav").hidden = !state.me;
  $("who").hidden = !state.me;
  if (state.me) {
    $("who-name").textContent = state.me.name + " (" + state.me.role + (state.me.tenant ? ", tenant " + state.me.tenant : "") + ")";
    listen();
  }
  route();
}

function listen() {
  if (state.live) state.live.close();
  state.live = new EventSource("/admin/live");
  state.live.addEventListener("snapshot", (e) => render(JSON.parse(e.data)));
  state.live.onerror = () => {
    // The server ends the stream when the session has ended: back to sign-in.
    api("GET", "/console/session").catch(() => { state.live.close(); state.me = null; signedIn(); });
  };
}

function remember(key, value) {
  const h = state.history[key] || (state.history[key] = []);
  h.push(value === null || value === undefined ? null : Number(value));
  if (h.length > HISTORY) h.shift();
  return h;
}

function sparkline(values, label) {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("class", "spark");
  svg.setAttribute("viewBox", "0 0 100 30");
  svg.setAttribute("preserveAspectRatio", "none");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  const known = values.filter((v) => v !== null);
  if (known.length > 1) {
    const lo = Math.min(...known), hi = Math.max(...known), span = hi - lo || 1;
    const points = values.map((v, i) => v === null ? null
      : (i * 100 / (HISTORY - 1)).toFixed(1) + "," + (28 - (v - lo) * 26 / span).toFixed(1)).filter(Boolean);
    const line = document.createElementNS("http://www.w3.org/2000/svg", "polyline");
    line.setAttribute("points", points.join(" "));
    svg.append(line);
  }
  return svg;
}

function format(name, value) {
  if (value === null || value === undefined) return "—";
  if (name.endsWith("_ms")) return Math.round(value) + " ms";
  if (name.endsWith("_usd")) return "$" + Number(value).toFixed(4);
  if (name.endsWith("_rate")) return (value * 100).toFixed(1) + "%";
  return String(value);
}

const SYMBOL = { green: "✓ green", yellow: "! yellow", red: "✗ red" };

// A north-star metric is judged (a colour, or "not enough traffic" until it can be); a golden signal is not.
function card(key, name, valueText, colour, history, judged = true) {
  return el("li", { class: "card " + (colour || "unknown"), "data-metric": key, "data-colour": colour || "unknown" },
    el("div", { class: "name" }, name),
    el("div", { class: "value" }, valueText),
    el("div", { class: "status" }, !judged ? "" : colour ? SYMBOL[colour] : "not enough traffic"),
    sparkline(history, name + " over the last " + HISTORY + " updates"));
}

function render(s) {
  $("updated").textContent = "Updated " + new Date(s.time).toLocaleTimeString() + ".";
  const overall = s.health.overall;
  $("overall").textContent = overall;
  $("overall").className = "badge " + overall;
  $("metrics").replaceChildren(...s.health.metrics.map((m) =>
    card(m.name, m.name.replaceAll("_", " "), format(m.name, m.value), m.colour, remember(m.name, m.value))));
  if (s.golden) {
    const g = s.golden;
    const errors = Object.entries(g.errors).map(([k, v]) => k + " " + v).join(", ") || "none";
    const errorCount = Object.values(g.errors).reduce((a, b) => a + b, 0);
    $("golden").replaceChildren(
      card("throughput", "throughput", g.throughput_rps + " req/s", null, remember("throughput", g.throughput_rps), false),
      card("errors", "errors (" + errors + ")", String(errorCount), null, remember("errors", errorCount), false),
      card("latency", "latency p50 / p95 / p99", [g.latency_ms.p50, g.latency_ms.p95, g.latency_ms.p99]
        .map((v) => v === null ? "—" : Math.round(v)).join(" / ") + " ms", null, remember("latency", g.latency_ms.p95), false),
      card("in_flight", "in flight", String(g.in_flight), null, remember("in_flight", g.in_flight), false));
  }
  renderIncidents(s.incidents);
  renderBreakers(s.breakers);
}

function renderIncidents(incidents) {
  $("no-incidents").hidden = incidents.length > 0;
  $("incident-rows").replaceChildren(...incidents.map((i) => el("tr", { "data-class": i.class },
    el("td", {}, i.id), el("td", {}, i.class), el("td", {}, i.severity), el("td", {}, i.status),
    el("td", {}, i.opened_at ? new Date(i.opened_at).toLocaleTimeString() : ""))));
}

function renderBreakers(breakers) {
  const editing = document.activeElement && document.activeElement.closest && document.activeElement.closest("form.mode");
  if (editing) return; // do not redraw a form someone is filling in
  for (const th of document.querySelectorAll(".writes")) th.hidden = !mayWrite();
  $("breaker-rows").replaceChildren(...breakers.map((b) => {
    const row = el("tr", { "data-class": b.class, "data-state": b.state, "data-mode": b.mode },
      el("td", {}, b.class), el("td", {}, b.state), el("td", {}, b.mode), el("td", {}, b.trip_reason || ""),
      el("td", {}, String(b.interceptions)), el("td", { class: "last-change" }, lastChange(b.last_mode_change)));
    if (mayWrite()) row.append(el("td", {}, modeForm(b)));
    return row;
  }));
}

function lastChange(c) {
  return c ? c.mode + " by " + c.actor + " at " + new Date(c.at).toLocaleTimeString() + ": " + c.reason : "";
}

function modeForm(b) {
  const id = "mode-" + b.class;
  const select = el("select", { id, name: "mode" }, ...MODES.map((m) => {
    const option = el("option", { value: m }, m);
    if (m === b.mode) option.selected = true;
    return option;
  }));
  const reason = el("input", { id: id + "-reason", name: "reason", required: "", placeholder: "why" });
  const form = el("form", { class: "mode", "data-class": b.class },
    el("label", { for: id }, "Mode"), select, el("label", { for: id + "-reason" }, "Reason"), reason,
    el("button", { type: "submit" }, "Set mode"));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await api("POST", "/admin/breakers/" + b.class, { mode: select.value, reason: reason.value });
      $("mode-result").textContent = b.class + " is now " + select.value + ".";
    } catch (err) {
      $("mode-result").textContent = "Not changed: " + err.message;
    }
    form.querySelector("button").blur();
  });
  return form;
}

$("sign-in-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  try {
    state.me = await api("POST", "/console/session", { token: $("token").value });
    $("token").value = "";
    $("sign-in-error").textContent = "";
    signedIn();
  } catch (err) {
    $("sign-in-error").textContent = err.message;
  }
});

$("sign-out").addEventListener("click", async () => {
  try { await api("DELETE", "/console/session"); } catch (e) { /* the session is gone either way */ }
  if (state.live) state.live.close();
  state.me = null;
  signedIn();
});

window.addEventListener("hashchange", route);
start();
