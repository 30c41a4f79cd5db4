// The topology as an echarts graph: clients → api-gateway (ctx1) → each service in ctx1 and ctx2, the
// booking-service's own calls, and the services' Redis. Edge labels carry the live request rate and error
// percent of the last 10 s from the access records; the pod table shows /deployment-status.

import { getJson } from './api.js';
import { t } from './i18n.js';
import { SERVICES } from './traffic.js';

const REDRAW_MILLIS = 2000;
const PODS_MILLIS = 10000;
const X = { clients: 0, 'api-gateway': 200, ctx1: 480, ctx2: 760, redis: 1000 };
const Y = { 'user-service': 60, 'movie-service': 220, 'booking-service': 380 };

export class Topology {
  #chart = null;
  #pods = [];

  constructor(store) {
    this.store = store;
  }

  start() {
    const el = document.getElementById('chart-topology');
    if (globalThis.echarts) {
      this.#chart = globalThis.echarts.init(el, null, { renderer: 'canvas' });
      setInterval(() => this.draw(), REDRAW_MILLIS);
      window.addEventListener('resize', () => this.resize());
      document.addEventListener('languagechange', () => this.draw());
    }
    this.loadPods();
    setInterval(() => this.loadPods(), PODS_MILLIS);
  }

  resize() {
    this.#chart?.resize();
    this.draw();
  }

  async loadPods() {
    const r = await getJson('/deployment-status');
    const body = document.getElementById('pods');
    this.#pods = r.ok && Array.isArray(r.body) ? r.body : [];
    if (!r.ok) {
      const row = document.createElement('tr');
      const cell = document.createElement('td');
      cell.colSpan = 4;
      cell.textContent = t('pods.unavailable');
      row.append(cell);
      body.replaceChildren(row);
      return;
    }
    body.replaceChildren(...this.#pods.map((pod) => {
      const row = document.createElement('tr');
      [pod.service, pod.cluster, pod.podName, pod.status].forEach((value, i) => {
        const cell = document.createElement('td');
        cell.textContent = value ?? '';
        if (i === 3) cell.className = `pod-status pod-status--${String(value).toLowerCase().replace(/\s+/g, '-')}`;
        row.append(cell);
      });
      return row;
    }));
    this.draw();
  }

  #podStatus(service, cluster) {
    const name = service.replace('-service', '').replace('api-gateway', 'gateway');
    const pods = this.#pods.filter((p) => p.cluster === cluster
      && String(p.service).toLowerCase().replace(/\s+/g, '-').includes(name));
    if (pods.length === 0) return '';
    return pods.map((p) => p.status).join(', ');
  }

  draw() {
    if (!this.#chart) return;
    const nodes = [
      { id: 'clients', name: t('topology.client'), x: X.clients, y: Y['movie-service'], symbol: 'roundRect', symbolSize: [110, 44] },
      { id: 'api-gateway@ctx1', name: `api-gateway\nctx1 · ${this.#podStatus('api-gateway', 'ctx1')}`, x: X['api-gateway'],
        y: Y['movie-service'], symbol: 'roundRect', symbolSize: [150, 56] },
      { id: 'redis', name: 'Redis', x: X.redis, y: Y['movie-service'], symbol: 'diamond', symbolSize: 70 },
    ];
    SERVICES.forEach((s) => ['ctx1', 'ctx2'].forEach((cluster) => {
      nodes.push({ id: `${s}@${cluster}`, name: `${s}\n${cluster} · ${this.#podStatus(s, cluster)}`, x: X[cluster], y: Y[s],
        symbol: cluster === 'ctx1' ? 'circle' : 'rect', symbolSize: 56,
        itemStyle: { color: cluster === 'ctx1' ? '#1565c0' : '#e07b00' } });
    }));
    const edges = this.store.edges();
    const links = [{ source: 'clients', target: 'api-gateway@ctx1', label: { show: false } }];
    const seen = new Set();
    edges.forEach((e) => {
      if (!e.from || !e.service || !e.cluster) return;
      const source = `${e.from}@${e.fromCluster}`;
      const target = `${e.service}@${e.cluster}`;
      if (!nodes.some((n) => n.id === source) || !nodes.some((n) => n.id === target)) return;
      seen.add(`${source}>${target}`);
      links.push({
        source, target,
        label: { show: true, formatter: t('topology.edge', { rate: e.rate, errors: e.errorPercent }), fontSize: 14 },
        lineStyle: { width: Math.min(8, 1 + e.rate), color: e.errorPercent > 0 ? '#c62828' : '#37474f' },
      });
    });
    SERVICES.forEach((s) => ['ctx1', 'ctx2'].forEach((cluster) => {
      if (!seen.has(`api-gateway@ctx1>${s}@${cluster}`)) {
        links.push({ source: 'api-gateway@ctx1', target: `${s}@${cluster}`, lineStyle: { opacity: 0.3 } });
      }
      links.push({ source: `${s}@${cluster}`, target: 'redis', lineStyle: { type: 'dashed', opacity: 0.4 } });
    }));
    this.#chart.setOption({
      animation: false,
      series: [{
        type: 'graph', layout: 'none', roam: false, edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 10,
        label: { show: true, fontSize: 14, color: '#14171f', position: 'bottom' },
        itemStyle: { color: '#546e7a' },
        data: nodes, links,
      }],
    }, true);
  }
}
