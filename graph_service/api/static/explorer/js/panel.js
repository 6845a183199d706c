// The side panel: the selected entity (properties, sources, relationships grouped by type,
// timeline, expand controls) or the selected relationship (properties and sources).

import { camelWords, h, words } from "./dom.js";
import { swatchClass } from "./style.js";

const HIDDEN_ENTITY_FIELDS = new Set(["id", "name", "kind", "sources", "__typename", "verified"]);

function value(v) {
  if (Array.isArray(v)) return v.join(", ");
  if (v && typeof v === "object") return JSON.stringify(v);
  if (typeof v === "boolean") return v ? "yes" : "no";
  return String(v);
}

function definitions(entries) {
  const rows = entries.filter(([, v]) => v !== null && v !== undefined && v !== "" && !(Array.isArray(v) && v.length === 0));
  if (rows.length === 0) return h("p", { class: "facts" }, "No properties recorded.");
  return h("dl", {}, rows.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, value(v))]));
}

// Only http(s) addresses become links: a `javascript:` URL in the data must not run.
function isWebAddress(url) {
  return typeof url === "string" && /^https?:\/\//i.test(url);
}

function sourceList(sources) {
  if (!sources || sources.length === 0) return h("p", { class: "facts" }, "No sources recorded.");
  return h(
    "ul",
    { class: "sources" },
    sources.map((s) => {
      const title = s.title || s.name || s.id;
      const by = [s.publisher, s.published].filter(Boolean).join(", ");
      return h(
        "li",
        {},
        isWebAddress(s.url) ? h("a", { href: s.url, target: "_blank", rel: "noopener noreferrer" }, title) : title,
        by ? h("span", { class: "facts" }, ` (${by})`) : null,
      );
    }),
  );
}

function edgeFacts(edge) {
  const props = edge.properties || {};
  return Object.entries(props)
    .filter(([k]) => !["note", "as_of"].includes(k))
    .map(([k, v]) => `${words(k)} ${value(v)}`)
    .join(" · ");
}

function fill(element, ...children) {
  element.replaceChildren(...children.filter((c) => c !== null && c !== undefined && c !== false));
}

export class Panel {
  constructor(element, { looks, relationshipTypes, actions }) {
    this.element = element;
    this.looks = looks;
    this.descriptions = new Map(relationshipTypes.map((r) => [r.name, r.description]));
    this.actions = actions;
  }

  clear() {
    fill(this.element, h("p", { class: "panel-empty" }, "Select an entity or a relationship to see its details."));
  }

  loading(name) {
    fill(this.element, h("h2", {}, name || "…"), h("p", { class: "facts" }, "Loading…"));
  }

  failed(name) {
    fill(this.element, h("h2", {}, name || "…"), h("p", { class: "facts" }, "The details could not be loaded: see the message above."));
  }

  kindLine(kind) {
    const look = this.looks.get(kind) || { colour: "#ccc", shape: "ellipse" };
    return h("p", { class: "kind-line" },
      h("span", { class: swatchClass(look.shape), style: `background:${look.colour}`, "aria-hidden": "true" }),
      camelWords(kind));
  }

  entityButton(entity) {
    return h("button", { type: "button", class: "link-button", onclick: () => this.actions.show(entity) }, entity.name);
  }

  showEntity(details, { expanded, onCanvas, filter }) {
    const { node, neighbors, timeline } = details;
    const properties = Object.entries(node).filter(([k]) => !HIDDEN_ENTITY_FIELDS.has(k)).map(([k, v]) => [camelWords(k), v]);
    fill(this.element, 
      h("h2", { id: "panel-title" }, node.name),
      this.kindLine(node.kind),
      node.verified ? null : h("p", { class: "unverified" }, "Rests only on a secondary source."),
      this.expandControls(node, neighbors, { expanded, onCanvas, filter }),
      h("h3", {}, "Properties"),
      definitions([["key", node.id], ...properties]),
      h("h3", {}, "Sources"),
      sourceList(node.sources),
      h("h3", {}, `Relationships (${neighbors.totalCount})`),
      this.relationships(node, neighbors),
      h("h3", {}, `Timeline (${timeline.totalCount})`),
      this.timeline(timeline),
    );
  }

