// One service section: its lights and split follow the shared TrafficStore; "refresh" and "send 10" GET the
// list through the gateway. Without an access log the page's own responses feed the store.

import { observe } from './api.js';
import { entryFromObservation } from './traffic.js';
import { SectionView } from './views.js';

export const BATCH_SIZE = 10;

export class SectionController {
  #last = null;
  #ownSeq = 0;

  constructor(section, container, weights, store, events) {
    this.section = section;
    this.weights = weights;
    this.store = store;
    this.events = events;
    this.view = new SectionView(section, container);
    this.view.onAction('refresh', () => this.run(1));
    this.view.onAction('send', () => this.run(BATCH_SIZE));
    weights.onChange(() => this.render());
    store.onChange((entry) => {
      if (entry.service === section.service) this.#scheduleRender();
    });
    document.addEventListener('languagechange', () => this.render());
    this.render();
  }

  /** Sends `count` GETs one after another; the lights follow the access log (or these responses without one). */
  async run(count) {
    this.view.setBusy(true);
    try {
      for (let i = 0; i < count; i += 1) {
        this.#last = await observe(this.section.path);
        if (this.events.mode === 'off') {
          this.store.add(entryFromObservation(this.#last, this.section.service, ++this.#ownSeq));
        }
        this.render();
      }
      if (this.events.mode === 'off' || this.events.mode === 'polling') await this.weights.reload();
    } finally {
      this.view.setBusy(false);
    }
  }

  #pending = false;

  #scheduleRender() {
    if (this.#pending) return;
    this.#pending = true;
    requestAnimationFrame(() => {
      this.#pending = false;
      this.render();
    });
  }

  setBadges(badges) {
    this.view.renderBadges(badges);
  }

  render() {
    this.view.render(this.store.entries(this.section.service), this.store.recorded(this.section.service),
      this.weights.current, this.#last);
  }
}
