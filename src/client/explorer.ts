/**
 * The interactive API explorer (Stoplight Elements), loaded only when the reader asks for
 * it. This file is tiny; Elements' 2 MB bundle and its CSS are fetched on the first click
 * from the folder named by `data-elements-base` (the site copies them to
 * `/_atrium/elements/`).
 *
 * Markup (rendered by src/lib/reference/overview.ts):
 *   <button hidden data-atrium-explorer data-spec-url="…/openapi.json"
 *           data-elements-base="/_atrium/elements/" data-base-urls='[{"url":…,"description":…}]'>
 *   <div data-atrium-explorer-target hidden></div>
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
        typeof v === 'string' ? { url: v } : v && typeof v.url === 'string' ? { url: v.url, description: String(v.description ?? '') } : undefined,
      )
      .filter((v): v is BaseUrl => v !== undefined && /^https?:\/\//.test(v.url));
  } catch {
    return [];
  }
}

/** The spec with its `servers` replaced by the gateway's base URLs, for "try it". */
async function specWithServers(specUrl: string, servers: BaseUrl[]): Promise<string> {
  const response = await fetch(specUrl);
  if (!response.ok) throw new Error(`The spec could not be loaded (HTTP ${response.status}).`);
  const spec = (await response.json()) as Record<string, unknown>;
  spec.servers = servers.map((s) => (s.description ? { url: s.url, description: s.description } : { url: s.url }));
  return JSON.stringify(spec);
}

async function open(button: HTMLButtonElement, target: HTMLElement): Promise<void> {
  const specUrl = button.dataset.specUrl;
  if (!specUrl) return;
  const status = document.createElement('p');
  status.className = 'ref-explorer-status';
  status.setAttribute('role', 'status');
  status.textContent = 'Loading the explorer…';
  target.replaceChildren(status);
  target.hidden = false;
  button.disabled = true;
  button.setAttribute('aria-expanded', 'true');
  try {
    const servers = parseBaseUrls(button.dataset.baseUrls);
    const [document_] = await Promise.all([
      servers.length ? specWithServers(specUrl, servers) : Promise.resolve(undefined),
      loadElements(button.dataset.elementsBase ?? '/_atrium/elements/'),
    ]);
    const api = document.createElement('elements-api');
    // Elements reads boolean attributes as Boolean(value): an empty attribute would be false.
    api.setAttribute('router', 'hash');
    api.setAttribute('layout', 'sidebar');
    api.setAttribute('hideExport', 'true');
    if (document_ !== undefined) api.setAttribute('apiDescriptionDocument', document_);
    else api.setAttribute('apiDescriptionUrl', new URL(specUrl, location.href).href);
    target.replaceChildren(api);
    button.hidden = true;
    target.scrollIntoView({ block: 'start' });
  } catch (error) {
    status.textContent = `The explorer could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
    button.disabled = false;
    button.setAttribute('aria-expanded', 'false');
  }
}

export function initExplorer(root: ParentNode = document): void {
  for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-atrium-explorer]')) {
    const targetId = button.getAttribute('aria-controls');
    const target =
      (targetId && document.getElementById(targetId)) || root.querySelector<HTMLElement>('[data-atrium-explorer-target]');
    if (!target) continue;
    button.hidden = false;
    button.setAttribute('aria-expanded', 'false');
    button.addEventListener('click', () => void open(button, target));
  }
}

initExplorer();
