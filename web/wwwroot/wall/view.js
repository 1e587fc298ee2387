// Draws the state: header (name, wheels, health, clock), the tree, who needs help, the ticker.
// Every element is made once or kept by id and reused; lists are fixed pools.

import { byId, make, rootFontSize, setText } from './dom.js';
import { glyphs, percent } from './i18n.js';
import { fitTileNames, measureName } from './names.js';
import { alertView, bySeverity, healthOf, treeView } from './state.js';
import { planPages } from './layout.js';
import { LaggingList } from './lagging.js';
import { DirectivesPanel } from './directives.js';
import { renderHeaderDuties } from './duties.js';
import { fillLegend } from './legend.js';
import { MoreView, TileView } from './tiles.js';
import { Ticker } from './ticker.js';
import { Wheel } from './wheels.js';

export class WallView {
  /** options: rotate (seconds between pages of tiles, 0 for none), open(unitId) (a tile was tapped). */
  constructor(text, formats, options = {}) {
    this.text = text;
    this.formats = formats;
    this.open = options.open;
    this.rotate = options.rotate ?? 0;
    this.pageIndex = 0;
    this.pageCount = 1;
    this.pageMark = byId('tree-page');
    if (this.rotate > 0) setInterval(() => this.turnPage(), this.rotate * 1000);
    this.tiles = new Map(); // unit id -> TileView, only for units drawn now
    this.heads = new Map(); // unit id -> TileView used as a group header
    this.mores = []; // "N more" tiles by section index
    this.plan = null;
    this.tree = byId('tree');
    this.grids = []; // grid elements reused across layouts
    this.groups = []; // group elements reused across layouts
    this.wheels = [
      new Wheel(byId('wheel-party'), getCss('--party'), text.party, text),
      new Wheel(byId('wheel-business'), getCss('--business'), text.business, text),
    ];
    this.fillStaticText();
    this.lagging = new LaggingList(byId('lagging'), text);
    this.ticker = new Ticker(byId('recent'), text, formats);
    this.directives = new DirectivesPanel(byId('directives-panel'), byId('directives'), text);
    this.relayoutTimer = 0;
    this.alertInfo = { counts: { red: 0, amber: 0, escalated: 0, total: 0 }, newest: null, byUnit: new Map() };
    this.findings = new Map(); // unit id -> findings not closed in its subtree (renderFindings)
  }

  fillStaticText() {
    const t = this.text;
    document.documentElement.lang = t.lang;
    setText(byId('org-sub'), t.subtitle);
    setText(byId('clock-label'), t.asOf);
    setText(byId('lagging-title'), t.needsHelp);
    setText(byId('lagging-note'), t.needsHelpNote);
    setText(byId('recent-title'), t.recent);
    fillLegend(byId('legend'), t);
  }

  /** After a snapshot (or a resize): everything, with the tree laid out anew. */
  renderAll(state) {
    this.alertInfo = alertView(state);
    this.layoutTree(state);
    this.renderHeader(state);
    this.renderAlertCounts();
    this.directives.render(state);
    this.lagging.render(state); // who needs help most: as many rows as fit
    this.renderRecent(state, false);
  }

  /** After a `directives` message; everything when the panel came or went (the other panels' room changed). */
  renderDirectives(state) {
    if (this.directives.render(state)) this.renderAll(state);
  }

