// The view in the URL: entities placed (n), expansions (x: id~pages~direction~types),
// the date (date), the path (path: from~to~index) and the selection (sel: n:id or e:key).

export function writeUrl(store) {
  const params = new URLSearchParams();
  if (store.roots.length) params.set("n", store.roots.join(","));
  for (const [id, exp] of store.expanded) {
    const parts = [id, exp.pages > 1 ? exp.pages : "", exp.direction !== "BOTH" ? exp.direction : "",
      exp.types ? exp.types.join(".") : ""];
    while (parts.length > 1 && parts[parts.length - 1] === "") parts.pop();
    params.append("x", parts.join("~"));
  }
  if (store.asOf) params.set("date", store.asOf);
  if (store.path) params.set("path", [store.path.from, store.path.to, store.path.index].join("~"));
  if (store.selected) params.set("sel", `${store.selected.group === "node" ? "n" : "e"}:${store.selected.id}`);
  // Keys, dates and separators stay readable in the address bar.
  const query = params.toString().replace(/%7E/gi, "~").replace(/%3A/gi, ":").replace(/%2C/gi, ",");
  const url = `${location.pathname}${query ? `?${query}` : ""}`;
  if (url !== `${location.pathname}${location.search}`) history.replaceState(null, "", url);
}

const DIRECTIONS = new Set(["BOTH", "OUT", "IN"]);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function readUrl(search, relationshipTypes) {
  const params = new URLSearchParams(search);
  const known = new Set(relationshipTypes);
  const view = { roots: [], expanded: [], asOf: null, path: null, selected: null };
  const ids = (params.get("n") || "").split(",").map((s) => s.trim()).filter(Boolean);
  view.roots = [...new Set(ids)];
  for (const value of params.getAll("x")) {
    const [id, pages, direction, types] = value.split("~");
    if (!id) continue;
    view.expanded.push({
      id,
      pages: Math.min(Math.max(Number.parseInt(pages, 10) || 1, 1), 40),
      direction: DIRECTIONS.has(direction) ? direction : "BOTH",
      types: types ? types.split(".").filter((t) => known.has(t)) : null,
    });
  }
  const date = params.get("date");
  if (date && DAY.test(date)) view.asOf = date;
  const path = (params.get("path") || "").split("~");
  if (path[0] && path[1]) {
    view.path = { from: path[0], to: path[1], index: Math.max(Number.parseInt(path[2], 10) || 0, 0) };
  }
  const selected = params.get("sel");
  if (selected && /^[ne]:./.test(selected)) {
    view.selected = { group: selected[0] === "n" ? "node" : "edge", id: selected.slice(2) };
  }
  return view;
}
