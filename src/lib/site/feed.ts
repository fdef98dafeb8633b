/**
 * `feed.xml`: an Atom feed of version releases and deprecations, so consumers can follow an
 * API without polling the portal. Entries are dated only by dates written in the content
 * (`released`, `deprecation.sunset`), never by the build time, so output stays deterministic.
 */
import type { SiteModel } from './model.ts';
import { withBase } from './urls.ts';

interface FeedEntry {
  id: string;
  title: string;
  url: string;
  date: string;
  summary: string;
}

function xml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

// Every page's layout asks whether there is a feed to link; compute the entries once per model.
const computed = new WeakMap<SiteModel, FeedEntry[]>();

export function feedEntries(model: SiteModel): FeedEntry[] {
  let entries = computed.get(model);
  if (!entries) computed.set(model, (entries = collectEntries(model)));
  return entries;
}

function collectEntries(model: SiteModel): FeedEntry[] {
  const entries: FeedEntry[] = [];
  for (const product of model.products) {
    for (const version of product.versions) {
      const name = `${product.entry.name} ${version.entry.name}`;
      if (version.entry.released) {
        entries.push({
          id: `${product.entry.slug}/${version.entry.slug}/released`,
          title: `${name} released`,
          url: version.url,
          date: version.entry.released,
          summary: product.entry.description ?? name,
        });
      }
      const dep = version.entry.deprecation;
      if (version.entry.deprecated && dep?.sunset) {
        entries.push({
          id: `${product.entry.slug}/${version.entry.slug}/deprecated`,
          title: `${name} is deprecated (sunset ${dep.sunset})`,
          url: version.url,
          date: dep.sunset,
          summary: dep.message ?? `${name} is deprecated and stops working on ${dep.sunset}.`,
        });
      }
    }
  }
  return entries.sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
}

/** The Atom document, or undefined when no entry has a date (an Atom feed needs one). */
export function buildAtomFeed(model: SiteModel): string | undefined {
  const entries = feedEntries(model);
  if (entries.length === 0) return undefined;
  const abs = (path: string) => (model.site ?? '') + withBase(model.base, path);
  const tag = (id: string) => (model.site ? `${abs('/')}#${id}` : `urn:atrium:${id}`);
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <title>${xml(model.portal.title)}: API releases and deprecations</title>`,
    `  <id>${xml(tag('feed'))}</id>`,
    `  <updated>${entries[0]!.date}T00:00:00Z</updated>`,
    `  <link rel="alternate" href="${xml(abs('/'))}"/>`,
    `  <link rel="self" href="${xml(abs('/feed.xml'))}"/>`,
    ...entries.map((e) =>
      [
        '  <entry>',
        `    <id>${xml(tag(e.id))}</id>`,
        `    <title>${xml(e.title)}</title>`,
        `    <updated>${e.date}T00:00:00Z</updated>`,
        `    <link rel="alternate" href="${xml(abs(e.url))}"/>`,
        `    <summary>${xml(e.summary)}</summary>`,
        '  </entry>',
      ].join('\n'),
    ),
    '</feed>',
    '',
  ].join('\n');
}
