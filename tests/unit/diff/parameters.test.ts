import { describe, expect, it } from 'vitest';
import { diffSpecs } from '../../../src/lib/diff/index.ts';
import { api, changesOf, getWithParams, kinds } from './helpers.ts';

const query = (name: string, extra: Record<string, unknown> = {}) => ({ name, in: 'query', schema: { type: 'integer' }, ...extra });

describe('parameters', () => {
  it('an optional parameter added is not breaking', () => {
    expect(kinds(getWithParams([]), getWithParams([query('limit')]))).toEqual([['parameter-added', false]]);
  });

  it('a required parameter added is breaking', () => {
    const diff = diffSpecs(getWithParams([]), getWithParams([query('limit', { required: true })]));
    expect(changesOf(diff)).toEqual([
      {
        kind: 'required-parameter-added',
        breaking: true,
        message: 'required query parameter `limit` added',
        pointer: '#/paths/~1things/get/parameters/0',
      },
    ]);
    expect(diff.breaking).toBe(true);
  });

  it('a parameter removed is breaking', () => {
    expect(kinds(getWithParams([query('limit')]), getWithParams([]))).toEqual([['parameter-removed', true]]);
  });

  it('a parameter made required is breaking; made optional is not', () => {
    expect(kinds(getWithParams([query('q')]), getWithParams([query('q', { required: true })]))).toEqual([
      ['parameter-became-required', true],
    ]);
    expect(kinds(getWithParams([query('q', { required: true })]), getWithParams([query('q')]))).toEqual([
      ['parameter-became-optional', false],
    ]);
  });

  it('a parameter deprecated is not breaking', () => {
    expect(kinds(getWithParams([query('q')]), getWithParams([query('q', { deprecated: true })]))).toEqual([
      ['parameter-deprecated', false],
    ]);
  });

  it('narrowing a parameter type is breaking, widening is not', () => {
    const typed = (type: string) => getWithParams([{ name: 'n', in: 'query', schema: { type } }]);
    expect(kinds(typed('number'), typed('integer'))).toEqual([['parameter-type-changed', true]]);
    expect(kinds(typed('integer'), typed('number'))).toEqual([['parameter-type-changed', false]]);
    expect(kinds(typed('integer'), typed('string'))).toEqual([['parameter-type-changed', true]]);
  });

  it('removing an enum value a client may send is breaking; adding one is not', () => {
    const withEnum = (values: string[]) => getWithParams([{ name: 's', in: 'query', schema: { type: 'string', enum: values } }]);
    expect(kinds(withEnum(['a', 'b']), withEnum(['a']))).toEqual([['parameter-enum-value-removed', true]]);
    expect(kinds(withEnum(['a']), withEnum(['a', 'b']))).toEqual([['parameter-enum-value-added', false]]);
  });

  it('tightening a bound is breaking; relaxing it is not', () => {
    const max = (maximum: number) => getWithParams([query('n', { schema: { type: 'integer', maximum } })]);
    expect(kinds(max(100), max(50))).toEqual([['parameter-constraint-changed', true]]);
    expect(kinds(max(50), max(100))).toEqual([['parameter-constraint-changed', false]]);
  });

  it('matches header parameters regardless of case and ignores Accept/Content-Type/Authorization', () => {
    const before = getWithParams([{ name: 'X-Trace', in: 'header', schema: { type: 'string' } }]);
    const after = getWithParams([
      { name: 'x-trace', in: 'header', schema: { type: 'string' } },
      { name: 'Authorization', in: 'header', required: true, schema: { type: 'string' } },
    ]);
    expect(kinds(before, after)).toEqual([]);
  });

  it('does not match parameters of the same name in different places', () => {
    const before = getWithParams([query('id')]);
    const after = getWithParams([{ name: 'id', in: 'header', schema: { type: 'integer' } }]);
    expect(kinds(before, after)).toEqual([
      ['parameter-removed', true],
      ['parameter-added', false],
    ]);
  });

  it('matches path parameters by position, so a rename is no change but a type change is', () => {
    const p = (name: string, type: string) => ({ name, in: 'path', required: true, schema: { type } });
    const before = api({ '/a/{id}': { get: { parameters: [p('id', 'integer')], responses: {} } } });
    const renamed = api({ '/a/{thingId}': { get: { parameters: [p('thingId', 'integer')], responses: {} } } });
    const retyped = api({ '/a/{thingId}': { get: { parameters: [p('thingId', 'string')], responses: {} } } });
    expect(diffSpecs(before, renamed).changed).toEqual([]);
    const diff = diffSpecs(before, retyped);
    expect(changesOf(diff).map((c) => c.message)).toEqual(['path parameter `thingId`: type changed from integer to string']);
  });

  it('merges path-item parameters into the operation, operation-level ones winning', () => {
    const before = api({ '/a': { parameters: [query('q')], get: { responses: {} } } });
    const after = api({ '/a': { parameters: [query('q')], get: { parameters: [query('q', { required: true })], responses: {} } } });
    expect(kinds(before, after)).toEqual([['parameter-became-required', true]]);
  });

  it('follows $ref parameters', () => {
    const before = api(
      { '/a': { get: { parameters: [{ $ref: '#/components/parameters/Q' }], responses: {} } } },
      { parameters: { Q: query('q') } },
    );
    const after = api({ '/a': { get: { parameters: [query('q', { schema: { type: 'string' } })], responses: {} } } });
    expect(kinds(before, after)).toEqual([['parameter-type-changed', true]]);
  });
});
