namespace Cascade.Tests.E2E;

/// <summary>
/// What "nothing cut, nothing overlapping" means on the wall, as a script for the page: every
/// element that shows a unit name or a short label (tile names and labels, 需要帮扶's names and
/// reasons, the header, the legend, the ticker's unit names, 交办事项's titles and figures) must lie inside every box that clips
/// it, must not be wider than its own clipping box (an ellipsis counts as cut), and must not cover
/// another such element. A line's glyphs are taken as its em box, not the font's whole line box.
/// Long free text (the ticker's messages) may end in an ellipsis and is not checked.
/// </summary>
public static class WallFit
{
    public const string Labels =
        ".tile .name, .tile .track-label, .tile .track-value, .tile .tile-reason, .tile .foot-label, .tile .count, .tile .count-glyph, " +
        ".tile .alert-badge, .tile .duties, .org-duties, .legend .duties, .tile .glyph, .more-title, .tile.more .count, .lag-row .name, .lag-reasons, .panel h2 > span, .panel h2 small, .lag-page, " +
        ".legend-text, .legend-item .glyph, .org-name, .org-sub, .org-health .label, .org-health .figures, .org-counts > span, .org-alerts > span, " +
        ".clock-label, .clock-time, .clock-date, .change-unit, .change-time, .tree-back, .tree-page, .dir-title, .dir-done, .dir-overdue, .dir-pct";

    /// <summary>Answers the problems found, one line each (empty when the wall fits).</summary>
    public const string Script = """
        (selectors) => {
          const out = [];
          const label = (el) => `${el.className || el.tagName} "${el.textContent.trim().slice(0, 40)}"` + (el.closest('[data-unit]') ? ` in ${el.closest('[data-unit]').dataset.unit}` : '');
          const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden' && el.textContent.trim() !== '';
          const clipsOf = (el) => {
            const list = [];
            for (let p = el.parentElement; p && p !== document.documentElement; p = p.parentElement) {
              const cs = getComputedStyle(p);
              if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') list.push(p);
            }
            return list;
          };
          const items = [];
          for (const el of document.querySelectorAll(selectors)) {
            if (!shown(el)) continue;
            const range = document.createRange();
            range.selectNodeContents(el);
            const size = parseFloat(getComputedStyle(el).fontSize);
            const lines = [...range.getClientRects()].filter((r) => r.width > 0.5 && r.height > 0.5)
              .map((r) => ({ left: r.left, right: r.right, top: r.top + Math.max(0, r.height - size) / 2, bottom: r.bottom - Math.max(0, r.height - size) / 2 }));
            const cs = getComputedStyle(el);
            if ((cs.overflowX !== 'visible' || cs.textOverflow === 'ellipsis') && el.scrollWidth > el.clientWidth + 1)
              out.push(`cut, wider than its box (${el.scrollWidth} > ${el.clientWidth}): ${label(el)}`);
            // The page: the screen's width (nothing sideways), and its whole height where it scrolls (a phone).
            const viewport = { left: 0, top: -scrollY, right: innerWidth, bottom: Math.max(innerHeight, document.documentElement.scrollHeight) - scrollY };
            for (const box of [viewport, ...clipsOf(el).map((c) => c.getBoundingClientRect())]) {
              const outside = lines.find((l) => l.left < box.left - 1 || l.right > box.right + 1 || l.top < box.top - 1 || l.bottom > box.bottom + 1);
              if (outside) { out.push(`cut at the edge of its box: ${label(el)}`); break; }
            }
            items.push({ el, lines });
          }
          for (let i = 0; i < items.length; i++) {
            for (let j = i + 1; j < items.length; j++) {
              const a = items[i], b = items[j];
              if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
              const hit = a.lines.some((p) => b.lines.some((q) => Math.min(p.right, q.right) - Math.max(p.left, q.left) > 1 && Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top) > 1));
              if (hit) out.push(`overlap: ${label(a.el)} and ${label(b.el)}`);
            }
          }
          return out;
        }
        """;
}
