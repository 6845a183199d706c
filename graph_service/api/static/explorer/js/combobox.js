// Search with suggestions as you type (ARIA combobox): arrows move, Enter chooses, Escape closes.

import { graphql } from "./api.js";
import { camelWords, h, words } from "./dom.js";
import { SEARCH } from "./queries.js";
import { swatchClass } from "./style.js";

const DELAY_MS = 120;

export function attachCombobox(input, listbox, { looks, onChoose, onError }) {
  let timer = null;
  let asked = 0;
  let options = [];
  let active = -1;

  function close() {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    active = index;
    [...listbox.children].forEach((li, i) => li.setAttribute("aria-selected", String(i === index)));
    const li = listbox.children[index];
    if (li && li.id) {
      input.setAttribute("aria-activedescendant", li.id);
      li.scrollIntoView({ block: "nearest" });
    }
  }

  function choose(index) {
    const entity = options[index];
    if (!entity) return;
    input.value = entity.name;
    input.dataset.id = entity.id;
    close();
    onChoose(entity);
  }

  function render(edges, text) {
    options = edges.map((edge) => edge.node);
    listbox.replaceChildren(
      ...edges.map((edge, i) => {
        const look = looks.get(edge.node.kind);
        return h(
          "li",
          { role: "option", id: `${listbox.id}-${i}`, "aria-selected": "false", dataset: { id: edge.node.id },
            onmousedown: (event) => { event.preventDefault(); choose(i); } },
          h("span", { class: swatchClass(look.shape), style: `background:${look.colour}`, "aria-hidden": "true" }),
          h("span", { class: "option-name" }, edge.node.name),
          h("span", { class: "option-kind" }, camelWords(edge.node.kind)),
          h("span", { class: "option-match" }, words(edge.match)),
        );
      }),
    );
    if (edges.length === 0) listbox.append(h("li", { class: "no-results" }, `Nothing matches “${text}”.`));
    listbox.hidden = false;
    input.setAttribute("aria-expanded", "true");
    if (edges.length) highlight(0);
  }

  async function ask(text, started) {
    const mine = ++asked;
    try {
      const data = await graphql(SEARCH, { q: text });
      if (mine !== asked) return;
      render(data.search.edges, text);
      performance.measure("explorer:search", { start: started, end: performance.now() });
    } catch (error) {
      if (mine === asked) onError(error);
    }
  }

  input.addEventListener("input", () => {
    delete input.dataset.id;
    clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < 2) {
      asked++;
      close();
      return;
    }
    const started = performance.now();
    timer = setTimeout(() => ask(text, started), DELAY_MS);
  });
  input.addEventListener("keydown", (event) => {
    const open = !listbox.hidden && options.length > 0;
    if (event.key === "ArrowDown" && open) highlight((active + 1) % options.length);
    else if (event.key === "ArrowUp" && open) highlight((active - 1 + options.length) % options.length);
    else if (event.key === "Enter" && open) choose(Math.max(active, 0));
    else if (event.key === "Escape" && !listbox.hidden) close();
    else return;
    event.preventDefault();
  });
  input.addEventListener("blur", () => setTimeout(close, 100));
}
