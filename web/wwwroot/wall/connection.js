// The wall's link to /hubs/wall, built to run for weeks: it reconnects forever, watches again
// after every reconnect, and notices within seconds when the server has gone quiet.

/* global signalR */

// No server contact for this long: the picture is stale. Checked twice a second, so the banner
// is up within 5 s of the last sign of life.
export const WATCHDOG_MS = 4000;
const TICK_MS = 500;
const PROBE_AFTER_MS = 1500; // quiet for this long while connected: ask the server if it is there
const PROBE_TIMEOUT_MS = 2500;
const RETRY_CAP_MS = 30000;
const UNKNOWN_UNIT_RETRY_MS = 30000;
const MAX_BUFFERED = 2000;

/** Exponential backoff with jitter, capped at 30 s; never null, so reconnecting never gives up. */
export function retryDelay(attempt, capMs = RETRY_CAP_MS) {
  const base = Math.min(capMs, 1000 * 2 ** Math.min(Math.max(attempt, 0), 10));
  return Math.round(Math.min(capMs, base / 2 + (Math.random() * base) / 2));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The server refused the connection: no kiosk token or sign-in, or a revoked one. */
export function isUnauthorized(error) {
  return /\b401\b/.test(String(error?.message ?? error));
}

/** The server answered Watch with a hub error: an unknown unit or a depth out of range. */
export function isHubError(error) {
  return /HubException/.test(String(error?.message ?? error));
}

/**
 * The server refused Watch because the kiosk link allows less (web/Identity/Kiosks.cs words it):
 * {unitId, name, depth} of what the link allows, or null for any other error.
 */
export function kioskRefusal(error) {
  const match = /only unit '([^']*)' \((.*)\) and (\d+) levels? below it/.exec(String(error?.message ?? error));
  return match ? { unitId: match[1], name: match[2], depth: Number(match[3]) } : null;
}

export class WallConnection {
  /**
   * handlers: snapshot(snapshot), summaries(items), changes(items), alerts(items), unknownUnit(error),
   * refused({unitId, name, depth}) (optional), unauthorized(), lost(), restored()
   * unitId and depth are read at every Watch (the page sets them once).
   */
  constructor({ hubUrl, healthUrl, handlers }) {
    this.handlers = handlers;
    this.healthUrl = healthUrl;
    this.unitId = null;
    this.depth = 2;
    this.lastContact = 0; // performance.now() of the last sign of life from the server
    this.watched = false; // this connection holds a snapshot for the current watch
    this.watching = null;
    this.watchAgain = false;
    this.buffer = null; // messages that arrive while a Watch is in flight
    this.retryTimer = 0;
    this.starting = false;
    this.probing = false;
    this.lost = false;

    this.connection = new signalR.HubConnectionBuilder()
      .withUrl(hubUrl)
      .withAutomaticReconnect({
        nextRetryDelayInMilliseconds: (context) => {
          // A revoked kiosk link: the server refuses the reconnect. Say so; keep trying, slowly.
          if (isUnauthorized(context.retryReason)) {
            this.handlers.unauthorized();
            return UNKNOWN_UNIT_RETRY_MS + Math.random() * 5000;
          }
          return retryDelay(context.previousRetryCount);
        },
      })
      .configureLogging(signalR.LogLevel.Warning)
      .build();

    this.connection.on('summaries', (items) => this.receive('summaries', items));
    this.connection.on('changes', (items) => this.receive('changes', items));
    this.connection.on('structure', () => { this.contact(); this.watch(); });
    this.connection.on('alerts', (items) => this.receive('alerts', items));
    this.connection.on('directives', (rows) => this.receive('directives', rows));
    this.connection.onreconnecting(() => { this.watched = false; this.markLost(); });
    this.connection.onreconnected(() => { this.contact(); this.watch(); });
    this.connection.onclose(() => { this.watched = false; this.markLost(); this.startLoop(); });
    this.countPings();
  }

  /**
   * Server keep-alive pings are not surfaced by the client API; when the transport's receive
   * hook is there, every frame (pings included) counts as contact. Optional: the probe covers it.
   */
  countPings() {
    const transport = this.connection.connection;
    if (!transport || typeof transport.onreceive !== 'function') return;
    const original = transport.onreceive;
    transport.onreceive = (data) => { this.contact(); original(data); };
  }

