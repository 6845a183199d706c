// The graph drawn with cytoscape.js: elements kept in step with the store's visible set,
// a force-directed layout when entities arrive, and keyboard moves between entities.
/* global cytoscape */

import { words } from "./dom.js";

const SHORT_PROPERTIES = ["rank", "year", "role", "value"];

function edgeLabel(edge) {
  const props = edge.properties || {};
  const detail = SHORT_PROPERTIES.filter((p) => props[p] !== undefined && props[p] !== null)
    .map((p) => (p === "role" ? String(props[p]) : `${p} ${props[p]}`))
    .join(", ");
  return detail ? `${words(edge.type)} (${detail})` : words(edge.type);
}

function styles(looks) {
  const sheet = [
    {
      selector: "node",
      style: {
        label: "data(label)",
        "font-size": 11,
        color: "#1b1f24",
        "text-valign": "bottom",
        "text-margin-y": 4,
        "text-wrap": "wrap",
        "text-max-width": "170px",
        "line-height": 1.15,
        "text-background-color": "#ffffff",
        "text-background-opacity": 0.85,
        "text-background-padding": "2px",
        width: 30,
        height: 30,
        "border-width": 1,
        "border-color": "#30363d",
      },
    },
    { selector: "node.expanded", style: { "border-width": 3 } },
    {
      selector: "node.more",
      style: {
        shape: "round-rectangle",
        "background-color": "#ffffff",
        "border-style": "dashed",
        "border-width": 1.5,
        "border-color": "#57606a",
        "text-valign": "center",
        "text-margin-y": 0,
        "text-background-opacity": 0,
        width: "data(width)",
        height: 22,
        padding: "6px",
        color: "#0b5cad",
      },
    },
    {
      selector: "edge",
      style: {
        width: 1.5,
        "curve-style": "bezier",
        "line-color": "#8c959f",
        "target-arrow-color": "#8c959f",
        "target-arrow-shape": "triangle",
        label: "data(label)",
        "font-size": 9,
        color: "#424a53",
        "text-rotation": "autorotate",
        "text-background-color": "#ffffff",
        "text-background-opacity": 0.85,
        "text-background-padding": "1px",
        "min-zoomed-font-size": 7,
      },
    },
    { selector: "edge.more-link", style: { "line-style": "dashed", "target-arrow-shape": "none", label: "" } },
    { selector: "node.on-path", style: { "border-color": "#1c7ed6", "border-width": 4 } },
    {
      selector: "edge.on-path",
      style: { "line-color": "#1c7ed6", "target-arrow-color": "#1c7ed6", width: 4, "z-index": 5 },
    },
    { selector: ".faded", style: { opacity: 0.3 } },
    { selector: "node:selected", style: { "border-color": "#d9480f", "border-width": 4 } },
    {
      selector: "edge:selected",
      style: { "line-color": "#d9480f", "target-arrow-color": "#d9480f", width: 4, "z-index": 9 },
    },
  ];
  for (const [kind, look] of looks) {
    sheet.splice(1, 0, {
      selector: `node[kind = "${kind}"]`,
      style: { "background-color": look.colour, shape: look.shape },
    });
  }
  return sheet;
}

export class Canvas {
  constructor(container, looks, handlers) {
    this.handlers = handlers;
    this.cy = cytoscape({
      container,
      style: styles(looks),
      minZoom: 0.15,
      maxZoom: 3,
      boxSelectionEnabled: false,
      selectionType: "single",
    });
    this.cy.on("tap", "node", (event) => {
      const node = event.target;
      if (node.hasClass("more")) handlers.more(node.data("hub"));
      else handlers.select({ group: "node", id: node.id() });
    });
    this.cy.on("dbltap", "node", (event) => {
      if (!event.target.hasClass("more")) handlers.toggle(event.target.id());
    });
    this.cy.on("tap", "edge", (event) => {
      if (!event.target.hasClass("more-link")) handlers.select({ group: "edge", id: event.target.id() });
    });
    this.cy.on("tap", (event) => {
      if (event.target === this.cy) handlers.select(null);
    });
    container.addEventListener("keydown", (event) => this.onKey(event));
    // The toolbar and path bar wrap at narrow widths: keep the drawing the size of its box.
    new ResizeObserver(() => this.cy.resize()).observe(container);
  }

