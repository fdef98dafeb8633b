/**
 * The interactive API explorer (Stoplight Elements), loaded only when the reader asks for
 * it. This file is tiny; Elements' 2 MB bundle and its CSS are fetched on the first click
 * from the folder named by `data-elements-base` (the site copies them to
 * `/_atrium/elements/`).
 *
 * Markup (rendered by src/lib/reference/explorer-button.ts, on the overview and on every
 * operation page, where `data-operation="GET /path"` scopes the explorer to that operation):
 *   <button hidden data-atrium-explorer data-spec-url="…/openapi.json"
 *           data-elements-base="/_atrium/elements/" data-base-urls='[{"url":…,"description":…}]'>
 * The explorer opens in a modal dialog over the window, in the page's theme. Elements routes by
 * hash (`#/operations/…`), so a reload of such a link reopens the explorer there.
 * Credentials start empty: the shipped bundle is patched to send none the reader did not type
 * (src/lib/reference/elements-bundle.ts); nothing is sent before the reader presses Send.
 *
 * Privacy: Elements has no runtime analytics (its Scarf analytics run only at npm install
 * time, and Atrium's package.json blocks that install script). Two things in it can reach
 * third parties at run time, and both are closed here:
 * - a ```mermaid block in a description makes it inject <script src=unpkg.com/mermaid…>,
 *   unless an element with id `mermaid-loader` already exists in <head>: we add one, so the
 *   block shows as text;
 * - "try it" sends requests to the API's servers, which is what the reader asked for; with
 *   `data-base-urls` those are the portal's gateway URLs instead of the spec's servers.
 * `hideExport` hides Elements' export menu (the page has its own download links).
 */

interface BaseUrl {
  url: string;
  description?: string;
  /** The environment's name, as the operation page's picker stores it. */
  environment?: string;
}

const loaded = new Map<string, Promise<void>>();

function loadOnce(key: string, create: () => HTMLElement): Promise<void> {
  let promise = loaded.get(key);
  if (!promise) {
    promise = new Promise<void>((resolve, reject) => {
      const el = create();
      el.addEventListener('load', () => resolve(), { once: true });
      el.addEventListener('error', () => reject(new Error(`Could not load ${key}`)), { once: true });
      document.head.append(el);
    });
    loaded.set(key, promise);
  }
  return promise;
}

function loadElements(base: string): Promise<void> {
  const root = base.endsWith('/') ? base : base + '/';
  if (!document.getElementById('mermaid-loader')) {
    const blocker = document.createElement('meta');
    blocker.id = 'mermaid-loader';
    blocker.name = 'atrium-no-remote-mermaid';
    document.head.append(blocker);
  }
  const css = loadOnce(root + 'styles.min.css', () => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = root + 'styles.min.css';
    return link;
  });
  const js = loadOnce(root + 'web-components.min.js', () => {
    const script = document.createElement('script');
    script.src = root + 'web-components.min.js';
    return script;
  });
  return Promise.all([css, js]).then(() => customElements.whenDefined('elements-api')).then(() => undefined);
}

function parseBaseUrls(raw: string | undefined): BaseUrl[] {
  if (!raw) return [];
  try {
    const value: unknown = JSON.parse(raw);
    if (!Array.isArray(value)) return [];
    return value
      .map((v): BaseUrl | undefined =>
        typeof v === 'string'
          ? { url: v }
          : v && typeof v.url === 'string'
            ? { url: v.url, description: String(v.description ?? ''), environment: typeof v.environment === 'string' ? v.environment : undefined }
            : undefined,
      )
      .filter((v): v is BaseUrl => v !== undefined && /^https?:\/\//.test(v.url));
  } catch {
    return [];
  }
}

/** The spec reduced to one operation (components kept), so the explorer shows only it. */
function scopeToOperation(spec: Record<string, unknown>, scope: string): Record<string, unknown> {
  const [method, ...rest] = scope.split(' ');
  const path = rest.join(' ');
  const paths = (spec.paths ?? {}) as Record<string, Record<string, unknown>>;
  const item = paths[path];
  if (!method || !item || !item[method.toLowerCase()]) return spec;
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) {
    // Path-level fields (parameters, servers, summary) stay; other methods go.
    if (!/^(get|put|post|delete|options|head|patch|trace|query)$/.test(key)) kept[key] = value;
  }
  // Untagged, Elements lists the operation at the top of its sidebar instead of in a closed group.
  kept[method.toLowerCase()] = { ...(item[method.toLowerCase()] as object), tags: undefined };
  return { ...spec, paths: { [path]: kept }, tags: undefined, webhooks: undefined };
}

async function explorerDocument(specUrl: string, servers: BaseUrl[], scope: string | undefined): Promise<string | undefined> {
  if (!servers.length && !scope) return undefined;
  const response = await fetch(specUrl);
  if (!response.ok) throw new Error(`The spec could not be loaded (HTTP ${response.status}).`);
  let spec = (await response.json()) as Record<string, unknown>;
  // Try-it aims at the first server: the environment the reader picked on an operation page.
  const chosen = rememberedEnvironment();
  const ordered = [...servers.filter((s) => s.environment === chosen), ...servers.filter((s) => s.environment !== chosen)];
  if (ordered.length) spec.servers = ordered.map((s) => (s.description ? { url: s.url, description: s.description } : { url: s.url }));
  if (scope) spec = scopeToOperation(spec, scope);
  return JSON.stringify(spec);
}

