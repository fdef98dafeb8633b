/**
 * Setting one value in a YAML file while leaving every other byte as it was.
 *
 * Re-printing a whole `yaml` Document keeps comments and key order, but re-wraps folded
 * text, re-indents lists and re-spaces comments all over the file: noisy diffs in a repo
 * where people review content changes. So the edit is made twice:
 *
 * 1. on the Document with the `yaml` API (`setIn`, new keys placed in the schema's order) —
 *    this is the reference result;
 * 2. as a minimal splice of the text at the node positions the parser reports: a scalar
 *    is replaced in place, a new key becomes new lines after its predecessor, a list item
 *    is appended after the last one.
 *
 * The splice is used only when its parse equals the reference (same data); otherwise the
 * whole Document is re-printed. Either way the data written is exactly what the Document
 * API produced. A flow collection (`[]`, `{ a: 1 }`) or an empty value on the path is
 * rewritten as a block, since the new lines have to go somewhere.
 */
import { isDeepStrictEqual } from 'node:util';
import { Document, isMap, isScalar, isSeq, Pair, parseDocument, Scalar, YAMLMap } from 'yaml';
import type { Node, YAMLSeq } from 'yaml';

/** Mapping keys and list indexes from the document root, e.g. `['gateway_services', 1, 'service']`. */
export type EditPath = readonly (string | number)[];

/** The keys of the mapping at `mapPath` in their preferred order; new keys go after their nearest predecessor. */
export type KeyOrder = (mapPath: EditPath) => readonly string[];

/** Strings longer than this are written as folded blocks (`>-`) when they get lines of their own. */
const FOLD_AFTER = 72;

/**
 * `text` with the value at `path` set to `value` (a plain JavaScript value). Intermediate
 * mappings are created as needed; an index equal to a list's length appends to it.
 * The text must be valid YAML (check with `parseYamlSource` first).
 */
export function setYamlValue(text: string, path: EditPath, value: unknown, keyOrder: KeyOrder = () => []): string {
  if (path.length === 0) throw new Error('setYamlValue: empty path');
  const reference = parseStrict(text);
  setInDocument(reference, path, value, keyOrder);
  const expected = reference.toJS();

  const spliced = spliceEdit(text, parseStrict(text), reference, path, value, keyOrder);
  if (spliced !== undefined) {
    const result = text.includes('\r\n') ? spliced.replace(/\r?\n/g, '\r\n') : spliced;
    if (sameData(result, expected)) return result;
  }
  return reference.toString();
}

/**
 * The Document edit: like yaml's `setIn`, but a scalar (or empty value) in the way of the
 * path is replaced by the mapping or list the path needs, and a newly created key is moved
 * to its place in `keyOrder` instead of the end of its mapping.
 */
function setInDocument(doc: Document.Parsed, path: EditPath, value: unknown, keyOrder: KeyOrder): void {
  if (!isMap(doc.contents) && !isSeq(doc.contents)) {
    doc.contents = toNode(doc, nestedValue(path, value)) as Document.Parsed['contents'];
    return;
  }
  let node: YAMLMap | YAMLSeq = doc.contents;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const rest = path.slice(i + 1);
    const child = node.get(segment as never, true) as unknown;
    const created = child === undefined && isMap(node);
    if (rest.length === 0 || child === undefined || !(isMap(child) || isSeq(child))) {
      // Scalars are updated in place (their comments stay); anything else becomes a new node.
      const replacement = rest.length === 0 && isScalarValue(value) && isScalar(child) ? value : toNode(doc, nestedValue(rest, value));
      node.set(segment as never, replacement);
      if (created) placeKey(node as YAMLMap, String(segment), keyOrder(path.slice(0, i)));
      return;
    }
    node = child;
  }
}

/** Moves the pair `key` of `map` right after the nearest key that precedes it in `order`. */
function placeKey(map: YAMLMap, key: string, order: readonly string[]): void {
  const from = map.items.findIndex((pair) => keyOf(pair) === key);
  if (from < 0) return;
  const [pair] = map.items.splice(from, 1);
  map.items.splice(insertionIndex(map.items.map(keyOf), key, order), 0, pair);
}

/**
 * Where a new `key` goes among `keys`: after the last key that comes before it in `order`;
 * before the first key that comes after it when none comes before; at the end otherwise
 * (and for keys `order` does not know).
 */
function insertionIndex(keys: readonly (string | undefined)[], key: string, order: readonly string[]): number {
  const rank = order.indexOf(key);
  if (rank < 0) return keys.length;
  let after = -1;
  keys.forEach((k, i) => {
    const r = k === undefined ? -1 : order.indexOf(k);
    if (r >= 0 && r < rank) after = i;
  });
  if (after >= 0) return after + 1;
  const before = keys.findIndex((k) => k !== undefined && order.indexOf(k) > rank);
  return before >= 0 ? before : keys.length;
}

// ---------------------------------------------------------------------------------------------
// The minimal text splice.