  expandControls(node, neighbors, { expanded, onCanvas, filter }) {
    const types = [...new Set(neighbors.countsByType.map((c) => c.type))];
    const checks = types.map((type) => {
      const count = neighbors.countsByType.filter((c) => c.type === type).reduce((n, c) => n + c.count, 0);
      return h("label", {}, h("input", { type: "checkbox", name: "type", value: type, checked: !filter.types || filter.types.includes(type) }),
        `${words(type)} (${count})`);
    });
    const direction = h("select", { name: "direction", "aria-label": "Direction" },
      ["BOTH", "OUT", "IN"].map((d) => h("option", { value: d, selected: d === filter.direction },
        { BOTH: "both directions", OUT: "outgoing only", IN: "incoming only" }[d])));
    const form = h("details", { class: "filter" }, h("summary", {}, "Expand only some relationships"), h("div", {}, checks), h("label", {}, "Direction ", direction));
    const chosen = () => {
      const ticked = [...form.querySelectorAll('input[name="type"]:checked')].map((i) => i.value);
      return { types: ticked.length === types.length ? null : ticked, direction: direction.value };
    };
    return h("div", {},
      h("div", { class: "actions" },
        onCanvas ? null : h("button", { type: "button", class: "primary", onclick: () => this.actions.place(node) }, "Put on canvas"),
        expanded
          ? h("button", { type: "button", onclick: () => this.actions.collapse(node.id) }, "Collapse")
          : h("button", { type: "button", class: onCanvas ? "primary" : "", onclick: () => this.actions.expand(node, chosen()) }, "Expand"),
        onCanvas ? h("button", { type: "button", onclick: () => this.actions.remove(node.id) }, "Remove") : null,
        h("button", { type: "button", onclick: () => this.actions.pathEnd("from", node) }, "Path from here"),
        h("button", { type: "button", onclick: () => this.actions.pathEnd("to", node) }, "Path to here")),
      types.length ? form : null);
  }

  relationships(node, neighbors) {
    if (neighbors.edges.length === 0) return h("p", { class: "facts" }, "None on this date.");
    const groups = new Map();
    for (const edge of neighbors.edges) {
      const key = `${edge.relationship.type} ${edge.direction}`;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(edge);
    }
    const sections = [];
    for (const [key, edges] of groups) {
      const [type, direction] = key.split(" ");
      const total = neighbors.countsByType.find((c) => c.type === type && c.direction === direction);
      const heading = direction === "OUT" ? `${words(type)} →` : `← ${words(type)}`;
      sections.push(
        h("section", { class: "relationship-group", dataset: { type, direction } },
          h("h4", { title: this.descriptions.get(type) || "" }, `${heading} (${total ? total.count : edges.length})`),
          h("ul", {}, edges.map((edge) => h("li", {},
            h("button", { type: "button", class: "link-button", dataset: { edge: edge.relationship.id },
              onclick: () => this.actions.selectEdge(edge.relationship) }, edge.node.name),
            edgeFacts(edge.relationship) ? h("span", { class: "facts" }, ` ${edgeFacts(edge.relationship)}`) : null)))));
    }
    if (neighbors.totalCount > neighbors.edges.length) {
      sections.push(h("p", { class: "more-note" }, `Showing ${neighbors.edges.length} of ${neighbors.totalCount}; expand the entity to page through the rest on the canvas.`));
    }
    return h("div", {}, sections);
  }

  timeline(timeline) {
    if (timeline.edges.length === 0) return h("p", { class: "facts" }, "No dated facts.");
    return h("ol", { class: "timeline" }, timeline.edges.map(({ node: item }) => h("li", {},
      h("strong", {}, item.endDate ? `${item.date} – ${item.endDate}` : item.date), " ", item.description)));
  }

  showEdge(edge, entities) {
    const from = entities.get(edge.from) || { id: edge.from, name: edge.from };
    const to = entities.get(edge.to) || { id: edge.to, name: edge.to };
    const props = Object.entries(edge.properties || {}).map(([k, v]) => [words(k), v]);
    fill(this.element, 
      h("h2", { id: "panel-title" }, words(edge.type)),
      h("p", { class: "facts" }, this.descriptions.get(edge.type) || ""),
      h("p", {}, "From ", this.entityButton(from), " to ", this.entityButton(to)),
      edge.verified === false ? h("p", { class: "unverified" }, "Rests only on a secondary source.") : null,
      h("h3", {}, "Properties"),
      definitions(props),
      h("h3", {}, "Sources"),
      sourceList(edge.sources),
    );
  }
}
