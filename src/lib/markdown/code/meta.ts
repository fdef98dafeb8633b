/**
 * The info string after a fence's language: ```ts title="client.ts" {3-4,7}
 * `title` may use double or single quotes; `{…}` lists 1-based lines and ranges to
 * highlight. Anything else is ignored, so a typo never fails a build.
 */
export interface CodeMeta {
  title?: string;
  highlight: Set<number>;
}

const TITLE = /(?:^|\s)title=(?:"([^"]*)"|'([^']*)')/;
const RANGES = /\{([\d\s,-]+)\}/;

export function parseCodeMeta(meta: string | undefined): CodeMeta {
  const out: CodeMeta = { highlight: new Set() };
  if (!meta) return out;
  const title = TITLE.exec(meta);
  if (title) out.title = title[1] ?? title[2];
  const ranges = RANGES.exec(meta.replace(TITLE, ' '));
  if (ranges) {
    for (const part of ranges[1]!.split(',')) {
      const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
      if (!m) continue;
      const from = Number(m[1]);
      const to = m[2] ? Number(m[2]) : from;
      // Cap the range so `{1-99999999}` can't allocate millions of entries.
      for (let line = from; line <= Math.min(to, from + 10_000); line++) out.highlight.add(line);
    }
  }
  return out;
}
