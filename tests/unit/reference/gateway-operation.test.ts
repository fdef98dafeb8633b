import { describe, expect, it } from 'vitest';
import type { ResolvedEnvironment } from '../../../src/lib/gateway/types.ts';
import { operationInEnvironment, sampleRoute } from '../../../src/lib/reference/gateway-operation.ts';

const facts = (method: string, path: string, url: string) => ({ method, path, served_by: [{ urls: [url] }] });

function environment(operations: unknown[] | undefined): ResolvedEnvironment {
  return { name: 'prod', base_urls: [], routes: [], ...(operations ? { gateway: { operations } } : {}) } as unknown as ResolvedEnvironment;
}

describe('operationInEnvironment', () => {
  it('finds an operation by method (any case) and path, the first of duplicates, over many operations', () => {
    const operations = Array.from({ length: 2000 }, (_, i) => facts('get', `/items/${i}`, `https://api.example.com/items/${i}`));
    operations.push(facts('post', '/items/7', 'https://first.example.com/items/7'), facts('post', '/items/7', 'https://second.example.com/items/7'));
    const env = environment(operations);
    expect(operationInEnvironment(env, { method: 'GET', path: '/items/1999' })).toBe(operations[1999]);
    expect(operationInEnvironment(env, { method: 'post', path: '/items/7' })).toBe(operations[2000]);
    expect(sampleRoute(env, { method: 'POST', path: '/items/7' })?.url).toBe('https://first.example.com/items/7');
    expect(operationInEnvironment(env, { method: 'delete', path: '/items/7' })).toBeUndefined();
    expect(operationInEnvironment(env, { method: 'get', path: '/items/7/' })).toBeUndefined();
  });

  it('gives nothing for an environment without per-operation facts', () => {
    expect(operationInEnvironment(environment(undefined), { method: 'get', path: '/' })).toBeUndefined();
    expect(operationInEnvironment(environment([]), { method: 'get', path: '/' })).toBeUndefined();
  });
});
