// The services' field problems ("is required", "must be between 1 and 600", ...) in the selected language.
// Known English problems are matched and translated; an unknown one is shown as the service wrote it.

import { t } from './i18n.js';

const RULES = [
  [/^is required$/, () => t('problem.required')],
  [/^must be at most (\d+) characters$/, (m) => t('problem.maxChars', { max: m[1] })],
  [/^must be an email address$/, () => t('problem.email')],
  [/^must be between (-?\d+) and (-?\d+)$/, (m) => t('problem.between', { min: m[1], max: m[2] })],
  [/^must not be blank when given$/, () => t('problem.notBlank')],
  [/^must list 1 to (\d+) seats$/, (m) => t('problem.seatCount', { max: m[1] })],
  [/^no user '(.*)' exists$/, (m) => t('problem.noUser', { id: m[1] })],
  [/^no movie '(.*)' exists$/, (m) => t('problem.noMovie', { id: m[1] })],
  [/^movie '(.*)' has no showtime '(.*)'$/, (m) => t('problem.noShowtime', { movie: m[1], showtime: m[2] })],
  [/^seat (\S+) is not in this showtime's hall/, (m) => t('problem.seatNotInHall', { seat: m[1] })],
  [/^must be a seat id such as A1/, () => t('problem.seatId')],
  [/^duplicates /, () => t('problem.duplicate')],
  [/^must be 1 to 64 letters/, () => t('problem.id')],
];

/** `problem` in the active language. */
export function translateProblem(problem) {
  for (const [pattern, message] of RULES) {
    const match = String(problem).match(pattern);
    if (match) return message(match);
  }
  return String(problem);
}

/** The form field a reported field belongs to: 'seats[2]' → 'seats', 'showtimes[0].id' → 'showtimes'. */
export function baseField(field) {
  return String(field).split(/[[.]/)[0];
}
