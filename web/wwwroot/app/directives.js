// 交办事项 on the workbench: the directives the shown unit handed down (GET /api/v1/directives
// ?issuer=), each with its roll-up (done of targets, late, not started, progress against
// expected, health) and, opened, its copies unit by unit. Editors of the unit (and admins) issue
// a new one from here. Items are kept by id and updated in place, so a refresh keeps what is open.

import { make, setText, button } from './dom.js';
import { getJson, SignedOut } from './api.js';
import { glyphs, percent } from '../wall/i18n.js';
import { CopyList } from './directive-copies.js';
import { NewDirectivePanel } from './directive-new.js';

const level = { red: 0, amber: 1, green: 2, none: 3 };
const healthOf = (d) => (['red', 'amber', 'green'].includes(d.rollup?.health) ? d.rollup.health : 'none');
const lagOf = (d) => (d.rollup?.all?.expected ?? 0) - (d.rollup?.all?.progress ?? 0);

/** Lagging first: red, amber, then the furthest behind expected, then the nearest due date. */
export function byLag(a, b) {
  return (level[healthOf(a)] - level[healthOf(b)]) || (lagOf(b) - lagOf(a)) || String(a.due).localeCompare(String(b.due)) || (a.id < b.id ? -1 : 1);
}

export class DirectiveSection {
  /** options: { unitId, units (the unit list), formatTime(iso), unitName(id), signedOut() } */
  constructor(text, root, options) {
    this.text = text;
    this.root = root;
    this.options = options;
    this.items = new Map();
    this.writable = false;
    this.loaded = [];
    root.replaceChildren();
    root.setAttribute('aria-label', text.directivesTitle);
    const heading = make('h2', 'track-heading', root);
    make('span', 'track-name', heading).textContent = text.directivesTitle;
    this.count = make('span', 'track-count', heading);
    this.newButton = button(heading, 'new-directive', text.newDirective);
    this.newButton.hidden = true;
    this.below = unitsBelow(options.unitId, options.units);
    this.creator = new NewDirectivePanel(text, options.unitId, this.below, {
      opener: this.newButton,
      issued: (_, words) => { this.message.textContent = words; this.message.hidden = false; this.refresh(); },
      forbidden: () => this.setWritable(false),
    });
    root.appendChild(this.creator.element);
    this.message = make('p', 'message ok', root);
    this.message.setAttribute('role', 'status');
    this.message.hidden = true;
    this.list = make('ol', 'directive-list', root);
    this.empty = make('p', 'empty-note', root);
    this.empty.textContent = text.noDirectives;
    this.reading = null;
    this.readAgain = false;
  }

  setWritable(writable) {
    this.writable = writable && this.below.length > 0;
    this.newButton.hidden = !this.writable;
    if (!this.writable) this.creator.close();
    this.show();
  }

  /** Shown when the unit has issued something, or when the person may issue from it. */
  show() {
    this.root.hidden = this.loaded.length === 0 && !this.writable;
  }

  /** Reads the list again (once more if asked meanwhile); open items read their copies again too. */
  refresh() {
    if (this.reading) { this.readAgain = true; return this.reading; }
    this.reading = (async () => {
      do {
        this.readAgain = false;
        try {
          this.render(await getJson(`/api/v1/directives?issuer=${encodeURIComponent(this.options.unitId)}`) ?? []);
        } catch (error) {
          if (error instanceof SignedOut) this.options.signedOut();
        }
      } while (this.readAgain);
    })().finally(() => { this.reading = null; });
    return this.reading;
  }

  render(directives) {
    this.loaded = directives;
    const seen = new Set();
    for (const d of directives) {
      seen.add(d.id);
      let item = this.items.get(d.id);
      if (!item) this.items.set(d.id, (item = new DirectiveItem(this.text, d, this.options)));
      else item.update(d);
    }
    for (const [id, item] of this.items) if (!seen.has(id)) { item.element.remove(); this.items.delete(id); }
    const ordered = [...this.items.values()].sort((a, b) => byLag(a.directive, b.directive));
    const current = [...this.list.children];
    if (current.length !== ordered.length || ordered.some((item, i) => current[i] !== item.element)) {
      for (const item of ordered) this.list.appendChild(item.element);
    }
    setText(this.count, this.text.directiveCount(directives.length));
    this.empty.hidden = directives.length > 0;
    for (const item of ordered) if (item.open) item.copies.reload();
    this.show();
  }
}

