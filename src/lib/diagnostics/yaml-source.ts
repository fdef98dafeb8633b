/**
 * YAML text parsed with its positions kept, so that every later check (schema, rules)
 * can point at the exact `line:col` of the key or value it complains about.
 *
 * Positions come from the parser's node ranges (character offsets) turned into lines by a
 * `LineCounter`; nothing is re-scanned by hand. `lineOffset` shifts every line, for YAML
 * embedded in another file (markdown frontmatter starts on line 2).
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node, Pair, YAMLError } from 'yaml';
import type { Diagnostic, Position } from './diagnostic.ts';
import { findTooDeep, tooDeepMessage } from './nesting.ts';
import { toRefPointer } from '../openapi/json-pointer.ts';

/** A path of mapping keys and list indexes, as Zod reports it: `['gateway_services', 0, 'service']`. */
export type KeyPath = readonly (string | number)[];

/** Which end of a `key: value` pair to point at. */
export type LocateTarget = 'key' | 'value';

export interface YamlSource {
  /** File relative to the content folder, used in diagnostics. */
  file: string;
  text: string;
  doc: Document.Parsed;
  /**
   * The plain JavaScript value (`undefined` for an empty document). When the parser found
   * errors this is its best-effort reading and should not be validated further.
   */
  value: unknown;
  /** YAML syntax errors (and duplicate keys) as errors, parser warnings as warnings. */
  diagnostics: Diagnostic[];
  /** True when the text parsed without errors. */
  ok: boolean;
  /**
   * Position of the node at `path`, or of the nearest node that exists on the way there:
   * - `target: 'key'` points at the key of the last segment (for unknown or extra keys);
   * - `target: 'value'` (default) points at the value (for wrong values), or at the key
   *   when the value is empty (`sunset:` with nothing after it);
   * - a path that does not exist (a missing required key) points at its parent mapping:
   *   the key that opens it, or the mapping itself for list items and the document root.
   */
  locate(path: KeyPath, target?: LocateTarget): Position;
  /** The value's text exactly as written (`1.10`, not `1.1`), for scalars only. */
  sourceText(path: KeyPath): string | undefined;
}

export interface ParseYamlOptions {
  /** Lines before the YAML text in its file (1 for frontmatter after the opening `---`). */
  lineOffset?: number;
}

export function parseYamlSource(text: string, file: string, options: ParseYamlOptions = {}): YamlSource {
  const lineOffset = options.lineOffset ?? 0;
  const lineCounter = new LineCounter();
  // `prettyErrors: false` keeps the parser's own one-line messages; positions are computed
  // below from the same LineCounter so they match node positions exactly.
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });

  const position = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + lineOffset, column: col };
  };

  const diagnostics: Diagnostic[] = [];
  for (const error of doc.errors) diagnostics.push(yamlErrorDiagnostic(error, 'error', text, file, position));
  for (const warning of doc.warnings) diagnostics.push(yamlErrorDiagnostic(warning, 'warning', text, file, position));

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 }) ?? undefined;
  } catch (error) {
    // Unresolvable aliases and alias bombs fail here, not in the parser.
    diagnostics.push({
      severity: 'error',
      code: 'yaml-syntax',
      message: `invalid YAML: ${(error as Error).message}`,
      file,
      ...position(0),
    });
    value = undefined;
  }

  const locate = (path: KeyPath, target: LocateTarget = 'value'): Position => {
    const found = walk(doc.contents as Node | null, path);
    return position(offsetOf(found, path.length, target));
  };

  // Refused before any reader recurses into it (see nesting.ts). The parser itself gives up
  // on very deep text with "Maximum call stack size exceeded"; one error says it all.
  const tooDeep = findTooDeep(value);
  const overflows = diagnostics.filter((d) => d.code === 'nesting-depth');
  if (tooDeep) {
    const at = locate(tooDeep.map((segment) => (/^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment)));
    for (const d of overflows) diagnostics.splice(diagnostics.indexOf(d), 1);
    diagnostics.push({ severity: 'error', code: 'nesting-depth', message: tooDeepMessage(), file, ...at, pointer: toRefPointer(tooDeep) });
    value = undefined;
  } else if (overflows.length > 1) {
    for (const d of overflows.slice(1)) diagnostics.splice(diagnostics.indexOf(d), 1);
  }

  const sourceText = (path: KeyPath): string | undefined => {
    const found = walk(doc.contents as Node | null, path);
    if (found.depth !== path.length || !isScalar(found.node)) return undefined;
    const source = (found.node as { source?: unknown }).source;
    return typeof source === 'string' ? source : undefined;
  };

  return { file, text, doc, value, diagnostics, ok: doc.errors.length === 0 && !diagnostics.some((d) => d.severity === 'error'), locate, sourceText };
}

