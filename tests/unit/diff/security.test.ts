import { describe, expect, it } from 'vitest';
import { diffSpecs } from '../../../src/lib/diff/index.ts';
import { api, changesOf, kinds } from './helpers.ts';

const schemes = {
  securitySchemes: {
    apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
    oauth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://a/token', scopes: { read: '', write: '' } } } },
    basic: { type: 'http', scheme: 'basic' },
  },
};

function secured(security: unknown, options: { global?: unknown; components?: Record<string, unknown> } = {}) {
  const operation: Record<string, unknown> = { responses: { '204': { description: 'done' } } };
  if (security !== undefined) operation.security = security;
  return api({ '/a': { get: operation } }, options.components ?? schemes, options.global ? { security: options.global } : {});
}

describe('security', () => {
  it('requiring authentication where none was is breaking', () => {
    const diff = diffSpecs(secured(undefined), secured([{ apiKey: [] }]));
    expect(changesOf(diff).map((c) => [c.kind, c.breaking, c.message])).toEqual([
      ['security-added', true, 'authentication is now required (apiKey)'],
    ]);
  });

  it('dropping authentication is not breaking', () => {
    expect(kinds(secured([{ apiKey: [] }]), secured([]))).toEqual([['security-removed', false]]);
    // An empty requirement makes authentication optional.
    expect(kinds(secured([{ apiKey: [] }]), secured([{ apiKey: [] }, {}]))).toEqual([['security-removed', false]]);
  });

  it('replacing one scheme by another is breaking', () => {
    expect(kinds(secured([{ apiKey: [] }]), secured([{ basic: [] }]))).toEqual([
      ['security-requirement-removed', true],
      ['security-requirement-added', false],
    ]);
  });

  it('offering another alternative is not breaking', () => {
    expect(kinds(secured([{ apiKey: [] }]), secured([{ apiKey: [] }, { basic: [] }]))).toEqual([
      ['security-requirement-added', false],
    ]);
  });

  it('requiring two schemes together where one sufficed is breaking', () => {
    expect(kinds(secured([{ apiKey: [] }]), secured([{ apiKey: [], basic: [] }]))).toEqual([
      ['security-requirement-removed', true],
      ['security-requirement-added', false],
    ]);
  });

  it('a new scope is breaking; a scope dropped is not', () => {
    expect(kinds(secured([{ oauth: ['read'] }]), secured([{ oauth: ['read', 'write'] }]))).toEqual([
      ['security-scopes-added', true],
    ]);
    expect(kinds(secured([{ oauth: ['read', 'write'] }]), secured([{ oauth: ['read'] }]))).toEqual([
      ['security-scopes-removed', false],
    ]);
  });

  it('the document-level requirement applies when the operation has none', () => {
    expect(kinds(secured(undefined, { global: [{ apiKey: [] }] }), secured([{ apiKey: [] }]))).toEqual([]);
    expect(kinds(secured(undefined), secured(undefined, { global: [{ apiKey: [] }] }))).toEqual([['security-added', true]]);
  });

  it('moving the API key to another header is breaking', () => {
    const moved = { securitySchemes: { ...schemes.securitySchemes, apiKey: { type: 'apiKey', in: 'header', name: 'Authorization' } } };
    const diff = diffSpecs(secured([{ apiKey: [] }]), secured([{ apiKey: [] }], { components: moved }));
    expect(changesOf(diff).map((c) => [c.kind, c.breaking, c.message])).toEqual([
      ['security-scheme-changed', true, 'security scheme apiKey changed from apiKey header x-api-key to apiKey header authorization'],
    ]);
  });

  it('scheme descriptions and header-name case are not changes', () => {
    const recased = {
      securitySchemes: { ...schemes.securitySchemes, apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key', description: 'new' } },
    };
    expect(kinds(secured([{ apiKey: [] }]), secured([{ apiKey: [] }], { components: recased }))).toEqual([]);
  });
});