/** One directive: its roll-up in the summary line; opened, its copies. */
class DirectiveItem {
  constructor(text, directive, options) {
    this.text = text;
    this.element = make('li', 'directive h-none');
    this.element.dataset.directive = directive.id;
    const details = make('details', 'directive-details', this.element);
    const summary = make('summary', 'directive-summary', details);
    this.glyph = make('span', 'glyph', summary);
    const body = make('span', 'directive-body', summary);
    this.title = make('span', 'directive-title', body);
    const figures = make('span', 'directive-figures', body);
    this.done = make('span', 'directive-done', figures);
    this.overdue = make('span', 'flag overdue directive-overdue', figures);
    this.notStarted = make('span', 'directive-not-started', figures);
    this.due = make('span', 'due', figures);
    this.expectation = make('span', 'expectation-chip', figures);
    this.expectation.textContent = text.expectations.atDue;
    this.expectation.title = text.expectationHint;
    this.state = make('span', 'directive-state', figures);
    const progress = make('span', 'directive-progress', body);
    this.bar = make('span', 'bar', progress);
    this.fill = make('i', 'fill', this.bar);
    this.mark = make('i', 'mark', this.bar);
    this.values = make('span', 'directive-values', progress);
    this.note = make('p', 'note-text directive-note', details);
    this.copies = new CopyList(text, directive.id, options);
    details.appendChild(this.copies.element);
    details.addEventListener('toggle', () => { if (details.open) this.copies.reload(); });
    this.details = details;
    this.update(directive);
  }

  get open() { return this.details.open; }

  update(d) {
    const t = this.text;
    this.directive = d;
    const r = d.rollup ?? {};
    const health = healthOf(d);
    this.element.className = `directive h-${health}`;
    setText(this.glyph, glyphs[health]);
    this.glyph.title = t.health[health];
    setText(this.title, d.title);
    setText(this.done, t.doneOf(r.doneUnits ?? 0, r.targets ?? d.targetCount ?? 0));
    setText(this.overdue, t.overdueUnits(r.overdueUnits ?? 0));
    this.overdue.hidden = !(r.overdueUnits > 0);
    setText(this.notStarted, t.notStartedUnits(r.notStartedUnits ?? 0));
    this.notStarted.hidden = !(r.notStartedUnits > 0);
    setText(this.due, `${t.due} ${d.due}`);
    this.expectation.hidden = d.expectation !== 'atDue';
    setText(this.state, d.state === 'deploying' ? t.deploying : '');
    this.state.hidden = d.state !== 'deploying';
    const progress = r.all?.progress, expected = r.all?.expected;
    this.fill.style.width = `${Math.min(Math.max(progress ?? 0, 0), 1) * 100}%`;
    this.mark.style.left = `${Math.min(Math.max(expected ?? 0, 0), 1) * 100}%`;
    this.mark.hidden = typeof expected !== 'number';
    setText(this.values, t.progressVsExpected(percent(progress), percent(expected)));
    setText(this.note, d.note ?? '');
    this.note.hidden = !d.note;
  }
}

/** The units strictly below the issuer, parents first, with their depth below it. */
export function unitsBelow(unitId, units) {
  const children = new Map();
  for (const u of units ?? []) {
    if (u.parentId == null) continue;
    if (!children.has(u.parentId)) children.set(u.parentId, []);
    children.get(u.parentId).push(u);
  }
  const out = [];
  const visit = (id, depth) => {
    const kids = (children.get(id) ?? []).sort((a, b) => ((a.sort ?? 0) - (b.sort ?? 0)) || String(a.name).localeCompare(String(b.name), 'zh-CN'));
    for (const kid of kids) { out.push({ ...kid, depth }); visit(kid.id, depth + 1); }
  };
  visit(unitId, 0);
  return out;
}
