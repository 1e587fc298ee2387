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
