/**
 * One spec file as parsed text: its value plus a way back from JSON pointers to the
 * line and column they were written at, so every later check can point at the source.
 *
 * JSON is parsed with `JSON.parse` (fast on 13 MB specs) and located on demand with a
 * scanner; YAML keeps its parser positions through the shared `parseYamlSource`.
 */
import type { Diagnostic, Position } from '../diagnostics/diagnostic.ts';
import { findTooDeep, tooDeepMessage } from '../diagnostics/nesting.ts';
import { parseYamlSource } from '../diagnostics/yaml-source.ts';
import { createLineIndex, jsonSyntaxErrorOffset, locateJsonPointers } from './json-locate.ts';
import { toRefPointer, type Segments } from './json-pointer.ts';

export interface SourceDocument {
  /** File relative to the content folder, POSIX separators. */
  file: string;
  /** The parsed value; `undefined` when the text could not be parsed. */
  value: unknown;
  /** Positions of several pointers at once (one scan for JSON). */
  locate(pointers: readonly Segments[]): Position[];
}

export interface ParsedSource {
  document: SourceDocument;
  /** Syntax errors (the file cannot be used) and warnings (it can). */
  diagnostics: Diagnostic[];
}

/** Parses YAML or JSON (a `.json` file, or any text starting with `{` or `[`). */
export function parseSource(text: string, file: string): ParsedSource {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const first = /\S/.exec(body)?.[0];
  const looksJson = first === '{' || first === '[';
  const isJsonFile = /\.json$/i.test(file);
  if (looksJson || isJsonFile) {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch (error) {
      // A `.json` file must be JSON. Other files that merely start with `{` may be YAML
      // flow syntax (comments, unquoted keys), so they get a second chance as YAML.
      if (!isJsonFile) return yamlDocument(text, file);
      const offset = jsonSyntaxErrorOffset(text) ?? text.length;
      const detail = (error as Error).message.split('\n')[0].replace(/ in JSON at position \d+.*$/, '').replace(/^(Unexpected token '.+?'),.*$/s, '$1');
      return {
        document: { file, value: undefined, locate: (ps) => ps.map(() => ({ line: 1, column: 1 })) },
        diagnostics: [{ severity: 'error', code: 'spec-parse', message: `invalid JSON: ${detail}`, file, ...createLineIndex(text)(offset) }],
      };
    }
    const document = jsonDocument(text, value, file);
    // Refused before the validator and renderers recurse into it (see nesting.ts).
    const tooDeep = findTooDeep(value);
    if (!tooDeep) return { document, diagnostics: [] };
    const [at] = document.locate([tooDeep]);
    return {
      document: { ...document, value: undefined },
      diagnostics: [{ severity: 'error', code: 'nesting-depth', message: tooDeepMessage(), file, ...at!, pointer: toRefPointer(tooDeep) }],
    };
  }
  return yamlDocument(text, file);
}

function jsonDocument(text: string, value: unknown, file: string): SourceDocument {
  const position = createLineIndex(text);
  return {
    file,
    value,
    locate: (pointers) => locateJsonPointers(text, pointers).map(position),
  };
}

function yamlDocument(text: string, file: string): ParsedSource {
  const source = parseYamlSource(text, file);
  const diagnostics = source.diagnostics.map((d): Diagnostic =>
    // Duplicate keys are sloppy but renderable (the parser keeps the first); DESIGN §9
    // lets such specs build with a warning.
    d.code === 'duplicate-key' ? { ...d, severity: 'warning' } : { ...d, code: d.severity === 'error' ? 'spec-parse' : d.code },
  );
  const unusable = diagnostics.some((d) => d.severity === 'error');
  let value = unusable ? undefined : source.value;
  if (value !== undefined && text.includes('*') && isCyclic(value)) {
    diagnostics.push({
      severity: 'error',
      code: 'spec-parse',
      message: 'a YAML alias refers to a node that contains it, which makes the document infinite; use a `$ref` for recursive structures',
      file,
      line: 1,
      column: 1,
    });
    value = undefined;
  }
  return {
    document: {
      file,
      value,
      locate: (pointers) => pointers.map((segments) => source.locate(segments.map(keyOrIndex), 'key')),
    },
    diagnostics,
  };
}

/** yaml-source walks sequences only with numeric segments; mapping keys compare as text either way. */
function keyOrIndex(segment: string): string | number {
  return /^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment;
}

/** Whether an object graph (from YAML aliases) contains itself. */
function isCyclic(root: unknown): boolean {
  const onPath = new Set<object>();
  const done = new Set<object>();
  const visit = (node: unknown): boolean => {
    if (node === null || typeof node !== 'object') return false;
    if (onPath.has(node)) return true;
    if (done.has(node)) return false;
    onPath.add(node);
    for (const child of Object.values(node)) if (visit(child)) return true;
    onPath.delete(node);
    done.add(node);
    return false;
  };
  return visit(root);
}
