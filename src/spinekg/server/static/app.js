// The spinekg query page: no libraries, no network beyond this server.
// URL parameters: query=SPARQL, example=NAME (a named query), p.NAME=value (its parameters),
// format=table|<media type>, run=1 (run on load).
"use strict";

const TABLE_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9";
const NUMERIC = /#(integer|decimal|double|float|long|int|short|byte|nonNegativeInteger|positiveInteger)$/;

const state = { queries: new Map(), selected: null, edited: false, prefixes: {} };
const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) node.append(child);
  return node;
}

function setStatus(state_, ...parts) {
  const status = $("status");
  status.dataset.state = state_;
  status.replaceChildren(...parts);
}

function showError(message) {
  const box = $("error");
  box.textContent = message;
  box.hidden = false;
}

function clearOutput() {
  $("error").hidden = true;
  $("error").textContent = "";
  $("results").replaceChildren();
}

// --- terms ---------------------------------------------------------------------------------------
function shortIri(iri) {
  let best = null;
  for (const [prefix, ns] of Object.entries(state.prefixes)) {
    if (iri.startsWith(ns) && iri.length > ns.length && (!best || ns.length > best[1].length)) best = [prefix, ns];
  }
  return best ? `${best[0]}:${iri.slice(best[1].length)}` : iri;
}

function termCell(term) {
  const td = el("td");
  if (!term) return td;
  if (term.type === "uri") {
    td.append(el("span", { class: "iri", title: term.value, text: shortIri(term.value) }));
  } else if (term.type === "bnode") {
    td.append(el("span", { class: "mono", text: `_:${term.value}` }));
  } else if (term.type === "triple") {
    const t = term.value;
    td.append(el("span", { class: "mono", text: `<< ${[t.subject, t.predicate, t.object].map(plain).join(" ")} >>` }));
  } else {
    td.append(document.createTextNode(term.value));
    if (term["xml:lang"]) td.append(el("span", { class: "meta", text: `@${term["xml:lang"]}` }));
    if (term.datatype && NUMERIC.test(term.datatype)) td.className = "num";
  }
  return td;
}

function plain(term) {
  if (!term) return "";
  if (term.type === "uri") return shortIri(term.value);
  if (term.type === "bnode") return `_:${term.value}`;
  if (term.type === "triple") return "<< … >>";
  return JSON.stringify(term.value);
}

// --- N-Triples (for CONSTRUCT / DESCRIBE shown as a table) ---------------------------------------
const NT_TERM = /\s*(?:<([^>]*)>|_:(\S+)|"((?:[^"\\]|\\.)*)"(?:@([A-Za-z0-9-]+)|\^\^<([^>]*)>)?)/y;

function unescapeNt(text) {
  const wide = text.replace(/\\U([0-9A-Fa-f]{8})/g, (_, hex) => String.fromCodePoint(parseInt(hex, 16)));
  try { return JSON.parse(`"${wide.replace(/\\'/g, "'")}"`); } catch { return wide; }
}

function parseNTriples(text) {
  const triples = [];
  for (const line of text.split("\n")) {
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    NT_TERM.lastIndex = 0;
    const terms = [];
    for (let i = 0; i < 3; i++) {
      const m = NT_TERM.exec(line);
      if (!m) break;
      if (m[1] !== undefined) terms.push({ type: "uri", value: m[1] });
      else if (m[2] !== undefined) terms.push({ type: "bnode", value: m[2] });
      else {
        const lit = { type: "literal", value: unescapeNt(m[3]) };
        if (m[4]) lit["xml:lang"] = m[4];
        if (m[5]) lit.datatype = m[5];
        terms.push(lit);
      }
    }
    if (terms.length === 3) triples.push({ subject: terms[0], predicate: terms[1], object: terms[2] });
  }
  return triples;
}

// --- rendering -------------------------------------------------------------------------------------
function renderTable(columns, rows) {
  const table = el("table", { id: "results-table" });
  table.append(el("thead", {}, el("tr", {}, ...columns.map((c) => el("th", { scope: "col", text: c })))));
  const body = el("tbody");
  for (const row of rows) body.append(el("tr", {}, ...columns.map((c) => termCell(row[c]))));
  table.append(body);
  $("results").replaceChildren(table);
}

function renderBoolean(value) {
  renderTable(["ASK"], [{ ASK: { type: "literal", value: String(value) } }]);
}

function renderRaw(text) {
  $("results").replaceChildren(el("pre", { id: "results-raw", class: "raw", text }));
}

// --- the named queries ---------------------------------------------------------------------------
function selectExample(name, values = {}) {
  const q = state.queries.get(name);
  state.selected = q ? name : null;
  state.edited = false;
  $("example").value = q ? name : "";
  const fields = $("param-fields");
  fields.replaceChildren();
  $("params").classList.remove("stale");
  $("params-note").hidden = true;
  if (!q) {
    $("params").hidden = true;
    $("example-description").hidden = true;
    return;
  }
  $("query").value = queryBody(q);
  $("example-description").textContent = q.description;
  $("example-description").hidden = false;
  for (const p of q.params) {
    const id = `param-${p.name}`;
    const input = el("input", {
      id, name: p.name, type: "text", value: values[p.name] ?? "",
      placeholder: p.default !== null && p.default !== undefined ? `default: ${p.default}` : (p.required ? "required" : "any"),
      title: p.description, required: p.required, list: p.choices && p.choices.length ? `${id}-choices` : null,
    });
    const label = el("label", { for: id },
      el("span", { text: `${p.name}${p.required ? " *" : ""}` }),
      input,
      el("span", { class: "type", text: `${p.type}${p.description ? " · " + p.description : ""}` }));
    fields.append(label);
    if (p.choices && p.choices.length) {
      fields.append(el("datalist", { id: `${id}-choices` }, ...p.choices.map((c) => el("option", { value: c }))));
    }
  }
  $("params").hidden = q.params.length === 0;
}

