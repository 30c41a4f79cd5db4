// History as echarts line charts (the webjar served by the gateway): the share ctx2 served per service over
// time, and latency p50/p95 per service. Redrawn every two seconds from the TrafficStore.

import { t } from './i18n.js';
import { SERVICES } from './traffic.js';

const COLORS = { 'user-service': '#1565c0', 'movie-service': '#2e7d32', 'booking-service': '#ad1457' };
const REDRAW_MILLIS = 2000;

export class Charts {
  #share = null;
  #latency = null;

  constructor(store) {
    this.store = store;
  }

  start() {
    const lib = globalThis.echarts;
    const shareEl = document.getElementById('chart-share');
    const latencyEl = document.getElementById('chart-latency');
    if (!lib) {
      shareEl.textContent = t('history.noCharts');
      return;
    }
    this.#share = lib.init(shareEl, null, { renderer: 'canvas' });
    this.#latency = lib.init(latencyEl, null, { renderer: 'canvas' });
    this.draw();
    setInterval(() => this.draw(), REDRAW_MILLIS);
    document.addEventListener('languagechange', () => this.draw());
    window.addEventListener('resize', () => this.resize());
  }

  /** Called when the history panel is shown: echarts measures its box, so a chart drawn hidden is redrawn. */
  resize() {
    this.#share?.resize();
    this.#latency?.resize();
    this.draw();
  }

  draw() {
    if (!this.#share) return;
    const history = this.store.history();
    const base = (axisName) => ({
      animation: false,
      textStyle: { fontSize: 16 },
      tooltip: { trigger: 'axis' },
      legend: { top: 0, textStyle: { fontSize: 15 } },
      grid: { left: 60, right: 20, top: 40, bottom: 40 },
      xAxis: { type: 'time', axisLabel: { fontSize: 14 } },
      yAxis: { type: 'value', name: axisName, axisLabel: { fontSize: 14 } },
    });
    this.#share.setOption({
      ...base(t('history.shareAxis')),
      yAxis: { type: 'value', name: t('history.shareAxis'), min: 0, max: 100, axisLabel: { fontSize: 14 } },
      series: SERVICES.map((s) => ({
        name: s, type: 'line', showSymbol: true, symbolSize: 5, connectNulls: true, color: COLORS[s],
        data: history.map((b) => [b.time, b.services[s].ctx2Share]),
      })),
    }, true);
    this.#latency.setOption({
      ...base(t('history.latencyAxis')),
      series: SERVICES.flatMap((s) => [
        { name: `${s} p50`, type: 'line', showSymbol: true, symbolSize: 5, connectNulls: true, color: COLORS[s],
          data: history.map((b) => [b.time, b.services[s].p50]) },
        { name: `${s} p95`, type: 'line', showSymbol: true, symbolSize: 5, connectNulls: true, color: COLORS[s],
          lineStyle: { type: 'dashed' }, data: history.map((b) => [b.time, b.services[s].p95]) },
      ]),
    }, true);
  }
}
