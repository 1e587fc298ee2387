// Unit names on the wall are shown whole: on up to two lines, broken before their kind (党支部)
// when they wrap, and only where even that does not fit without the kind (成果转化与区域创新处).
// Measuring is done once per name on a canvas (no layout); counting lines is pure.

/** The kinds a name may end in; a line break goes before one rather than inside it. */
const KIND = /^(.{2,}?)(党支部|党总支|党委|支部)$/u;
/** The kinds a name may drop where it does not fit (never 党委: 机关党委 would become 机关). */
const DROPPABLE = new Set(['党支部', '党总支', '支部']);

/** { base, kind }: 社会发展科技处党支部 -> 社会发展科技处 + 党支部; kind is '' when none. */
export function splitName(name) {
  const match = KIND.exec(name ?? '');
  return match ? { base: match[1], kind: match[2] } : { base: name ?? '', kind: '' };
}

/** The name without a kind that may be dropped, or null. */
export function shortName(name) {
  const { base, kind } = splitName(name);
  return kind && DROPPABLE.has(kind) && base.length >= 3 ? base : null;
}

/** Where a line may break: between CJK characters, after a space; a Latin word and the kind stay whole. */
function tokens(text) {
  return text.match(/[A-Za-z0-9'’\-]+\s*|\s+|./gu) ?? [];
}

let canvas = null;
const cache = new Map();

/** Widths in em of a name's pieces at the tile name's font: { full, base, kind: [em], baseTokens: [em] }. */
export function measureName(name, fontFamily) {
  const key = `${fontFamily}|${name}`;
  let measured = cache.get(key);
  if (measured) return measured;
  canvas ??= document.createElement('canvas');
  const context = canvas.getContext('2d');
  context.font = `700 100px ${fontFamily}`;
  const width = (text) => context.measureText(text).width / 100;
  const { base, kind } = splitName(name);
  measured = {
    full: tokens(base).map(width).concat(kind ? [width(kind)] : []),
    short: shortName(name) ? tokens(base).map(width) : null,
  };
  if (cache.size > 5000) cache.clear();
  cache.set(key, measured);
  return measured;
}

/** How many lines words of these widths take on lines `room` em wide, each word whole where it can be. */
export function linesOf(widths, room) {
  if (room <= 0) return Infinity;
  let lines = 1;
  let used = 0;
  for (const w of widths) {
    if (used > 0 && used + w > room + 0.01) {
      lines++;
      used = 0;
    }
    if (w > room + 0.01) {
      lines += Math.ceil(w / room) - 1; // a word longer than a line: the browser breaks it anywhere
      used = w % room;
    } else used += w;
  }
  return lines;
}

/**
 * The lines the names need at a name width of `room` em: { lines, shortened } with lines at most 2,
 * shortened counting names that fit only without their kind; null when one fits in neither way.
 */
export function namesFit(names, room, allowShort) {
  let lines = 1;
  let shortened = 0;
  for (const name of names) {
    const full = linesOf(name.full, room);
    if (full <= 2) {
      lines = Math.max(lines, full);
      continue;
    }
    const short = allowShort && name.short ? linesOf(name.short, room) : Infinity;
    if (short > 2) return null;
    lines = Math.max(lines, short);
    shortened++;
  }
  return { lines, shortened };
}

/**
 * Writes each name whole (base, then the kind that a line break goes before), and the short one
 * where the whole one overflows its two lines. All writes, then all reads, then the few writes.
 */
export function fitTileNames(items) {
  for (const item of items) item.showFull();
  const tooBig = items.filter((item) => item.overflows());
  for (const item of tooBig) item.showShort();
}
