import { describe, expect, it } from 'vitest';
import { diffSpecs } from '../../../src/lib/diff/index.ts';
import { api, kinds } from './helpers.ts';

const ok = { responses: { '204': { description: 'done' } } };

describe('operation matching', () => {
  it('reports added and removed operations, with the path as each spec writes it', () => {
    const before = api({ '/flights': { get: ok, delete: ok }, '/old': { get: ok } });
    const after = api({ '/flights': { get: ok, post: ok }, '/new': { put: ok } });
    const diff = diffSpecs(before, after);
    expect(diff.added).toEqual([
      { method: 'post', path: '/flights' },
      { method: 'put', path: '/new' },
    ]);
    expect(diff.removed).toEqual([
      { method: 'delete', path: '/flights' },
      { method: 'get', path: '/old' },
    ]);
    expect(diff.changed).toEqual([]);
    expect(diff.breaking).toBe(true);
  });

  it('only additions are not breaking', () => {
    const diff = diffSpecs(api({ '/a': { get: ok } }), api({ '/a': { get: ok, post: ok } }));
    expect(diff.breaking).toBe(false);
    expect(diff.added).toEqual([{ method: 'post', path: '/a' }]);
  });

  it('matches paths whose parameters were renamed, reporting the new path', () => {
    const param = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
    const before = api({ '/a/{id}/b/{x}': { parameters: [param('id'), param('x')], get: { ...ok, deprecated: false } } });
    const after = api({
      '/a/{accountId}/b/{name}': { parameters: [param('accountId'), param('name')], get: { ...ok, deprecated: true } },
    });
    const diff = diffSpecs(before, after);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.changed).toEqual([
      {
        method: 'get',
        path: '/a/{accountId}/b/{name}',
        breaking: false,
        changes: [expect.objectContaining({ kind: 'operation-deprecated', breaking: false })],
      },
    ]);
  });

  it('does not match a path that differs in more than parameter names', () => {
    const diff = diffSpecs(api({ '/a/{id}': { get: ok } }), api({ '/a/{id}/': { get: ok } }));
    expect(diff.added).toEqual([{ method: 'get', path: '/a/{id}/' }]);
    expect(diff.removed).toEqual([{ method: 'get', path: '/a/{id}' }]);
  });

  it('lists operations by path, then method in path-item order, whatever the input order', () => {
    const after = api({ '/z': { post: ok, get: ok }, '/a': { delete: ok, put: ok, get: ok } });
    expect(diffSpecs(api({}), after).added).toEqual([
      { method: 'get', path: '/a' },
      { method: 'put', path: '/a' },
      { method: 'delete', path: '/a' },
      { method: 'get', path: '/z' },
      { method: 'post', path: '/z' },
    ]);
  });

  it('follows $ref path items (3.1)', () => {
    const before = api({ '/a': { $ref: '#/components/pathItems/A' } }, { pathItems: { A: { get: ok } } });
    const after = api({ '/a': { get: { ...ok, deprecated: true } } });
    expect(kinds(before, after)).toEqual([['operation-deprecated', false]]);
  });

  it('reports un-deprecation as a non-breaking change', () => {
    expect(kinds(api({ '/a': { get: { ...ok, deprecated: true } } }), api({ '/a': { get: ok } }))).toEqual([
      ['operation-undeprecated', false],
    ]);
  });

  it('ignores descriptions, summaries, examples and operation ids', () => {
    const before = api({ '/a': { get: { summary: 'x', description: 'y', operationId: 'one', ...ok } } });
    const after = api({ '/a': { get: { summary: 'z', description: 'w', operationId: 'two', ...ok } } });
    expect(diffSpecs(before, after)).toEqual({ breaking: false, added: [], removed: [], changed: [] });
  });

  it('an empty or path-less document diffs without errors', () => {
    expect(diffSpecs({ openapi: '3.1.0' }, { openapi: '3.1.0' })).toEqual({ breaking: false, added: [], removed: [], changed: [] });
  });
});
