/**
 * Fields of the schemas an operation page could not hold (page-schemas.ts, over its budget):
 * a `<details data-schema-page>` fetches them from the schema's own page the first time the
 * reader opens it. Without script the details hold a plain link to that page. Links inside
 * the fetched fields keep pointing at that page; its ids and variant groups are renamed so
 * nothing clashes with this page's.
 */
const pages = new Map<string, Promise<Document>>();
let fetched = 0;

function schemaPage(url: URL): Promise<Document> {
  const key = url.pathname;
  let page = pages.get(key);
  if (!page) {
    page = fetch(url.pathname, { credentials: 'same-origin' })
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${r.status}`))))
      .then((text) => new DOMParser().parseFromString(text, 'text/html'));
    pages.set(key, page);
    page.catch(() => pages.delete(key));
  }
  return page;
}

async function fill(details: HTMLDetailsElement): Promise<void> {
  const url = new URL(details.dataset.schemaPage!, location.href);
  details.dataset.schemaState = 'loading';
  try {
    const page = await schemaPage(url);
    const tree = page.querySelector('.ref-schema-subject > .ref-schema');
    if (!tree) throw new Error('no schema on the page');
    const n = ++fetched;
    const parts = [...tree.children].filter((e) => !e.classList.contains('ref-schema-head')).map((e) => document.importNode(e, true));
    for (const part of parts) {
      for (const a of part.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')) a.href = url.pathname + a.getAttribute('href');
      for (const e of part.querySelectorAll('[id]')) e.removeAttribute('id');
      for (const d of part.querySelectorAll<HTMLDetailsElement>('details[name]')) d.name = `fetched-${n}-${d.name}`;
      // Deep already: what it holds starts collapsed.
      for (const d of part.querySelectorAll<HTMLDetailsElement>('details.ref-nested[open]')) d.open = false;
    }
    const summary = details.querySelector(':scope > summary');
    details.replaceChildren(...(summary ? [summary] : []), ...parts);
    details.dataset.schemaState = 'loaded';
  } catch {
    // The link to the page stays; the next opening tries again.
    delete details.dataset.schemaState;
  }
}

document.addEventListener(
  'toggle',
  (event) => {
    const details = event.target;
    if (details instanceof HTMLDetailsElement && details.open && details.dataset.schemaPage && !details.dataset.schemaState) void fill(details);
  },
  true,
);

/** A link to a schema's fields inside collapsed `<details>` opens them, as find-in-page would. */
function reveal(hash: string): void {
  const target = hash.length > 1 ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
  if (!target) return;
  let opened = false;
  for (let e: HTMLElement | null = target; e; e = e.parentElement) {
    if (e instanceof HTMLDetailsElement && !e.open) {
      e.open = true;
      opened = true;
    }
  }
  if (opened) target.scrollIntoView();
}
window.addEventListener('hashchange', () => reveal(location.hash));
if (location.hash.startsWith('#schema-')) reveal(location.hash);