function spliceEdit(
  text: string,
  doc: Document.Parsed,
  reference: Document.Parsed,
  path: EditPath,
  value: unknown,
  keyOrder: KeyOrder,
): string | undefined {
  const root = doc.contents as Node | null;
  if (root === null || (isScalar(root) && root.value === null)) return appendToEmptyDocument(text, path, value);

  let node: Node = root;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const last = i === path.length - 1;
    if (isMap(node) && !node.flow) {
      const pair = node.items.find((p) => keyOf(p) === String(segment));
      if (!pair) return insertPair(text, node, path.slice(0, i), String(segment), nestedValue(path.slice(i + 1), value), keyOrder);
      const child = pair.value as Node | null;
      if (last) return replacePairValue(text, pair, value);
      // A flow collection or a scalar on the way: rewrite this pair with its new value, in block style.
      if (!child || !isCollectionWithLines(child)) return replacePairValue(text, pair, plainValueAt(reference, path.slice(0, i + 1)));
      node = child;
    } else if (isSeq(node) && !node.flow && typeof segment === 'number') {
      if (segment === node.items.length) return appendItem(text, node, nestedValue(path.slice(i + 1), value));
      if (last || segment > node.items.length) return undefined;
      node = node.items[segment] as Node;
    } else {
      return undefined;
    }
  }
  return undefined;
}

function plainValueAt(doc: Document.Parsed, path: EditPath): unknown {
  const node = doc.getIn(path, true) as unknown;
  return node && typeof node === 'object' && 'toJSON' in node ? (node as { toJSON(): unknown }).toJSON() : node;
}

/** `{ a: { b: value } }` for the path segments still missing (lists for numeric segments). */
function nestedValue(rest: EditPath, value: unknown): unknown {
  return rest.reduceRight<unknown>((inner, segment) => (typeof segment === 'number' ? [inner] : { [segment]: inner }), value);
}

function appendToEmptyDocument(text: string, path: EditPath, value: unknown): string | undefined {
  if (typeof path[0] !== 'string') return undefined;
  const pair = renderPair(path[0], nestedValue(path.slice(1), value), 0);
  if (text.trim() === '') return pair;
  return `${text}${text.endsWith('\n') ? '' : '\n'}${pair}`;
}

function replacePairValue(text: string, pair: Pair, value: unknown): string | undefined {
  const key = pair.key as Node;
  const current = pair.value as Node | null;
  if (!key?.range) return undefined;

  // A one-line scalar replaced by a one-line scalar: change just those characters.
  if (current && isScalar(current) && current.range && isOneLineScalar(current) && isScalarValue(value)) {
    const rendered = renderScalar(value, current.type);
    if (!rendered.includes('\n')) {
      const [start, end] = current.range;
      const gap = text[start - 1] === ':' ? ' ' : ''; // `key:` with an empty value
      return splice(text, start, end, gap + rendered);
    }
  }

  // Anything else (block text, flow collections, a change of type): rewrite the pair's lines.
  const valueEnd = current?.range ? current.range[1] : key.range[1];
  const end = lineEndAfter(text, valueEnd);
  const trailing = current && !isCollectionWithLines(current) ? trailingComment(text, valueEnd, end) : '';
  const rendered = renderPair(String(keyOf(pair)), value, columnOf(text, key.range[0]));
  const firstLine = rendered.trimStart();
  const withComment = trailing && !firstLine.trimEnd().includes('\n') ? `${firstLine.trimEnd()} ${trailing}\n` : firstLine;
  return splice(text, key.range[0], end, withComment);
}

function insertPair(text: string, map: YAMLMap, mapPath: EditPath, key: string, value: unknown, keyOrder: KeyOrder): string | undefined {
  const first = map.items[0]?.key as Node | undefined;
  if (!first?.range) return undefined;
  const indent = columnOf(text, first.range[0]);
  const keys = map.items.map(keyOf);
  const index = insertionIndex(keys, key, keyOrder(mapPath));

  let at: number;
  if (index === 0) {
    at = startOfLeadingComments(text, first);
  } else if (index < map.items.length) {
    at = pairEnd(text, map.items[index - 1]);
  } else {
    // After the last pair, and after comments that close the mapping (they describe what
    // the file is missing, so a new key reads best below them).
    at = afterClosingComments(text, pairEnd(text, map.items[map.items.length - 1]), indent);
  }
  if (at < 0) return undefined;
  const prefix = at > 0 && text[at - 1] !== '\n' ? '\n' : '';
  return splice(text, at, at, prefix + renderPair(key, value, indent));
}

function appendItem(text: string, seq: YAMLSeq, value: unknown): string | undefined {
  if (!seq.range || seq.items.length === 0) return undefined;
  const indent = columnOf(text, seq.range[0]);
  const at = lineEndAfter(text, seq.range[1]);
  const rendered = new Document([toNode(new Document(), value)]).toString();
  const prefix = at > 0 && text[at - 1] !== '\n' ? '\n' : '';
  return splice(text, at, at, prefix + indentLines(rendered, indent));
}

// ---------------------------------------------------------------------------------------------
// Positions.

