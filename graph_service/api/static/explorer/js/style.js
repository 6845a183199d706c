// How kinds look: a colour and a shape each, assigned in the ontology's order of kinds.

const COLOURS = [
  "#4477aa", "#ee6677", "#228833", "#ccbb44", "#66ccee", "#aa3377", "#bbbbbb",
  "#ee8866", "#44bb99", "#99ddff", "#eedd88", "#ffaabb", "#77aadd", "#888833",
];
const SHAPES = [
  "round-rectangle", "hexagon", "rectangle", "barrel", "octagon", "diamond", "ellipse",
  "star", "tag", "pentagon", "triangle", "rhomboid", "vee", "concave-hexagon",
];

export function kindLooks(kinds) {
  const looks = new Map();
  kinds.forEach((kind, i) => {
    looks.set(kind.name, {
      colour: COLOURS[i % COLOURS.length],
      shape: SHAPES[i % SHAPES.length],
    });
  });
  return looks;
}

export function swatchClass(shape) {
  return `swatch ${shape === "rectangle" ? "" : shape}`.trim();
}
