/**
 * The only script every page ships: theme switch and the search box. Pagefind's own code
 * (and its index) loads the first time the reader focuses search or presses `/`.
 */
import { operationAliases, rankByTitle } from '../lib/site/search-rank.ts';
import { labelTableCells } from './stacked-tables.ts';

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

interface PagefindResult {
  url: string;
  meta: { title?: string; product?: string; version?: string; method?: string; path?: string };
  excerpt: string;
  filters: Record<string, string[]>;
}
interface Pagefind {
  init(): Promise<void>;
  options(o: Record<string, unknown>): Promise<void>;
  filters(): Promise<Record<string, Record<string, number>>>;
  debouncedSearch(
    q: string,
    o?: { filters?: Record<string, string> },
    ms?: number,
  ): Promise<{ results: { data(): Promise<PagefindResult> }[] } | null>;
}

const form = document.querySelector<HTMLFormElement>('[data-atrium-search]');
const input = form?.querySelector<HTMLInputElement>('input[type="search"]');
const panel = form?.querySelector<HTMLElement>('.search-results');
const listbox = panel?.querySelector<HTMLElement>('[role="listbox"]');
let pagefind: Promise<Pagefind> | undefined;

function loadPagefind(): Promise<Pagefind> {
  pagefind ??= import(/* @vite-ignore */ `${base}pagefind/pagefind.js`).then(async (pf: Pagefind) => {
    await pf.options({ baseUrl: base });
    await pf.init();
    return pf;
  });
  return pagefind;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The search box as a palette: `/` or Ctrl/⌘+K opens it, arrow keys choose a result (the
 * input keeps focus, the choice is its aria-activedescendant), Enter opens it, Escape closes.
 * Exact title matches come first (search-rank.ts). On phones it covers the screen.
 */
if (form && input && panel && listbox) {
  const filterBox = panel.querySelector<HTMLElement>('[data-search-filters]')!;
  const status = panel.querySelector<HTMLElement>('[data-search-status]')!;
  const close = form.querySelector<HTMLButtonElement>('[data-search-close]');
  const key = form.querySelector<HTMLElement>('[data-search-key]');
  if (key && /Mac|iPhone|iPad/.test(navigator.platform)) key.textContent = '⌘K';
  else if (key) key.textContent = 'Ctrl K';
  const filterState: Record<string, string> = {};
  let active = -1;
  const options = () => [...listbox.querySelectorAll<HTMLElement>('[role="option"]')];
  const choose = (index: number) => {
    const all = options();
    active = all.length ? (index + all.length) % all.length : -1;
    all.forEach((o, i) => o.setAttribute('aria-selected', String(i === active)));
    const chosen = all[active];
    if (chosen) {
      input.setAttribute('aria-activedescendant', chosen.id);
      chosen.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };
  const setOpen = (open: boolean) => {
    form.classList.toggle('site-search--open', open);
    root.classList.toggle('search-open', open);
    if (close) close.hidden = !open;
    if (!open) {
      panel.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
    }
  };
  const openPalette = () => {
    setOpen(true);
    input.focus();
    input.select();
    void loadPagefind().catch(() => undefined);
  };
  input.addEventListener('focus', () => {
    setOpen(true);
    void loadPagefind().catch(() => undefined);
  });
  form.addEventListener('submit', (event) => event.preventDefault());
  close?.addEventListener('click', () => {
    setOpen(false);
    input.blur();
  });
  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement;
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable;
    if ((event.key === 'k' || event.key === 'K') && (event.ctrlKey || event.metaKey) && !event.altKey) {
      event.preventDefault();
      openPalette();
    } else if (event.key === '/' && !typing) {
      event.preventDefault();
      openPalette();
    } else if (event.key === 'Escape' && form.classList.contains('site-search--open')) {
      setOpen(false);
      input.blur();
    }
  });
  input.addEventListener('keydown', (event) => {
    if (panel.hidden) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      choose(active + (event.key === 'ArrowDown' ? 1 : -1));
    } else if (event.key === 'Enter') {
      const link = options()[Math.max(active, 0)] as HTMLAnchorElement | undefined;
      if (link) {
        event.preventDefault();
        location.assign(link.href);
      }
    }
  });
  document.addEventListener('click', (event) => {
    if (!form.contains(event.target as Node) && form.classList.contains('site-search--open')) setOpen(false);
  });

  const run = async () => {
    const query = input.value.trim();
    if (!query) {
      panel.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      return;
    }
    let pf: Pagefind;
    try {
      pf = await loadPagefind();
    } catch {
      listbox.innerHTML = '';
      status.textContent = 'Search is not available on this copy of the portal.';
      panel.hidden = false;
      return;
    }
    const filters = Object.fromEntries(Object.entries(filterState).filter(([, v]) => v));
    const search = await pf.debouncedSearch(query, { filters }, 150);
    if (!search) return; // superseded by a newer keystroke
    const data = await Promise.all(search.results.slice(0, 30).map((r) => r.data()));
    const results = rankByTitle(
      query,
      data.map((r) => ({ ...r, title: r.meta.title ?? r.url, aliases: operationAliases(r.meta.method, r.meta.path) })),
    ).slice(0, 20);
    const facets = await pf.filters();
    const select = (name: string) => {
      const values = Object.keys(facets[name] ?? {}).sort();
      if (values.length < 2) return '';
      const opts = values
        .map((v) => `<option value="${escape(v)}"${filterState[name] === v ? ' selected' : ''}>${escape(v)}</option>`)
        .join('');
      return `<label>${name} <select data-filter="${name}"><option value="">all</option>${opts}</select></label>`;
    };
    filterBox.innerHTML = `${select('product')}${select('version')}`;
    listbox.innerHTML = results
      .map((r, i) => {
        const where = [r.meta.product, r.meta.version].filter(Boolean).join(' ');
        const op =
          r.meta.method && r.meta.path
            ? `<span class="search-op"><span class="method method--${escape(r.meta.method.toLowerCase())}">${escape(r.meta.method)}</span> <code>${escape(r.meta.path)}</code></span>`
            : '';
        // The link is the option (ARIA allows it on a[href]): no interactive element nested in another.
        return `<li role="presentation"><a role="option" id="search-option-${i}" aria-selected="false" href="${escape(r.url)}" tabindex="-1"><span class="search-title">${escape(r.title.split(' · ')[0]!)}</span>${
          where ? ` <span class="search-where">${escape(where)}</span>` : ''
        }${op}<span class="excerpt">${r.excerpt}</span></a></li>`;
      })
      .join('');
    status.textContent = results.length === 0 ? `No results for “${query}”.` : `${results.length} result${results.length === 1 ? '' : 's'}`;
    active = -1;
    input.removeAttribute('aria-activedescendant');
    panel.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  };
  input.addEventListener('input', () => void run());
  listbox.addEventListener('mousemove', (event) => {
    const option = (event.target as HTMLElement).closest<HTMLElement>('[role="option"]');
    if (option) choose(options().indexOf(option));
  });
  panel.addEventListener('change', (event) => {
    const el = event.target as HTMLSelectElement;
    if (el.dataset.filter) {
      filterState[el.dataset.filter] = el.value;
      void run();
    }
  });
}