/** Offset of the start of the line after the pair's value (block collections include their trailing comments). */
function pairEnd(text: string, pair: Pair): number {
  const value = pair.value as Node | null;
  const key = pair.key as Node;
  const end = value?.range ? value.range[1] : key?.range ? key.range[1] : -1;
  return end < 0 ? -1 : lineEndAfter(text, end);
}

/** `offset` when it starts a line, else the start of the next line (or the end of the text). */
function lineEndAfter(text: string, offset: number): number {
  if (offset === 0 || text[offset - 1] === '\n') return offset;
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/**
 * Start of the comment lines directly above a key (they describe it, so a key inserted
 * before it goes above them) — unless they open the file, where they describe the file.
 */
function startOfLeadingComments(text: string, key: Node): number {
  if (!key.range) return -1;
  const keyLine = lineStart(text, key.range[0]);
  let at = keyLine;
  while (at > 0) {
    const previous = lineStart(text, at - 1);
    if (!/^\s*#/.test(text.slice(previous, at))) break;
    at = previous;
  }
  return at === 0 ? keyLine : at;
}

/** Past comment lines (and blank lines between them) indented at least `indent`, from `offset` on. */
function afterClosingComments(text: string, offset: number, indent: number): number {
  let at = offset;
  let cursor = offset;
  while (cursor < text.length) {
    const end = lineEndAfter(text, cursor + 1);
    const line = text.slice(cursor, end);
    if (/^\s*$/.test(line)) {
      cursor = end;
      continue;
    }
    const comment = /^( *)#/.exec(line);
    if (!comment || comment[1].length < indent) break;
    cursor = end;
    at = end;
  }
  return at;
}

/** A `# comment` after a value on the same line, kept when the value is rewritten. */
function trailingComment(text: string, from: number, lineEnd: number): string {
  const rest = text.slice(from, lineEnd);
  const match = /^[ \t]*(#.*?)\s*$/.exec(rest);
  return match ? match[1] : '';
}

function isCollectionWithLines(node: Node): boolean {
  return (isMap(node) || isSeq(node)) && !node.flow;
}

function isOneLineScalar(node: Scalar): boolean {
  return node.type !== Scalar.BLOCK_FOLDED && node.type !== Scalar.BLOCK_LITERAL && !String(node.source ?? '').includes('\n');
}

// ---------------------------------------------------------------------------------------------
// Rendering new text.

function isScalarValue(value: unknown): value is string | number | boolean | null {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** A scalar as YAML on one line, in the quoting style the old value used when that still reads the same. */
function renderScalar(value: string | number | boolean | null, type: Scalar['type']): string {
  const scalar = new Scalar(value);
  if (typeof value === 'string' && (type === Scalar.QUOTE_DOUBLE || type === Scalar.QUOTE_SINGLE)) scalar.type = type;
  return new Document(scalar).toString({ lineWidth: 0 }).trimEnd();
}

/** `key: value` as YAML at column 0, ending with a newline: quoted where needed, long text folded. For new files. */
export function renderYamlPair(key: string, value: unknown): string {
  return renderPair(key, value, 0);
}

/** `key: value` lines at `indent` (the first line too), ending with a newline. */
function renderPair(key: string, value: unknown, indent: number): string {
  const doc = new Document();
  const map = new YAMLMap();
  map.items.push(new Pair(doc.createNode(key), toNode(doc, value)));
  doc.contents = map;
  return indentLines(doc.toString(), indent);
}

/** A value as a Document node; long one-line strings become folded blocks so they wrap readably. */
function toNode(doc: Document, value: unknown): unknown {
  if (typeof value === 'string' && value.length > FOLD_AFTER && !value.includes('\n')) {
    const scalar = new Scalar(value);
    scalar.type = Scalar.BLOCK_FOLDED;
    return scalar;
  }
  if (Array.isArray(value)) {
    const node = doc.createNode(value.map((item) => toNode(doc, item))) as YAMLSeq;
    node.flow = false;
    return node;
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Scalar) && !(value instanceof Date)) {
    const map = new YAMLMap();
    for (const [k, v] of Object.entries(value)) map.items.push(new Pair(doc.createNode(k), toNode(doc, v)));
    return map;
  }
  return value instanceof Scalar ? value : doc.createNode(value);
}

function indentLines(rendered: string, indent: number): string {
  const pad = ' '.repeat(indent);
  return rendered
    .split('\n')
    .map((line) => (line === '' ? line : pad + line))
    .join('\n');
}

// ---------------------------------------------------------------------------------------------

function parseStrict(text: string): Document.Parsed {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) throw new Error(`setYamlValue: the text is not valid YAML (${doc.errors[0].message.split('\n')[0]})`);
  return doc;
}

function sameData(text: string, expected: unknown): boolean {
  const doc = parseDocument(text, { uniqueKeys: true });
  return doc.errors.length === 0 && isDeepStrictEqual(doc.toJS(), expected);
}

function keyOf(pair: Pair): string | undefined {
  const key = pair.key;
  if (isScalar(key)) return String(key.value);
  return typeof key === 'string' ? key : undefined;
}

function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}
