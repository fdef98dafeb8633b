/** The "On this page" list: h2 sections with their h3 subsections. */
import type { Heading } from './types.ts';

export interface TocEntry extends Heading {
  children: Heading[];
}

export function tableOfContents(headings: readonly Heading[]): TocEntry[] {
  const toc: TocEntry[] = [];
  for (const heading of headings) {
    if (heading.depth === 2) toc.push({ ...heading, children: [] });
    else if (heading.depth === 3) {
      const parent = toc.at(-1);
      if (parent) parent.children.push(heading);
      else toc.push({ ...heading, children: [] }); // an h3 before any h2 still gets listed
    }
  }
  return toc;
}
