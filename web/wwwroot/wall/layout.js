// Chooses how the tiles fill the tree area: how many columns, how big, the tile's font, and how
// many are drawn. Sizes are in rem (the page's unit) and, inside a tile, in em of the tile's font,
// which grows where tiles have room (never below 1rem, the readable size). Pure, no DOM.

import { namesFit } from './names.js';

/**
 * Per variant, in em of the tile's font: the tile's smallest, ideal and largest box with a one-line
 * name, and the width its chrome leaves the name (padding, border, glyph; the alert glyph in a
 * compact tile's head).
 */
export const tileSizes = {
  // name, both tracks with bars, the foot (counts or the reason)
  full: { minW: 9.5, minH: 5.4, idealW: 13, idealH: 6.3, maxW: 20, maxH: 8, chrome: 3.0 },
  // name and both percentages (or the reason)
  compact: { minW: 8, minH: 3.2, idealW: 11, idealH: 4, maxW: 16, maxH: 5, chrome: 5.1 },
};

/** A name's line, in em (CSS: .tile .name line-height). */
export const NAME_LINE = 1.15;
/** The tile font's largest scale over 1rem. */
export const MAX_SCALE = 1.5;
const MAX_COLUMNS = 16;

/** The box a variant needs for names of `lines` lines, in em. */
function sized(variant, lines) {
  const size = tileSizes[variant];
  const extra = (lines - 1) * NAME_LINE;
  return { ...size, minH: size.minH + extra, idealH: size.idealH + extra, maxH: size.maxH + extra };
}

/**
 * The largest tile font (rem) at which every name fits a tile of tileW x room rem, with the lines
 * they then need: { scale, lines, shortened } or null when not even 1rem fits.
 */
function bestScale(variant, names, tileW, room, allowShort, maxScale = MAX_SCALE) {
  for (let scale = maxScale; scale >= 1 - 1e-9; scale -= 0.05) {
    const size = tileSizes[variant];
    const fit = namesFit(names, tileW / scale - size.chrome, allowShort);
    if (!fit) continue;
    const box = sized(variant, fit.lines);
    if (tileW / scale < box.minW || room / scale < box.minH) continue;
    // Larger than ideal in both directions only: no font larger than the tile asks for.
    if (scale > 1 && (tileW / scale < box.idealW || room / scale < box.idealH)) continue;
    return { scale: Math.round(scale * 100) / 100, lines: fit.lines, shortened: fit.shortened };
  }
  return null;
}

/**
 * sections: [{ header: boolean, count: number }], names: the measured names of every tile
 * (names.js measureName). Returns the best {variant, cols, tileW, tileH, scale, lines} that fits
 * every tile with every name whole, or failing that with some names without their kind (full tiles
 * first, then compact ones), or null.
 */
export function fitGrid({ width, height, gap, headerHeight, sectionGap, sections, names = [], maxScale }) {
  // Bars before whole kinds: full tiles where a long name drops its 党支部, rather than no bars at all.
  for (const variant of ['full', 'compact']) {
    for (const allowShort of [false, true]) {
      const best = bestGrid(variant, { width, height, gap, headerHeight, sectionGap, sections, names, maxScale }, allowShort);
      if (best === 'headers') return null;
      if (best) return best;
    }
  }
  return null;
}

