// Silences (静默, docs/domain.md "Silences") on the workbench's and the ledger's alert rows: a
// silenced alert carries a "静默至 <date>" badge; whoever may silence its unit gets a 静默 action
// opening a small form (subtree, this rule only, until, reason, and stopping the climb where
// allowed); the ledger lists the scope's active silences with 结束. The server decides (403 says so).

import { make, setText, button } from './dom.js';
import { SignedOut, getJson } from './api.js';
import { mayWrite } from './access.js';
import { silenceStrings } from './silences-i18n.js';
import { strings as wallStrings } from '../wall/i18n.js';

const DAY = 24 * 60 * 60 * 1000;
const EDITOR_DAYS = 7;
const MAX_DAYS = 90;
const MAX_REASON = 500;

/** A rule's name in the reader's language (the wall's words: the workbench's own `rules` are the task form's). */
function ruleNamer(lang) {
  const names = wallStrings(lang).rules ?? {};
  return (rule) => names[rule] ?? rule;
}

/** Admins and leaders silence any unit; an editor their unit and below. */
export function maySilence(me, unitId, byId) {
  return me?.role === 'admin' || me?.role === 'leader' || (me?.role === 'editor' && mayWrite(me, unitId, byId));
}

/** Stopping the climb: admins, leaders, and editors of a unit strictly above. */
export function mayStopClimb(me, unitId, byId) {
  if (me?.role === 'admin' || me?.role === 'leader') return true;
  const parent = byId.get(unitId)?.parentId;
  return me?.role === 'editor' && parent != null && mayWrite(me, parent, byId);
}

/** 'YYYY-MM-DDTHH:mm' in the browser's time, for a datetime-local input. */
function localInput(ms) {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60000);
  return d.toISOString().slice(0, 16);
}

