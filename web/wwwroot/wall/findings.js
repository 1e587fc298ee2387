// 督查整改 on the wall: how many findings are not closed yet (open, or awaiting sign-off) in each
// drawn unit's subtree. Read from GET /api/v1/findings (a kiosk sees those within its reach) when
// the picture arrives and every minute after: nothing of this rides on the roll-up or the hub.

const READ_EVERY_MS = 60000;

/** Counts per unit: each finding counts for its unit and every unit above it up to the watched one. */
export function countFindings(findings, parents, watchedId) {
  const counts = new Map();
  for (const finding of findings ?? []) {
    let id = finding?.unitId;
    for (let guard = 0; id != null && guard < 64; guard++) {
      counts.set(id, (counts.get(id) ?? 0) + 1);
      if (id === watchedId) break;
      id = parents.get(id);
    }
  }
  return counts;
}

export class FindingCounts {
  /** options: { withKiosk(url), state, view } */
  constructor(options) {
    this.options = options;
    this.reading = null;
    setInterval(() => this.read(), READ_EVERY_MS);
  }

  read() {
    const { state, view, withKiosk } = this.options;
    const watched = state.watchedId;
    if (!watched || this.reading) return this.reading;
    const get = async (url) => {
      const answer = await fetch(withKiosk(url), { cache: 'no-store', headers: { Accept: 'application/json' } });
      return answer.ok ? answer.json() : null;
    };
    this.reading = (async () => {
      try {
        const unit = encodeURIComponent(watched);
        const [findings, units] = await Promise.all([
          get(`/api/v1/findings?unit=${unit}&subtree=true&state=open&state=awaitingConfirmation`),
          get('/api/v1/units'),
        ]);
        if (!Array.isArray(findings)) return;
        const parents = new Map();
        for (const u of Array.isArray(units) ? units : []) if (u?.id) parents.set(u.id, u.parentId ?? null);
        for (const [id, u] of state.units) if (!parents.has(id)) parents.set(id, u.parentId);
        if (state.watchedId === watched) view.renderFindings(countFindings(findings, parents, watched));
      } catch {
        // the server is away: the counts shown stay until the next read
      }
    })().finally(() => { this.reading = null; });
    return this.reading;
  }
}
