import { describe, expect, it } from 'vitest';
import { buildReferenceIndex, slugify } from '../../../src/lib/reference/index.ts';
import { kongAir, loadSpec } from './helpers.ts';

describe('slugify', () => {
  it('makes lower-case URL-safe slugs', () => {
    expect(slugify('getFlights')).toBe('get-flights');
    expect(slugify('repos/get-content')).toBe('repos-get-content');
    expect(slugify('  Crème Brûlée!! ')).toBe('creme-brulee');
    expect(slugify('<script>alert(1)</script>')).toBe('script-alert-1-script');
    expect(slugify('日本')).toBe('');
  });
});

describe('buildReferenceIndex slugs', () => {
  it('uses operationId when there is one', () => {
    const index = buildReferenceIndex(kongAir('flights'));
    expect(index.operations.map((o) => o.slug)).toEqual(['get-health', 'get-flights', 'get-flight-by-number', 'get-flight-details']);
    // /health has no operationId: method + path.
    expect(index.operations[0]).toMatchObject({ method: 'get', path: '/health' });
    expect(index.operations[0]).not.toHaveProperty('operationId');
  });

  it('falls back to method and path, and makes repeats unique in document order', () => {
    const doc = {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {
        '/a/{id}': {
          get: { operationId: 'same', responses: {} },
          put: { operationId: 'Same', responses: {} },
          delete: { responses: {} },
        },
        '/b': { get: { operationId: 'same', responses: {} }, post: { operationId: '日本', responses: {} } },
        '/': { get: { responses: {} } },
        '/a-{id}': { delete: { responses: {} } },
      },
    };
    const slugs = buildReferenceIndex(doc).operations.map((o) => o.slug);
    expect(slugs).toEqual(['same', 'same-2', 'delete-a-id', 'same-3', 'post-b', 'get-root', 'delete-a-id-2']);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const slug of slugs) expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('is deterministic and keeps path slugs when callbacks and webhooks are added', () => {
    const spec = loadSpec('reference/pets-3.1.yaml');
    const first = buildReferenceIndex(spec);
    expect(buildReferenceIndex(spec)).toEqual(first);
    expect(first.operations.map((o) => [o.kind, o.slug])).toEqual([
      ['operation', 'list-pets'],
      ['operation', 'create-pet'],
      ['operation', 'get-pets-pet-id'],
      ['operation', 'delete-pets-pet-id'],
      ['operation', 'get-family-tree'],
      ['webhook', 'webhook-new-pet'],
      ['webhook', 'pet-sold'],
      ['callback', 'create-pet-on-adopted-callback'],
    ]);
  });

  it('records pointers that lead back to the operation', () => {
    const index = buildReferenceIndex(loadSpec('reference/pets-3.1.yaml'));
    const pointers = Object.fromEntries(index.operations.map((o) => [o.slug, o.pointer]));
    expect(pointers['get-pets-pet-id']).toBe('#/paths/~1pets~1{petId}/get');
    expect(pointers['webhook-new-pet']).toBe('#/webhooks/newPet/post');
    expect(pointers['create-pet-on-adopted-callback']).toBe('#/paths/~1pets/post/callbacks/onAdopted/{$request.body#~1callbackUrl}/post');
  });
});

describe('buildReferenceIndex groups', () => {
  it('groups by declared tags, then untagged operations, webhooks and callbacks', () => {
    const index = buildReferenceIndex(loadSpec('reference/pets-3.1.yaml'));
    expect(index.title).toBe('Pet Store Events');
    expect(index.version).toBe('2.1.0');
    expect(index.tags.map((t) => [t.name, t.kind, t.operations])).toEqual([
      ['pets', 'tag', ['list-pets', 'create-pet', 'get-pets-pet-id', 'delete-pets-pet-id', 'get-family-tree']],
      ['events', 'tag', ['webhook-new-pet']],
      ['Webhooks', 'webhooks', ['pet-sold']],
      ['Callbacks', 'callbacks', ['create-pet-on-adopted-callback']],
    ]);
    expect(index.tags[0]!.description).toBe('Everything about *pets*.');
    const deleted = index.operations.find((o) => o.slug === 'delete-pets-pet-id');
    expect(deleted?.deprecated).toBe(true);
    const callback = index.operations.find((o) => o.kind === 'callback');
    expect(callback).toMatchObject({ parent: 'create-pet', callbackName: 'onAdopted', path: '{$request.body#/callbackUrl}' });
  });

  it("reads GitHub's x-webhooks in a 3.0 spec as webhooks", () => {
    const doc = {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {},
      'x-webhooks': { 'push-event': { post: { operationId: 'push', responses: {} } } },
    };
    const index = buildReferenceIndex(doc);
    expect(index.operations).toMatchObject([{ kind: 'webhook', slug: 'push', pointer: '#/x-webhooks/push-event/post' }]);
  });
});
