import { describe, expect, it } from 'vitest';
import { parseYamlSource } from '../../../src/lib/diagnostics/yaml-source.ts';

const TEXT = [
  'name: Flights', //            line 1
  'contact:', //                 line 2
  '  email: team@example.com', // line 3
  'empty:', //                   line 4
  'gateway_services:', //        line 5
  '  - control_plane: prod', //  line 6
  '    service: flights', //     line 7
  'version: 1.10', //            line 8
  '',
].join('\n');

describe('parseYamlSource', () => {
  const source = parseYamlSource(TEXT, 'x.yaml');

  it('gives the plain value and no diagnostics for valid YAML', () => {
    expect(source.ok).toBe(true);
    expect(source.diagnostics).toEqual([]);
    expect(source.value).toMatchObject({ name: 'Flights', contact: { email: 'team@example.com' }, empty: null, version: 1.1 });
  });

  it('locates values, keys, list items', () => {
    expect(source.locate(['name'])).toEqual({ line: 1, column: 7 });
    expect(source.locate(['name'], 'key')).toEqual({ line: 1, column: 1 });
    expect(source.locate(['contact', 'email'])).toEqual({ line: 3, column: 10 });
    expect(source.locate(['gateway_services', 0])).toEqual({ line: 6, column: 5 });
    expect(source.locate(['gateway_services', 0, 'service'])).toEqual({ line: 7, column: 14 });
    expect(source.locate(['gateway_services', 0, 'service'], 'key')).toEqual({ line: 7, column: 5 });
  });

  it('points at the key of an empty value', () => {
    expect(source.locate(['empty'])).toEqual({ line: 4, column: 1 });
  });

  it('points at the nearest parent for a path that does not exist', () => {
    expect(source.locate(['contact', 'name'])).toEqual({ line: 2, column: 1 });
    expect(source.locate(['gateway_services', 0, 'missing'])).toEqual({ line: 6, column: 5 });
    expect(source.locate(['gateway_services', 5])).toEqual({ line: 5, column: 1 });
    expect(source.locate(['nothing'])).toEqual({ line: 1, column: 1 });
  });

  it('keeps the source text of scalars', () => {
    expect(source.sourceText(['version'])).toBe('1.10');
    expect(source.sourceText(['contact'])).toBeUndefined();
  });

  it('shifts lines by lineOffset (frontmatter)', () => {
    const shifted = parseYamlSource('title: A\norder: x\n', 'doc.md', { lineOffset: 1 });
    expect(shifted.locate(['order'])).toEqual({ line: 3, column: 8 });
    const broken = parseYamlSource('title: "A\n', 'doc.md', { lineOffset: 1 });
    expect(broken.diagnostics[0]).toMatchObject({ file: 'doc.md', line: 3, column: 1 });
  });

  it('reports syntax errors with the parser position', () => {
    const broken = parseYamlSource('a: 1\nb: [1, 2\nc: 3\n', 'bad.yaml');
    expect(broken.ok).toBe(false);
    expect(broken.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'yaml-syntax',
        message: 'invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
        file: 'bad.yaml',
        line: 3,
        column: 1,
      },
    ]);
  });

  it('reports duplicate keys by name, quoted or not', () => {
    const dup = parseYamlSource('a: 1\n"a": 2\nb:\n  c: 1\n  c: 2\n', 'dup.yaml');
    expect(dup.diagnostics.map((d) => [d.code, d.line, d.column, d.message.split(';')[0]])).toEqual([
      ['duplicate-key', 2, 1, 'duplicate key `a`'],
      ['duplicate-key', 5, 3, 'duplicate key `c`'],
    ]);
  });

  it('reports unresolved aliases and several documents instead of throwing', () => {
    const alias = parseYamlSource('a: *missing\n', 'alias.yaml');
    expect(alias.ok).toBe(false);
    expect(alias.diagnostics.map((d) => d.severity)).toContain('error');
    const docs = parseYamlSource('a: 1\n---\nb: 2\n', 'docs.yaml');
    expect(docs.diagnostics[0]).toMatchObject({ code: 'yaml-syntax', line: 2, column: 1 });
  });

  it('refuses alias bombs', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]', ''].join('\n');
    const parsed = parseYamlSource(bomb, 'bomb.yaml');
    expect(parsed.ok).toBe(false);
    expect(parsed.value).toBeUndefined();
  });

  it('reads JSON with positions', () => {
    const json = parseYamlSource('{\n\t"_format_version": "3.0",\n\t"services": [{"name": "a"}]\n}\n', 'cp.json');
    expect(json.ok).toBe(true);
    expect(json.locate(['services', 0, 'name'])).toEqual({ line: 3, column: 24 });
  });

  it('treats an empty document as undefined located at 1:1', () => {
    const empty = parseYamlSource('# nothing\n', 'e.yaml');
    expect(empty.value).toBeUndefined();
    expect(empty.locate(['name'])).toEqual({ line: 1, column: 1 });
  });
});
