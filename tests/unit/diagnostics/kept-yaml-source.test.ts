/**
 * Parsed decK files kept across builds (src/lib/diagnostics/kept-yaml-source.ts): what a later
 * build reads back is what parsing gives — the value, the diagnostics with their positions,
 * `ok`, and on demand the positions of any key and the text of any scalar — on Kong's own decK
 * files and on broken ones; an edited text, another file name or other code parses again.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keptYamlParser } from '../../../src/lib/diagnostics/kept-yaml-source.ts';
import { parseYamlSource, type YamlSource } from '../../../src/lib/diagnostics/yaml-source.ts';
import { parseControlPlane } from '../../../src/lib/content/parse-control-plane.ts';
import { SHARED } from '../content/helpers.ts';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'atrium-kept-yaml-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const entries = async () => {
  const folders = await fs.readdir(path.join(dir, 'yaml-sources')).catch(() => [] as string[]);
  return (await Promise.all(folders.map((f) => fs.readdir(path.join(dir, 'yaml-sources', f))))).flat().length;
};

const seen = (source: YamlSource) => ({ value: source.value, diagnostics: source.diagnostics, ok: source.ok });

const BROKEN = [
  ['duplicate key', '_format_version: "3.0"\nservices:\n- name: a\n  name: b\n'],
  ['bad syntax', '_format_version: "3.0"\nservices: [\n'],
  ['unquoted format past 3.0', '_format_version: 3.10\nservices: []\n'],
  ['unquoted 3.0', '_format_version: 3.0\nservices: []\n'],
] as const;

describe('kept YAML sources', () => {
  it("gives back what parsing gives, for Kong's decK files and broken ones, in a later build too", async () => {
    const texts: [string, string][] = [
      ['control-planes/kongair.yaml', await fs.readFile(path.join(SHARED, 'kongair/kong.yaml'), 'utf8')],
      ['control-planes/convert.yaml', await fs.readFile(path.join(SHARED, 'deck/convert-11-input.yaml'), 'utf8')],
      ...BROKEN.map(([name, text]): [string, string] => [`control-planes/${name.replace(/ /g, '-')}.yaml`, text]),
    ];
    const first = keptYamlParser(dir, 'code-1');
    for (const [file, text] of texts) expect(seen(first(text, file)), file).toStrictEqual(seen(parseYamlSource(text, file)));
    expect(await entries()).toBe(texts.length);

    const later = keptYamlParser(dir, 'code-1');
    for (const [file, text] of texts) {
      const fresh = parseYamlSource(text, file);
      const kept = later(text, file);
      expect(seen(kept), file).toStrictEqual(seen(fresh));
      // Positions and written text, asked for after the fact, are the parser's.
      for (const keyPath of [['services', 0, 'name'], ['services', 0, 'routes', 0, 'paths'], ['_format_version'], ['nowhere', 3]]) {
        expect(kept.locate(keyPath, 'key'), `${file} ${keyPath.join('.')}`).toEqual(fresh.locate(keyPath, 'key'));
        expect(kept.sourceText(keyPath)).toEqual(fresh.sourceText(keyPath));
      }
    }
    expect(await entries()).toBe(texts.length);
  });

  it('reads a control plane the same through it, its findings where they were', () => {
    const parse = keptYamlParser(dir, 'code-1');
    const read = (text: string, through?: typeof parse) => {
      const { deck, diagnostics } = parseControlPlane(text, 'cp.yaml', through);
      return { deck, diagnostics };
    };
    for (const [name, text] of BROKEN) {
      for (let run = 0; run < 2; run++) expect(read(text, parse), name).toStrictEqual(read(text));
    }
    // Unquoted formats are read as written (3.10 is the number 3.1, 3.0 the number 3), from a parse made when asked.
    expect(read(BROKEN[2][1], parse).diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('_format_version: 3.10 is not')]);
    expect(read(BROKEN[3][1], parse).diagnostics).toEqual([]);
  });

  it('parses again for an edited text, another file or other code', async () => {
    const text = '_format_version: "3.0"\nservices:\n- name: a\n';
    const parse = keptYamlParser(dir, 'code-1');
    parse(text, 'a.yaml');
    const before = await entries();
    expect(parse(text.replace('name: a', 'name: b'), 'a.yaml').value).toEqual({ _format_version: '3.0', services: [{ name: 'b' }] });
    expect(parse(text, 'b.yaml').value).toEqual({ _format_version: '3.0', services: [{ name: 'a' }] });
    keptYamlParser(dir, 'code-2')(text, 'a.yaml');
    expect(await entries()).toBe(before + 3);
  });

  it('keeps nothing without a cache folder or a code fingerprint', async () => {
    const none = path.join(dir, 'none');
    keptYamlParser(undefined, 'code-1')('a: 1\n', 'a.yaml');
    keptYamlParser(none, undefined)('a: 1\n', 'a.yaml');
    await expect(fs.readdir(none)).rejects.toThrow();
  });
});
