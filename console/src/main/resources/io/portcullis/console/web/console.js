// The Portcullis console: one page per view at a stable URL, filled from the node's /api endpoints. No library;
// nothing is fetched from anywhere but this listener. Text is always set with textContent (never HTML).
"use strict";

const $ = (sel, root = document) => root.querySelector(sel);
let me = { role: "viewer" };
// At the control plane a node's views live under /nodes/ID (their /api requests relayed to that node's console);
// on a node, and on the control plane's Nodes overview, under /.
const base = (location.pathname.match(/^\/nodes\/[A-Za-z0-9][A-Za-z0-9._-]{0,62}(?=\/|$)/) || [""])[0];
let searching = false;

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

function row(cells) {
  const tr = document.createElement("tr");
  for (const c of cells) {
    const td = el("td");
    if (c instanceof Node) td.appendChild(c); else td.textContent = c === null || c === undefined ? "—" : String(c);
    tr.appendChild(td);
  }
  return tr;
}

async function api(path, options) {
  const r = await fetch(base + "/api" + path, Object.assign({ credentials: "same-origin" }, options || {}));
  if (r.status === 401) { location.href = "/login"; throw new Error("signed out"); }
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(body.error || ("HTTP " + r.status));
  return body;
}

// ---- navigation: each view is a path; the page shows the one in the address bar ----
function show() {
  const view = location.pathname.slice(base.length).replace(/^\//, "") || "traffic";
  document.querySelectorAll("main > section").forEach(s => { s.hidden = s.dataset.view !== view; });
  document.querySelectorAll("nav a").forEach(a => {
    if (a.dataset.view === view) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
  });
  document.title = (view.charAt(0).toUpperCase() + view.slice(1)) + " · Portcullis console";
  const loaders = { audit: loadAudit, changes: loadChanges, reachability: loadReach, decisions: openFromUrl, nodes: loadNodes };
  if (loaders[view]) loaders[view]();
}

document.querySelectorAll("nav a").forEach(a => a.addEventListener("click", e => {
  if (base && a.dataset.view === "nodes") return; // another page: the overview is not under this node
  e.preventDefault();
  history.pushState(null, "", a.getAttribute("href"));
  show();
  $("#main").focus();
}));
window.addEventListener("popstate", show);

// ---- Traffic: server-sent events, one "traffic" event a second and one "decision" event per record ----
function renderTraffic(t) {
  $("#plan").textContent = t.plan || "…";
  $("#audit-lag").textContent = t.auditLag === null || t.auditLag === undefined ? "no audit log" : t.auditLag;
  const apis = $("#traffic-apis tbody");
  apis.replaceChildren(...(t.apis || []).map(a => {
    const tr = row([a.api, a.requests, a.rps, a.p50, a.p95, a.p99]);
    tr.dataset.api = a.api;
    tr.children[1].className = "requests";
    return tr;
  }));
  const decisions = $("#traffic-decisions tbody");
  decisions.replaceChildren(...(t.decisions || []).map(d => {
    const verdict = el("span", d.verdict, d.verdict === "deny" ? "deny" : "allow");
    const tr = row([d.api, d.stage, verdict, d.layer, d.reason, d.count]);
    tr.dataset.key = [d.api, d.stage, d.verdict, d.layer, d.reason].join(" ");
    return tr;
  }));
  const skipped = $("#live-skipped");
  if (skipped) skipped.textContent = t.liveSkipped ? t.liveSkipped + " decisions left out of the live stream (at most 50 a second); the search finds every one" : "";
  $("#traffic-refused tbody").replaceChildren(...(t.topRefused || []).map(s => row([s.source, s.count])));
  const blocks = $("#traffic-blocks");
  blocks.replaceChildren(...((t.autoBlocks || []).length ? t.autoBlocks.map(b => el("li", b)) : [el("li", "none")]));
}

function decisionRow(d) {
  const open = el("button", d.index, "link");
  open.type = "button";
  open.setAttribute("aria-label", "Open record " + d.index);
  open.addEventListener("click", () => openRecord(d.index, true));
  const verdict = el("span", d.verdict, String(d.verdict).toUpperCase().startsWith("DEN") ? "deny" : "allow");
  const request = d.method ? d.method + " " + (d.path || "") : (d.kind || "").toLowerCase();
  const tr = row([open, d.time, d.api, request, d.sourceAddress, d.workload, verdict, d.layer, d.reason, d.status]);
  tr.dataset.index = d.index;
  return tr;
}

function addLive(d) {
  if (searching) return;
  const body = $("#decisions tbody");
  body.insertBefore(decisionRow(d), body.firstChild);
  while (body.children.length > 200) body.removeChild(body.lastChild);
}

function connect() {
  const source = new EventSource(base + "/api/stream");
  source.addEventListener("traffic", e => { renderTraffic(JSON.parse(e.data)); $("#live").textContent = "live"; });
  source.addEventListener("decision", e => addLive(JSON.parse(e.data)));
  source.onerror = () => { $("#live").textContent = "reconnecting…"; };
}

// ---- Decisions: search, and one record's explanation ----
$("#search").addEventListener("submit", async e => {
  e.preventDefault();
  const q = new URLSearchParams();
  for (const [k, v] of new FormData(e.target)) if (v) q.set(k, v);
  $("#decisions-status").textContent = "searching…";
  try {
    const r = await api("/decisions?" + q);
    searching = true;
    $("#decisions tbody").replaceChildren(...r.rows.map(decisionRow));
    $("#decisions-status").textContent = r.matched + " matching record(s)" + (r.matched > r.rows.length ? ", newest " + r.rows.length + " shown" : "")
      + (r.damage ? " · the read stopped early: " + r.damage : "");
  } catch (err) {
    $("#decisions-status").textContent = "search refused: " + err.message;
  }
});
$("#live-decisions").addEventListener("click", () => {
  searching = false;
  $("#decisions tbody").replaceChildren();
  $("#decisions-status").textContent = "live: new decisions appear as the audit log records them";
});

function openFromUrl() {
  const r = new URLSearchParams(location.search).get("record");
  if (r !== null) openRecord(r, false);
}

async function openRecord(index, push) {
  if (push) history.pushState(null, "", base + "/decisions?record=" + encodeURIComponent(index));
  const panel = $("#decision-detail");
  const body = $("#detail-body");
  panel.hidden = false;
  $("#h-detail").textContent = "Record " + index;
  body.replaceChildren(el("p", "loading…"));
  try {
    let r = null;
    // A record is read once a signed checkpoint covers it (202 until then, within the checkpoint interval).
    for (let attempt = 0; r === null; attempt++) {
      const res = await fetch(base + "/api/decisions/" + encodeURIComponent(index), { credentials: "same-origin" });
      if (res.status === 401) { location.href = "/login"; return; }
      const body = await res.json().catch(() => ({}));
      if (res.status === 200) r = body;
      else if (res.status === 202 && attempt < 10) {
        $("#detail-body").replaceChildren(el("p", "waiting for the next signed checkpoint to cover record " + index + "…"));
        await new Promise(done => setTimeout(done, 1000));
      } else throw new Error(body.error || ("HTTP " + res.status));
    }
    const rec = r.record;
    const facts = el("dl", null, "facts-list");
    for (const k of ["time", "kind", "api", "method", "path", "sourceAddress", "vpc", "vpcEndpoint", "workload", "securityGroups",
      "principal", "verdict", "layer", "reason", "decidedBy", "policyStatement", "detail", "status"]) {
      if (rec[k] === undefined || rec[k] === null || rec[k] === "") continue;
      facts.appendChild(el("dt", k));
      facts.appendChild(el("dd", Array.isArray(rec[k]) ? rec[k].join(", ") : rec[k]));
    }
    const parts = [el("h3", "As recorded"), facts];
    if (me.role === "operator") {
      const a = el("a", "Download the inclusion proof of this record");
      a.href = base + "/api/audit/proof?record=" + encodeURIComponent(index);
      a.setAttribute("download", "proof-" + index + ".json");
      const p = el("p");
      p.appendChild(a);
      parts.push(p);
    }
    parts.push(el("h3", "Explanation on the plan in force (" + r.plan + ")"));
    const recorded = String(rec.verdict || "").toUpperCase().startsWith("DEN") ? "DENY" : "ALLOW";
    if (r.explanation && (r.explanation.decision !== recorded || r.explanation.reason !== rec.reason)) {
      parts.push(el("p", "The explanation differs from the record: explain runs the chain now, on the plan in force, "
        + "with rate limits probed against full buckets and without the caller's token (tokens are never recorded). "
        + "The record's own layer, reason and deciding rule, statement or limit are shown above.", "note"));
    }
    parts.push(r.explanation ? explanation(r.explanation) : el("p", "cannot explain: " + r.unexplained, "error"));
    body.replaceChildren(...parts);
    panel.focus();
  } catch (err) {
    body.replaceChildren(el("p", err.message, "error"));
  }
}

// The explanation as portcullis explain gives it: the verdict, each layer's step, the network path, the limits.
function explanation(x) {
  const box = el("div", null, "explanation");
  const verdict = el("p", null, "verdict");
  verdict.appendChild(el("strong", x.decision, x.decision === "DENY" ? "deny" : "allow"));
  verdict.appendChild(document.createTextNode(" · " + x.layer + " · " + x.reason + " · decided by " + (x.decidedBy || "—")
    + " · HTTP " + x.status + (x.principal ? " · principal " + x.principal : "")));
  box.appendChild(verdict);
  if (x.detail) box.appendChild(el("p", x.detail));
  const table = el("table", null, "steps");
  table.appendChild(el("caption", "The rule chain, layer by layer"));
  const head = document.createElement("thead");
  head.appendChild(row(["Layer", "Step", "Decision", "Reason", "Decided by (rule, statement or limit)", "Detail"]));
  head.querySelectorAll("td").forEach(td => { const th = el("th", td.textContent); th.scope = "col"; td.replaceWith(th); });
  table.appendChild(head);
  const tbody = document.createElement("tbody");
  for (const s of x.steps || []) tbody.appendChild(row([s.layer, s.step, s.decision, s.reason, s.decidedBy, s.detail]));
  table.appendChild(tbody);
  box.appendChild(table);
  if (x.network) {
    box.appendChild(el("h4", "Network"));
    const pre = el("pre", JSON.stringify(x.network, null, 2));
    box.appendChild(pre);
  }
  if ((x.limits || []).length) {
    box.appendChild(el("h4", "Limits"));
    const ul = el("ul");
    x.limits.forEach(l => ul.appendChild(el("li", l)));
    box.appendChild(ul);
  }
  return box;
}

// ---- Explain ----
$("#explain-form").addEventListener("submit", async e => {
  e.preventDefault();
  const form = Object.fromEntries(new FormData(e.target));
  const out = $("#explain-result");
  out.replaceChildren(el("p", "explaining…"));
  try {
    const x = await api("/explain", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(form) });
    out.replaceChildren(explanation(x));
  } catch (err) {
    out.replaceChildren(el("p", err.message, "error"));
  }
});