function bestGrid(variant, { width, height, gap, headerHeight, sectionGap, sections, names, maxScale }, allowShort) {
  const size = tileSizes[variant];
  let best = null;
  for (let cols = 1; cols <= MAX_COLUMNS; cols++) {
    const tileW = (width - (cols - 1) * gap) / cols;
    if (tileW < size.minW) break;
    let rows = 0, fixed = 0, gaps = 0;
    sections.forEach((section, i) => {
      const r = Math.ceil(section.count / cols);
      rows += r;
      if (section.header) fixed += headerHeight + (r > 0 ? gap : 0);
      gaps += Math.max(r - 1, 0) * gap;
      if (i > 0) fixed += sectionGap;
    });
    if (fixed > height) return 'headers'; // the headers alone do not fit
    if (rows === 0) return { variant, cols, tileW: Math.min(tileW, size.maxW), tileH: 0, scale: 1, lines: 1 };
    const room = (height - fixed - gaps) / rows;
    const fit = bestScale(variant, names, tileW, room, allowShort, maxScale);
    if (!fit) continue;
    const box = sized(variant, fit.lines);
    // An area that scrolls (height Infinity: a phone) gives each tile the width and its ideal height.
    const w = Number.isFinite(room) ? Math.min(tileW, box.maxW * fit.scale) : tileW;
    const tileH = Number.isFinite(room) ? Math.min(room, box.maxH * fit.scale) : box.idealH * fit.scale;
    // Bigger type first, then the tile closest to its ideal shape; fewer names shortened.
    // Where the area scrolls, height costs nothing: the most columns whose tiles are as wide as ideal.
    const shape = Number.isFinite(room)
      ? Math.min(w / (box.idealW * fit.scale), tileH / (box.idealH * fit.scale))
      : Math.min(w / (box.idealW * fit.scale), 1) + cols * 1e-6;
    const score = fit.scale * 10 + shape - fit.shortened * 0.01;
    if (!best || score > best.score + 1e-9) best = { variant, cols, tileW: w, tileH, scale: fit.scale, lines: fit.lines, score };
  }
  return best;
}

/**
 * Compact tiles at 1rem for a capped grid: the most columns at which every name still fits its two
 * lines (some without their kind), the lines they need, and how many rows fit the height.
 */
function compactRows({ width, height, gap }, names) {
  const size = tileSizes.compact;
  let cols = Math.max(1, Math.floor((width + gap) / (size.minW + gap)));
  let tileW, fit;
  for (; ; cols--) {
    tileW = Math.min((width - (cols - 1) * gap) / cols, size.maxW);
    fit = namesFit(names, tileW - size.chrome, true);
    if (fit || cols === 1) break;
  }
  const lines = fit?.lines ?? 2;
  const box = sized('compact', lines);
  return { cols, tileW, lines, box, rows: Math.max(1, Math.floor((height + gap + 1e-9) / (box.minH + gap))) };
}

/** How many compact tiles fit at most in one flat grid, and its shape. */
export function flatCapacity(area, names = []) {
  const { cols, tileW, lines, box, rows } = compactRows(area, names);
  const tileH = Math.min((area.height - (rows - 1) * area.gap) / rows, box.maxH);
  return { variant: 'compact', cols, rows, tileW, tileH, scale: 1, lines, capacity: cols * rows };
}

/**
 * Grandchildren that do not all fit: each group gets at least one row of compact tiles and the
 * rest of the rows go where the most are hidden; a group that still does not fit shows its worst
 * units and one "more" tile. Null when not even one row per group fits.
 */
export function fitGroupsCapped(groups, { width, height, gap, headerHeight, sectionGap }, bySeverity, names = []) {
  const room = height - groups.length * headerHeight - (groups.length - 1) * sectionGap;
  const { cols, tileW, lines, box } = compactRows({ width, height: room, gap }, names);
  const rows = Math.floor((room + 1e-9) / (box.minH + gap));
  const rowsOf = groups.map((g) => (g.kids.length > 0 ? 1 : 0));
  let left = rows - rowsOf.reduce((a, b) => a + b, 0);
  if (left < 0) return null;
  for (; left > 0; left--) {
    let best = -1, bestHidden = 0;
    groups.forEach((g, i) => {
      const hidden = g.kids.length - rowsOf[i] * cols;
      if (hidden > bestHidden) { best = i; bestHidden = hidden; }
    });
    if (best < 0) break;
    rowsOf[best]++;
  }
  const used = rowsOf.reduce((a, b) => a + b, 0);
  const tileH = Math.min(box.maxH, used > 0 ? room / used - gap : box.maxH);
  return {
    grid: { variant: 'compact', cols, tileW, tileH, scale: 1, lines },
    groups: groups.map((g, i) => {
      const slots = rowsOf[i] * cols;
      if (g.kids.length <= slots) return { unit: g.unit, kids: g.kids, hidden: [] };
      const ordered = g.kids.slice().sort(bySeverity);
      return { unit: g.unit, kids: ordered.slice(0, slots - 1), hidden: ordered.slice(slots - 1) };
    }),
  };
}

