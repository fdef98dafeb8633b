/** Finds an operation page by method and path, with path-parameter names ignored. */
const normalizePath = (path: string) => path.replace(/\{[^}]+\}/g, '{}');

export function operationSlugFor(
  operations: readonly { slug: string; method: string; path: string; kind: string }[],
  method: string,
  path: string,
): string | undefined {
  const m = method.toLowerCase();
  const p = normalizePath(path);
  return operations.find((o) => o.kind === 'operation' && o.method.toLowerCase() === m && normalizePath(o.path) === p)?.slug;
}
