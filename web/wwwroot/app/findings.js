// 督查整改 on the workbench: the findings the shown unit must put right (its f- tasks are in its
// task list too) and the findings it raised as an inspector unit, with 确认销号 and 退回重改 for
// those awaiting sign-off. The server decides who may; a refusal is shown, never hidden.

import { make, setText, button } from './dom.js';
import { getJson, SignedOut, decideFinding } from './api.js';

const order = { awaitingConfirmation: 0, open: 1, closed: 2 };
/** Awaiting sign-off, then open, then closed; within each the earliest due first (the inspection's view and printable report list them so too). */
export const byState = (a, b) => (order[a.state] - order[b.state]) || String(a.due).localeCompare(String(b.due)) || (a.id < b.id ? -1 : 1);
/** A finding is late while it is not closed and its rectification task is overdue. */
export const late = (f) => Boolean(f.task?.overdue) && f.state !== 'closed';

export class FindingSection {
  /** options: { unitId, unitName(id), signedOut() } */
  constructor(text, root, options) {
    this.text = text;
    this.root = root;
    this.options = options;
    root.replaceChildren();
    root.setAttribute('aria-label', text.findingsTitle);
    const heading = make('h2', 'track-heading', root);
    make('span', 'track-name', heading).textContent = text.findingsTitle;
    this.badge = make('span', 'track-count finding-badge', heading);
    this.message = make('p', 'message ok', root);
    this.message.setAttribute('role', 'status');
    this.message.hidden = true;
    this.toFixTitle = make('h3', 'finding-group', root);
    this.toFixTitle.textContent = text.findingsToFix;
    this.toFix = make('ol', 'finding-list to-fix', root);
    this.raisedTitle = make('h3', 'finding-group', root);
    this.raisedTitle.textContent = text.findingsRaised;
    this.raised = make('ol', 'finding-list raised', root);
    this.reading = null;
  }

  refresh() {
    if (this.reading) return this.reading;
    const unit = encodeURIComponent(this.options.unitId);
    this.reading = (async () => {
      try {
        const [toFix, raised] = await Promise.all([getJson(`/api/v1/findings?unit=${unit}`), getJson(`/api/v1/findings?inspector=${unit}`)]);
        this.render(toFix ?? [], raised ?? []);
      } catch (error) {
        if (error instanceof SignedOut) this.options.signedOut();
      }
    })().finally(() => { this.reading = null; });
    return this.reading;
  }

  render(toFix, raised) {
    const t = this.text;
    const pending = toFix.filter((f) => f.state !== 'closed').length;
    setText(this.badge, t.findingsOpen(pending));
    this.badge.hidden = pending === 0;
    this.fill(this.toFix, toFix, false);
    this.fill(this.raised, raised, true);
    this.toFixTitle.hidden = this.toFix.hidden = toFix.length === 0;
    this.raisedTitle.hidden = this.raised.hidden = raised.length === 0;
    this.root.hidden = toFix.length === 0 && raised.length === 0;
  }

  fill(list, findings, inspector) {
    const t = this.text;
    list.replaceChildren();
    for (const f of [...findings].sort(byState)) {
      const item = make('li', 'finding', list);
      item.dataset.id = f.id;
      item.dataset.state = f.state;
      const top = make('div', 'finding-top', item);
      make('span', `finding-state ${f.state}`, top).textContent = t.findingStates[f.state] ?? f.state;
      make('span', 'finding-title', top).textContent = f.title;
      const meta = make('p', 'finding-meta', item);
      const parts = [t.findingDue(f.due), inspector ? t.findingOn(this.options.unitName(f.unitId)) : t.findingBy(this.options.unitName(f.inspectorUnitId ?? ''))];
      if (f.task) parts.push(t.findingTask(t.status?.[f.task.status] ?? f.task.status, f.task.progress));
      meta.textContent = parts.join(' · ');
      if (f.note) make('p', 'finding-note', item).textContent = f.note;
      if (inspector && f.state === 'awaitingConfirmation') this.decision(item, f);
    }
  }

  decision(item, finding) {
    const t = this.text;
    const row = make('div', 'finding-actions', item);
    const note = make('input', 'finding-note-input', row);
    note.type = 'text';
    note.maxLength = 2000;
    note.placeholder = t.findingNote;
    note.setAttribute('aria-label', t.findingNote);
    const decide = async (action, done) => {
      const outcome = await decideFinding(finding.id, action, { note: note.value.trim() });
      this.message.hidden = false;
      this.message.classList.toggle('ok', outcome.kind === 'saved');
      this.message.textContent = outcome.kind === 'saved' ? done
        : outcome.kind === 'forbidden' ? t.findingForbidden
        : outcome.kind === 'refused' ? t.findingRefused(outcome.detail) : t.findingFailed;
      await this.refresh();
    };
    button(row, 'confirm-finding', t.confirmFinding).addEventListener('click', () => decide('confirm', t.findingConfirmed).catch(() => this.options.signedOut()));
    button(row, 'reopen-finding', t.reopenFinding).addEventListener('click', () => decide('reopen', t.findingReopened).catch(() => this.options.signedOut()));
  }
}
