// The ledger follows its alerts live over /hubs/wall (docs/api.md "Live push"): it watches its
// unit's subtree and takes every `alerts` message as the newest state of those alerts (a resolved
// one leaves the list, any other is put in or updated in place). The hub watches at most
// WatchKey.MaxDepth levels: a subtree deeper than that holds units whose alerts never reach this
// connection, so there every sign that something moved (an `alerts` message, the unit's open-alert
// count changing) reads the whole list again instead, at most once per READ_GAP_MS, and again
// (a few times) while the list's length still differs from that count, which is the subtree's
// open alerts. A periodic read is the safety net either way (an acknowledgement that deep says
// nothing else), and every (re)connection reads afresh.

import { SignedOut } from './api.js';
import { WallConnection } from '../wall/connection.js';

export const HUB_MAX_DEPTH = 6; // web/Wall/WatchKey.cs MaxDepth
export const READ_GAP_MS = 2000;
export const SAFETY_READ_MS = 60000;
const DEEP_SAFETY_READ_MS = 30000; // deeper than the hub's view: answers down there show no sooner
const RECOUNTS = 3; // reads again while the list and the unit's openAlerts disagree
const LOST_READ_MS = 30000; // while the hub is down, read the API this often instead

/** How many levels the subtree of unitId reaches below it (0 for a unit without children). */
export function subtreeDepth(units, unitId) {
  const children = new Map();
  for (const unit of units ?? []) {
    if (unit?.parentId == null) continue;
    if (!children.has(unit.parentId)) children.set(unit.parentId, []);
    children.get(unit.parentId).push(unit.id);
  }
  let deepest = 0;
  const seen = new Set([unitId]);
  let level = [unitId];
  for (let depth = 1; level.length > 0; depth++) {
    const next = [];
    for (const id of level) for (const child of children.get(id) ?? []) if (!seen.has(child)) { seen.add(child); next.push(child); }
    if (next.length > 0) deepest = depth;
    level = next;
  }
  return deepest;
}

