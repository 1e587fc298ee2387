// The few DOM helpers the wall's views share: elements are made once and their text set only
// when it changes, so a message that changes nothing touches nothing on the screen.

export const byId = (id) => document.getElementById(id);

export function setText(element, value) {
  if (element.textContent !== value) element.textContent = value;
}

export function make(tag, className, parent) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (parent) parent.appendChild(element);
  return element;
}

export function rootFontSize() {
  return parseFloat(getComputedStyle(document.documentElement).fontSize) || 24;
}

/** A CSS custom property of the page's root (`--party`), or grey when it is not set. */
export const cssVar = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
