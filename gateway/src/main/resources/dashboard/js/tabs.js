// The four views as toggle buttons; the chosen one is remembered for this tab (sessionStorage).

const KEY = 'theater.dashboard.tab';

export function initTabs(onShow) {
  const buttons = [...document.querySelectorAll('[data-tab]')];
  const show = (tab) => {
    buttons.forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.tab === tab)));
    document.querySelectorAll('[data-panel]').forEach((panel) => { panel.hidden = panel.dataset.panel !== tab; });
    try {
      sessionStorage.setItem(KEY, tab);
    } catch {
      // not remembered
    }
    onShow(tab);
  };
  buttons.forEach((b) => b.addEventListener('click', () => show(b.dataset.tab)));
  let initial = 'overview';
  try {
    initial = sessionStorage.getItem(KEY) ?? 'overview';
  } catch {
    // default
  }
  show(buttons.some((b) => b.dataset.tab === initial) ? initial : 'overview');
}
