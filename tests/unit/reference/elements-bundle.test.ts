/** The portal's copy of Elements sends no placeholder credential (see elements-bundle.ts). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { patchElementsBundle } from '../../../src/lib/reference/elements-bundle.ts';

const require = createRequire(import.meta.url);
const BUNDLE = readFileSync(path.join(path.dirname(require.resolve('@stoplight/elements')), 'web-components.min.js'), 'utf8');

describe('patchElementsBundle', () => {
  it('makes the installed Elements add only the credentials the reader entered', () => {
    const patched = patchElementsBundle(BUNDLE);
    expect(patched).not.toBe(BUNDLE);
    expect(patched).toContain('e.filter(e=>!!e.authValue).forEach(e=>{var n,r,a;MC(e.scheme)');
    expect(patched.length - BUNDLE.length).toBe('.filter(e=>!!e.authValue)'.length);
  });

  it('stops the build, naming what to update, when Elements changes the patched code', () => {
    expect(() => patchElementsBundle(BUNDLE.replace('MC(e.scheme)', 'XX(e.scheme)'))).toThrow(/no longer contains the credential loop.*elements-bundle\.ts/);
  });
});
