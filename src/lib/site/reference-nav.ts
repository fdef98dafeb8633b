/**
 * The API reference sidebar. Every reference page carries it, so its weight is paid once
 * per operation page: a small spec lists every operation; a large one lists its tag groups
 * collapsed, with only the current operation's group open (and, in a very large group, the
 * operations around the current one). Without JavaScript the current tag reads as a list and
 * every other group links to its section of the overview page; with it, a group opened in
 * the sidebar fills in from one shared file per version (`urls.referenceNav`, `navData`).
 */
import { html, type SafeHtml } from '../html.ts';
import { findOperationRef, tagSectionIds } from '../reference/index.ts';
import type { OperationRef, ReferenceIndex } from '../reference/types.ts';

/** Up to this many operations, the sidebar is one flat list (about 15 KB of markup at most). */
export const FLAT_LIMIT = 100;
/** Operations of the current group listed around the current one when the group is larger. */
export const GROUP_WINDOW = 50;

export interface NavOperation {
  slug: string;
  /** `GET`…, or the kind (`webhook`, `callback`) for operations that are not paths. */
  badge: string;
  /** Lower-case method, for the badge's colour. */
  method: string;
  label: string;
}

export interface NavGroup {
  name: string;
  /** The group's section on the overview page (`#tag-…`). */
  anchor: string;
  count: number;
  /** Listed operations: all of them, a window around the current one, or none (collapsed). */
  operations: NavOperation[];
  /** Operations of the group before and after the listed window. */
  before: number;
  after: number;
  open: boolean;
}

export type ReferenceNav = { kind: 'flat'; operations: NavOperation[] } | { kind: 'grouped'; groups: NavGroup[] };

export function navOperation(op: Pick<OperationRef, 'slug' | 'kind' | 'method' | 'path' | 'summary'>): NavOperation {
  return { slug: op.slug, badge: op.kind === 'operation' ? op.method.toUpperCase() : op.kind, method: op.method.toLowerCase(), label: op.summary ?? op.path };
}

/** @param current the slug of the operation whose page this is (none on the overview) */
export function buildReferenceNav(index: ReferenceIndex, current?: string): ReferenceNav {
  if (index.operations.length <= FLAT_LIMIT) return { kind: 'flat', operations: index.operations.map(navOperation) };
  const anchors = tagSectionIds(index);
  // An operation with several tags opens the first group that lists it.
  const openGroup = current === undefined ? -1 : index.tags.findIndex((g) => g.operations.includes(current));
  const groups = index.tags.map((group, i): NavGroup => {
    const base = { name: group.name, anchor: anchors[i]!, count: group.operations.length, open: i === openGroup };
    if (i !== openGroup) return { ...base, operations: [], before: 0, after: group.operations.length };
    const at = group.operations.indexOf(current!);
    const start = Math.max(0, Math.min(at - Math.floor(GROUP_WINDOW / 2), group.operations.length - GROUP_WINDOW));
    const slugs = group.operations.slice(start, start + GROUP_WINDOW);
    return { ...base, operations: operationsOf(index, slugs), before: start, after: group.operations.length - start - slugs.length };
  });
  return { kind: 'grouped', groups };
}

/** The shared file's content: every group's operations as `[slug, badge, method, label]`, in the sidebar's group order. */
export function navData(index: ReferenceIndex): { groups: [string, string, string, string][][] } {
  return { groups: index.tags.map((group) => operationsOf(index, group.operations).map((op) => [op.slug, op.badge, op.method, op.label])) };
}

function operationsOf(index: ReferenceIndex, slugs: readonly string[]): NavOperation[] {
  return slugs.map((slug) => findOperationRef(index, slug)).filter((op): op is OperationRef => op !== undefined).map(navOperation);
}

export interface NavLinks {
  /** Accessible name of the `<nav>`, e.g. "Flights v2 operations". */
  label: string;
  /** Heading, e.g. "v2 reference". */
  heading: string;
  /** URLs with the base path: the overview (`…/reference/`), the version page, the shared nav.json. */
  overview: string;
  version: string;
  data: string;
}

/**
 * A collapsed group's line, the same on every page of the version: made once. A crude bound
 * (cleared when full), as a portal's groups fit many times over.
 */
const CLOSED_GROUPS = new Map<string, SafeHtml>();

function closedGroup(section: string, name: string, count: SafeHtml): SafeHtml {
  const key = `${section}\u0000${name}\u0000${count.value}`;
  let line = CLOSED_GROUPS.get(key);
  if (!line) {
    if (CLOSED_GROUPS.size >= 10_000) CLOSED_GROUPS.clear();
    CLOSED_GROUPS.set(key, (line = html`<li><a href="${section}">${name}</a> ${count}</li>`));
  }
  return line;
}

/** The sidebar's markup. Operation pages live at `<overview><slug>/`. */
export function renderReferenceNav(nav: ReferenceNav, links: NavLinks, current?: string): string {
  const item = (op: NavOperation) =>
    html`<li><a href="${links.overview}${op.slug}/"${op.slug === current ? html` aria-current="page"` : ''}><span class="method method--${op.method}">${op.badge}</span> ${op.label}</a></li>`;
  let body: SafeHtml;
  if (nav.kind === 'flat') body = html`<ul class="ref-nav-ops">${nav.operations.map(item)}</ul>`;
  else {
    const groups = nav.groups.map((group) => {
      // Short markup on purpose: a spec may have a hundred tags, each on every page.
      const count = html`<small>${group.count}</small>`;
      const section = `${links.overview}#${group.anchor}`;
      if (!group.open) return closedGroup(section, group.name, count);
      const more = group.before + group.after > 0 ? html`<a class="ref-nav-more" href="${section}">All ${group.count} in ${group.name}</a>` : '';
      return html`<li><details open><summary>${group.name} ${count}</summary><ul class="ref-nav-ops">${group.operations.map(item)}</ul>${more}</details></li>`;
    });
    body = html`<ul class="ref-nav-groups" data-nav-src="${links.data}" data-nav-base="${links.overview}">${groups}</ul>`;
  }
  // The filter box is shown by the client script (it filters in place, and a large spec's groups from nav.json).
  return html`<nav aria-label="${links.label}"><h2>${links.heading}</h2><input type="search" class="ref-nav-filter" aria-label="Filter operations" placeholder="Filter operations" hidden data-nav-filter><ul><li><a href="${links.overview}"${
    current === undefined ? html` aria-current="page"` : ''
  }>Overview</a></li><li><a href="${links.version}">Environments and downloads</a></li></ul>${body}</nav>`.value;
}
