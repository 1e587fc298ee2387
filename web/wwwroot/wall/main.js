// The wall (大屏): /wall?unit=<id>&depth=<n>&lang=zh|en&rotate=<seconds>
// Live roll-up of one unit's subtree from /hubs/wall, for a screen that runs unattended for weeks.

import { clockFormats, strings } from './i18n.js';
import { applyAlerts, applySnapshot, applySummaries, createState, mergeChanges } from './state.js';
import { WallConnection, retryDelay } from './connection.js';
import { applyDirectiveSnapshot, applyDirectives } from './directives.js';
import { WallView } from './view.js';
import { Drill } from './drill.js';
import { FindingCounts } from './findings.js';

const DEFAULT_DEPTH = 2;
const MAX_DEPTH = 6;

const query = new URLSearchParams(location.search);
const lang = query.get('lang') === 'en' ? 'en' : 'zh';
const text = strings(lang);
const depth = parseDepth(query.get('depth'));
const kiosk = query.get('kiosk');
const withKiosk = (url) => (kiosk ? `${url}${url.includes('?') ? '&' : '?'}kiosk=${encodeURIComponent(kiosk)}` : url);

const state = createState();
let formats = clockFormats(lang, query.get('tz'));
const rotate = parseRotate(query.get('rotate'));
const view = new WallView(text, formats, { rotate, open: (unitId) => drill.open(unitId) });
const findingCounts = new FindingCounts({ withKiosk: (url) => withKiosk(url), state, view });

const cover = document.getElementById('cover');
const banner = document.getElementById('banner');
const clock = document.getElementById('clock');

let firstServerBuild = null;
let hasPicture = false;
let stale = false;
let clockOffset = 0; // server clock minus this screen's clock, from the last snapshot
let lastFreshAt = Date.now(); // this screen's clock when the data was last known to be current

function parseDepth(value) {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) ? Math.min(Math.max(n, 0), MAX_DEPTH) : DEFAULT_DEPTH;
}

/** rotate=<seconds>: tiles that do not fit go on pages shown in turn (5 s to 10 min), else 0. */
function parseRotate(value) {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) && n > 0 ? Math.min(Math.max(n, 5), 600) : 0;
}

function setText(element, value) {
  if (element.textContent !== value) element.textContent = value;
}

function showCover(title, note, error) {
  cover.querySelector('.cover-title').textContent = title;
  cover.querySelector('.cover-note').textContent = note ?? '';
  cover.classList.toggle('error', !!error);
  cover.hidden = false;
}

/** The time the picture is as of: now while live, frozen at the last contact when stale. */
function dataTime() {
  return (stale ? lastFreshAt : Date.now()) + clockOffset;
}

function renderClock() {
  const t = dataTime();
  setText(document.getElementById('clock-time'), formats.seconds(t));
  setText(document.getElementById('clock-date'), formats.date(t));
  clock.classList.toggle('stale', stale && hasPicture);
}

const handlers = {
  snapshot(snapshot) {
    if (firstServerBuild == null) firstServerBuild = snapshot.serverBuild ?? '';
    else if ((snapshot.serverBuild ?? '') !== firstServerBuild) {
      location.reload(); // a new server build: load its page, scripts and styles
      return;
    }
    const serverTime = Date.parse(snapshot.serverTime);
    if (Number.isFinite(serverTime)) clockOffset = serverTime - Date.now();
    const zone = state.timeZone;
    applySnapshot(state, snapshot);
    applyDirectiveSnapshot(state, snapshot.directives);
    if (state.timeZone && state.timeZone !== zone && !query.get('tz')) {
      formats = clockFormats(lang, state.timeZone);
      view.formats = formats;
    }
    hasPicture = true;
    cover.hidden = true;
    view.renderAll(state);
    renderClock();
    findingCounts.read();
  },
  summaries(items) {
    view.renderSummaries(state, applySummaries(state, items));
  },
  changes(items) {
    if (mergeChanges(state, items).length > 0) view.renderRecent(state, true);
  },
  directives(rows) {
    if (applyDirectives(state, rows)) view.renderDirectives(state);
  },
  alerts(items) {
    view.renderAlerts(state, applyAlerts(state, items));
  },
  unknownUnit() {
    showCover(text.unitNotFound(connection.unitId), text.retrying, true);
  },
  /** The kiosk link allows less than this address asks for: say what it allows; asking again changes nothing. */
  refused(allowed) {
    hasPicture = false;
    showCover(text.kioskAllows(allowed.name, allowed.depth), text.kioskAllowsNote, true);
  },
  /**
   * No valid kiosk link or sign-in: nothing of the organization stays on screen. Without a kiosk
   * link a person is looking, so the sign-in form comes next and brings them back here.
   */
  unauthorized() {
    if (!kiosk) {
      location.assign(`/login?returnUrl=${encodeURIComponent(location.pathname + location.search)}${lang === 'en' ? '&lang=en' : ''}`);
      return;
    }
    showCover(text.notAllowed, text.notAllowedNote, true);
  },
  lost() {
    stale = true;
    if (connection.lastContact > 0) lastFreshAt = Date.now() - (performance.now() - connection.lastContact);
    if (!hasPicture) return;
    banner.textContent = text.connectionLost(formats.minutes(lastFreshAt + clockOffset));
    banner.hidden = false;
    renderClock();
  },
  restored() {
    stale = false;
    lastFreshAt = Date.now();
    banner.hidden = true;
    renderClock();
  },
};

const connection = new WallConnection({ hubUrl: withKiosk('/hubs/wall'), healthUrl: '/healthz', handlers });
const drill = new Drill({ connection, state, text });

setInterval(() => {
  if (!stale) lastFreshAt = Date.now();
  renderClock();
}, 1000);

let resizeTimer = 0;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => view.resize(state), 200);
});

/** The unit from the URL, or the root: the first unit of GET /api/v1/units (parents come first). */
async function resolveUnit() {
  const fromUrl = query.get('unit')?.trim();
  if (fromUrl) return fromUrl;
  for (let attempt = 0; ; attempt++) {
    try {
      const answer = await fetch(withKiosk('/api/v1/units'), { cache: 'no-store', headers: { Accept: 'application/json' } });
      if (answer.ok) {
        const units = await answer.json();
        if (Array.isArray(units) && units.length > 0 && units[0]?.id) return units[0].id;
      } else if (answer.status === 401) {
        handlers.unauthorized();
      }
    } catch {
      // the server is not there yet: keep trying
    }
    await new Promise((resolve) => setTimeout(resolve, retryDelay(attempt)));
  }
}

// Names are shortened only where they do not fit, which depends on the font: measure again once it is there.
document.fonts?.ready.then(() => { if (hasPicture) view.renderAll(state); });

showCover(text.connecting, '');
renderClock();
resolveUnit().then((unitId) => {
  drill.begin(unitId, depth);
  connection.start(unitId, depth);
});
