/**
 * The only script every page ships: theme switch and the search box. Pagefind's own code
 * (and its index) loads the first time the reader focuses search or presses `/`.
 */
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
  meta: { title?: string; product?: string };
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

if (form && input && panel) {
  const filterState: Record<string, string> = {};
  input.addEventListener('focus', () => void loadPagefind().catch(() => undefined), { once: true });
  form.addEventListener('submit', (event) => event.preventDefault());
  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement;
    if (event.key === '/' && !/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) && !target.isContentEditable) {
      event.preventDefault();
      input.focus();
    } else if (event.key === 'Escape' && !panel.hidden) {
      panel.hidden = true;
      input.focus();
    }
  });

  const run = async () => {
    const query = input.value.trim();
    if (!query) {
      panel.hidden = true;
      return;
    }
    let pf: Pagefind;
    try {
      pf = await loadPagefind();
    } catch {
      panel.innerHTML = '<p>Search is not available on this copy of the portal.</p>';
      panel.hidden = false;
      return;
    }
    const filters = Object.fromEntries(Object.entries(filterState).filter(([, v]) => v));
    const search = await pf.debouncedSearch(query, { filters }, 150);
    if (!search) return; // superseded by a newer keystroke
    const results = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
    const facets = await pf.filters();
    const groups = new Map<string, PagefindResult[]>();
    for (const r of results) {
      const product = r.filters.product?.[0] ?? 'Portal';
      groups.set(product, [...(groups.get(product) ?? []), r]);
    }
    const select = (name: string) => {
      const values = Object.keys(facets[name] ?? {}).sort();
      if (values.length < 2) return '';
      const options = values
        .map((v) => `<option value="${escape(v)}"${filterState[name] === v ? ' selected' : ''}>${escape(v)}</option>`)
        .join('');
      return `<label>${name} <select data-filter="${name}"><option value="">all</option>${options}</select></label>`;
    };
    panel.innerHTML =
      `<div class="search-filters">${select('product')}${select('version')}</div>` +
      (results.length === 0
        ? `<p>No results for “${escape(query)}”.</p>`
        : [...groups]
            .map(
              ([product, items]) =>
                `<h2>${escape(product)}</h2><ul>${items
                  .map(
                    (r) =>
                      `<li><a href="${escape(r.url)}">${escape(r.meta.title ?? r.url)}<span class="excerpt">${r.excerpt}</span></a></li>`,
                  )
                  .join('')}</ul>`,
            )
            .join(''));
    panel.hidden = false;
  };
  input.addEventListener('input', () => void run());
  panel.addEventListener('change', (event) => {
    const el = event.target as HTMLSelectElement;
    if (el.dataset.filter) {
      filterState[el.dataset.filter] = el.value;
      void run();
    }
  });
}
