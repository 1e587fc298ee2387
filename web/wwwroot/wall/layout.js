// Chooses how the tiles fill the tree area: how many columns, how big, and how many are drawn.
// Sizes are in rem so that the same choice holds at 1080p and 4K. Pure, no DOM.

export const tileSizes = {
  // name, both tracks with bars, the counts line
  full: { minW: 10, minH: 5.7, idealW: 13, idealH: 6.6, maxW: 20, maxH: 8 },
  // name and both percentages
  compact: { minW: 8.5, minH: 3.9, idealW: 11, idealH: 4.4, maxW: 16, maxH: 5 },
};

const MAX_COLUMNS = 16;

/**
 * sections: [{ header: boolean, count: number }]; returns the best {variant, cols, tileW, tileH}
 * that fits every tile, or null.
 */
export function fitGrid({ width, height, gap, headerHeight, sectionGap, sections }) {
  for (const variant of ['full', 'compact']) {
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
      if (fixed > height) return null; // the headers alone do not fit
      if (rows === 0) return { variant, cols, tileW: Math.min(tileW, size.maxW), tileH: 0 };
      const room = (height - fixed - gaps) / rows;
      if (room < size.minH) continue;
      const tileH = Math.min(room, size.maxH);
      const w = Math.min(tileW, size.maxW);
      const score = Math.min(w / size.idealW, tileH / size.idealH);
      if (!best || score > best.score + 1e-9) best = { variant, cols, tileW: w, tileH, score };
    }
    if (best) return best;
  }
  return null;
}

/** How many compact tiles fit at most in one flat grid, and its shape. */
export function flatCapacity({ width, height, gap }) {
  const size = tileSizes.compact;
  const cols = Math.max(1, Math.floor((width + gap) / (size.minW + gap)));
  const rows = Math.max(1, Math.floor((height + gap) / (size.minH + gap)));
  const tileW = Math.min((width - (cols - 1) * gap) / cols, size.maxW);
  const tileH = Math.min((height - (rows - 1) * gap) / rows, size.maxH);
  return { variant: 'compact', cols, rows, tileW, tileH, capacity: cols * rows };
}

/**
 * Grandchildren that do not all fit: each group gets at least one row of compact tiles and the
 * rest of the rows go where the most are hidden; a group that still does not fit shows its worst
 * units and one "more" tile. Null when not even one row per group fits.
 */
export function fitGroupsCapped(groups, { width, height, gap, headerHeight, sectionGap }, bySeverity) {
  const size = tileSizes.compact;
  const cols = Math.max(1, Math.floor((width + gap) / (size.minW + gap)));
  const room = height - groups.length * headerHeight - (groups.length - 1) * sectionGap;
  const rows = Math.floor((room + 1e-9) / (size.minH + gap));
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
  const tileW = Math.min((width - (cols - 1) * gap) / cols, size.maxW);
  const tileH = Math.min(size.maxH, used > 0 ? room / used - gap : size.maxH);
  return {
    grid: { variant: 'compact', cols, tileW, tileH },
    groups: groups.map((g, i) => {
      const slots = rowsOf[i] * cols;
      if (g.kids.length <= slots) return { unit: g.unit, kids: g.kids, hidden: [] };
      const ordered = g.kids.slice().sort(bySeverity);
      return { unit: g.unit, kids: ordered.slice(0, slots - 1), hidden: ordered.slice(slots - 1) };
    }),
  };
}

/**
 * The plan for the tree area. groups: [{ unit, kids }] (the watched unit's children). Grouped when
 * grandchildren exist and fit, or fit capped with a row per group; otherwise one flat grid of
 * children (grandchildren aggregated in each child's counts); when even that does not fit, the
 * worst units are drawn first and the rest are summed up in one "more" tile.
 */
export function planTree(groups, area, bySeverity) {
  const metrics = { width: area.width, height: area.height, gap: area.gap, headerHeight: area.headerHeight, sectionGap: area.sectionGap };
  if (groups.some((g) => g.kids.length > 0)) {
    const grid = fitGrid({ ...metrics, sections: groups.map((g) => ({ header: true, count: g.kids.length })) });
    if (grid) return { mode: 'grouped', grid, groups: groups.map((g) => ({ ...g, hidden: [] })), capped: false };
    const capped = fitGroupsCapped(groups, metrics, bySeverity);
    if (capped) return { mode: 'grouped', grid: capped.grid, groups: capped.groups, capped: capped.groups.some((g) => g.hidden.length > 0) };
  }
  const units = groups.map((g) => g.unit);
  const grid = fitGrid({ ...metrics, sections: [{ header: false, count: units.length }] });
  if (grid) return { mode: 'flat', grid, tiles: units, hidden: [], capped: false };
  const capped = flatCapacity(metrics);
  const ordered = units.slice().sort(bySeverity);
  const shown = ordered.slice(0, capped.capacity - 1);
  return { mode: 'flat', grid: capped, tiles: shown, hidden: ordered.slice(capped.capacity - 1), capped: true };
}
