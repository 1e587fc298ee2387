// The few DOM helpers every view uses. Data only ever goes in as text.

export function make(tag, className, parent) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (parent) parent.appendChild(element);
  return element;
}

/** Sets text only when it differs, so unchanged figures cost nothing. */
export function setText(element, value) {
  if (element.textContent !== value) element.textContent = value;
}

export function button(parent, className, label) {
  const element = make('button', className, parent);
  element.type = 'button';
  element.textContent = label;
  return element;
}

/**
 * Puts `elements` into `parent` in this order, moving only those out of place. A list that
 * refreshes while someone types in one of its rows must not take their focus:
 * replaceChildren detaches every child, and a detached field loses the focus, so the next
 * keystrokes went nowhere. If a move did take it, the focus and caret are put back.
 */
export function placeChildren(parent, elements) {
  const active = document.activeElement;
  const held = active && active !== parent && parent.contains(active) ? active : null;
  const caret = held && typeof held.selectionStart === 'number' ? [held.selectionStart, held.selectionEnd] : null;
  elements.forEach((element, i) => {
    const at = parent.children[i];
    if (at !== element) parent.insertBefore(element, at ?? null);
  });
  while (parent.children.length > elements.length) parent.lastElementChild.remove();
  if (held && held.isConnected && document.activeElement !== held) {
    held.focus();
    if (caret) held.setSelectionRange(caret[0], caret[1]);
  }
}
