/** Reads the YAML fixtures of tests/fixtures/diff as plain objects (no spec loader needed). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/diff/', import.meta.url));

export function readFixture(name: string): Record<string, any> {
  return parse(readFileSync(`${FIXTURES}${name}`, 'utf8'));
}
