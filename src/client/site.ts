/**
 * The only script every page ships: theme switch, sidebar drawer, version switcher keys and
 * the search palette's opener. The palette itself (search-palette.ts) and Pagefind load the
 * first time the reader opens it.
 */
import { labelTableCells } from './stacked-tables.ts';
import { openSearchPalette } from './search-opener.ts';
import { enhanceVersionSwitcher } from './version-switcher.ts';

labelTableCells();

const root = document.documentElement;
const base = document.body.dataset.base ?? '/';

function currentTheme(): 'light' | 'dark' {
  const chosen = root.dataset.theme;
  if (chosen === 'light' || chosen === 'dark') return chosen;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

const toggle = document.querySelector<HTMLButtonElement>('[data-theme-toggle]');
if (toggle) {
  const label = () => {
    const next = currentTheme() === 'dark' ? 'light' : 'dark';
    toggle.textContent = next === 'dark' ? 'Dark' : 'Light';
    toggle.setAttribute('aria-label', `Switch to ${next} theme`);
  };
  toggle.hidden = false;
  label();
  toggle.addEventListener('click', () => {
    const next = currentTheme() === 'dark' ? 'light' : 'dark';
    root.dataset.theme = next;
    try {
      localStorage.setItem('atrium-theme', next);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
    label();
  });
}

/** Sidebar: its current item in view; on phones a drawer behind the Menu button. */
const sidebar = document.getElementById('site-sidebar');
const current = sidebar?.querySelector<HTMLElement>('[aria-current="page"]');
if (sidebar && current && sidebar.scrollHeight > sidebar.clientHeight) {
  sidebar.scrollTop = current.offsetTop - sidebar.offsetTop - sidebar.clientHeight / 3;
}
const menu = document.querySelector<HTMLButtonElement>('[data-sidebar-toggle]');
if (sidebar && menu) {
  menu.hidden = false;
  root.classList.add('has-sidebar-drawer');
  const setOpen = (open: boolean) => {
    menu.setAttribute('aria-expanded', String(open));
    sidebar.classList.toggle('sidebar--open', open);
    if (open) (current ?? sidebar.querySelector<HTMLElement>('a'))?.focus();
  };
  menu.addEventListener('click', () => setOpen(menu.getAttribute('aria-expanded') !== 'true'));
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && sidebar.classList.contains('sidebar--open')) {
      setOpen(false);
      menu.focus();
    }
  });
  document.addEventListener('click', (event) => {
    const target = event.target as Node;
    if (sidebar.classList.contains('sidebar--open') && !sidebar.contains(target) && !menu.contains(target)) setOpen(false);
  });
}

/** Product tabs scroll sideways on a phone: the current one starts in view. */
const tabRow = document.querySelector<HTMLElement>('.product-tabs ul');
const currentTab = tabRow?.querySelector<HTMLElement>('[aria-current]')?.parentElement;
if (tabRow && currentTab && tabRow.scrollWidth > tabRow.clientWidth) {
  tabRow.scrollLeft = currentTab.offsetLeft - tabRow.offsetLeft - (tabRow.clientWidth - currentTab.offsetWidth) / 2;
}

const opener = document.querySelector<HTMLButtonElement>('[data-search-open]');
const key = opener?.querySelector<HTMLElement>('[data-search-key]');
if (key && /Mac|iPhone|iPad/.test(navigator.platform)) key.textContent = '⌘K';
opener?.addEventListener('click', () => openSearchPalette(base, opener));
document.addEventListener('keydown', (event) => {
  // A field inside a web component (the explorer's) is the first step of the composed path.
  const target = (event.composedPath()[0] ?? event.target) as HTMLElement;
  const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable;
  const ctrlK = (event.key === 'k' || event.key === 'K') && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
  if (ctrlK || (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey)) {
    event.preventDefault();
    openSearchPalette(base, opener ?? undefined);
  }
});

for (const switcher of document.querySelectorAll<HTMLDetailsElement>('.version-switcher')) enhanceVersionSwitcher(switcher);
