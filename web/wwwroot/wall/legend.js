// The wall's legend: what the health glyphs, the bars, the alert glyphs, the duties chip and the trend mean.

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
  const trend = make('span', 'legend-item', legend); // shown once a tile draws a trend, where there is room (fitTrendLegend)
  trend.id = 'legend-trend';
  trend.hidden = true;
  trend.insertAdjacentHTML('beforeend', '<svg class="trend trend-sample" viewBox="0 0 20 100" preserveAspectRatio="none" aria-hidden="true">'
    + '<path class="trend-expected" d="M0 70L20 20"/><path class="trend-progress" d="M0 85L7 70L13 55L20 45"/></svg>');
  make('span', 'legend-text', trend).textContent = t.legendTrend;
  const duties = make('span', 'legend-item', legend); // shown while the units in view have duties (duties.js)
  duties.id = 'legend-duties';
  duties.hidden = true;
  make('span', 'duties', duties).textContent = '3/5';
  make('span', 'legend-text', duties).textContent = t.legendDuties;
}

/** The trend's item while a tile draws a trend and the legend has room for it: it gives way to the others. */
export function fitTrendLegend(any) {
  const item = document.getElementById('legend-trend');
  if (!item) return;
  item.hidden = !any;
  const legend = item.parentElement;
  if (any && legend.scrollWidth > legend.clientWidth + 1) item.hidden = true;
}
