/**
 * The reference sidebar's collapsed tag groups (src/components/ReferenceNav.astro). Without
 * this script each is a link to its section of the overview; with it, each becomes a
 * `<details>` that, opened, lists its operations from the version's shared nav.json (fetched
 * once per page, then from the browser's cache), as the server would have rendered them.
 */
type NavData = { groups: [slug: string, badge: string, method: string, label: string][][] };

/** Per enhanced list: fills every group (the filter's first use needs them all). */
const fillAll = new WeakMap<HTMLElement, () => Promise<void>>();

function enhance(list: HTMLElement): void {
  const source = list.dataset.navSrc;
  const base = list.dataset.navBase;
  if (!source || !base) return;
  let data: Promise<NavData> | undefined;
  const load = () => (data ??= fetch(source).then((r) => (r.ok ? (r.json() as Promise<NavData>) : Promise.reject(new Error(String(r.status))))));
  const fills: (() => Promise<void>)[] = [];

  // The n-th item is the n-th group of nav.json; the collapsed ones are a link to the overview.
  for (const [index, item] of [...list.children].entries()) {
    const link = item.querySelector(':scope > a');
    if (!link) continue;
    const details = document.createElement('details');
    const summary = document.createElement('summary');
    summary.append(link.textContent ?? '', ' ', item.querySelector(':scope > small')?.cloneNode(true) ?? '');
    const ops = document.createElement('ul');
    ops.className = 'ref-nav-ops';
    details.append(summary, ops);
    let filled: Promise<void> | undefined;
    const fill = () =>
      (filled ??= load().then(
        (nav) => {
          for (const [slug, badge, method, label] of nav.groups[index] ?? []) {
            const li = document.createElement('li');
            const a = document.createElement('a');
            a.href = `${base}${slug}/`;
            const span = document.createElement('span');
            span.className = `method method--${method}`;
            span.textContent = badge;
            a.append(span, ` ${label}`);
            li.append(a);
            ops.append(li);
          }
        },
        () => {
          // Offline or missing: the group's section of the overview lists it all.
          const li = document.createElement('li');
          li.append(link);
          ops.replaceChildren(li);
        },
      ));
    fills.push(fill);
    details.addEventListener('toggle', () => {
      if (details.open) void fill();
    });
    item.replaceChildren(details);
  }
  fillAll.set(list, () => Promise.all(fills.map((f) => f())).then(() => undefined));
}

for (const list of document.querySelectorAll<HTMLElement>('.ref-nav-groups')) enhance(list);

/**
 * Keys for the filter and what it leaves: ArrowDown from the box moves to the first operation
 * still listed, ArrowDown/ArrowUp move between them (up from the first goes back to the box),
 * Enter follows one (in the box: the first), Escape clears the filter and returns to the box.
 * The operations stay links in the navigation (no listbox: they navigate); a live region
 * says how many are left.
 */
function keyboard(nav: HTMLElement, input: HTMLInputElement): () => void {
  const status = document.createElement('p');
  status.className = 'visually-hidden';
  status.setAttribute('aria-live', 'polite');
  input.after(status);
  const hint = document.createElement('span');
  hint.id = `${nav.closest('aside')?.id ?? 'nav'}-filter-hint`;
  hint.hidden = true;
  hint.textContent = 'Arrow down moves through the matching operations; Escape clears the filter.';
  input.after(hint);
  input.setAttribute('aria-describedby', hint.id);
  const results = () => [...nav.querySelectorAll<HTMLAnchorElement>('.ref-nav-ops a[href]')].filter((a) => a.getClientRects().length > 0);
  const clear = () => {
    input.value = '';
    input.dispatchEvent(new Event('input'));
    input.focus();
  };
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      results()[0]?.focus();
    } else if (event.key === 'Enter' && input.value.trim()) {
      const first = results()[0];
      if (first) {
        event.preventDefault();
        first.click();
      }
    } else if (event.key === 'Escape' && input.value) {
      event.preventDefault();
      event.stopPropagation();
      clear();
    }
  });
  nav.addEventListener('keydown', (event) => {
    const link = (event.target as HTMLElement).closest?.('.ref-nav-ops a[href]');
    if (!link) return;
    const all = results();
    const at = all.indexOf(link as HTMLAnchorElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = at + (event.key === 'ArrowDown' ? 1 : -1);
      if (next < 0) input.focus();
      else all[Math.min(next, all.length - 1)]?.focus();
    } else if (event.key === 'Escape' && input.value) {
      event.preventDefault();
      event.stopPropagation();
      clear();
    }
  });
  // Run by the filter once it has applied the words: says what is left.
  return () => (status.textContent = input.value.trim() ? `${results().length} operations match` : '');
}

/**
 * The sidebar's filter box: operations whose method, label or path contain every typed word
 * stay; groups without one hide. In a large spec every group is filled from nav.json first.
 */
function filterable(nav: HTMLElement): void {
  const input = nav.querySelector<HTMLInputElement>('[data-nav-filter]');
  if (!input) return;
  input.hidden = false;
  const groups = nav.querySelector<HTMLElement>('.ref-nav-groups');
  const filter = () => {
    const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    for (const li of nav.querySelectorAll<HTMLElement>('.ref-nav-ops > li')) {
      // The page's own slug, not its whole URL: every URL holds the product's and version's names.
      const slug = li.querySelector('a')?.getAttribute('href')?.split('/').filter(Boolean).pop() ?? '';
      const text = `${li.textContent ?? ''} ${slug}`.toLowerCase();
      li.hidden = words.length > 0 && !words.every((w) => text.includes(w));
    }
    if (!groups) return;
    for (const details of groups.querySelectorAll<HTMLDetailsElement>(':scope > li > details')) {
      const any = [...details.querySelectorAll<HTMLElement>('.ref-nav-ops > li')].some((li) => !li.hidden);
      details.parentElement!.hidden = words.length > 0 && !any;
      if (words.length > 0 && any) details.open = true;
    }
  };
  const announce = keyboard(nav, input);
  const apply = () => {
    filter();
    announce();
  };
  let filling: Promise<void> | undefined;
  input.addEventListener('input', () => {
    const fill = groups && fillAll.get(groups);
    if (fill && !filling && input.value.trim()) {
      // Every group is filled (nav.json loads once for all of them) and opened before the first filtering.
      for (const d of groups.querySelectorAll<HTMLDetailsElement>(':scope > li > details')) d.open = true;
      filling = fill();
    }
    if (filling) void filling.then(apply);
    else apply();
  });
}

for (const nav of document.querySelectorAll<HTMLElement>('.sidebar nav')) filterable(nav);
