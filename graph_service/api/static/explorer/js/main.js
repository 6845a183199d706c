// The explorer page: wires the search, the canvas, the side panel, the path finder, the date
// control and the URL together. Every read is a GraphQL request to /graphql.

import { graphql, ServiceError } from "./api.js";
import { Canvas } from "./canvas.js";
import { attachCombobox } from "./combobox.js";
import { exportJson, exportPng } from "./exporting.js";
import { renderLegend } from "./legend.js";
import { Panel } from "./panel.js";
import { PathFinder } from "./paths.js";
import { detailsQuery, NEIGHBORS, NODES } from "./queries.js";
import { PAGE_SIZE, Store } from "./store.js";
import { kindLooks } from "./style.js";
import { readUrl, writeUrl } from "./url.js";

const $ = (id) => document.getElementById(id);
const config = JSON.parse($("explorer-config").textContent);
const looks = kindLooks(config.kinds);
const DETAILS = detailsQuery(config.kinds);
const MAX_FIRST = 100;
const store = new Store();
let detailsAsked = 0;

// --- messages -----------------------------------------------------------------------------

function showError(error) {
  const text = error instanceof ServiceError ? error.message : `Something went wrong in the page: ${error.message || error}`;
  $("error-text").textContent = text;
  $("error").hidden = false;
  $("status").textContent = "";
}

function clearError() {
  $("error").hidden = true;
  $("error-text").textContent = "";
}

function announce(text) {
  $("status").textContent = text;
}

async function attempt(task) {
  try {
    const result = await task();
    clearError();
    return result;
  } catch (error) {
    showError(error);
    return undefined;
  }
}

// --- drawing ------------------------------------------------------------------------------

const canvas = new Canvas($("canvas"), looks, {
  select: (selection) => attempt(() => select(selection)),
  toggle: (id) => attempt(() => toggle(id)),
  more: (id) => attempt(() => more(id)),
  remove: (id) => attempt(() => remove(id)),
  announce,
});

const panel = new Panel($("panel"), {
  looks,
  relationshipTypes: config.relationshipTypes,
  actions: {
    show: (entity) => attempt(() => select({ group: "node", id: entity.id })),
    place: (entity) => attempt(() => place(entity)),
    expand: (entity, filter) => attempt(() => expand(entity.id, filter)),
    collapse: (id) => attempt(() => collapse(id)),
    remove: (id) => attempt(() => remove(id)),
    selectEdge: (edge) => attempt(() => select({ group: "edge", id: store.rememberEdge(edge) })),
    pathEnd: (end, entity) => attempt(() => paths.setEnd(end, entity)),
  },
});

const paths = new PathFinder({ store, render, announce, nameOf, attempt, showError });

function render({ relayout = false } = {}) {
  const view = store.visible();
  const added = canvas.sync(store, view);
  if (added || relayout) canvas.layout();
  canvas.select(store.selected);
  $("empty-hint").hidden = view.nodes.size > 0;
  const kinds = new Set([...view.nodes].map((id) => store.entities.get(id)?.kind).filter(Boolean));
  renderLegend($("legend-items"), looks, kinds);
  writeUrl(store);
  return view;
}

// --- reading the graph --------------------------------------------------------------------

async function loadExpansion(id) {
  const exp = store.expanded.get(id);
  const page = { keys: [], total: 0, counts: [], endCursor: null, hasNext: false };
  const wanted = exp.pages * PAGE_SIZE;
  let after = null;
  do {
    const result = await fetchPage(id, exp, Math.min(wanted - page.keys.length, MAX_FIRST), after);
    absorb(page, result);
    after = page.endCursor;
  } while (page.hasNext && page.keys.length < wanted);
  store.pages.set(id, page);
}

async function fetchPage(id, exp, first, after) {
  const data = await graphql(NEIGHBORS, { id, types: exp.types, direction: exp.direction, asOf: store.asOf, first, after });
  if (!data.neighbors) throw new ServiceError(`No entity has the key “${id}”: it may have been deleted.`);
  return data.neighbors;
}

function absorb(page, result) {
  for (const edge of result.edges) {
    store.remember(edge.node);
    page.keys.push(store.rememberEdge(edge.relationship));
  }
  page.total = result.totalCount;
  page.counts = result.countsByType;
  page.endCursor = result.pageInfo.endCursor;
  page.hasNext = result.pageInfo.hasNextPage;
}

function nameOf(id) {
  return store.entities.get(id)?.name || id;
}

// --- what a person can do -----------------------------------------------------------------

async function place(entity) {
  store.remember(entity);
  store.addRoot(entity.id);
  render();
  await select({ group: "node", id: entity.id });
  canvas.cy.animate({ center: { eles: canvas.cy.getElementById(entity.id) }, duration: 200 });
}

async function expand(id, filter = { types: null, direction: "BOTH" }) {
  const started = performance.now();
  store.expanded.set(id, { pages: 1, types: filter.types, direction: filter.direction });
  try {
    await loadExpansion(id);
  } catch (error) {
    store.expanded.delete(id);
    throw error;
  }
  render();
  performance.measure("explorer:expand", { start: started, end: performance.now() });
  const page = store.pages.get(id);
  announce(`${nameOf(id)}: showing ${page.keys.length} of ${page.total} relationships.`);
  await refreshPanel();
}

async function collapse(id) {
  store.expanded.delete(id);
  store.pages.delete(id);
  store.prune();
  render();
  announce(`${nameOf(id)} collapsed.`);
  await refreshPanel();
}

async function toggle(id) {
  if (store.expanded.has(id)) await collapse(id);
  else await expand(id);
}

