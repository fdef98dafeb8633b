/**
 * What every page ships of search: the palette's frame, opened at once (so the first keystrokes
 * land in its input), and a dynamic import of its behaviour (search-palette.ts), which brings
 * Pagefind. Nothing of either loads before the reader asks for search.
 */
const FRAME = `<div class="search-palette__bar">
<svg aria-hidden="true" viewBox="0 0 20 20" width="18" height="18"><circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" stroke-width="2"/><path d="m13 13 5 5" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>
<input id="site-search-input" type="search" placeholder="Search APIs and docs" autocomplete="off" spellcheck="false" aria-label="Search the portal"
 role="combobox" aria-expanded="false" aria-controls="search-listbox" aria-autocomplete="list" aria-describedby="search-hint">
<button type="button" class="search-palette__close" data-search-close>Close</button></div>
<p class="visually-hidden" id="search-hint">Arrow keys choose a result, Enter opens it, Escape closes search.</p>
<div class="search-results"><div class="search-filters" data-search-filters></div>
<ul role="listbox" id="search-listbox" aria-label="Search results"></ul>
<p class="search-status" aria-live="polite" data-search-status></p></div>
<p class="search-palette__keys" aria-hidden="true"><kbd>↑</kbd><kbd>↓</kbd> choose <kbd>Enter</kbd> open <kbd>Esc</kbd> close</p>`;

let behaviour: Promise<unknown> | undefined;
/** Where focus goes back when the palette closes: the element it was opened from. */
let returnFocus: HTMLElement | undefined;

export function openSearchPalette(base: string, fallbackFocus?: HTMLElement): void {
  let dialog = document.getElementById('search-palette') as HTMLDialogElement | null;
  if (!dialog) {
    dialog = document.createElement('dialog');
    dialog.id = 'search-palette';
    dialog.className = 'search-palette';
    dialog.setAttribute('aria-label', 'Search');
    dialog.innerHTML = FRAME;
    // Here, not in the palette's module: an Escape before that module has loaded gives focus back too.
    dialog.addEventListener('close', () => returnFocus?.focus());
    document.body.append(dialog);
  }
  const input = dialog.querySelector<HTMLInputElement>('input')!;
  if (!dialog.open) {
    const active = document.activeElement;
    returnFocus = active instanceof HTMLElement && active !== document.body ? active : fallbackFocus;
    dialog.showModal();
  }
  input.focus();
  input.select();
  const frame = dialog;
  behaviour ??= import('./search-palette.ts').then((m) => {
    m.attach(frame, base);
    return m;
  });
}
