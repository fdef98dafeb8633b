/**
 * Splits a markdown file into its YAML frontmatter and body, keeping line numbers so that
 * errors in either point at the right line of the file.
 */

export interface FrontmatterSplit {
  /** The YAML between the fences, or undefined when the file has no frontmatter. */
  yaml: string | undefined;
  /** Lines of the file before the YAML text (the opening fence): add to YAML line numbers. */
  yamlLineOffset: number;
  /** Markdown after the closing fence (the whole file without frontmatter). */
  body: string;
  /** 1-based line of the file where `body` starts. */
  bodyLine: number;
  /** Set when an opening fence has no closing one. */
  unclosed: boolean;
}

const FENCE_OPEN = /^---[ \t]*$/;
const FENCE_CLOSE = /^(?:---|\.\.\.)[ \t]*$/;

export function splitFrontmatter(text: string): FrontmatterSplit {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = source.split(/\r?\n/);
  if (!FENCE_OPEN.test(lines[0] ?? '')) {
    return { yaml: undefined, yamlLineOffset: 0, body: source, bodyLine: 1, unclosed: false };
  }
  const close = lines.findIndex((line, i) => i > 0 && FENCE_CLOSE.test(line));
  if (close === -1) {
    return { yaml: undefined, yamlLineOffset: 1, body: source, bodyLine: 1, unclosed: true };
  }
  // Keep the body's own line endings: re-slice the original text after the closing fence.
  let offset = 0;
  for (let i = 0; i <= close; i++) {
    offset = source.indexOf('\n', offset);
    if (offset === -1) {
      offset = source.length;
      break;
    }
    offset += 1;
  }
  return {
    yaml: lines.slice(1, close).join('\n'),
    yamlLineOffset: 1,
    body: source.slice(offset),
    bodyLine: close + 2,
    unclosed: false,
  };
}
