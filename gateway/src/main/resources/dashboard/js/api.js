// Calls through the gateway. Every observation records what the response headers really said:
// nothing here guesses or simulates a cluster.

/**
 * GETs `path` and describes the exchange: status, the identity headers of the workload that answered
 * (null when absent, as on a mesh local reply), latency and the parsed body.
 */
export async function observe(path) {
  const started = performance.now();
  try {
    const response = await fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    const text = await response.text();
    return {
      status: response.status,
      ok: response.ok,
      cluster: response.headers.get('X-Service-Cluster'),
      pod: response.headers.get('X-Pod-Name'),
      service: response.headers.get('X-Service-Name'),
      requestId: response.headers.get('x-request-id'),
      latencyMs: Math.round(performance.now() - started),
      body: parseBody(text),
      text,
    };
  } catch (error) {
    return {
      status: 0, ok: false, cluster: null, pod: null, service: null, requestId: null,
      latencyMs: Math.round(performance.now() - started), body: null, text: String(error),
    };
  }
}

/** The configured splits by service name (e.g. 'user-service'), or null when /traffic-weights fails. */
export async function loadConfiguredWeights() {
  try {
    const response = await fetch('/traffic-weights', { headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (!response.ok) {
      return null;
    }
    const body = await response.json();
    return new Map((body.services ?? []).map((entry) => [entry.service, entry]));
  } catch {
    return null;
  }
}

function parseBody(text) {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null; // plain text, e.g. Envoy's "no healthy upstream"
  }
}
