import { describe, expect, it } from 'vitest';
import { diffSpecs } from '../../../src/lib/diff/index.ts';
import { api, changesOf, getReturning, jsonResponse, kinds } from './helpers.ts';

const obj = { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } }, required: ['id'] };
const get = (responses: Record<string, unknown>) => api({ '/things': { get: { responses } } });

describe('responses', () => {
  it('a response added is not breaking', () => {
    expect(kinds(get({ '200': jsonResponse(obj) }), get({ '200': jsonResponse(obj), '404': { description: 'x' } }))).toEqual([
      ['response-added', false],
    ]);
  });

  it('a success response removed is breaking; an error response removed is not', () => {
    const all = { '200': jsonResponse(obj), '201': jsonResponse(obj), '404': { description: 'gone' } };
    const diff = diffSpecs(get(all), get({ '200': jsonResponse(obj) }));
    expect(changesOf(diff).map((c) => [c.kind, c.breaking, c.message])).toEqual([
      ['response-removed', true, 'response 201 removed'],
      ['response-removed', false, 'response 404 removed'],
    ]);
  });

  it('treats 2xx and 2XX as the same response', () => {
    expect(kinds(get({ '2xx': jsonResponse(obj) }), get({ '2XX': jsonResponse(obj) }))).toEqual([]);
  });

  it('a media type removed is breaking; one added is not', () => {
    const both = { description: 'ok', content: { 'application/json': { schema: obj }, 'text/csv': { schema: { type: 'string' } } } };
    expect(kinds(get({ '200': both }), get({ '200': jsonResponse(obj) }))).toEqual([['response-media-type-removed', true]]);
    expect(kinds(get({ '200': jsonResponse(obj) }), get({ '200': both }))).toEqual([['response-media-type-added', false]]);
  });

  it('a header removed is breaking; one added is not', () => {
    const withHeader = { ...jsonResponse(obj), headers: { 'X-Rate-Limit': { schema: { type: 'integer' } } } };
    const sameHeaderOtherCase = { ...jsonResponse(obj), headers: { 'x-rate-limit': { schema: { type: 'integer' } } } };
    expect(kinds(get({ '200': withHeader }), get({ '200': jsonResponse(obj) }))).toEqual([['response-header-removed', true]]);
    expect(kinds(get({ '200': jsonResponse(obj) }), get({ '200': withHeader }))).toEqual([['response-header-added', false]]);
    expect(kinds(get({ '200': withHeader }), get({ '200': sameHeaderOtherCase }))).toEqual([]);
  });

  it('a field removed is breaking; a field added is not', () => {
    const less = { ...obj, properties: { id: obj.properties.id } };
    const diff = diffSpecs(getReturning(obj), getReturning(less));
    expect(changesOf(diff)).toEqual([
      {
        kind: 'response-property-removed',
        breaking: true,
        message: 'response 200 (application/json): property `name` removed',
        pointer: '#/paths/~1things/get/responses/200/content/application~1json/schema/properties/name',
      },
    ]);
    expect(kinds(getReturning(less), getReturning(obj))).toEqual([['response-property-added', false]]);
  });

  it('a field made optional is breaking; made required is not', () => {
    expect(kinds(getReturning(obj), getReturning({ ...obj, required: [] }))).toEqual([
      ['response-property-became-optional', true],
    ]);
    expect(kinds(getReturning(obj), getReturning({ ...obj, required: ['id', 'name'] }))).toEqual([
      ['response-property-became-required', false],
    ]);
  });

  it('write-only fields are not part of the response', () => {
    const withSecret = { ...obj, properties: { ...obj.properties, secret: { type: 'string', writeOnly: true } } };
    expect(kinds(getReturning(withSecret), getReturning(obj))).toEqual([]);
  });

  it('widening a response type is breaking, narrowing it is not', () => {
    expect(kinds(getReturning({ type: 'integer' }), getReturning({ type: 'number' }))).toEqual([['response-type-changed', true]]);
    expect(kinds(getReturning({ type: 'number' }), getReturning({ type: 'integer' }))).toEqual([['response-type-changed', false]]);
  });

  it('a response becoming nullable is breaking', () => {
    expect(kinds(getReturning({ type: 'string' }), getReturning({ type: ['string', 'null'] }))).toEqual([
      ['response-type-changed', true],
    ]);
  });

  it('an enum value added to a response is breaking; one removed is not', () => {
    const status = (values: string[]) => getReturning({ type: 'object', properties: { status: { type: 'string', enum: values } } });
    const diff = diffSpecs(status(['open']), status(['open', 'closed']));
    expect(changesOf(diff).map((c) => [c.kind, c.breaking, c.message])).toEqual([
      ['response-enum-value-added', true, 'response 200 (application/json): property `status` enum value "closed" added'],
    ]);
    expect(kinds(status(['open', 'closed']), status(['open']))).toEqual([['response-enum-value-removed', false]]);
  });

  it('compares array items', () => {
    const list = (type: string) => getReturning({ type: 'array', items: { type: 'object', properties: { n: { type } } } });
    expect(changesOf(diffSpecs(list('integer'), list('string'))).map((c) => c.message)).toEqual([
      'response 200 (application/json): `[].n` type changed from integer to string',
    ]);
  });
});
