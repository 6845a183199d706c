// The path finder: the shortest path between two entities highlighted on the canvas, then
// the other paths (shortest first) stepped through with the arrows.

import { graphql, ServiceError } from "./api.js";
import { PATHS } from "./queries.js";

const $ = (id) => document.getElementById(id);

export class PathFinder {
  constructor({ store, render, announce, nameOf, attempt, showError }) {
    Object.assign(this, { store, render, announce, nameOf, attempt, showError });
  }

  bind() {
    $("path-find").addEventListener("click", () => {
      const from = $("path-from").dataset.id;
      const to = $("path-to").dataset.id;
      if (!from || !to) {
        this.showError(new ServiceError("Choose both ends of the path from the suggestions first."));
        return;
      }
      this.attempt(() => this.find(from, to));
    });
    $("path-prev").addEventListener("click", () => this.step(-1));
    $("path-next").addEventListener("click", () => this.step(+1));
    $("path-clear").addEventListener("click", () => this.clear());
    $("toggle-path").addEventListener("click", () => {
      const section = $("path-finder");
      section.hidden = !section.hidden;
      $("toggle-path").setAttribute("aria-expanded", String(!section.hidden));
      if (!section.hidden) $("path-from").focus();
    });
  }

  async find(from, to, index = 0) {
    const { store } = this;
    const data = await graphql(PATHS, { from, to });
    const found = [];
    for (const path of [data.shortestPath, ...data.paths]) {
      if (!path) continue;
      path.nodes.forEach((n) => store.remember(n));
      const keys = path.edges.map((e) => store.rememberEdge(e));
      const signature = keys.join("|");
      if (!found.some((p) => p.signature === signature)) {
        found.push({ nodes: path.nodes.map((n) => n.id), edges: keys, length: path.length, signature });
      }
    }
    store.paths = found;
    store.path = found.length ? { from, to, index: Math.min(index, found.length - 1) } : null;
    this.render();
    this.showNav();
    if (!found.length) {
      this.announce(`No path of at most 6 relationships joins ${this.nameOf(from)} and ${this.nameOf(to)}.`);
    }
  }

  showNav() {
    const { store, nameOf } = this;
    const path = store.currentPath();
    $("path-nav").hidden = !path;
    if (!path) return;
    const hidden = path.edges.length - store.visible().pathEdges.size;
    const route = path.nodes.map(nameOf).join(" → ");
    $("path-summary").textContent =
      `Path ${store.path.index + 1} of ${store.paths.length} (${path.length} relationship${path.length === 1 ? "" : "s"}): ${route}` +
      (hidden ? `. ${hidden} of its relationships did not hold on ${store.asOf}.` : "");
    $("path-prev").disabled = store.path.index === 0;
    $("path-next").disabled = store.path.index >= store.paths.length - 1;
    this.announce(`Path from ${nameOf(store.path.from)} to ${nameOf(store.path.to)} highlighted.`);
  }

  open() {
    $("path-finder").hidden = false;
    $("toggle-path").setAttribute("aria-expanded", "true");
  }

  // Shows the ends in the path finder's fields (when a path comes from the URL).
  showEnds(from, to) {
    this.open();
    for (const [input, id] of [[$("path-from"), from], [$("path-to"), to]]) {
      input.value = this.nameOf(id);
      input.dataset.id = id;
    }
  }

  // "Path from here" / "Path to here" in the panel fill one end; with both, the path is found.
  async setEnd(end, entity) {
    this.open();
    const input = $(`path-${end}`);
    input.value = entity.name;
    input.dataset.id = entity.id;
    const from = $("path-from").dataset.id;
    const to = $("path-to").dataset.id;
    if (from && to) await this.find(from, to);
    else $(`path-${end === "from" ? "to" : "from"}`).focus();
  }

  step(delta) {
    const { store } = this;
    if (!store.path) return;
    store.path.index = Math.max(0, Math.min(store.paths.length - 1, store.path.index + delta));
    this.render({ relayout: true });
    this.showNav();
  }

  clear() {
    this.store.path = null;
    this.store.paths = [];
    $("path-nav").hidden = true;
    this.store.prune();
    this.render();
  }
}
