// The legend: the kinds on the canvas (every kind while it is empty), and the "more" group.

import { camelWords, h } from "./dom.js";
import { swatchClass } from "./style.js";

export function renderLegend(list, looks, kindsShown) {
  const kinds = kindsShown.size ? [...looks.keys()].filter((k) => kindsShown.has(k)) : [...looks.keys()];
  list.replaceChildren(
    ...kinds.map((kind) => {
      const look = looks.get(kind);
      return h("li", {}, h("span", { class: swatchClass(look.shape), style: `background:${look.colour}`, "aria-hidden": "true" }), camelWords(kind));
    }),
    h("li", {}, h("span", { class: "swatch more", "aria-hidden": "true" }), "more neighbours: select to show"),
  );
}
