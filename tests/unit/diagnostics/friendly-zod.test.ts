import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatKeyPath, parseWithFriendlyErrors } from '../../../src/lib/diagnostics/friendly-zod.ts';
import { parseYamlSource } from '../../../src/lib/diagnostics/yaml-source.ts';
import { formatDiagnostic } from '../../../src/lib/diagnostics/diagnostic.ts';

function check(schema: z.ZodType, text: string): string[] {
  const result = parseWithFriendlyErrors(schema, parseYamlSource(text, 'f.yaml'));
  return result.diagnostics.map(formatDiagnostic);
}

describe('parseWithFriendlyErrors', () => {
  it('returns the parsed data when valid', () => {
    const result = parseWithFriendlyErrors(z.object({ a: z.number().default(1) }), parseYamlSource('{}', 'f.yaml'));
    expect(result).toEqual({ ok: true, data: { a: 1 }, diagnostics: [] });
  });

  it('writes unions as `A | B`', () => {
    const schema = z.strictObject({ timeout: z.union([z.number(), z.string()]) });
    expect(check(schema, 'timeout: [1]\n')).toEqual(['f.yaml:1:10: error: timeout: expected `number | string`, got a list']);
  });

  it('reports the closest alternative of a union of objects', () => {
    const schema = z.strictObject({
      auth: z.union([z.strictObject({ type: z.literal('key'), header: z.string() }), z.strictObject({ type: z.literal('none') })]),
    });
    expect(check(schema, 'auth:\n  type: key\n  header: 3\n')).toEqual([
      'f.yaml:3:11: error: auth.header: expected a string, got 3; put it in quotes: "3"',
    ]);
  });

  it('lists the known keys when no key is close', () => {
    const schema = z.strictObject({ name: z.string(), published: z.boolean().optional() });
    expect(check(schema, 'name: a\ncolour: red\n')).toEqual([
      'f.yaml:2:1: error: unknown key `colour`; known keys here are `name`, `published`',
    ]);
  });

  it('keeps messages written in the schema, with the path', () => {
    const schema = z.strictObject({ site: z.string().refine((s) => s.startsWith('https://'), { error: 'expected an https URL' }) });
    expect(check(schema, 'site: http://x\n')).toEqual(['f.yaml:1:7: error: site: expected an https URL']);
  });

  it('describes sizes', () => {
    const schema = z.strictObject({ title: z.string().min(1), tags: z.array(z.string()).max(1) });
    expect(check(schema, 'title: ""\ntags: [a, b]\n')).toEqual([
      'f.yaml:1:8: error: title: expected a non-empty string, got ""',
      'f.yaml:2:7: error: tags: expected at most 1 item, got a list',
    ]);
  });

  it('reports a document that is not a mapping at its start', () => {
    expect(check(z.strictObject({ a: z.string() }), '- a\n')).toEqual(['f.yaml:1:1: error: expected a mapping (key: value), got a list']);
  });
});

describe('formatKeyPath', () => {
  it('joins keys with dots, indexes in brackets, quotes odd keys', () => {
    expect(formatKeyPath(['deprecation', 'sunset'])).toBe('deprecation.sunset');
    expect(formatKeyPath(['gateway_services', 0, 'service'])).toBe('gateway_services[0].service');
    expect(formatKeyPath(['labels', 'team name'])).toBe('labels["team name"]');
  });
});