/**
 * The plan for the tree area. groups: [{ unit, kids }] (the watched unit's children); nameOf(unit)
 * gives a unit's measured name. Grouped when grandchildren exist and fit, or fit capped with a row
 * per group; otherwise one flat grid of children (grandchildren aggregated in each child's counts);
 * when even that does not fit, the worst units are drawn first and the rest are summed up in one
 * "more" tile.
 */
export function planTree(groups, area, bySeverity, nameOf = () => ({ full: [], short: null })) {
  const metrics = { width: area.width, height: area.height, gap: area.gap, headerHeight: area.headerHeight, sectionGap: area.sectionGap, maxScale: area.maxScale };
  if (groups.some((g) => g.kids.length > 0)) {
    const names = groups.flatMap((g) => g.kids.map(nameOf));
    const grid = fitGrid({ ...metrics, names, sections: groups.map((g) => ({ header: true, count: g.kids.length })) });
    if (grid) return { mode: 'grouped', grid, groups: groups.map((g) => ({ ...g, hidden: [] })), capped: false };
    const capped = fitGroupsCapped(groups, metrics, bySeverity, names);
    if (capped) return { mode: 'grouped', grid: capped.grid, groups: capped.groups, capped: capped.groups.some((g) => g.hidden.length > 0) };
  }
  const units = groups.map((g) => g.unit);
  const names = units.map(nameOf);
  const grid = fitGrid({ ...metrics, names, sections: [{ header: false, count: units.length }] });
  if (grid) return { mode: 'flat', grid, tiles: units, hidden: [], capped: false };
  const capped = flatCapacity(metrics, names);
  const ordered = units.slice().sort(bySeverity);
  const shown = ordered.slice(0, capped.capacity - 1);
  return { mode: 'flat', grid: capped, tiles: shown, hidden: ordered.slice(capped.capacity - 1), capped: true };
}

/**
 * With rotation (kiosk link `rotate=<seconds>`): instead of capping, the tiles that do not fit go
 * on further pages, in display order, each page laid out like a plan of its own (grouped pages
 * repeat a group's head where it continues). One page when everything fits.
 */
export function planPages(groups, area, bySeverity, nameOf = () => ({ full: [], short: null }), rotate = true) {
  const whole = planTree(groups, area, bySeverity, nameOf);
  if (!rotate) return [whole];
  const grouped = groups.some((g) => g.kids.length > 0);
  if (!whole.capped && (whole.mode === 'grouped' || !grouped)) return [whole];
  const metrics = { width: area.width, height: area.height, gap: area.gap };
  if (!grouped) {
    const units = groups.map((g) => g.unit);
    const { capacity } = flatCapacity(metrics, units.map(nameOf));
    const pages = [];
    for (let i = 0; i < units.length; i += capacity) pages.push(units.slice(i, i + capacity).map((unit) => ({ unit, kids: [] })));
    return pages.map((page) => planTree(page, area, bySeverity, nameOf));
  }
  // Grouped: whole groups while they fit, a group larger than a page split into chunks.
  const { cols, box } = compactRows(metrics, groups.flatMap((g) => g.kids.map(nameOf)));
  const rowH = box.minH + area.gap;
  const pages = [];
  let page = [], used = 0;
  const close = () => { if (page.length) pages.push(page); page = []; used = 0; };
  for (const group of groups) {
    let kids = group.kids;
    do {
      const head = (page.length ? area.sectionGap : 0) + area.headerHeight + area.gap;
      const roomRows = Math.floor((area.height - used - head + area.gap + 1e-9) / rowH);
      const needRows = Math.ceil(kids.length / cols);
      if (roomRows < Math.min(1, needRows) || (roomRows < needRows && page.length && needRows * rowH + head <= area.height)) {
        if (!page.length) break; // not even one row fits an empty page: nothing to page into
        close();
        continue;
      }
      const take = Math.min(kids.length, Math.max(roomRows, 0) * cols);
      page.push({ unit: group.unit, kids: kids.slice(0, take) });
      used += head + Math.ceil(take / cols) * rowH - area.gap;
      kids = kids.slice(take);
      if (kids.length) close();
    } while (kids.length);
  }
  close();
  if (pages.length === 0) return [whole];
  return pages.map((groupsOfPage) => {
    const plan = planTree(groupsOfPage, area, bySeverity, nameOf);
    return plan;
  });
}
