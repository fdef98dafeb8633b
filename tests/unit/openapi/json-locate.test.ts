import { describe, expect, it } from 'vitest';
import { createLineIndex, jsonSyntaxErrorOffset, locateJsonPointers } from '../../../src/lib/openapi/json-locate.ts';

const TEXT = `{
  "openapi": "3.0.3",
  "paths": {
    "/a\\"b": { "get": { "tags": ["x", "y"] } },
    "/c~d": {
      "post": {}
    }
  }
}`;

describe('locateJsonPointers', () => {
  const at = (pointers: string[][]) => {
    const line = createLineIndex(TEXT);
    return locateJsonPointers(TEXT, pointers).map((offset) => {
      const { line: l, column } = line(offset);
      return `${l}:${column}`;
    });
  };

  it('points at the key of object members, the value of array items, the start for the root', () => {
    expect(at([[], ['openapi'], ['paths', '/a"b', 'get'], ['paths', '/a"b', 'get', 'tags', '1'], ['paths', '/c~d', 'post']])).toEqual(['1:1', '2:3', '4:16', '4:39', '6:7']);
  });

  it('points at the deepest existing ancestor for a missing pointer', () => {
    expect(at([['paths', '/c~d', 'post', 'responses'], ['nope', 'deeper']])).toEqual(['6:7', '1:1']);
  });
});

describe('jsonSyntaxErrorOffset', () => {
  it.each([
    ['{"a": }', 6],
    ['{"a": 1,}', 8],
    ['[1, 2', 5],
    ['{"a": tru}', 6],
    ['{"a": 1} x', 9],
  ])('%s fails at %i', (text, offset) => {
    expect(jsonSyntaxErrorOffset(text)).toBe(offset);
  });

  it('finds nothing wrong in valid JSON', () => {
    expect(jsonSyntaxErrorOffset(TEXT)).toBeUndefined();
  });
});
