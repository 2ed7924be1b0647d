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

const VIEWS = ["sign-in", "health", "incidents", "incident", "breakers", "traces", "trace", "chaos"];
const PARENT = { incident: "incidents", trace: "traces" };
const LOADERS = {
  incidents: () => loadRecentIncidents(),
  incident: (id) => loadIncident(id),
  breakers: () => loadAudit(),
  traces: () => loadTraces(),
  trace: (id) => loadTrace(id),
  chaos: () => loadChaos(),
};

function show(view) {
  for (const id of VIEWS) $(id).hidden = id !== view;
  for (const a of document.querySelectorAll("nav a")) {
    if (a.getAttribute("href") === "#" + (PARENT[view] || view)) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
}

function route() {
  if (!state.me) return show("sign-in");
  const [name, id] = (location.hash || "#health").slice(1).split("/");
  const view = VIEWS.includes(name) && name !== "sign-in" ? name : "health";
  show(view);
  if (LOADERS[view]) LOADERS[view](id ? decodeURIComponent(id) : undefined).catch((e) => failed(view, e));
}

function failed(view, error) {
  const section = $(view);
  section.querySelectorAll(".load-error").forEach((n) => n.remove());
  section.append(el("p", { class: "load-error", role: "alert" }, "Could not load: " + error.message));
}

function link(href, text) {
  return el("a", { href }, text);
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString() : "";
}

function facts(dl, pairs) {
  dl.replaceChildren(...pairs.filter(([, v]) => v !== null && v !== undefined && v !== "")
    .flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v instanceof Node ? v : String(v))]));
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
  $("chaos-link").hidden = true;
  if (state.me) {
    // Only a gateway that runs its own mock (gw up) has chaos to set.
    api("GET", "/admin/chaos").then(() => { $("chaos-link").hidden = false; }, () => {});
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
      : (i * 100 / Math.max(1, values.length - 1)).toFixed(1) + "," + (28 - (v - lo) * 26 / span).toFixed(1)).filter(Boolean);
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

function incidentRow(i) {
  return el("tr", { "data-class": i.class, "data-severity": i.severity },
    el("td", {}, link("#incident/" + encodeURIComponent(i.id), i.id)), el("td", {}, i.class), el("td", {}, i.severity),
    el("td", {}, i.status), el("td", {}, when(i.opened_at)));
}

function renderIncidents(incidents) {
  $("no-incidents").hidden = incidents.length > 0;
  $("incident-rows").replaceChildren(...incidents.map(incidentRow));
}

async function loadRecentIncidents() {
  const list = await api("GET", "/admin/incidents?limit=20");
  $("recent-rows").replaceChildren(...list.data.map(incidentRow));
}

async function loadIncident(id) {
  const i = await api("GET", "/admin/incidents/" + encodeURIComponent(id));
  $("incident-title").textContent = i.id + ": " + i.class + " (" + i.severity + ", " + i.status + ")";
  facts($("incident-facts"), [["Title", i.title], ["Why", i.reason], ["Opened", when(i.opened_at)],
    ["Mitigation", i.mitigation], ["Intercepted", i.intercepted],
    ["Impact", i.impact ? i.impact.requests + " requests, " + i.impact.failed + " failed, " + i.impact.quality_failed
      + " with failed quality checks, $" + Number(i.impact.cost_usd).toFixed(4) : null],
    ["Acknowledged", i.acknowledged_at ? when(i.acknowledged_at) + " by " + i.acknowledged_by : null],
    ["Resolved", i.resolved_at ? when(i.resolved_at) + " by " + i.resolved_by + ": " + i.resolution : null]]);
  $("incident-timeline").replaceChildren(...(i.timeline || []).map((e) =>
    el("li", {}, when(e.at) + " · " + e.kind + " · " + e.message)));
  const traces = [...(i.traces?.during || []).map((t) => ["during", t]), ...(i.traces?.before || []).map((t) => ["before", t])];
  $("incident-traces").replaceChildren(...traces.map(([phase, t]) => el("li", {},
    link("#trace/" + encodeURIComponent(t.trace_id), t.trace_id), " " + phase + ", " + t.status + ", " + t.model + ", "
      + Math.round(t.latency_ms) + " ms" + (t.diagnosis ? ", " + t.diagnosis : ""))));
  $("incident-actions").replaceChildren(...incidentActions(i));
  if (i.status === "resolved") {
    const response = await fetch("/admin/incidents/" + encodeURIComponent(id) + "/postmortem", { credentials: "same-origin" });
    $("postmortem").replaceChildren(...markdown(await response.text()));
  } else {
    $("postmortem").replaceChildren(el("p", { class: "note" }, "Written once the incident is resolved."));
  }
}

