// The shown unit's 90-day trend of progress against expected, under its figures: read from
// GET /units/{id}/history when the page loads and again once a day (never pushed), drawn with
// ECharts (loaded by app.html) as two lines, progress solid and expected dashed. A unit without
// points says so instead of drawing an empty chart. Its heading links to 此前与现在 (then and now).

/* global echarts */

import { trendSeries } from '../wall/trend.js';
import { make, setText } from './dom.js';
import { getJson, SignedOut } from './api.js';

const DAY_CHECK_MS = 10 * 60 * 1000;
const colours = { progress: '#4ea1ff', expected: '#f3f6fa', grid: '#1b2b45', text: '#9aabc2' };

const percentOrNull = (value) => (value == null ? null : Math.round(value * 1000) / 10);

/** The department's date an hour and a quarter ago: it turns once the day's points are taken. */
function dayAfterPoints(timeZone) {
  const at = Date.now() - 75 * 60 * 1000;
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: timeZone || undefined, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  } catch {
    return new Date(at).toISOString().slice(0, 10);
  }
}

export class TrendChart {
  /** parent: where the block goes; timeZone(): the department's, whose day turning reads again. */
  constructor(text, parent, { unitId, timeZone, signedOut }) {
    this.text = text;
    this.url = `/api/v1/units/${encodeURIComponent(unitId)}/history`;
    this.today = () => dayAfterPoints(timeZone());
    this.signedOut = signedOut;
    this.element = make('section', 'trend-block', parent);
    this.element.id = 'trend';
    const head = make('div', 'trend-head', this.element);
    setText(make('h2', 'trend-title', head), text.trendTitle);
    // 此前与现在: the unit on two days or inspections side by side (main.js sets where it leads).
    const compare = make('a', 'compare-link', head);
    compare.id = 'compare-link';
    compare.href = '/app/compare';
    this.note = make('p', 'trend-none', this.element);
    this.note.hidden = true;
    this.box = make('div', 'trend-chart', this.element);
    this.chart = null;
    this.series = null;
    this.readDay = null;
    // The chart follows its box: the summary opening on a phone, a wider window.
    new ResizeObserver(() => this.resize()).observe(this.box);
    setInterval(() => { if (this.readDay !== this.today()) this.refresh(); }, DAY_CHECK_MS);
  }

  async refresh() {
    const day = this.today();
    try {
      const answer = await getJson(this.url);
      this.readDay = day;
      this.show(answer ? trendSeries(answer) : null);
    } catch (error) {
      if (error instanceof SignedOut) this.signedOut?.();
    }
  }

  show(series) {
    this.series = series;
    const has = !!series && series.points > 0;
    this.element.dataset.points = String(series?.points ?? 0);
    this.note.hidden = has;
    setText(this.note, has ? '' : this.text.trendNone);
    this.box.hidden = !has;
    if (has) this.draw();
  }

  resize() {
    if (this.chart && this.box.clientWidth > 0) this.chart.resize();
    else if (this.series?.points && this.box.clientWidth > 0) this.draw();
  }

  draw() {
    if (typeof echarts === 'undefined' || this.box.clientWidth === 0) return; // drawn once the box has a size
    this.chart ??= echarts.init(this.box, null, { renderer: 'canvas' });
    const t = this.text;
    const s = this.series;
    const font = getComputedStyle(document.body).fontFamily;
    this.chart.setOption({
      animation: false,
      textStyle: { fontFamily: font, color: colours.text },
      grid: { left: 8, right: 12, top: 30, bottom: 4, containLabel: true },
      legend: { top: 0, right: 0, textStyle: { color: colours.text }, data: [t.trendProgress, t.trendExpected] },
      // Drawn on the canvas: an HTML tooltip would carry inline styles the pages' policy refuses.
      tooltip: { trigger: 'axis', renderMode: 'richText', valueFormatter: (v) => (v == null ? '—' : `${Math.round(v)}%`) },
      xAxis: {
        type: 'category',
        data: s.days.map((d) => d.slice(5)), // MM-DD
        boundaryGap: false,
        axisLabel: { color: colours.text, hideOverlap: true },
        axisLine: { lineStyle: { color: colours.grid } },
      },
      yAxis: {
        type: 'value', min: 0, max: 100, interval: 50,
        axisLabel: { color: colours.text, formatter: '{value}%' },
        splitLine: { lineStyle: { color: colours.grid } },
      },
      series: [
        {
          id: 'progress', name: t.trendProgress, type: 'line', showSymbol: false, connectNulls: false,
          lineStyle: { width: 2.5, color: colours.progress }, itemStyle: { color: colours.progress },
          areaStyle: { color: 'rgba(78,161,255,0.12)' },
          data: s.progress.map(percentOrNull),
        },
        {
          id: 'expected', name: t.trendExpected, type: 'line', showSymbol: false, connectNulls: false,
          lineStyle: { width: 1.5, type: 'dashed', color: colours.expected }, itemStyle: { color: colours.expected },
          data: s.expected.map(percentOrNull),
        },
      ],
    });
  }
}
