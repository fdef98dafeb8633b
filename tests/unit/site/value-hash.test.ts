/**
 * The content hash of page inputs (src/lib/site/value-hash.ts): equal data gives equal hashes
 * however V8 stores it, and any difference a page could show gives a different hash.
 */
import { describe, expect, it } from 'vitest';
import { hashOfKept, hashValue, rememberHash } from '../../../src/lib/site/value-hash.ts';

describe('hashValue', () => {
  it('is the same for a copy made by spreading, a rebuilt array and a number computed another way', () => {
    const original = { title: 'Flights', count: 3, tags: ['a', 'b'], nested: { ok: true } };
    const copy = { ...original, tags: [...original.tags], nested: { ...original.nested } };
    expect(hashValue(copy)).toBe(hashValue(original));
    const holey: string[] = [];
    holey[1] = 'b';
    holey[0] = 'a';
    expect(hashValue(holey)).toBe(hashValue(['a', 'b']));
    // 3 stored as a double after arithmetic, and as a small integer.
    expect(hashValue({ n: 1.5 * 2 })).toBe(hashValue({ n: 3 }));
  });

  it('is the same for one-byte and two-byte strings of the same text', () => {
    const twoByte = 'Flights \u00e9\u4e2d'.slice(0, 7); // "Flights" cut from a string V8 stores as two-byte
    expect(twoByte).toBe('Flights');
    expect(hashValue({ t: twoByte })).toBe(hashValue({ t: 'Flights' }));
  });

  it('tells apart what a page could show differently', () => {
    const distinct = [
      ['ab', 'c'],
      ['a', 'bc'],
      { a: 1, b: 2 },
      { b: 2, a: 1 }, // order: a page lists properties as it finds them
      { a: undefined },
      {},
      [undefined],
      [null],
      [],
      new Map([['a', 1]]),
      { a: 1 },
      new Set(['a']),
      ['a'],
      '1',
      1,
      -0,
      0,
      true,
      'true',
      '\ud800', // a lone surrogate, which UTF-8 would turn into U+FFFD
      '\ufffd',
      1n,
      new Date(0),
      new Uint8Array([1]),
    ];
    const hashes = distinct.map((v) => hashValue(v));
    expect(new Set(hashes).size).toBe(distinct.length);
  });

  it('hashes a cycle by where it returns to, and refuses a function', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    const b: Record<string, unknown> = { name: 'a' };
    b.self = b;
    expect(hashValue(a)).toBe(hashValue(b));
    const c: Record<string, unknown> = { name: 'a', self: { name: 'a' } };
    expect(hashValue(c)).not.toBe(hashValue(a));
    expect(() => hashValue({ f: () => 1 })).toThrow(/function is not data/);
  });

  it('hashes a large value in pieces the same as the same data at once', () => {
    const big = Array.from({ length: 20_000 }, (_, i) => ({ i, text: `row ${i}` }));
    expect(hashValue(big)).toBe(hashValue(big.map((r) => ({ ...r }))));
    expect(hashValue(big)).not.toBe(hashValue([...big.slice(0, -1), { i: 19_999, text: 'row 19998' }]));
  });

  it('answers a kept hash without walking the value again, and hashes any other value by content', () => {
    const read = [{ service: 'flights', routes: ['/v2'] }];
    const same = [{ service: 'flights', routes: ['/v2'] }];
    rememberHash(read, hashValue(read));
    expect(hashOfKept(read)).toBe(hashValue(same));
    expect(hashOfKept(same)).toBe(hashValue(same));
    // Kept, not recomputed: what the cache stored with the value is what is answered.
    rememberHash(read, 'stored-with-the-entry');
    expect(hashOfKept(read)).toBe('stored-with-the-entry');
  });
});