async function more(id) {
  const exp = store.expanded.get(id);
  const page = store.pages.get(id);
  if (!exp || !page || !page.hasNext) return;
  const started = performance.now();
  absorb(page, await fetchPage(id, exp, PAGE_SIZE, page.endCursor));
  exp.pages += 1;
  render();
  performance.measure("explorer:more", { start: started, end: performance.now() });
  announce(`${nameOf(id)}: showing ${page.keys.length} of ${page.total} relationships.`);
}

async function remove(id) {
  store.roots = store.roots.filter((r) => r !== id);
  store.expanded.delete(id);
  store.pages.delete(id);
  if (store.path && (store.path.from === id || store.path.to === id)) paths.clear();
  store.prune();
  const view = render();
  if (view.nodes.has(id)) announce(`${nameOf(id)} stays: it is a neighbour of an expanded entity or on the path. Collapse that entity to remove it.`);
  else if (store.selected?.id === id) await select(null);
}

async function select(selection) {
  store.selected = selection;
  canvas.select(selection);
  writeUrl(store);
  if (!selection) {
    panel.clear();
    return;
  }
  if (selection.group === "edge") {
    const edge = store.edges.get(selection.id);
    if (!edge) {
      store.selected = null;
      panel.clear();
      return;
    }
    panel.showEdge(edge, store.entities);
    return;
  }
  await showDetails(selection.id);
}

async function showDetails(id) {
  const mine = ++detailsAsked;
  const name = store.entities.get(id)?.name;
  panel.loading(name);
  let data;
  try {
    data = await graphql(DETAILS, { id, asOf: store.asOf });
  } catch (error) {
    if (mine === detailsAsked) panel.failed(name);
    throw error;
  }
  if (mine !== detailsAsked) return;
  if (!data.node) throw new ServiceError(`No entity has the key “${id}”: it may have been deleted.`);
  store.remember(data.node);
  for (const edge of data.neighbors.edges) {
    store.remember(edge.node);
    store.rememberEdge(edge.relationship);
  }
  const exp = store.expanded.get(id);
  panel.showEntity(data, {
    expanded: store.expanded.has(id),
    onCanvas: store.visible().nodes.has(id),
    filter: exp ? { types: exp.types, direction: exp.direction } : { types: null, direction: "BOTH" },
  });
}

async function refreshPanel() {
  if (store.selected?.group === "node") await showDetails(store.selected.id);
}

// --- the date -----------------------------------------------------------------------------

async function setDate(day) {
  store.asOf = day || null;
  $("as-of").value = store.asOf || "";
  await Promise.all([...store.expanded.keys()].map((id) => loadExpansion(id)));
  store.prune();
  render();
  if (store.path) paths.showNav();
  announce(store.asOf ? `Showing relationships holding on ${store.asOf}.` : "Showing relationships of every date.");
  await refreshPanel();
}

// --- the URL ------------------------------------------------------------------------------

async function restore() {
  const view = readUrl(location.search, config.relationshipTypes.map((r) => r.name));
  store.asOf = view.asOf;
  $("as-of").value = view.asOf || "";
  const ids = [...new Set([...view.roots, ...view.expanded.map((e) => e.id)])];
  if (ids.length) {
    const data = await graphql(NODES, { ids });
    data.nodes.filter(Boolean).forEach((n) => store.remember(n));
    const missing = ids.filter((id) => !store.entities.has(id));
    if (missing.length) announce(`Not in the graph any more: ${missing.join(", ")}.`);
  }
  store.roots = view.roots.filter((id) => store.entities.has(id));
  for (const exp of view.expanded) {
    if (store.entities.has(exp.id)) store.expanded.set(exp.id, { pages: exp.pages, types: exp.types, direction: exp.direction });
  }
  const pathWork = view.path ? paths.find(view.path.from, view.path.to, view.path.index) : null;
  await Promise.all([...store.expanded.keys()].map((id) => loadExpansion(id)));
  await pathWork;
  if (view.path) paths.showEnds(view.path.from, view.path.to);
  store.prune();
  render({ relayout: true });
  if (view.path) paths.showNav();
  if (view.selected) await select(view.selected);
}

// --- controls -----------------------------------------------------------------------------

attachCombobox($("search"), $("search-results"), {
  looks,
  onError: showError,
  onChoose: (entity) => attempt(() => place(entity)),
});
for (const end of ["path-from", "path-to"]) {
  attachCombobox($(end), $(`${end}-results`), { looks, onError: showError, onChoose: () => {} });
}
paths.bind();
$("as-of").addEventListener("change", (event) => attempt(() => setDate(event.target.value)));
$("as-of-clear").addEventListener("click", () => attempt(() => setDate(null)));
$("fit").addEventListener("click", () => canvas.fit());
$("relayout").addEventListener("click", () => canvas.layout());
$("export-png").addEventListener("click", () => exportPng(canvas.cy));
$("export-json").addEventListener("click", () => exportJson(store, store.visible()));
$("clear").addEventListener("click", () => {
  Object.assign(store, { roots: [], path: null, paths: [], selected: null });
  store.expanded.clear();
  store.pages.clear();
  $("path-nav").hidden = true;
  panel.clear();
  render();
});
$("error-dismiss").addEventListener("click", clearError);
document.addEventListener("keydown", (event) => {
  const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement;
  if (event.key === "/" && !typing) {
    event.preventDefault();
    $("search").focus();
  }
});

if (window.matchMedia("(max-width: 760px)").matches) $("legend").open = false; // leave the canvas free

window.explorer = { cy: canvas.cy, store };
attempt(restore).finally(() => {
  document.body.dataset.ready = "true";
});