// ---- Audit ----
async function loadAudit() {
  try {
    const a = await api("/audit");
    const v = a.verification;
    $("#audit-verification").textContent = v.intact
      ? "Verified intact at " + v.at + ": " + v.records + " records, " + v.checkpoints + " signed checkpoints (key " + a.keyId + ")."
      : "NOT intact (checked " + v.at + "): " + (v.problem || "unknown");
    $("#audit-verification").className = v.intact ? "ok" : "error";
    $("#checkpoints tbody").replaceChildren(...a.checkpoints.map(c => row([c.size, c.time, c.keyId, String(c.root).slice(0, 16) + "…"])));
  } catch (err) {
    $("#audit-verification").textContent = err.message;
  }
}
$("#proof-form").addEventListener("submit", async e => {
  e.preventDefault();
  const n = new FormData(e.target).get("record");
  const r = await fetch(base + "/api/audit/proof?record=" + encodeURIComponent(n), { credentials: "same-origin" });
  if (!r.ok) {
    const body = await r.json().catch(() => ({}));
    $("#proof-status").textContent = "no proof: " + (body.error || ("HTTP " + r.status));
    return;
  }
  const blob = await r.blob();
  const a = el("a");
  a.href = URL.createObjectURL(blob);
  a.download = "proof-" + n + ".json";
  document.body.appendChild(a);
  a.click();
  a.remove();
  $("#proof-status").textContent = "proof of record " + n + " downloaded";
});

