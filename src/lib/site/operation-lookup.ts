/** Finds an operation page by method and path (path-parameter names ignored), or a webhook's by method and name. */
const normalizePath = (path: string) => path.replace(/\{[^}]+\}/g, '{}');

export function operationSlugFor(
  operations: readonly { slug: string; method: string; path: string; kind: string }[],
  method: string,
  path: string,
  kind: 'operation' | 'webhook' = 'operation',
): string | undefined {
  const m = method.toLowerCase();
  const p = normalizePath(path);
  return operations.find((o) => o.kind === kind && o.method.toLowerCase() === m && normalizePath(o.path) === p)?.slug;
}