function incidentActions(i) {
  if (!mayWrite() || i.status === "resolved") return [];
  const forms = [];
  for (const [action, field, label] of [["acknowledge", "note", "Acknowledge"], ["resolve", "reason", "Resolve"]]) {
    if (action === "acknowledge" && i.acknowledged_at) continue;
    const input = el("input", { id: action + "-text", name: field, required: "" });
    const form = el("form", { class: "filter", "data-action": action },
      el("label", { for: action + "-text" }, field === "note" ? "Note" : "Resolution"), input,
      el("button", { type: "submit" }, label));
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      await api("POST", "/admin/incidents/" + encodeURIComponent(i.id) + "/" + action, { [field]: input.value });
      loadIncident(i.id);
    });
    forms.push(form);
  }
  return forms;
}

// The postmortem draft is markdown the gateway wrote (headings, paragraphs, lists, tables, bold and code
// spans); drawn as elements and text nodes, never as HTML.
function markdown(text) {
  const out = [];
  let list = null;
  let table = null;
  for (const line of text.split("\n")) {
    const heading = line.match(/^(#{1,4})\s+(.*)$/);
    const item = line.match(/^\s*[-*]\s+(.*)$/);
    const row = line.trim().startsWith("|") ? line.trim().replace(/^\||\|$/g, "").split("|").map((c) => c.trim()) : null;
    if (!row) table = null;
    if (!item) list = null;
    if (row) {
      if (row.every((c) => /^:?-*:?$/.test(c))) continue; // the header's separator line
      if (!table) {
        out.push(table = el("table", { class: "md" }));
        table.append(el("tr", {}, ...row.map((c) => el("th", { scope: "col" }, ...inline(c)))));
      } else {
        table.append(el("tr", {}, ...row.map((c) => el("td", {}, ...inline(c)))));
      }
    } else if (item) {
      if (!list) out.push(list = el("ul", {}));
      list.append(el("li", {}, ...inline(item[1])));
    } else if (heading) {
      out.push(el("h" + Math.min(6, heading[1].length + 2), {}, ...inline(heading[2])));
    } else if (line.trim()) {
      out.push(el("p", {}, ...inline(line)));
    }
  }
  return out;
}

function inline(text) {
  return text.split(/(\*\*[^*]+\*\*|`[^`]+`)/).filter((p) => p).map((p) =>
    p.startsWith("**") ? el("strong", {}, p.slice(2, -2)) : p.startsWith("`") ? el("code", {}, p.slice(1, -1)) : p);
}

async function loadAudit() {
  const audit = await api("GET", "/admin/audit?limit=20");
  $("audit-rows").replaceChildren(...audit.data.map((a) => el("tr", {}, el("td", {}, when(a.at)),
    el("td", {}, a.actor + " (" + a.role + ")"), el("td", {}, a.action), el("td", {}, a.target || ""),
    el("td", {}, a.reason || ""))));
}

async function loadTraces() {
  $("bulk-form").hidden = !(state.me && WRITE_ROLES.includes(state.me.role));
  const params = new URLSearchParams({ limit: "50" });
  for (const name of ["model", "tenant", "prompt_version", "status"]) {
    const v = $("trace-filter").elements[name].value.trim();
    if (v) params.set(name, v);
  }
  for (const name of ["from", "to"]) { // the browser's local time, sent as an instant
    const v = $("trace-filter").elements[name].value;
    if (v) params.set(name, new Date(v).toISOString());
  }
  const action = $("trace-filter").elements.action.value.trim();
  const page = await api("GET", "/admin/traces?" + params);
  const rows = page.data.filter((t) => !action || (t.actions || []).some((a) => a.includes(action)));
  $("trace-rows").replaceChildren(...rows.map((t) => el("tr", { "data-trace": t.trace_id, "data-status": t.status },
    el("td", {}, when(t.timestamp)), el("td", {}, link("#trace/" + encodeURIComponent(t.trace_id), t.trace_id)),
    el("td", {}, t.tenant || ""), el("td", {}, t.model_served || t.model_requested || ""),
    el("td", {}, t.prompt_version || ""), el("td", {}, t.status + " " + t.http_status),
    el("td", {}, Math.round(t.latency_ms) + " ms"), el("td", {}, (t.actions || []).join(", ")))));
}

async function loadTrace(id) {
  const t = await api("GET", "/admin/traces/" + encodeURIComponent(id));
  state.trace = t;
  $("trace-title").textContent = "Trace " + t.trace_id;
  facts($("trace-facts"), [["When", when(t.timestamp)], ["Route", t.route], ["Tenant", t.tenant],
    ["Model", (t.model_requested || "") + (t.model_served && t.model_served !== t.model_requested ? " → " + t.model_served : "")],
    ["Prompt", t.prompt_id ? t.prompt_id + " " + (t.prompt_version || "") : null],
    ["Status", t.status + " (HTTP " + t.http_status + ")" + (t.error ? ": " + t.error : "")],
    ["Latency", Math.round(t.latency_ms) + " ms"], ["Cost", t.cost_usd !== undefined && t.cost_usd !== null ? "$" + Number(t.cost_usd).toFixed(6) : null],
    ["Tokens", t.tokens ? t.tokens.prompt_tokens + " in, " + t.tokens.completion_tokens + " out (" + t.tokens.source + ")" : null],
    ["Quality", t.quality ? (t.quality.passed ? "passed" : "failed: " + t.quality.failed_checks.join(", ")) + " (score " + t.quality.score + ")" : null],
    ["Actions", (t.actions || []).join(", ")]]);
  $("waterfall").replaceChildren(...waterfall(t.spans || [], t.latency_ms));
  $("trace-input").textContent = t.input_text ?? "(content not stored)";
  $("trace-output").textContent = t.output_text ?? "(content not stored)";
  $("replay-form").hidden = !(state.me && WRITE_ROLES.includes(state.me.role));
  $("comparison").hidden = true;
  $("replay-status").textContent = "";
}

function waterfall(spans, total) {
  const end = Math.max(total || 0, ...spans.map((s) => s.start_offset_ms + s.duration_ms), 1);
  return spans.map((s) => {
    const bar = el("div", { class: "bar", style: null });
    bar.style.left = (s.start_offset_ms * 100 / end) + "%";
    bar.style.width = (s.duration_ms * 100 / end) + "%";
    const label = s.name + " · " + Math.round(s.duration_ms) + " ms" + (s.status === "ok" ? "" : " · " + s.status);
    return el("div", { class: "span " + (s.status === "ok" ? "ok" : "error"), role: "listitem", "data-kind": s.kind,
      title: JSON.stringify(s.attributes || {}) }, el("span", {}, label), el("div", { class: "track" }, bar));
  });
}

async function bulkReplay(e) {
  e.preventDefault();
  const ids = [...document.querySelectorAll("#trace-rows tr")].map((r) => r.dataset.trace);
  const overrides = {};
  for (const name of ["model", "prompt_version"]) {
    const v = $("bulk-form").elements[name].value.trim();
    if (v) overrides[name] = v;
  }
  try {
    const job = await api("POST", "/admin/replay/jobs", { trace_ids: ids, overrides });
    $("bulk-progress").hidden = false;
    followJob(job);
  } catch (err) {
    $("bulk-progress").hidden = false;
    $("bulk-count").textContent = "Not started: " + err.message;
  }
}

// A job's progress, asked for once a second until it has finished.
function followJob(job) {
  $("bulk-bar").max = job.total;
  $("bulk-bar").value = job.done;
  $("bulk-count").textContent = job.done + " of " + job.total + (job.status === "finished" ? ", finished" : "");
  $("bulk-progress").dataset.status = job.status;
  $("bulk-summary").textContent = Object.entries(job.summary || {}).map(([k, v]) => k + " " + v).join(", ");
  if (job.status !== "finished") {
    setTimeout(() => api("GET", "/admin/replay/jobs/" + encodeURIComponent(job.id)).then(followJob,
      (err) => { $("bulk-count").textContent = "Lost the job: " + err.message; }), 1000);
  }
}

async function loadChaos() {
  const now = await api("GET", "/admin/chaos");
  $("chaos-now").textContent = JSON.stringify(now, null, 2);
  $("chaos-form").hidden = !mayWrite();
}

async function chaos(method, body) {
  try {
    await api(method, "/admin/chaos", body);
    $("chaos-result").textContent = method === "DELETE" ? "Chaos cleared." : "Chaos started: " + JSON.stringify(body);
    await loadChaos();
  } catch (err) {
    $("chaos-result").textContent = "Not changed: " + err.message;
  }
}

async function replay(e) {
  e.preventDefault();
  const overrides = {};
  for (const name of ["model", "prompt_version", "temperature"]) {
    const v = $("replay-form").elements[name].value.trim();
    if (v) overrides[name] = name === "temperature" ? Number(v) : v;
  }
  $("replay-status").textContent = "Replaying…";
  try {
    const r = await api("POST", "/admin/replay", { trace_id: state.trace.trace_id, overrides });
    $("replay-status").replaceChildren(el("span", { class: "verdict", "data-verdict": r.verdict }, "Verdict: " + r.verdict),
      " — " + (r.reason || ""));
    const rows = [["Trace", "trace_id"], ["Model", "model"], ["Prompt version", "prompt_version"], ["Latency ms", "latency_ms"],
      ["Tokens", "total_tokens"], ["Cost USD", "cost_usd"], ["Quality score", "quality_score"], ["Diagnosis", "diagnosis"],
      ["Answer", "answer_preview"]];
    $("comparison-rows").replaceChildren(...rows.map(([label, key]) => el("tr", {}, el("th", { scope: "row" }, label),
      el("td", {}, String(r.original[key] ?? "")), el("td", {}, String(r.replay[key] ?? "")))));
    $("comparison").hidden = false;
  } catch (err) {
    $("replay-status").textContent = "Replay failed: " + err.message;
  }
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
      loadAudit().catch((err) => failed("breakers", err));
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
    document.querySelector("nav a").focus(); // keyboard users continue from the navigation, not a hidden form
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

$("trace-filter").addEventListener("submit", (e) => { e.preventDefault(); loadTraces().catch((err) => failed("traces", err)); });
$("replay-form").addEventListener("submit", replay);
$("bulk-form").addEventListener("submit", bulkReplay);
$("chaos-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const f = $("chaos-form").elements;
  const spec = { modes: { [f.mode.value]: { rate: Number(f.rate.value || "1") } } };
  const models = f.models.value.split(",").map((m) => m.trim()).filter(Boolean);
  if (models.length) spec.models = models;
  chaos("POST", spec);
});
$("chaos-clear").addEventListener("click", () => chaos("DELETE"));
window.addEventListener("hashchange", route);
start();
