// The canaries the gateway's engine runs (GET /api/canary), polled every second while one is active and every
// five seconds otherwise: each with its phase, step and weight, the next decision time with a countdown, the
// running step's checks (value against threshold), the traffic of that step per cluster, and the history of
// decisions, newest first, so a rollback shows the moment the engine makes it. Text only (textContent).

import { getJson } from './api.js';
import { language, t } from './i18n.js';

const ACTIVE_POLL_MS = 1000;
const IDLE_POLL_MS = 5000;
const ACTIVE = new Set(['PROGRESSING', 'PAUSED']);

export class Canaries {
  constructor(root = document) {
    this.status = root.getElementById('canary-status');
    this.list = root.getElementById('canaries');
    this.canaries = undefined;
  }

  start() {
    document.addEventListener('languagechange', () => this.render());
    setInterval(() => this.render(), 1000);
    this.poll();
  }

  async poll() {
    const reply = await getJson('/api/canary');
    this.canaries = reply.ok ? (reply.body?.canaries ?? []) : undefined;
    this.render();
    const active = (this.canaries ?? []).some((c) => ACTIVE.has(c.phase));
    setTimeout(() => this.poll(), active ? ACTIVE_POLL_MS : IDLE_POLL_MS);
  }

  render() {
    this.list.replaceChildren();
    if (this.canaries === undefined) {
      this.status.textContent = t('canary.unavailable');
      return;
    }
    if (this.canaries.length === 0) {
      this.status.textContent = t('canary.none');
      return;
    }
    this.status.textContent = '';
    this.canaries.forEach((canary) => this.list.append(this.item(canary)));
  }

  item(c) {
    const lang = language();
    const item = document.createElement('li');
    item.className = 'canary';
    item.dataset.service = c.service;
    item.dataset.phase = c.phase;
    const heading = line('canary__heading', t('canary.heading', {
      service: c.service, target: c.target, phase: t(`canary.phase.${c.phase}`),
    }));
    const step = line('canary__step', t('canary.step', {
      step: c.step, steps: c.steps.length, target: c.target, weight: c.weight, baseline: c.baseline,
      rest: 100 - c.weight, failed: c.failedChecks, limit: c.failedCheckLimit,
    }));
    item.append(heading, step);
    if (c.nextDecisionAt) {
      const next = line('canary__next', t('canary.next', { at: clock(c.nextDecisionAt), left: secondsLeft(c.nextDecisionAt) }));
      next.dataset.role = 'next';
      item.append(next);
    }
    if (c.current) {
      const sides = line('canary__sides', Object.entries(c.current.sides)
        .map(([cluster, s]) => `${cluster}: ${sideText(s)}`).join(' · '));
      const checks = document.createElement('ul');
      checks.className = 'canary__checks';
      c.current.checks.forEach((check) => {
        const li = document.createElement('li');
        li.dataset.check = check.name;
        li.dataset.passed = String(check.passed);
        li.textContent = `${check.passed ? '✓' : '✗'} ${check.reason[lang]}`;
        checks.append(li);
      });
      item.append(line('canary__label', t('canary.checks')), sides, checks);
    }
    const history = document.createElement('ol');
    history.className = 'canary__history';
    [...c.history].reverse().forEach((entry) => {
      const li = document.createElement('li');
      li.dataset.action = entry.action;
      li.textContent = `${clock(entry.at)} ${t(`canary.action.${entry.action}`)} · ${c.target} ${entry.weight}% — `
        + entry.reason[lang];
      history.append(li);
    });
    item.append(line('canary__label', t('canary.history')), history);
    return item;
  }
}

function line(className, text) {
  const p = document.createElement('p');
  p.className = className;
  p.textContent = text;
  return p;
}

function sideText(s) {
  if (!s.requests) return t('canary.noRequests');
  const flags = Object.entries(s.flags ?? {}).map(([f, n]) => `${f}×${n}`).join(',') || '-';
  return t('canary.side', {
    requests: s.requests, rate: s.errorRatePercent.toFixed(1), p99: s.p99Millis, flags,
  });
}

function clock(instant) {
  return new Date(instant).toLocaleTimeString(language() === 'ko' ? 'ko-KR' : 'en-GB', { hour12: false });
}

function secondsLeft(instant) {
  return Math.max(0, Math.round((new Date(instant).getTime() - Date.now()) / 1000));
}
