// The configured splits from /traffic-weights, shared by the sections. undefined means not read yet, null
// means unknown (the read failed): the page never invents weights when the gateway cannot tell them.

import { loadConfiguredWeights } from './api.js';

export class ConfiguredWeights {
  #current = undefined;
  #listeners = [];

  /** The splits by service name; undefined before the first read, null when the last read failed. */
  get current() {
    return this.#current;
  }

  onChange(listener) {
    this.#listeners.push(listener);
  }

  /** Shows a split just written (PUT weights) at once, before the next read confirms it. */
  assume(service, weights) {
    if (!this.#current) return;
    const entry = this.#current.get(service) ?? { service };
    this.#current.set(service, { ...entry, configured: true, weights: { ...weights }, unpinned: 0 });
    this.#listeners.forEach((listener) => listener());
  }

  async reload() {
    this.#current = await loadConfiguredWeights();
    this.#listeners.forEach((listener) => listener());
  }
}