// The query without its documentation header (shown above the editor), noting where parameters come from.
function queryBody(q) {
  const lines = q.text.split("\n");
  let i = 0;
  while (i < lines.length && (lines[i].startsWith("#") || !lines[i].trim())) i++;
  const body = lines.slice(i).join("\n");
  if (!q.params.length) return body;
  const vars = q.params.map((p) => "?" + p.name).join(", ");
  return `# ${vars}: bound from the parameter fields above (editing this text runs it as plain SPARQL)\n${body}`;
}

function paramValues() {
  const values = {};
  for (const input of $("param-fields").querySelectorAll("input")) {
    if (input.value.trim() !== "") values[input.name] = input.value.trim();
  }
  return values;
}

// --- running ---------------------------------------------------------------------------------------
function currentRequest(accept) {
  const format = $("format").value;
  if (state.selected && !state.edited) {
    const values = paramValues();
    const url = `/queries/${encodeURIComponent(state.selected)}?${new URLSearchParams(values)}`;
    const link = new URLSearchParams({ example: state.selected });
    for (const [k, v] of Object.entries(values)) link.set(`p.${k}`, v);
    if (format !== "table") link.set("format", format);
    return { url, init: { headers: { Accept: accept } }, link };
  }
  const query = $("query").value;
  const link = new URLSearchParams({ query });
  if (format !== "table") link.set("format", format);
  return {
    url: "/sparql",
    init: { method: "POST", headers: { Accept: accept }, body: new URLSearchParams({ query }) },
    link,
  };
}

async function run() {
  const format = $("format").value;
  const accept = format === "table" ? TABLE_ACCEPT : format;
  const { url, init, link } = currentRequest(accept);
  clearOutput();
  $("run").disabled = true;
  setStatus("running", "Running…");
  const permalink = `/?${link}`;
  $("permalink").href = `${permalink}&run=1`;
  history.replaceState(null, "", permalink);
  const started = performance.now();
  try {
    const response = await fetch(url, init);
    const text = await response.text();
    const ms = Math.round(performance.now() - started);
    if (!response.ok) {
      showError(`${response.status} ${response.statusText}\n${text.trim()}`);
      setStatus("error", `Failed after ${ms} ms.`);
      return;
    }
    const type = (response.headers.get("Content-Type") || "").split(";")[0].trim();
    const truncated = response.headers.get("X-Spinekg-Truncated") === "true";
    let count = null;
    if (format !== "table") {
      renderRaw(text);
    } else if (type.includes("json")) {
      const data = JSON.parse(text);
      if ("boolean" in data) renderBoolean(data.boolean);
      else {
        renderTable(data.head.vars, data.results.bindings);
        count = data.results.bindings.length;
      }
    } else if (type === "application/n-triples") {
      const triples = parseNTriples(text);
      renderTable(["subject", "predicate", "object"], triples);
      count = triples.length;
    } else {
      renderRaw(text);
    }
    const parts = [count === null ? `Done in ${ms} ms.` : `${count} ${count === 1 ? "row" : "rows"} in ${ms} ms.`];
    if (truncated) {
      const cap = response.headers.get("X-Spinekg-Max-Results");
      parts.push(" ", el("span", { class: "warn", text: `Truncated at the server's limit of ${cap} results.` }));
    }
    setStatus("done", ...parts);
  } catch (err) {
    showError(`Could not reach the server: ${err.message}`);
    setStatus("error", "Failed.");
  } finally {
    $("run").disabled = false;
  }
}

// --- start-up ----------------------------------------------------------------------------------------
async function loadJson(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${(await response.text()).trim()}`);
  return response.json();
}

async function init() {
  const params = new URLSearchParams(location.search);
  $("run").addEventListener("click", run);
  $("query").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); }
  });
  $("query").addEventListener("input", () => {
    if (state.selected && !state.edited) {
      state.edited = true;
      $("params").classList.add("stale");
      $("params-note").hidden = $("params").hidden;
    }
  });
  $("example").addEventListener("change", () => { selectExample($("example").value); });

  try {
    const info = await loadJson("/info");
    state.prefixes = info.prefixes || {};
    $("server-facts").textContent = `SPARQL 1.1 endpoint at ${location.origin}/sparql · `
      + `${info.read_only ? "read-only" : "updates allowed with the bearer token"} · `
      + `timeout ${info.timeout_seconds} s · at most ${info.max_results} results`;
    $("prefixes").textContent = `Predeclared prefixes: ${Object.keys(state.prefixes).map((p) => p + ":").join(" ")}`
      + " · The default graph is the union of all graphs.";
  } catch (err) {
    showError(`Could not read the server's settings: ${err.message}`);
  }
  try {
    const queries = await loadJson("/queries");
    for (const q of queries) {
      state.queries.set(q.name, q);
      $("example").append(el("option", { value: q.name, text: q.name }));
    }
  } catch (err) {
    showError(`Could not load the example queries: ${err.message}`);
  }

  const format = params.get("format");
  if (format && [...$("format").options].some((o) => o.value === format)) $("format").value = format;
  if (params.get("example") && state.queries.has(params.get("example"))) {
    const values = {};
    for (const [k, v] of params) if (k.startsWith("p.")) values[k.slice(2)] = v;
    selectExample(params.get("example"), values);
  } else if (params.get("query") !== null) {
    $("query").value = params.get("query");
  }
  setStatus("ready", "");
  if (params.get("run") === "1") await run();
}

document.addEventListener("DOMContentLoaded", init);
