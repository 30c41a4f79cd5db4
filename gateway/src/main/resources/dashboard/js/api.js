// Every call the page makes through the gateway. Reads are GETs; writes (the cinema's forms, the admin
// controls) are only here, and the admin ones carry the token the user pasted. Nothing here invents data.

const TOKEN_KEY = 'theater.dashboard.adminToken';
const JSON_HEADERS = { Accept: 'application/json' };

/**
 * GETs `path` and describes the exchange: status, the identity headers of the workload that answered
 * (null when absent, as on a mesh local reply), latency and the parsed body.
 */
export async function observe(path) {
  const started = performance.now();
  try {
    const response = await fetch(path, { headers: JSON_HEADERS, cache: 'no-store' });
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

/** GETs JSON: { ok, status, body } (body null when not JSON); never throws. */
export async function getJson(path) {
  return exchange(path, { headers: JSON_HEADERS, cache: 'no-store' });
}

/** Sends JSON with `method` ('POST', 'PUT', 'DELETE'); `admin` adds the bearer token. Never throws. */
export async function sendJson(method, path, body, { admin = false } = {}) {
  const headers = { ...JSON_HEADERS };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (admin) headers.Authorization = `Bearer ${adminToken() ?? ''}`;
  return exchange(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** The configured splits by service name (e.g. 'user-service'), or null when /traffic-weights fails. */
export async function loadConfiguredWeights() {
  const r = await getJson('/traffic-weights');
  if (!r.ok || !r.body) return null;
  return new Map((r.body.services ?? []).map((entry) => [entry.service, entry]));
}

/** The admin token kept for this browser tab (sessionStorage), or null. */
export function adminToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setAdminToken(token) {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // storage disabled: the token is not kept
  }
}

async function exchange(path, init) {
  try {
    const response = await fetch(path, init);
    const text = await response.text();
    return { ok: response.ok, status: response.status, body: parseBody(text), text };
  } catch (error) {
    return { ok: false, status: 0, body: null, text: String(error) };
  }
}

function parseBody(text) {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null; // plain text, e.g. Envoy's "no healthy upstream"
  }
}
