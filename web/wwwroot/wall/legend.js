// The wall's legend: what the health glyphs, the bars, the alert glyphs and the duties chip mean.

import { make } from './dom.js';
import { glyphs } from './i18n.js';

export function fillLegend(legend, t) {
  legend.replaceChildren();
  for (const health of ['green', 'amber', 'red', 'none']) {
    const item = make('span', `legend-item h-${health}`, legend);
    make('span', 'glyph', item).textContent = glyphs[health];
    make('span', 'legend-text', item).textContent = t.health[health];
  }
  const tracks = make('span', 'legend-item', legend);
  make('i', 'swatch party', tracks);
  make('span', 'legend-text', tracks).textContent = t.party;
  make('i', 'swatch business', tracks);
  make('span', 'legend-text', tracks).textContent = t.legendBusiness;
  make('i', 'swatch mark', tracks);
  make('span', 'legend-text', tracks).textContent = t.legendExpected;
  const alerts = make('span', 'legend-item', legend);
  make('span', 'alert-badge amber', alerts).textContent = glyphs.alert;
  make('span', 'legend-text', alerts).textContent = t.legendAlert;
  make('span', 'alert-badge amber escalated', alerts).textContent = glyphs.escalated;
  make('span', 'legend-text', alerts).textContent = t.legendEscalated;
  const duties = make('span', 'legend-item', legend); // shown while the units in view have duties (duties.js)
  duties.id = 'legend-duties';
  duties.hidden = true;
  make('span', 'duties', duties).textContent = '3/5';
  make('span', 'legend-text', duties).textContent = t.legendDuties;
}
