// The view as a PNG picture or as JSON (entities and relationships on the canvas).

function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function exportPng(cy) {
  download(cy.png({ output: "blob", bg: "#ffffff", full: true, scale: 2 }), "spbe-graph.png");
}

export function viewJson(store, view) {
  return {
    asOf: store.asOf,
    nodes: [...view.nodes].map((id) => store.entities.get(id) || { id }),
    edges: [...view.edges].map((key) => {
      const { id, type, from, to, properties, sources } = store.edges.get(key);
      return { id, type, from, to, properties, sources: (sources || []).map((s) => s.id) };
    }),
  };
}

export function exportJson(store, view) {
  const text = JSON.stringify(viewJson(store, view), null, 2);
  download(new Blob([text], { type: "application/json" }), "spbe-graph.json");
}
