import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sanitizeSvg } from '../../../src/lib/publish/sanitize-svg.ts';

const EVIL = fs.readFileSync(path.resolve(import.meta.dirname, '../../fixtures/hostile/evil-svg/products/flights/docs/img/evil.svg'), 'utf8');

/** Every way the fixture tries to run script or reach another origin. */
export function assertInert(svg: string): void {
  expect(svg).not.toMatch(/<script|<foreignObject|<iframe|<set|<animate|<\?xml-stylesheet/i);
  expect(svg).not.toMatch(/\son[a-z]+=/i);
  expect(svg).not.toMatch(/alert\(/);
  expect(svg).not.toMatch(/javascript:|evil\.example|data:|@import/i);
  expect(svg).not.toMatch(/href="(?!#)/);
  expect(svg).not.toContain('atrium-entity-expanded');
}

describe('sanitizeSvg', () => {
  const clean = sanitizeSvg(EVIL)!;

  it('removes scripts, handlers, foreignObject, animation and every reference outside the file', () => {
    assertInert(clean);
  });

  it('keeps the drawing: shapes, gradients, local references, text', () => {
    expect(clean).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" xmlns:xlink="http:\/\/www\.w3\.org\/1999\/xlink" viewBox="0 0 100 100">/);
    expect(clean).toContain('<linearGradient id="grad"><stop offset="0" stop-color="#0a5cad" />');
    expect(clean).toContain('<rect class="bg" width="100" height="100" fill="url(#grad)" />');
    expect(clean).toContain('<circle cx="50" cy="50" r="20" style="stroke: none; stroke-width: 2" />');
    expect(clean).toContain('<a href="#grad"><text x="10" y="70">Local</text></a>');
    expect(clean).toContain('<use xlink:href="#grad" />');
    expect(clean).toContain('.bg { fill: url(#grad); background-image: none; }');
  });

  it('drops a style sheet that tries to close its element', () => {
    expect(clean).not.toContain('breakout');
    expect(clean).toContain('<style>.x{}</style>');
  });

  it('is idempotent and deterministic', () => {
    expect(sanitizeSvg(clean)).toBe(clean);
    expect(sanitizeSvg(EVIL)).toBe(clean);
  });

  it('leaves an ordinary logo as it was drawn', () => {
    const logo = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" role="img" aria-label="KongAir"><rect width="32" height="32" rx="7" fill="#0a5cad" /><path d="M6 19.5 26 9z" fill="#fff" stroke-linecap="round" /></svg>\n';
    expect(sanitizeSvg(logo)).toBe(logo);
  });

  it('finds no SVG in text that is not one', () => {
    expect(sanitizeSvg('control_plane: prod\nservices: []\n')).toBeUndefined();
    expect(sanitizeSvg('<html><body><p>hi</p></body></html>')).toBeUndefined();
  });
});
