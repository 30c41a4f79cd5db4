// Pure functions: what a request's outcome was, the split of a window, and whether the split differs from the
// configuration (chi-square goodness of fit). No DOM here.

export const CLUSTERS = ['ctx1', 'ctx2'];
export const LIGHT_COUNT = 16;
export const SPLIT_WINDOW = 100;
export const MIN_REQUESTS = 30;
export const SLOW_MILLIS = 1000;

/** Flags of a local reply that no workload wrote: the request was not served by a cluster. */
const LOCAL_REPLY = { UH: 'uh', UO: 'uo', UT: 'ut', FI: 'fault', NR: 'mesh', NC: 'mesh', UF: 'mesh', URX: 'mesh',
  LR: 'mesh', UR: 'mesh', UC: 'mesh', RL: 'mesh' };

/** Splits "DI,FI" / "-" / ['DI'] into a list of flags. */
export function flagList(flags) {
  if (Array.isArray(flags)) return flags.filter((f) => f && f !== '-');
  if (!flags || flags === '-') return [];
  return String(flags).split(',').map((f) => f.trim()).filter((f) => f && f !== '-');
}

/**
 * The outcome of one request: 'ctx1' | 'ctx2' (served, fine), 'delayed' (served, DI or slow), 'app5xx' (served,
 * error status), 'fault' (FI), 'uh', 'uo', 'ut', 'mesh' (another local reply, or no identity header), 'network'.
 */
export function outcomeOf(entry) {
  if (entry.status === 0) return 'network';
  const flags = entry.flags;
  for (const flag of ['FI', 'UH', 'UO', 'UT']) {
    if (flags.includes(flag)) return LOCAL_REPLY[flag];
  }
  const local = flags.find((f) => LOCAL_REPLY[f]);
  if (local || !CLUSTERS.includes(entry.cluster)) return 'mesh';
  if (entry.status >= 400) return 'app5xx';
  if (flags.includes('DI') || entry.latencyMs >= SLOW_MILLIS) return 'delayed';
  return entry.cluster;
}

/** The cluster that served the request, or null when nobody did (a local reply). */
export function servedBy(entry) {
  const outcome = outcomeOf(entry);
  return ['ctx1', 'ctx2', 'delayed', 'app5xx'].includes(outcome) ? entry.cluster : null;
}

/** Counts per cluster over `entries`; 'none' counts local replies and responses without a cluster. */
export function split(entries) {
  const counts = { ctx1: 0, ctx2: 0, none: 0 };
  entries.forEach((entry) => { counts[servedBy(entry) ?? 'none'] += 1; });
  const total = entries.length;
  const percent = (key) => (total === 0 ? 0 : Math.round((counts[key] * 1000) / total) / 10);
  return { total, counts, percent };
}

/**
 * Chi-square goodness of fit of the served counts against the configured percents. Categories with an expected
 * share of 0 leave the test: a request landing there is a certain difference. Degrees of freedom = categories - 1.
 * Returns { verdict: 'few' | 'chance' | 'differs' | 'na', n, chi2, df, p }.
 */
export function significance(counts, weights) {
  if (!weights) return { verdict: 'na' };
  const n = CLUSTERS.reduce((sum, c) => sum + counts[c], 0);
  if (n < MIN_REQUESTS) return { verdict: 'few', n };
  const total = CLUSTERS.reduce((sum, c) => sum + (weights[c] ?? 0), 0);
  if (total <= 0) return { verdict: 'na', n };
  const live = CLUSTERS.filter((c) => (weights[c] ?? 0) > 0);
  const impossible = CLUSTERS.filter((c) => !live.includes(c)).reduce((sum, c) => sum + counts[c], 0);
  const df = live.length - 1;
  if (impossible > 0) return { verdict: 'differs', n, chi2: Infinity, df, p: 0 };
  if (df === 0) return { verdict: 'chance', n, chi2: 0, df, p: 1 };
  let chi2 = 0;
  live.forEach((c) => {
    const expected = (n * weights[c]) / total;
    chi2 += ((counts[c] - expected) ** 2) / expected;
  });
  const p = chiSquareSurvival(chi2, df);
  return { verdict: p < 0.05 ? 'differs' : 'chance', n, chi2, df, p };
}

/** P(X >= x) for a chi-square variable with k degrees of freedom: the regularized upper gamma Q(k/2, x/2). */
export function chiSquareSurvival(x, k) {
  if (x <= 0) return 1;
  return upperGammaRegularized(k / 2, x / 2);
}

function upperGammaRegularized(a, x) {
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 500; n += 1) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-14) break;
    }
    return Math.max(0, 1 - sum * Math.exp(-x + a * Math.log(x) - logGamma(a)));
  }
  // continued fraction (Lentz)
  let b = x + 1 - a;
  let c = 1 / 1e-300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i += 1) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-14) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

function logGamma(z) {
  const g = [676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
  let x = 0.99999999999980993;
  const zz = z - 1;
  g.forEach((coefficient, i) => { x += coefficient / (zz + i + 1); });
  const t = zz + g.length - 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (zz + 0.5) * Math.log(t) - t + Math.log(x);
}

/** The q-quantile (0..1) of numbers, nearest rank; null for none. */
export function quantile(values, q) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function formatPercent(value) {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
