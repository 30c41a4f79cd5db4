// Korean first, English on request; the choice is remembered in localStorage.

const STORAGE_KEY = 'theater.dashboard.language';
const LANGUAGES = ['ko', 'en'];

const MESSAGES = {
  ko: {
    'page.title': 'Theater MSA 트래픽 대시보드',
    'page.heading': 'Theater MSA 트래픽 대시보드',
    'page.lead': '각 요청을 실제로 처리한 클러스터를 응답 헤더 X-Service-Cluster로 보여 줍니다.',
    'language.group': '언어',
    'legend.ctx1': 'ctx1이 처리',
    'legend.ctx2': 'ctx2가 처리',
    'legend.failed': '오류 응답 (4xx/5xx)',
    'legend.unknown': '클러스터 헤더 없음 (메시 응답)',
    'legend.elsewhere': '다른 클러스터',
    'section.users': '사용자',
    'section.movies': '영화',
    'section.bookings': '예약',
    'action.refresh': '새로고침',
    'action.send': '요청 10개 보내기',
    'lights.caption': '최근 16개 요청: 한 열이 요청 하나, 오른쪽이 최신',
    'lights.row': '{cluster} 신호등',
    'light.idle': '아직 요청 없음',
    'light.served': '요청 #{seq}: {cluster}에서 처리, 파드 {pod}, 상태 {status}, {latency} ms',
    'light.elsewhere': '요청 #{seq}: {cluster}에서 처리 (이 클러스터 아님)',
    'light.unknown': '요청 #{seq}: 클러스터 헤더 없음 (메시 로컬 응답), 상태 {status}, {latency} ms',
    'light.network': '요청 #{seq}: 네트워크 오류, {latency} ms',
    'split.kind': '구분',
    'split.none': '헤더 없음',
    'split.configured': '트래픽 설정',
    'split.actual': '실제 (최근 {total}건)',
    'split.unknown': '알 수 없음',
    'split.notConfigured': '설정 없음',
    'split.note.unknown': '트래픽 설정을 읽지 못했습니다 (/traffic-weights).',
    'split.note.notConfigured': '이 서비스의 VirtualService 분할 설정이 없습니다.',
    'split.note.unpinned': '{percent}%는 특정 클러스터를 지정하지 않은 대상으로 갑니다 (쿠버네티스 부하 분산).',
    'split.note.source': '설정: {virtualService}, 라우트 {route}',
    'data.loading': '불러오는 중…',
    'data.count': '{count}개 항목 (마지막 응답: {cluster}, {pod})',
    'data.empty': '데이터 없음',
    'data.failed': '마지막 요청 실패: 상태 {status} {detail}',
    'data.network': '마지막 요청 실패: 네트워크 오류',
    'pod.none': '파드 정보 없음',
  },
  en: {
    'page.title': 'Theater MSA traffic dashboard',
    'page.heading': 'Theater MSA traffic dashboard',
    'page.lead': 'Which cluster really served each request, read from the X-Service-Cluster response header.',
    'language.group': 'Language',
    'legend.ctx1': 'served by ctx1',
    'legend.ctx2': 'served by ctx2',
    'legend.failed': 'error response (4xx/5xx)',
    'legend.unknown': 'no cluster header (mesh reply)',
    'legend.elsewhere': 'other cluster',
    'section.users': 'Users',
    'section.movies': 'Movies',
    'section.bookings': 'Bookings',
    'action.refresh': 'Refresh',
    'action.send': 'Send 10 requests',
    'lights.caption': 'Last 16 requests: one column per request, newest on the right',
    'lights.row': '{cluster} lights',
    'light.idle': 'no request yet',
    'light.served': 'request #{seq}: served by {cluster}, pod {pod}, status {status}, {latency} ms',
    'light.elsewhere': 'request #{seq}: served by {cluster} (not this cluster)',
    'light.unknown': 'request #{seq}: no cluster header (mesh local reply), status {status}, {latency} ms',
    'light.network': 'request #{seq}: network error, {latency} ms',
    'split.kind': 'Kind',
    'split.none': 'no header',
    'split.configured': 'Configured split',
    'split.actual': 'Actual (last {total})',
    'split.unknown': 'unknown',
    'split.notConfigured': 'not configured',
    'split.note.unknown': 'The configured split could not be read (/traffic-weights).',
    'split.note.notConfigured': 'No VirtualService split is configured for this service.',
    'split.note.unpinned': '{percent}% goes to destinations pinned to no cluster (Kubernetes load balancing).',
    'split.note.source': 'Configured by {virtualService}, route {route}',
    'data.loading': 'Loading…',
    'data.count': '{count} items (last response: {cluster}, {pod})',
    'data.empty': 'No data',
    'data.failed': 'Last request failed: status {status} {detail}',
    'data.network': 'Last request failed: network error',
    'pod.none': 'no pod information',
  },
};

let current = 'ko';

function stored() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage disabled: Korean, not remembered
  }
}

/** The active language, 'ko' or 'en'. */
export function language() {
  return current;
}

/** The message `key` in the active language, with `{name}` placeholders filled from `params`. */
export function t(key, params = {}) {
  const template = MESSAGES[current][key] ?? MESSAGES.ko[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** Fills every element marked data-i18n / data-i18n-aria-label under `root`. */
export function translate(root = document) {
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-aria-label]').forEach((el) => {
    el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  });
}

/** Switches language, remembers it, re-labels the page and tells the views ('languagechange' on document). */
export function setLanguage(lang) {
  current = LANGUAGES.includes(lang) ? lang : 'ko';
  try {
    localStorage.setItem(STORAGE_KEY, current);
  } catch {
    // storage disabled: the switch still works for this page view
  }
  document.documentElement.lang = current;
  document.title = t('page.title');
  translate();
  document.querySelectorAll('[data-lang]').forEach((button) => {
    button.setAttribute('aria-pressed', String(button.dataset.lang === current));
  });
  document.dispatchEvent(new CustomEvent('languagechange', { detail: current }));
}

/** Restores the remembered language (Korean by default) and wires the switch buttons. */
export function initLanguage() {
  document.querySelectorAll('[data-lang]').forEach((button) => {
    button.addEventListener('click', () => setLanguage(button.dataset.lang));
  });
  setLanguage(stored() ?? 'ko');
}