async function write(url, method, body) {
  let answer;
  try {
    answer = await fetch(url, {
      method, cache: 'no-store',
      headers: { Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch {
    return { kind: 'failed' };
  }
  if (answer.status === 401) throw new SignedOut();
  if (answer.ok) return { kind: 'saved', value: await answer.json() };
  if (answer.status === 403) return { kind: 'forbidden' };
  if (answer.status === 400 || answer.status === 404 || answer.status === 409) {
    const problem = await answer.json().catch(() => ({}));
    const first = Object.values(problem.errors ?? {}).flat()[0];
    return { kind: 'invalid', detail: first ?? problem.detail ?? String(answer.status) };
  }
  return { kind: 'failed' };
}

/**
 * The silence parts of one alert row. context: { me, unitsById, lang, formatTime(iso), changed() }.
 * Made by AlertRow when its list has a `silences` context.
 */
export class RowSilence {
  constructor(row, context) {
    this.context = context;
    this.words = silenceStrings(context.lang);
    this.ruleName = ruleNamer(context.lang);
    const w = this.words;
    this.badge = make('span', 'alert-silenced', row.element.querySelector('.alert-head'));
    setText(make('span', 'short', this.badge), this.words.silencedShort);
    this.badgeWords = make('span', 'words', this.badge);
    this.line = make('p', 'alert-silence-line', row.element);
    this.open = button(row.element, 'silence-open', w.silence);
    this.open.title = w.silenceTitle;
    this.form = make('div', 'silence-form', row.element);
    this.form.hidden = true;
    const check = (label) => {
      const wrap = make('label', 'silence-check', this.form);
      const input = make('input', null, wrap);
      input.type = 'checkbox';
      setText(make('span', null, wrap), label);
      return { wrap, input, text: wrap.lastChild };
    };
    this.subtree = check(w.subtree);
    this.ruleOnly = check('');
    const untilWrap = make('label', 'silence-field', this.form);
    setText(make('span', null, untilWrap), w.until);
    this.until = make('input', 'silence-until', untilWrap);
    this.until.type = 'datetime-local';
    const reasonWrap = make('label', 'silence-field silence-reason', this.form);
    setText(make('span', null, reasonWrap), w.reason);
    this.reason = make('input', 'silence-reason-input', reasonWrap);
    this.reason.maxLength = MAX_REASON;
    this.reason.placeholder = w.reasonPlaceholder;
    this.stopClimb = check(w.stopClimb);
    const actions = make('div', 'silence-actions', this.form);
    this.save = button(actions, 'silence-save', w.save);
    this.cancel = button(actions, 'silence-cancel', w.cancel);
    this.feedback = make('p', 'message', row.element);
    this.feedback.hidden = true;
    this.open.addEventListener('click', () => this.show(!this.form.hidden ? false : true));
    this.cancel.addEventListener('click', () => this.show(false));
    this.save.addEventListener('click', () => this.submit());
  }

  get days() { return this.context.me?.role === 'editor' ? EDITOR_DAYS : MAX_DAYS; }

  update(alert) {
    const { me, unitsById, formatTime } = this.context;
    this.alert = alert;
    const silenced = !!alert.silenced && !!alert.silencedUntil;
    const words = silenced ? this.words.silencedUntil(formatTime(alert.silencedUntil)) : '';
    setText(this.badgeWords, words);
    this.badge.hidden = !silenced;
    setText(this.line, words);
    this.line.hidden = !silenced;
    const allowed = alert.state !== 'resolved' && maySilence(me, alert.unitId, unitsById);
    this.open.hidden = !allowed;
    if (!allowed) this.form.hidden = true;
    setText(this.ruleOnly.text, this.words.ruleOnly(this.ruleName(alert.rule)));
    this.stopClimb.wrap.hidden = !mayStopClimb(me, alert.unitId, unitsById);
  }

  show(open) {
    if (open) {
      const now = Date.now();
      this.until.value = localInput(now + DAY);
      this.until.min = localInput(now);
      this.until.max = localInput(now + this.days * DAY);
      this.ruleOnly.input.checked = true;
      this.subtree.input.checked = false;
      this.stopClimb.input.checked = false;
      this.say('', '');
    }
    this.form.hidden = !open;
    this.open.setAttribute('aria-expanded', String(open));
    if (open) this.reason.focus();
  }

  say(kind, words) {
    this.feedback.className = `message ${kind}`;
    this.feedback.textContent = words;
    this.feedback.hidden = !words;
  }

  async submit() {
    const w = this.words;
    if (this.busy) return;
    const reason = this.reason.value.trim();
    const until = Date.parse(this.until.value);
    if (!reason) { this.say('error', w.needsReason); this.reason.focus(); return; }
    if (!Number.isFinite(until)) { this.say('error', w.needsUntil); return; }
    if (until <= Date.now()) { this.say('error', w.inPast); return; }
    if (until > Date.now() + this.days * DAY) { this.say('error', w.tooLong(this.days)); return; }
    this.busy = true;
    this.save.disabled = true;
    this.say('info', w.saving);
    try {
      const outcome = await write('/api/v1/silences', 'POST', {
        unitId: this.alert.unitId, subtree: this.subtree.input.checked,
        rule: this.ruleOnly.input.checked ? this.alert.rule : null,
        until: new Date(until).toISOString(), reason,
        stopClimb: !this.stopClimb.wrap.hidden && this.stopClimb.input.checked,
      });
      switch (outcome.kind) {
        case 'saved':
          this.reason.value = '';
          this.form.hidden = true;
          this.say('ok', w.saved);
          this.context.changed();
          break;
        case 'forbidden': this.say('error', w.forbidden); break;
        case 'invalid': this.say('error', w.invalid(outcome.detail)); break;
        default: this.say('error', w.failed);
      }
    } finally {
      this.busy = false;
      this.save.disabled = false;
    }
  }
}

/**
 * The ledger's 静默列表: the active silences placed on the scope's units, each with 结束 for
 * whoever may end it. context: { me, unitsById, lang, unitId, unitName, formatTime, changed, signIn }.
 */
export class SilenceList {
  constructor(section, context) {
    this.section = section;
    this.context = context;
    this.words = silenceStrings(context.lang);
    this.ruleName = ruleNamer(context.lang);
    const heading = make('h2', 'silences-heading', section);
    setText(heading, this.words.listTitle);
    this.list = make('ol', 'silence-list', section);
    this.empty = make('p', 'empty-note', section);
    setText(this.empty, this.words.listEmpty);
  }

  mayEnd(silence) {
    const { me, unitsById } = this.context;
    return silence.stopClimb ? mayStopClimb(me, silence.unitId, unitsById) : maySilence(me, silence.unitId, unitsById);
  }

  async refresh() {
    const { unitId } = this.context;
    try {
      this.render(await getJson(`/api/v1/silences?unit=${encodeURIComponent(unitId)}&subtree=true`) ?? []);
    } catch (error) {
      if (error instanceof SignedOut) this.context.signIn();
    }
  }

  render(silences) {
    const w = this.words;
    const { unitName, formatTime } = this.context;
    const ruleName = this.ruleName;
    this.list.replaceChildren(...silences.map((s) => {
      const item = make('li', 'silence');
      item.dataset.silence = s.id;
      const what = `${unitName(s.unitId)}${s.subtree ? ` ${w.withBelow}` : ''}`;
      setText(make('span', 'silence-what', item), w.entry(what, s.rule ? ruleName(s.rule) : w.allRules, formatTime(s.until)));
      if (s.stopClimb) setText(make('span', 'silence-stops', item), w.stopsClimb);
      setText(make('span', 'silence-why', item), w.by(s.createdByName ?? s.createdBy, s.reason));
      if (this.mayEnd(s)) {
        const end = button(item, 'silence-end', w.end);
        end.addEventListener('click', async () => {
          end.disabled = true;
          const outcome = await write(`/api/v1/silences/${encodeURIComponent(s.id)}`, 'DELETE');
          if (outcome.kind === 'saved') { this.context.changed(); return; }
          end.disabled = false;
          end.title = outcome.kind === 'forbidden' ? w.endForbidden : w.failed;
        });
      }
      return item;
    }));
    this.empty.hidden = silences.length > 0;
    this.section.dataset.count = String(silences.length);
  }
}