  // Make the canvas show exactly the visible set; returns true when entities were added.
  sync(store, view) {
    const cy = this.cy;
    const wanted = new Set([...view.nodes, ...view.edges, ...view.more.map((m) => m.id),
      ...view.more.map((m) => `${m.id}:link`)]);
    cy.elements().filter((el) => !wanted.has(el.id())).remove();
    const added = [];
    cy.batch(() => {
      for (const id of view.nodes) {
        const entity = store.entities.get(id) || { name: id, kind: "" };
        const existing = cy.getElementById(id);
        if (existing.nonempty()) {
          existing.data("label", entity.name);
          continue;
        }
        added.push(cy.add({ group: "nodes", data: { id, label: entity.name, kind: entity.kind } }));
      }
      for (const more of view.more) {
        const label = `${more.remaining} more`;
        const existing = cy.getElementById(more.id);
        const width = 8 * label.length + 8;
        if (existing.nonempty()) existing.data({ label, width });
        else added.push(cy.add({ group: "nodes", classes: "more", data: { id: more.id, label, width, hub: more.parent } }));
        if (cy.getElementById(`${more.id}:link`).empty()) {
          cy.add({ group: "edges", classes: "more-link", data: { id: `${more.id}:link`, source: more.parent, target: more.id } });
        }
      }
      for (const key of view.edges) {
        if (cy.getElementById(key).nonempty()) continue;
        const edge = store.edges.get(key);
        cy.add({ group: "edges", data: { id: key, source: edge.from, target: edge.to, label: edgeLabel(edge), type: edge.type } });
      }
      cy.nodes().forEach((node) => {
        node.toggleClass("expanded", view.opened.has(node.id()));
        node.toggleClass("on-path", view.pathNodes.has(node.id()));
      });
      cy.edges().forEach((edge) => edge.toggleClass("on-path", view.pathEdges.has(edge.id())));
      const highlighting = view.pathNodes.size > 0;
      cy.elements().forEach((el) => {
        el.toggleClass("faded", highlighting && !el.hasClass("on-path"));
      });
    });
    this.placeNear(added);
    return added.length > 0;
  }

  // New entities start around a neighbour already placed, so the layout moves them little.
  placeNear(added) {
    added.forEach((node, i) => {
      const anchor = node.neighborhood("node").filter((n) => !added.includes(n)).first();
      const centre = anchor.nonempty() ? anchor.position() : { x: 0, y: 0 };
      const angle = (2 * Math.PI * i) / Math.max(added.length, 1);
      node.position({ x: centre.x + 160 * Math.cos(angle), y: centre.y + 160 * Math.sin(angle) });
    });
  }

  layout() {
    const layout = this.cy.layout({
      name: "cose",
      animate: false,
      randomize: false,
      fit: true,
      padding: 40,
      nodeDimensionsIncludeLabels: true,
      idealEdgeLength: () => 110,
      nodeRepulsion: () => 9000,
      numIter: 600,
    });
    layout.run();
    this.limitZoom();
  }

  fit() {
    this.cy.fit(undefined, 40);
    this.limitZoom();
  }

  // A lone entity or two would be fitted at the largest zoom: keep labels at reading size.
  limitZoom() {
    if (this.cy.zoom() > 1.4) {
      this.cy.zoom(1.4);
      this.cy.center();
    }
  }

  select(selection) {
    this.cy.elements(":selected").unselect();
    if (selection) this.cy.getElementById(selection.id).select();
  }

  onKey(event) {
    const cy = this.cy;
    const selected = cy.nodes(":selected").first();
    const key = event.key;
    if (key === "+" || key === "=") cy.zoom({ level: cy.zoom() * 1.2, renderedPosition: this.centre() });
    else if (key === "-") cy.zoom({ level: cy.zoom() / 1.2, renderedPosition: this.centre() });
    else if (key === "0") this.fit();
    else if (key === "Escape") this.handlers.select(null);
    else if (key.startsWith("Arrow")) this.moveSelection(selected, key);
    else if (key === "Enter" && selected.nonempty()) {
      if (selected.hasClass("more")) this.handlers.more(selected.data("hub"));
      else this.handlers.toggle(selected.id());
    } else if ((key === "Delete" || key === "Backspace") && selected.nonempty()) this.handlers.remove(selected.id());
    else return;
    event.preventDefault();
  }

  centre() {
    const { width, height } = this.cy.container().getBoundingClientRect();
    return { x: width / 2, y: height / 2 };
  }

  // Arrow keys pick the nearest entity in that direction (any entity when none is selected).
  moveSelection(from, key) {
    const nodes = this.cy.nodes();
    if (nodes.empty()) return;
    let next = nodes.first();
    if (from.nonempty()) {
      const origin = from.position();
      const [dx, dy] = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[key];
      let best = Infinity;
      next = from;
      nodes.forEach((node) => {
        if (node === from) return;
        const { x, y } = node.position();
        const along = (x - origin.x) * dx + (y - origin.y) * dy;
        if (along <= 0) return;
        const across = Math.abs((x - origin.x) * dy - (y - origin.y) * dx);
        const score = along + 2 * across;
        if (score < best) {
          best = score;
          next = node;
        }
      });
    }
    if (next.hasClass("more")) {
      this.cy.elements(":selected").unselect();
      next.select();
      this.handlers.announce(`${next.data("label")}: press Enter to show them`);
    } else {
      this.handlers.select({ group: "node", id: next.id() });
      this.handlers.announce(`${next.data("label")} selected: Enter expands or collapses it.`);
    }
    this.cy.animate({ center: { eles: next }, duration: 150 });
  }

  renderedCentreOf(id) {
    const el = this.cy.getElementById(id);
    return el.isNode() ? el.renderedPosition() : el.renderedMidpoint();
  }
}
