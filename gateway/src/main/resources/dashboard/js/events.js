// The mesh's access records, live. Prefers the SSE stream /api/mesh/events (resumes with Last-Event-ID by
// itself); falls back to polling /api/mesh/access-log when the stream is not offered. When the gateway has no
// access log at all (Kubernetes mode, or no mesh), mode is 'off' and the page counts its own requests instead.

const POLL_MILLIS = 1000;

export class MeshEvents {
  #listeners = { access: [], config: [], gap: [], mode: [] };
  #since = null;
  #source = null;
  #timer = null;
  mode = 'starting';

  on(kind, listener) {
    this.#listeners[kind].push(listener);
  }

  /** Reads the newest records once (so the lights show the present), then follows the stream. */
  async start() {
    const first = await fetchLog('/api/mesh/access-log?limit=100');
    if (!first) {
      this.#setMode('off');
      return;
    }
    first.records.forEach((record) => this.#emit('access', record));
    this.#since = first.next ?? this.#since;
    this.#openStream();
  }

  #openStream() {
    if (typeof EventSource === 'undefined') {
      this.#poll();
      return;
    }
    const source = new EventSource('/api/mesh/events');
    this.#source = source;
    let opened = false;
    source.addEventListener('open', () => {
      opened = true;
      this.#setMode('live');
    });
    source.addEventListener('access', (event) => {
      const record = parse(event.data);
      if (record && (this.#since === null || record.sequence > this.#since)) {
        this.#since = record.sequence;
        this.#emit('access', record);
      }
    });
    source.addEventListener('config', (event) => this.#emit('config', parse(event.data)));
    source.addEventListener('gap', (event) => this.#emit('gap', parse(event.data)));
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) {
        source.close();
        this.#source = null;
        this.#poll(); // no stream here (or it was refused): poll the access log instead
      } else if (opened) {
        this.#setMode('reconnecting');
      }
    });
  }

  #poll() {
    this.#setMode('polling');
    const tick = async () => {
      const page = await fetchLog(`/api/mesh/access-log?limit=1000${this.#since === null ? '' : `&since=${this.#since}`}`);
      if (page) {
        page.records.forEach((record) => this.#emit('access', record));
        this.#since = page.next ?? this.#since;
      }
      this.#timer = setTimeout(tick, POLL_MILLIS);
    };
    tick();
  }

  #setMode(mode) {
    this.mode = mode;
    this.#emit('mode', mode);
  }

  #emit(kind, value) {
    this.#listeners[kind].forEach((listener) => listener(value));
  }
}

async function fetchLog(path) {
  try {
    const response = await fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (!response.ok) return null;
    const body = await response.json();
    return Array.isArray(body.records) ? body : null;
  } catch {
    return null;
  }
}

function parse(data) {
  try {
    return JSON.parse(data);
  } catch {
    return null;
  }
}
