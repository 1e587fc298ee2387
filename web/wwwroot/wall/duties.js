// This period's duties (三会一课, 主题党日) on a tile and in the header: held / due, from the
// summary's `duties` ({due, done}); shown only when the unit has any. Its colour says one thing:
// whether all are held (done == due).

/** The figures to show, or null when the unit has no duties this period. */
export function dutiesOf(summary) {
  const due = summary?.duties?.due ?? 0;
  if (!(due > 0)) return null;
  return { due, done: Math.min(Math.max(summary.duties.done ?? 0, 0), due) };
}

/** A small chip in a tile's foot: "组织生活 3/5", or just "3/5" where the foot has no room (the legend says what it is). */
export class DutiesChip {
  constructor(element, text) {
    this.element = element;
    this.text = text;
    this.key = '';
    element.hidden = true;
  }

  /** Answers the key of what it shows ('' when nothing), for the tile's change check. */
  update(summary) {
    const duties = dutiesOf(summary);
    const key = duties ? `${duties.done}/${duties.due}` : '';
    if (key === this.key) return key;
    this.key = key;
    const element = this.element;
    element.hidden = !duties;
    element.classList.toggle('held', !!duties && duties.done === duties.due);
    if (duties) {
      element.dataset.done = String(duties.done);
      element.dataset.due = String(duties.due);
      element.title = this.text.dutiesTitle(duties.done, duties.due);
    } else {
      delete element.dataset.done;
      delete element.dataset.due;
      element.title = '';
      element.textContent = '';
    }
    return key;
  }

  /**
   * Whole words when the foot has room for them beside everything else, else the figures only;
   * none where even those would cut the tile's worst reason (the foot's tooltip says them then).
   */
  fit(foot, crowded) {
    foot.title = '';
    if (!this.key) return;
    const over = () => crowded() || foot.scrollWidth > foot.clientWidth + 1;
    const element = this.element;
    element.hidden = false;
    delete element.dataset.fit;
    const full = `${this.text.duties} ${this.key}`;
    if (element.textContent !== full) element.textContent = full;
    if (!over()) return;
    element.textContent = this.key;
    element.dataset.fit = 'short';
    if (!over()) return;
    element.hidden = true;
    element.dataset.fit = 'none';
    foot.title = element.title; // the figures, on the foot's tooltip
  }
}

/** The watched unit's duties in the header; the legend explains the chip while units in view have any. */
export function renderHeaderDuties(element, text, summary) {
  const duties = dutiesOf(summary);
  element.hidden = !duties;
  const legend = document.getElementById('legend-duties');
  if (legend) legend.hidden = !duties;
  element.classList.toggle('held', !!duties && duties.done === duties.due);
  const words = duties ? `${text.duties} ${duties.done}/${duties.due}` : '';
  if (element.textContent !== words) element.textContent = words;
  element.title = duties ? text.dutiesTitle(duties.done, duties.due) : '';
}