interface WalkResult {
  /** Deepest node reached. */
  node: Node | null;
  /** The pair whose value `node` is, when it is a mapping value. */
  pair: Pair | undefined;
  /** How many path segments were matched. */
  depth: number;
}

function walk(root: Node | null, path: KeyPath): WalkResult {
  let result: WalkResult = { node: root, pair: undefined, depth: 0 };
  for (const segment of path) {
    const { node } = result;
    if (isMap(node)) {
      const pair = node.items.find((p) => keyText(p) === String(segment));
      if (!pair) break;
      result = { node: (pair.value as Node | null) ?? null, pair, depth: result.depth + 1 };
    } else if (isSeq(node) && typeof segment === 'number' && segment >= 0 && segment < node.items.length) {
      result = { node: node.items[segment] as Node, pair: undefined, depth: result.depth + 1 };
    } else {
      break;
    }
  }
  return result;
}

function keyText(pair: Pair): string | undefined {
  const key = pair.key;
  if (isScalar(key)) return String(key.value);
  return undefined;
}

function offsetOf(found: WalkResult, wanted: number, target: LocateTarget): number {
  const { node, pair } = found;
  const keyOffset = pair && isScalar(pair.key) && pair.key.range ? pair.key.range[0] : undefined;
  const nodeOffset = node?.range ? node.range[0] : undefined;
  const complete = found.depth === wanted;

  if (complete && target === 'key' && keyOffset !== undefined) return keyOffset;
  if (!complete && keyOffset !== undefined) return keyOffset; // missing key: the parent's key
  // An empty value (`key:`) has a zero-width range at the end of the line; the key reads better.
  const empty = !node || (isScalar(node) && node.value === null && (node as { source?: string }).source === '');
  if (empty && keyOffset !== undefined) return keyOffset;
  return nodeOffset ?? 0;
}

function yamlErrorDiagnostic(
  error: YAMLError,
  severity: Diagnostic['severity'],
  text: string,
  file: string,
  position: (offset: number) => Position,
): Diagnostic {
  const at = position(error.pos[0]);
  if (error.code === 'DUPLICATE_KEY') {
    const key = keyAt(text, error.pos[0]);
    return {
      severity,
      code: 'duplicate-key',
      message: `duplicate key${key ? ` \`${key}\`` : ''}; each key may appear only once in a mapping, remove or rename one of them`,
      file,
      ...at,
    };
  }
  const detail = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  if (/call stack/i.test(detail)) return { severity, code: 'nesting-depth', message: tooDeepMessage(), file, ...at };
  return {
    severity,
    code: severity === 'error' ? 'yaml-syntax' : 'yaml-warning',
    message: `${severity === 'error' ? 'invalid YAML' : 'YAML'}: ${detail}`,
    file,
    ...at,
  };
}

/** The key text starting at `offset`, for the duplicate-key message. */
function keyAt(text: string, offset: number): string | undefined {
  const rest = text.slice(offset, offset + 200).split('\n')[0];
  const quoted = /^(["'])(.*?)\1\s*:/.exec(rest);
  if (quoted) return quoted[2];
  const plain = /^([^:#]+?)\s*:(\s|$)/.exec(rest);
  return plain?.[1];
}
