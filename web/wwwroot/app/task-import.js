// The workbench's import (docs/api.md "Import"): choose a workbook, see the dry run's counts and
// row errors, then apply it. The server checks everything; this only shows what it answered.

import { make, setText, button } from './dom.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** POSTs the workbook; answers { status, report } (report: the JSON body, or { problem } for a refusal). */
async function post(file, dryRun) {
  const answer = await fetch(`/api/v1/import?dryRun=${dryRun}`, {
    method: 'POST', cache: 'no-store', headers: { Accept: 'application/json', 'Content-Type': XLSX }, body: file,
  });
  let body = null;
  try { body = await answer.json(); } catch { /* no body */ }
  return { status: answer.status, body };
}

export class ImportPanel {
  /** done(): the tasks changed (the page reads them again). */
  constructor(text, { opener, done }) {
    this.text = text;
    this.opener = opener;
    this.done = done;
    this.file = null;
    const panel = this.element = make('section', 'import-panel');
    panel.id = 'import-panel';
    panel.hidden = true;
    panel.setAttribute('aria-labelledby', 'import-title');
    const title = make('h3', 'import-title', panel);
    title.id = 'import-title';
    title.textContent = text.importTitle;
    make('p', 'import-hint', panel).textContent = text.importHint;
    // The file input itself is hidden behind a button in the page's language (a browser labels its own in its own).
    const label = make('label', 'import-file', panel);
    this.input = make('input', 'import-input', label);
    this.input.type = 'file';
    this.input.accept = `.xlsx,${XLSX}`;
    this.input.addEventListener('change', () => this.check());
    make('span', 'import-choose', label).textContent = text.chooseFile;
    this.fileName = make('span', 'import-file-name', label);
    const said = make('div', 'import-said', panel);
    said.setAttribute('role', 'status');
    this.status = make('p', 'import-status', said);
    this.advice = make('p', 'import-advice', said);
    this.table = make('table', 'import-errors', panel);
    this.table.hidden = true;
    const actions = make('p', 'import-actions', panel);
    this.applyButton = button(actions, 'import-apply', text.apply);
    this.applyButton.hidden = true;
    this.applyButton.addEventListener('click', () => this.apply());
    button(actions, 'import-close', text.cancelImport).addEventListener('click', () => this.close());
    opener.setAttribute('aria-controls', panel.id);
    opener.setAttribute('aria-expanded', 'false');
    opener.addEventListener('click', () => (panel.hidden ? this.open() : this.close()));
  }

  open() {
    this.element.hidden = false;
    this.opener.setAttribute('aria-expanded', 'true');
    this.input.focus();
  }

  close() {
    this.element.hidden = true;
    this.opener.setAttribute('aria-expanded', 'false');
    this.reset();
  }

  reset() {
    this.file = null;
    this.input.value = '';
    setText(this.fileName, '');
    this.say('', false);
    this.table.hidden = true;
    this.applyButton.hidden = true;
  }

  async check() {
    this.file = this.input.files?.[0] ?? null;
    setText(this.fileName, this.file?.name ?? '');
    this.table.hidden = true;
    this.applyButton.hidden = true;
    if (!this.file) return;
    this.say(this.text.checking, false);
    const answer = await this.send(true);
    if (!answer) return;
    const report = answer.body;
    const errors = report.errors.length > 0;
    if (errors) this.rows(report.errors);
    else this.applyButton.hidden = report.create + report.update === 0;
    this.say(this.text.importCounts(report), errors,
      errors ? this.text.importHasErrors : report.create + report.update === 0 ? this.text.importNothing : this.text.importReady);
  }

  async apply() {
    if (!this.file) return;
    this.applyButton.disabled = true;
    this.say(this.text.applying, false);
    const answer = await this.send(false);
    this.applyButton.disabled = false;
    this.applyButton.hidden = true;
    if (!answer) return;
    const report = answer.body;
    if (answer.status === 409) {
      this.say(this.text.importConflicts(report), true);
      this.rows(report.conflicts);
    } else if (answer.status === 400) {
      this.say(this.text.importCounts(report), true, this.text.importHasErrors);
      this.rows(report.errors);
    } else this.say(this.text.importDone(report), false);
    this.done?.();
  }

  /** The answer when it carries a report; otherwise says why not and answers null. */
  async send(dryRun) {
    let answer;
    try {
      answer = await post(this.file, dryRun);
    } catch {
      this.say(this.text.importFailed, true);
      return null;
    }
    if (answer.body && Array.isArray(answer.body.errors)) return answer;
    const problem = answer.body ?? {};
    const why = answer.status === 413 ? this.text.importTooLarge
      : answer.status === 403 ? this.text.importForbidden
      : problem.errors?.file?.[0] ?? problem.detail ?? this.text.importFailed;
    this.say(why, true);
    return null;
  }

  /** The outcome in one line (red for a refusal), and what to do next below it. */
  say(words, error, advice = '') {
    setText(this.status, words);
    setText(this.advice, advice);
    this.status.classList.toggle('import-error', error);
  }

  /** The rows' problems as a table: row, column, message. */
  rows(errors) {
    this.table.replaceChildren();
    const head = make('tr', null, make('thead', null, this.table));
    for (const word of [this.text.errorRow, this.text.errorColumn, this.text.errorMessage]) make('th', null, head).textContent = word;
    const body = make('tbody', null, this.table);
    for (const error of errors) {
      const row = make('tr', null, body);
      make('td', 'import-row', row).textContent = String(error.row);
      make('td', null, row).textContent = error.column ?? this.text.wholeRow;
      make('td', null, row).textContent = error.message;
    }
    this.table.hidden = errors.length === 0;
  }
}
