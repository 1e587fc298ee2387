// Small helpers the console's three parts share: selects, form messages, whole numbers.

import { setText } from './dom.js';

/** Fills a select with [value, label] pairs, keeping `chosen` selected when present. */
export function fillSelect(select, entries, chosen) {
  select.replaceChildren();
  for (const [value, label] of entries) {
    const option = document.createElement('option');
    option.value = value;
    option.textContent = label;
    option.selected = value === chosen;
    select.appendChild(option);
  }
}

/** A form's message line: words, marked as an error or a success. */
export function say(element, words, error) {
  setText(element, words);
  element.classList.toggle('error', !!error);
  element.classList.toggle('done', !error && !!words);
}

/** The whole number typed, or undefined when the field is empty (the API's default applies) or not a whole number (sent as typed, for the API to refuse). */
export function wholeNumber(input) {
  const raw = input.value.trim();
  if (raw === '') return undefined;
  const n = Number(raw);
  return Number.isInteger(n) ? n : raw;
}

/**
 * A refusal beside its form: the words, and the fields the API named marked invalid, the first
 * of them focused (the form's controls are named as the API's fields).
 */
export function refuse(form, element, words, errors) {
  say(element, words, true);
  let first = null;
  for (const field of form.querySelectorAll('input, select')) {
    if (errors && Object.hasOwn(errors, field.name)) {
      field.setAttribute('aria-invalid', 'true');
      first ??= field;
    }
  }
  first?.focus();
}

/** Every field of every form is described by its form's message line, so a reader hears the refusal. */
export function describeFields(root) {
  for (const form of root.querySelectorAll('form.admin-form')) {
    const message = form.querySelector('.form-message');
    if (!message) continue;
    for (const field of form.querySelectorAll('input, select')) field.setAttribute('aria-describedby', message.id);
  }
}

/** Runs one submit at a time: the form's buttons are disabled while it runs; earlier marks of invalid fields go. */
export function busy(form, work) {
  return async (...args) => {
    for (const field of form.querySelectorAll('[aria-invalid]')) field.removeAttribute('aria-invalid');
    const buttons = [...form.querySelectorAll('button')];
    for (const b of buttons) b.disabled = true;
    try { await work(...args); } finally { for (const b of buttons) b.disabled = false; }
  };
}

/**
 * Focus for after an awaited save and refresh: `field` takes it only when the person is still on
 * `form` (or nowhere), so someone who has moved on and is typing in another form is never pulled
 * back mid-word.
 */
export function refocus(form, field) {
  const now = document.activeElement;
  if (!now || now === document.body || form.contains(now)) field.focus();
}
