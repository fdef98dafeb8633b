import { describe, expect, it } from 'vitest';
import { diffSpecs } from '../../../src/lib/diff/index.ts';
import { api, changesOf, jsonBody, kinds, postTaking } from './helpers.ts';

const done = { '204': { description: 'done' } };
const post = (requestBody?: unknown) => api({ '/things': { post: { ...(requestBody ? { requestBody } : {}), responses: done } } });
const obj = { type: 'object', properties: { name: { type: 'string' } } };

describe('request body', () => {
  it('an optional body added is not breaking; a required one is', () => {
    expect(kinds(post(), post(jsonBody(obj)))).toEqual([['request-body-added', false]]);
    expect(kinds(post(), post(jsonBody(obj, true)))).toEqual([['required-request-body-added', true]]);
  });

  it('a body removed is breaking', () => {
    expect(kinds(post(jsonBody(obj)), post())).toEqual([['request-body-removed', true]]);
  });

  it('a body made required is breaking; made optional is not', () => {
    expect(kinds(post(jsonBody(obj)), post(jsonBody(obj, true)))).toEqual([['request-body-became-required', true]]);
    expect(kinds(post(jsonBody(obj, true)), post(jsonBody(obj)))).toEqual([['request-body-became-optional', false]]);
  });

  it('a media type removed is breaking; one added is not', () => {
    const both = { content: { 'application/json': { schema: obj }, 'application/xml': { schema: obj } } };
    expect(kinds(post(both), post(jsonBody(obj)))).toEqual([['request-media-type-removed', true]]);
    expect(kinds(post(jsonBody(obj)), post(both))).toEqual([['request-media-type-added', false]]);
  });

  it('matches media types regardless of case and spaces', () => {
    const a = { content: { 'application/json; charset=utf-8': { schema: obj } } };
    const b = { content: { 'Application/JSON;charset=UTF-8': { schema: obj } } };
    expect(kinds(post(a), post(b))).toEqual([]);
  });

  it('a new required field is breaking, with a readable message and pointer', () => {
    const before = postTaking({ $ref: '#/components/schemas/New' }, { schemas: { New: obj } });
    const after = postTaking(
      { $ref: '#/components/schemas/New' },
      { schemas: { New: { ...obj, required: ['size'], properties: { ...obj.properties, size: { type: 'integer' } } } } },
    );
    expect(changesOf(diffSpecs(before, after))).toEqual([
      {
        kind: 'request-required-property-added',
        breaking: true,
        message: 'request body (application/json): property `size` added (required)',
        pointer: '#/components/schemas/New/properties/size',
      },
    ]);
  });

  it('a new optional field is not breaking; a field removed is', () => {
    const withSize = { ...obj, properties: { ...obj.properties, size: { type: 'integer' } } };
    expect(kinds(postTaking(obj), postTaking(withSize))).toEqual([['request-property-added', false]]);
    expect(kinds(postTaking(withSize), postTaking(obj))).toEqual([['request-property-removed', true]]);
  });

  it('a field made required is breaking; made optional is not', () => {
    expect(kinds(postTaking(obj), postTaking({ ...obj, required: ['name'] }))).toEqual([
      ['request-property-became-required', true],
    ]);
    expect(kinds(postTaking({ ...obj, required: ['name'] }), postTaking(obj))).toEqual([
      ['request-property-became-optional', false],
    ]);
  });

  it('read-only fields are not part of the request', () => {
    const withId = (required: string[]) => ({
      ...obj,
      required,
      properties: { ...obj.properties, id: { type: 'string', readOnly: true } },
    });
    expect(kinds(postTaking(obj), postTaking(withId(['id'])))).toEqual([]);
    expect(kinds(postTaking(withId([])), postTaking(obj))).toEqual([]);
  });

  it('nested field changes name the path', () => {
    const nested = (type: string) => ({ type: 'object', properties: { owner: { type: 'object', properties: { age: { type } } } } });
    const diff = diffSpecs(postTaking(nested('number')), postTaking(nested('integer')));
    expect(changesOf(diff)).toEqual([
      expect.objectContaining({
        kind: 'request-type-changed',
        breaking: true,
        message: 'request body (application/json): property `owner.age` type changed from number to integer',
      }),
    ]);
  });
});
