/**
 * Tabs and the environment picker of an operation page's right pane
 * (src/lib/reference/operation-aside.ts). Without this script every block is shown, stacked
 * under its heading; with it:
 * - each `[data-atrium-tabs]` group of `.ref-tabpanel`s becomes an ARIA tablist (arrow keys,
 *   Home and End move between tabs; the panel follows);
 * - a language picked in one group is picked in every group and remembered for other pages;
 * - `[data-atrium-env-picker]` shows one environment's samples, remembered too.
 */
const LANGUAGE_KEY = 'atrium-sample-language';
const ENVIRONMENT_KEY = 'atrium-environment';

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function store(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
}

interface TabGroup {
  kind: string;
  select(value: string, focus?: boolean): boolean;
}

const groups: TabGroup[] = [];

function setUpGroup(container: HTMLElement, index: number): TabGroup | undefined {
  const panels = [...container.querySelectorAll<HTMLElement>(':scope > .ref-tabpanel')];
  if (!panels.length) return undefined;
  const kind = container.dataset.atriumTabs ?? 'tabs';
  const list = document.createElement('div');
  list.setAttribute('role', 'tablist');
  list.className = 'ref-tablist';
  const label = container.closest('section')?.querySelector('h2')?.textContent;
  if (label) list.setAttribute('aria-label', kind === 'language' ? `${label}: language` : label);
  const tabs = panels.map((panel, i) => {
    const title = panel.querySelector<HTMLElement>(':scope > .ref-tabpanel-title');
    const tab = document.createElement('button');
    tab.type = 'button';
    tab.setAttribute('role', 'tab');
    tab.className = 'ref-tab';
    tab.id = `${panel.id || `ref-tabs-${index}-${i}`}-tab`;
    const text = title?.textContent ?? panel.dataset.tab ?? String(i + 1);
    const code = panel.dataset.tab;
    if (kind === 'status' && code && text.startsWith(code) && text !== code) {
      // Six statuses fit one row as codes; the reason stays in the tab's name and, visible,
      // in the panel's own title below the tabs.
      const reason = document.createElement('span');
      reason.className = 'visually-hidden';
      reason.textContent = text.slice(code.length);
      tab.append(code, reason);
    } else {
      tab.textContent = text;
      if (title) title.hidden = true;
    }
    tab.setAttribute('aria-controls', panel.id);
    panel.setAttribute('role', 'tabpanel');
    panel.setAttribute('aria-labelledby', tab.id);
    list.append(tab);
    return tab;
  });
  container.prepend(list);
  container.classList.add('ref-tabset--active');

  const select = (i: number, focus = false) => {
    tabs.forEach((tab, j) => {
      tab.setAttribute('aria-selected', String(i === j));
      tab.tabIndex = i === j ? 0 : -1;
      panels[j]!.hidden = i !== j;
    });
    if (focus) tabs[i]!.focus();
  };
  const choose = (i: number, focus = false) => {
    select(i, focus);
    const value = panels[i]!.dataset.tab;
    if (kind === 'language' && value) {
      store(LANGUAGE_KEY, value);
      for (const group of groups) if (group.kind === 'language') group.select(value);
    }
  };
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => choose(i));
    tab.addEventListener('keydown', (event) => {
      const last = tabs.length - 1;
      const next =
        event.key === 'ArrowRight' ? (i === last ? 0 : i + 1)
        : event.key === 'ArrowLeft' ? (i === 0 ? last : i - 1)
        : event.key === 'Home' ? 0
        : event.key === 'End' ? last
        : undefined;
      if (next === undefined) return;
      event.preventDefault();
      choose(next, true);
    });
  });
  const preferred = kind === 'language' ? stored(LANGUAGE_KEY) : null;
  const start = Math.max(0, panels.findIndex((p) => p.dataset.tab === preferred));
  select(start);
  return {
    kind,
    select(value) {
      const i = panels.findIndex((p) => p.dataset.tab === value);
      if (i < 0) return false;
      select(i);
      return true;
    },
  };
}

/** Rewrites a base URL in the block's code, keeping the colours where the URL sits in one token. */
function rebase(block: HTMLElement, from: string, to: string): void {
  if (from === to) return;
  for (const code of block.querySelectorAll<HTMLElement>('pre')) {
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeValue?.includes(from)) node.nodeValue = node.nodeValue.split(from).join(to);
    }
    // Split across tokens: the plain text, rewritten, is still right.
    if (code.textContent?.includes(from)) code.textContent = code.textContent.split(from).join(to);
  }
}

function setUpEnvironmentPicker(picker: HTMLSelectElement): void {
  const blocks = [...document.querySelectorAll<HTMLElement>('.ref-env-samples[data-environment]')];
  const aliases = [...document.querySelectorAll<HTMLElement>('.ref-env-aliases li[data-environment]')];
  if (blocks.length + aliases.length < 2) return;
  const first = blocks[0]!;
  let firstBase = aliases[0]?.dataset.replaces ?? '';
  const original = firstBase;
  const show = (name: string) => {
    const alias = aliases.find((a) => a.dataset.environment === name);
    const target = alias ? first : (blocks.find((b) => b.dataset.environment === name) ?? first);
    for (const block of blocks) block.hidden = block !== target;
    if (target === first && original) {
      const base = alias?.dataset.baseUrl ?? original;
      rebase(first, firstBase, base);
      firstBase = base;
    }
  };
  const remembered = stored(ENVIRONMENT_KEY);
  if (remembered && [...picker.options].some((o) => o.value === remembered)) picker.value = remembered;
  show(picker.value);
  picker.closest<HTMLElement>('.ref-env-picker')!.hidden = false;
  document.documentElement.classList.add('ref-env-picked');
  picker.addEventListener('change', () => {
    store(ENVIRONMENT_KEY, picker.value);
    show(picker.value);
  });
}

function setUp(): void {
  document.querySelectorAll<HTMLElement>('[data-atrium-tabs]').forEach((container, i) => {
    const group = setUpGroup(container, i);
    if (group) groups.push(group);
  });
  const picker = document.querySelector<HTMLSelectElement>('select[data-atrium-env-picker]');
  if (picker) setUpEnvironmentPicker(picker);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', setUp, { once: true });
else setUp();

export {};