  layoutTree(state) {
    if (this.state !== state || state.watchedId !== this.watchedId) this.pageIndex = 0;
    this.state = state;
    this.watchedId = state.watchedId;
    const view = treeView(state);
    const rem = rootFontSize();
    // A phone held upright scrolls (phone.css): the tiles take the height they need, at 1rem.
    const scrolls = getComputedStyle(this.tree).getPropertyValue('--scrolls').trim() === '1';
    const area = {
      width: this.tree.clientWidth / rem - 0.05,
      height: scrolls ? Infinity : this.tree.clientHeight / rem,
      maxScale: scrolls ? 1 : undefined,
      gap: 0.6,
      headerHeight: 3.2,
      sectionGap: 1.0,
    };
    // A unit with nothing below it (a branch's own wall) shows itself as the one tile.
    const groups = view.children.length === 0 && view.watched ? [{ unit: view.watched, kids: [] }] : view.children;
    const font = getComputedStyle(this.tree).fontFamily;
    const pages = planPages(groups, area, bySeverity, (unit) => measureName(unit.name, font), this.rotate > 0);
    this.pageCount = pages.length;
    if (this.pageIndex >= pages.length) this.pageIndex = 0;
    const plan = pages[this.pageIndex];
    this.tree.dataset.page = String(this.pageIndex + 1);
    this.tree.dataset.pages = String(pages.length);
    this.pageMark.hidden = pages.length <= 1;
    setText(this.pageMark, pages.length > 1 ? this.text.tilesPage(this.pageIndex + 1, pages.length) : '');
    this.plan = plan;
    for (const more of this.mores) more.hidden = null;
    this.tree.style.setProperty('--tile-w', `${plan.grid.tileW}rem`);
    this.tree.style.setProperty('--tile-h', `${plan.grid.tileH}rem`);
    this.tree.style.setProperty('--cols', String(plan.grid.cols));
    this.tree.style.setProperty('--tile-font', `${plan.grid.scale ?? 1}rem`);
    this.tree.style.setProperty('--name-lines', String(plan.grid.lines ?? 2));
    this.tree.style.setProperty('--gap', `${area.gap}rem`);
    this.tree.style.setProperty('--head-h', `${area.headerHeight}rem`);
    this.tree.style.setProperty('--section-gap', `${area.sectionGap}rem`);
    this.tree.dataset.mode = plan.mode;
    this.tree.dataset.variant = plan.grid.variant;

    const keepTiles = new Set();
    const keepHeads = new Set();
    const sections = [];
    if (plan.mode === 'grouped') {
      plan.groups.forEach((group, i) => {
        const element = this.groupElement(i);
        const head = this.viewFor(this.heads, group.unit, 'as-head');
        keepHeads.add(group.unit.id);
        const grid = element.lastElementChild;
        element.replaceChildren(head.element, grid);
        const views = group.kids.map((kid) => this.viewFor(this.tiles, kid, null, keepTiles));
        if (group.hidden.length > 0) views.push(this.moreView(i, group.hidden));
        this.fillGrid(grid, views);
        sections.push(element);
      });
    } else {
      const grid = this.gridElement(0);
      const views = plan.tiles.map((unit) => this.viewFor(this.tiles, unit, null, keepTiles));
      if (plan.hidden.length > 0) views.push(this.moreView(0, plan.hidden));
      this.fillGrid(grid, views);
      sections.push(grid);
    }
    this.tree.replaceChildren(...sections);
    for (const [id, view] of this.tiles) if (!keepTiles.has(id)) { view.element.remove(); this.tiles.delete(id); }
    for (const [id, view] of this.heads) if (!keepHeads.has(id)) { view.element.remove(); this.heads.delete(id); }
    for (const tile of this.tiles.values()) tile.maxLines = plan.grid.lines ?? 2;
    fitTileNames([...this.heads.values(), ...this.tiles.values()]);
    for (const view of [...this.heads.values(), ...this.tiles.values()]) view.fitReason();
  }

  viewFor(map, unit, extraClass, keep) {
    let view = map.get(unit.id);
    if (!view) {
      view = new TileView(this.text, extraClass);
      const element = view.element;
      element.addEventListener('click', () => this.open?.(element.dataset.unit));
      map.set(unit.id, view);
    }
    keep?.add(unit.id);
    view.update(unit, this.alertInfo.byUnit.get(unit.id));
    view.updateFindings(this.findings.get(unit.id) ?? 0);
    return view;
  }

  /** Findings not closed, counted per unit over its subtree: every drawn tile and head shows its own. */
  renderFindings(counts) {
    this.findings = counts;
    for (const [id, view] of [...this.heads.entries(), ...this.tiles.entries()]) view.updateFindings(counts.get(id) ?? 0);
  }

  /** The "N more" tile of a capped section; one per section index, reused. */
  moreView(i, hidden) {
    while (this.mores.length <= i) this.mores.push(new MoreView(this.text));
    const more = this.mores[i];
    more.hidden = hidden;
    more.update(hidden);
    return more;
  }

  fillGrid(grid, views) { grid.replaceChildren(...views.map((v) => v.element)); }

  gridElement(i) {
    while (this.grids.length <= i) this.grids.push(make('div', 'grid'));
    return this.grids[i];
  }

  groupElement(i) {
    while (this.groups.length <= i) {
      const group = make('section', 'group');
      make('div', 'grid', group);
      this.groups.push(group);
    }
    return this.groups[i];
  }

