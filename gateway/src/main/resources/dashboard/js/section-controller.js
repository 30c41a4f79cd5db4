// One section's behaviour: load its list once, refresh on request, send a batch of requests on request.

import { observe } from './api.js';
import { TrafficLog } from './traffic.js';
import { SectionView } from './views.js';

export const BATCH_SIZE = 10;

export class SectionController {
  #log = new TrafficLog();
  #last = null;

  /** `weights` is the shared ConfiguredWeights holder; the page reads lists only, it never creates data. */
  constructor(section, container, weights) {
    this.section = section;
    this.weights = weights;
    this.view = new SectionView(section, container);
    this.view.onAction('refresh', () => this.run(1));
    this.view.onAction('send', () => this.run(BATCH_SIZE));
    weights.onChange(() => this.render());
    document.addEventListener('languagechange', () => this.render());
    this.render();
  }

  /** Sends `count` GETs one after another, redrawing after each; the configured weights are re-read after. */
  async run(count) {
    this.view.setBusy(true);
    try {
      for (let i = 0; i < count; i += 1) {
        this.#last = this.#log.record(await observe(this.section.path));
        this.render();
      }
      await this.weights.reload();
    } finally {
      this.view.setBusy(false);
    }
  }

  render() {
    this.view.render(this.#log, this.weights.current, this.#last);
  }
}