  start(unitId, depth) {
    this.unitId = unitId;
    this.depth = depth;
    setInterval(() => this.tick(), TICK_MS);
    this.startLoop();
  }

  /** Starts the connection, retrying forever; then watches. Also the way back after onclose. */
  async startLoop() {
    if (this.starting) return;
    this.starting = true;
    try {
      for (let attempt = 0; ; attempt++) {
        const state = this.connection.state;
        if (state === signalR.HubConnectionState.Connected) break;
        if (state === signalR.HubConnectionState.Disconnected) {
          try {
            await this.connection.start();
            break;
          } catch (error) {
            // the server is down or unreachable, or refused this wall's link: try again, forever
            if (isUnauthorized(error)) {
              this.handlers.unauthorized();
              await sleep(UNKNOWN_UNIT_RETRY_MS + Math.random() * 5000);
              continue;
            }
          }
        }
        await sleep(retryDelay(attempt));
      }
    } finally {
      this.starting = false;
    }
    this.contact();
    this.watch();
  }

  /** Calls Watch; one at a time, and once more if asked again meanwhile. */
  async watch() {
    if (this.watching) {
      this.watchAgain = true;
      return;
    }
    clearTimeout(this.retryTimer);
    this.watching = this.watchLoop();
    try {
      await this.watching;
    } finally {
      this.watching = null;
    }
  }

  async watchLoop() {
    do {
      this.watchAgain = false;
      if (this.connection.state !== signalR.HubConnectionState.Connected) return; // onreconnected/start will watch
      this.buffer = [];
      try {
        const snapshot = await this.connection.invoke('Watch', this.unitId, this.depth);
        this.contact();
        this.watched = true;
        this.handlers.snapshot(snapshot);
        // Pushes that raced the snapshot: versions decide what still counts.
        for (const [kind, items] of this.buffer) this.handlers[kind]?.(items);
        this.restoreIfFresh();
      } catch (error) {
        this.watched = false;
        const refusal = isHubError(error) ? kioskRefusal(error) : null;
        if (refusal && this.handlers.refused) {
          // The link allows less than asked: asking again will not change that. No retry.
          this.contact();
          this.handlers.refused(refusal);
        } else if (isHubError(error)) {
          this.contact();
          this.handlers.unknownUnit(error);
          this.retryTimer = setTimeout(() => this.watch(), UNKNOWN_UNIT_RETRY_MS + Math.random() * 5000);
        } else if (this.connection.state === signalR.HubConnectionState.Connected) {
          this.retryTimer = setTimeout(() => this.watch(), retryDelay(3));
        }
      } finally {
        this.buffer = null;
      }
    } while (this.watchAgain);
  }

  receive(kind, items) {
    this.contact();
    if (!Array.isArray(items)) return;
    if (this.buffer) {
      if (this.buffer.length < MAX_BUFFERED) this.buffer.push([kind, items]);
      else this.watchAgain = true; // too much raced the snapshot: take a fresh one
      return;
    }
    if (this.watched) this.handlers[kind]?.(items);
  }

  contact() {
    this.lastContact = performance.now();
    this.restoreIfFresh();
  }

  markLost() {
    if (this.lost) return;
    this.lost = true;
    this.handlers.lost();
  }

  restoreIfFresh() {
    if (!this.lost || !this.watched) return;
    if (this.connection.state !== signalR.HubConnectionState.Connected) return;
    this.lost = false;
    this.handlers.restored();
  }

  /** The watchdog: probes a quiet server, and calls the picture stale after 5 s without contact. */
  tick() {
    const quiet = performance.now() - this.lastContact;
    const connected = this.connection.state === signalR.HubConnectionState.Connected;
    if (connected && quiet > PROBE_AFTER_MS) this.probe();
    if (quiet > WATCHDOG_MS || !connected) this.markLost();
  }

  async probe() {
    if (this.probing) return;
    this.probing = true;
    try {
      const answer = await fetch(this.healthUrl, { cache: 'no-store', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
      if (answer.ok) this.contact();
    } catch {
      // no answer: the watchdog decides
    } finally {
      this.probing = false;
    }
  }
}