  /** After a `summaries` message: update what changed, highlight the drawn tiles that changed. */
  renderSummaries(state, changedIds) {
    if (changedIds.size === 0) return;
    let relayout = false;
    for (const id of changedIds) {
      const unit = state.units.get(id);
      if (!unit) continue;
      const tile = this.tiles.get(id);
      const capped = this.plan?.capped;
      const mark = this.alertInfo.byUnit.get(id);
      if (tile) {
        const before = tile.element.className;
        if (tile.update(unit, mark)) tile.flash();
        if (capped && before !== tile.element.className) relayout = true;
      }
      const head = this.heads.get(id);
      if (head) head.update(unit, mark);
      if (capped && !tile && !head) relayout = true; // perhaps a hidden unit turned red
    }
    if (this.plan?.capped) for (const more of this.mores) if (more.hidden) more.update(more.hidden);
    if (relayout && !this.relayoutTimer) {
      // A capped grid draws the worst units first: sort again, at most every few seconds.
      this.relayoutTimer = setTimeout(() => { this.relayoutTimer = 0; this.layoutTree(state); }, 3000);
    }
    if (changedIds.has(state.watchedId)) this.renderHeader(state);
    this.lagging.render(state); // who needs help most: as many rows as fit
  }

  renderHeader(state) {
    const t = this.text;
    const watched = state.units.get(state.watchedId);
    const summary = watched?.summary;
    const health = healthOf(watched);
    setText(byId('org-name'), watched?.name ?? '');
    const badge = byId('org-health');
    badge.className = `org-health h-${health}`;
    setText(badge.querySelector('.glyph'), glyphs[health]);
    setText(badge.querySelector('.label'), t.health[health]);
    const parts = [];
    if (typeof summary?.lag === 'number') parts.push(`${t.gap} ${percent(Math.max(summary.lag, 0))}`);
    if (typeof summary?.imbalance === 'number') parts.push(`${t.imbalance} ${percent(summary.imbalance)}`);
    setText(badge.querySelector('.figures'), parts.join(' · '));
    const counts = byId('org-counts');
    setText(counts.querySelector('.label'), (summary?.units ?? 1) > 1 ? t.subUnits : '');
    setText(counts.querySelector('.red'), `${glyphs.red} ${summary?.redUnits ?? 0}`);
    setText(counts.querySelector('.amber'), `${glyphs.amber} ${summary?.amberUnits ?? 0}`);
    counts.hidden = (summary?.units ?? 1) <= 1;
    renderHeaderDuties(byId('org-duties'), t, summary);
    this.wheels[0].update(summary?.party);
    this.wheels[1].update(summary?.business);
  }

  /** After an `alerts` message: the header's counts, every drawn tile's glyph, the ticker's alert row. */
  renderAlerts(state, changedUnits) {
    if (changedUnits.size === 0) return;
    this.alertInfo = alertView(state);
    for (const [id, tile] of this.tiles) {
      const unit = state.units.get(id);
      if (unit) tile.updateAlert(unit.summary, this.alertInfo.byUnit.get(id));
    }
    for (const [id, head] of this.heads) {
      const unit = state.units.get(id);
      if (unit) head.updateAlert(unit.summary, this.alertInfo.byUnit.get(id));
    }
    this.renderAlertCounts();
    this.renderRecent(state, true);
  }

  /** The header: how many alerts are open in view, red and amber, and how many of them climbed. */
  renderAlertCounts() {
    const t = this.text;
    const { counts } = this.alertInfo;
    const element = byId('org-alerts');
    setText(element.querySelector('.label'), t.alerts);
    setText(element.querySelector('.red'), `${glyphs.red} ${counts.red}`);
    setText(element.querySelector('.amber'), `${glyphs.amber} ${counts.amber}`);
    const escalated = element.querySelector('.escalated');
    setText(escalated, counts.escalated > 0 ? `${glyphs.escalated} ${t.escalatedCount(counts.escalated)}` : '');
    escalated.hidden = counts.escalated === 0;
    element.hidden = counts.total === 0;
  }

  /** The ticker: the newest open alert, then the changes; a new top entry slides in once when animated. */
  renderRecent(state, animate) {
    this.ticker.render(state, this.alertInfo, animate);
  }

  /** The next page of tiles, when they do not all fit (rotate=<seconds>). */
  turnPage() {
    if (this.pageCount <= 1 || !this.state) return;
    this.pageIndex = (this.pageIndex + 1) % this.pageCount;
    this.layoutTree(this.state);
  }

  resize(state) {
    for (const wheel of this.wheels) wheel.resize();
    if (state.watchedId) this.renderAll(state);
  }
}

const getCss = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
