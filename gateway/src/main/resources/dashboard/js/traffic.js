// The requests a section sent and where they landed, kept for the lights and the split statistics.

export const CLUSTERS = ['ctx1', 'ctx2'];
export const LIGHT_COUNT = 16;
export const SPLIT_WINDOW = 100;

/** What one light shows for `entry` in the row of `cluster`. */
export function lightState(entry, cluster) {
  if (!entry) {
    return 'idle';
  }
  if (!CLUSTERS.includes(entry.cluster)) {
    return 'unknown';
  }
  return entry.cluster === cluster ? 'served' : 'elsewhere';
}

/** The observations of one section, numbered in the order they completed; the last SPLIT_WINDOW are kept. */
export class TrafficLog {
  #entries = [];
  #sequence = 0;

  /** Adds an observation from api.observe and returns it with its sequence number. */
  record(observation) {
    const entry = { ...observation, seq: ++this.#sequence };
    this.#entries.push(entry);
    if (this.#entries.length > SPLIT_WINDOW) {
      this.#entries.shift();
    }
    return entry;
  }

  /** How many observations were ever recorded. */
  get recorded() {
    return this.#sequence;
  }

  /** The last `count` slots, oldest first, padded with null at the front while fewer exist. */
  lightSlots(count = LIGHT_COUNT) {
    const recent = this.#entries.slice(-count);
    return Array.from({ length: count - recent.length }, () => null).concat(recent);
  }

  /** Counts per cluster over the window; 'none' counts responses without a known cluster header. */
  split() {
    const counts = { ctx1: 0, ctx2: 0, none: 0 };
    this.#entries.forEach((entry) => {
      counts[CLUSTERS.includes(entry.cluster) ? entry.cluster : 'none'] += 1;
    });
    const total = this.#entries.length;
    const percent = (key) => (total === 0 ? 0 : Math.round((counts[key] * 1000) / total) / 10);
    return { total, counts, percent };
  }
}