/** Newest first, as GET /api/v1/alerts answers: firedAt descending, then id. */
function listOrder(a, b) {
  const t = (Date.parse(b.firedAt) || 0) - (Date.parse(a.firedAt) || 0);
  if (t !== 0) return t;
  if (a.firedAt !== b.firedAt) return String(a.firedAt) < String(b.firedAt) ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The open alerts of one unit's subtree, kept current.
 * options: { unitId, depth (of the subtree), read() -> Promise<[Alert]>, units() -> Promise<[Unit]>,
 *            render([Alert]), state('connecting' | 'live' | 'lost'), signIn(), reload() }
 */
export class LiveAlerts {
  constructor({ unitId, depth, read, units, render, state, signIn, reload }) {
    Object.assign(this, { unitId, read, units, render, state, signIn, reload });
    this.setDepth(depth);
    this.alerts = new Map(); // id -> alert
    this.reading = null;
    this.readAgain = false;
    this.pushedMeanwhile = null; // id -> alert pushed while a read was under way: newer than its answer
    this.lastRead = 0;
    this.timer = 0;
    this.openAlerts = null; // the watched unit's summary: its subtree's open alerts
    this.recounts = 0;
    this.firstBuild = null;
    this.connection = null;
  }

  setDepth(depth) {
    this.complete = depth <= HUB_MAX_DEPTH; // every unit of the subtree is in the hub's view
    this.watchDepth = Math.min(depth, HUB_MAX_DEPTH);
    document.body.dataset.watch = this.complete ? 'subtree' : 'deep'; // marks for readers and tests
    document.body.dataset.watchDepth = String(this.watchDepth);
  }

  /**
   * The view reaches the edge of what is watched: the tree may have grown deeper since the page
   * loaded (a snapshot follows every change of shape). Count again, and watch deeper if so.
   */
  async deepen(snapshot) {
    const reach = Math.max(0, ...(snapshot.units ?? []).map((u) => u.depth ?? 0));
    if (reach < this.watchDepth || !this.complete) return;
    try {
      const depth = subtreeDepth(await this.units(), this.unitId);
      if (Math.min(depth, HUB_MAX_DEPTH) === this.watchDepth && depth <= HUB_MAX_DEPTH) return;
      this.setDepth(depth);
      this.connection.depth = this.watchDepth;
      this.connection.watch();
    } catch {
      // the next snapshot or safety read tries again
    }
  }

  /** The list as the page shows it, in the API's order. */
  list() { return [...this.alerts.values()].sort(listOrder); }

  /** Reads the whole list now; one read at a time, and once more if asked meanwhile. */
  refresh() {
    clearTimeout(this.timer);
    this.timer = 0;
    if (this.reading) { this.readAgain = true; return this.reading; }
    this.reading = (async () => {
      do {
        this.readAgain = false;
        this.pushedMeanwhile = new Map();
        this.lastRead = performance.now();
        try {
          const answer = await this.read();
          this.alerts = new Map((answer ?? []).filter((a) => a?.id).map((a) => [a.id, a]));
          for (const alert of this.pushedMeanwhile.values()) this.take(alert);
          this.render(this.list());
          this.recount();
        } catch (error) {
          if (error instanceof SignedOut) this.signIn();
        }
      } while (this.readAgain);
    })().finally(() => { this.reading = null; this.pushedMeanwhile = null; });
    return this.reading;
  }

  /** A read soon, but never sooner than READ_GAP_MS after the last one began. */
  refreshSoon() {
    if (this.timer) return;
    const wait = Math.max(0, this.lastRead + READ_GAP_MS - performance.now());
    this.timer = setTimeout(() => this.refresh(), wait);
  }

  /** Deeper than the hub's view: the count moved before the list did (the index was a moment behind)? Read again. */
  recount() {
    if (this.complete || this.openAlerts == null) return;
    if (this.alerts.size === this.openAlerts) this.recounts = 0;
    else if (this.recounts < RECOUNTS) {
      this.recounts++;
      this.refreshSoon();
    }
  }

  take(alert) {
    if (alert.state === 'resolved') this.alerts.delete(alert.id);
    else this.alerts.set(alert.id, alert);
  }

  /** An `alerts` message: the newest state of each. */
  pushed(items) {
    const alerts = (items ?? []).filter((a) => a?.id && a.unitId);
    if (alerts.length === 0) return;
    for (const alert of alerts) {
      this.take(alert);
      this.pushedMeanwhile?.set(alert.id, alert);
    }
    this.render(this.list());
    if (!this.complete) this.refreshSoon();
  }

  start() {
    this.state('connecting');
    this.connection = new WallConnection({
      hubUrl: '/hubs/wall',
      healthUrl: '/healthz',
      handlers: {
        snapshot: (snapshot) => {
          if (this.firstBuild == null) this.firstBuild = snapshot.serverBuild ?? '';
          else if ((snapshot.serverBuild ?? '') !== this.firstBuild) { this.reload(); return; }
          this.openAlerts = (snapshot.units ?? []).find((u) => u.id === this.unitId)?.summary?.openAlerts ?? null;
          this.deepen(snapshot);
          // Whatever changed while not watching; then the page is live.
          this.refresh().then(() => { if (!this.connection.lost) this.state('live'); });
        },
        summaries: (items) => {
          for (const item of items) {
            if (item?.unitId !== this.unitId || !item.summary) continue;
            const open = item.summary.openAlerts;
            // Deep below the hub's view an alert fired or resolved: only the count says so.
            if (!this.complete && this.openAlerts !== null && open !== this.openAlerts) {
              this.recounts = 0;
              this.refreshSoon();
            }
            this.openAlerts = open;
          }
        },
        changes: () => {},
        alerts: (items) => this.pushed(items),
        unknownUnit: () => this.state('lost'),
        unauthorized: () => this.signIn(),
        lost: () => this.state('lost'),
        restored: () => this.state('live'),
      },
    });
    this.connection.start(this.unitId, this.watchDepth);
    setInterval(() => {
      const since = performance.now() - this.lastRead;
      const every = this.connection.lost ? LOST_READ_MS : this.complete ? SAFETY_READ_MS : DEEP_SAFETY_READ_MS;
      if (since >= every) this.refresh();
    }, 5000);
  }
}
