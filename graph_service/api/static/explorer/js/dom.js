// Building DOM nodes without innerHTML, so text from the graph is always text.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      element.addEventListener(name.slice(2), value);
    } else if (name === "dataset") {
      Object.assign(element.dataset, value);
    } else {
      element.setAttribute(name, value === true ? "" : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

export function words(upperSnake) {
  return upperSnake.toLowerCase().replaceAll("_", " ");
}

export function camelWords(name) {
  return name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}
