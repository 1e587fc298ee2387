// The unit's alerts (预警) on the workbench: its own and those escalated to it, those waiting
// for an answer first, newest first within each.
// Whoever may answer one acknowledges it here with a note saying what is being done; the
// server decides (a 403 says so) and records it in the audit trail.

import { make, placeChildren, setText, button } from './dom.js';
import { acknowledgeAlert } from './api.js';
import { personName } from './task-row.js';
import { RowSilence } from './silences.js';

const MAX_NOTE = 500;

export class AlertRow {
  constructor(list, alert) {
    this.list = list;
    const t = list.text;
    this.element = make('li', 'alert');
    this.element.dataset.alert = alert.id;
    // On a phone an alert is one line until tapped: the work below stays on the first screen.
    const head = make('div', 'alert-head', this.element);
    head.setAttribute('role', 'button');
    head.tabIndex = 0;
    head.setAttribute('aria-expanded', 'false');
    const toggle = () => {
      const open = !this.element.classList.contains('open');
      this.element.classList.toggle('open', open);
      head.setAttribute('aria-expanded', String(open));
    };
    head.addEventListener('click', toggle);
    head.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); toggle(); }
    });
    this.badge = make('span', 'alert-badge', head);
    this.rule = make('span', 'alert-rule', head);
    this.where = make('span', 'alert-unit', head);
    this.time = make('span', 'alert-time', head);
    this.message = make('p', 'alert-message', this.element);
    this.climb = make('p', 'alert-climb', this.element);
    this.answer = make('p', 'alert-answer', this.element);
    this.form = make('div', 'note-row alert-form', this.element);
    this.note = make('textarea', 'note-input', this.form);
    this.note.rows = 1;
    this.note.maxLength = MAX_NOTE;
    this.note.placeholder = t.ackPlaceholder;
    this.note.setAttribute('aria-label', t.ackNote);
    this.send = button(this.form, 'acknowledge', t.acknowledge);
    this.send.addEventListener('click', () => this.acknowledge());
    this.note.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.acknowledge();
      }
    });
    this.feedback = make('p', 'message', this.element);
    this.feedback.setAttribute('role', 'alert');
    this.feedback.hidden = true;
    // Silences: the badge, and the 静默 action where the list offers it (docs/domain.md "Silences").
    this.silence = list.silences ? new RowSilence(this, list.silences) : null;
    this.update(alert);
  }

  update(alert) {
    const t = this.list.text;
    this.alert = alert;
    const severity = alert.severity === 'red' ? 'red' : 'amber';
    this.element.className = `alert ${severity}${this.element.classList.contains('open') ? ' open' : ''}`;
    this.element.dataset.state = alert.state;
    this.element.dataset.escalationLevel = String(alert.escalationLevel ?? 0);
    setText(this.badge, `⚑ ${t.severity[severity]}`);
    setText(this.rule, t.rules[alert.rule] ?? alert.rule);
    // An alert that climbed here from a unit below names that unit.
    setText(this.where, alert.unitId === this.list.unitId ? '' : this.list.unitName(alert.unitId));
    setText(this.time, t.firedAt(this.list.formatTime(alert.firedAt)));
    setText(this.message, t.alertText(alert, t.rules));
    const climbed = (alert.escalationLevel ?? 0) > 0 && alert.escalatedToUnitId;
    setText(this.climb, climbed ? `↑ ${t.escalatedTo(this.list.unitName(alert.escalatedToUnitId))}（${t.level(alert.escalationLevel)}）` : '');
    this.climb.hidden = !climbed;
    const answered = alert.state === 'acknowledged';
    setText(this.answer, answered
      ? t.answeredBy(personName(t, alert.acknowledgedByName, alert.acknowledgedBy), this.list.formatTime(alert.acknowledgedAt), alert.note ?? '')
      : '');
    this.answer.hidden = !answered;
    this.form.hidden = answered || !this.list.mayAnswer(alert);
    this.silence?.update(alert);
  }

  show(kind, words) {
    this.feedback.className = `message ${kind}`;
    this.feedback.textContent = words;
    this.feedback.hidden = !words;
  }

  async acknowledge() {
    const t = this.list.text;
    if (this.busy) return;
    const note = this.note.value.trim();
    if (!note) {
      this.show('error', t.ackNeedsNote);
      this.note.focus();
      return;
    }
    this.busy = true;
    this.send.disabled = true;
    this.show('info', t.saving);
    try {
      const outcome = await acknowledgeAlert(this.alert.id, note);
      switch (outcome.kind) {
        case 'saved':
          this.note.value = '';
          this.update(outcome.alert);
          this.show('ok', t.acknowledged);
          break;
        case 'forbidden': this.show('error', t.ackForbidden); break;
        case 'resolved': this.show('info', t.ackResolved); this.list.refresh(); break;
        case 'gone': this.show('info', t.ackGone); this.list.refresh(); break;
        case 'invalid': this.show('error', t.invalid(outcome.detail)); break;
        default: this.show('error', t.failed);
      }
    } finally {
      this.busy = false;
      this.send.disabled = false;
    }
  }
}

export class AlertList {
  /**
   * unitName(id) names a unit; mayAnswer(alert) says whether to offer the acknowledge form;
   * refresh() reads the list again (the page owns reading); silences, when given, is RowSilence's context.
   */
  constructor(text, { unitId, unitName, mayAnswer, formatTime, refresh, silences }) {
    this.text = text;
    this.silences = silences ?? null; // RowSilence's context: the badge and the 静默 action
    this.unitId = unitId;
    this.unitName = unitName;
    this.mayAnswer = mayAnswer;
    this.formatTime = formatTime;
    this.refresh = refresh;
    this.rows = new Map(); // alert id -> AlertRow, kept so a note being typed survives a refresh
    this.section = document.getElementById('alerts');
    const heading = make('h2', 'alerts-heading', this.section);
    setText(make('span', 'alerts-title', heading), text.alertsTitle);
    this.count = make('span', 'track-count', heading);
    this.list = make('ol', 'alert-list', this.section);
    this.empty = make('p', 'empty-note', this.section);
    this.empty.textContent = text.noAlerts;
  }

  /**
   * The open alerts as GET /api/v1/alerts?unit= answers them (newest first): those waiting for
   * this person's answer first, then the others, then those already answered.
   */
  render(alerts) {
    const seen = new Set();
    const elements = [];
    const rank = (alert) => (alert.state === 'acknowledged' ? 2 : this.mayAnswer(alert) ? 0 : 1);
    const ordered = (alerts ?? []).filter((alert) => alert?.id).map((alert, i) => [rank(alert), i, alert])
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, , alert]) => alert);
    for (const alert of ordered) {
      if (!alert?.id) continue;
      seen.add(alert.id);
      let row = this.rows.get(alert.id);
      if (row) row.update(alert);
      else this.rows.set(alert.id, (row = new AlertRow(this, alert)));
      elements.push(row.element);
    }
    for (const id of [...this.rows.keys()]) if (!seen.has(id)) this.rows.delete(id);
    placeChildren(this.list, elements);
    setText(this.count, elements.length > 0 ? this.text.alertCount(elements.length) : '');
    this.empty.hidden = elements.length > 0;
    this.section.dataset.count = String(elements.length);
  }
}
