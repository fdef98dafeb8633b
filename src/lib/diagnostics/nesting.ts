/**
 * How deeply a parsed document (YAML or JSON) may nest. Parsers cope with any depth, but
 * much of what reads a document afterwards recurses (the OpenAPI schema validator, the
 * schema renderers, Zod): a spec nested ~500 levels deep overflowed the stack. So a document
 * deeper than MAX_NESTING_DEPTH is refused right after parsing, with the position and JSON
 * pointer of the first mapping or list beyond the limit, before anything recursive sees it.
 *
 * 256 levels of mappings and lists is far beyond hand-written content and generated specs
 * (Stripe's and GitHub's stay under 40), and well within what every later phase handles
 * (measured: the validator overflows between 500 and 1000 levels).
 */

export const MAX_NESTING_DEPTH = 256;

/** A path of mapping keys and list indexes (as strings) from the document root. */
export type NestingPath = string[];

/**
 * The path to the first mapping or list nested deeper than `limit` (the root one is level 1),
 * or undefined when the document stays within it. Iterative, so any depth is safe to test.
 * Shared values (YAML aliases) count where they are used, as every later reader sees them;
 * their depth is remembered so a value used many times is walked once. A value that
 * contains itself is not followed round (`isCyclic` in spec/source-document.ts reports it).
 */
export function findTooDeep(root: unknown, limit = MAX_NESTING_DEPTH): NestingPath | undefined {
  if (!isContainer(root)) return undefined;
  /** Height of a fully walked value: 1 for an empty or flat mapping/list. */
  const heights = new WeakMap<object, number>();
  const onPath = new Set<object>();
  interface Frame {
    node: object;
    /** Mapping keys; undefined for a list (walked by index, without building key strings). */
    keys: string[] | undefined;
    size: number;
    next: number;
    height: number;
  }
  const frames: Frame[] = [];
  const enter = (node: object) => {
    onPath.add(node);
    const keys = Array.isArray(node) ? undefined : Object.keys(node);
    frames.push({ node, keys, size: keys ? keys.length : (node as unknown[]).length, next: 0, height: 1 });
  };
  const keyAt = (frame: Frame, i: number) => (frame.keys ? frame.keys[i]! : String(i));
  enter(root);
  while (frames.length > 0) {
    // The newest frame is one level too deep: its path is the key each frame above it took.
    if (frames.length > limit) return frames.slice(0, -1).map((frame) => keyAt(frame, frame.next - 1));
    const top = frames[frames.length - 1]!;
    if (top.next < top.size) {
      const i = top.next++;
      const child = top.keys ? (top.node as Record<string, unknown>)[top.keys[i]!] : (top.node as unknown[])[i];
      if (!isContainer(child) || onPath.has(child)) continue;
      const known = heights.get(child);
      // Walked before and fits here too: nothing new below it.
      if (known !== undefined && frames.length + known <= limit) {
        top.height = Math.max(top.height, known + 1);
        continue;
      }
      enter(child);
      continue;
    }
    frames.pop();
    onPath.delete(top.node);
    heights.set(top.node, top.height);
    const parent = frames[frames.length - 1];
    if (parent) parent.height = Math.max(parent.height, top.height + 1);
  }
  return undefined;
}

/** The message for a document that nests too deeply (any YAML or JSON file Atrium reads). */
export function tooDeepMessage(limit = MAX_NESTING_DEPTH): string {
  return (
    `nested more than ${limit} levels deep (mappings and lists inside each other), deeper than Atrium reads; ` +
    'flatten the structure (in a spec, move parts into components and refer to them with `$ref`)'
  );
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
