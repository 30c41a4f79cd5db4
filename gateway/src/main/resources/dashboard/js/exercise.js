// The student's current exercise and its last `theater exercise check`, from GET /api/exercise, polled every
// few seconds: a check run in a terminal shows here at the next poll. The button grades it now (POST
// /api/exercise/check, admin token). Text only (textContent), nothing invented.

import { getJson, sendJson } from './api.js';
import { language, t } from './i18n.js';

const POLL_MS = 5000;
const MARKS = { SEEN: '·', MET: '✓', WRONG: '✗' };

export class Exercise {
  constructor(root = document) {
    this.heading = root.getElementById('exercise-heading');
    this.goal = root.getElementById('exercise-goal');
    this.status = root.getElementById('exercise-status');
    this.lines = root.getElementById('exercise-lines');
    this.button = root.getElementById('exercise-check');
    this.last = null;
  }

  start() {
    document.addEventListener('languagechange', () => this.render());
    this.button.addEventListener('click', () => this.checkNow());
    this.reload();
    setInterval(() => this.reload(), POLL_MS);
  }

  async reload() {
    const reply = await getJson('/api/exercise');
    this.last = reply.ok ? (reply.body?.exercise ?? null) : undefined;
    this.render();
  }

  async checkNow() {
    this.button.disabled = true;
    this.status.textContent = t('exercise.checking');
    const reply = await sendJson('POST', '/api/exercise/check', undefined, { admin: true });
    this.button.disabled = false;
    if (!reply.ok) {
      this.status.textContent = t('exercise.checkFailed', { status: reply.status, message: reply.body?.message ?? '' });
      return;
    }
    this.last = reply.body?.exercise ?? null;
    this.render();
  }

  render() {
    const lang = language();
    this.lines.replaceChildren();
    this.button.hidden = !this.last;
    if (this.last === undefined || this.last === null) {
      this.heading.textContent = '';
      this.goal.textContent = '';
      this.status.textContent = t(this.last === undefined ? 'exercise.unavailable' : 'exercise.none');
      return;
    }
    const ex = this.last;
    this.heading.textContent = `${ex.id} — ${ex.title[lang]} (${ex.level} ${ex.levelTitle[lang]})`;
    this.goal.textContent = ex.goal[lang];
    const check = ex.lastCheck;
    if (!check) {
      this.status.textContent = t('exercise.notChecked');
      return;
    }
    const at = new Date(check.at).toLocaleTimeString(lang === 'ko' ? 'ko-KR' : 'en-GB');
    this.status.textContent = t(check.passed ? 'exercise.passed' : 'exercise.notYet', { checks: ex.checks, at });
    this.status.dataset.passed = String(check.passed);
    for (const line of check.lines) {
      const item = document.createElement('li');
      item.dataset.mark = line.mark;
      item.textContent = `${MARKS[line.mark] ?? ''} ${line.text[lang]}`;
      this.lines.append(item);
    }
  }
}
