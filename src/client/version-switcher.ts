/**
 * Keys for the version switcher (a `<details>` of links in Base.astro, which works without
 * script): the disclosure-navigation pattern of the ARIA Authoring Practices. Its summary is the
 * disclosure button (the browser states expanded or collapsed); the versions stay links, as they
 * navigate (a `menu` role would promise application-menu keys to screen readers). ArrowDown or
 * ArrowUp on the closed summary opens it on the current version; ArrowDown/ArrowUp, Home and
 * End move between versions; Enter follows one; Escape, Tab away or a click outside closes it,
 * Escape putting focus back on the summary.
 */
/** `switcher` sits in a `<nav aria-label="Versions">`, so the open list is in a landmark. */
export function enhanceVersionSwitcher(switcher: HTMLDetailsElement): void {
  const summary = switcher.querySelector<HTMLElement>(':scope > summary');
  const list = switcher.querySelector<HTMLElement>(':scope > ul');
  if (!summary || !list) return;
  const links = () => [...list.querySelectorAll<HTMLAnchorElement>('a[href]')];
  list.id ||= 'version-switcher-list';
  summary.setAttribute('aria-controls', list.id);

  const focusLink = (index: number) => {
    const all = links();
    all[(index + all.length) % all.length]?.focus();
  };
  const currentIndex = () => Math.max(0, links().findIndex((a) => a.hasAttribute('aria-current')));
  const close = (refocus: boolean) => {
    switcher.open = false;
    if (refocus) summary.focus();
  };

  summary.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    switcher.open = true;
    focusLink(currentIndex());
  });
  list.addEventListener('keydown', (event) => {
    const at = links().indexOf(document.activeElement as HTMLAnchorElement);
    const moves: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: links().length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      focusLink(moves[event.key]!);
    }
  });
  switcher.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && switcher.open) {
      event.preventDefault();
      close(true);
    }
  });
  switcher.addEventListener('focusout', (event) => {
    if (switcher.open && !switcher.contains(event.relatedTarget as Node | null) && event.relatedTarget) close(false);
  });
  document.addEventListener('click', (event) => {
    if (switcher.open && !switcher.contains(event.target as Node)) close(false);
  });
}
