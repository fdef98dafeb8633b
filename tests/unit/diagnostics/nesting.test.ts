/** The nesting limit every parsed document is held to (diagnostics/nesting.ts). */
import { describe, expect, it } from 'vitest';
import { findTooDeep, MAX_NESTING_DEPTH } from '../../../src/lib/diagnostics/nesting.ts';

/** `levels` mappings (or lists) inside each other, the innermost holding a scalar. */
function nested(levels: number, list = false): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = list ? [value] : { a: value };
  return value;
}

describe('findTooDeep', () => {
  it('accepts exactly the limit and refuses one level more, with the path to that level', () => {
    expect(findTooDeep(nested(MAX_NESTING_DEPTH))).toBeUndefined();
    const path = findTooDeep(nested(MAX_NESTING_DEPTH + 1));
    expect(path).toEqual(Array(MAX_NESTING_DEPTH).fill('a'));
    expect(findTooDeep(nested(3, true), 2)).toEqual(['0', '0']);
  });

  it('walks a million levels without overflowing the stack', () => {
    expect(findTooDeep(nested(1_000_000))).toHaveLength(MAX_NESTING_DEPTH);
  });

  it('finds the deep branch among shallow ones, and ignores scalars', () => {
    const doc = { info: { title: 'x' }, paths: { '/a': { get: {} }, '/b': nested(10) }, n: 1, s: null };
    expect(findTooDeep(doc, 5)).toEqual(['paths', '/b', 'a', 'a', 'a']);
    expect(findTooDeep(doc, 12)).toBeUndefined();
    expect(findTooDeep('text')).toBeUndefined();
  });

  it('counts a shared value (a YAML alias) where it is used, walking it once', () => {
    const shared = nested(4);
    expect(findTooDeep({ a: shared, b: { c: { d: shared } } }, 6)).toEqual(['b', 'c', 'd', 'a', 'a', 'a']);
    // 2^40 paths through 40 shared levels: remembered heights keep this instant.
    let dag: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 40; i++) dag = { left: dag, right: dag };
    expect(findTooDeep(dag, 100)).toBeUndefined();
    expect(findTooDeep(dag, 30)).toHaveLength(30);
  });

  it('does not follow a value that contains itself', () => {
    const loop: Record<string, unknown> = { a: 1 };
    loop.self = loop;
    expect(findTooDeep(loop, 3)).toBeUndefined();
  });
});