// ---- Changes ----
async function loadChanges() {
  const box = $("#changes-body");
  try {
    const c = await api("/changes");
    if (!c.changeControl) { box.replaceChildren(el("p", "This node runs without change control (no changeControl section).")); return; }
    if (!c.pending.length) { box.replaceChildren(el("p", "No pending change: every change record's candidate is in force or expired.")); return; }
    box.replaceChildren(...c.pending.map(p => {
      const art = el("article", null, "change");
      art.appendChild(el("h2", p.id + " — risk " + p.risk.level));
      art.appendChild(el("p", p.reason + " (by " + p.author + ", " + p.created + ", expires " + p.expires + ")"));
      art.appendChild(el("p", "From " + p.from + " to " + p.to + (p.appliesToPlanInForce ? " (applies to the plan in force)" : " (made for another plan)")));
      art.appendChild(el("p", "Approvals: " + (p.approvals.map(a => a.approver).join(", ") || "none") + (p.required ? " · required: " + p.required : "")));
      if (p.lacking.length) art.appendChild(el("p", "Lacking: " + p.lacking.join("; "), "error"));
      const risk = el("ul");
      p.risk.contributions.forEach(x => risk.appendChild(el("li", x.level + " · " + x.rule + ": " + x.detail)));
      art.appendChild(risk);
      const details = el("details");
      details.appendChild(el("summary", "Semantic diff and baselines"));
      details.appendChild(el("pre", JSON.stringify({ diff: p.diff, baselines: p.baselines }, null, 2)));
      art.appendChild(details);
      return art;
    }));
  } catch (err) {
    box.replaceChildren(el("p", err.message, "error"));
  }
}

