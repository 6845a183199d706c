// What the person asked to see (the view state, which the URL carries) and what the service
// answered (a cache); `visible()` derives the elements on the canvas from both.

export const PAGE_SIZE = 25;

export function edgeKey(edge) {
  return edge.id || `${edge.from}>${edge.type}>${edge.to}`;
}

export function holdsOn(edge, day) {
  if (!day) return true;
  const { valid_from: from, valid_to: to } = edge.properties || {};
  return (!from || from <= day) && (!to || to >= day);
}

export class Store {
  constructor() {
    this.roots = []; // entities put on the canvas by hand, in order
    this.expanded = new Map(); // id -> { pages, types: string[] | null, direction }
    this.asOf = null; // "YYYY-MM-DD" or null
    this.path = null; // { from, to, index }
    this.selected = null; // { group: "node" | "edge", id }
    this.entities = new Map(); // id -> { id, name, kind }
    this.edges = new Map(); // key -> edge (type, from, to, properties, sources...)
    this.pages = new Map(); // expanded id -> { keys, total, counts, endCursor, hasNext }
    this.paths = []; // [{ nodes: [ids], edges: [keys], length }]
  }

  remember(entity) {
    this.entities.set(entity.id, { id: entity.id, name: entity.name, kind: entity.kind });
  }

  rememberEdge(edge) {
    const key = edgeKey(edge);
    this.edges.set(key, { ...edge, key });
    return key;
  }

  addRoot(id) {
    if (!this.roots.includes(id)) this.roots.push(id);
  }

  currentPath() {
    return this.path && this.paths.length > 0 ? this.paths[this.path.index] || null : null;
  }

  visible() {
    const nodes = new Set(this.roots);
    const edges = new Set();
    const pathNodes = new Set();
    const pathEdges = new Set();
    const path = this.currentPath();
    if (path) {
      path.nodes.forEach((id) => {
        nodes.add(id);
        pathNodes.add(id);
      });
      for (const key of path.edges) {
        if (holdsOn(this.edges.get(key), this.asOf)) {
          edges.add(key);
          pathEdges.add(key);
        }
      }
    }
    const opened = new Set();
    let grew = true;
    while (grew) {
      grew = false;
      for (const id of this.expanded.keys()) {
        if (opened.has(id) || !nodes.has(id) || !this.pages.has(id)) continue;
        opened.add(id);
        grew = true;
        for (const key of this.pages.get(id).keys) {
          const edge = this.edges.get(key);
          edges.add(key);
          nodes.add(edge.from);
          nodes.add(edge.to);
        }
      }
    }
    const more = [];
    for (const id of opened) {
      const page = this.pages.get(id);
      const remaining = page.total - page.keys.length;
      if (remaining > 0) more.push({ id: `more:${id}`, parent: id, remaining });
    }
    return { nodes, edges, more, opened, pathNodes, pathEdges };
  }

  // Expansions of entities no longer on the canvas are forgotten (collapse takes the subtree).
  // The selection stays: the panel may show an entity that is not on the canvas.
  prune() {
    const { opened } = this.visible();
    for (const id of [...this.expanded.keys()]) {
      if (!opened.has(id)) {
        this.expanded.delete(id);
        this.pages.delete(id);
      }
    }
  }
}
