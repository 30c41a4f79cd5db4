// The requests seen per service, from the mesh's access records (any client: this page, the CLI, a load run,
// another browser) or, without an access log, from this page's own responses. Feeds the lights, the split
// statistics, the history charts and the topology.

import { flagList, outcomeOf, quantile, SPLIT_WINDOW } from './stats.js';

export const SERVICES = ['user-service', 'movie-service', 'booking-service'];
const HISTORY_BUCKET_MILLIS = 2000;
const HISTORY_BUCKETS = 150; // five minutes
const EDGE_WINDOW_MILLIS = 10000;

/** The service a record was sent to, from its authority ('user-service:8081') or its Envoy cluster name. */
export function serviceOf(record) {
  const host = (record.authority ?? '').split(':')[0].split('.')[0];
  if (host) return host;
  const parts = (record.envoyCluster ?? '').split('|');
  return parts.length === 4 ? parts[3].split('.')[0] : null;
}

/** When the request started, in epoch millis: startMillis, else the ISO `time`, else now. */
function timeOf(record) {
  if (typeof record.startMillis === 'number') return record.startMillis;
  if (typeof record.time === 'number') return record.time;
  const parsed = Date.parse(record.time ?? '');
  return Number.isNaN(parsed) ? Date.now() : parsed;
}

/** An access record as an entry: what the lights and statistics need. */
export function entryFromRecord(record) {
  const entry = {
    seq: record.sequence,
    time: timeOf(record),
    service: serviceOf(record),
    from: record.source?.service ?? null,
    fromCluster: record.source?.cluster ?? null,
    cluster: record.upstreamCluster ?? null,
    pod: record.upstreamPod ?? null,
    status: record.status ?? 0,
    flags: flagList(record.responseFlags ?? record.flags),
    details: record.details ?? record.responseCodeDetails ?? '',
    latencyMs: record.durationMillis ?? 0,
    requestId: record.requestId ?? null,
    path: record.path ?? '',
    method: record.method ?? 'GET',
    attempts: record.attemptCount ?? 1,
  };
  entry.outcome = outcomeOf(entry);
  return entry;
}

/** One of this page's own responses (api.observe) as an entry, for the mode without an access log. */
export function entryFromObservation(observation, service, seq) {
  const entry = {
    seq, time: Date.now(), service, from: 'api-gateway', fromCluster: 'ctx1',
    cluster: observation.cluster, pod: observation.pod, status: observation.status, flags: [], details: '',
    latencyMs: observation.latencyMs, requestId: observation.requestId, path: '', method: 'GET', attempts: 1,
  };
  entry.outcome = outcomeOf(entry);
  return entry;
}

export class TrafficStore {
  #entries = new Map(SERVICES.map((s) => [s, []]));
  #counts = new Map(SERVICES.map((s) => [s, 0]));
  #recent = []; // every record of the last EDGE_WINDOW_MILLIS, for the topology's edges
  #history = []; // [{time, services: {svc: {ctx1, ctx2, latencies: []}}}]
  #listeners = [];

  onChange(listener) {
    this.#listeners.push(listener);
  }

  /** Adds an entry; returns it. Entries for other services (redis, unknown) only reach the topology. */
  add(entry) {
    this.#recent.push(entry);
    const cutoff = Date.now() - EDGE_WINDOW_MILLIS;
    while (this.#recent.length > 0 && this.#recent[0].time < cutoff && this.#recent.length > 1) this.#recent.shift();
    if (entry.from === 'api-gateway' && this.#entries.has(entry.service)) {
      const list = this.#entries.get(entry.service);
      list.push(entry);
      if (list.length > SPLIT_WINDOW) list.shift();
      this.#counts.set(entry.service, this.#counts.get(entry.service) + 1);
      this.#addHistory(entry);
    }
    this.#listeners.forEach((listener) => listener(entry));
    return entry;
  }

  /** The last SPLIT_WINDOW entries of `service`, oldest first. */
  entries(service) {
    return this.#entries.get(service) ?? [];
  }

  /** How many entries of `service` were ever recorded. */
  recorded(service) {
    return this.#counts.get(service) ?? 0;
  }

  /** Per-bucket cluster shares and latency percentiles: [{time, services: {svc: {ctx2Share, p50, p95, n}}}]. */
  history() {
    return this.#history.map((bucket) => ({
      time: bucket.time,
      services: Object.fromEntries(SERVICES.map((s) => {
        const b = bucket.services[s];
        const served = b.ctx1 + b.ctx2;
        return [s, {
          n: b.latencies.length,
          ctx2Share: served === 0 ? null : Math.round((b.ctx2 * 1000) / served) / 10,
          p50: quantile(b.latencies, 0.5),
          p95: quantile(b.latencies, 0.95),
        }];
      })),
    }));
  }

  /** Edges seen in the last 10 s: [{from, fromCluster, service, cluster, rate, errorPercent, count}]. */
  edges() {
    const now = Date.now();
    const windowStart = now - EDGE_WINDOW_MILLIS;
    const byKey = new Map();
    this.#recent.filter((e) => e.time >= windowStart).forEach((e) => {
      const key = `${e.from}|${e.fromCluster}|${e.service}|${e.cluster ?? 'none'}`;
      const edge = byKey.get(key) ?? { from: e.from, fromCluster: e.fromCluster, service: e.service,
        cluster: e.cluster, count: 0, errors: 0 };
      edge.count += 1;
      if (e.status === 0 || e.status >= 500) edge.errors += 1;
      byKey.set(key, edge);
    });
    return [...byKey.values()].map((edge) => ({
      ...edge,
      rate: Math.round((edge.count * 10000) / EDGE_WINDOW_MILLIS) / 10,
      errorPercent: Math.round((edge.errors * 1000) / edge.count) / 10,
    }));
  }

  #addHistory(entry) {
    const time = Math.floor(entry.time / HISTORY_BUCKET_MILLIS) * HISTORY_BUCKET_MILLIS;
    let bucket = this.#history.at(-1);
    if (!bucket || bucket.time < time) {
      bucket = { time, services: Object.fromEntries(SERVICES.map((s) => [s, { ctx1: 0, ctx2: 0, latencies: [] }])) };
      this.#history.push(bucket);
      if (this.#history.length > HISTORY_BUCKETS) this.#history.shift();
    } else if (bucket.time > time) {
      bucket = this.#history.find((b) => b.time === time) ?? bucket;
    }
    const b = bucket.services[entry.service];
    if (entry.cluster === 'ctx1' || entry.cluster === 'ctx2') {
      if (['ctx1', 'ctx2', 'delayed', 'app5xx'].includes(entry.outcome)) b[entry.cluster] += 1;
    }
    b.latencies.push(entry.latencyMs);
  }
}