// ---- Reachability: the living documentation's model and renderer (site module), for the plan in force ----
let reachMounted = null;
async function loadReach() {
  const box = $("#reach-body");
  try {
    const model = await api("/reachability");
    if (reachMounted === model.digest) {
      return; // the same plan: keep the map as the user left it (filters, selection)
    }
    box.replaceChildren();
    window.PortcullisReachMap.mount(box, model, { hashPrefix: "#", links: false });
    reachMounted = model.digest;
  } catch (err) {
    box.replaceChildren(el("p", err.message, "error"));
  }
}

// ---- Nodes (control plane only): every node from its heartbeats; a live one with a console opens its views ----
let nodesTimer = null;
async function loadNodes() {
  const status = $("#nodes-status");
  try {
    const nodes = await api("/nodes");
    $("#nodes tbody").replaceChildren(...nodes.map(n => {
      let open = "—";
      if (n.relayed) {
        open = el("a", "Open " + n.id);
        open.href = "/nodes/" + encodeURIComponent(n.id) + "/traffic";
      }
      const live = el("span", n.live ? "live" : "not live", n.live ? "allow" : "deny");
      const counters = Object.entries(n.counters || {}).map(([k, v]) => k + " " + v).join(" · ");
      const digest = el("code", String(n.digest).slice(0, 19) + "…");
      digest.title = n.digest;
      const tr = row([n.id, live, n.ready ? "ready" : "not ready", digest, n.lastSeen, n.console || "none", counters, open]);
      tr.dataset.node = n.id;
      return tr;
    }));
    status.textContent = nodes.length + " node(s) · refreshed " + new Date().toISOString();
  } catch (err) {
    status.textContent = err.message;
  }
  if (nodesTimer === null) nodesTimer = setInterval(() => { if (!$("#view-nodes").hidden) loadNodes(); }, 5000);
}

(async () => {
  try {
    me = await api("/me");
    if (me.cluster) {
      $("#nav-nodes").hidden = false;
      document.querySelectorAll("nav a[data-view]").forEach(a => {
        if (a.dataset.view === "nodes") return;
        if (base) a.setAttribute("href", base + "/" + a.dataset.view); else a.parentElement.hidden = true;
      });
      $("#audit-key").setAttribute("href", base + "/api/audit/key");
      $("#node-name").textContent = base ? "node " + decodeURIComponent(base.slice(7)) : "cluster";
    }
    $("#who").textContent = me.user + " (" + me.role + ")";
    if (me.role !== "operator") {
      const t = $("#explain-form textarea[name=token]");
      t.disabled = true;
      t.placeholder = "an operator may explain with a token";
      $("#proof-form button").disabled = true;
      $("#proof-form button").title = "operators only";
    }
  } catch (err) { return; }
  show();
  if (!me.cluster || base) connect();
})();