function rememberedEnvironment(): string | null {
  try {
    return localStorage.getItem('atrium-environment');
  } catch {
    return null;
  }
}

function pageTheme(): 'light' | 'dark' {
  const chosen = document.documentElement.dataset.theme;
  if (chosen === 'light' || chosen === 'dark') return chosen;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Elements' own styles switch on `data-theme` of an ancestor: keep it equal to the page's theme. */
function followTheme(element: HTMLElement): void {
  const apply = () => element.setAttribute('data-theme', pageTheme());
  apply();
  new MutationObserver(apply).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', apply);
}

/** Elements' hash routes (`#/operations/…`, `#/schemas/…`): the reader was inside the explorer. */
function isExplorerRoute(hash: string): boolean {
  return /^#\/./.test(hash);
}

/**
 * The explorer opens in a modal dialog over the whole window: Elements lays out its own
 * sidebar, document and try-it panel, which do not fit beside the portal's sidebar, and on a
 * phone it needs the full width. The dialog follows the page's theme.
 */
function explorerDialog(button: HTMLButtonElement): { dialog: HTMLDialogElement; body: HTMLElement } {
  const existing = document.querySelector<HTMLDialogElement>('dialog.ref-explorer-dialog');
  if (existing) return { dialog: existing, body: existing.querySelector<HTMLElement>('.ref-explorer-body')! };
  const dialog = document.createElement('dialog');
  dialog.className = 'ref-explorer-dialog';
  dialog.setAttribute('aria-labelledby', 'ref-explorer-title');
  const bar = document.createElement('div');
  bar.className = 'ref-explorer-bar';
  const title = document.createElement('h2');
  title.id = 'ref-explorer-title';
  title.textContent = button.dataset.title ?? 'Interactive explorer';
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'ref-button';
  close.textContent = 'Close';
  close.addEventListener('click', () => dialog.close());
  bar.append(title, close);
  const body = document.createElement('div');
  body.className = 'ref-explorer-body';
  dialog.append(bar, body);
  dialog.addEventListener('close', () => {
    button.setAttribute('aria-expanded', 'false');
    document.documentElement.classList.remove('ref-explorer-open');
    // Leaving the explorer leaves its route: a reload shows the page, not the explorer again.
    if (isExplorerRoute(location.hash)) history.replaceState(history.state, '', location.pathname + location.search);
    button.focus();
  });
  followTheme(dialog);
  document.body.append(dialog);
  return { dialog, body };
}

async function open(button: HTMLButtonElement): Promise<void> {
  const specUrl = button.dataset.specUrl;
  if (!specUrl) return;
  const { dialog, body } = explorerDialog(button);
  button.setAttribute('aria-expanded', 'true');
  document.documentElement.classList.add('ref-explorer-open');
  if (!dialog.open) dialog.showModal();
  if (body.querySelector('elements-api')) return;
  const status = document.createElement('p');
  status.className = 'ref-explorer-status';
  status.setAttribute('role', 'status');
  status.textContent = 'Loading the explorer…';
  body.replaceChildren(status);
  const scope = button.dataset.operation;
  try {
    const servers = parseBaseUrls(button.dataset.baseUrls);
    const [document_] = await Promise.all([
      explorerDocument(specUrl, servers, scope),
      loadElements(button.dataset.elementsBase ?? '/_atrium/elements/'),
    ]);
    const api = document.createElement('elements-api');
    // Elements reads boolean attributes as Boolean(value): an empty attribute would be false.
    api.setAttribute('router', 'hash');
    // Scoped to one operation, Elements' sidebar holds one link: the page hides it on phones
    // (reference.css), where the responsive layout would hide the operation behind its menu.
    api.setAttribute('layout', scope ? 'sidebar' : 'responsive');
    if (scope) dialog.dataset.scoped = '';
    api.setAttribute('hideExport', 'true');
    if (document_ !== undefined) api.setAttribute('apiDescriptionDocument', document_);
    else api.setAttribute('apiDescriptionUrl', new URL(specUrl, location.href).href);
    body.replaceChildren(api);
    if (scope && !isExplorerRoute(location.hash)) void showOnlyOperation(api);
  } catch (error) {
    status.textContent = `The explorer could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** On an operation page, go straight to the operation (Elements starts on its overview). */
async function showOnlyOperation(api: HTMLElement): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const link = api.querySelector<HTMLAnchorElement>('a[href*="/operations/"], a[href*="/paths/"]');
    if (link) {
      link.click();
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function initExplorer(root: ParentNode = document): void {
  for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-atrium-explorer]')) {
    button.hidden = false;
    button.setAttribute('aria-expanded', 'false');
    button.setAttribute('aria-haspopup', 'dialog');
    button.addEventListener('click', () => void open(button));
  }
  // A reload (or a shared link) inside the explorer reopens it where the reader was.
  const first = root.querySelector<HTMLButtonElement>('button[data-atrium-explorer]');
  if (first && isExplorerRoute(location.hash)) void open(first);
}

initExplorer();
