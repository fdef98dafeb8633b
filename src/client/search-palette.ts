/**
 * Search as a palette, loaded on first use by search-opener.ts: a modal dialog whose input is a
 * combobox over a listbox of results (the input keeps focus; the chosen result is its
 * aria-activedescendant). Arrow keys choose, Enter opens, Escape closes (search-opener.ts gives
 * focus back to where the reader was). Exact title matches first (search-rank.ts); an operation shows its
 * method and path. Pagefind's code and index load here, not before.
 */
import { operationAliases, rankByTitle } from '../lib/site/search-rank.ts';
import { SEARCH_SHARDS_FILE, isSearchShardFolder } from '../lib/site/search-shards.ts';

interface PagefindResult {
  url: string;
  meta: { title?: string; product?: string; version?: string; method?: string; path?: string };
  excerpt: string;
}
interface Pagefind {
  init(): Promise<void>;
  options(o: Record<string, unknown>): Promise<void>;
  mergeIndex(basePath: string, o?: Record<string, unknown>): Promise<void>;
  filters(): Promise<Record<string, Record<string, number>>>;
  debouncedSearch(
    q: string,
    o?: { filters?: Record<string, string> },
    ms?: number,
  ): Promise<{ results: { data(): Promise<PagefindResult> }[] } | null>;
}

const EMPTY = 'Search operations by name, method or path, and the docs.';

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Pagefind and the index: `pagefind/` and, on a portal large enough to have its index split
 * (src/lib/site/search-shards.ts), each shard `pagefind/shards.json` names, merged into one search.
 */
function loader(base: string): () => Promise<Pagefind> {
  let pagefind: Promise<Pagefind> | undefined;
  return () =>
    (pagefind ??= Promise.all([
      import(/* @vite-ignore */ `${base}pagefind/pagefind.js`) as Promise<Pagefind>,
      fetch(`${base}pagefind/${SEARCH_SHARDS_FILE}`).then((r): Promise<{ shards?: unknown }> => (r.ok ? r.json() : Promise.resolve({}))),
    ]).then(async ([pf, listed]) => {
      await pf.options({ baseUrl: base });
      await pf.init();
      const shards = Array.isArray(listed.shards) ? listed.shards.filter(isSearchShardFolder) : [];
      await Promise.all(shards.map((folder) => pf.mergeIndex(`${base}pagefind/${folder}`, { baseUrl: base })));
      return pf;
    }));
}

function resultHtml(r: PagefindResult & { title: string }, i: number): string {
  const where = [r.meta.product, r.meta.version].filter(Boolean).join(' ');
  const op =
    r.meta.method && r.meta.path
      ? `<span class="search-op"><span class="method method--${escape(r.meta.method.toLowerCase())}">${escape(r.meta.method)}</span> <code>${escape(r.meta.path)}</code></span>`
      : '';
  // The link is the option (ARIA allows it on a[href]): no interactive element nested in another.
  // Pagefind's excerpt is its own escaped text with <mark> around the matched words.
  return `<li role="presentation"><a role="option" id="search-option-${i}" aria-selected="false" href="${escape(r.url)}" tabindex="-1"><span class="search-title">${escape(r.title.split(' · ')[0]!)}</span>${
    where ? ` <span class="search-where">${escape(where)}</span>` : ''
  }${op}<span class="excerpt">${r.excerpt}</span></a></li>`;
}

export function attach(dialog: HTMLDialogElement, base: string): void {
  const input = dialog.querySelector<HTMLInputElement>('input')!;
  const listbox = dialog.querySelector<HTMLElement>('[role="listbox"]')!;
  const filterBox = dialog.querySelector<HTMLElement>('[data-search-filters]')!;
  const status = dialog.querySelector<HTMLElement>('[data-search-status]')!;
  const loadPagefind = loader(base);
  void loadPagefind().catch(() => undefined);

  const filterState: Record<string, string> = {};
  let lastFilterHtml = '';
  let active = -1;
  const options = () => [...listbox.querySelectorAll<HTMLAnchorElement>('[role="option"]')];
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
  const follow = (link: HTMLAnchorElement) => {
    dialog.close();
    location.assign(link.href);
  };

  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      // Escape closes at once, even while the search field holds text (its own Escape would clear it).
      event.preventDefault();
      event.stopPropagation();
      dialog.close();
    } else if (event.key === 'Tab') {
      // Focus stays in the palette: Tab cycles through its own controls.
      const stops = [...dialog.querySelectorAll<HTMLElement>('input, select, button')].filter((el) => el.getClientRects().length > 0);
      const at = stops.indexOf(document.activeElement as HTMLElement);
      const next = event.shiftKey ? (at <= 0 ? stops.length - 1 : at - 1) : at === stops.length - 1 ? 0 : at + 1;
      event.preventDefault();
      stops[next]?.focus();
    }
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      choose(active + (event.key === 'ArrowDown' ? 1 : -1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const link = options()[Math.max(active, 0)];
      if (link) follow(link);
    }
  });
  listbox.addEventListener('click', (event) => {
    const link = (event.target as HTMLElement).closest<HTMLAnchorElement>('[role="option"]');
    if (link && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.button === 0) {
      event.preventDefault();
      follow(link);
    }
  });
  listbox.addEventListener('mousemove', (event) => {
    const option = (event.target as HTMLElement).closest<HTMLAnchorElement>('[role="option"]');
    if (option && option.getAttribute('aria-selected') !== 'true') choose(options().indexOf(option));
  });
  dialog.querySelector('[data-search-close]')!.addEventListener('click', () => dialog.close());
  // A click on the backdrop (outside the palette's box) closes it.
  dialog.addEventListener('click', (event) => {
    if (event.target !== dialog) return;
    const box = dialog.getBoundingClientRect();
    const inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
    if (!inside) dialog.close();
  });
  dialog.addEventListener('close', () => {
    input.removeAttribute('aria-activedescendant');
    options().forEach((o) => o.setAttribute('aria-selected', 'false'));
    active = -1;
  });

  const run = async () => {
    const query = input.value.trim();
    if (!query) {
      listbox.innerHTML = '';
      status.textContent = EMPTY;
      input.setAttribute('aria-expanded', 'false');
      return;
    }
    let pf: Pagefind;
    try {
      pf = await loadPagefind();
    } catch {
      listbox.innerHTML = '';
      status.textContent = 'Search is not available on this copy of the portal.';
      return;
    }
    const filters = Object.fromEntries(Object.entries(filterState).filter(([, v]) => v));
    const search = await pf.debouncedSearch(query, { filters }, 150);
    if (!search || input.value.trim() !== query) return; // superseded by a newer keystroke
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
    const filterHtml = `${select('product')}${select('version')}`;
    // Rebuilt only when it changes, so a reader inside a select keeps their place.
    if (filterHtml !== lastFilterHtml) filterBox.innerHTML = lastFilterHtml = filterHtml;
    listbox.innerHTML = results.map(resultHtml).join('');
    status.textContent = results.length === 0 ? `No results for “${query}”.` : `${results.length} result${results.length === 1 ? '' : 's'}`;
    active = -1;
    input.removeAttribute('aria-activedescendant');
    input.setAttribute('aria-expanded', String(results.length > 0));
  };
  input.addEventListener('input', () => void run());
  filterBox.addEventListener('change', (event) => {
    const el = event.target as HTMLSelectElement;
    if (el.dataset.filter) {
      filterState[el.dataset.filter] = el.value;
      void run();
    }
  });
  // What the reader typed while this module loaded (or, with nothing typed, the hint).
  void run();
}
