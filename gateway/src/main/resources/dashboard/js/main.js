// Entry point: language, tabs, the live access records, the service sections, the mesh state, and the
// history, topology, controls, faults and cinema panels. Each concern lives in its own module.

import { initLanguage, t } from './i18n.js';
import { SECTIONS } from './sections.js';
import { SectionController } from './section-controller.js';
import { ConfiguredWeights } from './weights.js';
import { MeshEvents } from './events.js';
import { TrafficStore, entryFromRecord } from './traffic.js';
import { MeshState } from './mesh.js';
import { initTabs } from './tabs.js';
import { Charts } from './charts.js';
import { Topology } from './topology.js';
import { Controls } from './controls.js';
import { Cinema } from './cinema.js';
import { Faults } from './faults.js';
import { Exercise } from './exercise.js';
import { Canaries } from './canary.js';

initLanguage();
const weights = new ConfiguredWeights();
const store = new TrafficStore();
const events = new MeshEvents();
const mesh = new MeshState();
const container = document.getElementById('sections');
const controllers = SECTIONS.map((section) => new SectionController(section, container, weights, store, events));

const streamStatus = document.getElementById('stream-status');
const showMode = () => {
  streamStatus.dataset.stream = events.mode;
  streamStatus.textContent = t(`stream.${events.mode}`);
};
events.on('mode', showMode);
document.addEventListener('languagechange', showMode);
events.on('access', (record) => store.add(entryFromRecord(record)));
events.on('config', () => {
  weights.reload();
  mesh.reloadConfig();
  mesh.reloadFindings();
  mesh.refreshEjections();
});
events.on('gap', () => { streamStatus.textContent = `${t(`stream.${events.mode}`)} · ${t('stream.gap')}`; });
mesh.onBadges((badges, known) => {
  controllers.forEach((c) => {
    const list = badges.get(c.section.service) ?? [];
    c.setBadges(list.length > 0 || !known ? list : [{ kind: 'none', text: t('badge.none') }]);
  });
});
showMode();

const charts = new Charts(store);
const cinema = new Cinema();
const topology = new Topology(store);
const onConfigChanged = () => {
  weights.reload();
  mesh.reloadConfig();
  mesh.reloadFindings();
  mesh.refreshEjections();
};
new Controls(weights, onConfigChanged).start();
const faults = new Faults();
faults.start();
cinema.start();
new Exercise().start();
new Canaries().start();

weights.reload();
mesh.start();
charts.start();
topology.start();
initTabs((tab) => {
  if (tab === 'history') {
    charts.resize();
    topology.resize();
  }
  if (tab === 'cinema') cinema.showing();
  if (tab === 'drive') faults.reload();
});
await events.start();
controllers.forEach((controller) => controller.run(1));
