// The two wheels (党建, 业务): a progress ring each, with a mark at what is expected by now.
// One ECharts instance per wheel for the page's whole life; every update merges into the same
// two series (fixed ids, one data item each), so nothing accumulates over weeks.

/* global echarts */

const ringColour = '#1c2a40';
const markColour = '#f2f5f9';

export class Wheel {
  constructor(element, colour, label, text) {
    this.element = element;
    this.colour = colour;
    this.label = label;
    this.text = text;
    this.chart = typeof echarts === 'undefined' ? null : echarts.init(element, null, { renderer: 'canvas' });
    this.lastKey = '';
    this.track = null;
  }

  /** track: the summary's `party` or `business` figures, or null. */
  update(track) {
    this.track = track ?? null;
    this.draw(false);
  }

  resize() {
    if (!this.chart) return;
    this.chart.resize();
    this.draw(true);
  }

  draw(force) {
    if (!this.chart) return;
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 24;
    const font = getComputedStyle(document.body).fontFamily;
    const size = Math.min(this.element.clientWidth, this.element.clientHeight) || rem * 9;
    const progress = numberOrNull(this.track?.progress);
    const expected = numberOrNull(this.track?.expected);
    const key = `${rem}|${size}|${progress}|${expected}`;
    if (!force && key === this.lastKey) return;
    this.lastKey = key;

    const ring = Math.max(6, size * 0.1);
    const em = size / 9.6; // the type keeps its proportion to the wheel (1rem on a wheel 9.6rem wide)
    const radius = size * 0.46;
    const common = {
      type: 'gauge',
      startAngle: 225,
      endAngle: -45,
      min: 0,
      max: 100,
      radius,
      center: ['50%', '50%'],
      splitNumber: 1,
      axisTick: { show: false },
      splitLine: { show: false },
      axisLabel: { show: false },
      anchor: { show: false },
      silent: true,
    };
    const text = this.text;
    this.chart.setOption({
      animationDuration: 0, // the first picture appears at once; later changes glide
      animationDurationUpdate: 900,
      animationEasingUpdate: 'cubicOut',
      series: [
        {
          ...common,
          id: 'progress',
          progress: { show: progress != null, width: ring, itemStyle: { color: this.colour } },
          axisLine: { lineStyle: { width: ring, color: [[1, ringColour]] } },
          pointer: { show: false },
          title: { show: true, offsetCenter: [0, '78%'], color: '#d5deea', fontSize: em * 1.25, fontWeight: 600, fontFamily: font },
          detail: {
            show: true,
            valueAnimation: false,
            offsetCenter: [0, '-8%'],
            color: '#ffffff',
            fontSize: em * 2.15,
            fontWeight: 700,
            fontFamily: font,
            formatter: () => (progress == null ? '—' : `${Math.round(progress * 100)}%`),
          },
          data: [{ value: progress == null ? 0 : progress * 100, name: this.label }],
        },
        {
          ...common,
          id: 'expected',
          axisLine: { show: false },
          progress: { show: false },
          pointer: {
            show: expected != null,
            icon: 'rect',
            width: Math.max(3, rem * 0.2),
            // across the ring, a little proud of it on both sides (the symbol spans offset-length..offset)
            length: ring * 1.7,
            offsetCenter: [0, -(radius - ring * 1.35)],
            itemStyle: { color: markColour, shadowColor: 'rgba(0,0,0,0.6)', shadowBlur: 4 },
          },
          title: { show: false },
          detail: {
            show: true,
            offsetCenter: [0, '34%'],
            color: '#aab6c8',
            fontSize: em * 1.0,
            fontFamily: font,
            formatter: () => (expected == null ? text.noTasks : `${text.expectedShort} ${Math.round(expected * 100)}%`),
          },
          data: [{ value: expected == null ? 0 : expected * 100 }],
        },
      ],
    });
  }
}

function numberOrNull(value) {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : null;
}
