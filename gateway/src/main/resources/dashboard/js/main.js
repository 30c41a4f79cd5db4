// Entry point: language, the shared configured weights, one controller per section; each list is read once.

import { initLanguage } from './i18n.js';
import { SECTIONS } from './sections.js';
import { SectionController } from './section-controller.js';
import { ConfiguredWeights } from './weights.js';

initLanguage();
const weights = new ConfiguredWeights();
const container = document.getElementById('sections');
const controllers = SECTIONS.map((section) => new SectionController(section, container, weights));
weights.reload();
controllers.forEach((controller) => controller.run(1));
